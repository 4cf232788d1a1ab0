#pragma once

#include "lc-live-view.h"

G_BEGIN_DECLS

/* For tests: GL textures the view's pool ever made (0 without OpenGL). */
guint  _lc_live_view_get_n_gl_textures (LcLiveView *self);

G_END_DECLS

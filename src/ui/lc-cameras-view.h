#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_CAMERAS_VIEW (lc_cameras_view_get_type ())
G_DECLARE_FINAL_TYPE (LcCamerasView, lc_cameras_view, LC, CAMERAS_VIEW, LcPage)

GtkWidget *lc_cameras_view_new (void);

G_END_DECLS

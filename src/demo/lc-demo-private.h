#pragma once

#include "lc-demo.h"

G_BEGIN_DECLS

/* Reference pictures of the part types and a labelled picture of every part that failed
 * for a defect (lc-demo-pictures.c). */
gboolean _lc_demo_add_pictures (LcStore  *store,
                                gint64    labeller_id,
                                GError  **error);

G_END_DECLS

#pragma once

#include "lc-demo.h"
#include "lc-sim-part.h"

G_BEGIN_DECLS

/* Reference pictures of the part types and a labelled picture of every part that failed
 * for a defect (lc-demo-pictures.c). */
gboolean _lc_demo_add_pictures (LcStore  *store,
                                gint64    labeller_id,
                                GError  **error);

/* How the simulated camera draws a demo defect class (a scratch, a dent or a spot). */
LcSimDefectClass _lc_demo_sim_defect_for (const char *defect_class);

G_END_DECLS

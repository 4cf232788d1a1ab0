#pragma once

#include <adwaita.h>

#include "lc-gauge-bench.h"
#include "lc-part-type.h"

G_BEGIN_DECLS

/* The outputs a part type's verdicts write (part_type.outputs, see lc-gauge-bench.h): for a
 * pass, a fail (a reject gate) and a critical defect (stop and alarm), which output channel,
 * the value, and how long before it goes back to 0. Edits go into the part type. */
#define LC_TYPE_VERDICT_OUTPUTS_GROUP (lc_verdict_outputs_group_get_type ())
G_DECLARE_FINAL_TYPE (LcVerdictOutputsGroup, lc_verdict_outputs_group, LC, VERDICT_OUTPUTS_GROUP, AdwPreferencesGroup)

GtkWidget *lc_verdict_outputs_group_new  (void);
/* BENCH lists the output channels; PART_TYPE (or NULL) is the one being edited. */
void       lc_verdict_outputs_group_edit (LcVerdictOutputsGroup *self,
                                          LcGaugeBench          *bench,
                                          LcPartType            *part_type);

G_END_DECLS

#pragma once

#include <gio/gio.h>

#include "lc-inspect-session.h"
#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* A suggestion at or above this confidence is "confident": the one-click pass is offered and
 * the picture stays out of the review queue. lc-vision-prediction.h: "a verdict under about
 * 0.7 belongs in the review queue". */
#define LC_INSPECT_VISION_CONFIDENT 0.7

/* The side of the square patch the defect classifier looks at, in pixels, and the share of
 * the picture's height that patch covers around a suspicious region's centre. The same patch
 * is cut for training (lc_inspect_vision_cut_patch) and at inspection, whatever the camera's
 * resolution, so the classifier always sees a defect at the same scale. */
#define LC_INSPECT_VISION_PATCH      32
#define LC_INSPECT_VISION_PATCH_SHARE 0.12

#define LC_TYPE_INSPECT_VISION (lc_inspect_vision_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectVision, lc_inspect_vision, LC, INSPECT_VISION, GObject)

/* The active vision models of a part type, loaded once at changeover (the anomaly model finds
 * where a part differs from the good ones; the defect classifier names what it is), and run on
 * a worker for each part. A model file that is missing or damaged does not stop inspection:
 * the model is left out and lc_inspect_vision_get_problem () says why, in words. NULL only
 * when the database cannot be read. */
LcInspectVision *lc_inspect_vision_new_for_part_type (LcStore         *store,
                                                      LcPartType      *part_type,
                                                      GError         **error);
/* At least one model loaded. */
gboolean         lc_inspect_vision_has_model         (LcInspectVision *self);
/* Why a model of the part type is not used, or NULL. */
const char      *lc_inspect_vision_get_problem       (LcInspectVision *self);
/* The model the verdict is recorded with (the anomaly model, else the classifier), 0 for
 * none; its version (1, 2, …). */
gint64           lc_inspect_vision_get_model_id      (LcInspectVision *self);
int              lc_inspect_vision_get_model_version (LcInspectVision *self);
gint64           lc_inspect_vision_get_classifier_id (LcInspectVision *self);

/* An LcInspectAnalyzer (user_data: the LcInspectVision). Any thread, several at once. */
gboolean         lc_inspect_vision_analyze           (LcFrame              *frame,
                                                      gint64                model_id,
                                                      LcInspectSuggestion  *suggestion,
                                                      gpointer              user_data,
                                                      GError              **error);

/* The classifier's patch (LC_INSPECT_VISION_PATCH² grey pixels, g_free) of an 8-bit grey
 * picture, centred on (@cx, @cy) and LC_INSPECT_VISION_PATCH_SHARE of the picture's height
 * wide, averaged down (or repeated up) to size; beyond the picture's edge the edge pixel is
 * repeated. */
guint8          *lc_inspect_vision_cut_patch         (const guint8         *gray,
                                                      int                   width,
                                                      int                   height,
                                                      int                   stride,
                                                      double                cx,
                                                      double                cy);

G_END_DECLS

#pragma once

#include "lc-store.h"
#include "vision/lc-vision-model.h"
#include "vision/lc-vision-training-set.h"

G_BEGIN_DECLS

/* What the Label & Train page hands the vision library and keeps of what comes back: the
 * part type's labelled pictures as a training set, and each trained model as a new version
 * in the model table (the previous one stays active until an operator activates the new). */

/* The class name good pictures carry in training sets and models. */
#define LC_LABEL_GOOD_CLASS "good"

/* The pictures of @part_type_id in the order they were taken:
 *   anomaly:    every good picture, and every defect picture (named by its first region's class,
 *               with its painted mask when it has one) for validation;
 *   classifier: every operator region of a defect picture, named by its class.
 * Fails with LC_VISION_ERROR_TRAINING_SET, in words, when there is not enough to train on. */
LcVisionTrainingSet *lc_label_training_set_new   (LcStore           *store,
                                                  gint64             part_type_id,
                                                  LcVisionModelKind  kind,
                                                  GError           **error);

/* Trained models are recorded with lc_vision_model_store_register () (one row and version
 * per model). Makes @model_id (the anomaly model) the part type's active model, after writing
 * @anomaly's threshold (chosen on the slider) into its file and metrics, and @classifier_id
 * (0: none) the active classifier; lead role. Each activation is in the audit trail. */
gboolean             lc_label_activate_model     (LcStore           *store,
                                                  gint64             part_type_id,
                                                  gint64             model_id,
                                                  LcVisionModel     *anomaly,
                                                  gint64             classifier_id,
                                                  GError           **error);
/* The active model's version, or 0 when the part type has none. */
int                  lc_label_get_active_version (LcStore           *store,
                                                  gint64             part_type_id,
                                                  GError           **error);

G_END_DECLS

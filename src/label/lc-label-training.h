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

/* Saves @anomaly (and @classifier, nullable) into the store's models folder and records them
 * as the part type's next model version: one row, kind "anomaly", whose parameters name the
 * classifier's file ("classifier_file") when there is one. Returns the row's id, 0 on error. */
gint64               lc_label_record_model       (LcStore           *store,
                                                  gint64             part_type_id,
                                                  LcVisionModel     *anomaly,
                                                  LcVisionModel     *classifier,
                                                  int               *version,
                                                  GError           **error);
/* Makes @model_id the part type's active model, after writing @anomaly's threshold (chosen
 * on the slider) into its file and metrics. Recorded in the audit trail. */
gboolean             lc_label_activate_model     (LcStore           *store,
                                                  gint64             part_type_id,
                                                  gint64             model_id,
                                                  LcVisionModel     *anomaly,
                                                  GError           **error);
/* The active model's version, or 0 when the part type has none. */
int                  lc_label_get_active_version (LcStore           *store,
                                                  gint64             part_type_id,
                                                  GError           **error);

G_END_DECLS

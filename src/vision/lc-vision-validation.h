#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lc-vision-error.h"

G_BEGIN_DECLS

/* How a freshly trained model did on images it did not train on: block k-fold cross-validation
 * (each fold holds out a block of consecutive images of every class). Everything the Label &
 * Train page shows comes from here: the figures in plain words, per-class accuracy, the
 * confusion matrix, and the held-out scores of good and defective parts so that a threshold
 * slider can recompute the figures live with lc_vision_validation_count_at (). */
typedef struct _LcVisionValidation LcVisionValidation;

void         lc_vision_validation_free              (LcVisionValidation *self);

/* Classes in the model's order; the confusion matrix is n x n, row = true, column = predicted
 * (for an anomaly model the classes are { good, "defective" }). */
const char * const *lc_vision_validation_get_classes (const LcVisionValidation *self,
                                                      guint                    *n_classes);
guint        lc_vision_validation_get_confusion     (const LcVisionValidation *self,
                                                     guint                     true_class,
                                                     guint                     predicted_class);
/* The share of CLASS's held-out images called CLASS; NaN when it had none. */
double       lc_vision_validation_get_class_accuracy (const LcVisionValidation *self,
                                                      guint                     class_index);
double       lc_vision_validation_get_accuracy      (const LcVisionValidation *self);
guint        lc_vision_validation_get_n_images      (const LcVisionValidation *self);
guint        lc_vision_validation_get_n_folds       (const LcVisionValidation *self);

/* Anomaly model: the held-out image scores of good and of defective parts (defective parts
 * are never trained on, so all of them are held out). N may be 0 for defective. */
const double *lc_vision_validation_get_good_scores      (const LcVisionValidation *self,
                                                         guint                    *n);
const double *lc_vision_validation_get_defective_scores (const LcVisionValidation *self,
                                                         guint                    *n);
/* Area under the ROC curve of those scores (NaN without defective images). */
double       lc_vision_validation_get_auroc         (const LcVisionValidation *self);

/* The threshold the page should start from. With defective images: the one that minimises
 * missed + rejected parts (a missed defect counts double). Without: just above the highest
 * held-out good score, so that no good part in the validation is rejected. */
double       lc_vision_validation_get_recommended_threshold (const LcVisionValidation *self);

/* The slider: at THRESHOLD, how many defective parts the model would have missed (of
 * n_defective) and how many good parts it would have rejected (of n_good). */
void         lc_vision_validation_count_at          (const LcVisionValidation *self,
                                                     double                    threshold,
                                                     guint                    *missed,
                                                     guint                    *n_defective,
                                                     guint                    *rejected,
                                                     guint                    *n_good);

/* The figures in plain words, translated: "Of 40 defective parts it would have missed 1; of
 * 200 good parts it would have rejected 2." With no defective images it says so, and how sure
 * the false-reject rate is (a 95% upper bound from the number of good images). */
char        *lc_vision_validation_describe          (const LcVisionValidation *self,
                                                     double                    threshold);

/* All of it as JSON, for the store's metrics column and for the CLI. */
JsonNode    *lc_vision_validation_to_json           (const LcVisionValidation *self,
                                                     double                    threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVisionValidation, lc_vision_validation_free)

G_END_DECLS

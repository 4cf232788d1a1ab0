#pragma once

#include <gio/gio.h>

#include "lc-vision-error.h"
#include "lc-vision-prediction.h"
#include "lc-vision-training-set.h"
#include "lc-vision-validation.h"

G_BEGIN_DECLS

/* The two models of a part type (DESIGN.md, "Vision"): an anomaly model learned from good
 * parts only, and a defect classifier learned from labelled images or regions. */
typedef enum
{
  LC_VISION_MODEL_CLASSIFIER,
  LC_VISION_MODEL_ANOMALY,
} LcVisionModelKind;

/* The model file format this Linecheck writes; it reads this version and older ones.
 * 1: anomaly models are a memory bank of good cells.
 * 2: never released (features along image columns, reverted); refused.
 * 3: anomaly models carry a perceptron trained on made-up defects beside the bank. */
#define LC_VISION_MODEL_FORMAT_VERSION 3

/* A trained model. Reference-counted and immutable except for the threshold, so one model can
 * serve an inference thread while the UI holds it; lc_vision_model_predict_* may run on any
 * thread, and on several at once. */
typedef struct _LcVisionModel LcVisionModel;

LcVisionModel      *lc_vision_model_ref            (LcVisionModel *self);
void                lc_vision_model_unref          (LcVisionModel *self);

LcVisionModelKind   lc_vision_model_get_kind       (LcVisionModel *self);
const char         *lc_vision_model_kind_to_string (LcVisionModelKind kind);
gboolean            lc_vision_model_kind_from_string (const char        *text,
                                                      LcVisionModelKind *kind);

/* Classifier: the defect class names in label order. Anomaly: { good class, "defective" }. */
const char * const *lc_vision_model_get_classes    (LcVisionModel *self,
                                                    guint         *n_classes);

/* Anomaly: the image score at or above which a part is called defective. Classifier: unused
 * (0). Set it from a validation's slider; not while another thread predicts with the model. */
double              lc_vision_model_get_threshold  (LcVisionModel *self);
void                lc_vision_model_set_threshold  (LcVisionModel *self,
                                                    double         threshold);

/* JSON objects (as text) for the store's model row and for display: the feature parameters,
 * the training-set summary (images per class, when trained, how long it took), and the
 * validation metrics. Never NULL ("{}" when there is nothing to say). */
const char         *lc_vision_model_get_parameters_json   (LcVisionModel *self);
const char         *lc_vision_model_get_training_set_json (LcVisionModel *self);
const char         *lc_vision_model_get_metrics_json      (LcVisionModel *self);

/* The model file: a checksummed, versioned binary file holding the kind, classes, threshold,
 * feature parameters, training-set summary, metrics and the learned statistics. Loading a
 * damaged, truncated or foreign file fails with LC_VISION_ERROR_MODEL_FILE (a newer format
 * with LC_VISION_ERROR_MODEL_VERSION); it never crashes. */
gboolean            lc_vision_model_save           (LcVisionModel *self,
                                                    const char    *path,
                                                    GError       **error);
LcVisionModel      *lc_vision_model_load           (const char    *path,
                                                    GError       **error);

/* Inference on an image file (any format OpenCV's imgcodecs reads; colour is turned grey) or
 * on 8-bit grey pixels (stride in bytes). To classify a region of a larger image, pass its
 * first pixel and the larger image's stride. */
LcVisionPrediction *lc_vision_model_predict_file   (LcVisionModel *self,
                                                    const char    *path,
                                                    GError       **error);
LcVisionPrediction *lc_vision_model_predict_gray   (LcVisionModel *self,
                                                    const guint8  *pixels,
                                                    int            width,
                                                    int            height,
                                                    int            stride,
                                                    GError       **error);

/* Scores a trained model on a labelled set it did not train on (every image is held out;
 * lc_vision_validation_get_n_folds () is 0). For an anomaly model GOOD_CLASS names the good
 * parts (the negatives; every other class is defective), the counts use the model's threshold,
 * and when the set has masks *PIXEL_AUROC (nullable) receives the area under the ROC curve of
 * the heat map against the masks over all pixels (NaN without masks). *MS_PER_IMAGE (nullable)
 * receives the mean inference time. An unreadable image fails the whole evaluation. */
LcVisionValidation *lc_vision_model_evaluate       (LcVisionModel       *self,
                                                    LcVisionTrainingSet *set,
                                                    const char          *good_class,
                                                    GCancellable        *cancellable,
                                                    double              *pixel_auroc,
                                                    double              *ms_per_image,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVisionModel, lc_vision_model_unref)

G_END_DECLS

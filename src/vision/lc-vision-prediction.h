#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One region of an image the model finds suspicious, in image pixels. For an anomaly model
 * these are the connected areas of the heat map above the threshold; for a classifier the
 * whole image is one region carrying the class. */
typedef struct
{
  int    x;
  int    y;
  int    width;
  int    height;
  double score;        /* anomaly: the highest heat in the region (1.0 = the threshold) */
  int    class_index;  /* classifier: index into the model's classes; anomaly: -1 */
} LcVisionRegion;

/* What a model says about one image. Immutable; safe to hand to the main thread. */
typedef struct _LcVisionPrediction LcVisionPrediction;

void                  lc_vision_prediction_free           (LcVisionPrediction *self);

/* Classifier: the predicted class (index into lc_vision_model_get_classes ()) and its name.
 * Anomaly model: 0 = "good", 1 = "defective" (by the model's threshold). */
int                   lc_vision_prediction_get_class_index (const LcVisionPrediction *self);
const char           *lc_vision_prediction_get_class_name  (const LcVisionPrediction *self);

/* The image score. Anomaly: the heat map's maximum in units of the model's feature distance
 * (higher = more anomalous), compared with lc_vision_model_get_threshold (). Classifier: the
 * winning class's share of the one-against-one votes (0..1). */
double                lc_vision_prediction_get_score       (const LcVisionPrediction *self);

/* How sure the suggested verdict is, 0.5 (a coin toss) .. 1 (certain); a verdict under
 * about 0.7 belongs in the review queue. */
double                lc_vision_prediction_get_confidence  (const LcVisionPrediction *self);
gboolean              lc_vision_prediction_is_defective    (const LcVisionPrediction *self);

/* Anomaly model: the heat map, row-major floats of width x height covering the whole image
 * (each cell covers image_width / width pixels), in units where 1.0 is the model's threshold.
 * Classifier: NULL. */
const float          *lc_vision_prediction_get_heat_map    (const LcVisionPrediction *self,
                                                            int                      *width,
                                                            int                      *height);
void                  lc_vision_prediction_get_image_size  (const LcVisionPrediction *self,
                                                            int                      *width,
                                                            int                      *height);
guint                 lc_vision_prediction_get_n_regions   (const LcVisionPrediction *self);
const LcVisionRegion *lc_vision_prediction_get_region      (const LcVisionPrediction *self,
                                                            guint                     index);

/* Writes the heat map as a colour PNG the size of the image (blue = like the good parts,
 * red = at or above the threshold) for the CLI's --heatmap and for reports. */
gboolean              lc_vision_prediction_save_heat_map   (const LcVisionPrediction *self,
                                                            const char               *path,
                                                            GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVisionPrediction, lc_vision_prediction_free)

G_END_DECLS

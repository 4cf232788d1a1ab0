#pragma once

/* Internal to src/vision/: the C++ side shared by the shim's files. Nothing outside this
 * folder includes it (it pulls in OpenCV). */

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include <string>
#include <vector>

#include "lc-vision-model.h"
#include "lc-vision-training.h"

/* Feature parameters; every one of them is written into the model file so that a model is
 * always used with the features it was trained on. */
struct LcVisionTextureParams
{
  int max_side = 256;     /* larger images (or regions) are shrunk to this longer side */
};

/* Columns of _lc_vision_patch_features (model format 2). */
#define LC_VISION_PATCH_FEATURES 14

struct LcVisionPatchParams
{
  int    max_side = 384;  /* the working size of the anomaly model's images */
  int    stride = 8;      /* one heat-map cell per stride x stride working pixels */
  int    bank_size = 2000; /* good cells kept as the memory bank (a coreset) */
  int    score_margin = 2; /* cells along the edges left out of the image score */
};

struct _LcVisionModel
{
  gatomicrefcount            ref_count;
  LcVisionModelKind          kind;
  std::vector<std::string>   classes;
  std::vector<const char *>  class_ptrs;   /* NULL-terminated view of classes */
  double                     threshold;
  std::string                parameters_json;
  std::string                training_set_json;
  std::string                metrics_json;

  /* classifier */
  LcVisionTextureParams      texture;
  cv::Ptr<cv::ml::SVM>       svm;
  std::vector<int>           svm_labels;    /* the sorted labels the SVM was trained on */

  /* anomaly: per-feature standardisation and the memory bank of good cells */
  LcVisionPatchParams        patch;
  cv::Mat                    feature_mean;
  cv::Mat                    feature_scale;
  cv::Mat                    bank;          /* standardised good cells, one per row */
  cv::Mat                    bank_norms;    /* squared norm of each bank row (column) */
  cv::Mat                    bank_columns;  /* the bank transposed: one row per feature */
};

struct _LcVisionPrediction
{
  int                         class_index = 0;
  std::string                 class_name;
  double                      score = 0;
  double                      confidence = 0;
  gboolean                    defective = FALSE;
  int                         image_width = 0;
  int                         image_height = 0;
  cv::Mat                     heat;         /* CV_32F, 1.0 = threshold; empty for a classifier */
  std::vector<LcVisionRegion> regions;
};

/* lc-vision-features.cpp */
cv::Mat _lc_vision_read_gray          (const char *path,
                                       GError    **error);
void    _lc_vision_texture_features   (const cv::Mat               &gray,
                                       const LcVisionTextureParams &params,
                                       std::vector<float>          &out);
cv::Mat _lc_vision_patch_features     (const cv::Mat             &gray,
                                       const LcVisionPatchParams &params,
                                       cv::Size                  *grid);

/* lc-vision-model.cpp */
LcVisionModel *_lc_vision_model_new   (LcVisionModelKind kind);
void           _lc_vision_model_set_classes (LcVisionModel                  *self,
                                             const std::vector<std::string> &classes);
/* Anomaly: derives bank_norms and bank_columns from the bank (after training or loading). */
void           _lc_vision_model_index_bank (LcVisionModel *self);
/* Anomaly: raw (unthresholded) heat map of standardised-feature distances, and its image score. */
cv::Mat        _lc_vision_model_anomaly_heat (LcVisionModel *self,
                                              const cv::Mat &gray,
                                              double        *score);
cv::Mat        _lc_vision_model_anomaly_heat_from_features (LcVisionModel *self,
                                                            const cv::Mat &features,
                                                            cv::Size       grid,
                                                            double        *score);
/* Classifier: the class and the pairwise-coupled class probabilities of one feature row. */
int            _lc_vision_model_classify (LcVisionModel     *self,
                                          const cv::Mat     &row,
                                          std::vector<double> &probabilities);

/* lc-vision-validation.c (C, declared here for the C++ trainer) */
extern "C" {
LcVisionValidation *_lc_vision_validation_new (LcVisionModelKind    kind,
                                               const char * const  *classes,
                                               int                  good_index,
                                               guint                n_folds);
void _lc_vision_validation_add_prediction     (LcVisionValidation *self,
                                               guint               true_class,
                                               guint               predicted_class);
void _lc_vision_validation_add_score          (LcVisionValidation *self,
                                               gboolean            defective,
                                               double              score);
/* Anomaly: fills the confusion matrix at the recommended threshold once all scores are in. */
void _lc_vision_validation_finish             (LcVisionValidation *self);
}

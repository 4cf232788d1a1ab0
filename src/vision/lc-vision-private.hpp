#pragma once

/* Internal to src/vision/: the C++ side shared by the shim's files. Nothing outside this
 * folder includes it (it pulls in OpenCV). */

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include <deque>
#include <functional>
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

struct LcVisionPatchParams
{
  int    max_side = 384;  /* the working size of the anomaly model's images */
  int    stride = 8;      /* one heat-map cell per stride x stride working pixels */
  int    bank_size = 1000; /* good cells kept as the memory bank */
  int    score_margin = 2; /* cells along the edges left out of the image score */
  int    synthetic_per_image = 2; /* made-up defects drawn into each good training picture */
};

/* The memory bank as the nearest-cell search reads it: transposed (one row per feature, the
 * bank's cells along it, padded to whole blocks) and each cell's squared norm. */
struct LcVisionBankIndex
{
  cv::Mat columns;
  cv::Mat norms;
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
  LcVisionBankIndex          bank_index;    /* the bank laid out for the search */
  /* a small perceptron telling good cells from cells with a made-up defect (empty in models
   * of format 1, which use the memory bank alone); its hidden and output weights, the bias
   * in the last row of each */
  cv::Mat                    mlp_hidden;
  cv::Mat                    mlp_out;
  /* the heat of a cell is its bank distance / knn_scale + its perceptron score / mlp_scale:
   * each divided by its typical image maximum on good training pictures */
  double                     knn_scale = 1.0;
  double                     mlp_scale = 1.0;
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

/* lc-vision-filters.cpp: the fast building blocks of cell features. */

/* The calling thread's scratch images, kept for the thread's next computation (about 14 MB
 * for a 384-pixel working image, freed when the thread ends): fresh large buffers are fresh
 * pages from the kernel, whose faults cost as much as the filtering on the 2-core station
 * (perf: 17% of inference), and the same few buffers stay in the caches (one set per job
 * instead took 14 ms of CPU per 1-MP image, this 9 ms). Images are taken like a stack: those
 * taken while a Scope lives are handed out again once it ends. Each thread has its own, so
 * concurrent computations (several inference threads, the trainer's workers) never share one. */
class LcVisionScratch
{
public:
  static LcVisionScratch &of_this_thread ();
  /* an image of SIZE and TYPE on the next buffer (grown when too small): OpenCV writes an
   * output of that size and type into it without allocating */
  cv::Mat &image (cv::Size size,
                  int      type);

  class Scope
  {
  public:
    explicit Scope (LcVisionScratch &scratch) : scratch (scratch), mark (scratch.used) {}
    ~Scope () { scratch.used = mark; }
    Scope (const Scope &) = delete;
    Scope &operator= (const Scope &) = delete;
  private:
    LcVisionScratch &scratch;
    size_t           mark;
  };

private:
  struct Slot
  {
    cv::Mat memory;   /* owns the bytes */
    cv::Mat image;    /* the header handed out */
  };
  std::deque<Slot> slots;   /* a deque: references stay valid as it grows */
  size_t           used = 0;
};

/* Runs independent jobs on both cores, each with the scratch of the thread it runs on (inside
 * a Scope); each job writes only its own outputs. */
typedef std::function<void (LcVisionScratch &)> LcVisionJob;
void _lc_vision_run_parallel          (const std::vector<LcVisionJob> &jobs);
/* cv::GaussianBlur (BORDER_REFLECT) of a CV_32F image; large sigmas through a pyramid. DST
 * must not be SRC. */
void _lc_vision_gaussian_blur         (const cv::Mat   &src,
                                       cv::Mat         &dst,
                                       double           sigma,
                                       LcVisionScratch &scratch);
/* The mean of MAP (times WEIGHT, pixel by pixel, unless WEIGHT is empty) over each cell of GRID. */
void _lc_vision_pool_cells            (const cv::Mat   &map,
                                       const cv::Mat   &weight,
                                       cv::Size         grid,
                                       cv::Mat         &cells,
                                       LcVisionScratch &scratch);
/* lc-vision-synthetic.cpp: a copy of GRAY with one made-up defect, and its mask (255 inside) */
cv::Mat _lc_vision_synthetic_defect   (const cv::Mat &gray,
                                       cv::RNG       &rng,
                                       cv::Mat       &mask);

/* lc-vision-model.cpp */
LcVisionModel *_lc_vision_model_new   (LcVisionModelKind kind);
void           _lc_vision_model_set_classes (LcVisionModel                  *self,
                                             const std::vector<std::string> &classes);
/* Anomaly: raw (unthresholded) heat map of standardised-feature distances, and its image score. */
cv::Mat        _lc_vision_model_anomaly_heat (LcVisionModel *self,
                                              const cv::Mat &gray,
                                              double        *score);
cv::Mat        _lc_vision_model_anomaly_heat_from_features (LcVisionModel *self,
                                                            const cv::Mat &features,
                                                            cv::Size       grid,
                                                            double        *score);
/* The bank as _lc_vision_nearest_distances reads it; made again whenever the bank changes. */
void           _lc_vision_bank_index (const cv::Mat     &bank,
                                      LcVisionBankIndex &index);
/* For each row of CELLS, standardised as (row - MEAN) / SCALE, the distance to its nearest
 * bank cell (DISTANCES: one CV_32F row per cell). Any number of features; both cores. */
void           _lc_vision_nearest_distances (const cv::Mat           &cells,
                                             const cv::Mat           &mean,
                                             const cv::Mat           &scale,
                                             const LcVisionBankIndex &index,
                                             cv::Mat                 &distances);
/* The two raw cell maps behind the heat: distance to the nearest bank cell, and the
 * perceptron's defect score (0-1; empty without a perceptron). */
void           _lc_vision_model_anomaly_maps (LcVisionModel *self,
                                              const cv::Mat &features,
                                              cv::Size       grid,
                                              cv::Mat       &distance,
                                              cv::Mat       &defect);
/* The image score of a heat map: its largest value once smoothed, edges left out. HEAT is
 * smoothed in place (the heat map shown is the smoothed one). */
double         _lc_vision_model_heat_score (LcVisionModel *self,
                                            cv::Mat       &heat);
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

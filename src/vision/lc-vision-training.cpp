/* Training of both models, with block cross-validation, progress and cancellation. */

#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <functional>
#include <map>

#include "lc-vision-private.hpp"

/* The bench PC has two cores and the UI needs one of them now and then. */
#define LC_VISION_THREADS 2

/* RBF SVM settings measured on NEU with block validation (bench/vision): C 10, gamma 0.5 on the
 * square-rooted CLBP histograms gave 98.9% from 50 and 92% from 10 images per class; C 100 was
 * no better. */
#define SVM_C 10.0
#define SVM_GAMMA 0.5

typedef struct
{
  LcVisionProgressFunc  func;
  gpointer              data;
  GCancellable         *cancellable;
} Progress;

static void
report (const Progress *progress,
        double          fraction,
        const char     *stage)
{
  if (progress->func != NULL)
    progress->func (fraction, stage, progress->data);
}

/* The picture of item I, cut to its labelled region if it has one; empty with *error set
 * when it cannot be read or the region is too small. */
static cv::Mat
read_item (LcVisionTrainingSet *set,
           guint                i,
           GError             **error)
{
  cv::Mat gray = _lc_vision_read_gray (lc_vision_training_set_get_path (set, i), error);
  int x, y, w, h;

  if (gray.empty ())
    return gray;
  lc_vision_training_set_get_region (set, i, &x, &y, &w, &h);
  if (w > 0 && h > 0)
    gray = gray (cv::Rect (x, y, w, h) & cv::Rect (0, 0, gray.cols, gray.rows));
  if (gray.cols < 16 || gray.rows < 16)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE,
                   _("The labelled region of “%s” is too small to learn from."),
                   lc_vision_training_set_get_path (set, i));
      return cv::Mat ();
    }
  return gray;
}

/* BODY (k, &error) for k = 0 .. N-1, eight at a time on both cores, a cancel checked and the
 * progress reported (from FROM to FROM + SPAN, saying STAGE) between each eight; FALSE with
 * *error set on the first error or a cancel. */
static gboolean
run_in_chunks (guint                                     n,
               const Progress                           *progress,
               double                                    from,
               double                                    span,
               const char                               *stage,
               const std::function<void (guint, GError **)> &body,
               GError                                  **error)
{
  const guint chunk = 8;
  std::vector<GError *> errors (n, nullptr);

  for (guint start = 0; start < n; start += chunk)
    {
      guint end = MIN (n, start + chunk);

      if (g_cancellable_set_error_if_cancelled (progress->cancellable, error))
        return FALSE;
      cv::parallel_for_ (cv::Range ((int) start, (int) end), [&] (const cv::Range &range) {
        for (int k = range.start; k < range.end; k++)
          body ((guint) k, &errors[k]);
      });
      for (guint k = start; k < end; k++)
        if (errors[k] != NULL)
          {
            g_propagate_error (error, errors[k]);
            for (guint j = k + 1; j < n; j++)
              g_clear_error (&errors[j]);
            return FALSE;
          }
      report (progress, from + span * end / n, stage);
    }
  return TRUE;
}

/* The features of every item, computed two at a time; FALSE with *error set on a bad image or
 * a cancel. */
static gboolean
compute_features (LcVisionTrainingSet            *set,
                  const LcVisionModelKind         kind,
                  const LcVisionTextureParams    &texture,
                  const LcVisionPatchParams      &patch,
                  const Progress                 *progress,
                  std::vector<cv::Mat>           &features,
                  std::vector<cv::Size>          &grids,
                  double                          progress_span,
                  GError                        **error)
{
  const guint n = lc_vision_training_set_get_n_items (set);

  features.assign (n, cv::Mat ());
  grids.assign (n, cv::Size ());
  return run_in_chunks (n, progress, 0, progress_span, _("Looking at the pictures"), [&] (guint i, GError **item_error) {
    cv::Mat gray = read_item (set, i, item_error);
    if (gray.empty ())
      return;
    if (kind == LC_VISION_MODEL_CLASSIFIER)
      {
        std::vector<float> row;
        _lc_vision_texture_features (gray, texture, row);
        features[i] = cv::Mat (row, true).reshape (1, 1);
      }
    else
      features[i] = _lc_vision_patch_features (gray, patch, &grids[i]);
  }, error);
}

/* Fold of the i-th of n images of a class: K blocks of consecutive images. */
static guint
block_of (guint i,
          guint n,
          guint n_folds)
{
  return (guint) ((guint64) i * n_folds / n);
}

/* For each good picture, the feature rows of the cells that its made-up defects cover (at
 * least 30% of the cell), patch.synthetic_per_image defects per picture, each drawn into a
 * fresh copy. Seeded by the picture's place so the same pictures give the same model. */
static gboolean
compute_damaged_cells (LcVisionTrainingSet        *set,
                       const std::vector<guint>   &good,
                       const LcVisionPatchParams  &patch,
                       const Progress             *progress,
                       std::vector<cv::Mat>       &damaged,
                       GError                    **error)
{
  damaged.assign (lc_vision_training_set_get_n_items (set), cv::Mat ());
  return run_in_chunks ((guint) good.size (), progress, 0.5, 0.3, _("Drawing made-up defects to learn from"),
                        [&] (guint k, GError **item_error) {
    guint i = good[k];
    cv::Mat gray = read_item (set, i, item_error);
    cv::RNG rng (0x4c43u + 7919u * i);

    if (gray.empty ())
      return;
    for (int s = 0; s < patch.synthetic_per_image; s++)
      {
        cv::Mat mask, cover, cells;
        cv::Size grid;
        cv::Mat features = _lc_vision_patch_features (_lc_vision_synthetic_defect (gray, rng, mask), patch, &grid);

        mask.convertTo (cover, CV_32F, 1.0 / 255);
        cv::resize (cover, cover, grid, 0, 0, cv::INTER_AREA);
        cover = cover.reshape (1, grid.area ());
        for (int c = 0; c < features.rows; c++)
          if (cover.at<float> (c) >= 0.3f)
            cells.push_back (features.row (c));
        if (!cells.empty ())
          damaged[i].push_back (cells);
      }
  }, error);
}

static LcVisionModel *
fit_classifier (const std::vector<std::string> &classes,
                const cv::Mat                  &rows,
                const std::vector<int>         &labels,
                const LcVisionTextureParams    &texture)
{
  LcVisionModel *model = _lc_vision_model_new (LC_VISION_MODEL_CLASSIFIER);
  std::vector<int> present (labels);

  std::sort (present.begin (), present.end ());
  present.erase (std::unique (present.begin (), present.end ()), present.end ());
  _lc_vision_model_set_classes (model, classes);
  model->texture = texture;
  model->svm_labels = present;
  model->svm = cv::ml::SVM::create ();
  model->svm->setType (cv::ml::SVM::C_SVC);
  model->svm->setKernel (cv::ml::SVM::RBF);
  model->svm->setC (SVM_C);
  model->svm->setGamma (SVM_GAMMA);
  model->svm->train (rows, cv::ml::ROW_SAMPLE, cv::Mat (labels, true));
  return model;
}

/* A perceptron (features -> ANOMALY_HIDDEN tanh units -> one) telling good cells from cells
 * with a made-up defect, trained with OpenCV's RPROP on at most ANOMALY_SAMPLES of each.
 * Without enough damaged cells the model keeps the memory bank alone. Measured on magnetic
 * tile (bench/vision, block 5-fold image AUROC): the bank alone 0.684; bank + perceptron
 * 0.745 with 32 hidden units and 20000 samples (3 s per fit), 0.749 with 16 and 5000 (0.45 s);
 * one made-up defect per picture instead of two: 0.736. */
#define ANOMALY_HIDDEN 16
#define ANOMALY_PERCEPTRON_PICTURES 16
#define ANOMALY_SAMPLES 5000
#define ANOMALY_ITERATIONS 100

static void
fit_perceptron (LcVisionModel *model,
                const cv::Mat &good,
                const cv::Mat &damaged,
                cv::RNG       &rng)
{
  const int n_good = std::min (good.rows, ANOMALY_SAMPLES), n_damaged = std::min (damaged.rows, ANOMALY_SAMPLES);
  cv::Mat samples, responses;
  cv::Ptr<cv::ml::ANN_MLP> mlp = cv::ml::ANN_MLP::create ();

  if (n_damaged < 50)
    return;
  for (int i = 0; i < n_good; i++)
    samples.push_back (good.row (n_good == good.rows ? i : rng.uniform (0, good.rows)));
  for (int i = 0; i < n_damaged; i++)
    samples.push_back (damaged.row (n_damaged == damaged.rows ? i : rng.uniform (0, damaged.rows)));
  responses.create (samples.rows, 1, CV_32F);
  responses.rowRange (0, n_good).setTo (-0.9);
  responses.rowRange (n_good, samples.rows).setTo (0.9);

  mlp->setLayerSizes (std::vector<int> { good.cols, ANOMALY_HIDDEN, 1 });
  /* alpha = beta = 1: the unit is tanh (t / 2), as perceptron_layer () in the model computes it */
  mlp->setActivationFunction (cv::ml::ANN_MLP::SIGMOID_SYM, 1, 1);
  mlp->setTrainMethod (cv::ml::ANN_MLP::RPROP);
  mlp->setTermCriteria (cv::TermCriteria (cv::TermCriteria::COUNT + cv::TermCriteria::EPS, ANOMALY_ITERATIONS, 1e-4));
  if (!mlp->train (cv::ml::TrainData::create (samples, cv::ml::ROW_SAMPLE, responses),
                   cv::ml::ANN_MLP::NO_INPUT_SCALE | cv::ml::ANN_MLP::NO_OUTPUT_SCALE))
    return;
  mlp->getWeights (1).convertTo (model->mlp_hidden, CV_32F);
  mlp->getWeights (2).convertTo (model->mlp_out, CV_32F);
}

static LcVisionModel *
fit_anomaly (const std::vector<std::string> &classes,
             const std::vector<cv::Mat>     &cells,
             const std::vector<cv::Size>    &grids,
             const std::vector<cv::Mat>     &damaged,
             const LcVisionPatchParams      &patch)
{
  LcVisionModel *model = _lc_vision_model_new (LC_VISION_MODEL_ANOMALY);
  cv::Mat all, centred, variance, standard, damaged_all;
  cv::RNG rng (0x4c43);   /* fixed: the same images always give the same model */
  double distance_sum = 0, defect_sum = 0;
  int n_checked = 0;

  _lc_vision_model_set_classes (model, classes);
  model->patch = patch;
  cv::vconcat (cells, all);
  cv::reduce (all, model->feature_mean, 0, cv::REDUCE_AVG);
  centred = all - cv::repeat (model->feature_mean, all.rows, 1);
  cv::reduce (centred.mul (centred), variance, 0, cv::REDUCE_AVG);
  cv::sqrt (variance, model->feature_scale);
  model->feature_scale += 1e-6;
  standard = centred / cv::repeat (model->feature_scale, all.rows, 1);

  int bank = std::min (patch.bank_size, standard.rows);
  model->bank.create (bank, standard.cols, CV_32F);
  for (int i = 0; i < bank; i++)
    standard.row (bank == standard.rows ? i : rng.uniform (0, standard.rows)).copyTo (model->bank.row (i));
  _lc_vision_bank_index (model->bank, model->bank_index);

  for (const cv::Mat &d : damaged)
    if (!d.empty ())
      damaged_all.push_back (d);
  if (!damaged_all.empty ())
    fit_perceptron (model,
                    standard,
                    (damaged_all - cv::repeat (model->feature_mean, damaged_all.rows, 1)) /
                    cv::repeat (model->feature_scale, damaged_all.rows, 1),
                    rng);

  /* Each map's typical image maximum on (up to 40 of) the good training pictures, so that
   * neither map drowns the other when they are added. */
  for (size_t k = 0; k < cells.size (); k += std::max<size_t> (1, cells.size () / 40))
    {
      cv::Mat distance, defect;
      _lc_vision_model_anomaly_maps (model, cells[k], grids[k], distance, defect);
      distance_sum += _lc_vision_model_heat_score (model, distance);
      if (!defect.empty ())
        defect_sum += _lc_vision_model_heat_score (model, defect);
      n_checked++;
    }
  model->knn_scale = std::max (1e-6, distance_sum / n_checked);
  model->mlp_scale = std::max (1e-6, defect_sum / n_checked);
  return model;
}

static std::string
to_json_text (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  return text;
}

static std::string
training_set_json (LcVisionTrainingSet *set,
                   const char          *good_class,
                   double               seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_classes;
  const char * const *classes = lc_vision_training_set_get_classes (set, &n_classes);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "images");
  json_builder_add_int_value (builder, lc_vision_training_set_get_n_items (set));
  json_builder_set_member_name (builder, "per_class");
  json_builder_begin_object (builder);
  for (guint c = 0; c < n_classes; c++)
    {
      json_builder_set_member_name (builder, classes[c]);
      json_builder_add_int_value (builder, lc_vision_training_set_count_class (set, classes[c]));
    }
  json_builder_end_object (builder);
  if (good_class != NULL)
    {
      json_builder_set_member_name (builder, "good_class");
      json_builder_add_string_value (builder, good_class);
    }
  json_builder_set_member_name (builder, "trained_at");
  json_builder_add_int_value (builder, g_get_real_time ());
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, seconds);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return to_json_text (root);
}

static LcVisionModel *
train_classifier (LcVisionTrainingSet           *set,
                  const LcVisionTrainingOptions *options,
                  guint                          n_folds,
                  const Progress                *progress,
                  LcVisionValidation           **validation,
                  GError                       **error)
{
  LcVisionTextureParams texture;
  LcVisionPatchParams patch;
  std::vector<cv::Mat> features;
  std::vector<cv::Size> grids;
  guint n_classes;
  const char * const *class_names = lc_vision_training_set_get_classes (set, &n_classes);
  std::vector<std::string> classes (class_names, class_names + n_classes);
  const guint n = lc_vision_training_set_get_n_items (set);
  std::vector<int> labels (n), position (n);
  std::vector<guint> class_size (n_classes, 0);
  int good_index = -1;
  cv::Mat all;

  if (n_classes < 2)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("A defect classifier needs pictures of at least two classes; there is only “%s”."),
                   n_classes > 0 ? class_names[0] : "");
      return NULL;
    }
  for (guint c = 0; c < n_classes; c++)
    if (options->good_class != NULL && g_str_equal (class_names[c], options->good_class))
      good_index = (int) c;
  for (guint i = 0; i < n; i++)
    {
      const char *name = lc_vision_training_set_get_class (set, i);
      for (guint c = 0; c < n_classes; c++)
        if (g_str_equal (name, class_names[c]))
          labels[i] = (int) c;
      position[i] = (int) class_size[labels[i]]++;
    }
  if (!compute_features (set, LC_VISION_MODEL_CLASSIFIER, texture, patch, progress, features, grids, 0.8, error))
    return NULL;
  cv::vconcat (features, all);

  if (n_folds > 1 && validation != NULL)
    {
      *validation = _lc_vision_validation_new (LC_VISION_MODEL_CLASSIFIER, class_names, good_index, n_folds);
      for (guint fold = 0; fold < n_folds; fold++)
        {
          cv::Mat train_rows, test_rows;
          std::vector<int> train_labels, test_labels;

          if (g_cancellable_set_error_if_cancelled (progress->cancellable, error))
            {
              g_clear_pointer (validation, lc_vision_validation_free);
              return NULL;
            }
          for (guint i = 0; i < n; i++)
            {
              /* a class with fewer images than folds is trained on in every fold */
              bool held_out = class_size[labels[i]] >= n_folds &&
                              block_of (position[i], class_size[labels[i]], n_folds) == fold;
              (held_out ? test_rows : train_rows).push_back (all.row (i));
              (held_out ? test_labels : train_labels).push_back (labels[i]);
            }
          if (test_rows.empty ())
            continue;
          g_autoptr(LcVisionModel) model = fit_classifier (classes, train_rows, train_labels, texture);
          for (int t = 0; t < test_rows.rows; t++)
            {
              std::vector<double> probabilities;
              int predicted = _lc_vision_model_classify (model, test_rows.row (t), probabilities);
              _lc_vision_validation_add_prediction (*validation, test_labels[t], predicted);
            }
          report (progress, 0.8 + 0.18 * (fold + 1) / n_folds, _("Checking on pictures held out"));
        }
    }
  return fit_classifier (classes, all, labels, texture);
}

static LcVisionModel *
train_anomaly (LcVisionTrainingSet           *set,
               const LcVisionTrainingOptions *options,
               guint                          n_folds,
               const Progress                *progress,
               LcVisionValidation           **validation_out,
               GError                       **error)
{
  LcVisionTextureParams texture;
  LcVisionPatchParams patch;
  std::vector<cv::Mat> features;
  std::vector<cv::Size> grids;
  const guint n = lc_vision_training_set_get_n_items (set);
  std::vector<guint> good, defective;
  std::vector<std::string> classes = { options->good_class != NULL ? options->good_class : "good", "defective" };
  const char *class_names[] = { classes[0].c_str (), classes[1].c_str (), NULL };
  std::vector<cv::Mat> good_cells, damaged;
  std::vector<cv::Size> good_grids;
  LcVisionValidation *validation;

  for (guint i = 0; i < n; i++)
    (g_strcmp0 (lc_vision_training_set_get_class (set, i), options->good_class) == 0 ? good : defective).push_back (i);
  if (good.size () < 2 * n_folds)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("An anomaly model needs at least %u pictures of good parts (class “%s”); there are %u."),
                   2 * n_folds, classes[0].c_str (), (guint) good.size ());
      return NULL;
    }
  /* With few good pictures the perceptron sees too few made-up defects to generalise, and
   * its noise hid the demo's dents (8 pictures: 3 of 5 found instead of 5): below
   * ANOMALY_PERCEPTRON_PICTURES the model is the bank alone, in every fold and at the end. */
  damaged.assign (n, cv::Mat ());
  if (!compute_features (set, LC_VISION_MODEL_ANOMALY, texture, patch, progress, features, grids,
                         good.size () >= ANOMALY_PERCEPTRON_PICTURES ? 0.5 : 0.8, error) ||
      (good.size () >= ANOMALY_PERCEPTRON_PICTURES &&
       !compute_damaged_cells (set, good, patch, progress, damaged, error)))
    return NULL;

  validation = _lc_vision_validation_new (LC_VISION_MODEL_ANOMALY, class_names, -1, n_folds);
  for (guint fold = 0; fold < n_folds; fold++)
    {
      std::vector<cv::Mat> cells, fold_damaged;
      std::vector<cv::Size> fold_grids;
      double score;

      if (g_cancellable_set_error_if_cancelled (progress->cancellable, error))
        {
          lc_vision_validation_free (validation);
          return NULL;
        }
      for (guint k = 0; k < good.size (); k++)
        if (block_of (k, (guint) good.size (), n_folds) != fold)
          {
            cells.push_back (features[good[k]]);
            fold_grids.push_back (grids[good[k]]);
            fold_damaged.push_back (damaged[good[k]]);
          }
      g_autoptr(LcVisionModel) model = fit_anomaly (classes, cells, fold_grids, fold_damaged, patch);
      for (guint k = 0; k < good.size (); k++)
        if (block_of (k, (guint) good.size (), n_folds) == fold)
          {
            _lc_vision_model_anomaly_heat_from_features (model, features[good[k]], grids[good[k]], &score);
            _lc_vision_validation_add_score (validation, FALSE, score);
          }
      /* defective parts are never trained on: each is scored once, by the fold of its block */
      for (guint k = 0; k < defective.size (); k++)
        if (block_of (k, (guint) defective.size (), n_folds) == fold)
          {
            _lc_vision_model_anomaly_heat_from_features (model, features[defective[k]], grids[defective[k]], &score);
            _lc_vision_validation_add_score (validation, TRUE, score);
          }
      report (progress, 0.8 + 0.18 * (fold + 1) / n_folds, _("Checking on pictures held out"));
    }
  _lc_vision_validation_finish (validation);

  for (guint k : good)
    {
      good_cells.push_back (features[k]);
      good_grids.push_back (grids[k]);
    }
  LcVisionModel *model = fit_anomaly (classes, good_cells, good_grids, damaged, patch);
  model->threshold = lc_vision_validation_get_recommended_threshold (validation);
  if (validation_out != NULL)
    *validation_out = validation;
  else
    lc_vision_validation_free (validation);
  return model;
}

static std::string
parameters_json (LcVisionModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "features");
  if (model->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      json_builder_add_string_value (builder, "clbp-riu2 r1,2,3 + half r1,2 + quarter r1,2 + r5p16");
      json_builder_set_member_name (builder, "max_side");
      json_builder_add_int_value (builder, model->texture.max_side);
      json_builder_set_member_name (builder, "classifier");
      json_builder_add_string_value (builder, "svm-rbf");
      json_builder_set_member_name (builder, "C");
      json_builder_add_double_value (builder, SVM_C);
      json_builder_set_member_name (builder, "gamma");
      json_builder_add_double_value (builder, SVM_GAMMA);
    }
  else
    {
      json_builder_add_string_value (builder, "dog+gradient+hessian over local contrast, 3 scales");
      json_builder_set_member_name (builder, "max_side");
      json_builder_add_int_value (builder, model->patch.max_side);
      json_builder_set_member_name (builder, "stride");
      json_builder_add_int_value (builder, model->patch.stride);
      json_builder_set_member_name (builder, "bank");
      json_builder_add_int_value (builder, model->bank.rows);
      json_builder_set_member_name (builder, "score");
      json_builder_add_string_value (builder, model->mlp_hidden.empty ()
                                     ? "max of nearest-good-cell distance inside the edge margin"
                                     : "max inside the edge margin of nearest-good-cell distance / knn_scale"
                                       " + made-up-defect perceptron / mlp_scale");
      json_builder_set_member_name (builder, "knn_scale");
      json_builder_add_double_value (builder, model->knn_scale);
      json_builder_set_member_name (builder, "mlp_scale");
      json_builder_add_double_value (builder, model->mlp_scale);
      json_builder_set_member_name (builder, "perceptron_hidden");
      json_builder_add_int_value (builder, model->mlp_hidden.cols);
      json_builder_set_member_name (builder, "made_up_defects_per_picture");
      json_builder_add_int_value (builder, model->patch.synthetic_per_image);
      json_builder_set_member_name (builder, "score_margin");
      json_builder_add_int_value (builder, model->patch.score_margin);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return to_json_text (root);
}

LcVisionModel *
lc_vision_train (LcVisionTrainingSet            *set,
                 const LcVisionTrainingOptions  *options,
                 LcVisionProgressFunc            progress_func,
                 gpointer                        progress_data,
                 GCancellable                   *cancellable,
                 LcVisionValidation            **validation,
                 GError                        **error)
{
  Progress progress = { progress_func, progress_data, cancellable };
  guint n_folds = options->n_folds == 0 ? 5 : options->n_folds;
  gint64 start = g_get_monotonic_time ();
  LcVisionValidation *checked = NULL;
  LcVisionModel *model = NULL;

  g_return_val_if_fail (set != NULL && options != NULL, NULL);
  if (validation != NULL)
    *validation = NULL;
  if (lc_vision_training_set_get_n_items (set) == 0)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("There are no labelled pictures to learn from."));
      return NULL;
    }
  cv::setNumThreads (LC_VISION_THREADS);
  report (&progress, 0, _("Looking at the pictures"));
  try
    {
      if (options->kind == LC_VISION_MODEL_CLASSIFIER)
        model = train_classifier (set, options, n_folds, &progress, &checked, error);
      else
        {
          if (options->good_class == NULL)
            {
              g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                           _("An anomaly model learns from good parts: say which class holds them."));
              return NULL;
            }
          model = train_anomaly (set, options, MAX (n_folds, 2), &progress, &checked, error);
        }
    }
  catch (const cv::Exception &e)
    {
      g_clear_pointer (&checked, lc_vision_validation_free);
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_FAILED,
                   _("Training failed: %s"), e.what ());
      return NULL;
    }
  if (model == NULL)
    return NULL;

  model->parameters_json = parameters_json (model);
  model->training_set_json = training_set_json (set, options->good_class,
                                                (g_get_monotonic_time () - start) / 1e6);
  if (checked != NULL)
    {
      g_autoptr(JsonNode) metrics = lc_vision_validation_to_json (checked, model->threshold);
      model->metrics_json = to_json_text (metrics);
    }
  report (&progress, 1, _("Done"));
  if (validation != NULL)
    *validation = checked;
  else if (checked != NULL)
    lc_vision_validation_free (checked);
  return model;
}

/* ---- in a worker thread ---- */

/* Shared between the worker and the progress callbacks queued on the caller's context, which
 * may run after the task has finished: the last reference frees the caller's data. */
typedef struct
{
  LcVisionProgressFunc  func;
  gpointer              data;
  GDestroyNotify        data_free;
  GMainContext         *context;
  std::atomic<bool>     finished;
} ProgressTarget;

static void
progress_target_clear (ProgressTarget *target)
{
  if (target->data_free != NULL)
    target->data_free (target->data);
  g_main_context_unref (target->context);
  target->finished.~atomic ();
}

typedef struct
{
  ProgressTarget *target;
  double          fraction;
  char           *stage;
} ProgressCall;

static gboolean
progress_call_run (gpointer user_data)
{
  ProgressCall *call = (ProgressCall *) user_data;

  if (!call->target->finished.load () && call->target->func != NULL)
    call->target->func (call->fraction, call->stage, call->target->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = (ProgressCall *) user_data;

  g_rc_box_release_full (call->target, (GDestroyNotify) progress_target_clear);
  g_free (call->stage);
  g_free (call);
}

static void
progress_from_worker (double      fraction,
                      const char *stage,
                      gpointer    user_data)
{
  ProgressTarget *target = (ProgressTarget *) user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->target = (ProgressTarget *) g_rc_box_acquire (target);
  call->fraction = fraction;
  call->stage = g_strdup (stage);
  /* Always through a source: g_main_context_invoke () would run the callback right here, on
   * the worker, whenever the caller's context happens not to be owned at that moment. */
  GSource *source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_run, call, progress_call_free);
  g_source_attach (source, target->context);
  g_source_unref (source);
}

typedef struct
{
  LcVisionTrainingSet     *set;
  LcVisionTrainingOptions  options;
  char                    *good_class;
  ProgressTarget          *target;
  LcVisionValidation      *validation;
} TrainJob;

static void
train_job_free (TrainJob *job)
{
  lc_vision_training_set_free (job->set);
  g_free (job->good_class);
  job->target->finished.store (true);
  g_rc_box_release_full (job->target, (GDestroyNotify) progress_target_clear);
  g_clear_pointer (&job->validation, lc_vision_validation_free);
  g_free (job);
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainJob *job = (TrainJob *) task_data;
  GError *error = NULL;
  LcVisionModel *model = lc_vision_train (job->set, &job->options, progress_from_worker, job->target,
                                          cancellable, &job->validation, &error);

  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, (GDestroyNotify) lc_vision_model_unref);
}

void
lc_vision_train_async (LcVisionTrainingSet            *set,
                       const LcVisionTrainingOptions  *options,
                       LcVisionProgressFunc            progress,
                       gpointer                        progress_data,
                       GDestroyNotify                  progress_data_free,
                       GCancellable                   *cancellable,
                       GAsyncReadyCallback             callback,
                       gpointer                        user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TrainJob *job = g_new0 (TrainJob, 1);

  job->set = set;
  job->options = *options;
  job->good_class = g_strdup (options->good_class);
  job->options.good_class = job->good_class;
  job->target = (ProgressTarget *) g_rc_box_new0 (ProgressTarget);
  new (&job->target->finished) std::atomic<bool> (false);
  job->target->func = progress;
  job->target->data = progress_data;
  job->target->data_free = progress_data_free;
  job->target->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, (gpointer) lc_vision_train_async);
  g_task_set_task_data (task, job, (GDestroyNotify) train_job_free);
  g_task_run_in_thread (task, train_thread);
}

LcVisionModel *
lc_vision_train_finish (GAsyncResult        *result,
                        LcVisionValidation **validation,
                        GError             **error)
{
  GTask *task = G_TASK (result);
  TrainJob *job = (TrainJob *) g_task_get_task_data (task);
  LcVisionModel *model;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  model = (LcVisionModel *) g_task_propagate_pointer (task, error);
  if (validation != NULL)
    *validation = model != NULL ? g_steal_pointer (&job->validation) : NULL;
  return model;
}

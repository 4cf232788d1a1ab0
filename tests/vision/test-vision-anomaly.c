/* The anomaly model on magnetic tile (LC_DATASETS/magnetic-tile-dev), trained on good tiles
 * only; training in a worker thread with progress and cancel. */

#include <math.h>

#include "vision-test-data.h"

/* Measured with model format 2: 0.70 on this test's subset (100 good, 102 defective), 0.71 on
 * the full set (bench/vision) -- below the 0.92 target; the floor guards against
 * regressions (format 1 measured 0.72 and 0.68). */
#define AUROC_FLOOR 0.66

typedef struct
{
  GMainLoop          *loop;
  GThread            *main_thread;
  GCancellable       *cancellable;
  double              cancel_at;
  guint               n_progress;
  double              last_fraction;
  LcVisionModel      *model;
  LcVisionValidation *validation;
  GError             *error;
} Run;

static void
on_progress (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  Run *run = user_data;

  /* the page's progress bar may be touched: we are on the caller's thread */
  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpfloat (fraction, >=, run->last_fraction);
  g_assert_nonnull (stage);
  run->last_fraction = fraction;
  run->n_progress++;
  if (run->cancellable != NULL && fraction >= run->cancel_at)
    g_cancellable_cancel (run->cancellable);
}

static void
on_trained (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->model = lc_vision_train_finish (result, &run->validation, &run->error);
  g_main_loop_quit (run->loop);
}

static LcVisionTrainingSet *
tile_subset (char      **dir_out,
             guint       n_good,
             gboolean    with_defects)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  LcVisionTrainingSet *set;

  vision_link_subset ("magnetic-tile-dev", "Free", 0, n_good, dir);
  if (with_defects)
    {
      vision_link_subset ("magnetic-tile-dev", "Blowhole", 0, 46, dir);
      vision_link_subset ("magnetic-tile-dev", "Crack", 0, 22, dir);
      vision_link_subset ("magnetic-tile-dev", "Break", 0, 34, dir);
    }
  set = lc_vision_training_set_new_from_folder (dir, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return set;
}

static void
train_async (Run                 *run,
             LcVisionTrainingSet *set)
{
  LcVisionTrainingOptions options = { LC_VISION_MODEL_ANOMALY, "Free", 5 };

  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  lc_vision_train_async (set, &options, on_progress, run, NULL, run->cancellable, on_trained, run);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
}

static void
test_anomaly_model_trains_in_the_background_and_ranks_defects_higher (void)
{
  g_autofree char *dir = NULL;
  LcVisionTrainingSet *set = tile_subset (&dir, 100, TRUE);
  g_autofree char *model_path = g_build_filename (dir, "tile.lcm", NULL);
  g_autofree char *words = NULL;
  g_autoptr(LcVisionModel) loaded = NULL;
  g_autoptr(LcVisionPrediction) prediction = NULL;
  g_autofree char *crack = NULL;
  Run run = { 0 };
  guint missed, n_defective, rejected, n_good;
  const float *heat;
  int w, h;

  train_async (&run, set);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.model);
  g_assert_cmpuint (run.n_progress, >, 5);
  g_assert_cmpfloat (run.last_fraction, ==, 1.0);

  /* held-out good tiles against defective ones never trained on */
  g_test_message ("AUROC %.3f", lc_vision_validation_get_auroc (run.validation));
  g_assert_cmpfloat (lc_vision_validation_get_auroc (run.validation), >=, AUROC_FLOOR);
  lc_vision_validation_count_at (run.validation, lc_vision_model_get_threshold (run.model),
                                 &missed, &n_defective, &rejected, &n_good);
  g_assert_cmpuint (n_good, ==, 100);
  g_assert_cmpuint (n_defective, ==, 102);
  g_assert_cmpfloat (lc_vision_model_get_threshold (run.model), ==,
                     lc_vision_validation_get_recommended_threshold (run.validation));
  words = lc_vision_validation_describe (run.validation, lc_vision_model_get_threshold (run.model));
  g_assert_nonnull (strstr (words, "Of 102 defective parts it would have missed"));
  /* the slider: a threshold below every score rejects all, above every score misses all */
  lc_vision_validation_count_at (run.validation, -1, &missed, &n_defective, &rejected, &n_good);
  g_assert_cmpuint (missed, ==, 0);
  g_assert_cmpuint (rejected, ==, 100);
  lc_vision_validation_count_at (run.validation, G_MAXDOUBLE, &missed, &n_defective, &rejected, &n_good);
  g_assert_cmpuint (missed, ==, 102);
  g_assert_cmpuint (rejected, ==, 0);

  /* saved, loaded, same scores and a heat map over the whole picture */
  g_assert_true (lc_vision_model_save (run.model, model_path, &run.error));
  loaded = lc_vision_model_load (model_path, &run.error);
  g_assert_no_error (run.error);
  crack = g_build_filename (g_getenv ("LC_DATASETS"), "magnetic-tile-dev", "Crack", "exp1_num_3191.jpg", NULL);
  prediction = lc_vision_model_predict_file (loaded, crack, &run.error);
  g_assert_no_error (run.error);
  {
    g_autoptr(LcVisionPrediction) again = lc_vision_model_predict_file (run.model, crack, &run.error);
    g_assert_cmpfloat_with_epsilon (lc_vision_prediction_get_score (again), lc_vision_prediction_get_score (prediction), 1e-6);
  }
  heat = lc_vision_prediction_get_heat_map (prediction, &w, &h);
  g_assert_nonnull (heat);
  g_assert_cmpint (w, >, 10);
  g_assert_cmpint (h, >, 10);
  g_assert_cmpfloat (lc_vision_prediction_get_confidence (prediction), >=, 0.5);
  g_assert_cmpint (lc_vision_prediction_is_defective (prediction), ==,
                   lc_vision_prediction_get_score (prediction) >= lc_vision_model_get_threshold (loaded));

  /* an anomaly model of format 1 (other cell features) is refused in words, not misread */
  {
    g_autofree char *old = g_build_filename (dir, "old.lcm", NULL);
    g_autoptr(LcVisionModel) refused = NULL;
    vision_rewrite_model_version (model_path, old, 1);
    refused = lc_vision_model_load (old, &run.error);
    g_assert_null (refused);
    g_assert_error (run.error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_VERSION);
    g_assert_nonnull (strstr (run.error->message, "older Linecheck"));
    g_assert_nonnull (strstr (run.error->message, "Train it again"));
    g_clear_error (&run.error);
  }

  lc_vision_model_unref (run.model);
  lc_vision_validation_free (run.validation);
  lc_test_remove_tree (dir);
}

static void
test_training_is_cancelled_from_the_progress_bar (void)
{
  g_autofree char *dir = NULL;
  LcVisionTrainingSet *set = tile_subset (&dir, 60, FALSE);
  Run run = { 0 };

  run.cancellable = g_cancellable_new ();
  run.cancel_at = 0.2;
  train_async (&run, set);
  g_assert_null (run.model);
  g_assert_null (run.validation);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (run.last_fraction, <, 0.8);
  g_clear_error (&run.error);
  g_object_unref (run.cancellable);
  lc_test_remove_tree (dir);
}

static void
test_with_good_pictures_only_the_threshold_says_how_sure_it_is (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LcVisionTrainingSet) set = tile_subset (&dir, 30, FALSE);
  g_autoptr(LcVisionValidation) validation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autofree char *words = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_ANOMALY, "Free", 5 };
  guint missed, n_defective, rejected, n_good, n;
  const double *good = NULL;

  model = lc_vision_train (set, &options, NULL, NULL, NULL, &validation, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (lc_vision_validation_get_auroc (validation)));
  good = lc_vision_validation_get_good_scores (validation, &n);
  g_assert_cmpuint (n, ==, 30);
  /* just above the highest held-out good score: no good part of the validation rejected */
  g_assert_cmpfloat (lc_vision_model_get_threshold (model), >, good[n - 1]);
  lc_vision_validation_count_at (validation, lc_vision_model_get_threshold (model), &missed, &n_defective, &rejected, &n_good);
  g_assert_cmpuint (rejected, ==, 0);
  g_assert_cmpuint (n_defective, ==, 0);
  words = lc_vision_validation_describe (validation, lc_vision_model_get_threshold (model));
  /* 30 good pictures, none rejected: 95% upper bound 1 - 0.05^(1/30) = 9.5% */
  g_assert_nonnull (strstr (words, "no pictures of defective parts"));
  g_assert_nonnull (strstr (words, "fewer than 10% of good parts"));
  lc_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/anomaly/trains-in-the-background-and-ranks-defects-higher",
                   test_anomaly_model_trains_in_the_background_and_ranks_defects_higher);
  g_test_add_func ("/vision/anomaly/training-is-cancelled-from-the-progress-bar",
                   test_training_is_cancelled_from_the_progress_bar);
  g_test_add_func ("/vision/anomaly/with-good-pictures-only-the-threshold-says-how-sure-it-is",
                   test_with_good_pictures_only_the_threshold_says_how_sure_it_is);
  return g_test_run ();
}

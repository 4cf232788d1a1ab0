/* Figures of the vision models on the shared data sets (issue 7), always on images the
 * model did not train on, validated in blocks of consecutive files:
 *   NEU block-validated accuracy from 60 (6 folds: 50 train, 10 test) and 10 per class
 *   (train on one block of 10, test on the 50 after and before it), magnetic-tile image AUROC
 *   from the 200 good images (5 block folds), training time for 360 images, and inference time
 *   for a 1-megapixel image with its heat map.
 * Usage: lc-bench-vision [DATASETS [neu|tile|infer]]   (default: ../shared/datasets beside the
 * source tree, the neu and tile parts; infer: only the inference times, from a model of the
 * first 40 good tiles) */

#include <glib.h>
#include <math.h>
#include <time.h>

#include "vision/lc-vision-training.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* CPU seconds of both threads since START_CPU: what an idle 2-core machine would take is
 * between this / 2 and this, whatever else the shared machine was running. */
static double
cpu_since (clock_t start_cpu)
{
  return (double) (clock () - start_cpu) / CLOCKS_PER_SEC;
}

static LcVisionModel *
train_or_die (LcVisionTrainingSet *set,
              LcVisionModelKind    kind,
              const char          *good,
              guint                n_folds,
              LcVisionValidation **validation)
{
  g_autoptr(GError) error = NULL;
  LcVisionTrainingOptions options = { kind, good, n_folds };
  LcVisionModel *model = lc_vision_train (set, &options, NULL, NULL, NULL, validation, &error);

  if (model == NULL)
    g_error ("training failed: %s", error->message);
  return model;
}

/* Train on block B (10 files) of every class, test on the other 50. */
static double
neu_accuracy_from_10 (LcVisionTrainingSet *all)
{
  guint n = lc_vision_training_set_get_n_items (all), right = 0, total = 0;
  guint n_classes;
  const char * const *classes = lc_vision_training_set_get_classes (all, &n_classes);

  for (guint block = 0; block < 6; block++)
    {
      g_autoptr(LcVisionTrainingSet) train = lc_vision_training_set_new ();
      g_autoptr(LcVisionModel) model = NULL;
      g_autoptr(GHashTable) position = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GArray) held_out = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < n; i++)
        {
          const char *cls = lc_vision_training_set_get_class (all, i);
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (position, cls));
          g_hash_table_insert (position, (gpointer) cls, GUINT_TO_POINTER (k + 1));
          if (k / 10 == block)
            lc_vision_training_set_add_file (train, lc_vision_training_set_get_path (all, i), cls, NULL);
          else
            g_array_append_val (held_out, i);
        }
      model = train_or_die (train, LC_VISION_MODEL_CLASSIFIER, NULL, 1, NULL);
      for (guint h = 0; h < held_out->len; h++)
        {
          guint i = g_array_index (held_out, guint, h);
          g_autoptr(GError) error = NULL;
          g_autoptr(LcVisionPrediction) p = lc_vision_model_predict_file (model, lc_vision_training_set_get_path (all, i), &error);
          g_assert_no_error (error);
          right += g_str_equal (lc_vision_prediction_get_class_name (p), lc_vision_training_set_get_class (all, i));
          total++;
        }
    }
  (void) classes;
  return (double) right / total;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Median and 90th percentile of REPEATS predictions on a 1024 x 1024 picture of stripes and
 * noise (the real image first, as a warm-up), and the mean CPU time per prediction. */
static void
time_predict_1mp (LcVisionModel *model,
                  const char    *image_path,
                  int            repeats,
                  const char    *what)
{
  const int side = 1024;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionPrediction) first = lc_vision_model_predict_file (model, image_path, &error);
  g_autofree guint8 *pixels = g_malloc (side * side);
  g_autofree double *ms = g_new (double, repeats);
  clock_t start_cpu;

  g_assert_no_error (error);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      pixels[y * side + x] = (guint8) (128 + 40 * sin (x * 0.3) * cos (y * 0.05) + (g_random_int () % 16));
  start_cpu = clock ();
  for (int r = 0; r < repeats; r++)
    {
      g_autoptr(LcVisionPrediction) p = NULL;
      gint64 start = g_get_monotonic_time ();
      p = lc_vision_model_predict_gray (model, pixels, side, side, side, &error);
      g_assert_no_error (error);
      ms[r] = seconds_since (start) * 1000;
    }
  qsort (ms, repeats, sizeof (double), compare_doubles);
  g_print ("%s: inference on a 1024 x 1024 image: median %.1f ms, p90 %.1f ms wall over %d runs; %.1f ms CPU per run\n",
           what, ms[repeats / 2], ms[(int) (0.9 * (repeats - 1))], repeats, cpu_since (start_cpu) * 1000 / repeats);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *root = g_strdup (argc > 1 ? argv[1] : LC_SOURCE_ROOT "/../shared/datasets");
  g_autofree char *neu_dir = g_build_filename (root, "neu-dev", NULL);
  g_autofree char *tile_dir = g_build_filename (root, "magnetic-tile-dev", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) neu = lc_vision_training_set_new_from_folder (neu_dir, &error);
  g_autoptr(LcVisionTrainingSet) tile = NULL;
  g_autoptr(LcVisionValidation) validation = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autofree char *words = NULL;
  const char *part = argc > 2 ? argv[2] : NULL;
  gint64 start;
  clock_t start_cpu;

  g_assert_no_error (error);
  g_print ("Machine shared with other work: run more than once.\n");
  if (g_strcmp0 (part, "tile") == 0)
    goto tile_part;
  if (g_strcmp0 (part, "infer") == 0)
    {
      g_autoptr(LcVisionTrainingSet) all = lc_vision_training_set_new_from_folder (tile_dir, &error);
      g_autoptr(LcVisionTrainingSet) few = lc_vision_training_set_new ();
      g_assert_no_error (error);
      for (guint i = 0; i < lc_vision_training_set_get_n_items (all); i++)
        if (g_str_equal (lc_vision_training_set_get_class (all, i), "Free") &&
            lc_vision_training_set_get_n_items (few) < 40)
          lc_vision_training_set_add_file (few, lc_vision_training_set_get_path (all, i), "Free", NULL);
      model = train_or_die (few, LC_VISION_MODEL_ANOMALY, "Free", 2, NULL);
      time_predict_1mp (model, lc_vision_training_set_get_path (few, 0), 30, "Anomaly model, heat map included");
      return 0;
    }

  start = g_get_monotonic_time ();
  start_cpu = clock ();
  g_clear_pointer (&model, lc_vision_model_unref);
  model = train_or_die (neu, LC_VISION_MODEL_CLASSIFIER, NULL, 1, NULL);
  g_print ("NEU: training on %u images (no validation): %.2f s wall, %.2f s CPU (2 threads)\n",
           lc_vision_training_set_get_n_items (neu), seconds_since (start), cpu_since (start_cpu));

  start = g_get_monotonic_time ();
  g_clear_pointer (&model, lc_vision_model_unref);
  model = train_or_die (neu, LC_VISION_MODEL_CLASSIFIER, NULL, 6, &validation);
  g_print ("NEU: training with 6-fold block validation: %.2f s\n", seconds_since (start));
  g_print ("NEU: block-validated accuracy from 60 per class (50 train, 10 held out, 6 folds): %.1f%%\n",
           100 * lc_vision_validation_get_accuracy (validation));
  g_print ("NEU: block-validated accuracy from 10 per class (train one block, test the other 50): %.1f%%\n",
           100 * neu_accuracy_from_10 (neu));
  time_predict_1mp (model, lc_vision_training_set_get_path (neu, 0), 5, "NEU classifier");
  if (g_strcmp0 (part, "neu") == 0)
    return 0;

tile_part:

  tile = lc_vision_training_set_new_from_folder (tile_dir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&validation, lc_vision_validation_free);
  g_clear_pointer (&model, lc_vision_model_unref);
  start = g_get_monotonic_time ();
  start_cpu = clock ();
  model = train_or_die (tile, LC_VISION_MODEL_ANOMALY, "Free", 5, &validation);
  g_print ("Magnetic tile: anomaly training from %u good images with 5-fold validation: %.2f s wall, %.2f s CPU\n",
           lc_vision_training_set_count_class (tile, "Free"), seconds_since (start), cpu_since (start_cpu));
  g_print ("Magnetic tile: image AUROC (held-out good vs all defective): %.3f\n",
           lc_vision_validation_get_auroc (validation));
  words = lc_vision_validation_describe (validation, lc_vision_model_get_threshold (model));
  g_print ("Magnetic tile: at the recommended threshold: %s\n", words);
  time_predict_1mp (model, lc_vision_training_set_get_path (tile, 0), 30, "Magnetic tile anomaly model, heat map included");

  /* Pixel AUROC needs a model that never saw the evaluated good tiles: train on the first 100
   * good tiles, evaluate on the last 100 and every defective tile with its mask. */
  {
    g_autoptr(LcVisionTrainingSet) first = lc_vision_training_set_new ();
    g_autoptr(LcVisionTrainingSet) rest = lc_vision_training_set_new ();
    g_autoptr(LcVisionModel) half = NULL;
    g_autoptr(LcVisionValidation) held_out = NULL;
    double pixel_auroc = NAN, ms = 0;
    guint seen_good = 0;

    for (guint i = 0; i < lc_vision_training_set_get_n_items (tile); i++)
      {
        const char *cls = lc_vision_training_set_get_class (tile, i);
        gboolean good = g_str_equal (cls, "Free");
        lc_vision_training_set_add_file (good && seen_good < 100 ? first : rest, lc_vision_training_set_get_path (tile, i),
                                         cls, lc_vision_training_set_get_mask (tile, i));
        seen_good += good;
      }
    half = train_or_die (first, LC_VISION_MODEL_ANOMALY, "Free", 5, NULL);
    held_out = lc_vision_model_evaluate (half, rest, "Free", NULL, &pixel_auroc, &ms, &error);
    g_assert_no_error (error);
    g_print ("Magnetic tile, trained on the first 100 good: image AUROC %.3f, pixel AUROC %.3f on the last 100 good "
             "and %u defective (%.1f ms per image)\n", lc_vision_validation_get_auroc (held_out), pixel_auroc,
             lc_vision_training_set_get_n_items (rest) - 100, ms);
  }
  return 0;
}

/* The defect classifier on NEU (LC_DATASETS/neu-dev), validated on blocks of consecutive files
 * it did not train on. */

#include <math.h>

#include "vision-test-data.h"

/* Bench figure (bench/vision): 98.9% with 6 block folds of 60 per class; the test asks for 95%,
 * the target. */
static void
test_neu_block_validated_accuracy_from_60_per_class (void)
{
  g_autofree char *root = vision_dataset ("neu-dev");
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = lc_vision_training_set_new_from_folder (root, &error);
  g_autoptr(LcVisionValidation) validation = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_CLASSIFIER, NULL, 6 };
  g_autofree char *words = NULL;
  guint n_classes;

  g_assert_no_error (error);
  g_assert_cmpuint (lc_vision_training_set_get_n_items (set), ==, 360);
  model = lc_vision_train (set, &options, NULL, NULL, NULL, &validation, &error);
  g_assert_no_error (error);
  g_assert_nonnull (validation);
  g_assert_cmpuint (lc_vision_validation_get_n_images (validation), ==, 360);
  g_assert_cmpfloat (lc_vision_validation_get_accuracy (validation), >=, 0.95);
  lc_vision_validation_get_classes (validation, &n_classes);
  g_assert_cmpuint (n_classes, ==, 6);
  for (guint c = 0; c < n_classes; c++)
    g_assert_cmpfloat (lc_vision_validation_get_class_accuracy (validation, c), >=, 0.85);
  words = lc_vision_validation_describe (validation, 0);
  g_assert_nonnull (strstr (words, "On 360 pictures it had not trained on"));
  g_assert_cmpstr (lc_vision_model_get_classes (model, NULL)[5], ==, "scratches");
}

/* Bench figure: 92.1% from 10 per class over 6 blocks; here one block (files 21-30 of each
 * class) against the next 20 files, asking 85%. */
static void
test_neu_accuracy_from_10_per_class_on_the_files_after (void)
{
  g_autofree char *train_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *test_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  const char *classes[] = { "crazing", "inclusion", "patches", "pitted_surface", "rolled-in_scale", "scratches" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) train = NULL, test = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(LcVisionValidation) result = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_CLASSIFIER, NULL, 1 };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      vision_link_subset ("neu-dev", classes[c], 20, 10, train_dir);
      vision_link_subset ("neu-dev", classes[c], 30, 20, test_dir);
    }
  train = lc_vision_training_set_new_from_folder (train_dir, &error);
  g_assert_no_error (error);
  test = lc_vision_training_set_new_from_folder (test_dir, &error);
  g_assert_no_error (error);
  model = lc_vision_train (train, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  result = lc_vision_model_evaluate (model, test, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_vision_validation_get_n_images (result), ==, 120);
  g_assert_cmpfloat (lc_vision_validation_get_accuracy (result), >=, 0.85);
  lc_test_remove_tree (train_dir);
  lc_test_remove_tree (test_dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/classifier/neu-block-validated-accuracy-from-60-per-class",
                   test_neu_block_validated_accuracy_from_60_per_class);
  g_test_add_func ("/vision/classifier/neu-accuracy-from-10-per-class-on-the-files-after",
                   test_neu_accuracy_from_10_per_class_on_the_files_after);
  return g_test_run ();
}

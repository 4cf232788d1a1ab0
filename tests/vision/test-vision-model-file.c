/* Model files: train, save, load, same predictions; damaged, foreign and newer files are
 * refused with a clear error; damaged pictures too. */

#include <math.h>

#include "vision-test-data.h"

static LcVisionModel *
small_classifier (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_CLASSIFIER, NULL, 1 };
  LcVisionModel *model;

  vision_link_subset ("neu-dev", "crazing", 0, 8, dir);
  vision_link_subset ("neu-dev", "patches", 0, 8, dir);
  vision_link_subset ("neu-dev", "scratches", 0, 8, dir);
  set = lc_vision_training_set_new_from_folder (dir, &error);
  g_assert_no_error (error);
  model = lc_vision_train (set, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return model;
}

static void
test_saved_classifier_loads_and_predicts_the_same (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LcVisionModel) model = small_classifier (&dir);
  g_autofree char *path = g_build_filename (dir, "model.lcm", NULL);
  g_autofree char *root = vision_dataset ("neu-dev");
  g_autoptr(LcVisionModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { "crazing/crazing_40.jpg", "patches/patches_50.jpg", "scratches/scratches_33.jpg",
                          "inclusion/inclusion_12.jpg" };

  g_assert_true (lc_vision_model_save (model, path, &error));
  g_assert_no_error (error);
  loaded = lc_vision_model_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_vision_model_get_kind (loaded), ==, LC_VISION_MODEL_CLASSIFIER);
  g_assert_cmpstrv (lc_vision_model_get_classes (loaded, NULL), lc_vision_model_get_classes (model, NULL));
  g_assert_nonnull (strstr (lc_vision_model_get_training_set_json (loaded), "\"images\":24"));
  g_assert_nonnull (strstr (lc_vision_model_get_parameters_json (loaded), "svm-rbf"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *image = g_build_filename (root, files[i], NULL);
      g_autoptr(LcVisionPrediction) a = lc_vision_model_predict_file (model, image, &error);
      g_autoptr(LcVisionPrediction) b = NULL;
      g_assert_no_error (error);
      b = lc_vision_model_predict_file (loaded, image, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lc_vision_prediction_get_class_name (a), ==, lc_vision_prediction_get_class_name (b));
      g_assert_cmpfloat_with_epsilon (lc_vision_prediction_get_score (a), lc_vision_prediction_get_score (b), 1e-9);
      g_assert_cmpfloat (lc_vision_prediction_get_confidence (a), >, 0.3);
      g_assert_null (lc_vision_prediction_get_heat_map (a, NULL, NULL));
    }
  /* the files right after the 8 it trained on, of the classes it knows: named right */
  for (guint i = 0; i < 3; i++)
    {
      const char *classes[] = { "crazing", "patches", "scratches" };
      g_autofree char *name = g_strdup_printf ("%s_10.jpg", classes[i]);
      g_autofree char *image = g_build_filename (root, classes[i], name, NULL);
      g_autoptr(LcVisionPrediction) p = lc_vision_model_predict_file (loaded, image, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lc_vision_prediction_get_class_name (p), ==, classes[i]);
    }
  lc_test_remove_tree (dir);
}

static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionModel) model = lc_vision_model_load (path, &error);

  g_assert_null (model);
  g_assert_error (error, LC_VISION_ERROR, code);
  g_assert_nonnull (strstr (error->message, code == LC_VISION_ERROR_MODEL_FILE ? "damaged" : "newer Linecheck"));
}

static void
test_damaged_foreign_and_newer_model_files_are_refused (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LcVisionModel) model = small_classifier (&dir);
  g_autofree char *path = g_build_filename (dir, "model.lcm", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.lcm", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (lc_vision_model_save (model, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));

  /* truncated, at several places */
  for (gsize cut = 0; cut < length; cut += length / 7 + 1)
    {
      g_assert_true (g_file_set_contents (bad, contents, cut, &error));
      assert_refused (bad, LC_VISION_ERROR_MODEL_FILE);
    }
  /* one byte changed in the header, in the SVM and in the checksum */
  for (gsize at = 20; at < length; at += length / 5)
    {
      contents[at] ^= 0x10;
      g_assert_true (g_file_set_contents (bad, contents, length, &error));
      assert_refused (bad, LC_VISION_ERROR_MODEL_FILE);
      contents[at] ^= 0x10;
    }
  /* a foreign file */
  g_assert_true (g_file_set_contents (bad, "%YAML:1.0\nopencv_ml_svm: {}\n", -1, &error));
  assert_refused (bad, LC_VISION_ERROR_MODEL_FILE);
  /* a well-formed file from a newer format: version bumped and the checksum redone */
  {
    g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
    gsize digest_length = 32;
    contents[8] = LC_VISION_MODEL_FORMAT_VERSION + 1;
    g_checksum_update (checksum, (const guchar *) contents, length - 32);
    g_checksum_get_digest (checksum, (guint8 *) contents + length - 32, &digest_length);
    g_assert_true (g_file_set_contents (bad, contents, length, &error));
    assert_refused (bad, LC_VISION_ERROR_MODEL_VERSION);
  }
  /* a classifier of format 1 (its features are unchanged) still loads */
  {
    g_autoptr(LcVisionModel) old = NULL;
    vision_rewrite_model_version (path, bad, 1);
    old = lc_vision_model_load (bad, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lc_vision_model_get_kind (old), ==, LC_VISION_MODEL_CLASSIFIER);
  }
  /* a missing file: the file error, not a crash */
  g_assert_null (lc_vision_model_load ("/nonexistent/model.lcm", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  lc_test_remove_tree (dir);
}

static void
test_damaged_picture_is_refused_in_words (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LcVisionModel) model = small_classifier (&dir);
  g_autofree char *picture = g_build_filename (dir, "broken.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionPrediction) prediction = NULL;
  g_autoptr(LcVisionTrainingSet) set = lc_vision_training_set_new ();
  g_autoptr(LcVisionModel) trained = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_CLASSIFIER, NULL, 1 };
  guint8 tiny[8 * 8] = { 0 };

  g_assert_true (g_file_set_contents (picture, "\xff\xd8\xff\xe0 not really a JPEG", -1, &error));
  prediction = lc_vision_model_predict_file (model, picture, &error);
  g_assert_null (prediction);
  g_assert_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "not a picture Linecheck can read"));
  g_clear_error (&error);

  g_assert_null (lc_vision_model_predict_gray (model, tiny, 8, 8, 8, &error));
  g_assert_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE);
  g_clear_error (&error);

  /* one damaged picture among good ones stops training with its name */
  lc_vision_training_set_add_file (set, picture, "a", NULL);
  lc_vision_training_set_add_file (set, picture, "b", NULL);
  trained = lc_vision_train (set, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_null (trained);
  g_assert_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "broken.jpg"));
  lc_test_remove_tree (dir);
}

static void
test_empty_folder_is_refused_in_words (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = lc_vision_training_set_new_from_folder (dir, &error);

  g_assert_null (set);
  g_assert_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET);
  g_assert_nonnull (strstr (error->message, "There are no pictures"));
  lc_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/model-file/saved-classifier-loads-and-predicts-the-same",
                   test_saved_classifier_loads_and_predicts_the_same);
  g_test_add_func ("/vision/model-file/damaged-foreign-and-newer-files-are-refused",
                   test_damaged_foreign_and_newer_model_files_are_refused);
  g_test_add_func ("/vision/model-file/damaged-picture-is-refused-in-words",
                   test_damaged_picture_is_refused_in_words);
  g_test_add_func ("/vision/training-set/empty-folder-is-refused-in-words",
                   test_empty_folder_is_refused_in_words);
  return g_test_run ();
}

/* Model files: train, save, load, same predictions; damaged, foreign and newer files are
 * refused with a clear error; damaged pictures too. */

#include <math.h>

#include <json-glib/json-glib.h>

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
  /* a missing file: the file error, not a crash */
  g_assert_null (lc_vision_model_load ("/nonexistent/model.lcm", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  lc_test_remove_tree (dir);
}

/* The scores of PATHS under MODEL, with their heat maps' sizes checked against each other. */
static void
anomaly_scores (LcVisionModel *model,
                GPtrArray     *paths,
                double        *scores)
{
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcVisionPrediction) p = lc_vision_model_predict_file (model, g_ptr_array_index (paths, i), &error);
      int w = 0, h = 0;

      g_assert_no_error (error);
      g_assert_nonnull (lc_vision_prediction_get_heat_map (p, &w, &h));
      g_assert_cmpint (w, >, 8);
      g_assert_cmpint (h, >, 8);
      scores[i] = lc_vision_prediction_get_score (p);
      g_assert_true (isfinite (scores[i]) && scores[i] > 0);
    }
}

/* A format 3 anomaly model (memory bank + the perceptron learnt from made-up defects) loads
 * and scores as it was saved; a format 1 file (bank only, written before the perceptron)
 * still loads and is scored its own way, by the bank alone; a format 1 file that carries
 * perceptron weights after all is refused as damaged, and so is format 2 (never released). */
static void
test_anomaly_model_files_of_both_formats_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *train_dir = g_build_filename (dir, "train", NULL);
  g_autofree char *check_dir = g_build_filename (dir, "check", NULL);
  g_autofree char *path = g_build_filename (dir, "anomaly.lcm", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.lcm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = NULL;
  g_autoptr(LcVisionTrainingSet) check = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(LcVisionModel) loaded = NULL;
  g_autoptr(LcVisionModel) old = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GByteArray) old_file = g_byte_array_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *contents = NULL;
  g_autofree char *old_header = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_ANOMALY, "Free", 2 };
  double scores[4], loaded_scores[4], old_scores[4];
  gsize length, header_length, old_header_length, digest_length = 32, offset;
  guint32 n, version = GUINT32_TO_LE (1);
  guint8 digest[32];

  vision_link_subset ("magnetic-tile-dev", "Free", 0, 24, train_dir);
  vision_link_subset ("magnetic-tile-dev", "Free", 150, 2, check_dir);
  vision_link_subset ("magnetic-tile-dev", "Blowhole", 0, 2, check_dir);
  set = lc_vision_training_set_new_from_folder (train_dir, &error);
  g_assert_no_error (error);
  check = lc_vision_training_set_new_from_folder (check_dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < lc_vision_training_set_get_n_items (check); i++)
    g_ptr_array_add (paths, (gpointer) lc_vision_training_set_get_path (check, i));
  g_assert_cmpuint (paths->len, ==, 4);
  model = lc_vision_train (set, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 24 tiles with two made-up defects each are plenty for the perceptron */
  g_assert_nonnull (strstr (lc_vision_model_get_parameters_json (model), "\"perceptron_hidden\":16"));

  g_assert_true (lc_vision_model_save (model, path, &error));
  loaded = lc_vision_model_load (path, &error);
  g_assert_no_error (error);
  anomaly_scores (model, paths, scores);
  anomaly_scores (loaded, paths, loaded_scores);
  for (guint i = 0; i < paths->len; i++)
    g_assert_cmpfloat_with_epsilon (scores[i], loaded_scores[i], 1e-9);

  /* Format 1 as it was written: magic, version 1, a header without the maps' scales, the
   * mean, scale and bank matrices, the checksum. Built from the format 3 file by dropping the
   * scales and the two perceptron matrices at its end. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  memcpy (&n, contents + 12, 4);
  header_length = GUINT32_FROM_LE (n);
  g_assert_true (json_parser_load_from_data (parser, contents + 16, header_length, &error));
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "knn_scale");
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "mlp_scale");
  json_generator_set_root (generator, json_parser_get_root (parser));
  old_header = json_generator_to_data (generator, &old_header_length);
  n = GUINT32_TO_LE ((guint32) old_header_length);
  g_byte_array_append (old_file, (const guint8 *) contents, 8);
  g_byte_array_append (old_file, (const guint8 *) &version, 4);
  g_byte_array_append (old_file, (const guint8 *) &n, 4);
  g_byte_array_append (old_file, (const guint8 *) old_header, old_header_length);
  offset = 16 + header_length;
  for (int m = 0; m < 3; m++)   /* mean, scale, bank: rows, cols, byte count, bytes */
    {
      guint32 bytes;
      memcpy (&bytes, contents + offset + 8, 4);
      g_byte_array_append (old_file, (const guint8 *) contents + offset, 12 + GUINT32_FROM_LE (bytes));
      offset += 12 + GUINT32_FROM_LE (bytes);
    }
  g_assert_cmpuint (offset, <, length - 32);   /* the perceptron came after the bank */
  g_checksum_update (checksum, old_file->data, old_file->len);
  g_checksum_get_digest (checksum, digest, &digest_length);
  g_byte_array_append (old_file, digest, 32);
  g_assert_true (g_file_set_contents (old_path, (const char *) old_file->data, old_file->len, &error));
  old = lc_vision_model_load (old_path, &error);
  g_assert_no_error (error);
  anomaly_scores (old, paths, old_scores);
  /* by the bank alone, in raw distance units: not the format 3 sum of the two scaled maps */
  for (guint i = 0; i < paths->len; i++)
    g_assert_cmpfloat (fabs (old_scores[i] - scores[i]), >, 1e-3);

  /* version 1 followed by perceptron matrices: bytes left over, refused */
  {
    g_autoptr(GByteArray) padded = g_byte_array_new ();
    g_autoptr(GChecksum) again = g_checksum_new (G_CHECKSUM_SHA256);
    g_byte_array_append (padded, old_file->data, old_file->len - 32);
    g_byte_array_append (padded, (const guint8 *) contents + offset, length - 32 - offset);
    g_checksum_update (again, padded->data, padded->len);
    digest_length = 32;
    g_checksum_get_digest (again, digest, &digest_length);
    g_byte_array_append (padded, digest, 32);
    g_assert_true (g_file_set_contents (old_path, (const char *) padded->data, padded->len, &error));
    assert_refused (old_path, LC_VISION_ERROR_MODEL_FILE);
  }
  /* the format 3 file relabelled 2, checksum redone: refused in words */
  {
    g_autoptr(GChecksum) again = g_checksum_new (G_CHECKSUM_SHA256);
    g_autoptr(LcVisionModel) refused = NULL;
    contents[8] = 2;
    g_checksum_update (again, (const guchar *) contents, length - 32);
    digest_length = 32;
    g_checksum_get_digest (again, (guint8 *) contents + length - 32, &digest_length);
    g_assert_true (g_file_set_contents (old_path, contents, length, &error));
    refused = lc_vision_model_load (old_path, &error);
    g_assert_null (refused);
    g_assert_error (error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_FILE);
    g_assert_nonnull (strstr (error->message, "Train the model again"));
    g_clear_error (&error);
  }
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
  g_test_add_func ("/vision/model-file/anomaly-model-files-of-both-formats-load",
                   test_anomaly_model_files_of_both_formats_load);
  g_test_add_func ("/vision/model-file/damaged-picture-is-refused-in-words",
                   test_damaged_picture_is_refused_in_words);
  g_test_add_func ("/vision/training-set/empty-folder-is-refused-in-words",
                   test_empty_folder_is_refused_in_words);
  return g_test_run ();
}

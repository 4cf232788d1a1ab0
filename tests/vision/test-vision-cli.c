/* linecheck-cli train, eval and predict: the JSON of issue 7's contract, and errors in words. */

#include <json-glib/json-glib.h>

#include "vision-test-data.h"

static gboolean
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
}

static void
test_classifier_train_eval_predict_json (void)
{
  g_autofree char *train_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *test_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (train_dir, "neu.lcm", NULL);
  g_autofree char *picture = NULL, *out = NULL, *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *classes[] = { "crazing", "patches", "scratches" };
  const char * const keys[] = { "accuracy", "per_class", "confusion", "classes", "images", "ms_per_image", NULL };
  JsonObject *eval;
  JsonArray *confusion, *results;

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      vision_link_subset ("neu-dev", classes[c], 0, 10, train_dir);
      vision_link_subset ("neu-dev", classes[c], 10, 10, test_dir);
    }
  g_assert_true (run_cli ((const char *[]) { "train", "--dataset", train_dir, "--kind", "classifier", "--out", model,
                                             "--folds", "2", "--quiet", NULL }, &out, &err));
  g_assert_nonnull (strstr (out, "On 30 pictures it had not trained on"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (run_cli ((const char *[]) { "eval", "--model", model, "--dataset", test_dir, "--format", "json", NULL },
                          &out, &err));
  root = parse (out);
  eval = json_node_get_object (root);
  assert_members (eval, keys);
  g_assert_cmpint (json_object_get_int_member (eval, "images"), ==, 30);
  g_assert_cmpfloat (json_object_get_double_member (eval, "accuracy"), >=, 0.8);
  g_assert_cmpfloat (json_object_get_double_member (eval, "ms_per_image"), >, 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (eval, "per_class"), "scratches"));
  confusion = json_object_get_array_member (eval, "confusion");
  g_assert_cmpuint (json_array_get_length (confusion), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (confusion, 0)), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (eval, "classes"), 1), ==, "patches");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&root, json_node_unref);

  picture = g_build_filename (g_getenv ("LC_DATASETS"), "neu-dev", "scratches", "scratches_55.jpg", NULL);
  g_assert_true (run_cli ((const char *[]) { "predict", "--model", model, picture, "--format", "json", NULL }, &out, &err));
  root = parse (out);
  results = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "class"), ==, "scratches");
  lc_test_remove_tree (train_dir);
  lc_test_remove_tree (test_dir);
}

static void
test_anomaly_train_eval_predict_json_with_masks_and_heat_maps (void)
{
  g_autofree char *train_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *test_dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (train_dir, "tile.lcm", NULL);
  g_autofree char *heat_dir = g_build_filename (train_dir, "heat", NULL);
  g_autofree char *picture = NULL, *out = NULL, *err = NULL, *heat_file = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char * const keys[] = { "auroc", "images", "ms_per_image", "threshold", "missed", "over_rejected",
                                "pixel_auroc", NULL };
  JsonObject *eval, *result;

  vision_link_subset ("magnetic-tile-dev", "Free", 0, 30, train_dir);
  vision_link_subset ("magnetic-tile-dev", "Free", 30, 10, test_dir);
  vision_link_subset ("magnetic-tile-dev", "Blowhole", 0, 10, test_dir);
  g_assert_true (run_cli ((const char *[]) { "train", "--dataset", train_dir, "--kind", "anomaly", "--good", "Free",
                                             "--out", model, "--quiet", "--format", "json", NULL }, &out, &err));
  root = parse (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "good"), ==, 30);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (run_cli ((const char *[]) { "eval", "--model", model, "--dataset", test_dir, "--good", "Free",
                                             "--format", "json", NULL }, &out, &err));
  root = parse (out);
  eval = json_node_get_object (root);
  assert_members (eval, keys);
  g_assert_cmpint (json_object_get_int_member (eval, "images"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (eval, "pixel_auroc"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (eval, "pixel_auroc"), <=, 1);
  g_assert_cmpint (json_object_get_int_member (eval, "missed"), <=, 10);
  g_assert_cmpint (json_object_get_int_member (eval, "over_rejected"), <=, 10);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&root, json_node_unref);

  picture = g_build_filename (g_getenv ("LC_DATASETS"), "magnetic-tile-dev", "Blowhole", "exp1_num_3667.jpg", NULL);
  g_assert_true (run_cli ((const char *[]) { "predict", "--model", model, picture, "--heatmap", heat_dir,
                                             "--format", "json", NULL }, &out, &err));
  root = parse (out);
  result = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_true (json_object_has_member (result, "score"));
  g_assert_true (json_object_has_member (result, "regions"));
  heat_file = g_build_filename (heat_dir, "exp1_num_3667.heatmap.png", NULL);
  g_assert_cmpstr (json_object_get_string_member (result, "heatmap"), ==, heat_file);
  g_assert_true (g_file_test (heat_file, G_FILE_TEST_IS_REGULAR));
  lc_test_remove_tree (heat_dir);
  lc_test_remove_tree (train_dir);
  lc_test_remove_tree (test_dir);
}

static void
test_bad_input_gets_a_message_and_a_failing_status (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "broken.lcm", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_false (run_cli ((const char *[]) { "train", "--dataset", dir, "--kind", "classifier", "--out", model, NULL },
                           &out, &err));
  g_assert_nonnull (strstr (err, "There are no pictures in"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (model, "not a model", -1, NULL));
  g_assert_false (run_cli ((const char *[]) { "predict", "--model", model, "x.jpg", NULL }, &out, &err));
  g_assert_nonnull (strstr (err, "is not a Linecheck model file, or it is damaged"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_false (run_cli ((const char *[]) { "train", "--dataset", dir, "--kind", "neural", "--out", model, NULL },
                           &out, &err));
  g_assert_nonnull (strstr (err, "unknown kind"));
  lc_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vision/cli/classifier-train-eval-predict-json", test_classifier_train_eval_predict_json);
  g_test_add_func ("/vision/cli/anomaly-train-eval-predict-json-with-masks-and-heat-maps",
                   test_anomaly_train_eval_predict_json_with_masks_and_heat_maps);
  g_test_add_func ("/vision/cli/bad-input-gets-a-message-and-a-failing-status",
                   test_bad_input_gets_a_message_and_a_failing_status);
  return g_test_run ();
}

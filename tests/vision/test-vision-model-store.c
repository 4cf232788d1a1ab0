/* Model versions in the store: registered inactive, activated one per kind, the active one
 * found again and loadable. */

#include "lc-part-type.h"
#include "vision/lc-vision-model-store.h"
#include "vision-test-data.h"

static LcVisionModel *
train_small (LcVisionModelKind kind)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-vision-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = NULL;
  LcVisionTrainingOptions options = { kind, "Free", kind == LC_VISION_MODEL_ANOMALY ? 2 : 1 };
  LcVisionModel *model;

  if (kind == LC_VISION_MODEL_ANOMALY)
    vision_link_subset ("magnetic-tile-dev", "Free", 0, 6, dir);
  else
    {
      vision_link_subset ("neu-dev", "crazing", 0, 4, dir);
      vision_link_subset ("neu-dev", "patches", 0, 4, dir);
    }
  set = lc_vision_training_set_new_from_folder (dir, &error);
  g_assert_no_error (error);
  model = lc_vision_train (set, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  lc_test_remove_tree (dir);
  return model;
}

static void
test_new_version_stays_inactive_until_activated_per_kind (StoreFixture  *fixture,
                                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_new ("BRK-1", "Bracket");
  g_autoptr(LcVisionModel) classifier = train_small (LC_VISION_MODEL_CLASSIFIER);
  g_autoptr(LcVisionModel) anomaly = train_small (LC_VISION_MODEL_ANOMALY);
  g_autoptr(LcVisionModelRecord) first = NULL, second = NULL, heat = NULL, active = NULL;
  g_autoptr(LcVisionModel) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 part_id;

  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  g_assert_no_error (error);
  part_id = lc_part_type_get_id (part);

  first = lc_vision_model_store_register (fixture->store, part_id, classifier, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->version, ==, 1);
  g_assert_false (first->active);
  g_assert_true (g_file_test (first->file, G_FILE_TEST_IS_REGULAR));
  g_assert_null (lc_vision_model_store_get_active (fixture->store, part_id, LC_VISION_MODEL_CLASSIFIER, &error));
  g_assert_no_error (error);

  g_assert_true (lc_vision_model_store_activate (fixture->store, first->id, &error));
  second = lc_vision_model_store_register (fixture->store, part_id, classifier, &error);
  heat = lc_vision_model_store_register (fixture->store, part_id, anomaly, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->version, ==, 2);
  g_assert_cmpuint (heat->version, ==, 3);
  g_assert_true (lc_vision_model_store_activate (fixture->store, heat->id, &error));

  /* the first classifier is still the active one: activating the anomaly model left it alone */
  active = lc_vision_model_store_get_active (fixture->store, part_id, LC_VISION_MODEL_CLASSIFIER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (active->id, ==, first->id);
  g_clear_pointer (&active, lc_vision_model_record_free);
  g_assert_true (lc_vision_model_store_activate (fixture->store, second->id, &error));
  active = lc_vision_model_store_get_active (fixture->store, part_id, LC_VISION_MODEL_CLASSIFIER, &error);
  g_assert_cmpint (active->id, ==, second->id);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM model WHERE active"), ==, 2);
  g_clear_pointer (&active, lc_vision_model_record_free);
  active = lc_vision_model_store_get_active (fixture->store, part_id, LC_VISION_MODEL_ANOMALY, &error);
  g_assert_cmpint (active->id, ==, heat->id);
  g_assert_cmpint (active->kind, ==, LC_VISION_MODEL_ANOMALY);
  loaded = lc_vision_model_load (active->file, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (lc_vision_model_get_threshold (loaded), ==, lc_vision_model_get_threshold (anomaly));
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM model WHERE metrics LIKE '%\"auroc\"%'"), ==, 1);

  all = lc_vision_model_store_list (fixture->store, part_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpuint (((LcVisionModelRecord *) g_ptr_array_index (all, 0))->version, ==, 3);

  /* the audit trail: three trainings and three activations, the last naming what it replaced */
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'train-model'"
                                      " AND entity = 'model'"), ==, 3);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'activate-model'"
                                      " AND entity = 'part_type'"), ==, 3);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'activate-model'"
                                      " AND old_value IS NOT NULL"), ==, 1);

  g_assert_false (lc_vision_model_store_activate (fixture->store, 999, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/vision/model-store/new-version-stays-inactive-until-activated-per-kind", StoreFixture, NULL,
              store_fixture_set_up, test_new_version_stays_inactive_until_activated_per_kind,
              store_fixture_tear_down);
  return g_test_run ();
}

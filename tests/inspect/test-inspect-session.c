#include "lc-config.h"

#include <math.h>

#include "lc-demo.h"
#include "lc-demo-bench.h"
#include "lc-camera-sim.h"
#include "lc-inspect-session.h"
#include "lc-inspect-vision.h"
#include "vision/lc-vision-model-store.h"
#include "lc-lot.h"
#include "../store/test-helpers.h"

/* The demo database with its simulated gauge and camera, a running bench and a session on
 * it at a station of its own (the demo's history is at no station). */
typedef struct
{
  char             *dir;
  LcStore          *store;
  LcGaugeBench     *bench;
  LcInspectSession *session;
  LcPartType       *bushing;
  GPtrArray        *alarms;
} Fixture;

static void
on_alarm (LcInspectSession *session,
          const char       *kind,
          const char       *message,
          Fixture          *fixture)
{
  g_ptr_array_add (fixture->alarms, g_strdup_printf ("%s: %s", kind, message));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("lc-session-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  /* The demo's part types come with vision models; the tests of the gauges and the records
   * use the demo without them (a part type without a model is judged on its gauges), which
   * also spares each test the training. */
  if (g_strcmp0 (data, "models") == 0)
    fixture->store = lc_demo_open (path, &error);
  else
    {
      fixture->store = lc_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (lc_demo_seed (fixture->store, lc_store_now (), &error));
      g_assert_no_error (error);
      /* The bench is set up by the demo's admin, as lc_demo_open () does it. */
      lc_store_set_actor (fixture->store, lc_test_query_int (fixture->store, "SELECT id FROM operator WHERE role = 'admin'"),
                          "Admin");
      lc_store_set_actor_role (fixture->store, LC_ROLE_ADMIN);
      g_assert_true (lc_demo_bench_equip (fixture->store, &error));
      lc_store_set_actor (fixture->store, 0, NULL);
    }
  g_assert_no_error (error);
  fixture->bench = lc_gauge_bench_new ();
  g_assert_true (lc_gauge_bench_load (fixture->bench, fixture->store, &error));
  g_assert_no_error (error);
  lc_gauge_bench_start (fixture->bench);
  fixture->session = lc_inspect_session_new (fixture->store, fixture->bench, NULL);
  lc_inspect_session_set_station (fixture->session, "test bench");
  fixture->bushing = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  g_assert_no_error (error);
  fixture->alarms = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->session, "alarm", G_CALLBACK (on_alarm), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->session, fixture);
  g_clear_object (&fixture->session);
  lc_gauge_bench_stop (fixture->bench);
  g_clear_object (&fixture->bench);
  g_clear_object (&fixture->bushing);
  g_clear_object (&fixture->store);
  g_ptr_array_unref (fixture->alarms);
  lc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
run_inspect (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lc_inspect_session_inspect_async (fixture->session, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lc_inspect_session_inspect_finish (fixture->session, result, error);
}

static gboolean
run_remeasure (Fixture    *fixture,
               gint64      characteristic_id,
               const char *reason,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lc_inspect_session_remeasure_async (fixture->session, characteristic_id, reason, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lc_inspect_session_remeasure_finish (fixture->session, result, error);
}

static gint64
characteristic_id (Fixture    *fixture,
                   const char *name)
{
  return lc_characteristic_get_id (lc_part_type_find_characteristic (fixture->bushing, name));
}

static gint64
defect_id (Fixture    *fixture,
           const char *name)
{
  return lc_defect_class_get_id (lc_part_type_find_defect_class (fixture->bushing, name));
}

/* Every value on its nominal (or, one-sided, well inside): the part is good. */
static void
enter_good_values (Fixture *fixture)
{
  GPtrArray *characteristics = lc_inspect_session_get_characteristics (fixture->session);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < characteristics->len; i++)
    {
      LcCharacteristic *c = g_ptr_array_index (characteristics, i);
      double value = !isnan (lc_characteristic_get_nominal (c)) ? lc_characteristic_get_nominal (c)
                     : lc_characteristic_get_usl (c) / 3;

      g_assert_true (lc_inspect_session_enter_value (fixture->session, lc_characteristic_get_id (c), value,
                                                     "typed good value", &error));
      g_assert_no_error (error);
    }
}

static void
start (Fixture    *fixture,
       const char *lot)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_inspect_session_change_part_type (fixture->session, fixture->bushing, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (lc_inspect_session_open_lot (fixture->session, lot, &error));
  g_assert_no_error (error);
}

static gint64
count (Fixture    *fixture,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lc_test_query_int (fixture->store, sql);
}

static void
test_changeover_loads_everything (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *characteristics;

  g_assert_true (lc_inspect_session_change_part_type (fixture->session, fixture->bushing, FALSE, &error));
  g_assert_no_error (error);
  characteristics = lc_inspect_session_get_characteristics (fixture->session);
  g_assert_cmpuint (characteristics->len, ==, 4);
  /* Every demo characteristic has its simulated gauge channel. */
  for (guint i = 0; i < characteristics->len; i++)
    {
      LcCharacteristic *c = g_ptr_array_index (characteristics, i);
      LcGaugeChannel *channel = lc_inspect_session_get_channel (fixture->session, lc_characteristic_get_id (c));

      g_assert_nonnull (channel);
      g_assert_cmpint (lc_gauge_channel_get_id (channel), ==, lc_characteristic_get_channel_id (c));
    }
  /* The part type's camera was opened, set to a software trigger, showing this part. */
  g_assert_nonnull (lc_inspect_session_get_camera (fixture->session));
  g_assert_true (g_str_has_prefix (lc_camera_get_uri (lc_inspect_session_get_camera (fixture->session)), "sim:"));
  {
    g_autoptr(LcCameraSettings) settings = lc_camera_dup_settings (lc_inspect_session_get_camera (fixture->session));
    g_assert_cmpint (settings->trigger, ==, LC_CAMERA_TRIGGER_SOFTWARE);
  }
  g_assert_cmpint (lc_inspect_session_get_changeover_time (fixture->session), >, 0);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_IDLE);
}

static void
test_inspect_needs_a_lot_and_counts_serials (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 lot_id;

  g_assert_true (lc_inspect_session_change_part_type (fixture->session, fixture->bushing, FALSE, &error));
  g_assert_false (run_inspect (fixture, &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_LOT);
  g_clear_error (&error);

  /* A new lot with one action: the week's next code. */
  g_assert_true (lc_inspect_session_open_lot (fixture->session, NULL, &error));
  g_assert_no_error (error);
  lot_id = lc_inspect_session_get_lot_id (fixture->session);
  g_assert_cmpint (lot_id, >, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}$", lc_inspect_session_get_lot_code (fixture->session),
                                       0, 0));

  g_assert_true (run_inspect (fixture, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("%s-0001", lc_inspect_session_get_lot_code (fixture->session));
    g_assert_cmpstr (lc_inspect_session_get_serial (fixture->session), ==, expected);
  }
  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_no_error (error);

  /* A scanned serial names the next part; then counting goes on. */
  lc_inspect_session_set_serial (fixture->session, "  CUST-778 ");
  g_assert_true (run_inspect (fixture, &error));
  g_assert_cmpstr (lc_inspect_session_get_serial (fixture->session), ==, "CUST-778");
  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_true (run_inspect (fixture, &error));
  g_assert_true (g_str_has_suffix (lc_inspect_session_get_serial (fixture->session), "-0002"));

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT
                                   " AND serial = 'CUST-778' AND station = 'test bench'", lot_id), ==, 1);
}

static void
test_inspect_measures_and_records_whole (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *characteristics;
  gint64 id;

  start (fixture, "T-1");
  g_assert_true (run_inspect (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_SUGGESTED);
  g_assert_true (lc_inspect_session_is_busy (fixture->session));

  /* Each characteristic got its gauge's reading, with what the gauge sent. */
  characteristics = lc_inspect_session_get_characteristics (fixture->session);
  for (guint i = 0; i < characteristics->len; i++)
    {
      LcCharacteristic *c = g_ptr_array_index (characteristics, i);
      double value = lc_inspect_session_get_value (fixture->session, lc_characteristic_get_id (c));

      g_assert_false (isnan (value));
    }
  g_assert_cmpuint (lc_inspect_session_get_measurements (fixture->session)->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      LcMeasurementRecord *m = g_ptr_array_index (lc_inspect_session_get_measurements (fixture->session), i);
      g_assert_cmpint (m->channel_id, >, 0);
      g_assert_true (g_str_has_prefix (m->raw, "["));
    }
  /* A picture of the part, already on disk. */
  g_assert_nonnull (lc_inspect_session_get_frame (fixture->session));
  g_assert_cmpint (lc_frame_get_width (lc_inspect_session_get_frame (fixture->session)), ==, 1280);
  /* No model for the part: the gauges suggest, and the operator is told. */
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->model_id, ==, 0);
  g_assert_nonnull (strstr (lc_inspect_session_get_status (fixture->session), "gauges alone"));
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->verdict, !=, LC_VERDICT_NONE);

  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_can_pass_at_once (fixture->session));
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_RECORDED);
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (id, >, 0);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND verdict = 'pass' AND suggested_verdict = 'pass' AND decided_by = 'operator'"
                                   " AND model_id IS NULL", id), ==, 1);
  /* The gauge readings were kept, superseded by the typed ones, with the reason. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND superseded = 1 AND reason = 'typed good value' AND channel_id > 0", id), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND superseded = 0 AND channel_id IS NULL", id), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND file LIKE 'images/%%.png' AND width = 1280 AND label = 'good' AND review = 0"
                                   " AND camera LIKE 'sim:%%'", id), ==, 1);
  {
    g_autofree char *file = NULL;
    g_autofree char *path = NULL;
    sqlite3_stmt *stmt = lc_store_prepare (fixture->store, "SELECT file FROM image WHERE inspection_id = ?", NULL);

    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    file = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    path = g_build_filename (lc_store_get_data_dir (fixture->store), file, NULL);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_changeover_refused_while_half_done (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) cap = lc_part_type_load_by_code (fixture->store, LC_DEMO_CAP, &error);

  start (fixture, "T-2");
  g_assert_true (run_inspect (fixture, &error));
  g_assert_false (lc_inspect_session_change_part_type (fixture->session, cap, FALSE, &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (lc_inspect_session_open_lot (fixture->session, "T-3", &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (lc_inspect_session_get_part_type (fixture->session) == fixture->bushing);

  /* Discarding drops the part: nothing is recorded. */
  g_assert_true (lc_inspect_session_change_part_type (fixture->session, cap, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_IDLE);
  g_assert_cmpuint (lc_inspect_session_get_characteristics (fixture->session)->len, ==, 3);
  g_assert_cmpint (lc_inspect_session_get_lot_id (fixture->session), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE station = 'test bench'"), ==, 0);
}

static void
test_verdict_rules_and_corrections (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 od = characteristic_id (fixture, "Outer diameter");
  gint64 id;

  start (fixture, "T-4");
  g_assert_false (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (run_inspect (fixture, &error));
  enter_good_values (fixture);
  /* A fail names its defect when every value is in. */
  g_assert_false (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, 0, &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NEEDS_DEFECT);
  g_clear_error (&error);
  /* Suggested pass, failed for a scratch: a correction, for the review queue. */
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->verdict, ==, LC_VERDICT_PASS);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, defect_id (fixture, "Scratch"), &error));
  g_assert_no_error (error);
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND verdict = 'fail' AND suggested_verdict = 'pass'"
                                   " AND decided_by = 'operator-override' AND defect_class_id = %" G_GINT64_FORMAT,
                          id, defect_id (fixture, "Scratch")), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND review = 1", id), ==, 1);

  /* Out of specification: cannot pass; failing needs no defect class; an alarm and an event. */
  g_assert_true (run_inspect (fixture, &error));
  enter_good_values (fixture);
  g_ptr_array_set_size (fixture->alarms, 0);
  g_assert_true (lc_inspect_session_enter_value (fixture->session, od, 20.031, "typed", &error));
  g_assert_cmpint (lc_inspect_session_get_zone (fixture->session, od), ==, LC_SPEC_OUT);
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->verdict, ==, LC_VERDICT_FAIL);
  g_assert_false (lc_inspect_session_can_pass_at_once (fixture->session));
  g_assert_false (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_OUT_OF_SPEC);
  g_clear_error (&error);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, 0, &error));
  g_assert_no_error (error);
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND verdict = 'fail' AND decided_by = 'operator' AND defect_class_id IS NULL", id),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND review = 0", id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM event WHERE kind = 'out-of-spec' AND inspection_id = %"
                                   G_GINT64_FORMAT " AND characteristic_id = %" G_GINT64_FORMAT, id, od), ==, 1);
}

static void
test_remeasure_keeps_both_readings (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 bore = characteristic_id (fixture, "Bore diameter");
  guint before;
  gint64 id;

  start (fixture, "T-5");
  g_assert_true (run_inspect (fixture, &error));
  before = lc_inspect_session_get_measurements (fixture->session)->len;
  g_assert_true (run_remeasure (fixture, bore, "part not seated", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lc_inspect_session_get_measurements (fixture->session)->len, ==, before + 1);
  g_assert_false (isnan (lc_inspect_session_get_value (fixture->session, bore)));
  /* All of them again. */
  g_assert_true (run_remeasure (fixture, 0, "gauge cleaned", &error));
  g_assert_cmpuint (lc_inspect_session_get_measurements (fixture->session)->len, ==, before + 1 + 4);

  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND characteristic_id = %" G_GINT64_FORMAT " AND reason = 'part not seated'"
                                   " AND superseded = 1", id, bore), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND reason = 'gauge cleaned' AND superseded = 1", id), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT,
                          id), ==, 13);

  /* Re-measure only while a part is on the bench. */
  g_assert_false (run_remeasure (fixture, bore, "again", &error));
  g_assert_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_WRONG_STATE);
}

typedef struct
{
  LcVerdict verdict;
  gint64    defect_class_id;
  gboolean  confident;
  guint     calls;
} FakeModel;

static gboolean
fake_analyzer (LcFrame              *frame,
               gint64                model_id,
               LcInspectSuggestion  *suggestion,
               gpointer              user_data,
               GError              **error)
{
  FakeModel *model = user_data;
  LcAnnotationRecord *region = g_new0 (LcAnnotationRecord, 1);

  g_atomic_int_inc (&model->calls);
  g_assert_nonnull (frame);
  suggestion->verdict = model->verdict;
  suggestion->score = model->verdict == LC_VERDICT_FAIL ? 0.93 : 0.12;
  suggestion->confident = model->confident;
  suggestion->defect_class_id = model->defect_class_id;
  if (model->defect_class_id != 0)
    {
      suggestion->regions = g_ptr_array_new ();
      region->defect_class_id = model->defect_class_id;
      region->shape = g_strdup ("box");
      region->geometry = g_strdup ("{\"x\":10,\"y\":20,\"w\":30,\"h\":40}");
      region->author = g_strdup ("model");
      region->score = 0.93;
      g_ptr_array_add (suggestion->regions, region);
    }
  else
    g_free (region);
  return TRUE;
}

static void
test_model_suggestion_confirmed_and_corrected (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) reloaded = NULL;
  FakeModel model = { LC_VERDICT_FAIL, 0, TRUE, 0 };
  gint64 model_id, id;

  g_assert_true (lc_store_exec (fixture->store,
                                "INSERT INTO model (part_type_id, version, kind, file, created_at)"
                                " SELECT id, 3, 'anomaly', 'models/x.yml', 0 FROM part_type WHERE code = 'BSH-2040';"
                                "UPDATE part_type SET active_model_id = last_insert_rowid () WHERE code = 'BSH-2040';",
                                &error));
  g_assert_no_error (error);
  model_id = lc_test_query_int (fixture->store, "SELECT max(id) FROM model");
  reloaded = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  g_set_object (&fixture->bushing, reloaded);
  model.defect_class_id = defect_id (fixture, "Burr");
  lc_inspect_session_set_analyzer (fixture->session, fake_analyzer, &model, NULL);
  start (fixture, "T-6");
  g_assert_cmpint (lc_inspect_session_get_model_id (fixture->session), ==, model_id);
  g_assert_cmpint (lc_inspect_session_get_model_version (fixture->session), ==, 3);

  /* The model sees a burr: suggested fail, prefilled; the operator agrees. */
  g_assert_true (run_inspect (fixture, &error));
  g_assert_cmpuint (model.calls, ==, 1);
  enter_good_values (fixture);
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->verdict, ==, LC_VERDICT_FAIL);
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->defect_class_id, ==,
                   defect_id (fixture, "Burr"));
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, defect_id (fixture, "Burr"), &error));
  g_assert_no_error (error);
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND decided_by = 'model' AND model_id = %" G_GINT64_FORMAT
                                   " AND abs(model_score - 0.93) < 1e-9", id, model_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation a JOIN image i ON i.id = a.image_id"
                                   " WHERE i.inspection_id = %" G_GINT64_FORMAT " AND a.author = 'model'"
                                   " AND a.model_id = %" G_GINT64_FORMAT " AND i.review = 0", id, model_id), ==, 1);

  /* The model is wrong: the operator passes the part. A correction for the review queue. */
  g_assert_true (run_inspect (fixture, &error));
  enter_good_values (fixture);
  g_assert_false (lc_inspect_session_can_pass_at_once (fixture->session));
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND decided_by = 'operator-override' AND suggested_verdict = 'fail'", id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND review = 1", id), ==, 1);

  /* A confident pass from the model and the gauges: one action. */
  model.verdict = LC_VERDICT_PASS;
  model.defect_class_id = 0;
  g_assert_true (run_inspect (fixture, &error));
  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_can_pass_at_once (fixture->session));
  /* Not when the model hesitates. */
  model.confident = FALSE;
  lc_inspect_session_discard (fixture->session);
  g_assert_true (run_inspect (fixture, &error));
  enter_good_values (fixture);
  g_assert_false (lc_inspect_session_can_pass_at_once (fixture->session));
}

static void
test_shift_counters (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const LcShiftCounters *counters = lc_inspect_session_get_counters (fixture->session);

  g_assert_cmpuint (counters->inspected, ==, 0);
  g_assert_true (isnan (lc_shift_counters_get_yield (counters)));
  start (fixture, "T-7");
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (run_inspect (fixture, &error));
      enter_good_values (fixture);
      if (i == 1)
        g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, defect_id (fixture, "Burr"), &error));
      else if (i == 3)
        g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, defect_id (fixture, "Scratch"), &error));
      else
        g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
      g_assert_no_error (error);
    }
  counters = lc_inspect_session_get_counters (fixture->session);
  g_assert_cmpuint (counters->inspected, ==, 4);
  g_assert_cmpuint (counters->passed, ==, 2);
  g_assert_cmpuint (counters->failed, ==, 2);
  g_assert_cmpfloat_with_epsilon (lc_shift_counters_get_yield (counters), 0.5, 1e-9);
  g_assert_cmpstr (counters->last_defects[0], ==, "Scratch");
  g_assert_cmpstr (counters->last_defects[1], ==, "Burr");
  g_assert_null (counters->last_defects[2]);
  g_assert_cmpint (counters->shift_start, <=, lc_store_now ());
  g_assert_cmpint (counters->shift_start, >, lc_store_now () - G_GINT64_CONSTANT (8) * 3600 * G_USEC_PER_SEC);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_discard_records_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  start (fixture, "T-8");
  /* Discarded while the gauges are still being read. */
  lc_inspect_session_inspect_async (fixture->session, NULL, on_done, &result);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_ACQUIRING);
  lc_inspect_session_discard (fixture->session);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (lc_inspect_session_inspect_finish (fixture->session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lc_inspect_session_get_state (fixture->session), ==, LC_INSPECT_STATE_IDLE);
  g_assert_null (lc_inspect_session_get_measurements (fixture->session));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE station = 'test bench'"), ==, 0);

  /* Discarded with its picture taken: the picture does not stay in the images folder. */
  {
    g_autofree char *images_dir = lc_store_get_images_dir (fixture->store);
    guint before = count_files (images_dir);
    gint64 until;

    g_clear_error (&error);
    g_assert_true (run_inspect (fixture, &error));
    g_assert_no_error (error);
    g_assert_nonnull (lc_inspect_session_get_frame (fixture->session));
    lc_inspect_session_discard (fixture->session);
    until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (count_files (images_dir) != before && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);
    g_assert_cmpuint (count_files (images_dir), ==, before);
  }
}

static void
test_spec_zones (void)
{
  g_assert_cmpint (lc_spec_zone (20.0, 19.98, 20.02), ==, LC_SPEC_IN);
  g_assert_cmpint (lc_spec_zone (20.018, 19.98, 20.02), ==, LC_SPEC_NEAR);
  g_assert_cmpint (lc_spec_zone (19.983, 19.98, 20.02), ==, LC_SPEC_NEAR);
  g_assert_cmpint (lc_spec_zone (20.021, 19.98, 20.02), ==, LC_SPEC_OUT);
  g_assert_cmpint (lc_spec_zone (19.97, 19.98, 20.02), ==, LC_SPEC_OUT);
  /* One-sided: runout up to 0.010. */
  g_assert_cmpint (lc_spec_zone (0.003, NAN, 0.010), ==, LC_SPEC_IN);
  g_assert_cmpint (lc_spec_zone (0.0095, NAN, 0.010), ==, LC_SPEC_NEAR);
  g_assert_cmpint (lc_spec_zone (0.011, NAN, 0.010), ==, LC_SPEC_OUT);
  g_assert_cmpint (lc_spec_zone (NAN, 19.98, 20.02), ==, LC_SPEC_NONE);
  g_assert_cmpint (lc_spec_zone (5, NAN, NAN), ==, LC_SPEC_NONE);
}

/* The demo's own models, loaded by the session at changeover and run on each picture of the
 * simulated camera. */
static void
test_demo_models_suggest (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionModelRecord) anomaly = NULL;
  g_autoptr(LcVisionModelRecord) classifier = NULL;
  const LcInspectSuggestion *suggestion;
  gint64 id;

  anomaly = lc_vision_model_store_get_active (fixture->store, lc_part_type_get_id (fixture->bushing),
                                              LC_VISION_MODEL_ANOMALY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (anomaly);
  classifier = lc_vision_model_store_get_active (fixture->store, lc_part_type_get_id (fixture->bushing),
                                                 LC_VISION_MODEL_CLASSIFIER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (classifier);

  start (fixture, "T-9");
  g_assert_cmpint (lc_inspect_session_get_model_id (fixture->session), ==, anomaly->id);
  g_assert_cmpint (lc_inspect_session_get_model_version (fixture->session), ==, anomaly->version);
  g_assert_null (strstr (lc_inspect_session_get_status (fixture->session), "gauges alone"));
  g_assert_true (run_inspect (fixture, &error));
  g_assert_no_error (error);
  suggestion = lc_inspect_session_get_suggestion (fixture->session);
  g_assert_cmpint (suggestion->model_id, ==, anomaly->id);
  g_assert_false (isnan (suggestion->score));
  g_assert_cmpfloat (suggestion->confidence, >=, 0.5);
  g_assert_cmpfloat (suggestion->confidence, <=, 1.0);
  g_assert_nonnull (suggestion->heat_map);
  g_assert_cmpuint (g_bytes_get_size (suggestion->heat_map), ==,
                    sizeof (float) * suggestion->heat_width * suggestion->heat_height);
  enter_good_values (fixture);
  /* One action only when the model is sure as well. */
  g_assert_true (lc_inspect_session_can_pass_at_once (fixture->session) ==
                 (suggestion->verdict == LC_VERDICT_PASS && suggestion->confidence >= LC_INSPECT_VISION_CONFIDENT));
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_FAIL, defect_id (fixture, "Burr"), &error));
  g_assert_no_error (error);
  id = lc_inspect_session_get_last_inspection_id (fixture->session);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection i JOIN model m ON m.id = i.model_id"
                                   " WHERE i.id = %" G_GINT64_FORMAT " AND m.version = %u AND model_score IS NOT NULL",
                          id, anomaly->version), ==, 1);
}

/* The vision engine alone on pictures the simulated camera would take, with known defects:
 * the demo's bracket models find dents and spots where they were drawn, name them (a dent is
 * a Dent, a spot is drawn for a Burr), and leave good parts alone. */
static void
test_demo_models_find_and_name (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) bracket = lc_part_type_load_by_code (fixture->store, LC_DEMO_BRACKET, &error);
  g_autoptr(LcInspectVision) vision = NULL;
  const struct { LcSimDefectClass drawn; const char *named; } cases[] = {
    { LC_SIM_DEFECT_DENT, "Dent" }, { LC_SIM_DEFECT_SPOT, "Burr" }, { LC_SIM_DEFECT_NONE, NULL },
  };
  const guint n_parts = 5;

  g_assert_no_error (error);
  vision = lc_inspect_vision_new_for_part_type (fixture->store, bracket, &error);
  g_assert_no_error (error);
  g_assert_true (lc_inspect_vision_has_model (vision));
  g_assert_null (lc_inspect_vision_get_problem (vision));
  g_assert_cmpint (lc_inspect_vision_get_classifier_id (vision), >, 0);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint right = 0, named = 0;

      for (guint k = 0; k < n_parts; k++)
        {
          LcSimDefect defect = { cases[c].drawn, 0, 0, 0, 0 };
          g_autoptr(LcFrame) frame = lc_camera_sim_render_part (LC_DEMO_BRACKET, LC_CAMERA_SIM_WIDTH,
                                                                LC_CAMERA_SIM_HEIGHT, 9100 + 17 * k + c, &defect);
          LcInspectSuggestion suggestion = { 0 };
          gboolean found_there = FALSE;

          g_assert_true (lc_inspect_vision_analyze (frame, 0, &suggestion, vision, &error));
          g_assert_no_error (error);
          for (guint r = 0; r < suggestion.regions->len; r++)
            {
              LcAnnotationRecord *region = g_ptr_array_index (suggestion.regions, r);
              int x, y, w, h;

              g_assert_cmpint (sscanf (region->geometry, "{\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d}",
                                       &x, &y, &w, &h), ==, 4);
              g_assert_cmpstr (region->author, ==, "model");
              /* The box overlaps the defect drawn. */
              if (x < defect.x + defect.width && defect.x < x + w && y < defect.y + defect.height && defect.y < y + h)
                found_there = TRUE;
            }
          g_test_message ("drawn %d at %d,%d %dx%d: verdict %d class %" G_GINT64_FORMAT " confidence %.2f regions %u%s",
                          defect.defect_class, defect.x, defect.y, defect.width, defect.height, suggestion.verdict,
                          suggestion.defect_class_id, suggestion.confidence, suggestion.regions->len,
                          found_there ? " (there)" : "");
          if (cases[c].named == NULL)
            right += suggestion.verdict == LC_VERDICT_PASS;
          else
            {
              right += suggestion.verdict == LC_VERDICT_FAIL && found_there;
              named += suggestion.defect_class_id == lc_defect_class_get_id (lc_part_type_find_defect_class (bracket, cases[c].named));
            }
          g_ptr_array_unref (suggestion.regions);
          g_clear_pointer (&suggestion.heat_map, g_bytes_unref);
        }
      /* Most defects found where they were drawn and named right, and most good parts left
       * alone: the demo's models learn from a few dozen small pictures in about a second.
       * Measured on these pictures: dents 5 found, 3 named; spots 3 found, 3 named. */
      g_test_message ("%s: %u of %u found, %u named", cases[c].named != NULL ? cases[c].named : "good", right,
                      n_parts, named);
      g_assert_cmpuint (right, >=, (n_parts + 1) / 2);
      if (cases[c].named != NULL)
        g_assert_cmpuint (named, >=, (n_parts + 1) / 2);
    }
}

/* A model file that is damaged or gone: said in words, and parts are judged on the gauges. */
static void
test_damaged_model_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = lc_vision_model_store_list (fixture->store, lc_part_type_get_id (fixture->bushing), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 2);
  for (guint i = 0; i < models->len; i++)
    {
      LcVisionModelRecord *record = g_ptr_array_index (models, i);

      if (record->kind == LC_VISION_MODEL_ANOMALY)
        g_assert_true (g_file_set_contents (record->file, "not a model", -1, &error));
      else
        g_assert_cmpint (g_unlink (record->file), ==, 0);
    }
  g_assert_true (lc_inspect_session_change_part_type (fixture->session, fixture->bushing, FALSE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (lc_inspect_session_get_status (fixture->session), "defect-finding model (version 1) cannot be used"));
  g_assert_nonnull (strstr (lc_inspect_session_get_status (fixture->session), "missing"));
  g_assert_nonnull (strstr (lc_inspect_session_get_status (fixture->session), "gauges alone"));
  g_assert_cmpint (lc_inspect_session_get_model_id (fixture->session), ==, 0);
  start (fixture, "T-10");
  g_assert_true (run_inspect (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_inspect_session_get_suggestion (fixture->session)->model_id, ==, 0);
  g_assert_nonnull (strstr (lc_inspect_session_get_status (fixture->session), "cannot be used"));
  enter_good_values (fixture);
  g_assert_true (lc_inspect_session_confirm (fixture->session, LC_VERDICT_PASS, 0, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inspect/session/changeover-loads-characteristics-gauges-camera", test_changeover_loads_everything);
  ADD ("/inspect/session/inspect-needs-a-lot-and-counts-serials", test_inspect_needs_a_lot_and_counts_serials);
  ADD ("/inspect/session/inspect-measures-and-records-whole", test_inspect_measures_and_records_whole);
  ADD ("/inspect/session/changeover-refused-while-half-done", test_changeover_refused_while_half_done);
  ADD ("/inspect/session/verdict-rules-and-corrections-for-review", test_verdict_rules_and_corrections);
  ADD ("/inspect/session/remeasure-keeps-both-readings", test_remeasure_keeps_both_readings);
  ADD ("/inspect/session/model-suggestion-confirmed-and-corrected", test_model_suggestion_confirmed_and_corrected);
  ADD ("/inspect/session/shift-counters", test_shift_counters);
  ADD ("/inspect/session/discard-records-nothing", test_discard_records_nothing);
#define ADD_MODELS(path, func) g_test_add (path, Fixture, "models", fixture_set_up, func, fixture_tear_down)
  ADD_MODELS ("/inspect/session/demo-models-suggest", test_demo_models_suggest);
  ADD_MODELS ("/inspect/session/demo-models-find-and-name", test_demo_models_find_and_name);
  ADD_MODELS ("/inspect/session/damaged-model-file", test_damaged_model_file);
#undef ADD_MODELS
#undef ADD
  g_test_add_func ("/inspect/session/spec-zones", test_spec_zones);

  return g_test_run ();
}

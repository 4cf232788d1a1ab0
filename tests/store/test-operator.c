#include "lc-config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "lc-audit.h"
#include "lc-camera-settings.h"
#include "lc-gauge-bench.h"
#include "lc-operator.h"
#include "lc-part-type-io.h"
#include "lc-part-type.h"
#include "lc-spc-alarms.h"
#include "lc-spc-limits.h"
#include "lc-spc-table.h"
#include "lc-vision-model-store.h"
#include "test-helpers.h"

/* Operators, PINs and roles: the library refuses what a role may not do, whichever way the
 * change comes in (the API, an import, the CLI). */

static LcOperator *
create_checked (LcStore    *store,
                const char *name,
                LcRole      role,
                const char *pin)
{
  g_autoptr(GError) error = NULL;
  LcOperator *operator = lc_operator_create (store, name, role, pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (operator);
  return operator;
}

static void
log_in_checked (LcStore    *store,
                const char *name,
                const char *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) operator = lc_operator_log_in (store, name, pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (operator);
}

/* The station of the tests: an admin, a QC lead and an operator, and one part type that the
 * lead set up. Ends with nobody logged in. */
static gint64
set_up_station (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) admin = create_checked (store, "Ada", LC_ROLE_ADMIN, "9999");
  g_autoptr(LcOperator) lead = NULL;
  g_autoptr(LcOperator) operator = NULL;
  g_autoptr(LcPartType) part = lc_part_type_new ("BSH-1", "Bushing");
  g_autoptr(LcCharacteristic) c = lc_characteristic_new ("Bore");

  log_in_checked (store, "Ada", "9999");
  lead = create_checked (store, "Lee", LC_ROLE_LEAD, "3333");
  operator = create_checked (store, "Olga", LC_ROLE_OPERATOR, "1111");

  log_in_checked (store, "Lee", "3333");
  lc_characteristic_set_lsl (c, 9.98);
  lc_characteristic_set_usl (c, 10.02);
  lc_part_type_add_characteristic (part, c);
  g_assert_true (lc_part_type_save (part, store, &error));
  g_assert_no_error (error);
  lc_operator_log_out (store);
  return lc_part_type_get_id (part);
}

static void
test_first_admin (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) admin = NULL;
  g_autoptr(LcOperator) refused = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean needs = FALSE;
  LcAuditEntry *entry;

  g_assert_true (lc_operator_needs_first_admin (fixture->store, &needs, &error));
  g_assert_true (needs);

  /* Nobody could add the others if the first were not an admin. */
  refused = lc_operator_create (fixture->store, "Olga", LC_ROLE_OPERATOR, "1111", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  admin = create_checked (fixture->store, "Ada", LC_ROLE_ADMIN, "9999");
  g_assert_true (lc_operator_needs_first_admin (fixture->store, &needs, &error));
  g_assert_false (needs);

  /* Now that there is an admin, nobody else may add operators without logging in. */
  refused = lc_operator_create (fixture->store, "Mallory", LC_ROLE_ADMIN, "1234", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_assert_null (refused);
  g_clear_error (&error);

  entries = lc_audit_list (fixture->store, "operator", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "create");
  g_assert_cmpstr (entry->new_value, ==, "{\"name\":\"Ada\",\"role\":\"admin\",\"active\":true}");
  g_assert_null (entry->old_value);
}

static void
test_pin_is_hashed_and_checked (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) admin = create_checked (fixture->store, "Ada", LC_ROLE_ADMIN, "271828");
  g_autoptr(LcOperator) wrong = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *hash = NULL;
  gint64 start, elapsed;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (fixture->store),
                                       "SELECT pin_hash FROM operator", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "271828"));

  wrong = lc_operator_log_in (fixture->store, "Ada", "271829", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_assert_null (wrong);
  g_clear_error (&error);
  /* An unknown name reads the same as a wrong PIN. */
  wrong = lc_operator_log_in (fixture->store, "Nobody", "271828", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "The name or the PIN is wrong.");
  g_clear_error (&error);
  g_assert_cmpint (lc_store_get_actor_id (fixture->store), ==, 0);

  start = g_get_monotonic_time ();
  log_in_checked (fixture->store, "ada", "271828");
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("one PIN check took %.3f s", elapsed / 1e6);
  /* Generous for a loaded, sanitized CI machine; about 0.1-0.2 s on the station. */
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (lc_store_get_actor_id (fixture->store), ==, lc_operator_get_id (admin));
  g_assert_cmpint (lc_store_get_actor_role (fixture->store), ==, LC_ROLE_ADMIN);
  g_assert_cmpstr (lc_store_get_actor_name (fixture->store), ==, "Ada");

  g_assert_false (lc_operator_check_pin ("12a4", &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lc_operator_check_pin ("123", &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lc_operator_check_pin ("0000", &error));
}

static double
stored_usl (LcStore *store)
{
  sqlite3_stmt *stmt = NULL;
  double usl = NAN;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store),
                                       "SELECT usl FROM characteristic WHERE name = 'Bore'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    usl = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return usl;
}

/* Every library path that changes a specification, as an operator and as nobody. */
static void
assert_specification_refused (LcStore *store,
                              gint64   part_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load (store, part_id, &error);
  g_autoptr(LcPartType) created = lc_part_type_new ("NEW-1", "New part");
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  LcCharacteristic *bore;
  gint64 n_audit = lc_test_query_int (store, "SELECT count(*) FROM audit");
  static const char import_json[] =
    "{\"format\":\"linecheck-part-types\",\"version\":1,\"part_types\":[{\"code\":\"BSH-1\","
    "\"name\":\"Bushing\",\"characteristics\":[{\"name\":\"Bore\",\"lsl\":9.0,\"usl\":11.0}]}]}";

  g_assert_no_error (error);
  bore = g_list_model_get_item (lc_part_type_get_characteristics (part), 0);
  lc_characteristic_set_usl (bore, 10.5);
  g_object_unref (bore);
  g_assert_false (lc_part_type_save (part, store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (lc_part_type_save (created, store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (lc_part_type_get_id (created), ==, 0);

  g_assert_false (lc_part_type_set_archived_in_store (part, store, TRUE, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (lc_part_type_delete (part, store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  parsed = lc_part_types_parse (import_json, strlen (import_json), LC_PART_FORMAT_JSON, &error);
  g_assert_no_error (error);
  g_assert_false (lc_part_types_import (store, parsed, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (lc_camera_settings_save_for_part_type (store, part_id, 0, settings, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_cmpfloat (stored_usl (store), ==, 10.02);
  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM part_type"), ==, 1);
  g_assert_cmpint (lc_test_query_int (store, "SELECT archived FROM part_type"), ==, 0);
  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM audit"), ==, n_audit);
}

static void
test_operator_cannot_change_specification (StoreFixture  *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = NULL;
  gint64 part_id = set_up_station (fixture->store);
  LcCharacteristic *bore;

  /* Nobody logged in, then an operator. */
  assert_specification_refused (fixture->store, part_id);
  log_in_checked (fixture->store, "Olga", "1111");
  assert_specification_refused (fixture->store, part_id);

  /* The QC lead may, and the audit trail names the lead, the old and the new limit. */
  log_in_checked (fixture->store, "Lee", "3333");
  part = lc_part_type_load (fixture->store, part_id, &error);
  bore = g_list_model_get_item (lc_part_type_get_characteristics (part), 0);
  lc_characteristic_set_usl (bore, 10.5);
  g_object_unref (bore);
  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (stored_usl (fixture->store), ==, 10.5);
  {
    g_autoptr(GPtrArray) entries = lc_audit_list (fixture->store, "part_type", 1, &error);
    LcAuditEntry *entry = g_ptr_array_index (entries, 0);

    g_assert_cmpstr (entry->operator_name, ==, "Lee");
    g_assert_cmpstr (entry->action, ==, "update");
    g_assert_nonnull (strstr (entry->old_value, "10.02"));
    g_assert_nonnull (strstr (entry->new_value, "10.5"));
  }
}

static void
test_devices_are_for_admins (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Caliper", LC_GAUGE_KIND_SIMULATED);
  g_autoptr(GPtrArray) entries = NULL;

  set_up_station (fixture->store);
  log_in_checked (fixture->store, "Lee", "3333");
  g_assert_false (lc_gauge_bench_save_device (bench, fixture->store, device, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "only an admin"));
  g_clear_error (&error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM device"), ==, 0);

  log_in_checked (fixture->store, "Ada", "9999");
  g_assert_true (lc_gauge_bench_save_device (bench, fixture->store, device, &error));
  g_assert_no_error (error);
  entries = lc_audit_list (fixture->store, "device", 0, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((LcAuditEntry *) g_ptr_array_index (entries, 0))->action, ==, "create");
  g_assert_nonnull (strstr (((LcAuditEntry *) g_ptr_array_index (entries, 0))->new_value, "Caliper"));

  log_in_checked (fixture->store, "Olga", "1111");
  g_assert_false (lc_gauge_bench_delete_device (bench, fixture->store, device, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM device"), ==, 1);

  log_in_checked (fixture->store, "Ada", "9999");
  g_assert_true (lc_gauge_bench_delete_device (bench, fixture->store, device, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM audit WHERE entity = 'device' AND action = 'delete'"),
                   ==, 1);
}

static void
test_managing_operators (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) refused = NULL;
  g_autoptr(LcOperator) disabled = NULL;
  gint64 ada, olga;

  set_up_station (fixture->store);
  ada = lc_test_query_int (fixture->store, "SELECT id FROM operator WHERE name = 'Ada'");
  olga = lc_test_query_int (fixture->store, "SELECT id FROM operator WHERE name = 'Olga'");

  log_in_checked (fixture->store, "Lee", "3333");
  refused = lc_operator_create (fixture->store, "Sam", LC_ROLE_OPERATOR, "5555", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (lc_operator_set_role (fixture->store, olga, LC_ROLE_ADMIN, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (lc_operator_set_pin (fixture->store, olga, "4444", &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Everyone may change their own PIN. */
  log_in_checked (fixture->store, "Olga", "1111");
  g_assert_true (lc_operator_set_pin (fixture->store, olga, "4444", &error));
  g_assert_no_error (error);
  log_in_checked (fixture->store, "Olga", "4444");

  log_in_checked (fixture->store, "Ada", "9999");
  /* The only admin stays an admin. */
  g_assert_false (lc_operator_set_role (fixture->store, ada, LC_ROLE_LEAD, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lc_operator_set_active (fixture->store, ada, FALSE, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lc_operator_set_active (fixture->store, olga, FALSE, &error));
  g_assert_no_error (error);
  disabled = lc_operator_log_in (fixture->store, "Olga", "4444", &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_assert_null (disabled);
  g_clear_error (&error);

  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM audit WHERE entity = 'operator'"), ==, 5);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM audit WHERE old_value LIKE '%argon2%'"
                                      " OR new_value LIKE '%argon2%'"), ==, 0);
}

static int
run_cli (const char  *db,
         const char  *pin,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  if (pin != NULL)
    envp = g_environ_setenv (envp, "LINECHECK_PIN", pin, TRUE);
  else
    envp = g_environ_unsetenv (envp, "LINECHECK_PIN");
  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_operator_cannot_import_specification (StoreFixture  *fixture,
                                               gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "widen.json", NULL);
  g_autofree char *err = NULL;
  static const char widen[] =
    "{\"format\":\"linecheck-part-types\",\"version\":1,\"part_types\":[{\"code\":\"BSH-1\","
    "\"name\":\"Bushing\",\"characteristics\":[{\"name\":\"Bore\",\"lsl\":9.0,\"usl\":11.0}]}]}";

  set_up_station (fixture->store);
  g_assert_true (g_file_set_contents (file, widen, -1, NULL));

  g_assert_cmpint (run_cli (fixture->path, NULL, &err, "part", "import", file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Log in first"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->path, "1111", &err, "--operator", "Olga", "part", "import", file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "only a QC lead or an admin may import"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->path, "0000", &err, "--operator", "Lee", "part", "import", file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The name or the PIN is wrong."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpfloat (stored_usl (fixture->store), ==, 10.02);

  g_assert_cmpint (run_cli (fixture->path, "3333", &err, "--operator", "Lee", "part", "import", file, NULL), ==, 0);
  g_assert_cmpfloat (stored_usl (fixture->store), ==, 11.0);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM audit WHERE operator_name = 'Lee'"
                                      " AND entity = 'part_type' AND action = 'update'"), ==, 1);
  g_clear_pointer (&err, g_free);

  /* Operators through the CLI: an operator may not add one, an admin may. */
  g_setenv ("LINECHECK_NEW_PIN", "5555", TRUE);
  g_assert_cmpint (run_cli (fixture->path, "1111", &err, "--operator", "Olga", "operator", "add", "Sam", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "only an admin may add operators"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->path, "9999", &err, "--operator", "Ada", "operator", "add", "Sam",
                            "--role", "lead", NULL), ==, 0);
  g_unsetenv ("LINECHECK_NEW_PIN");
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM operator WHERE name = 'Sam'"
                                                      " AND role = 'lead'"), ==, 1);
}

/* What a QC lead decides about the process (issue 6): acknowledge an alarm, freeze or release
 * control limits, activate a model. Refused to an operator and to nobody, whichever caller. */
static void
assert_lead_decisions_refused (LcStore     *store,
                               gint64       event_id,
                               gint64       characteristic_id,
                               LcSpcLimits *limits,
                               gint64       model_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n_audit = lc_test_query_int (store, "SELECT count(*) FROM audit");

  g_assert_false (lc_spc_alarm_acknowledge (store, event_id, "seen", &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (lc_spc_limits_freeze (store, characteristic_id, limits, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (lc_spc_limits_unfreeze (store, characteristic_id, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (lc_vision_model_store_activate (store, model_id, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM event WHERE acknowledged_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM control_limits"), ==, 0);
  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM part_type WHERE active_model_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (lc_test_query_int (store, "SELECT count(*) FROM audit"), ==, n_audit);
}

static void
test_lead_decisions_are_refused_to_operators (StoreFixture  *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcSpcTable) table = NULL;
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(LcSpcLimits) limits = NULL;
  LcSpcChartOptions options;
  gint64 part_id = set_up_station (fixture->store);
  gint64 characteristic_id = lc_test_query_int (fixture->store, "SELECT id FROM characteristic");
  g_autofree char *event_sql = g_strdup_printf ("INSERT INTO event (kind, part_type_id, message, created_at)"
                                                " VALUES ('spc-rule', %" G_GINT64_FORMAT ", 'Rule 1', 0)",
                                                part_id);
  g_autofree char *model_sql = g_strdup_printf ("INSERT INTO model (part_type_id, version, kind, file, created_at)"
                                                " VALUES (%" G_GINT64_FORMAT ", 1, 'anomaly', 'm.lcm', 0)",
                                                part_id);
  static const char values[] = "value\n10.00\n10.01\n9.99\n10.02\n9.98\n10.00\n10.01\n";
  gint64 event_id, model_id;

  g_assert_true (lc_store_exec (fixture->store, event_sql, &error));
  event_id = lc_store_last_insert_id (fixture->store);
  g_assert_true (lc_store_exec (fixture->store, model_sql, &error));
  model_id = lc_store_last_insert_id (fixture->store);
  g_assert_no_error (error);
  table = lc_spc_table_parse (values, strlen (values), &error);
  samples = lc_spc_table_to_samples (table, FALSE, "value", NULL, NULL, NULL, &error);
  lc_spc_chart_options_init (&options);
  chart = lc_spc_chart_compute (LC_SPC_CHART_IMR, samples, &options, &error);
  g_assert_no_error (error);
  limits = lc_spc_limits_new_from_chart (chart);

  assert_lead_decisions_refused (fixture->store, event_id, characteristic_id, limits, model_id);
  log_in_checked (fixture->store, "Olga", "1111");
  assert_lead_decisions_refused (fixture->store, event_id, characteristic_id, limits, model_id);

  /* The QC lead may do all three, and each is audited under the lead's name. */
  log_in_checked (fixture->store, "Lee", "3333");
  g_assert_true (lc_spc_alarm_acknowledge (fixture->store, event_id, "Tool changed", &error));
  g_assert_no_error (error);
  g_assert_true (lc_spc_limits_freeze (fixture->store, characteristic_id, limits, &error));
  g_assert_no_error (error);
  g_assert_true (lc_vision_model_store_activate (fixture->store, model_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT active_model_id FROM part_type"), ==, model_id);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE operator_name = 'Lee'"
                                                      " AND ((entity = 'event' AND action = 'acknowledge')"
                                                      " OR (entity = 'control_limits' AND action = 'freeze')"
                                                      " OR (entity = 'part_type' AND action = 'activate-model'))"), ==, 3);
}

static void
assert_log_in_refused (LcStore    *store,
                       const char *name,
                       const char *pin,
                       int         code,
                       const char *message_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) operator = lc_operator_log_in (store, name, pin, &error);

  g_assert_null (operator);
  g_assert_error (error, LC_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, message_prefix));
  g_assert_cmpint (lc_store_get_actor_id (store), ==, 0);
}

/* Five wrong PINs lock the operator out for 30 s, each further one doubles it; the right PIN
 * does not get through meanwhile, the lockout survives a restart, and it is audited. */
static void
test_wrong_pins_lock_out (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) reopened = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LcAuditEntry *entry;

  set_up_station (fixture->store);
  for (guint i = 0; i < LC_OPERATOR_PIN_TRIES - 1; i++)
    assert_log_in_refused (fixture->store, "Olga", "0000", LC_STORE_ERROR_PERMISSION, "The name or the PIN is wrong.");
  assert_log_in_refused (fixture->store, "Olga", "0000", LC_STORE_ERROR_LOCKED_OUT,
                         "Too many wrong PINs: try again in 30 s");
  assert_log_in_refused (fixture->store, "Olga", "1111", LC_STORE_ERROR_LOCKED_OUT, "Too many wrong PINs: try again in ");
  /* The others are not locked out with her. */
  log_in_checked (fixture->store, "Lee", "3333");
  lc_operator_log_out (fixture->store);

  entries = lc_audit_list (fixture->store, "operator", 1, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "pin-lockout");
  g_assert_cmpint (entry->entity_id, ==, lc_test_query_int (fixture->store, "SELECT id FROM operator WHERE name = 'Olga'"));
  g_assert_cmpstr (entry->new_value, ==, "{\"wrong_pins\":5,\"locked_seconds\":30}");

  /* Restarting the app resets nothing. */
  reopened = lc_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_log_in_refused (reopened, "Olga", "1111", LC_STORE_ERROR_LOCKED_OUT, "Too many wrong PINs: try again in ");

  /* The 30 s pass; one more wrong PIN locks her out for twice as long. */
  g_assert_true (lc_store_exec (fixture->store, "UPDATE operator SET locked_until = 1 WHERE name = 'Olga'", &error));
  assert_log_in_refused (fixture->store, "Olga", "0000", LC_STORE_ERROR_LOCKED_OUT,
                         "Too many wrong PINs: try again in 60 s");
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'pin-lockout'"), ==, 2);

  /* Once the wait is over the right PIN works and clears the count. */
  g_assert_true (lc_store_exec (fixture->store, "UPDATE operator SET locked_until = 1 WHERE name = 'Olga'", &error));
  log_in_checked (fixture->store, "Olga", "1111");
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT failed_pins FROM operator WHERE name = 'Olga'"), ==, 0);
  lc_operator_log_out (fixture->store);
  assert_log_in_refused (fixture->store, "Olga", "0000", LC_STORE_ERROR_PERMISSION, "The name or the PIN is wrong.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/operator/first-run-creates-the-first-admin", StoreFixture, NULL,
              store_fixture_set_up, test_first_admin, store_fixture_tear_down);
  g_test_add ("/operator/pin-is-an-argon2id-hash-and-checked", StoreFixture, NULL,
              store_fixture_set_up, test_pin_is_hashed_and_checked, store_fixture_tear_down);
  g_test_add ("/operator/wrong-pins-lock-out-and-survive-a-restart", StoreFixture, NULL,
              store_fixture_set_up, test_wrong_pins_lock_out, store_fixture_tear_down);
  g_test_add ("/operator/role/operator-cannot-change-a-specification-through-the-library", StoreFixture, NULL,
              store_fixture_set_up, test_operator_cannot_change_specification, store_fixture_tear_down);
  g_test_add ("/operator/role/operator-cannot-change-a-specification-through-the-cli", StoreFixture, NULL,
              store_fixture_set_up, test_cli_operator_cannot_import_specification, store_fixture_tear_down);
  g_test_add ("/operator/role/devices-are-for-admins", StoreFixture, NULL,
              store_fixture_set_up, test_devices_are_for_admins, store_fixture_tear_down);
  g_test_add ("/operator/role/operator-cannot-acknowledge-freeze-or-activate", StoreFixture, NULL,
              store_fixture_set_up, test_lead_decisions_are_refused_to_operators, store_fixture_tear_down);
  g_test_add ("/operator/role/managing-operators", StoreFixture, NULL,
              store_fixture_set_up, test_managing_operators, store_fixture_tear_down);

  return g_test_run ();
}

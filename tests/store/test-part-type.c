#include "lc-config.h"

#include <math.h>

#include "lc-audit.h"
#include "lc-part-type.h"
#include "test-helpers.h"

static LcPartType *
make_bushing (void)
{
  LcPartType *part = lc_part_type_new ("BSH-2040", "Turned bushing");
  g_autoptr(LcCharacteristic) od = lc_characteristic_new ("Outer diameter");
  g_autoptr(LcCharacteristic) runout = lc_characteristic_new ("Runout");
  g_autoptr(LcDefectClass) scratch = lc_defect_class_new ("Scratch", "#e5a50a", LC_SEVERITY_MINOR);

  lc_characteristic_set_nominal (od, 20.0);
  lc_characteristic_set_lsl (od, 19.98);
  lc_characteristic_set_usl (od, 20.02);
  lc_characteristic_set_unit (od, "mm");
  lc_characteristic_set_subgroup_size (od, 5);
  lc_characteristic_set_usl (runout, 0.01);
  lc_characteristic_set_unit (runout, "mm");
  lc_part_type_add_characteristic (part, od);
  lc_part_type_add_characteristic (part, runout);
  lc_part_type_add_defect_class (part, scratch);
  return part;
}

static void
assert_invalid (LcPartType  *part,
                LcPartError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lc_part_type_validate (part, &error));
  g_assert_error (error, LC_PART_ERROR, (int) code);
  g_assert_nonnull (error->message);
}

static void
test_validation_rules (void)
{
  g_autoptr(LcPartType) part = make_bushing ();
  LcCharacteristic *od = lc_part_type_find_characteristic (part, "Outer diameter");
  LcCharacteristic *runout = lc_part_type_find_characteristic (part, "Runout");
  g_autoptr(LcCharacteristic) twin = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_part_type_validate (part, &error));
  g_assert_no_error (error);

  /* LSL must be below USL. */
  lc_characteristic_set_lsl (od, 20.02);
  assert_invalid (part, LC_PART_ERROR_LIMITS);
  lc_characteristic_set_lsl (od, 20.03);
  assert_invalid (part, LC_PART_ERROR_LIMITS);
  lc_characteristic_set_lsl (od, 19.98);

  /* Nominal inside the specification. */
  lc_characteristic_set_nominal (od, 20.05);
  assert_invalid (part, LC_PART_ERROR_NOMINAL);
  lc_characteristic_set_nominal (od, 20.0);

  /* One-sided is fine; no limit at all is not, for a measured characteristic. */
  g_assert_true (isnan (lc_characteristic_get_lsl (runout)));
  g_assert_true (lc_part_type_validate (part, NULL));
  lc_characteristic_set_usl (runout, NAN);
  assert_invalid (part, LC_PART_ERROR_LIMITS);
  lc_characteristic_set_kind (runout, LC_CHARACTERISTIC_ATTRIBUTE);
  g_assert_true (lc_part_type_validate (part, NULL));
  lc_characteristic_set_kind (runout, LC_CHARACTERISTIC_VARIABLE);
  lc_characteristic_set_usl (runout, 0.01);

  /* Names differ, as people read them. */
  twin = lc_characteristic_new (" outer DIAMETER ");
  lc_characteristic_set_usl (twin, 1);
  lc_part_type_add_characteristic (part, twin);
  assert_invalid (part, LC_PART_ERROR_DUPLICATE);
  lc_part_type_remove_characteristic (part, twin);

  lc_characteristic_set_name (od, "  ");
  assert_invalid (part, LC_PART_ERROR_NAME);
  lc_characteristic_set_name (od, "Outer diameter");

  lc_part_type_set_code (part, "BSH 2040");
  assert_invalid (part, LC_PART_ERROR_CODE);
  lc_part_type_set_code (part, "");
  assert_invalid (part, LC_PART_ERROR_CODE);
  lc_part_type_set_code (part, "BSH-2040");

  lc_defect_class_set_color (lc_part_type_find_defect_class (part, "Scratch"), "yellow");
  assert_invalid (part, LC_PART_ERROR_COLOR);
}

static void
test_in_spec_and_format (void)
{
  g_autoptr(LcPartType) part = make_bushing ();
  LcCharacteristic *od = lc_part_type_find_characteristic (part, "Outer diameter");
  LcCharacteristic *runout = lc_part_type_find_characteristic (part, "Runout");
  g_autofree char *spec = lc_characteristic_format_spec (runout);
  g_autofree char *value = lc_characteristic_format_value (od, 20.00449);

  g_assert_true (lc_characteristic_in_spec (od, 19.98));
  g_assert_true (lc_characteristic_in_spec (od, 20.02));
  g_assert_false (lc_characteristic_in_spec (od, 20.0201));
  g_assert_false (lc_characteristic_in_spec (od, NAN));
  g_assert_true (lc_characteristic_in_spec (runout, -5));
  g_assert_false (lc_characteristic_in_spec (runout, 0.011));
  g_assert_cmpstr (spec, ==, "≤ 0.010 mm");
  g_assert_cmpstr (value, ==, "20.004");
}

static void
test_save_and_load (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(LcPartType) part = make_bushing ();
  g_autoptr(LcPartType) loaded = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  LcCharacteristic *od;

  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_part_type_get_id (part), >, 0);

  loaded = lc_part_type_load_by_code (fixture->store, "BSH-2040", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_part_type_get_name (loaded), ==, "Turned bushing");
  g_assert_cmpuint (g_list_model_get_n_items (lc_part_type_get_characteristics (loaded)), ==, 2);
  od = lc_part_type_find_characteristic (loaded, "Outer diameter");
  g_assert_cmpfloat (lc_characteristic_get_usl (od), ==, 20.02);
  g_assert_cmpuint (lc_characteristic_get_subgroup_size (od), ==, 5);
  g_assert_true (isnan (lc_characteristic_get_lsl (lc_part_type_find_characteristic (loaded, "Runout"))));
  g_assert_cmpint (lc_defect_class_get_severity (lc_part_type_find_defect_class (loaded, "Scratch")), ==,
                   LC_SEVERITY_MINOR);

  list = lc_part_type_list (fixture->store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Creating is audited. */
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM audit WHERE entity = 'part_type' AND action = 'create'"),
                   ==, 1);
}

static void
test_code_must_be_unique (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(LcPartType) first = make_bushing ();
  g_autoptr(LcPartType) second = make_bushing ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_part_type_save (first, fixture->store, &error));
  g_assert_false (lc_part_type_save (second, fixture->store, &error));
  g_assert_error (error, LC_PART_ERROR, LC_PART_ERROR_CODE);
  g_assert_cmpint (lc_part_type_get_id (second), ==, 0);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type"), ==, 1);
}

/* Swapping two characteristics' names in one save must not trip the uniqueness rule, and
 * each keeps its row (its history). */
static void
test_rename_swap_keeps_rows (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(LcPartType) part = make_bushing ();
  g_autoptr(LcPartType) edited = NULL;
  g_autoptr(LcPartType) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 od_id, runout_id;

  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  edited = lc_part_type_copy (part);
  od_id = lc_characteristic_get_id (lc_part_type_find_characteristic (edited, "Outer diameter"));
  runout_id = lc_characteristic_get_id (lc_part_type_find_characteristic (edited, "Runout"));
  lc_characteristic_set_name (lc_part_type_find_characteristic_by_id (edited, od_id), "Runout");
  lc_characteristic_set_name (lc_part_type_find_characteristic_by_id (edited, runout_id), "Outer diameter");
  g_assert_true (lc_part_type_save (edited, fixture->store, &error));
  g_assert_no_error (error);

  loaded = lc_part_type_load (fixture->store, lc_part_type_get_id (part), &error);
  g_assert_cmpstr (lc_characteristic_get_name (lc_part_type_find_characteristic_by_id (loaded, od_id)), ==,
                   "Runout");
  g_assert_cmpstr (lc_characteristic_get_name (lc_part_type_find_characteristic_by_id (loaded, runout_id)), ==,
                   "Outer diameter");
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'update'"), ==, 1);
}

static gint64
record_inspection (StoreFixture *fixture,
                   LcPartType   *part,
                   gint64        characteristic_id,
                   double        value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO inspection (part_type_id, serial, started_at, recorded_at, verdict)"
    " VALUES (%" G_GINT64_FORMAT ", 'S1', 1, 2, 'pass');"
    "INSERT INTO measurement (inspection_id, characteristic_id, value, measured_at)"
    " VALUES (last_insert_rowid (), %" G_GINT64_FORMAT ", %f, 2);",
    lc_part_type_get_id (part), characteristic_id, value);

  g_assert_true (lc_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
  return lc_store_last_insert_id (fixture->store);
}

/* A characteristic with measurements leaves the specification but keeps its history; one
 * without is deleted. Adding it again by name brings the history back. */
static void
test_removed_characteristic_with_records_is_archived (StoreFixture  *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(LcPartType) part = make_bushing ();
  g_autoptr(LcPartType) loaded = NULL;
  g_autoptr(LcCharacteristic) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 od_id;

  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  od_id = lc_characteristic_get_id (lc_part_type_find_characteristic (part, "Outer diameter"));
  record_inspection (fixture, part, od_id, 20.001);

  lc_part_type_remove_characteristic (part, lc_part_type_find_characteristic (part, "Outer diameter"));
  lc_part_type_remove_characteristic (part, lc_part_type_find_characteristic (part, "Runout"));
  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM characteristic"), ==, 1);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT archived FROM characteristic WHERE name = 'Outer diameter'"), ==, 1);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM measurement"), ==, 1);

  loaded = lc_part_type_load (fixture->store, lc_part_type_get_id (part), &error);
  g_assert_true (lc_characteristic_get_archived (lc_part_type_find_characteristic (loaded, "Outer diameter")));

  again = lc_characteristic_new ("Outer diameter");
  lc_characteristic_set_usl (again, 20.05);
  lc_part_type_add_characteristic (part, again);
  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_characteristic_get_id (again), ==, od_id);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT archived FROM characteristic WHERE name = 'Outer diameter'"), ==, 0);
}

static void
test_delete_refused_with_records (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LcPartType) used = make_bushing ();
  g_autoptr(LcPartType) unused = lc_part_type_new ("NEW-1", "Never made");
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_part_type_save (used, fixture->store, &error));
  g_assert_true (lc_part_type_save (unused, fixture->store, &error));
  record_inspection (fixture, used,
                     lc_characteristic_get_id (lc_part_type_find_characteristic (used, "Runout")), 0.004);

  g_assert_false (lc_part_type_delete (used, fixture->store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_HAS_RECORDS);
  g_clear_error (&error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type"), ==, 2);

  g_assert_true (lc_part_type_set_archived_in_store (used, fixture->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT archived FROM part_type WHERE code = 'BSH-2040'"), ==, 1);
  {
    g_autoptr(GListStore) active = lc_part_type_list (fixture->store, FALSE, NULL);
    g_autoptr(GListStore) all = lc_part_type_list (fixture->store, TRUE, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (active)), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
  }

  g_assert_true (lc_part_type_delete (unused, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type WHERE code = 'NEW-1'"), ==, 0);

  {
    guint n = 0;
    gint64 broken = -1;
    g_assert_true (lc_audit_verify (fixture->store, &n, &broken, &error));
    /* create, create, archive, delete */
    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpint (broken, ==, 0);
  }
}

static void
test_duplicate_is_a_new_part_type (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LcPartType) part = make_bushing ();
  g_autoptr(LcPartType) copy = NULL;
  g_autoptr(GError) error = NULL;

  lc_part_type_set_active_model_id (part, 0);
  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  copy = lc_part_type_duplicate (part, "BSH-2041", "Turned bushing, long");
  g_assert_cmpint (lc_part_type_get_id (copy), ==, 0);
  g_assert_true (lc_part_type_save (copy, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_part_type_get_id (copy), !=, lc_part_type_get_id (part));
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM characteristic"), ==, 4);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM defect_class"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/part-type/validate/limits-nominal-names-code-colour", test_validation_rules);
  g_test_add_func ("/part-type/characteristic/in-spec-and-format", test_in_spec_and_format);
  g_test_add ("/part-type/store/save-and-load", StoreFixture, NULL, store_fixture_set_up,
              test_save_and_load, store_fixture_tear_down);
  g_test_add ("/part-type/store/code-must-be-unique", StoreFixture, NULL, store_fixture_set_up,
              test_code_must_be_unique, store_fixture_tear_down);
  g_test_add ("/part-type/store/rename-swap-keeps-rows", StoreFixture, NULL, store_fixture_set_up,
              test_rename_swap_keeps_rows, store_fixture_tear_down);
  g_test_add ("/part-type/store/removed-characteristic-with-records-is-archived", StoreFixture, NULL,
              store_fixture_set_up, test_removed_characteristic_with_records_is_archived,
              store_fixture_tear_down);
  g_test_add ("/part-type/store/delete-refused-with-records-archive-instead", StoreFixture, NULL,
              store_fixture_set_up, test_delete_refused_with_records, store_fixture_tear_down);
  g_test_add ("/part-type/store/duplicate-is-a-new-part-type", StoreFixture, NULL, store_fixture_set_up,
              test_duplicate_is_a_new_part_type, store_fixture_tear_down);

  return g_test_run ();
}

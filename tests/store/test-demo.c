#include "lc-config.h"

#include <math.h>

#include "lc-demo.h"
#include "lc-part-type.h"
#include "test-helpers.h"

/* 2026-11-23 09:00 UTC, a Monday. */
#define DEMO_NOW G_GINT64_CONSTANT (1795424400000000)

static double
query_double (LcStore    *store,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value = NAN;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
lot_mean (LcStore    *store,
          const char *lot,
          const char *characteristic)
{
  g_autofree char *sql = g_strdup_printf ("SELECT avg(m.value) FROM measurement m"
                                          " JOIN inspection i ON i.id = m.inspection_id"
                                          " JOIN lot l ON l.id = i.lot_id"
                                          " JOIN characteristic c ON c.id = m.characteristic_id"
                                          " WHERE l.code = '%s' AND c.name = '%s'", lot, characteristic);
  return query_double (store, sql);
}

static double
lot_stddev (LcStore    *store,
            const char *lot,
            const char *characteristic)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sqrt(avg(m.value * m.value) - avg(m.value) * avg(m.value))"
                                          " FROM measurement m"
                                          " JOIN inspection i ON i.id = m.inspection_id"
                                          " JOIN lot l ON l.id = i.lot_id"
                                          " JOIN characteristic c ON c.id = m.characteristic_id"
                                          " WHERE l.code = '%s' AND c.name = '%s'", lot, characteristic);
  return query_double (store, sql);
}

static void
test_demo_content (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) parts = NULL;
  double sigma;

  g_assert_true (lc_demo_seed (fixture->store, DEMO_NOW, &error));
  g_assert_no_error (error);

  parts = lc_part_type_list (fixture->store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (parts)), ==, 3);

  /* Several weeks of history, ending before "now", never at night or on a Sunday. */
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection"), >, 3000);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT max(recorded_at) FROM inspection"), <, DEMO_NOW);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT (max(recorded_at) - min(recorded_at)) / 86400000000 FROM inspection"),
                   >=, 14);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM inspection WHERE strftime('%w', recorded_at / 1000000,"
                                      " 'unixepoch', 'localtime') = '0'"), ==, 0);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(DISTINCT lot_id) FROM inspection"), ==, 15);
  /* Every inspection has one measurement per characteristic. */
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM inspection i WHERE (SELECT count(*) FROM measurement m"
                                      " WHERE m.inspection_id = i.id) != (SELECT count(*) FROM characteristic c"
                                      " WHERE c.part_type_id = i.part_type_id)"), ==, 0);

  /* The drift: the bushing's outer diameter ends its last lot well above where it began. */
  sigma = lot_stddev (fixture->store, "A-101", "Outer diameter");
  g_assert_cmpfloat (lot_mean (fixture->store, "A-105", "Outer diameter") -
                     lot_mean (fixture->store, "A-101", "Outer diameter"), >, 1.0 * sigma);

  /* The shift: the bore steps up by more than a sigma from the third lot on. */
  sigma = lot_stddev (fixture->store, "A-101", "Bore diameter");
  g_assert_cmpfloat (lot_mean (fixture->store, "A-103", "Bore diameter") -
                     lot_mean (fixture->store, "A-102", "Bore diameter"), >, 1.0 * sigma);
  g_assert_cmpfloat (fabs (lot_mean (fixture->store, "A-102", "Bore diameter") -
                           lot_mean (fixture->store, "A-101", "Bore diameter")), <, 0.5 * sigma);

  /* The cluster: most dents are in one lot of the bracket. */
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM inspection i JOIN lot l ON l.id = i.lot_id"
                                      " JOIN defect_class d ON d.id = i.defect_class_id"
                                      " WHERE l.code = '" LC_DEMO_DENTED_LOT "' AND d.name = 'Dent'"), >, 100);
  g_assert_cmpint (lc_test_query_int (fixture->store,
                                      "SELECT count(*) FROM inspection i JOIN lot l ON l.id = i.lot_id"
                                      " JOIN defect_class d ON d.id = i.defect_class_id"
                                      " WHERE l.code != '" LC_DEMO_DENTED_LOT "' AND d.name = 'Dent'"), <, 20);

  /* Out-of-specification readings were raised as events. */
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM event WHERE kind = 'out-of-spec'"), >, 0);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM operator"), ==, 4);
}

static void
test_demo_is_deterministic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-test-demo-XXXXXX", NULL);
  g_autofree char *a_path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b_path = g_build_filename (dir, "b.db", NULL);
  g_autoptr(LcStore) a = lc_store_open (a_path, NULL);
  g_autoptr(LcStore) b = lc_store_open (b_path, NULL);
  const char *sql = "SELECT sum(value * id), count(*) FROM measurement";

  g_assert_true (lc_demo_seed (a, DEMO_NOW, NULL));
  g_assert_true (lc_demo_seed (b, DEMO_NOW, NULL));
  g_assert_cmpfloat (query_double (a, sql), ==, query_double (b, sql));
  g_clear_object (&a);
  g_clear_object (&b);
  lc_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/history-has-drift-shift-and-dent-cluster", StoreFixture, NULL, store_fixture_set_up,
              test_demo_content, store_fixture_tear_down);
  g_test_add_func ("/demo/same-now-gives-same-records", test_demo_is_deterministic);

  return g_test_run ();
}

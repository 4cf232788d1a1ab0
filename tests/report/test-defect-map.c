#include "lc-config.h"

#include <math.h>

#include "lc-defect-map.h"
#include "lc-demo.h"
#include "lc-part-type.h"
#include "../store/test-helpers.h"

/* 2026-11-23 09:00 UTC, a Monday. */
#define DEMO_NOW G_GINT64_CONSTANT (1795424400000000)

static void
test_box_and_polygon (void)
{
  g_autoptr(LcDefectMap) map = NULL;
  double x, y;
  float count;

  /* A 100 x 50 reference, 10-pixel cells: a 10 x 5 grid. */
  map = g_new0 (LcDefectMap, 1);
  map->image_width = 100;
  map->image_height = 50;
  map->grid_width = 10;
  map->grid_height = 5;
  map->density = g_new0 (float, 50);

  /* A box over cells (2..3, 1..2) of a picture twice the reference's size. */
  g_assert_true (lc_defect_map_add (map, "box", "{\"x\": 40, \"y\": 20, \"width\": 40, \"height\": 40}", 200, 100));
  g_assert_cmpfloat (map->density[1 * 10 + 2], ==, 1.0f);
  g_assert_cmpfloat (map->density[2 * 10 + 3], ==, 1.0f);
  g_assert_cmpfloat (map->density[1 * 10 + 4], ==, 0.0f);
  g_assert_cmpfloat (map->density[3 * 10 + 2], ==, 0.0f);
  /* A triangle with its right angle at the top left: (0,0) (50,0) (0,50) in reference pixels.
   * Cell (0,0)'s centre (5,5) is inside, cell (4,4)'s centre (45,45) is not. */
  g_assert_true (lc_defect_map_add (map, "polygon", "{\"points\": [[0, 0], [50, 0], [0, 50]]}", 100, 50));
  g_assert_cmpfloat (map->density[0], ==, 1.0f);
  g_assert_cmpfloat (map->density[4 * 10 + 4], ==, 0.0f);
  g_assert_cmpfloat (map->density[0 * 10 + 3], ==, 1.0f);   /* centre (35, 5): inside */
  /* The same box again: cell (2, 1), centre (25, 15), is in both boxes and the triangle. */
  g_assert_true (lc_defect_map_add (map, "box", "{\"x\": 20, \"y\": 10, \"width\": 20, \"height\": 20}", 100, 50));
  g_assert_true (lc_defect_map_peak (map, &x, &y, &count));
  g_assert_cmpfloat (count, ==, 3.0f);
  g_assert_cmpfloat (x, ==, 25.0);
  g_assert_cmpfloat (y, ==, 15.0);
  g_assert_cmpuint (map->n_regions, ==, 3);

  /* Unreadable geometry is refused and counts nothing. */
  g_assert_false (lc_defect_map_add (map, "box", "{\"x\": 1}", 100, 50));
  g_assert_false (lc_defect_map_add (map, "polygon", "{\"points\": [[0, 0], [1, 1]]}", 100, 50));
  g_assert_false (lc_defect_map_add (map, "box", "not json", 100, 50));
  g_assert_cmpuint (map->n_regions, ==, 3);
}

static double
region_centre (LcStore    *store,
               const char *lot,
               const char *axis)
{
  g_autofree char *sql = g_strdup_printf ("SELECT avg(json_extract (a.geometry, '$.%s')"
                                          " + json_extract (a.geometry, '$.%s') / 2.0)"
                                          " FROM annotation a JOIN image im ON im.id = a.image_id"
                                          " JOIN inspection i ON i.id = im.inspection_id"
                                          " JOIN lot l ON l.id = i.lot_id JOIN defect_class d ON d.id = a.defect_class_id"
                                          " WHERE l.code = '%s' AND d.name = 'Dent'", axis,
                                          g_str_equal (axis, "x") ? "width" : "height", lot);
  sqlite3_stmt *stmt = NULL;
  double value = NAN;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_demo_dent_cluster (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) bracket = NULL;
  g_autoptr(LcDefectMap) dented = NULL;
  g_autoptr(LcDefectMap) other = NULL;
  LcExportRange range = LC_EXPORT_RANGE_ALL;
  gint64 n_dents;
  double x, y;
  float count;

  g_assert_true (lc_demo_seed (fixture->store, DEMO_NOW, &error));
  g_assert_no_error (error);
  bracket = lc_part_type_load_by_code (fixture->store, LC_DEMO_BRACKET, &error);
  g_assert_nonnull (lc_part_type_get_reference_image (bracket));

  n_dents = lc_test_query_int (fixture->store,
                               "SELECT count(*) FROM annotation a JOIN image im ON im.id = a.image_id"
                               " JOIN inspection i ON i.id = im.inspection_id JOIN lot l ON l.id = i.lot_id"
                               " WHERE l.code = '" LC_DEMO_DENTED_LOT "'");
  g_assert_cmpint (n_dents, >, 100);

  range.lot = LC_DEMO_DENTED_LOT;
  dented = lc_defect_map_load (fixture->store, lc_part_type_get_id (bracket), &range, 0, 320, 240, 64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dented->n_regions, ==, n_dents);
  /* The dents pile up in one spot: the peak cell holds most of them, and it lies where the
   * labelled boxes are on average. */
  g_assert_true (lc_defect_map_peak (dented, &x, &y, &count));
  g_assert_cmpfloat (count, >, 0.8 * n_dents);
  g_assert_cmpfloat (fabs (x - region_centre (fixture->store, LC_DEMO_DENTED_LOT, "x")), <, 10.0);
  g_assert_cmpfloat (fabs (y - region_centre (fixture->store, LC_DEMO_DENTED_LOT, "y")), <, 10.0);

  /* Another lot of the same part: a few scattered defects, no pile. */
  range.lot = "B-102";
  other = lc_defect_map_load (fixture->store, lc_part_type_get_id (bracket), &range, 0, 320, 240, 64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->n_regions, <, 20);
  if (lc_defect_map_peak (other, &x, &y, &count))
    g_assert_cmpfloat (count, <=, 3.0f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/defect-map/box-and-polygon-cells", test_box_and_polygon);
  g_test_add ("/defect-map/demo-b104-dents-in-one-spot", StoreFixture, NULL, store_fixture_set_up,
              test_demo_dent_cluster, store_fixture_tear_down);

  return g_test_run ();
}

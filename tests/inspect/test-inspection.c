#include "lc-config.h"

#include <math.h>

#include "lc-camera.h"
#include "lc-inspection.h"
#include "lc-lot.h"
#include "lc-part-type.h"
#include "../store/test-helpers.h"

typedef struct
{
  StoreFixture  store;
  gint64        part_type_id;
  gint64        diameter_id;
  gint64        length_id;
  gint64        scratch_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LcPartType) part = lc_part_type_new ("BSH-2040", "Turned bushing");
  g_autoptr(LcCharacteristic) diameter = lc_characteristic_new ("Outer diameter");
  g_autoptr(LcCharacteristic) length = lc_characteristic_new ("Length");
  g_autoptr(LcDefectClass) scratch = lc_defect_class_new ("Scratch", "#e5a50a", LC_SEVERITY_MINOR);
  g_autoptr(GError) error = NULL;

  store_fixture_set_up (&fixture->store, data);
  lc_characteristic_set_nominal (diameter, 20.0);
  lc_characteristic_set_lsl (diameter, 19.98);
  lc_characteristic_set_usl (diameter, 20.02);
  lc_characteristic_set_nominal (length, 40.0);
  lc_characteristic_set_lsl (length, 39.9);
  lc_characteristic_set_usl (length, 40.1);
  lc_part_type_add_characteristic (part, diameter);
  lc_part_type_add_characteristic (part, length);
  lc_part_type_add_defect_class (part, scratch);
  g_assert_true (lc_part_type_save (part, fixture->store.store, &error));
  g_assert_no_error (error);
  fixture->part_type_id = lc_part_type_get_id (part);
  fixture->diameter_id = lc_characteristic_get_id (diameter);
  fixture->length_id = lc_characteristic_get_id (length);
  fixture->scratch_id = lc_defect_class_get_id (scratch);
  g_assert_cmpint (fixture->diameter_id, >, 0);
  g_assert_cmpint (fixture->scratch_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  store_fixture_tear_down (&fixture->store, data);
}

static GBytes *
tiny_png (guint8 shade)
{
  /* Any bytes do for naming and writing; the store does not decode them. */
  guint8 bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', shade, shade, shade };

  return g_bytes_new (bytes, sizeof bytes);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return lc_test_query_int (fixture->store.store, sql);
}

static void
test_record_whole (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LcInspection) inspection = lc_inspection_new (fixture->part_type_id);
  g_autoptr(GBytes) png = tiny_png (7);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *relative = NULL;
  LcImageRecord *image;
  gint64 lot_id;

  lot_id = lc_lot_open (fixture->store.store, fixture->part_type_id, "2611-01", &error);
  g_assert_no_error (error);
  file = lc_inspection_store_image_png (fixture->store.store, png, &error);
  g_assert_no_error (error);

  lc_inspection_set_lot_id (inspection, lot_id);
  lc_inspection_set_serial (inspection, "2611-01-0001");
  lc_inspection_set_station (inspection, "bench 1");
  lc_inspection_add_measurement (inspection, fixture->diameter_id, 20.004, "0x4EA4", 0, 0);
  lc_inspection_add_measurement (inspection, fixture->length_id, 40.02, "40.02 mm", 0, 0);
  relative = g_build_filename ("images", file, NULL);
  image = lc_inspection_add_image (inspection, relative, 640, 480, "sim://bench", 0);
  image->review = TRUE;
  lc_image_record_add_annotation (image, fixture->scratch_id, "box", "{\"x\":1,\"y\":2,\"w\":3,\"h\":4}",
                                  "model", 0, 0.91);
  lc_image_record_add_annotation (image, fixture->scratch_id, "box", "{\"x\":1,\"y\":2,\"w\":5,\"h\":5}",
                                  "operator", 0, NAN);
  lc_inspection_set_suggestion (inspection, LC_VERDICT_PASS, 0, 0.3);
  lc_inspection_set_verdict (inspection, LC_VERDICT_FAIL, LC_DECIDED_BY_OPERATOR_OVERRIDE);
  lc_inspection_set_defect_class_id (inspection, fixture->scratch_id);

  g_assert_true (lc_inspection_record (inspection, fixture->store.store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_inspection_get_id (inspection), >, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT " AND lot_id = %"
                         G_GINT64_FORMAT " AND serial = '2611-01-0001' AND verdict = 'fail'"
                         " AND suggested_verdict = 'pass' AND decided_by = 'operator-override'"
                         " AND defect_class_id = %" G_GINT64_FORMAT " AND station = 'bench 1'"
                         " AND abs(model_score - 0.3) < 1e-9",
                         lc_inspection_get_id (inspection), lot_id, fixture->scratch_id);
  g_assert_cmpint (count (fixture, sql), ==, 1);
  /* The override is audited: the model's verdict as the old value, the operator's as the new. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE entity = 'inspection' AND entity_id = %" G_GINT64_FORMAT
                         " AND action = 'verdict-override' AND old_value = 'pass' AND new_value = 'fail'",
                         lc_inspection_get_id (inspection));
  g_assert_cmpint (count (fixture, sql), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE raw = '0x4EA4'"
                                   " AND abs(value - 20.004) < 1e-9 AND superseded = 0"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement"), ==, 2);
  /* An operator region makes the image a labelled defect, and it waits for review. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE label = 'defect' AND review = 1"
                                   " AND width = 640 AND camera = 'sim://bench' AND file LIKE 'images/%.png'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation WHERE author = 'model'"
                                   " AND operator_id IS NULL AND abs(score - 0.91) < 1e-9"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation WHERE author = 'operator'"
                                   " AND score IS NULL"), ==, 1);
}

static void
test_nothing_written_on_failure (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LcInspection) inspection = lc_inspection_new (fixture->part_type_id);
  g_autoptr(LcInspection) undecided = lc_inspection_new (fixture->part_type_id);
  g_autoptr(GError) error = NULL;
  LcImageRecord *image;

  lc_inspection_set_serial (inspection, "S-1");
  lc_inspection_add_measurement (inspection, fixture->diameter_id, 20.0, "", 0, 0);
  image = lc_inspection_add_image (inspection, "abc.png", 10, 10, "", 0);
  /* The last row refers to a defect class that does not exist: the whole record is refused. */
  lc_image_record_add_annotation (image, 987654, "box", "{}", "model", 0, 0.5);
  lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);

  g_assert_false (lc_inspection_record (inspection, fixture->store.store, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (lc_inspection_get_id (inspection), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation"), ==, 0);
  g_clear_error (&error);

  /* No verdict, no record. */
  g_assert_false (lc_inspection_record (undecided, fixture->store.store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection"), ==, 0);

  /* The store is usable afterwards: the failed transaction was rolled back. */
  g_clear_error (&error);
  g_ptr_array_set_size (image->annotations, 0);
  g_assert_true (lc_inspection_record (inspection, fixture->store.store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection"), ==, 1);
}

static void
test_superseded_readings_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LcInspection) inspection = lc_inspection_new (fixture->part_type_id);
  g_autoptr(GError) error = NULL;
  GPtrArray *measurements;

  lc_inspection_add_measurement (inspection, fixture->diameter_id, 20.05, "first", 0, 100);
  lc_inspection_add_measurement (inspection, fixture->length_id, 40.0, "", 0, 100);
  g_assert_true (lc_inspection_supersede (inspection, fixture->diameter_id, "part not seated"));
  lc_inspection_add_measurement (inspection, fixture->diameter_id, 20.01, "second", 0, 200);
  g_assert_true (lc_inspection_supersede (inspection, fixture->diameter_id, "gauge dirty"));
  lc_inspection_add_measurement (inspection, fixture->diameter_id, 20.002, "third", 0, 300);
  /* Nothing to supersede for a characteristic never read. */
  g_assert_false (lc_inspection_supersede (inspection, 424242, "x"));

  measurements = lc_inspection_get_measurements (inspection);
  g_assert_cmpuint (measurements->len, ==, 4);

  lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);
  g_assert_true (lc_inspection_record (inspection, fixture->store.store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE raw = 'first' AND superseded = 1"
                                   " AND reason = 'part not seated'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE raw = 'second' AND superseded = 1"
                                   " AND reason = 'gauge dirty'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE raw = 'third' AND superseded = 0"
                                   " AND reason = ''"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE superseded = 0"), ==, 2);
}

static void
record_serial (Fixture    *fixture,
               LcStore    *store,
               gint64      lot_id,
               const char *serial)
{
  g_autoptr(LcInspection) inspection = lc_inspection_new (fixture->part_type_id);
  g_autoptr(GError) error = NULL;

  lc_inspection_set_lot_id (inspection, lot_id);
  lc_inspection_set_serial (inspection, serial);
  lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);
  g_assert_true (lc_inspection_record (inspection, store, &error));
  g_assert_no_error (error);
}

static void
test_serial_counting_survives_reopen (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *after_scan = NULL;
  g_autofree char *after_reopen = NULL;
  g_autofree char *other_lot = NULL;
  gint64 lot_id, again, other_id;

  lot_id = lc_lot_open (fixture->store.store, fixture->part_type_id, "  L7 ", &error);
  g_assert_no_error (error);
  first = lc_lot_next_serial (fixture->store.store, lot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "L7-0001");
  record_serial (fixture, fixture->store.store, lot_id, first);
  second = lc_lot_next_serial (fixture->store.store, lot_id, &error);
  g_assert_cmpstr (second, ==, "L7-0002");
  record_serial (fixture, fixture->store.store, lot_id, second);
  /* A scanned serial that is not the lot's pattern does not disturb the count. */
  record_serial (fixture, fixture->store.store, lot_id, "CUSTOMER-XYZ-99");
  record_serial (fixture, fixture->store.store, lot_id, "L7-00x");
  after_scan = lc_lot_next_serial (fixture->store.store, lot_id, &error);
  g_assert_cmpstr (after_scan, ==, "L7-0003");

  /* A restart: the count comes from what is recorded. */
  g_clear_object (&fixture->store.store);
  fixture->store.store = lc_store_open (fixture->store.path, &error);
  g_assert_no_error (error);
  again = lc_lot_open (fixture->store.store, fixture->part_type_id, "L7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, lot_id);
  after_reopen = lc_lot_next_serial (fixture->store.store, lot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after_reopen, ==, "L7-0003");

  /* Each lot counts its own. */
  other_id = lc_lot_open (fixture->store.store, fixture->part_type_id, "L8", &error);
  g_assert_cmpint (other_id, !=, lot_id);
  other_lot = lc_lot_next_serial (fixture->store.store, other_id, &error);
  g_assert_cmpstr (other_lot, ==, "L8-0001");
}

static void
test_lot_rules (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *next = NULL;
  gint64 lot_id;
  /* 2026-03-11 12:00 UTC: ISO week 11 of 2026. */
  gint64 now = G_GINT64_CONSTANT (1773230400) * G_USEC_PER_SEC;

  g_assert_cmpint (lc_lot_open (fixture->store.store, fixture->part_type_id, "   ", &error), ==, 0);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  suggested = lc_lot_suggest_code (fixture->store.store, fixture->part_type_id, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suggested, ==, "2611-01");
  lot_id = lc_lot_open (fixture->store.store, fixture->part_type_id, suggested, &error);
  next = lc_lot_suggest_code (fixture->store.store, fixture->part_type_id, now, &error);
  g_assert_cmpstr (next, ==, "2611-02");

  g_assert_true (lc_lot_close (fixture->store.store, lot_id, &error));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lot WHERE ended_at IS NOT NULL"), ==, 1);
  /* Opening the code again continues the lot. */
  g_assert_cmpint (lc_lot_open (fixture->store.store, fixture->part_type_id, "2611-01", &error), ==, lot_id);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM lot WHERE ended_at IS NOT NULL"), ==, 0);

  code = lc_lot_get_code (fixture->store.store, lot_id, &error);
  g_assert_cmpstr (code, ==, "2611-01");
  g_assert_null (lc_lot_get_code (fixture->store.store, 999, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND);
}

static void
test_image_named_by_hash (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) png = tiny_png (42);
  g_autoptr(GBytes) other = tiny_png (43);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  g_autofree char *again = NULL;
  g_autofree char *different = NULL;
  g_autofree char *dir = lc_store_get_images_dir (fixture->store.store);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  gsize length;
  guint n_files = 0;

  expected = g_strconcat (g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png), ".png", NULL);
  name = lc_inspection_store_image_png (fixture->store.store, png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpuint (strlen (name), ==, 64 + 4);

  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  /* The same picture twice is one file; another picture another. */
  again = lc_inspection_store_image_png (fixture->store.store, png, &error);
  g_assert_cmpstr (again, ==, name);
  different = lc_inspection_store_image_png (fixture->store.store, other, &error);
  g_assert_cmpstr (different, !=, name);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_has_suffix (entry, ".png"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2);
}

static void
test_image_unwritable_folder (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) png = tiny_png (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lc_store_get_images_dir (fixture->store.store);
  g_autofree char *name = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes anywhere");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0750), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  name = lc_inspection_store_image_png (fixture->store.store, png, &error);
  g_chmod (dir, 0750);
  g_assert_null (name);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SAVE);
}

static void
test_verdict_strings (void)
{
  LcVerdict verdict = LC_VERDICT_NONE;

  g_assert_true (lc_verdict_from_string ("fail", &verdict));
  g_assert_cmpint (verdict, ==, LC_VERDICT_FAIL);
  g_assert_true (lc_verdict_from_string (lc_verdict_to_string (LC_VERDICT_PASS), &verdict));
  g_assert_cmpint (verdict, ==, LC_VERDICT_PASS);
  g_assert_false (lc_verdict_from_string ("maybe", &verdict));
  g_assert_null (lc_verdict_to_string (LC_VERDICT_NONE));
  g_assert_cmpstr (lc_decided_by_to_string (LC_DECIDED_BY_OPERATOR_OVERRIDE), ==, "operator-override");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inspect/inspection/record-whole", test_record_whole);
  ADD ("/inspect/inspection/nothing-written-on-failure", test_nothing_written_on_failure);
  ADD ("/inspect/inspection/superseded-readings-kept", test_superseded_readings_kept);
  ADD ("/inspect/inspection/image-named-by-hash", test_image_named_by_hash);
  ADD ("/inspect/inspection/image-unwritable-folder", test_image_unwritable_folder);
  ADD ("/inspect/lot/serial-counting-survives-reopen", test_serial_counting_survives_reopen);
  ADD ("/inspect/lot/rules", test_lot_rules);
#undef ADD
  g_test_add_func ("/inspect/inspection/verdict-strings", test_verdict_strings);

  return g_test_run ();
}

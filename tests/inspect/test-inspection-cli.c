#include "lc-config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <sys/wait.h>

#include "lc-inspection.h"
#include "lc-lot.h"
#include "lc-part-type.h"
#include "../store/test-helpers.h"
#include "../store/test-cli-run.h"

/* linecheck-cli inspection show, on a store with two parts of one lot, one re-measured and
 * corrected (its image in the review queue), and a part of another lot. */

static void
record (LcStore    *store,
        gint64      part_type_id,
        gint64      lot_id,
        const char *serial,
        gint64      characteristic_id,
        gint64      defect_class_id,
        gboolean    corrected)
{
  g_autoptr(LcInspection) inspection = lc_inspection_new (part_type_id);
  g_autoptr(GBytes) png = g_bytes_new (serial, strlen (serial));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = lc_inspection_store_image_png (store, png, &error);
  g_autofree char *file = g_build_filename ("images", name, NULL);
  LcImageRecord *image;

  g_assert_no_error (error);
  lc_inspection_set_lot_id (inspection, lot_id);
  lc_inspection_set_serial (inspection, serial);
  lc_inspection_add_measurement (inspection, characteristic_id, 20.05, "[16436,13107,13107,13107]", 0, 0);
  if (corrected)
    {
      lc_inspection_supersede (inspection, characteristic_id, "part not seated");
      lc_inspection_add_measurement (inspection, characteristic_id, 20.001, "[16436,0,0,0]", 0, 0);
    }
  image = lc_inspection_add_image (inspection, file, 64, 48, "sim:BSH-2040", 0);
  image->review = corrected;
  lc_image_record_add_annotation (image, defect_class_id, "box", "{\"x\":1,\"y\":2,\"w\":3,\"h\":4}", "model", 0,
                                  0.8);
  lc_inspection_set_suggestion (inspection, LC_VERDICT_FAIL, 0, 0.8);
  if (corrected)
    lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR_OVERRIDE);
  else
    {
      lc_inspection_set_verdict (inspection, LC_VERDICT_FAIL, LC_DECIDED_BY_OPERATOR);
      lc_inspection_set_defect_class_id (inspection, defect_class_id);
    }
  g_assert_true (lc_inspection_record (inspection, store, &error));
  g_assert_no_error (error);
}

static void
test_show_serial_and_lot (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(LcPartType) part = lc_part_type_new ("BSH-2040", "Turned bushing");
  g_autoptr(LcCharacteristic) diameter = lc_characteristic_new ("Outer diameter");
  g_autoptr(LcDefectClass) burr = lc_defect_class_new ("Burr", "#c64600", LC_SEVERITY_MAJOR);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *inspections;
  JsonObject *inspection, *measurement, *image, *annotation;
  JsonArray *measurements;
  Run run = { 0 };
  gint64 lot_a, lot_b;

  lc_characteristic_set_nominal (diameter, 20.0);
  lc_characteristic_set_lsl (diameter, 19.98);
  lc_characteristic_set_usl (diameter, 20.02);
  lc_characteristic_set_unit (diameter, "mm");
  lc_part_type_add_characteristic (part, diameter);
  lc_part_type_add_defect_class (part, burr);
  g_assert_true (lc_part_type_save (part, fixture->store, &error));
  lot_a = lc_lot_open (fixture->store, lc_part_type_get_id (part), "A-7", &error);
  lot_b = lc_lot_open (fixture->store, lc_part_type_get_id (part), "A-8", &error);
  record (fixture->store, lc_part_type_get_id (part), lot_a, "A-7-0001", lc_characteristic_get_id (diameter),
          lc_defect_class_get_id (burr), FALSE);
  record (fixture->store, lc_part_type_get_id (part), lot_a, "A-7-0002", lc_characteristic_get_id (diameter),
          lc_defect_class_get_id (burr), TRUE);
  record (fixture->store, lc_part_type_get_id (part), lot_b, "A-8-0001", lc_characteristic_get_id (diameter),
          lc_defect_class_get_id (burr), FALSE);

  run_cli (&run, fixture->path, "inspection", "show", "--serial", "A-7-0002", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  inspections = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (inspections), ==, 1);
  inspection = json_array_get_object_element (inspections, 0);
  g_assert_cmpstr (json_object_get_string_member (inspection, "serial"), ==, "A-7-0002");
  g_assert_cmpstr (json_object_get_string_member (inspection, "lot"), ==, "A-7");
  g_assert_cmpstr (json_object_get_string_member (inspection, "part_type"), ==, "BSH-2040");
  g_assert_cmpstr (json_object_get_string_member (inspection, "verdict"), ==, "pass");
  g_assert_cmpstr (json_object_get_string_member (inspection, "suggested_verdict"), ==, "fail");
  g_assert_cmpstr (json_object_get_string_member (inspection, "decided_by"), ==, "operator-override");
  measurements = json_object_get_array_member (inspection, "measurements");
  g_assert_cmpuint (json_array_get_length (measurements), ==, 2);
  measurement = json_array_get_object_element (measurements, 0);
  g_assert_true (json_object_get_boolean_member (measurement, "superseded"));
  g_assert_cmpstr (json_object_get_string_member (measurement, "reason"), ==, "part not seated");
  g_assert_cmpstr (json_object_get_string_member (measurement, "raw"), ==, "[16436,13107,13107,13107]");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (measurement, "value"), 20.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (measurement, "usl"), 20.02, 1e-9);
  measurement = json_array_get_object_element (measurements, 1);
  g_assert_false (json_object_get_boolean_member (measurement, "superseded"));
  image = json_array_get_object_element (json_object_get_array_member (inspection, "images"), 0);
  g_assert_true (json_object_get_boolean_member (image, "review"));
  g_assert_true (g_file_test (json_object_get_string_member (image, "path"), G_FILE_TEST_IS_REGULAR));
  annotation = json_array_get_object_element (json_object_get_array_member (image, "annotations"), 0);
  g_assert_cmpstr (json_object_get_string_member (annotation, "defect_class"), ==, "Burr");
  g_assert_cmpstr (json_object_get_string_member (annotation, "author"), ==, "model");
  run_clear (&run);

  /* A lot: both of its parts, in order, and not the other lot's. */
  run_cli (&run, fixture->path, "inspection", "show", "--lot", "A-7", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  inspections = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (inspections), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (inspections, 0), "serial"), ==,
                   "A-7-0001");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (inspections, 0), "defect_class"),
                   ==, "Burr");
  run_clear (&run);

  /* Text for people. */
  run_cli (&run, fixture->path, "inspection", "show", "--lot", "A-8", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "A-8-0001"));
  g_assert_nonnull (strstr (run.out, "Outer diameter"));
  run_clear (&run);

  /* Nothing recorded, and bad use, say so. */
  run_cli (&run, fixture->path, "inspection", "show", "--serial", "NOPE", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "Nothing was recorded for “NOPE”"));
  run_clear (&run);
  run_cli (&run, fixture->path, "inspection", "show", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "--serial or --lot"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/inspect/cli/show-serial-and-lot", StoreFixture, NULL, store_fixture_set_up,
              test_show_serial_and_lot, store_fixture_tear_down);
  return g_test_run ();
}

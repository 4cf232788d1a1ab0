#include "lc-config.h"

#include <math.h>
#include <string.h>

#include "lc-part-type-io.h"
#include "test-helpers.h"

static const char good_json[] =
  "{\n"                                                                           /* 1 */
  "  \"format\": \"linecheck-part-types\",\n"                                   /* 2 */
  "  \"version\": 1,\n"                                                         /* 3 */
  "  \"part_types\": [\n"                                                       /* 4 */
  "    {\n"                                                                     /* 5 */
  "      \"code\": \"BRK-1150\", \"name\": \"Stamped bracket\", \"revision\": \"B\",\n" /* 6 */
  "      \"characteristics\": [\n"                                              /* 7 */
  "        { \"name\": \"Hole spacing\", \"nominal\": 50.0, \"lsl\": 49.9, \"usl\": 50.1, \"unit\": \"mm\", \"decimals\": 2, \"subgroup_size\": 5 },\n" /* 8 */
  "        { \"name\": \"Flatness\", \"lsl\": null, \"usl\": 0.2, \"unit\": \"mm\" },\n" /* 9 */
  "        { \"name\": \"Cracks\", \"kind\": \"attribute\" }\n"                 /* 10 */
  "      ],\n"                                                                    /* 11 */
  "      \"defect_classes\": [ { \"name\": \"Dent\", \"color\": \"#e01b24\", \"severity\": \"major\" } ]\n" /* 12 */
  "    },\n"                                                                    /* 13 */
  "    { \"code\": \"CAP-0032\", \"name\": \"Moulded cap\", \"characteristics\": [\n" /* 14 */
  "        { \"name\": \"Weight\", \"nominal\": 4.2, \"lsl\": 4.12, \"usl\": 4.28, \"unit\": \"g\" } ] }\n" /* 15 */
  "  ]\n"
  "}\n";

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_autoptr(GString) s = g_string_new (text);
  g_assert_nonnull (strstr (text, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_refused (const char   *text,
                LcPartFormat  format,
                const char   *expected_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = lc_part_types_parse (text, strlen (text), format, &error);

  g_assert_null (parts);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LC_IMPORT_ERROR);
  if (!g_str_has_prefix (error->message, expected_start))
    g_error ("expected a message starting “%s”, got “%s”", expected_start, error->message);
}

static void
test_json_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = lc_part_types_parse (good_json, strlen (good_json), LC_PART_FORMAT_JSON, &error);
  LcPartType *bracket;
  LcCharacteristic *flatness;

  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 2);
  bracket = g_ptr_array_index (parts, 0);
  g_assert_cmpstr (lc_part_type_get_code (bracket), ==, "BRK-1150");
  g_assert_cmpuint (g_list_model_get_n_items (lc_part_type_get_characteristics (bracket)), ==, 3);
  flatness = lc_part_type_find_characteristic (bracket, "Flatness");
  g_assert_true (isnan (lc_characteristic_get_lsl (flatness)));
  g_assert_cmpfloat (lc_characteristic_get_usl (flatness), ==, 0.2);
  g_assert_cmpuint (lc_characteristic_get_decimals (flatness), ==, 3);
  g_assert_cmpint (lc_characteristic_get_kind (lc_part_type_find_characteristic (bracket, "Cracks")), ==,
                   LC_CHARACTERISTIC_ATTRIBUTE);
}

static void
test_json_errors_name_line_and_field (void)
{
  g_autofree char *bad_number = replace (good_json, "\"usl\": 0.2", "\"usl\": \"0.2mm\"");
  g_autofree char *bad_limits = replace (good_json, "\"lsl\": 49.9, \"usl\": 50.1", "\"lsl\": 50.2, \"usl\": 50.1");
  g_autofree char *bad_nominal = replace (good_json, "\"nominal\": 4.2", "\"nominal\": 4.5");
  g_autofree char *bad_severity = replace (good_json, "\"severity\": \"major\"", "\"severity\": \"awful\"");
  g_autofree char *bad_subgroup = replace (good_json, "\"subgroup_size\": 5", "\"subgroup_size\": 40");
  g_autofree char *twice = replace (good_json, "\"code\": \"CAP-0032\"", "\"code\": \"BRK-1150\"");
  g_autofree char *no_name = replace (good_json, "\"name\": \"Moulded cap\", ", "");
  g_autofree char *truncated = g_strndup (good_json, 300);

  assert_refused (bad_number, LC_PART_FORMAT_JSON, "Line 9, field “usl”:");
  assert_refused (bad_limits, LC_PART_FORMAT_JSON, "Line 8, field “lsl, usl”:");
  assert_refused (bad_nominal, LC_PART_FORMAT_JSON, "Line 15, field “nominal”:");
  assert_refused (bad_severity, LC_PART_FORMAT_JSON, "Line 12, field “severity”:");
  assert_refused (bad_subgroup, LC_PART_FORMAT_JSON, "Line 8, field “subgroup_size”:");
  assert_refused (twice, LC_PART_FORMAT_JSON, "Line 14, field “code”:");
  assert_refused (no_name, LC_PART_FORMAT_JSON, "Line 14, field “name”: is missing");
  assert_refused (truncated, LC_PART_FORMAT_JSON, "The file is not valid JSON:");
  assert_refused ("[1, 2]", LC_PART_FORMAT_JSON, "Line 1:");
}

static GPtrArray *
parse_ok (const char   *text,
          LcPartFormat  format)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *parts = lc_part_types_parse (text, strlen (text), format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parts);
  return parts;
}

/* Written then read back, in either format, a part type is the same specification. */
static void
test_round_trip_both_formats (void)
{
  g_autoptr(GPtrArray) parts = parse_ok (good_json, LC_PART_FORMAT_JSON);
  g_autofree char *json = lc_part_types_serialize (parts, LC_PART_FORMAT_JSON);
  g_autofree char *csv = lc_part_types_serialize (parts, LC_PART_FORMAT_CSV);
  g_autoptr(GPtrArray) from_json = parse_ok (json, LC_PART_FORMAT_JSON);
  g_autoptr(GPtrArray) from_csv = parse_ok (csv, LC_PART_FORMAT_CSV);
  g_autofree char *json_again = lc_part_types_serialize (from_json, LC_PART_FORMAT_JSON);
  g_autofree char *json_from_csv = lc_part_types_serialize (from_csv, LC_PART_FORMAT_JSON);

  g_assert_cmpstr (json_again, ==, json);
  g_assert_cmpstr (json_from_csv, ==, json);
  g_assert_nonnull (strstr (csv, "characteristic,BRK-1150,,,,Flatness,variable,,,0.2,mm,3,1,,\n"));
}

static void
test_csv_errors_name_line_and_field (void)
{
  const char *header = "record,part_code,part_name,revision,description,name,kind,nominal,lsl,usl,unit,"
                       "decimals,subgroup_size,color,severity\n";
  g_autofree char *bad_number = g_strconcat (header,
                                             "part,P-1,Pin,,,,,,,,,,,,\n"
                                             "characteristic,P-1,,,,Length,,10,9.9,10.1,mm,3,1,,\n"
                                             "characteristic,P-1,,,,Width,,5,4.9,5.1x,mm,3,1,,\n", NULL);
  g_autofree char *orphan = g_strconcat (header, "characteristic,P-9,,,,Length,,10,9.9,10.1,mm,3,1,,\n", NULL);
  g_autofree char *bad_record = g_strconcat (header, "part,P-1,Pin,,,,,,,,,,,,\nwidget,P-1,,,,,,,,,,,,,\n", NULL);
  g_autofree char *quoted = g_strconcat (header, "part,P-1,\"Pin, \"\"long\"\"\n", NULL);
  g_autofree char *decimal_comma = g_strconcat (header,
                                                "part,P-1,Pin,,,,,,,,,,,,\n"
                                                "characteristic,P-1,,,,Length,,\"10,0\",9.9,10.1,mm,3,1,,\n", NULL);

  assert_refused (bad_number, LC_PART_FORMAT_CSV, "Line 4, field “usl”:");
  assert_refused (orphan, LC_PART_FORMAT_CSV, "Line 2, field “part_code”:");
  assert_refused (bad_record, LC_PART_FORMAT_CSV, "Line 3, field “record”:");
  assert_refused (quoted, LC_PART_FORMAT_CSV, "Line 2: a quoted field is never closed.");
  assert_refused (decimal_comma, LC_PART_FORMAT_CSV, "Line 3, field “nominal”:");
  assert_refused ("", LC_PART_FORMAT_CSV, "The file is empty.");
  assert_refused ("\xff\xfe" "r", LC_PART_FORMAT_CSV, "The file is not UTF-8 text.");
}

/* Importing a code that exists updates it: characteristics matched by name keep their ids. */
static void
test_import_updates_by_code (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) first = parse_ok (good_json, LC_PART_FORMAT_JSON);
  g_autofree char *changed_text = replace (good_json, "\"usl\": 0.2", "\"usl\": 0.25");
  g_autoptr(GPtrArray) second = parse_ok (changed_text, LC_PART_FORMAT_JSON);
  g_autoptr(LcPartType) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 flatness_id;

  g_assert_true (lc_part_types_import (fixture->store, first, &error));
  g_assert_no_error (error);
  flatness_id = lc_test_query_int (fixture->store, "SELECT id FROM characteristic WHERE name = 'Flatness'");

  g_assert_true (lc_part_types_import (fixture->store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type"), ==, 2);
  loaded = lc_part_type_load_by_code (fixture->store, "BRK-1150", &error);
  g_assert_cmpint (lc_characteristic_get_id (lc_part_type_find_characteristic (loaded, "Flatness")), ==,
                   flatness_id);
  g_assert_cmpfloat (lc_characteristic_get_usl (lc_part_type_find_characteristic (loaded, "Flatness")), ==, 0.25);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/part-type/import/json-reads-every-field", test_json_parse);
  g_test_add_func ("/part-type/import/json-errors-name-line-and-field", test_json_errors_name_line_and_field);
  g_test_add_func ("/part-type/import/csv-errors-name-line-and-field", test_csv_errors_name_line_and_field);
  g_test_add_func ("/part-type/export/round-trip-json-and-csv", test_round_trip_both_formats);
  g_test_add ("/part-type/import/existing-code-is-updated-keeping-ids", StoreFixture, NULL,
              store_fixture_set_up, test_import_updates_by_code, store_fixture_tear_down);

  return g_test_run ();
}

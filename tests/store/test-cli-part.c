#include "lc-config.h"

#include <string.h>
#include <sys/wait.h>

#include "test-helpers.h"
#include "test-cli-run.h"

/* linecheck-cli part, as a script would use it: import, export, list, show, and a malformed
 * file that must change nothing. */

static const char parts_json[] =
  "{\n"
  "  \"format\" : \"linecheck-part-types\",\n"
  "  \"version\" : 1,\n"
  "  \"part_types\" : [\n"
  "    {\n"
  "      \"code\" : \"BSH-2040\",\n"
  "      \"name\" : \"Turned bushing\",\n"
  "      \"revision\" : \"C\",\n"
  "      \"description\" : \"Steel bushing\",\n"
  "      \"characteristics\" : [\n"
  "        {\n"
  "          \"name\" : \"Outer diameter\",\n"
  "          \"kind\" : \"variable\",\n"
  "          \"nominal\" : 20.0,\n"
  "          \"lsl\" : 19.98,\n"
  "          \"usl\" : 20.02,\n"
  "          \"unit\" : \"mm\",\n"
  "          \"decimals\" : 3,\n"
  "          \"subgroup_size\" : 5\n"
  "        },\n"
  "        {\n"
  "          \"name\" : \"Runout\",\n"
  "          \"kind\" : \"variable\",\n"
  "          \"nominal\" : null,\n"
  "          \"lsl\" : null,\n"
  "          \"usl\" : 0.01,\n"
  "          \"unit\" : \"mm\",\n"
  "          \"decimals\" : 3,\n"
  "          \"subgroup_size\" : 1\n"
  "        }\n"
  "      ],\n"
  "      \"defect_classes\" : [\n"
  "        {\n"
  "          \"name\" : \"Scratch\",\n"
  "          \"color\" : \"#e5a50a\",\n"
  "          \"severity\" : \"minor\"\n"
  "        }\n"
  "      ]\n"
  "    }\n"
  "  ]\n"
  "}";

static void
test_import_export_round_trip (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "parts.json", NULL);
  g_autofree char *csv_file = g_build_filename (fixture->dir, "parts.csv", NULL);
  g_autofree char *other_db = g_build_filename (fixture->dir, "other.db", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) export_csv = { 0 };
  g_auto(Run) import_csv = { 0 };
  g_auto(Run) export_other = { 0 };
  g_auto(Run) list = { 0 };

  /* The CLI opens the database itself; the fixture's own connection stays out of its way. */
  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (file, parts_json, -1, NULL));

  run_cli (&import, fixture->path, "part", "import", file, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "BSH-2040"));

  run_cli (&export, fixture->path, "part", "export", "BSH-2040", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpstr (g_strstrip (export.out), ==, parts_json);

  /* Through CSV into another database, and back out as the same JSON. */
  run_cli (&export_csv, fixture->path, "part", "export", "BSH-2040", "--format", "csv", "--out", csv_file, NULL);
  g_assert_cmpint (export_csv.status, ==, 0);
  run_cli (&import_csv, other_db, "part", "import", csv_file, NULL);
  g_assert_cmpint (import_csv.status, ==, 0);
  run_cli (&export_other, other_db, "part", "export", "BSH-2040", NULL);
  g_assert_cmpstr (g_strstrip (export_other.out), ==, parts_json);

  run_cli (&list, fixture->path, "part", "list", "--format", "csv", NULL);
  g_assert_cmpstr (list.out, ==, "code,name,revision,characteristics,defect_classes,archived\n"
                                 "BSH-2040,Turned bushing,C,2,1,false\n");
}

static void
test_malformed_file_changes_nothing (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->dir, "good.json", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autoptr(GString) broken = g_string_new (parts_json);
  g_auto(Run) first = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;

  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (good, parts_json, -1, NULL));
  run_cli (&first, fixture->path, "part", "import", good, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_cli (&before, fixture->path, "part", "export", "--all", NULL);

  /* Line 26: the USL of Runout is no number; the file's first part is fine. */
  g_string_replace (broken, "\"usl\" : 0.01", "\"usl\" : \"0,01\"", 1);
  g_string_replace (broken, "\"Turned bushing\"", "\"Turned bushing, revised\"", 1);
  g_assert_true (g_file_set_contents (bad, broken->str, -1, NULL));
  run_cli (&refused, fixture->path, "part", "import", bad, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "Nothing was imported."));
  g_assert_nonnull (strstr (refused.err, "Line 26, field “usl”"));

  run_cli (&after, fixture->path, "part", "export", "--all", NULL);
  g_assert_cmpstr (after.out, ==, before.out);

  fixture->store = lc_store_open (fixture->path, NULL);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM audit"), ==, 1);
}

static void
test_unknown_code_and_usage (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_auto(Run) missing = { 0 };
  g_auto(Run) usage = { 0 };

  g_clear_object (&fixture->store);
  run_cli (&missing, fixture->path, "part", "show", "NOPE-1", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "There is no part type with the code “NOPE-1”."));

  run_cli (&usage, fixture->path, "part", "fly", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "unknown action “fly”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/part/import-export-round-trip-json-and-csv", StoreFixture, NULL, store_fixture_set_up,
              test_import_export_round_trip, store_fixture_tear_down);
  g_test_add ("/cli/part/malformed-import-names-line-and-changes-nothing", StoreFixture, NULL,
              store_fixture_set_up, test_malformed_file_changes_nothing, store_fixture_tear_down);
  g_test_add ("/cli/part/unknown-code-and-usage-errors", StoreFixture, NULL, store_fixture_set_up,
              test_unknown_code_and_usage, store_fixture_tear_down);

  return g_test_run ();
}

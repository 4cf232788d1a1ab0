#include "lc-config.h"

#include <string.h>
#include <sys/wait.h>

#include "lc-demo.h"
#include "lc-report.h"
#include "../store/test-helpers.h"
#include "../store/test-cli-run.h"

/* The capability report on the demo: one page per characteristic between the summary and
 * the defects, the text a customer reads (read back with pdftotext), and the CLI. */

/* 2026-11-23 09:00 UTC, a Monday. */
#define DEMO_NOW G_GINT64_CONSTANT (1795424400000000)

static void
demo_fixture_set_up (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  store_fixture_set_up (fixture, data);
  g_assert_true (lc_demo_seed (fixture->store, DEMO_NOW, &error));
  g_assert_no_error (error);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_report_of_a_lot (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  g_autoptr(LcReport) report = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "a-103.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *parts = NULL;
  LcExportRange range = LC_EXPORT_RANGE_ALL;
  gint64 n_parts;

  range.lot = "A-103";
  report = lc_report_new (fixture->store, part, &range, &error);
  g_assert_no_error (error);
  /* Summary, four characteristics, defects. */
  g_assert_cmpuint (lc_report_get_n_pages (report), ==, 6);
  g_assert_true (lc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path);
  g_assert_cmpuint (count (text, "\f"), ==, 6);   /* pdftotext ends each page with a form feed */
  g_assert_nonnull (strstr (text, "Capability Report"));
  g_assert_nonnull (strstr (text, "BSH-2040 Turned bushing"));
  g_assert_nonnull (strstr (text, "Lot A-103"));
  g_assert_nonnull (strstr (text, "Bench 1"));
  g_assert_nonnull (strstr (text, "Page 6 of 6"));
  g_assert_nonnull (strstr (text, "Anderson-Darling"));
  g_assert_nonnull (strstr (text, "Defects by class"));
  /* The inspection count is the lot's. */
  n_parts = lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection i JOIN lot l ON l.id = i.lot_id"
                                               " WHERE l.code = 'A-103'");
  parts = g_strdup_printf ("%" G_GINT64_FORMAT " parts inspected", n_parts);
  g_assert_nonnull (strstr (text, parts));
  /* Every characteristic has its page with its chart's sigma estimator named. */
  g_assert_cmpuint (count (text, "Outer diameter"), >=, 2);
  g_assert_cmpuint (count (text, "Runout"), >=, 2);
  g_assert_cmpuint (count (text, "Rule Violations"), ==, 4);
}

static void
test_cli_report (StoreFixture  *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "b-104.pdf", NULL);
  g_autofree char *never = g_build_filename (fixture->dir, "never.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };

  g_clear_object (&fixture->store);
  run_cli (&run, fixture->path, "report", "pdf", "--part", LC_DEMO_BRACKET, "--lot", LC_DEMO_DENTED_LOT,
           "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "BRK-1150"));
  g_assert_nonnull (strstr (text, "Dent"));
  g_assert_nonnull (strstr (text, "defect regions"));

  run_cli (&run, fixture->path, "report", "pdf", "--part", LC_DEMO_BRACKET, "--lot", "Z-999", "--out", never, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "has no lot “Z-999”"));
  run_clear (&run);
  run_cli (&run, fixture->path, "report", "pdf", "--part", LC_DEMO_BRACKET, "--from", "2030-01-01", "--out", never, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing to report"));
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
}

/* The report follows the operator and station filters like the dashboard: its count of
 * parts is the filtered one and its cover says whose parts they are. */
static void
test_cli_report_operator_station (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "li-wei.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *parts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gint64 n_parts;

  g_assert_true (lc_store_exec (fixture->store,
                                "UPDATE inspection SET station = 'Bench 2' WHERE id % 4 = 0", &error));
  g_assert_no_error (error);
  n_parts = lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection i JOIN operator o"
                                               " ON o.id = i.operator_id JOIN part_type p ON p.id = i.part_type_id"
                                               " WHERE p.code = 'BSH-2040' AND o.name = 'Li Wei'"
                                               " AND i.station = 'Bench 2'");
  g_assert_cmpint (n_parts, >, 0);
  g_clear_object (&fixture->store);

  run_cli (&run, fixture->path, "report", "pdf", "--part", LC_DEMO_BUSHING, "--operator", "Li Wei",
           "--station", "Bench 2", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  text = pdf_text (out);
  parts = g_strdup_printf ("%" G_GINT64_FORMAT " parts inspected", n_parts);
  g_assert_nonnull (strstr (text, parts));
  g_assert_nonnull (strstr (text, "Li Wei"));
  g_assert_nonnull (strstr (text, "Bench 2"));
  g_assert_null (strstr (text, "Bench 1"));

  run_cli (&run, fixture->path, "report", "pdf", "--part", LC_DEMO_BUSHING, "--operator", "Nobody",
           "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no operator called “Nobody”"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/pdf/lot-a103-pages-and-text", StoreFixture, NULL, demo_fixture_set_up,
              test_report_of_a_lot, store_fixture_tear_down);
  g_test_add ("/report/cli/pdf-and-refusals", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_report, store_fixture_tear_down);
  g_test_add ("/report/cli/operator-and-station", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_report_operator_station, store_fixture_tear_down);

  return g_test_run ();
}

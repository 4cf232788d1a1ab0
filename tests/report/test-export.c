#include "lc-config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "lc-csv.h"
#include "lc-demo.h"
#include "lc-export.h"
#include "../store/test-helpers.h"
#include "../store/test-cli-run.h"

/* The exports read back and checked against the demo database: every value, time, lot,
 * operator, station and serial must be the one recorded. Expected values come from SQL
 * (SQLite's own strftime for the dates), not from the exporter's code. */

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

/* One recorded measurement as the database has it, with the text DFQ must show. */
typedef struct
{
  char   *characteristic;
  double  value;
  char   *dfq_time;
  char   *lot;
  char   *operator_name;
  char   *station;
  char   *serial;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->characteristic);
  g_free (e->dfq_time);
  g_free (e->lot);
  g_free (e->operator_name);
  g_free (e->station);
  g_free (e->serial);
  g_free (e);
}

static GPtrArray *
query_expected (LcStore    *store,
                const char *part,
                const char *where)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT c.name, m.value,"
                     " strftime ('%%d.%%m.%%Y/%%H:%%M:%%S', m.measured_at / 1000000, 'unixepoch', 'localtime'),"
                     " l.code, o.name, i.station, i.serial"
                     " FROM measurement m JOIN inspection i ON i.id = m.inspection_id"
                     " JOIN characteristic c ON c.id = m.characteristic_id"
                     " JOIN part_type p ON p.id = i.part_type_id"
                     " JOIN lot l ON l.id = i.lot_id JOIN operator o ON o.id = i.operator_id"
                     " WHERE p.code = '%s' AND %s"
                     " ORDER BY c.position, m.measured_at, m.id", part, where);
  GPtrArray *rows = g_ptr_array_new_with_free_func (expected_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Expected *e = g_new0 (Expected, 1);

      e->characteristic = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->value = sqlite3_column_double (stmt, 1);
      e->dfq_time = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->lot = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->operator_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->station = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      e->serial = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (rows, e);
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* Reads an AQDEF file written in K-field form back into the part fields, the characteristic
 * fields (by number) and the value records, failing on anything a Q-DAS reader would refuse. */
typedef struct
{
  GHashTable *fields;        /* "K1001" or "K2002/3" -> text */
  GPtrArray  *values;        /* Expected, characteristic = its number as text */
} Dfq;

static void
dfq_clear (Dfq *dfq)
{
  g_clear_pointer (&dfq->fields, g_hash_table_unref);
  g_clear_pointer (&dfq->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dfq, dfq_clear)

static void
parse_dfq (const char *text,
           Dfq        *dfq)
{
  static const char * const allowed[] = {
    "K0100", "K1001", "K1002", "K2001", "K2002", "K2004", "K2022", "K2101", "K2110", "K2111", "K2142", "K8500",
    "K0001", "K0004", "K0006", "K0008", "K0010", "K0014", NULL,
  };
  g_auto(GStrv) lines = NULL;
  Expected *current = NULL;
  gsize length = strlen (text);

  /* Every line ends with CR LF, and there is no bare LF. */
  g_assert_cmpuint (length, >, 2);
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      g_assert_cmpint (text[i - 1], ==, '\r');

  dfq->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dfq->values = g_ptr_array_new_with_free_func (expected_free);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *space = strchr (lines[i], ' ');
      g_autofree char *key = NULL;
      g_autofree char *field = NULL;
      const char *slash;
      const char *value;

      g_assert_nonnull (space);
      key = g_strndup (lines[i], space - lines[i]);
      value = space + 1;
      slash = strchr (key, '/');
      field = slash != NULL ? g_strndup (key, slash - key) : g_strdup (key);
      g_assert_true (g_strv_contains (allowed, field));

      if (g_str_equal (field, "K0001"))
        {
          char *end = NULL;

          current = g_new0 (Expected, 1);
          g_assert_nonnull (slash);
          current->characteristic = g_strdup (slash + 1);
          current->value = g_ascii_strtod (value, &end);
          g_assert_cmpint (*end, ==, '\0');
          g_ptr_array_add (dfq->values, current);
        }
      else if (g_str_has_prefix (field, "K00"))
        {
          /* A value attribute belongs to the value just given, of the same characteristic. */
          g_assert_nonnull (current);
          g_assert_cmpstr (slash + 1, ==, current->characteristic);
          if (g_str_equal (field, "K0004"))
            current->dfq_time = g_strdup (value);
          else if (g_str_equal (field, "K0006"))
            current->lot = g_strdup (value);
          else if (g_str_equal (field, "K0008"))
            current->operator_name = g_strdup (value);
          else if (g_str_equal (field, "K0010"))
            current->station = g_strdup (value);
          else
            current->serial = g_strdup (value);
        }
      else
        {
          g_assert_null (current);   /* descriptions come before the values */
          g_hash_table_insert (dfq->fields, g_steal_pointer (&key), g_strdup (value));
        }
    }
}

static void
test_dfq_lot (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  g_autoptr(GPtrArray) expected = query_expected (fixture->store, LC_DEMO_BUSHING, "l.code = 'A-103'");
  LcExportRange range = LC_EXPORT_RANGE_ALL;
  g_autofree char *text = NULL;
  g_auto(Dfq) dfq = { 0 };
  guint n_records = 0;

  range.lot = "A-103";
  text = lc_export_to_string (fixture->store, part, &range, LC_EXPORT_DFQ, &n_records, &error);
  g_assert_no_error (error);
  parse_dfq (text, &dfq);

  /* The header a Q-DAS reader needs first: how many characteristics the file describes,
   * each with its number, description and type (0: variable). */
  g_assert_true (g_str_has_prefix (text, "K0100 4\r\nK1001 BSH-2040\r\n"));
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *number = g_strdup_printf ("K2001/%u", i);
      g_autofree char *type = g_strdup_printf ("K2004/%u", i);

      g_assert_nonnull (g_hash_table_lookup (dfq.fields, number));
      g_assert_cmpstr (g_hash_table_lookup (dfq.fields, type), ==, "0");
    }
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K1001"), ==, "BSH-2040");
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K1002"), ==, "Turned bushing");
  /* The demo's bushing: outer diameter 20.000 (19.980 … 20.020) mm, 3 decimals, n = 5;
   * runout is one-sided, so it has an upper limit and neither nominal nor lower limit. */
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K2002/1"), ==, "Outer diameter");
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K2022/1"), ==, "3");
  g_assert_cmpfloat (g_ascii_strtod (g_hash_table_lookup (dfq.fields, "K2101/1"), NULL), ==, 20.0);
  g_assert_cmpfloat (g_ascii_strtod (g_hash_table_lookup (dfq.fields, "K2110/1"), NULL), ==, 19.98);
  g_assert_cmpfloat (g_ascii_strtod (g_hash_table_lookup (dfq.fields, "K2111/1"), NULL), ==, 20.02);
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K2142/1"), ==, "mm");
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K8500/1"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K2002/4"), ==, "Runout");
  g_assert_cmpstr (g_hash_table_lookup (dfq.fields, "K8500/4"), ==, "1");
  g_assert_null (g_hash_table_lookup (dfq.fields, "K2110/4"));
  g_assert_null (g_hash_table_lookup (dfq.fields, "K2101/4"));
  g_assert_cmpfloat (g_ascii_strtod (g_hash_table_lookup (dfq.fields, "K2111/4"), NULL), ==, 0.01);
  g_assert_null (g_hash_table_lookup (dfq.fields, "K2002/5"));

  /* Every measurement of the lot, in order, with its own time, lot, operator, station, serial. */
  g_assert_cmpuint (expected->len, >, 4 * 200);
  g_assert_cmpuint (dfq.values->len, ==, expected->len);
  g_assert_cmpuint (n_records, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *want = g_ptr_array_index (expected, i);
      Expected *got = g_ptr_array_index (dfq.values, i);
      g_autofree char *name_key = g_strdup_printf ("K2002/%s", got->characteristic);

      g_assert_cmpstr (g_hash_table_lookup (dfq.fields, name_key), ==, want->characteristic);
      g_assert_cmpfloat (got->value, ==, want->value);
      g_assert_cmpstr (got->dfq_time, ==, want->dfq_time);
      g_assert_cmpstr (got->lot, ==, "A-103");
      g_assert_cmpstr (got->operator_name, ==, want->operator_name);
      g_assert_cmpstr (got->station, ==, want->station);
      g_assert_cmpstr (got->serial, ==, want->serial);
    }
}

static void
test_dfq_leaves_out_superseded (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  LcExportRange range = LC_EXPORT_RANGE_ALL;
  g_autofree char *dfq_text = NULL;
  g_autofree char *csv_text = NULL;
  g_auto(Dfq) dfq = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  gint64 n_lot, n_superseded = 0;

  /* A re-measured reading of lot A-101 stays on record but is no longer a valid value. */
  g_assert_true (lc_store_exec (fixture->store,
                                "UPDATE measurement SET superseded = 1, reason = 'gauge not zeroed'"
                                " WHERE id = (SELECT min(m.id) FROM measurement m"
                                " JOIN inspection i ON i.id = m.inspection_id JOIN lot l ON l.id = i.lot_id"
                                " WHERE l.code = 'A-101')", &error));
  g_assert_no_error (error);
  n_lot = lc_test_query_int (fixture->store, "SELECT count(*) FROM measurement m JOIN inspection i"
                                             " ON i.id = m.inspection_id JOIN lot l ON l.id = i.lot_id"
                                             " WHERE l.code = 'A-101'");
  range.lot = "A-101";
  dfq_text = lc_export_to_string (fixture->store, part, &range, LC_EXPORT_DFQ, NULL, &error);
  g_assert_no_error (error);
  parse_dfq (dfq_text, &dfq);
  g_assert_cmpuint (dfq.values->len, ==, n_lot - 1);

  csv_text = lc_export_to_string (fixture->store, part, &range, LC_EXPORT_MEASUREMENTS_CSV, NULL, &error);
  g_assert_no_error (error);
  records = lc_csv_parse (csv_text, strlen (csv_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, n_lot + 1);
  for (guint i = 1; i < records->len; i++)
    {
      LcCsvRecord *record = g_ptr_array_index (records, i);
      if (g_str_equal (record->fields[13], "yes"))
        {
          n_superseded++;
          g_assert_cmpstr (record->fields[14], ==, "gauge not zeroed");
        }
    }
  g_assert_cmpint (n_superseded, ==, 1);
}

static void
test_cli_csv_measurements (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "b-104.csv", NULL);
  g_autoptr(GPtrArray) expected = query_expected (fixture->store, LC_DEMO_BRACKET, "l.code = 'B-104'");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  LcCsvRecord *header;

  g_clear_object (&fixture->store);
  run_cli (&run, fixture->path, "export", "csv", "--part", LC_DEMO_BRACKET, "--lot", "B-104", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "measurements"));

  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  records = lc_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  header = g_ptr_array_index (records, 0);
  g_assert_cmpstr (header->fields[1], ==, "serial");
  g_assert_cmpstr (header->fields[6], ==, "characteristic");
  g_assert_cmpstr (header->fields[7], ==, "value");
  g_assert_cmpuint (records->len, ==, expected->len + 1);
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *want = g_ptr_array_index (expected, i);
      LcCsvRecord *got = g_ptr_array_index (records, i + 1);

      g_assert_cmpuint (got->n_fields, ==, header->n_fields);
      g_assert_cmpstr (got->fields[1], ==, want->serial);
      g_assert_cmpstr (got->fields[2], ==, "B-104");
      g_assert_cmpstr (got->fields[3], ==, want->operator_name);
      g_assert_cmpstr (got->fields[4], ==, want->station);
      g_assert_cmpstr (got->fields[6], ==, want->characteristic);
      g_assert_cmpfloat (g_ascii_strtod (got->fields[7], NULL), ==, want->value);
    }
}

/* The demo has one bench; a second one inspects every third bushing, so that a station
 * filter has something to leave out. */
static void
move_to_second_bench (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_store_exec (fixture->store,
                                "UPDATE inspection SET station = 'Bench 2' WHERE id % 3 = 0 AND part_type_id ="
                                " (SELECT id FROM part_type WHERE code = 'BSH-2040')", &error));
  g_assert_no_error (error);
}

#define ANNA_ON_BENCH_2 "o.name = 'Anna Kowalski' AND i.station = 'Bench 2'"

/* The dashboard's operator and station filters: a DFQ export of what Anna Kowalski measured
 * on Bench 2 holds exactly those measurements, none of anyone else's or another bench's. */
static void
test_dfq_operator_station (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, &error);
  g_autoptr(GPtrArray) expected = NULL;
  LcExportRange range = LC_EXPORT_RANGE_ALL;
  g_autofree char *text = NULL;
  g_auto(Dfq) dfq = { 0 };
  gint64 n_all;

  move_to_second_bench (fixture);
  expected = query_expected (fixture->store, LC_DEMO_BUSHING, ANNA_ON_BENCH_2);
  n_all = lc_test_query_int (fixture->store, "SELECT count(*) FROM measurement m JOIN inspection i"
                                             " ON i.id = m.inspection_id WHERE i.part_type_id ="
                                             " (SELECT id FROM part_type WHERE code = 'BSH-2040')");
  g_assert_cmpuint (expected->len, >, 100);
  g_assert_cmpint (expected->len, <, n_all / 3);

  range.operator_name = "Anna Kowalski";
  range.station = "Bench 2";
  text = lc_export_to_string (fixture->store, part, &range, LC_EXPORT_DFQ, NULL, &error);
  g_assert_no_error (error);
  parse_dfq (text, &dfq);
  g_assert_cmpuint (dfq.values->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *want = g_ptr_array_index (expected, i);
      Expected *got = g_ptr_array_index (dfq.values, i);

      g_assert_cmpfloat (got->value, ==, want->value);
      g_assert_cmpstr (got->serial, ==, want->serial);
      g_assert_cmpstr (got->operator_name, ==, "Anna Kowalski");
      g_assert_cmpstr (got->station, ==, "Bench 2");
    }
}

/* linecheck-cli export csv --operator --station: exactly the filtered rows, in order; a
 * name that is not there is refused in words, and no file is written. */
static void
test_cli_csv_operator_station (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "anna-bench-2.csv", NULL);
  g_autofree char *never = g_build_filename (fixture->dir, "never.csv", NULL);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  gint64 n_inspections;

  move_to_second_bench (fixture);
  expected = query_expected (fixture->store, LC_DEMO_BUSHING, ANNA_ON_BENCH_2);
  n_inspections = lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection i JOIN operator o"
                                                     " ON o.id = i.operator_id WHERE " ANNA_ON_BENCH_2
                                                     " AND i.part_type_id = (SELECT id FROM part_type"
                                                     " WHERE code = 'BSH-2040')");
  g_assert_cmpint (n_inspections, >, 0);
  g_clear_object (&fixture->store);

  run_cli (&run, fixture->path, "export", "csv", "--part", LC_DEMO_BUSHING, "--operator", "Anna Kowalski",
           "--station", "Bench 2", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  records = lc_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, expected->len + 1);
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *want = g_ptr_array_index (expected, i);
      LcCsvRecord *got = g_ptr_array_index (records, i + 1);

      g_assert_cmpstr (got->fields[1], ==, want->serial);
      g_assert_cmpstr (got->fields[3], ==, "Anna Kowalski");
      g_assert_cmpstr (got->fields[4], ==, "Bench 2");
      g_assert_cmpstr (got->fields[6], ==, want->characteristic);
      g_assert_cmpfloat (g_ascii_strtod (got->fields[7], NULL), ==, want->value);
    }

  /* The inspections CSV follows the same filters. */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  run_cli (&run, fixture->path, "export", "csv", "--records", "inspections", "--part", LC_DEMO_BUSHING,
           "--operator", "Anna Kowalski", "--station", "Bench 2", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  records = lc_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (records->len, ==, n_inspections + 1);

  run_cli (&run, fixture->path, "export", "csv", "--part", LC_DEMO_BUSHING, "--operator", "Nobody",
           "--out", never, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no operator called “Nobody”"));
  run_clear (&run);
  run_cli (&run, fixture->path, "export", "dfq", "--part", LC_DEMO_BUSHING, "--station", "Bench 9",
           "--out", never, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "inspected at station “Bench 9”"));
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
}

static void
test_cli_csv_inspections_time_range (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "inspections.csv", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  gint64 expected, failed = 0;

  /* From 2026-11-16 00:00 to the end of 2026-11-18, local time, as typed at the station. */
  expected = lc_test_query_int (fixture->store,
                                "SELECT count(*) FROM inspection i JOIN part_type p ON p.id = i.part_type_id"
                                " WHERE p.code = 'CAP-0032' AND date (i.recorded_at / 1000000, 'unixepoch',"
                                " 'localtime') BETWEEN '2026-11-16' AND '2026-11-18'");
  g_assert_cmpint (expected, >, 0);
  g_clear_object (&fixture->store);
  run_cli (&run, fixture->path, "export", "csv", "--records", "inspections", "--part", LC_DEMO_CAP,
           "--from", "2026-11-16", "--to", "2026-11-18", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, &error));
  records = lc_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (records->len, ==, expected + 1);
  for (guint i = 1; i < records->len; i++)
    {
      LcCsvRecord *record = g_ptr_array_index (records, i);

      g_assert_true (g_str_has_prefix (record->fields[6], "2026-11-1"));
      g_assert_cmpstr (record->fields[6], >=, "2026-11-16");
      g_assert_cmpstr (record->fields[6], <, "2026-11-19");
      g_assert_true (g_str_has_prefix (record->fields[1], record->fields[2]));
      if (g_str_equal (record->fields[7], "fail"))
        failed++;
    }
  g_assert_cmpint (failed, >, 0);
}

static void
test_cli_refusals (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "never.dfq", NULL);

  g_clear_object (&fixture->store);
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, fixture->path, "export", "dfq", "--part", LC_DEMO_BUSHING, "--lot", "B-104", "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "has no lot “B-104”"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, fixture->path, "export", "dfq", "--part", "NOPE-1", "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "NOPE-1"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, fixture->path, "export", "dfq", "--part", LC_DEMO_BUSHING, "--from", "yesterday", "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“yesterday” is not a date"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, fixture->path, "export", "dfq", "--part", LC_DEMO_BUSHING, "--from", "2030-01-01",
             "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nothing to export"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, fixture->path, "export", "xls", "--part", LC_DEMO_BUSHING, "--out", out, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_parse_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 11, 20, 0, 0, 0.0);
  g_autoptr(GDateTime) six = g_date_time_new_local (2026, 11, 20, 6, 30, 0.0);
  gint64 t = 0;

  g_assert_true (lc_export_parse_time ("2026-11-20", FALSE, &t, &error));
  g_assert_cmpint (t, ==, g_date_time_to_unix (start) * G_USEC_PER_SEC);
  g_assert_true (lc_export_parse_time ("2026-11-20", TRUE, &t, &error));
  g_assert_cmpint (t, ==, (g_date_time_to_unix (start) + 86400) * G_USEC_PER_SEC - 1);
  g_assert_true (lc_export_parse_time ("2026-11-20 06:30", FALSE, &t, &error));
  g_assert_cmpint (t, ==, g_date_time_to_unix (six) * G_USEC_PER_SEC);
  g_assert_true (lc_export_parse_time ("2026-11-20T06:30:00Z", FALSE, &t, &error));
  g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1795156200) * G_USEC_PER_SEC);
  g_assert_false (lc_export_parse_time ("20.11.2026", FALSE, &t, &error));
  g_assert_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_TIME);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/parse-time", test_parse_time);
  g_test_add ("/export/dfq/lot-values-match-database", StoreFixture, NULL, demo_fixture_set_up,
              test_dfq_lot, store_fixture_tear_down);
  g_test_add ("/export/dfq/superseded-left-out-csv-flags-them", StoreFixture, NULL, demo_fixture_set_up,
              test_dfq_leaves_out_superseded, store_fixture_tear_down);
  g_test_add ("/export/cli/csv-measurements-of-a-lot", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_csv_measurements, store_fixture_tear_down);
  g_test_add ("/export/cli/csv-inspections-of-a-time-range", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_csv_inspections_time_range, store_fixture_tear_down);
  g_test_add ("/export/dfq/operator-and-station", StoreFixture, NULL, demo_fixture_set_up,
              test_dfq_operator_station, store_fixture_tear_down);
  g_test_add ("/export/cli/csv-of-an-operator-at-a-station", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_csv_operator_station, store_fixture_tear_down);
  g_test_add ("/export/cli/refuses-bad-input-and-writes-nothing", StoreFixture, NULL, demo_fixture_set_up,
              test_cli_refusals, store_fixture_tear_down);

  return g_test_run ();
}

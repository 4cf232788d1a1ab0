/* SPC at factory scale (issue 2): fills a database with 10 million measurements over 20
 * characteristics (500 000 inspections of one part type, subgroups of 5), then prints the
 * time to compute the dashboard (every tile: the last 50 subgroups, limits, rules, Cpk) and
 * one full chart of the last 1000 subgroups. Targets: ≤ 300 ms dashboard, ≤ 50 ms chart on
 * two cores.
 *
 * Usage: lc-bench-spc [BUILD_DIR] [--db PATH] [--inspections N] [--repeat N]
 * The database is kept (default /tmp/lc-bench-spc.db) and reused when it already holds the
 * data, so the figures can be measured again without filling it again. */

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "lc-spc-dashboard.h"
#include "lc-spc-series.h"
#include "lc-store.h"

#define N_CHARACTERISTICS 20
#define SUBGROUP_SIZE 5

static gboolean
exec (LcStore    *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!lc_store_exec (store, sql, &error))
    {
      g_printerr ("%s: %s\n", sql, error->message);
      return FALSE;
    }
  return TRUE;
}

static gint64
count_measurements (LcStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (lc_store_get_db (store), "SELECT COUNT(*) FROM measurement", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
fill (LcStore *store,
      guint    n_inspections)
{
  sqlite3 *db = lc_store_get_db (store);
  sqlite3_stmt *inspection = NULL, *measurement = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2040);
  gint64 characteristic_ids[N_CHARACTERISTICS];
  gint64 start = g_get_monotonic_time (), t0 = 1700000000LL * G_USEC_PER_SEC;

  if (!exec (store, "BEGIN") ||
      !exec (store, "INSERT INTO part_type (code, name, created_at, updated_at) VALUES ('BENCH-1', 'Bench part', 0, 0)") ||
      !exec (store, "INSERT INTO operator (name, role, created_at) VALUES ('Bench', 'operator', 0)"))
    return FALSE;
  for (guint lot = 0; lot < 100; lot++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO lot (part_type_id, code, started_at) VALUES (1, 'L-%03u', 0)", lot);
      if (!exec (store, sql))
        return FALSE;
    }
  for (guint c = 0; c < N_CHARACTERISTICS; c++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO characteristic (part_type_id, position, name, lsl, usl, nominal,"
                                              " subgroup_size, rules) VALUES (1, %u, 'Dimension %02u', %g, %g, %g, %d, 'nelson')",
                                              c, c + 1, 10.0 * (c + 1) - 0.1, 10.0 * (c + 1) + 0.1, 10.0 * (c + 1), SUBGROUP_SIZE);
      if (!exec (store, sql))
        return FALSE;
      characteristic_ids[c] = lc_store_last_insert_id (store);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO inspection (part_type_id, lot_id, serial, operator_id, station, started_at,"
                          " recorded_at, verdict) VALUES (1, ?1, ?2, 1, 'Bench 1', ?3, ?3, 'pass')", -1, &inspection, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO measurement (inspection_id, characteristic_id, value, measured_at)"
                          " VALUES (?1, ?2, ?3, ?4)", -1, &measurement, NULL);
  for (guint i = 0; i < n_inspections; i++)
    {
      char serial[32];
      gint64 at = t0 + (gint64) i * 30 * G_USEC_PER_SEC, id;

      g_snprintf (serial, sizeof serial, "SN-%07u", i + 1);
      sqlite3_bind_int64 (inspection, 1, 1 + (i * 100) / n_inspections);
      sqlite3_bind_text (inspection, 2, serial, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (inspection, 3, at);
      if (sqlite3_step (inspection) != SQLITE_DONE)
        goto fail;
      sqlite3_reset (inspection);
      id = sqlite3_last_insert_rowid (db);
      for (guint c = 0; c < N_CHARACTERISTICS; c++)
        {
          /* Normal noise (Box-Muller), σ = 0.02 around the nominal. */
          double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
          double z = sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);
          sqlite3_bind_int64 (measurement, 1, id);
          sqlite3_bind_int64 (measurement, 2, characteristic_ids[c]);
          sqlite3_bind_double (measurement, 3, 10.0 * (c + 1) + 0.02 * z);
          sqlite3_bind_int64 (measurement, 4, at);
          if (sqlite3_step (measurement) != SQLITE_DONE)
            goto fail;
          sqlite3_reset (measurement);
        }
      if ((i + 1) % 100000 == 0)
        g_print ("  %u inspections, %.0f s\n", i + 1, (g_get_monotonic_time () - start) / 1e6);
    }
  sqlite3_finalize (inspection);
  sqlite3_finalize (measurement);
  if (!exec (store, "COMMIT") || !exec (store, "ANALYZE"))
    return FALSE;
  g_print ("filled %u inspections, %u measurements in %.1f s\n", n_inspections,
           n_inspections * N_CHARACTERISTICS, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;

fail:
  g_printerr ("insert failed: %s\n", sqlite3_errmsg (db));
  sqlite3_finalize (inspection);
  sqlite3_finalize (measurement);
  return FALSE;
}

/* CPU time of this thread: on a shared, loaded machine the wall clock also counts the time
 * other processes held the cores; both are printed. */
static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
report (const char *what,
        double     *ms,
        double     *cpu,
        guint       n,
        double      target)
{
  double first = ms[0], first_cpu = cpu[0];

  qsort (ms, n, sizeof (double), compare_doubles);
  qsort (cpu, n, sizeof (double), compare_doubles);
  g_print ("%-36s wall: first %6.1f median %6.1f max %6.1f ms; CPU: first %6.1f median %6.1f ms (target ≤ %.0f ms)\n",
           what, first, ms[n / 2], ms[n - 1], first_cpu, cpu[n / 2], target);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  int n_inspections = 500000, repeat = 10;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database to fill or reuse", "PATH" },
    { "inspections", 0, 0, G_OPTION_ARG_INT, &n_inspections, "Inspections (20 measurements each)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Timed repetitions", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[BUILD_DIR]");
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree double *dashboard_ms = NULL, *chart_ms = NULL, *dashboard_cpu = NULL, *chart_cpu = NULL;
  gint64 want;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    db_path = g_build_filename (g_get_tmp_dir (), "lc-bench-spc.db", NULL);
  want = (gint64) n_inspections * N_CHARACTERISTICS;

  if ((store = lc_store_open (db_path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (count_measurements (store) != want)
    {
      g_clear_object (&store);
      g_unlink (db_path);
      if ((store = lc_store_open (db_path, &error)) == NULL || !fill (store, n_inspections))
        return 1;
    }
  g_print ("database %s: %" G_GINT64_FORMAT " measurements, %d characteristics, subgroups of %d\n",
           db_path, count_measurements (store), N_CHARACTERISTICS, SUBGROUP_SIZE);

  dashboard_ms = g_new (double, repeat);
  chart_ms = g_new (double, repeat);
  dashboard_cpu = g_new (double, repeat);
  chart_cpu = g_new (double, repeat);
  for (int r = 0; r < repeat; r++)
    {
      g_autoptr(LcSpcDashboard) dashboard = NULL;
      g_autoptr(LcSpcChart) chart = NULL;
      LcSpcFilter filter;
      gint64 t = g_get_monotonic_time ();
      double c = cpu_ms ();

      dashboard = lc_spc_dashboard_compute (store, 1, NULL, 50, &error);
      dashboard_ms[r] = (g_get_monotonic_time () - t) / 1000.0;
      dashboard_cpu[r] = cpu_ms () - c;
      if (dashboard == NULL || dashboard->n_tiles != N_CHARACTERISTICS || dashboard->tiles[0].chart == NULL)
        {
          g_printerr ("dashboard failed: %s\n", error != NULL ? error->message : "no chart");
          return 1;
        }

      lc_spc_filter_init (&filter);
      filter.last_subgroups = 1000;
      t = g_get_monotonic_time ();
      c = cpu_ms ();
      chart = lc_spc_chart_load (store, N_CHARACTERISTICS / 2, &filter, NULL, &error);
      chart_ms[r] = (g_get_monotonic_time () - t) / 1000.0;
      chart_cpu[r] = cpu_ms () - c;
      if (chart == NULL || chart->n_points != 1000)
        {
          g_printerr ("chart failed: %s\n", error != NULL ? error->message : "wrong size");
          return 1;
        }
    }
  report ("dashboard, 20 tiles of 50 subgroups", dashboard_ms, dashboard_cpu, repeat, 300);
  report ("one chart, last 1000 subgroups", chart_ms, chart_cpu, repeat, 50);
  return 0;
}

#include "lc-config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "lc-demo.h"
#include "lc-spc-alarms.h"
#include "lc-store.h"

/* How long creating the demo database takes (a first start with --demo waits for it), and
 * what its history holds: inspections, out-of-spec events and the run-rule alarms the live
 * system would have raised. Usage: lc-bench-demo [ROUNDS [KEEP.db]]: with KEEP.db the last
 * round's database is kept there to look at. */

static gint64
count (LcStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) MAX (atoi (argv[1]), 1) : 3;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double replay_ms = 0.0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *dir = g_dir_make_tmp ("lc-bench-demo-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LcStore) store = lc_store_open (path, &error);
      gint64 start;
      double ms;

      if (store == NULL)
        g_error ("%s", error->message);
      start = g_get_monotonic_time ();
      if (!lc_demo_seed (store, lc_store_now (), &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      /* The replay alone: a second pass judges every point again and adds nothing. */
      {
        sqlite3_stmt *parts = lc_store_prepare (store, "SELECT id FROM part_type", NULL);
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

        while (parts != NULL && sqlite3_step (parts) == SQLITE_ROW)
          g_array_append_val (ids, (gint64) { sqlite3_column_int64 (parts, 0) });
        if (parts != NULL)
          sqlite3_reset (parts);
        start = g_get_monotonic_time ();
        for (guint i = 0; i < ids->len; i++)
          if (!lc_spc_alarms_evaluate_history (store, g_array_index (ids, gint64, i), NULL, &error))
            g_error ("%s", error->message);
        replay_ms += (g_get_monotonic_time () - start) / 1000.0 / rounds;
      }
      if (round == rounds - 1)
        printf ("demo history: %" G_GINT64_FORMAT " inspections, %" G_GINT64_FORMAT " out-of-spec events, "
                "%" G_GINT64_FORMAT " run-rule alarms\n",
                count (store, "SELECT count(*) FROM inspection"),
                count (store, "SELECT count(*) FROM event WHERE kind = '" LC_SPC_ALARM_OUT_OF_SPEC "'"),
                count (store, "SELECT count(*) FROM event WHERE kind = '" LC_SPC_ALARM_RULE "'"));
      g_clear_object (&store);
      if (round == rounds - 1 && argc > 2 && g_rename (path, argv[2]) != 0)
        g_printerr ("cannot keep the database as %s\n", argv[2]);
      remove_tree (dir);
    }
  g_array_sort (times, compare_double);
  printf ("demo creation (lc_demo_seed), median of %u: %.0f ms (min %.0f, max %.0f)\n", rounds,
          g_array_index (times, double, rounds / 2), g_array_index (times, double, 0),
          g_array_index (times, double, rounds - 1));
  printf ("of which the run-rule replay (lc_spc_alarms_evaluate_history, every part type), mean: %.0f ms\n",
          replay_ms);
  return 0;
}

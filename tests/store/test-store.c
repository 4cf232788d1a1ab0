#include "lc-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lc-audit.h"
#include "lc-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("lc-test-store-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "sub", "linecheck.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
query_int (LcStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (LcStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_new_database_is_at_latest_schema (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);
  g_autofree char *journal = NULL;
  g_autofree char *images = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (lc_store_get_schema_version (store), ==, lc_store_latest_schema_version ());
  g_assert_cmpint (lc_store_latest_schema_version (), >=, 2);

  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  /* FULL = 2: a commit is on disk before it is reported. */
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2);

  images = lc_store_get_images_dir (store);
  g_assert_true (g_str_has_prefix (images, fixture->dir));
  g_assert_true (g_str_has_suffix (images, "sub/images"));

  /* Every table of the data model is there. */
  for (guint i = 0; i < 17; i++)
    {
      static const char * const tables[] = {
        "part_type", "characteristic", "defect_class", "lot", "inspection", "measurement", "image",
        "annotation", "model", "device", "channel", "operator", "event", "audit", "camera",
        "control_limits", "lot"
      };
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                              " AND name = '%s'", tables[i]);
      g_assert_cmpint (query_int (store, sql), ==, 1);
    }
}

static void
test_foreign_keys_are_enforced (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_false (lc_store_exec (store,
                                 "INSERT INTO characteristic (part_type_id, name) VALUES (4242, 'Orphan')",
                                 &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM characteristic"), ==, 0);
}

/* A database written by the first release (schema 1, from a committed SQL dump) opens,
 * upgrades to the latest schema, keeps every record, and leaves a backup of itself. */
static void
test_upgrade_from_schema_1 (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *dump_path = g_build_filename (g_getenv ("LC_SOURCE_ROOT"), "tests", "store", "data",
                                                 "schema-v1.sql", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rules = NULL;
  sqlite3 *db = NULL;
  g_autoptr(LcStore) store = NULL;

  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *parent = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lc_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_store_get_schema_version (store), ==, lc_store_latest_schema_version ());

  name = query_text (store, "SELECT name FROM part_type WHERE code = 'OLD-1'");
  g_assert_cmpstr (name, ==, "Shaft from the old schema");
  g_assert_cmpfloat_with_epsilon (query_int (store, "SELECT value * 1000 FROM measurement WHERE id = 1"),
                                  10004, 0.5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspection"), ==, 1);
  /* Columns added by later migrations got their defaults. */
  rules = query_text (store, "SELECT rules FROM characteristic WHERE id = 1");
  g_assert_cmpstr (rules, ==, "nelson");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM control_limits"), ==, 0);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_key_check"), ==, -1);

  backup = g_strdup_printf ("%s.schema-1.bak", fixture->path);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
}

static void
test_newer_schema_is_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);
  g_autoptr(LcStore) again = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", lc_store_latest_schema_version () + 1);

  g_assert_no_error (error);
  g_assert_true (lc_store_exec (store, sql, &error));
  g_clear_object (&store);

  again = lc_store_open (fixture->path, &error);
  g_assert_null (again);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer Linecheck"));
}

static void
test_not_a_database_is_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, "This is a shopping list, not a database.\n"
                                      "Eggs, milk, M6 bolts.\n", -1, NULL));
  store = lc_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->code == LC_STORE_ERROR_CORRUPT || error->code == LC_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

static void
test_nested_transactions_commit_once (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);

  g_assert_true (lc_store_begin (store, &error));
  g_assert_true (lc_store_exec (store, "INSERT INTO operator (name, role, created_at) VALUES ('A', 'operator', 1)", &error));
  g_assert_true (lc_store_begin (store, &error));
  g_assert_true (lc_store_exec (store, "INSERT INTO operator (name, role, created_at) VALUES ('B', 'lead', 1)", &error));
  g_assert_true (lc_store_commit (store, &error));
  /* The inner commit wrote nothing yet: a rollback now undoes both. */
  lc_store_rollback (store);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM operator"), ==, 0);
}

static void
on_changed (LcStore    *store,
            const char *table,
            gint64      id,
            gpointer    user_data)
{
  *(gint64 *) user_data = id;
}

static gpointer
notify_from_thread (gpointer store)
{
  lc_store_notify_changed (store, "inspection", 42);
  return NULL;
}

static void
test_changed_from_worker_thread (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);
  GThread *thread;
  gint64 seen = 0;
  gint64 other = 0;

  g_signal_connect (store, "changed::inspection", G_CALLBACK (on_changed), &seen);
  g_signal_connect (store, "changed::part_type", G_CALLBACK (on_changed), &other);
  thread = g_thread_new ("worker", notify_from_thread, store);
  g_thread_join (thread);
  /* Delivered on the store's main context, not on the worker. */
  g_assert_cmpint (seen, ==, 0);
  while (seen == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (seen, ==, 42);
  g_assert_cmpint (other, ==, 0);
}

static void
test_audit_chain_detects_tampering (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (fixture->path, &error);
  gint64 broken = -1;
  guint n = 0;

  lc_store_set_actor (store, 0, "Zhang Min");
  g_assert_true (lc_audit_record (store, "characteristic", 7, "update", "{\"usl\":20.02}", "{\"usl\":20.03}",
                                  "drawing rev D", &error));
  g_assert_true (lc_audit_record (store, "characteristic", 7, "update", "{\"usl\":20.03}", "{\"usl\":20.02}",
                                  NULL, &error));
  g_assert_true (lc_audit_record (store, "part_type", 1, "archive", NULL, "BSH-2040", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (lc_audit_verify (store, &n, &broken, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (broken, ==, 0);

  /* Someone edits the second entry in the file, hoping nobody notices. */
  g_assert_true (lc_store_exec (store, "UPDATE audit SET new_value = '{\"usl\":20.05}' WHERE id = 2", &error));
  g_assert_true (lc_audit_verify (store, &n, &broken, &error));
  g_assert_cmpint (broken, ==, 2);

  /* Deleting an entry breaks the chain at the next one. */
  g_assert_true (lc_store_exec (store, "UPDATE audit SET new_value = '{\"usl\":20.02}' WHERE id = 2;"
                                       "DELETE FROM audit WHERE id = 1", &error));
  g_assert_true (lc_audit_verify (store, &n, &broken, &error));
  g_assert_cmpint (broken, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/open/new-database-is-at-latest-schema", Fixture, NULL, fixture_set_up,
              test_new_database_is_at_latest_schema, fixture_tear_down);
  g_test_add ("/store/open/foreign-keys-are-enforced", Fixture, NULL, fixture_set_up,
              test_foreign_keys_are_enforced, fixture_tear_down);
  g_test_add ("/store/migrations/upgrade-from-schema-1-keeps-records", Fixture, NULL, fixture_set_up,
              test_upgrade_from_schema_1, fixture_tear_down);
  g_test_add ("/store/open/newer-schema-is-refused", Fixture, NULL, fixture_set_up,
              test_newer_schema_is_refused, fixture_tear_down);
  g_test_add ("/store/open/not-a-database-is-refused-with-its-path", Fixture, NULL, fixture_set_up,
              test_not_a_database_is_refused, fixture_tear_down);
  g_test_add ("/store/transactions/nested-commit-once", Fixture, NULL, fixture_set_up,
              test_nested_transactions_commit_once, fixture_tear_down);
  g_test_add ("/store/changed/delivered-on-main-context", Fixture, NULL, fixture_set_up,
              test_changed_from_worker_thread, fixture_tear_down);
  g_test_add ("/store/audit/chain-detects-tampering", Fixture, NULL, fixture_set_up,
              test_audit_chain_detects_tampering, fixture_tear_down);

  return g_test_run ();
}

#include "lc-config.h"

#include <string.h>
#include <sys/wait.h>

#include "lc-backup.h"
#include "lc-operator.h"
#include "lc-part-type.h"
#include "test-helpers.h"

/* Backups taken while another connection keeps writing (as the app does), restored over a
 * database that moved on, and a file that is no backup refused without touching anything. */

typedef struct
{
  const char *path;
  gint64      part_id;
  gint        stop;
  guint       written;
} Writer;

static gpointer
write_lots (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (writer->path, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop) || writer->written < 20)
    {
      sqlite3_stmt *stmt = lc_store_prepare (store, "INSERT INTO lot (part_type_id, code, started_at)"
                                                    " VALUES (?, ?, ?)", &error);
      g_autofree char *code = g_strdup_printf ("L%u", writer->written);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, writer->part_id);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, lc_store_now ());
      g_assert_true (lc_store_step_done (store, stmt, &error));
      writer->written++;
    }
  return NULL;
}

static gint64
query_file_int (const char *path,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);

  g_assert_no_error (error);
  return lc_test_query_int (store, sql);
}

static gint64
save_part (LcStore    *store,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_new (code, "Bushing");

  g_assert_true (lc_part_type_save (part, store, &error));
  g_assert_no_error (error);
  return lc_part_type_get_id (part);
}

static void
test_backup_while_writing_and_restore (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image_dir = g_build_filename (fixture->dir, "images", "ab", NULL);
  g_autofree char *image = g_build_filename (image_dir, "abcdef.png", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *copied_image = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  Writer writer = { fixture->path, 0, 0, 0 };
  GThread *thread;
  gint64 in_backup;
  guint n_files = 0;

  writer.part_id = save_part (fixture->store, "BSH-1");
  g_assert_cmpint (g_mkdir_with_parents (image_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (image, "not really a PNG", -1, NULL));

  thread = g_thread_new ("writer", write_lots, &writer);
  while (g_atomic_int_get (&writer.written) < 5)
    g_usleep (1000);
  g_assert_true (lc_backup_write (fixture->store, backup, &n_files, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  /* A consistent snapshot: whole, with the lots written before it and none half. */
  g_assert_cmpint (n_files, ==, 1);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS) &&
                  g_file_test (g_strconcat (backup, ".part", NULL), G_FILE_TEST_EXISTS));
  in_backup = query_file_int (backup, "SELECT count(*) FROM lot");
  g_test_message ("%" G_GINT64_FORMAT " of %u lots in the backup", in_backup, writer.written);
  g_assert_cmpint (in_backup, >=, 5);
  g_assert_cmpint (in_backup, <=, writer.written);
  g_assert_cmpint (query_file_int (backup, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  copied_image = g_build_filename (fixture->dir, "backup.db.files", "images", "ab", "abcdef.png", NULL);
  g_assert_true (g_file_get_contents (copied_image, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not really a PNG");

  /* The station moves on and loses an image; the restore brings the backup back. */
  g_unlink (image);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM lot"), ==, writer.written);
  g_assert_true (lc_backup_restore (fixture->store, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM lot"), ==, in_backup);
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
  /* The database as it was before the restore is kept, whole. */
  g_assert_cmpint (query_file_int (kept, "SELECT count(*) FROM lot"), ==, writer.written);
  /* And the restored store goes on recording. */
  save_part (fixture->store, "BSH-2");
}

static void
test_restore_refuses_what_is_no_backup (StoreFixture  *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_build_filename (fixture->dir, "junk.db", NULL);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  save_part (fixture->store, "BSH-1");
  g_assert_true (g_file_set_contents (junk, "this is a shopping list", -1, NULL));
  g_assert_false (lc_backup_restore (fixture->store, junk, &kept, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is not a Linecheck backup"));
  g_clear_error (&error);

  /* A real backup with its middle overwritten. */
  g_assert_true (lc_backup_write (fixture->store, damaged, NULL, &error));
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0x5a, length - 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  g_assert_false (lc_backup_restore (fixture->store, damaged, &kept, &error));
  g_assert_nonnull (error);
  g_assert_true (error->code == LC_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_null (kept);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type"), ==, 1);
}

static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_backup_and_restore (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "nightly.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  save_part (fixture->store, "BSH-1");
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "backup", "--out", backup, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Backup written to"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (lc_store_exec (fixture->store, "DELETE FROM part_type", NULL));
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "restore", backup, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "before-restore"));
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM part_type"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture->path, &out, &err, "restore", "/nonexistent/backup.db", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no backup file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "backup", NULL), ==, 2);
}

/* A restore replaces every record: only an admin's PIN opens it, on the CLI as in the app
 * (--operator NAME, the PIN from LINECHECK_PIN or typed). The backup's audit head record
 * comes with it, so a trail cut short inside the backup file still shows after the restore. */
static void
test_restore_needs_an_admin_and_keeps_the_audit_head (StoreFixture  *fixture,
                                                      gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "nightly.db", NULL);
  g_autofree char *backup_head = g_strconcat (backup, ".audit-head", NULL);
  g_autoptr(LcOperator) admin = NULL;
  g_autoptr(LcOperator) operator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  admin = lc_operator_create (fixture->store, "Ada", LC_ROLE_ADMIN, "9999", &error);
  g_assert_no_error (error);
  g_clear_object (&admin);
  admin = lc_operator_log_in (fixture->store, "Ada", "9999", &error);
  g_assert_no_error (error);
  operator = lc_operator_create (fixture->store, "Olga", LC_ROLE_OPERATOR, "1111", &error);
  g_assert_no_error (error);
  lc_operator_log_out (fixture->store);

  /* A backup is a read-only copy that anyone who can read the database file could make with
   * the sqlite3 tool: it needs no login. */
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "backup", "--out", backup, NULL), ==, 0);
  g_assert_true (g_file_test (backup_head, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture->path, &out, &err, "restore", backup, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Log in first"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("LINECHECK_PIN", "1111", TRUE);
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "--operator", "Olga", "restore", backup, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "only an admin may restore a backup"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_setenv ("LINECHECK_PIN", "9999", TRUE);
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "--operator", "Ada", "restore", backup, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "audit", "verify", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Someone shortens the trail inside the backup file, then it is restored. */
  lc_test_tamper (backup, "DELETE FROM audit WHERE id = (SELECT max (id) FROM audit)");
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "--operator", "Ada", "restore", backup, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_unsetenv ("LINECHECK_PIN");
  g_assert_cmpint (run_cli (fixture->path, &out, &err, "audit", "verify", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "entries deleted after #"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/online-while-writing-then-restore", StoreFixture, NULL,
              store_fixture_set_up, test_backup_while_writing_and_restore, store_fixture_tear_down);
  g_test_add ("/backup/restore-refuses-junk-and-damage", StoreFixture, NULL,
              store_fixture_set_up, test_restore_refuses_what_is_no_backup, store_fixture_tear_down);
  g_test_add ("/backup/cli-backup-and-restore", StoreFixture, NULL,
              store_fixture_set_up, test_cli_backup_and_restore, store_fixture_tear_down);
  g_test_add ("/backup/restore-needs-an-admin-and-keeps-the-audit-head", StoreFixture, NULL,
              store_fixture_set_up, test_restore_needs_an_admin_and_keeps_the_audit_head, store_fixture_tear_down);

  return g_test_run ();
}

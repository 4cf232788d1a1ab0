#include "lc-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "lc-backup.h"
#include "lc-store-private.h"

/* The folders under the data folder whose files the records refer to by name. */
static const char * const file_folders[] = { "images", "models" };

char *
lc_backup_files_dir (const char *backup_path)
{
  return g_strconcat (backup_path, ".files", NULL);
}

static gboolean
set_sqlite_error (sqlite3     *db,
                  int          rc,
                  const char  *path,
                  GError     **error)
{
  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL,
                 _("The disk is full: the backup %s was not written. Free some space and try again."),
                 path);
  else
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_SQL, "%s: %s", path,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Copies every file under @from that @to lacks, keeping the sub-folders. Each file is written
 * to a temporary name, synced and renamed, so a half-copied image never takes a real name. */
static gboolean
copy_missing_files (const char  *from,
                    const char  *to,
                    guint       *n_copied,
                    GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (from, G_FILE_TEST_IS_DIR))
    return TRUE;
  dir = g_dir_open (from, 0, error);
  if (dir == NULL)
    return FALSE;
  if (g_mkdir_with_parents (to, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), to, g_strerror (saved));
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        {
          if (!copy_missing_files (source, target, n_copied, error))
            return FALSE;
          continue;
        }
      if (!g_file_test (source, G_FILE_TEST_IS_REGULAR) || g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_get_contents (source, &contents, &length, error) ||
          !g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_DURABLE, 0640,
                                     error))
        return FALSE;
      (*n_copied)++;
    }
  return TRUE;
}

static gboolean
copy_database (sqlite3     *from,
               sqlite3     *to,
               const char  *to_path,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return set_sqlite_error (to, sqlite3_errcode (to), to_path, error);
  /* One step copies the whole database inside one read transaction: a consistent snapshot.
   * With WAL the writer goes on meanwhile; BUSY only comes from a writer in rollback mode. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (to, rc, to_path, error);
  return TRUE;
}

gboolean
lc_backup_write (LcStore     *store,
                 const char  *backup_path,
                 guint       *n_files,
                 GError     **error)
{
  g_autofree char *partial = g_strconcat (backup_path, ".part", NULL);
  g_autofree char *files_dir = lc_backup_files_dir (backup_path);
  sqlite3 *db = NULL;
  guint copied = 0;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  /* The database goes to FILE.part first and takes its name once whole and synced: an
   * interrupted backup never leaves a FILE that looks complete. */
  g_unlink (partial);
  rc = sqlite3_open_v2 (partial, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, backup_path, error);
      sqlite3_close (db);
      return FALSE;
    }
  if (!copy_database (lc_store_get_db (store), db, backup_path, error))
    {
      sqlite3_close (db);
      g_unlink (partial);
      return FALSE;
    }
  /* The copy is a single file: DELETE journal mode, so no -wal file must travel with it. */
  rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  /* The backup's own audit head record (FILE.audit-head), from the snapshot itself: a
   * restore puts it beside the database, so entries deleted from the backup file show. */
  if (rc == SQLITE_OK && !_lc_audit_write_head_for (db, backup_path, error))
    {
      sqlite3_close (db);
      g_unlink (partial);
      return FALSE;
    }
  sqlite3_close (db);
  if (rc != SQLITE_OK)
    {
      g_unlink (partial);
      return set_sqlite_error (NULL, rc, backup_path, error);
    }
  {
    int fd = g_open (partial, O_RDONLY, 0);
    gboolean synced = fd >= 0 && fsync (fd) == 0;

    if (fd >= 0)
      close (fd);
    if (!synced || g_rename (partial, backup_path) != 0)
      {
        int saved = errno;
        g_unlink (partial);
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Cannot write the backup %s: %s"), backup_path, g_strerror (saved));
        return FALSE;
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (file_folders); i++)
    {
      g_autofree char *from = g_build_filename (lc_store_get_data_dir (store), file_folders[i], NULL);
      g_autofree char *to = g_build_filename (files_dir, file_folders[i], NULL);

      if (!copy_missing_files (from, to, &copied, error))
        {
          g_prefix_error (error, _("The database was saved to %s, but its files were not: "),
                          backup_path);
          return FALSE;
        }
    }
  if (n_files != NULL)
    *n_files = copied;
  return TRUE;
}

/* Opens @path read-only and checks it is a whole Linecheck database this version can read. */
static sqlite3 *
open_backup (const char  *path,
             GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  gboolean has_audit = FALSE;
  g_autofree char *check = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no backup file %s."), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (version > 0 &&
      sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = 'audit'", -1, &stmt, NULL) == SQLITE_OK)
    has_audit = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (!has_audit)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT,
                   _("%s is not a Linecheck backup: nothing was restored."), path);
      sqlite3_close (db);
      return NULL;
    }
  if (version > lc_store_latest_schema_version ())
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NEWER_SCHEMA,
                   _("The backup %s was written by a newer Linecheck (schema %d): update Linecheck "
                     "to restore it. Nothing was restored."), path, version);
      sqlite3_close (db);
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT,
                   _("The backup %s is damaged (%s): nothing was restored."), path,
                   check != NULL ? check : sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
lc_backup_restore (LcStore     *store,
                   const char  *backup_path,
                   char       **safety_copy,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *keep = g_strdup_printf ("%s.before-restore-%s.bak", lc_store_get_path (store), stamp);
  g_autofree char *files_dir = lc_backup_files_dir (backup_path);
  sqlite3 *source;
  char *sql;
  guint copied = 0;
  gboolean ok;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  if (!lc_store_require_role (store, LC_ROLE_ADMIN, _("restore a backup"), error))
    return FALSE;
  source = open_backup (backup_path, error);
  if (source == NULL)
    return FALSE;

  /* What is there now is kept whole first: a restore must never cost records. */
  sql = sqlite3_mprintf ("VACUUM INTO %Q", keep);
  ok = lc_store_exec (store, sql, error);
  sqlite3_free (sql);
  if (ok)
    {
      g_autofree char *keep_head = _lc_audit_head_path (keep);
      g_autofree char *head = _lc_audit_head_path (lc_store_get_path (store));
      g_autofree char *contents = NULL;
      gsize length = 0;

      /* The kept copy keeps the head record as it was, evidence included. */
      if (g_file_get_contents (head, &contents, &length, NULL))
        ok = g_file_set_contents_full (keep_head, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0640, error);
    }
  if (!ok)
    {
      sqlite3_close (source);
      g_prefix_error (error, _("The current database could not be kept aside, so nothing was restored: "));
      return FALSE;
    }

  /* The backup API writes the destination in one transaction of its own, under the store's
   * locks: other connections (the app) see the old database or the restored one. */
  ok = copy_database (source, lc_store_get_db (store), lc_store_get_path (store), error);
  sqlite3_close (source);
  if (!ok)
    return FALSE;
  {
    g_autofree char *backup_head = _lc_audit_head_path (backup_path);
    g_autofree char *head = _lc_audit_head_path (lc_store_get_path (store));
    g_autofree char *contents = NULL;
    gsize length = 0;

    /* The restored trail ends where the backup's did: its head record comes along. A backup
     * without one (made before Linecheck kept them) gets one for the trail as restored, which
     * is all that can be said of it. */
    if (g_file_get_contents (backup_head, &contents, &length, NULL))
      ok = g_file_set_contents_full (head, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0640, error);
    else
      ok = (g_unlink (head), _lc_audit_write_head_for (lc_store_get_db (store), lc_store_get_path (store), error));
    if (!ok)
      {
        g_prefix_error (error, _("The database was restored, but not its audit head record: "));
        return FALSE;
      }
  }
  lc_store_notify_changed (store, "inspection", 0);
  lc_store_notify_changed (store, "part_type", 0);

  for (guint i = 0; i < G_N_ELEMENTS (file_folders); i++)
    {
      g_autofree char *from = g_build_filename (files_dir, file_folders[i], NULL);
      g_autofree char *to = g_build_filename (lc_store_get_data_dir (store), file_folders[i], NULL);

      if (!copy_missing_files (from, to, &copied, error))
        {
          g_prefix_error (error, _("The database was restored, but not all of its files: "));
          return FALSE;
        }
    }
  if (safety_copy != NULL)
    *safety_copy = g_steal_pointer (&keep);
  return TRUE;
}

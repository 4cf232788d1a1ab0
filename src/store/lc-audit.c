#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-audit.h"
#include "lc-store-private.h"

static char *
entry_hash (const char *prev_hash,
            gint64      id,
            gint64      at,
            gint64      operator_id,
            const char *operator_name,
            const char *entity,
            gint64      entity_id,
            const char *action,
            const char *old_value,
            const char *new_value,
            const char *reason)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *numbers = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                                              "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f",
                                              id, at, operator_id, entity_id);
  const char *fields[] = { prev_hash, operator_name, entity, action, old_value, new_value, reason };

  g_checksum_update (checksum, (const guchar *) numbers, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* A NULL and an empty value must hash differently: mark which it was. */
      g_checksum_update (checksum, (const guchar *) (fields[i] != NULL ? "+" : "-"), 1);
      if (fields[i] != NULL)
        g_checksum_update (checksum, (const guchar *) fields[i], -1);
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
lc_audit_record (LcStore     *store,
                 const char  *entity,
                 gint64       entity_id,
                 const char  *action,
                 const char  *old_value,
                 const char  *new_value,
                 const char  *reason,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 id = 1;
  gint64 at = lc_store_now ();
  gint64 operator_id = lc_store_get_actor_id (store);
  const char *operator_name = lc_store_get_actor_name (store);

  if (!lc_store_begin (store, error))
    return FALSE;

  stmt = lc_store_prepare (store, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (prev_hash == NULL)
    prev_hash = g_strdup ("");

  hash = entry_hash (prev_hash, id, at, operator_id, operator_name, entity, entity_id, action,
                     old_value, new_value, reason != NULL ? reason : "");

  stmt = lc_store_prepare (store,
                           "INSERT INTO audit (id, at, operator_id, operator_name, entity, entity_id,"
                           " action, old_value, new_value, reason, prev_hash, hash)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  lc_store_bind_id_or_null (stmt, 3, operator_id);
  sqlite3_bind_text (stmt, 4, operator_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_TRANSIENT);
  lc_store_bind_id_or_null (stmt, 6, entity_id);
  sqlite3_bind_text (stmt, 7, action, -1, SQLITE_TRANSIENT);
  lc_store_bind_text_or_null (stmt, 8, old_value);
  lc_store_bind_text_or_null (stmt, 9, new_value);
  sqlite3_bind_text (stmt, 10, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, hash, -1, SQLITE_TRANSIENT);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;

  /* The head record is written after the outermost COMMIT (lc_store_commit), when the entry
   * is sure to stay. */
  _lc_store_mark_audit_pending (store);
  if (!lc_store_commit (store, error))
    return FALSE;
  lc_store_notify_changed (store, "audit", id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

static const char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
           ? NULL : (const char *) sqlite3_column_text (stmt, column);
}

gboolean
lc_audit_verify (LcStore  *store,
                 guint    *n_entries,
                 gint64   *first_broken_id,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prev_hash = g_strdup ("");
  guint n = 0;
  int rc;

  *first_broken_id = 0;
  stmt = lc_store_prepare (store,
                           "SELECT id, at, operator_id, operator_name, entity, entity_id, action,"
                           " old_value, new_value, reason, prev_hash, hash FROM audit ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *expected = entry_hash (prev_hash, id,
                                              sqlite3_column_int64 (stmt, 1),
                                              sqlite3_column_int64 (stmt, 2),
                                              (const char *) sqlite3_column_text (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4),
                                              sqlite3_column_int64 (stmt, 5),
                                              (const char *) sqlite3_column_text (stmt, 6),
                                              column_text_or_null (stmt, 7),
                                              column_text_or_null (stmt, 8),
                                              (const char *) sqlite3_column_text (stmt, 9));
      const char *stored_prev = (const char *) sqlite3_column_text (stmt, 10);
      const char *stored_hash = (const char *) sqlite3_column_text (stmt, 11);

      n++;
      if (g_strcmp0 (stored_prev, prev_hash) != 0 || g_strcmp0 (stored_hash, expected) != 0)
        {
          *first_broken_id = id;
          break;
        }
      g_free (prev_hash);
      prev_hash = g_strdup (stored_hash);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return lc_store_set_error (store, rc, error);
    }
  sqlite3_reset (stmt);
  if (n_entries != NULL)
    *n_entries = n;
  return TRUE;
}

void
lc_audit_entry_free (LcAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->operator_name);
  g_free (entry->entity);
  g_free (entry->action);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->reason);
  g_free (entry);
}

GPtrArray *
lc_audit_list (LcStore     *store,
               const char  *entity,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT id, at, operator_id, operator_name, entity, entity_id, action,"
                           " old_value, new_value, reason FROM audit"
                           " WHERE ?1 IS NULL OR entity = ?1 ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  lc_store_bind_text_or_null (stmt, 1, entity);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcAuditEntry *entry = g_new0 (LcAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->operator_id = sqlite3_column_int64 (stmt, 2);
      entry->operator_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->entity_id = sqlite3_column_int64 (stmt, 5);
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->old_value = g_strdup (column_text_or_null (stmt, 7));
      entry->new_value = g_strdup (column_text_or_null (stmt, 8));
      entry->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* ---- The head record: against deleting the newest entries ----
 *
 * The chain shows an entry altered or removed in the middle, but deleting the newest entries
 * leaves a shorter chain that is still whole. So the head of the chain (the last entry's
 * number and hash) is also kept outside the table it protects: in DATABASE.audit-head, a
 * line of text beside the database, replaced atomically (temporary file, fsync, rename)
 * after every COMMIT that added entries.
 *
 * Why a second file and not an HMAC'd row: any key the station could sign with sits on the
 * same disk as the database, so a signature adds nothing against someone who has the files,
 * while a second file means that deleting rows with sqlite3 is no longer enough. Like the
 * chain itself it is evidence against quiet edits, not a defence against someone who
 * rewrites both files. The file is written only after the commit, so it is never ahead of
 * the database; a crash between the two leaves it one commit behind, which the check accepts
 * (the entries after it are still chained). A head record that disagrees with the database
 * is never overwritten, so the evidence stays until someone looks at it. Backups carry a
 * head record of their own (lc-backup.c). */

#define HEAD_MAGIC "linecheck-audit-head 1"

char *
_lc_audit_head_path (const char *db_path)
{
  return g_strconcat (db_path, ".audit-head", NULL);
}

/* The last entry of the chain in @db: FALSE when the table is empty (or unreadable). */
static gboolean
read_db_head (sqlite3  *db,
              gint64   *id,
              char    **hash)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* The hash of entry @id in @db, NULL when there is no such entry. */
static char *
read_db_hash (sqlite3 *db,
              gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  char *hash = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT hash FROM audit WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return hash;
}

/* Reads a head record: FALSE when there is none or it cannot be parsed (a damaged record
 * is as good as none, and reported the same way). */
static gboolean
read_head_file (const char  *head_path,
                gint64      *id,
                char       **hash)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  char *end = NULL;

  if (!g_file_get_contents (head_path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", 3);
  if (g_strv_length (lines) < 2 || !g_str_equal (lines[0], HEAD_MAGIC))
    return FALSE;
  fields = g_strsplit (lines[1], " ", 2);
  if (g_strv_length (fields) != 2)
    return FALSE;
  *id = g_ascii_strtoll (fields[0], &end, 10);
  if (*end != '\0' || *id <= 0 || strlen (fields[1]) != 64)
    return FALSE;
  *hash = g_strdup (fields[1]);
  return TRUE;
}

gboolean
_lc_audit_write_head_for (sqlite3     *db,
                          const char  *db_path,
                          GError     **error)
{
  g_autofree char *head_path = _lc_audit_head_path (db_path);
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  gint64 id = 0;

  if (!read_db_head (db, &id, &hash))
    return TRUE;
  text = g_strdup_printf (HEAD_MAGIC "\n%" G_GINT64_FORMAT " %s\n", id, hash);
  return g_file_set_contents_full (head_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0640, error);
}

gboolean
_lc_audit_write_head (LcStore *store)
{
  const char *db_path = lc_store_get_path (store);
  g_autofree char *head_path = NULL;
  g_autofree char *anchored_hash = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anchored_id = 0;

  if (db_path == NULL)
    return FALSE;
  head_path = _lc_audit_head_path (db_path);
  if (read_head_file (head_path, &anchored_id, &anchored_hash))
    {
      g_autofree char *hash = read_db_hash (lc_store_get_db (store), anchored_id);

      /* Entries the record knows of are gone: keep the record as evidence. */
      if (g_strcmp0 (hash, anchored_hash) != 0)
        return FALSE;
    }
  if (!_lc_audit_write_head_for (lc_store_get_db (store), db_path, &error))
    {
      g_message ("The audit head record was not written: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_audit_check_head (LcStore           *store,
                     LcAuditHeadState  *state,
                     gint64            *deleted_after,
                     gint64            *anchored_id,
                     GError           **error)
{
  const char *db_path = lc_store_get_path (store);
  g_autofree char *head_path = NULL;
  g_autofree char *anchored_hash = NULL;
  g_autofree char *db_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 last_id = 0, head_id = 0;
  sqlite3_stmt *stmt;

  *state = LC_AUDIT_HEAD_WHOLE;
  *deleted_after = 0;
  *anchored_id = 0;
  /* Read through the store, so a read error comes back as one. */
  stmt = lc_store_prepare (store, "SELECT count(*) FROM audit", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (db_path == NULL)
    return TRUE;
  head_path = _lc_audit_head_path (db_path);
  read_db_head (lc_store_get_db (store), &last_id, &db_hash);
  if (!read_head_file (head_path, &head_id, &anchored_hash))
    {
      /* No record and no entries: a new station. Entries without a record: a database from
       * before the record was kept, or the record was removed; the end cannot be checked. */
      if (last_id > 0)
        *state = LC_AUDIT_HEAD_UNANCHORED;
      return TRUE;
    }
  *anchored_id = head_id;
  hash = read_db_hash (lc_store_get_db (store), head_id);
  if (hash == NULL)
    {
      *state = LC_AUDIT_HEAD_TRUNCATED;
      *deleted_after = last_id;
    }
  else if (!g_str_equal (hash, anchored_hash))
    {
      /* The recorded entry was replaced: it and the ones after it were deleted, and others
       * written in their place. */
      *state = LC_AUDIT_HEAD_TRUNCATED;
      *deleted_after = head_id - 1;
    }
  return TRUE;
}

char *
lc_audit_describe_head (LcAuditHeadState state,
                        gint64           deleted_after,
                        gint64           anchored_id)
{
  g_autofree char *after = g_strdup_printf ("#%" G_GINT64_FORMAT, deleted_after);
  g_autofree char *anchored = g_strdup_printf ("#%" G_GINT64_FORMAT, anchored_id);

  switch (state)
    {
    case LC_AUDIT_HEAD_WHOLE:
      return NULL;
    case LC_AUDIT_HEAD_UNANCHORED:
      return g_strdup (_("The record of the audit trail’s last entry is missing (the database is from an older "
                         "Linecheck, or the record was removed): entries deleted at the end could not be noticed."));
    case LC_AUDIT_HEAD_TRUNCATED:
      if (deleted_after == 0)
        return g_strdup_printf (_("The audit trail was cut short: all its entries were deleted (the last one "
                                  "written was %s)."), anchored);
      return g_strdup_printf (_("The audit trail was cut short: entries deleted after %s (the last one written "
                                "was %s)."), after, anchored);
    default:
      g_return_val_if_reached (NULL);
    }
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-audit.h"

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

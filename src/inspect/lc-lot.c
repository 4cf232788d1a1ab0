#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-lot.h"

gint64
lc_lot_open (LcStore     *store,
             gint64       part_type_id,
             const char  *code,
             GError     **error)
{
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), 0);
  g_return_val_if_fail (code != NULL, 0);

  stripped = g_strstrip (g_strdup (code));
  if (stripped[0] == '\0')
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("A lot needs a code."));
      return 0;
    }

  stmt = lc_store_prepare (store, "SELECT id FROM lot WHERE part_type_id = ? AND code = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return 0;
    }

  if (id != 0)
    {
      /* Continuing a lot reopens it. */
      stmt = lc_store_prepare (store, "UPDATE lot SET ended_at = NULL WHERE id = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!lc_store_step_done (store, stmt, error))
        return 0;
    }
  else
    {
      stmt = lc_store_prepare (store, "INSERT INTO lot (part_type_id, code, started_at) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, part_type_id);
      sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, lc_store_now ());
      if (!lc_store_step_done (store, stmt, error))
        return 0;
      id = lc_store_last_insert_id (store);
    }
  lc_store_notify_changed (store, "lot", id);
  return id;
}

gboolean
lc_lot_close (LcStore  *store,
              gint64    lot_id,
              GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "UPDATE lot SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_store_now ());
  sqlite3_bind_int64 (stmt, 2, lot_id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;
  lc_store_notify_changed (store, "lot", lot_id);
  return TRUE;
}

char *
lc_lot_get_code (LcStore  *store,
                 gint64    lot_id,
                 GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT code FROM lot WHERE id = ?", error);
  char *code = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (code == NULL)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND, _("The lot no longer exists."));
  return code;
}

char *
lc_lot_next_serial (LcStore  *store,
                    gint64    lot_id,
                    GError  **error)
{
  g_autofree char *code = lc_lot_get_code (store, lot_id, error);
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  gint64 highest = 0;
  int rc;

  if (code == NULL)
    return NULL;

  /* The highest number given so far in this lot, whatever was scanned in between. */
  pattern = g_strdup_printf ("%s-", code);
  stmt = lc_store_prepare (store,
                           "SELECT max(CAST(substr(serial, length(?1) + 1) AS INTEGER)) FROM inspection"
                           " WHERE lot_id = ?2 AND substr(serial, 1, length(?1)) = ?1"
                           " AND substr(serial, length(?1) + 1) GLOB '[0-9]*'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, lot_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    highest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, pattern, highest + 1);
}

char *
lc_lot_suggest_code (LcStore  *store,
                     gint64    part_type_id,
                     gint64    now,
                     GError  **error)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  g_autofree char *week = g_strdup_printf ("%02d%02d", g_date_time_get_week_numbering_year (date) % 100,
                                           g_date_time_get_week_of_year (date));

  for (int n = 1; n < 1000; n++)
    {
      g_autofree char *code = g_strdup_printf ("%s-%02d", week, n);
      sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT 1 FROM lot WHERE part_type_id = ? AND code = ?", error);
      gboolean taken;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, part_type_id);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!taken)
        return g_steal_pointer (&code);
    }
  g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("Too many lots this week to number."));
  return NULL;
}

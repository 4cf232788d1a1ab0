#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-camera-record.h"

LcCameraRecord *
lc_camera_record_new (const char *name,
                      const char *uri)
{
  LcCameraRecord *record = g_new0 (LcCameraRecord, 1);

  record->name = g_strdup (name);
  record->uri = g_strdup (uri);
  record->settings = lc_camera_settings_new ();
  return record;
}

void
lc_camera_record_free (LcCameraRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->uri);
  g_clear_pointer (&record->settings, lc_camera_settings_free);
  g_free (record);
}

GPtrArray *
lc_camera_record_list (LcStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_camera_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  stmt = lc_store_prepare (store, "SELECT id, name, uri, settings FROM camera ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcCameraRecord) record =
        lc_camera_record_new ((const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2));
      g_autoptr(GError) local_error = NULL;
      LcCameraSettings *settings;

      record->id = sqlite3_column_int64 (stmt, 0);
      /* A damaged settings text must not hide the camera: it comes with defaults. */
      settings = lc_camera_settings_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                                 &local_error);
      if (settings != NULL)
        {
          lc_camera_settings_free (record->settings);
          record->settings = settings;
        }
      else
        g_warning ("Camera %s: %s", record->name, local_error->message);
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

gboolean
lc_camera_record_save (LcStore         *store,
                       LcCameraRecord  *record,
                       GError         **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (record->name == NULL || *g_strstrip (record->name) == '\0')
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("The camera needs a name."));
      return FALSE;
    }
  json = lc_camera_settings_to_string (record->settings);
  if (record->id == 0)
    {
      stmt = lc_store_prepare (store, "INSERT INTO camera (name, uri, settings, created_at) "
                               "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, lc_store_now ());
    }
  else
    {
      stmt = lc_store_prepare (store, "UPDATE camera SET name = ?, uri = ?, settings = ? WHERE id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, record->id);
    }
  sqlite3_bind_text (stmt, 1, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record->uri, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  if (!lc_store_step_done (store, stmt, &local_error))
    {
      if (g_error_matches (local_error, LC_STORE_ERROR, LC_STORE_ERROR_CONSTRAINT))
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CONSTRAINT,
                     _("Another camera is already called “%s”. Choose another name."), record->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record->id == 0)
    record->id = lc_store_last_insert_id (store);
  lc_store_notify_changed (store, "camera", record->id);
  return TRUE;
}

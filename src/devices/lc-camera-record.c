#include "lc-config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "lc-audit.h"
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

/* The audit trail's old and new value of a camera: its name, address and settings. */
static char *
camera_json (const char *name,
             const char *uri,
             const char *settings_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) settings = json_from_string (settings_json != NULL && *settings_json != '\0'
                                                   ? settings_json : "{}", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name != NULL ? name : "");
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri != NULL ? uri : "");
  json_builder_set_member_name (builder, "settings");
  json_builder_add_value (builder, settings != NULL ? json_node_copy (settings) : json_node_new (JSON_NODE_NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
lc_camera_record_save (LcStore         *store,
                       LcCameraRecord  *record,
                       GError         **error)
{
  g_autofree char *json = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  id = record->id;

  if (record->name == NULL || *g_strstrip (record->name) == '\0')
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("The camera needs a name."));
      return FALSE;
    }
  json = lc_camera_settings_to_string (record->settings);
  new_value = camera_json (record->name, record->uri, json);
  if (!lc_store_begin (store, error))
    return FALSE;
  if (record->id != 0)
    {
      stmt = lc_store_prepare (store, "SELECT name, uri, settings FROM camera WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, record->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        old_value = camera_json ((const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
    }
  if (record->id == 0)
    {
      stmt = lc_store_prepare (store, "INSERT INTO camera (name, uri, settings, created_at) "
                               "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 4, lc_store_now ());
    }
  else
    {
      stmt = lc_store_prepare (store, "UPDATE camera SET name = ?, uri = ?, settings = ? WHERE id = ?",
                               error);
      if (stmt == NULL)
        goto fail;
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
      goto fail;
    }
  if (record->id == 0)
    id = lc_store_last_insert_id (store);
  if (!lc_audit_record (store, "camera", id, record->id == 0 ? "create" : "update", old_value, new_value, NULL,
                        error) ||
      !lc_store_commit (store, error))
    goto fail;
  record->id = id;
  lc_store_notify_changed (store, "camera", record->id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-inspection-query.h"

static void
add_text (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, column));
}

static void
add_double (JsonBuilder  *builder,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, sqlite3_column_double (stmt, column));
}

static void
add_int (JsonBuilder  *builder,
         const char   *name,
         sqlite3_stmt *stmt,
         int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
}

static void
add_time (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  time = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column) / G_USEC_PER_SEC);
  time = g_date_time_add (time, sqlite3_column_int64 (stmt, column) % G_USEC_PER_SEC);
  text = g_date_time_format_iso8601 (time);
  json_builder_add_string_value (builder, text);
}

static gboolean
add_measurements (LcStore      *store,
                  JsonBuilder  *builder,
                  gint64        inspection_id,
                  GError      **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "SELECT c.name, m.value, m.raw, m.channel_id, m.measured_at, m.superseded,"
                                         " m.reason, c.unit, c.nominal, c.lsl, c.usl FROM measurement m"
                                         " JOIN characteristic c ON c.id = m.characteristic_id"
                                         " WHERE m.inspection_id = ? ORDER BY c.position, m.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "measurements");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_text (builder, "characteristic", stmt, 0);
      add_double (builder, "value", stmt, 1);
      add_text (builder, "raw", stmt, 2);
      add_int (builder, "channel_id", stmt, 3);
      add_time (builder, "measured_at", stmt, 4);
      json_builder_set_member_name (builder, "superseded");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 5) != 0);
      add_text (builder, "reason", stmt, 6);
      add_text (builder, "unit", stmt, 7);
      add_double (builder, "nominal", stmt, 8);
      add_double (builder, "lsl", stmt, 9);
      add_double (builder, "usl", stmt, 10);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  return rc == SQLITE_DONE || lc_store_set_error (store, rc, error);
}

static gboolean
add_annotations (LcStore      *store,
                 JsonBuilder  *builder,
                 gint64        image_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "SELECT d.name, a.shape, a.geometry, a.author, a.model_id, a.score"
                                         " FROM annotation a LEFT JOIN defect_class d ON d.id = a.defect_class_id"
                                         " WHERE a.image_id = ? ORDER BY a.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, image_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_text (builder, "defect_class", stmt, 0);
      add_text (builder, "shape", stmt, 1);
      add_text (builder, "geometry", stmt, 2);
      add_text (builder, "author", stmt, 3);
      add_int (builder, "model_id", stmt, 4);
      add_double (builder, "score", stmt, 5);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  return rc == SQLITE_DONE || lc_store_set_error (store, rc, error);
}

static gboolean
add_images (LcStore      *store,
            JsonBuilder  *builder,
            gint64        inspection_id,
            GError      **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "SELECT id, file, width, height, camera, captured_at, label, review"
                                         " FROM image WHERE inspection_id = ? ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *path = g_build_filename (lc_store_get_data_dir (store),
                                                (const char *) sqlite3_column_text (stmt, 1), NULL);
      json_builder_begin_object (builder);
      add_int (builder, "id", stmt, 0);
      add_text (builder, "file", stmt, 1);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      add_int (builder, "width", stmt, 2);
      add_int (builder, "height", stmt, 3);
      add_text (builder, "camera", stmt, 4);
      add_time (builder, "captured_at", stmt, 5);
      add_text (builder, "label", stmt, 6);
      json_builder_set_member_name (builder, "review");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 7) != 0);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  return rc == SQLITE_DONE || lc_store_set_error (store, rc, error);
}

static JsonNode *
query (LcStore     *store,
       const char  *where,
       const char  *key,
       GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = g_strconcat (
    "SELECT i.id, p.code, p.name, l.code, i.serial, o.name, i.station, i.started_at, i.recorded_at, i.verdict,"
    " i.suggested_verdict, i.decided_by, d.name, d.severity, i.model_id, m.version, i.model_score, i.note"
    " FROM inspection i JOIN part_type p ON p.id = i.part_type_id LEFT JOIN lot l ON l.id = i.lot_id"
    " LEFT JOIN operator o ON o.id = i.operator_id LEFT JOIN defect_class d ON d.id = i.defect_class_id"
    " LEFT JOIN model m ON m.id = i.model_id WHERE ", where, " ORDER BY i.recorded_at, i.id", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      json_builder_begin_object (builder);
      add_int (builder, "id", stmt, 0);
      add_text (builder, "part_type", stmt, 1);
      add_text (builder, "part_name", stmt, 2);
      add_text (builder, "lot", stmt, 3);
      add_text (builder, "serial", stmt, 4);
      add_text (builder, "operator", stmt, 5);
      add_text (builder, "station", stmt, 6);
      add_time (builder, "started_at", stmt, 7);
      add_time (builder, "recorded_at", stmt, 8);
      add_text (builder, "verdict", stmt, 9);
      add_text (builder, "suggested_verdict", stmt, 10);
      add_text (builder, "decided_by", stmt, 11);
      add_text (builder, "defect_class", stmt, 12);
      add_text (builder, "severity", stmt, 13);
      add_int (builder, "model_id", stmt, 14);
      add_int (builder, "model_version", stmt, 15);
      add_double (builder, "model_score", stmt, 16);
      add_text (builder, "note", stmt, 17);
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  if (ids->len == 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND, _("Nothing was recorded for “%s”."), key);
      return NULL;
    }

  /* Then the children of each, into the objects built above: one statement at a time, as
   * the store caches its prepared statements. */
  root = json_builder_get_root (builder);
  array = json_node_get_array (root);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(JsonBuilder) children = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      JsonArray *images;

      json_builder_begin_object (children);
      if (!add_measurements (store, children, id, error) || !add_images (store, children, id, error))
        return NULL;
      json_builder_end_object (children);
      node = json_builder_get_root (children);
      json_object_set_member (object, "measurements",
                              json_node_copy (json_object_get_member (json_node_get_object (node), "measurements")));
      json_object_set_member (object, "images",
                              json_node_copy (json_object_get_member (json_node_get_object (node), "images")));
      images = json_object_get_array_member (object, "images");
      for (guint k = 0; k < json_array_get_length (images); k++)
        {
          JsonObject *image = json_array_get_object_element (images, k);
          g_autoptr(JsonBuilder) annotations = json_builder_new ();
          g_autoptr(JsonNode) annotations_node = NULL;

          json_builder_begin_object (annotations);
          if (!add_annotations (store, annotations, json_object_get_int_member (image, "id"), error))
            return NULL;
          json_builder_end_object (annotations);
          annotations_node = json_builder_get_root (annotations);
          json_object_set_member (image, "annotations",
                                  json_node_copy (json_object_get_member (json_node_get_object (annotations_node),
                                                                          "annotations")));
        }
    }
  return g_steal_pointer (&root);
}

JsonNode *
lc_inspection_query_serial (LcStore     *store,
                            const char  *serial,
                            GError     **error)
{
  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (serial != NULL, NULL);
  return query (store, "i.serial = ?1", serial, error);
}

JsonNode *
lc_inspection_query_lot (LcStore     *store,
                         const char  *lot_code,
                         GError     **error)
{
  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (lot_code != NULL, NULL);
  return query (store, "l.code = ?1", lot_code, error);
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-audit.h"
#include "lc-part-type-io.h"
#include "lc-part-type-private.h"

#define PART_COLUMNS \
  "id, code, name, revision, description, reference_image, archived, active_model_id," \
  " camera_id, camera_settings, outputs, updated_at"

static LcPartType *
part_from_row (sqlite3_stmt *stmt)
{
  LcPartType *part = lc_part_type_new ((const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2));

  lc_part_type_set_id (part, sqlite3_column_int64 (stmt, 0));
  lc_part_type_set_revision (part, (const char *) sqlite3_column_text (stmt, 3));
  lc_part_type_set_description (part, (const char *) sqlite3_column_text (stmt, 4));
  lc_part_type_set_reference_image (part, (const char *) sqlite3_column_text (stmt, 5));
  lc_part_type_set_archived (part, sqlite3_column_int (stmt, 6) != 0);
  lc_part_type_set_active_model_id (part, sqlite3_column_int64 (stmt, 7));
  lc_part_type_set_camera_id (part, sqlite3_column_int64 (stmt, 8));
  lc_part_type_set_camera_settings (part, (const char *) sqlite3_column_text (stmt, 9));
  lc_part_type_set_outputs (part, (const char *) sqlite3_column_text (stmt, 10));
  _lc_part_type_set_updated_at (part, sqlite3_column_int64 (stmt, 11));
  return part;
}

static gboolean
load_children (LcStore     *store,
               LcPartType  *part,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT id, name, kind, nominal, lsl, usl, unit, decimals, subgroup_size,"
                           " channel_id, chart, rules, archived FROM characteristic"
                           " WHERE part_type_id = ? ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcCharacteristic) c = lc_characteristic_new ((const char *) sqlite3_column_text (stmt, 1));
      LcCharacteristicKind kind = LC_CHARACTERISTIC_VARIABLE;

      lc_characteristic_set_id (c, sqlite3_column_int64 (stmt, 0));
      lc_characteristic_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
      lc_characteristic_set_kind (c, kind);
      lc_characteristic_set_nominal (c, lc_store_column_double_or_nan (stmt, 3));
      lc_characteristic_set_lsl (c, lc_store_column_double_or_nan (stmt, 4));
      lc_characteristic_set_usl (c, lc_store_column_double_or_nan (stmt, 5));
      lc_characteristic_set_unit (c, (const char *) sqlite3_column_text (stmt, 6));
      lc_characteristic_set_decimals (c, (guint) sqlite3_column_int (stmt, 7));
      lc_characteristic_set_subgroup_size (c, (guint) sqlite3_column_int (stmt, 8));
      lc_characteristic_set_channel_id (c, sqlite3_column_int64 (stmt, 9));
      lc_characteristic_set_chart (c, (const char *) sqlite3_column_text (stmt, 10));
      lc_characteristic_set_rules (c, (const char *) sqlite3_column_text (stmt, 11));
      lc_characteristic_set_archived (c, sqlite3_column_int (stmt, 12) != 0);
      lc_part_type_add_characteristic (part, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  stmt = lc_store_prepare (store,
                           "SELECT id, name, color, severity, archived FROM defect_class"
                           " WHERE part_type_id = ? ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcSeverity severity = LC_SEVERITY_MAJOR;
      g_autoptr(LcDefectClass) d = NULL;

      lc_severity_from_string ((const char *) sqlite3_column_text (stmt, 3), &severity);
      d = lc_defect_class_new ((const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2), severity);
      lc_defect_class_set_id (d, sqlite3_column_int64 (stmt, 0));
      lc_defect_class_set_archived (d, sqlite3_column_int (stmt, 4) != 0);
      lc_part_type_add_defect_class (part, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

GListStore *
lc_part_type_list (LcStore   *store,
                   gboolean   include_archived,
                   GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LC_TYPE_PART_TYPE);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  stmt = lc_store_prepare (store,
                           "SELECT " PART_COLUMNS " FROM part_type"
                           " WHERE archived = 0 OR ? ORDER BY code COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (parts, part_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  for (guint i = 0; i < parts->len; i++)
    if (!load_children (store, g_ptr_array_index (parts, i), error))
      return NULL;
  g_list_store_splice (list, 0, 0, parts->pdata, parts->len);
  return g_steal_pointer (&list);
}

static LcPartType *
load_where (LcStore     *store,
            const char  *sql,
            gint64       id,
            const char  *code,
            GError     **error)
{
  g_autoptr(LcPartType) part = NULL;
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    part = part_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  if (part == NULL)
    {
      if (code != NULL)
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                     _("There is no part type with the code “%s”."), code);
      else
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                     _("The part type no longer exists."));
      return NULL;
    }
  if (!load_children (store, part, error))
    return NULL;
  return g_steal_pointer (&part);
}

LcPartType *
lc_part_type_load (LcStore  *store,
                   gint64    id,
                   GError  **error)
{
  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  return load_where (store, "SELECT " PART_COLUMNS " FROM part_type WHERE id = ?", id, NULL, error);
}

LcPartType *
lc_part_type_load_by_code (LcStore     *store,
                           const char  *code,
                           GError     **error)
{
  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  return load_where (store, "SELECT " PART_COLUMNS " FROM part_type WHERE code = ?", 0, code, error);
}

static char *
part_to_json_text (LcPartType *part)
{
  g_autoptr(JsonNode) node = lc_part_type_to_json (part);
  return json_to_string (node, FALSE);
}

static gboolean
count_rows (LcStore     *store,
            const char  *sql,
            gint64       id,
            gint64      *count,
            GError     **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

/* A characteristic or defect class that records point at is archived, never deleted. */
static gboolean
characteristic_has_records (LcStore   *store,
                            gint64     id,
                            gboolean  *has,
                            GError   **error)
{
  gint64 n = 0;

  if (!count_rows (store,
                   "SELECT (SELECT count(*) FROM measurement WHERE characteristic_id = ?1)"
                   " + (SELECT count(*) FROM event WHERE characteristic_id = ?1)"
                   " + (SELECT count(*) FROM control_limits WHERE characteristic_id = ?1)",
                   id, &n, error))
    return FALSE;
  *has = n > 0;
  return TRUE;
}

static gboolean
defect_class_has_records (LcStore   *store,
                          gint64     id,
                          gboolean  *has,
                          GError   **error)
{
  gint64 n = 0;

  if (!count_rows (store,
                   "SELECT (SELECT count(*) FROM annotation WHERE defect_class_id = ?1)"
                   " + (SELECT count(*) FROM inspection WHERE defect_class_id = ?1)",
                   id, &n, error))
    return FALSE;
  *has = n > 0;
  return TRUE;
}

static gboolean
save_characteristics (LcPartType  *self,
                      LcStore     *store,
                      gint64       part_id,
                      GError     **error)
{
  GListModel *list = lc_part_type_get_characteristics (self);
  guint n = g_list_model_get_n_items (list);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* Renames may swap names between rows: park the old names first so that the
   * UNIQUE (part_type_id, name) rule holds at every step. */
  stmt = lc_store_prepare (store,
                           "UPDATE characteristic SET name = char(1) || id || name WHERE part_type_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (list, i);
      g_autofree char *name = g_strstrip (g_strdup (lc_characteristic_get_name (c)));
      gint64 id = lc_characteristic_get_id (c);

      if (id == 0)
        {
          /* Re-adding a characteristic that was archived brings its history back. */
          stmt = lc_store_prepare (store,
                                   "SELECT id FROM characteristic WHERE part_type_id = ?"
                                   " AND archived = 1 AND substr(name, length(id) + 2) = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, part_id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }

      if (id == 0)
        stmt = lc_store_prepare (store,
                                 "INSERT INTO characteristic (part_type_id, position, name, kind, nominal,"
                                 " lsl, usl, unit, decimals, subgroup_size, channel_id, chart, rules,"
                                 " archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                 " ?13, ?14)", error);
      else
        stmt = lc_store_prepare (store,
                                 "UPDATE characteristic SET position = ?2, name = ?3, kind = ?4,"
                                 " nominal = ?5, lsl = ?6, usl = ?7, unit = ?8, decimals = ?9,"
                                 " subgroup_size = ?10, channel_id = ?11, chart = ?12, rules = ?13,"
                                 " archived = ?14 WHERE part_type_id = ?1 AND id = ?15", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, part_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, lc_characteristic_kind_to_string (lc_characteristic_get_kind (c)), -1,
                         SQLITE_STATIC);
      lc_store_bind_double_or_null (stmt, 5, lc_characteristic_get_nominal (c));
      lc_store_bind_double_or_null (stmt, 6, lc_characteristic_get_lsl (c));
      lc_store_bind_double_or_null (stmt, 7, lc_characteristic_get_usl (c));
      sqlite3_bind_text (stmt, 8, lc_characteristic_get_unit (c), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 9, (int) lc_characteristic_get_decimals (c));
      sqlite3_bind_int (stmt, 10, (int) lc_characteristic_get_subgroup_size (c));
      lc_store_bind_id_or_null (stmt, 11, lc_characteristic_get_channel_id (c));
      sqlite3_bind_text (stmt, 12, lc_characteristic_get_chart (c), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, lc_characteristic_get_rules (c), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 14, lc_characteristic_get_archived (c));
      if (id != 0)
        sqlite3_bind_int64 (stmt, 15, id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      if (id == 0)
        id = lc_store_last_insert_id (store);
      lc_characteristic_set_id (c, id);
      g_hash_table_add (kept, g_memdup2 (&id, sizeof id));
    }

  /* The rows the editor removed: delete them, or archive those records point at. */
  stmt = lc_store_prepare (store, "SELECT id FROM characteristic WHERE part_type_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (!g_hash_table_contains (kept, &id))
        g_array_append_val (stale, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  for (guint i = 0; i < stale->len; i++)
    {
      gint64 id = g_array_index (stale, gint64, i);
      gboolean has = FALSE;

      if (!characteristic_has_records (store, id, &has, error))
        return FALSE;
      stmt = lc_store_prepare (store,
                               has ? "UPDATE characteristic SET archived = 1 WHERE id = ?"
                                   : "DELETE FROM characteristic WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_defect_classes (LcPartType  *self,
                     LcStore     *store,
                     gint64       part_id,
                     GError     **error)
{
  GListModel *list = lc_part_type_get_defect_classes (self);
  guint n = g_list_model_get_n_items (list);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "UPDATE defect_class SET name = char(1) || id || name WHERE part_type_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (list, i);
      g_autofree char *name = g_strstrip (g_strdup (lc_defect_class_get_name (d)));
      gint64 id = lc_defect_class_get_id (d);

      if (id == 0)
        {
          stmt = lc_store_prepare (store,
                                   "SELECT id FROM defect_class WHERE part_type_id = ?"
                                   " AND archived = 1 AND substr(name, length(id) + 2) = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, part_id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }

      if (id == 0)
        stmt = lc_store_prepare (store,
                                 "INSERT INTO defect_class (part_type_id, position, name, color, severity,"
                                 " archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      else
        stmt = lc_store_prepare (store,
                                 "UPDATE defect_class SET position = ?2, name = ?3, color = ?4,"
                                 " severity = ?5, archived = ?6 WHERE part_type_id = ?1 AND id = ?7",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, part_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, lc_defect_class_get_color (d), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, lc_severity_to_string (lc_defect_class_get_severity (d)), -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, lc_defect_class_get_archived (d));
      if (id != 0)
        sqlite3_bind_int64 (stmt, 7, id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      if (id == 0)
        id = lc_store_last_insert_id (store);
      lc_defect_class_set_id (d, id);
      g_hash_table_add (kept, g_memdup2 (&id, sizeof id));
    }

  stmt = lc_store_prepare (store, "SELECT id FROM defect_class WHERE part_type_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (!g_hash_table_contains (kept, &id))
        g_array_append_val (stale, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  for (guint i = 0; i < stale->len; i++)
    {
      gint64 id = g_array_index (stale, gint64, i);
      gboolean has = FALSE;

      if (!defect_class_has_records (store, id, &has, error))
        return FALSE;
      stmt = lc_store_prepare (store,
                               has ? "UPDATE defect_class SET archived = 1 WHERE id = ?"
                                   : "DELETE FROM defect_class WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The archived rows that the editor never shows must keep their parked names un-parked. */
static gboolean
unpark_archived (LcStore     *store,
                 gint64       part_id,
                 GError     **error)
{
  static const char * const sql[] = {
    "UPDATE characteristic SET name = substr(name, length(id) + 2)"
    " WHERE part_type_id = ? AND substr(name, 1, 1) = char(1)",
    "UPDATE defect_class SET name = substr(name, length(id) + 2)"
    " WHERE part_type_id = ? AND substr(name, 1, 1) = char(1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = lc_store_prepare (store, sql[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, part_id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lc_part_type_save (LcPartType  *self,
                   LcStore     *store,
                   GError     **error)
{
  g_autoptr(LcPartType) before = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 id = lc_part_type_get_id (self);
  gint64 now = lc_store_now ();
  int rc;

  g_return_val_if_fail (LC_IS_PART_TYPE (self), FALSE);
  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  if (!lc_part_type_validate (self, error))
    return FALSE;
  code = g_strstrip (g_strdup (lc_part_type_get_code (self)));
  name = g_strstrip (g_strdup (lc_part_type_get_name (self)));

  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("change a part type or its specifications"), error) ||
      !lc_store_begin (store, error))
    return FALSE;

  stmt = lc_store_prepare (store, "SELECT name FROM part_type WHERE code = ? AND id != ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_CODE,
                   _("The code “%s” is already used by the part type “%s”."), code,
                   (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (id != 0)
    {
      before = lc_part_type_load (store, id, error);
      if (before == NULL)
        goto fail;
      old_json = part_to_json_text (before);
      stmt = lc_store_prepare (store,
                               "UPDATE part_type SET code = ?1, name = ?2, revision = ?3, description = ?4,"
                               " reference_image = ?5, archived = ?6, active_model_id = ?7,"
                               " camera_id = ?8, camera_settings = ?9, outputs = ?10, updated_at = ?11"
                               " WHERE id = ?12", error);
    }
  else
    stmt = lc_store_prepare (store,
                             "INSERT INTO part_type (code, name, revision, description, reference_image,"
                             " archived, active_model_id, camera_id, camera_settings, outputs, updated_at,"
                             " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lc_part_type_get_revision (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lc_part_type_get_description (self), -1, SQLITE_TRANSIENT);
  lc_store_bind_text_or_null (stmt, 5, lc_part_type_get_reference_image (self));
  sqlite3_bind_int (stmt, 6, lc_part_type_get_archived (self));
  lc_store_bind_id_or_null (stmt, 7, lc_part_type_get_active_model_id (self));
  lc_store_bind_id_or_null (stmt, 8, lc_part_type_get_camera_id (self));
  sqlite3_bind_text (stmt, 9, lc_part_type_get_camera_settings (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, lc_part_type_get_outputs (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, now);
  sqlite3_bind_int64 (stmt, 12, id != 0 ? id : now);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  if (id == 0)
    id = lc_store_last_insert_id (store);

  if (!save_characteristics (self, store, id, error) ||
      !save_defect_classes (self, store, id, error) ||
      !unpark_archived (store, id, error))
    goto fail;

  lc_part_type_set_id (self, id);
  lc_part_type_set_code (self, code);
  lc_part_type_set_name (self, name);
  _lc_part_type_set_updated_at (self, now);
  new_json = part_to_json_text (self);
  if (g_strcmp0 (old_json, new_json) != 0 &&
      !lc_audit_record (store, "part_type", id, before == NULL ? "create" : "update",
                        old_json, new_json, NULL, error))
    goto fail;

  if (!lc_store_commit (store, error))
    {
      if (before == NULL)
        lc_part_type_set_id (self, 0);
      return FALSE;
    }
  lc_store_notify_changed (store, "part_type", id);
  return TRUE;

fail:
  lc_store_rollback (store);
  if (before == NULL)
    lc_part_type_set_id (self, 0);
  return FALSE;
}

gboolean
lc_part_type_set_archived_in_store (LcPartType  *self,
                                    LcStore     *store,
                                    gboolean     archived,
                                    GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = lc_part_type_get_id (self);

  g_return_val_if_fail (id > 0, FALSE);

  if (!lc_store_begin (store, error))
    return FALSE;
  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("archive or restore a part type"), error))
    goto fail;
  stmt = lc_store_prepare (store, "UPDATE part_type SET archived = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, archived);
  sqlite3_bind_int64 (stmt, 2, lc_store_now ());
  sqlite3_bind_int64 (stmt, 3, id);
  if (!lc_store_step_done (store, stmt, error) ||
      !lc_audit_record (store, "part_type", id, archived ? "archive" : "restore",
                        NULL, lc_part_type_get_code (self), NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_part_type_set_archived (self, archived);
  lc_store_notify_changed (store, "part_type", id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_part_type_count_records (LcStore  *store,
                            gint64    part_type_id,
                            gint64   *n_records,
                            GError  **error)
{
  return count_rows (store,
                     "SELECT (SELECT count(*) FROM inspection WHERE part_type_id = ?1)"
                     " + (SELECT count(*) FROM image WHERE part_type_id = ?1)"
                     " + (SELECT count(*) FROM lot WHERE part_type_id = ?1)"
                     " + (SELECT count(*) FROM model WHERE part_type_id = ?1)"
                     " + (SELECT count(*) FROM event WHERE part_type_id = ?1)",
                     part_type_id, n_records, error);
}

/* Only a part type nobody has inspected, imaged or trained may go; the others are archived. */
gboolean
lc_part_type_delete (LcPartType  *self,
                     LcStore     *store,
                     GError     **error)
{
  static const char * const sql[] = {
    "DELETE FROM control_limits WHERE characteristic_id IN"
    " (SELECT id FROM characteristic WHERE part_type_id = ?)",
    "DELETE FROM characteristic WHERE part_type_id = ?",
    "DELETE FROM defect_class WHERE part_type_id = ?",
    "DELETE FROM part_type WHERE id = ?",
  };
  g_autofree char *old_json = NULL;
  gint64 id = lc_part_type_get_id (self);
  gint64 n_records = 0;

  g_return_val_if_fail (id > 0, FALSE);

  if (!lc_store_begin (store, error))
    return FALSE;
  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("delete a part type"), error) ||
      !lc_part_type_count_records (store, id, &n_records, error))
    goto fail;
  if (n_records > 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_HAS_RECORDS,
                   _("“%s” has inspection records, so it cannot be deleted. Archive it instead: "
                     "it leaves the lists, and its records stay."), lc_part_type_get_code (self));
      goto fail;
    }
  old_json = part_to_json_text (self);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = lc_store_prepare (store, sql[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!lc_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!lc_audit_record (store, "part_type", id, "delete", old_json, NULL, NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "part_type", id);
  lc_part_type_set_id (self, 0);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

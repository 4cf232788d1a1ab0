#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lc-label-training.h"
#include "lc-part-type.h"
#include "vision/lc-vision-model-store.h"

typedef struct
{
  gint64             image_id;
  char              *path;
  char              *label;
  gint64             defect_class_id;
  char              *shape;
  char              *geometry;
} Row;

static void
add_region (LcVisionTrainingSet *set,
            const char          *path,
            const char          *class_name,
            const char          *geometry)
{
  g_autoptr(JsonNode) node = json_from_string (geometry, NULL);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  double x, y, w, h;

  if (object == NULL)
    return;
  if (json_object_has_member (object, "points"))
    {
      /* An outline: its bounding box. */
      JsonArray *points = json_object_get_array_member (object, "points");
      double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      x = y = G_MAXDOUBLE;
      for (guint i = 0; i < json_array_get_length (points); i++)
        {
          JsonArray *p = json_array_get_array_element (points, i);
          x = MIN (x, json_array_get_double_element (p, 0));
          y = MIN (y, json_array_get_double_element (p, 1));
          x1 = MAX (x1, json_array_get_double_element (p, 0));
          y1 = MAX (y1, json_array_get_double_element (p, 1));
        }
      w = x1 - x;
      h = y1 - y;
    }
  else
    {
      x = json_object_get_double_member_with_default (object, "x", 0);
      y = json_object_get_double_member_with_default (object, "y", 0);
      w = json_object_get_double_member_with_default (object, "width", 0);
      h = json_object_get_double_member_with_default (object, "height", 0);
    }
  if (w >= 1 && h >= 1)
    lc_vision_training_set_add_region (set, path, class_name, (int) x, (int) y, (int) (w + 0.5), (int) (h + 0.5));
}

LcVisionTrainingSet *
lc_label_training_set_new (LcStore            *store,
                           gint64              part_type_id,
                           LcVisionModelKind   kind,
                           GError            **error)
{
  g_autoptr(LcVisionTrainingSet) set = lc_vision_training_set_new ();
  g_autoptr(LcPartType) part = lc_part_type_load (store, part_type_id, error);
  sqlite3_stmt *stmt;
  gint64 last_image = 0;
  guint n_classes;
  int rc;

  if (part == NULL)
    return NULL;
  /* One row per picture and region, pictures in the order they were taken, regions in the
   * order they were drawn; good pictures come with no region. */
  stmt = lc_store_prepare (store,
                           "SELECT i.id, i.file, i.label, a.defect_class_id, a.shape, a.geometry"
                           " FROM image i LEFT JOIN annotation a ON a.image_id = i.id AND a.author = 'operator'"
                           " AND a.defect_class_id IS NOT NULL"
                           " WHERE i.part_type_id = ? AND i.label IN ('good', 'defect')"
                           " ORDER BY i.captured_at, i.id, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 image_id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *path = g_build_filename (lc_store_get_data_dir (store),
                                                (const char *) sqlite3_column_text (stmt, 1), NULL);
      gboolean good = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "good") == 0;
      LcDefectClass *dc = lc_part_type_find_defect_class_by_id (part, sqlite3_column_int64 (stmt, 3));
      const char *shape = (const char *) sqlite3_column_text (stmt, 4);
      const char *geometry = (const char *) sqlite3_column_text (stmt, 5);

      if (kind == LC_VISION_MODEL_ANOMALY)
        {
          if (image_id == last_image)
            continue;
          if (good)
            lc_vision_training_set_add_file (set, path, LC_LABEL_GOOD_CLASS, NULL);
          else if (dc != NULL)
            {
              g_autofree char *mask = NULL;

              if (g_strcmp0 (shape, "mask") == 0)
                {
                  g_autoptr(JsonNode) node = json_from_string (geometry, NULL);
                  const char *file = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                    ? json_object_get_string_member_with_default (json_node_get_object (node), "file", NULL) : NULL;
                  if (file != NULL)
                    mask = g_build_filename (lc_store_get_data_dir (store), file, NULL);
                }
              lc_vision_training_set_add_file (set, path, lc_defect_class_get_name (dc), mask);
            }
          last_image = image_id;
        }
      else if (!good && dc != NULL)
        add_region (set, path, lc_defect_class_get_name (dc), geometry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  lc_vision_training_set_get_classes (set, &n_classes);
  if (kind == LC_VISION_MODEL_ANOMALY && lc_vision_training_set_count_class (set, LC_LABEL_GOOD_CLASS) < 2)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("Label at least two pictures of good parts (G) before training: the model learns "
                     "what a good part looks like from them."));
      return NULL;
    }
  if (kind == LC_VISION_MODEL_CLASSIFIER && n_classes < 2)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("Naming defects needs regions of at least two defect classes."));
      return NULL;
    }
  return g_steal_pointer (&set);
}

gboolean
lc_label_activate_model (LcStore        *store,
                         gint64          part_type_id,
                         gint64          model_id,
                         LcVisionModel  *anomaly,
                         gint64          classifier_id,
                         GError        **error)
{
  g_autoptr(LcVisionModelRecord) record = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;

  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("activate a model"), error))
    return FALSE;
  record = lc_vision_model_store_get (store, model_id, error);
  if (record == NULL)
    return FALSE;
  if (record->part_type_id != part_type_id)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("That model version is no longer in the database."));
      return FALSE;
    }

  /* The threshold the operator chose goes into the file the inspection will load. */
  path = g_path_is_absolute (record->file) ? g_strdup (record->file)
                                           : g_build_filename (lc_store_get_data_dir (store), record->file, NULL);
  if (anomaly != NULL && !lc_vision_model_save (anomaly, path, error))
    return FALSE;

  if (!lc_store_begin (store, error))
    return FALSE;
  stmt = lc_store_prepare (store, "UPDATE model SET metrics = json_set (metrics, '$.threshold', ?) WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_double (stmt, 1, anomaly != NULL ? lc_vision_model_get_threshold (anomaly) : 0);
  sqlite3_bind_int64 (stmt, 2, model_id);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  /* the classifier first, so that the part type's active_model_id ends on the anomaly model;
   * each activation is in the audit trail (lc_vision_model_store_activate) */
  if ((classifier_id != 0 && !lc_vision_model_store_activate (store, classifier_id, error)) ||
      !lc_vision_model_store_activate (store, model_id, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "part_type", part_type_id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

int
lc_label_get_active_version (LcStore  *store,
                             gint64    part_type_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT m.version FROM part_type p JOIN model m ON m.id = p.active_model_id"
                                         " WHERE p.id = ?", error);
  int version = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

#include "lc-config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lc-audit.h"
#include "lc-label-training.h"
#include "lc-part-type.h"

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

static int
next_version (LcStore  *store,
              gint64    part_type_id,
              GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT coalesce (max (version), 0) + 1 FROM model WHERE part_type_id = ?",
                                         error);
  int version = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static char *
parameters_with_classifier (LcVisionModel *anomaly,
                            const char    *classifier_file)
{
  g_autoptr(JsonNode) node = json_from_string (lc_vision_model_get_parameters_json (anomaly), NULL);
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    node = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (node);
  if (classifier_file != NULL)
    json_object_set_string_member (object, "classifier_file", classifier_file);
  return json_to_string (node, FALSE);
}

gint64
lc_label_record_model (LcStore        *store,
                       gint64          part_type_id,
                       LcVisionModel  *anomaly,
                       LcVisionModel  *classifier,
                       int            *version_out,
                       GError        **error)
{
  g_autoptr(LcPartType) part = lc_part_type_load (store, part_type_id, error);
  g_autofree char *models_dir = lc_store_get_models_dir (store);
  g_autofree char *anomaly_name = NULL;
  g_autofree char *classifier_name = NULL;
  g_autofree char *anomaly_file = NULL;
  g_autofree char *classifier_file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parameters = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int version;

  if (part == NULL)
    return 0;
  version = next_version (store, part_type_id, error);
  if (version == 0)
    return 0;
  if (g_mkdir_with_parents (models_dir, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_FILE,
                   _("The models folder %s cannot be created: %s"), models_dir, g_strerror (saved));
      return 0;
    }
  /* The code may hold characters a file name should not. */
  code = g_strdup (lc_part_type_get_code (part));
  g_strcanon (code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", '_');
  anomaly_name = g_strdup_printf ("%s-v%d-anomaly.lcm", code, version);
  anomaly_file = g_build_filename ("models", anomaly_name, NULL);
  path = g_build_filename (models_dir, anomaly_name, NULL);
  if (!lc_vision_model_save (anomaly, path, error))
    return 0;
  if (classifier != NULL)
    {
      g_autofree char *classifier_path = NULL;

      classifier_name = g_strdup_printf ("%s-v%d-classifier.lcm", code, version);
      classifier_file = g_build_filename ("models", classifier_name, NULL);
      classifier_path = g_build_filename (models_dir, classifier_name, NULL);
      if (!lc_vision_model_save (classifier, classifier_path, error))
        return 0;
    }

  parameters = parameters_with_classifier (anomaly, classifier_file);
  stmt = lc_store_prepare (store,
                           "INSERT INTO model (part_type_id, version, kind, parameters, training_set, metrics,"
                           " file, created_at, created_by) VALUES (?, ?, 'anomaly', ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_int (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, parameters, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lc_vision_model_get_training_set_json (anomaly), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, lc_vision_model_get_metrics_json (anomaly), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, anomaly_file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, lc_store_now ());
  lc_store_bind_id_or_null (stmt, 8, lc_store_get_actor_id (store));
  if (!lc_store_step_done (store, stmt, error))
    return 0;
  id = lc_store_last_insert_id (store);
  lc_store_notify_changed (store, "model", id);
  if (version_out != NULL)
    *version_out = version;
  return id;
}

gboolean
lc_label_activate_model (LcStore        *store,
                         gint64          part_type_id,
                         gint64          model_id,
                         LcVisionModel  *anomaly,
                         GError        **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *old = NULL;
  g_autofree char *new_value = g_strdup_printf ("%" G_GINT64_FORMAT, model_id);
  g_autofree char *threshold = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  sqlite3_stmt *stmt;

  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("activate a model"), error))
    return FALSE;
  stmt = lc_store_prepare (store, "SELECT m.file, p.active_model_id FROM model m JOIN part_type p ON p.id = m.part_type_id"
                           " WHERE m.id = ? AND m.part_type_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_int64 (stmt, 2, part_type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      file = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        old = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (file == NULL)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("That model version is no longer in the database."));
      return FALSE;
    }

  /* The threshold the operator chose goes into the file the inspection will load. */
  path = g_build_filename (lc_store_get_data_dir (store), file, NULL);
  if (anomaly != NULL && !lc_vision_model_save (anomaly, path, error))
    return FALSE;
  threshold = g_strdup (g_ascii_dtostr (buffer, sizeof buffer,
                                        anomaly != NULL ? lc_vision_model_get_threshold (anomaly) : 0));

  if (!lc_store_begin (store, error))
    return FALSE;
  stmt = lc_store_prepare (store, "UPDATE model SET metrics = json_set (metrics, '$.threshold', ?) WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_double (stmt, 1, g_ascii_strtod (threshold, NULL));
  sqlite3_bind_int64 (stmt, 2, model_id);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  stmt = lc_store_prepare (store, "UPDATE part_type SET active_model_id = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_int64 (stmt, 2, lc_store_now ());
  sqlite3_bind_int64 (stmt, 3, part_type_id);
  if (!lc_store_step_done (store, stmt, error) ||
      !lc_audit_record (store, "part_type", part_type_id, "activate-model", old, new_value, threshold, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "part_type", part_type_id);
  lc_store_notify_changed (store, "model", model_id);
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

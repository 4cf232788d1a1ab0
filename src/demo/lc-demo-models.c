#include "lc-config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-camera-capture.h"
#include "lc-camera-sim.h"
#include "lc-demo.h"
#include "lc-demo-private.h"
#include "lc-inspect-vision.h"
#include "label/lc-label-training.h"
#include "vision/lc-vision-model-store.h"
#include "vision/lc-vision-training.h"

/* The demo's vision models: each part type gets an anomaly model learned from pictures of
 * good parts and a defect classifier learned from the demo's labelled defect pictures, both
 * registered and active, so the Inspect page on the simulated camera finds and names
 * defects from the first part. Kept small (a few pictures per class, two validation folds)
 * so that creating the demo stays quick; bench/inspect prints how long it takes. */

/* Pictures of good parts per part type: the anomaly model's two folds need at least 4. */
#define DEMO_GOOD_PICTURES 8
/* The camera's shape (5:4) at a size the anomaly model shrinks, as it shrinks the camera's
 * 1280 × 1024 pictures, so both are seen at the same scale. */
#define DEMO_GOOD_WIDTH  400
#define DEMO_GOOD_HEIGHT 320
/* Defect pictures per class for the classifier, and defect pictures the anomaly model is
 * checked on. */
#define DEMO_PATCHES_PER_CLASS 8
#define DEMO_ANOMALY_CHECKS    2

/* An 8-bit grey copy of a stored picture (cairo reads the PNG; the vision library's own
 * reader is C++ and stays in src/vision). */
static guint8 *
read_gray (const char  *path,
           int         *width,
           int         *height,
           GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const guint8 *data;
  guint8 *gray;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot read the picture %s: %s"), path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  *width = cairo_image_surface_get_width (surface);
  *height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  gray = g_malloc ((gsize) *width * *height);
  for (int y = 0; y < *height; y++)
    for (int x = 0; x < *width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + 4 * x);
        /* ITU-R BT.601 luma, as OpenCV's grey conversion. */
        gray[y * *width + x] = (guint8) ((299 * ((pixel >> 16) & 0xff) + 587 * ((pixel >> 8) & 0xff) +
                                          114 * (pixel & 0xff)) / 1000);
      }
  cairo_surface_destroy (surface);
  return gray;
}

static gboolean
add_good_pictures (LcStore              *store,
                   gint64                part_type_id,
                   const char           *code,
                   LcVisionTrainingSet  *set,
                   GError              **error)
{
  for (guint i = 0; i < DEMO_GOOD_PICTURES; i++)
    {
      g_autoptr(LcFrame) frame = lc_camera_sim_render_part (code, DEMO_GOOD_WIDTH, DEMO_GOOD_HEIGHT, 7001 + i, NULL);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      sqlite3_stmt *stmt;
      gint64 image_id = lc_camera_capture_save (store, frame, part_type_id, 0, "demo", &file, error);

      if (image_id == 0)
        return FALSE;
      stmt = lc_store_prepare (store, "UPDATE image SET label = 'good' WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, image_id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      path = g_build_filename (lc_store_get_data_dir (store), file, NULL);
      lc_vision_training_set_add_file (set, path, LC_LABEL_GOOD_CLASS, NULL);
    }
  return TRUE;
}

/* The labelled defect pictures of the part type, one per file and box, a few per class, and
 * only the first class of each look the simulator draws (a class drawn like another could
 * not be told from it). The classifier learns patches cut around the boxes, as the
 * inspection cuts them around what the anomaly model finds. */
static gboolean
add_defect_pictures (LcStore             *store,
                     gint64               part_type_id,
                     const char          *patch_dir,
                     LcVisionTrainingSet *anomaly,
                     LcVisionTrainingSet *classifier,
                     GError             **error)
{
  static const int jitter[][2] = { { 0, 0 }, { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };
  g_autoptr(GHashTable) per_class = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) look_class = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  guint n_checks = 0;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT DISTINCT i.file, d.name, a.geometry FROM image i"
                           " JOIN annotation a ON a.image_id = i.id AND a.author = 'operator'"
                           " JOIN defect_class d ON d.id = a.defect_class_id"
                           " WHERE i.part_type_id = ? AND i.label = 'defect' ORDER BY d.id, i.file", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 4);
      for (int c = 0; c < 3; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autofree char *path = g_build_filename (lc_store_get_data_dir (store), row[0], NULL);
      gpointer look = GINT_TO_POINTER (_lc_demo_sim_defect_for (row[1]));
      const char *owner = g_hash_table_lookup (look_class, look);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_class, row[1]));
      g_autofree guint8 *gray = NULL;
      int x, y, w, h, width, height;

      if (owner == NULL)
        {
          char *copy = g_strdup (row[1]);

          g_hash_table_insert (look_class, look, copy);
          owner = copy;
        }
      if (!g_str_equal (owner, row[1]) || n >= DEMO_PATCHES_PER_CLASS ||
          sscanf (row[2], "{\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d}", &x, &y, &w, &h) != 4)
        continue;
      g_hash_table_insert (per_class, row[1], GUINT_TO_POINTER (n + 1));
      if (n_checks < DEMO_ANOMALY_CHECKS && n == 0)
        {
          lc_vision_training_set_add_file (anomaly, path, row[1], NULL);
          n_checks++;
        }

      gray = read_gray (path, &width, &height, error);
      if (gray == NULL)
        return FALSE;
      /* Five patches per box, the centre moved a little: the anomaly model's region is never
       * centred on a defect exactly as the operator's box is. */
      for (guint j = 0; j < G_N_ELEMENTS (jitter); j++)
        {
          g_autoptr(LcFrame) frame = NULL;
          g_autofree char *patch_file = NULL;
          g_autofree char *patch_path = NULL;
          guint8 *patch = lc_inspect_vision_cut_patch (gray, width, height, width, x + w / 2.0 + jitter[j][0] * w / 4.0,
                                                       y + h / 2.0 + jitter[j][1] * h / 4.0);

          frame = lc_frame_new (LC_FRAME_FORMAT_GRAY8, LC_INSPECT_VISION_PATCH, LC_INSPECT_VISION_PATCH,
                                LC_INSPECT_VISION_PATCH,
                                g_bytes_new_take (patch, LC_INSPECT_VISION_PATCH * LC_INSPECT_VISION_PATCH), 0);
          patch_file = lc_camera_capture_store_png (frame, patch_dir, error);
          if (patch_file == NULL)
            return FALSE;
          patch_path = g_build_filename (patch_dir, patch_file, NULL);
          lc_vision_training_set_add_file (classifier, patch_path, row[1], NULL);
        }
    }
  return TRUE;
}

static gboolean
register_active (LcStore        *store,
                 gint64          part_type_id,
                 LcVisionModel  *model,
                 GError        **error)
{
  g_autoptr(LcVisionModelRecord) record = lc_vision_model_store_register (store, part_type_id, model, error);

  return record != NULL && lc_vision_model_store_activate (store, record->id, error);
}

static gboolean
train_part_type (LcStore     *store,
                 gint64       part_type_id,
                 const char  *code,
                 const char  *patch_dir,
                 GError     **error)
{
  g_autoptr(LcVisionTrainingSet) anomaly_set = lc_vision_training_set_new ();
  g_autoptr(LcVisionTrainingSet) classifier_set = lc_vision_training_set_new ();
  const LcVisionTrainingOptions anomaly_options = { LC_VISION_MODEL_ANOMALY, LC_LABEL_GOOD_CLASS, 2 };
  const LcVisionTrainingOptions classifier_options = { LC_VISION_MODEL_CLASSIFIER, NULL, 1 };
  g_autoptr(LcVisionModel) anomaly = NULL;
  guint n_classes = 0;

  if (!add_good_pictures (store, part_type_id, code, anomaly_set, error) ||
      !add_defect_pictures (store, part_type_id, patch_dir, anomaly_set, classifier_set, error))
    return FALSE;
  anomaly = lc_vision_train (anomaly_set, &anomaly_options, NULL, NULL, NULL, NULL, error);
  if (anomaly == NULL || !register_active (store, part_type_id, anomaly, error))
    return FALSE;
  /* A classifier needs two classes; a part type with one look of defect has none. */
  lc_vision_training_set_get_classes (classifier_set, &n_classes);
  if (n_classes >= 2)
    {
      g_autoptr(LcVisionModel) classifier = lc_vision_train (classifier_set, &classifier_options, NULL, NULL,
                                                             NULL, NULL, error);
      if (classifier == NULL || !register_active (store, part_type_id, classifier, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lc_demo_add_models (LcStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *patch_dir = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  stmt = lc_store_prepare (store, "SELECT id, code FROM part_type ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 3);
      row[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (parts, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  /* The classifier's patches are working files, not records: a temporary folder. */
  patch_dir = g_dir_make_tmp ("linecheck-demo-XXXXXX", error);
  if (patch_dir == NULL)
    return FALSE;
  for (guint i = 0; i < parts->len && ok; i++)
    {
      char **row = g_ptr_array_index (parts, i);
      ok = train_part_type (store, g_ascii_strtoll (row[0], NULL, 10), row[1], patch_dir, error);
    }
  {
    g_autoptr(GDir) dir = g_dir_open (patch_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (patch_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (patch_dir);
  }
  if (ok)
    lc_store_notify_changed (store, "model", 0);
  return ok;
}

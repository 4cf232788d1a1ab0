#include "lc-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc-audit.h"
#include "lc-camera-capture.h"
#include "lc-inspection.h"

struct _LcInspection
{
  GObject     parent_instance;

  gint64      id;
  gint64      part_type_id;
  gint64      lot_id;
  char       *serial;
  gint64      operator_id;
  char       *station;
  gint64      started_at;
  LcVerdict   verdict;
  LcDecidedBy decided_by;
  LcVerdict   suggestion;
  gint64      model_id;
  double      model_score;
  gint64      defect_class_id;
  char       *note;
  GPtrArray  *measurements;
  GPtrArray  *images;
};

G_DEFINE_FINAL_TYPE (LcInspection, lc_inspection, G_TYPE_OBJECT)

const char *
lc_verdict_to_string (LcVerdict verdict)
{
  switch (verdict)
    {
    case LC_VERDICT_PASS: return "pass";
    case LC_VERDICT_FAIL: return "fail";
    case LC_VERDICT_NONE:
    default: return NULL;
    }
}

gboolean
lc_verdict_from_string (const char *text,
                        LcVerdict  *verdict)
{
  if (g_strcmp0 (text, "pass") == 0)
    *verdict = LC_VERDICT_PASS;
  else if (g_strcmp0 (text, "fail") == 0)
    *verdict = LC_VERDICT_FAIL;
  else
    return FALSE;
  return TRUE;
}

const char *
lc_decided_by_to_string (LcDecidedBy decided_by)
{
  switch (decided_by)
    {
    case LC_DECIDED_BY_MODEL: return "model";
    case LC_DECIDED_BY_OPERATOR_OVERRIDE: return "operator-override";
    case LC_DECIDED_BY_OPERATOR:
    default: return "operator";
    }
}

static void
measurement_free (gpointer data)
{
  LcMeasurementRecord *m = data;

  g_free (m->raw);
  g_free (m->reason);
  g_free (m);
}

void
lc_annotation_record_free (gpointer data)
{
  LcAnnotationRecord *a = data;

  g_free (a->shape);
  g_free (a->geometry);
  g_free (a->author);
  g_free (a);
}

static void
image_free (gpointer data)
{
  LcImageRecord *image = data;

  g_free (image->file);
  g_free (image->camera);
  g_ptr_array_unref (image->annotations);
  g_free (image);
}

static void
lc_inspection_finalize (GObject *object)
{
  LcInspection *self = LC_INSPECTION (object);

  g_free (self->serial);
  g_free (self->station);
  g_free (self->note);
  g_ptr_array_unref (self->measurements);
  g_ptr_array_unref (self->images);

  G_OBJECT_CLASS (lc_inspection_parent_class)->finalize (object);
}

static void
lc_inspection_class_init (LcInspectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_inspection_finalize;
}

static void
lc_inspection_init (LcInspection *self)
{
  self->serial = g_strdup ("");
  self->station = g_strdup ("");
  self->note = g_strdup ("");
  self->model_score = NAN;
  self->measurements = g_ptr_array_new_with_free_func (measurement_free);
  self->images = g_ptr_array_new_with_free_func (image_free);
  self->started_at = lc_store_now ();
}

LcInspection *
lc_inspection_new (gint64 part_type_id)
{
  LcInspection *self = g_object_new (LC_TYPE_INSPECTION, NULL);

  self->part_type_id = part_type_id;
  return self;
}

gint64
lc_inspection_get_id (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), 0);
  return self->id;
}

gint64
lc_inspection_get_part_type_id (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), 0);
  return self->part_type_id;
}

void
lc_inspection_set_lot_id (LcInspection *self,
                          gint64        lot_id)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->lot_id = lot_id;
}

gint64
lc_inspection_get_lot_id (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), 0);
  return self->lot_id;
}

void
lc_inspection_set_serial (LcInspection *self,
                          const char   *serial)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  g_free (self->serial);
  self->serial = g_strdup (serial != NULL ? serial : "");
}

const char *
lc_inspection_get_serial (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), NULL);
  return self->serial;
}

void
lc_inspection_set_operator_id (LcInspection *self,
                               gint64        operator_id)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->operator_id = operator_id;
}

void
lc_inspection_set_station (LcInspection *self,
                           const char   *station)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  g_free (self->station);
  self->station = g_strdup (station != NULL ? station : "");
}

void
lc_inspection_set_started_at (LcInspection *self,
                              gint64        started_at)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->started_at = started_at;
}

void
lc_inspection_set_verdict (LcInspection *self,
                           LcVerdict     verdict,
                           LcDecidedBy   decided_by)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->verdict = verdict;
  self->decided_by = decided_by;
}

LcVerdict
lc_inspection_get_verdict (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), LC_VERDICT_NONE);
  return self->verdict;
}

void
lc_inspection_set_suggestion (LcInspection *self,
                              LcVerdict     suggested,
                              gint64        model_id,
                              double        score)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->suggestion = suggested;
  self->model_id = model_id;
  self->model_score = score;
}

LcVerdict
lc_inspection_get_suggestion (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), LC_VERDICT_NONE);
  return self->suggestion;
}

void
lc_inspection_set_defect_class_id (LcInspection *self,
                                   gint64        defect_class_id)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  self->defect_class_id = defect_class_id;
}

void
lc_inspection_set_note (LcInspection *self,
                        const char   *note)
{
  g_return_if_fail (LC_IS_INSPECTION (self));
  g_free (self->note);
  self->note = g_strdup (note != NULL ? note : "");
}

LcMeasurementRecord *
lc_inspection_add_measurement (LcInspection *self,
                               gint64        characteristic_id,
                               double        value,
                               const char   *raw,
                               gint64        channel_id,
                               gint64        measured_at)
{
  LcMeasurementRecord *m;

  g_return_val_if_fail (LC_IS_INSPECTION (self), NULL);

  m = g_new0 (LcMeasurementRecord, 1);
  m->characteristic_id = characteristic_id;
  m->value = value;
  m->raw = g_strdup (raw != NULL ? raw : "");
  m->channel_id = channel_id;
  m->measured_at = measured_at != 0 ? measured_at : lc_store_now ();
  m->reason = g_strdup ("");
  g_ptr_array_add (self->measurements, m);
  return m;
}

gboolean
lc_inspection_supersede (LcInspection *self,
                         gint64        characteristic_id,
                         const char   *reason)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), FALSE);

  for (guint i = self->measurements->len; i > 0; i--)
    {
      LcMeasurementRecord *m = g_ptr_array_index (self->measurements, i - 1);

      if (m->characteristic_id == characteristic_id && !m->superseded)
        {
          m->superseded = TRUE;
          g_free (m->reason);
          m->reason = g_strdup (reason != NULL ? reason : "");
          return TRUE;
        }
    }
  return FALSE;
}

GPtrArray *
lc_inspection_get_measurements (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), NULL);
  return self->measurements;
}

LcImageRecord *
lc_inspection_add_image (LcInspection *self,
                         const char   *file,
                         int           width,
                         int           height,
                         const char   *camera,
                         gint64        captured_at)
{
  LcImageRecord *image;

  g_return_val_if_fail (LC_IS_INSPECTION (self), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  image = g_new0 (LcImageRecord, 1);
  image->file = g_strdup (file);
  image->width = width;
  image->height = height;
  image->camera = g_strdup (camera != NULL ? camera : "");
  image->captured_at = captured_at != 0 ? captured_at : lc_store_now ();
  image->annotations = g_ptr_array_new_with_free_func (lc_annotation_record_free);
  g_ptr_array_add (self->images, image);
  return image;
}

void
lc_image_record_add_annotation (LcImageRecord *image,
                                gint64         defect_class_id,
                                const char    *shape,
                                const char    *geometry,
                                const char    *author,
                                gint64         model_id,
                                double         score)
{
  LcAnnotationRecord *a = g_new0 (LcAnnotationRecord, 1);

  a->defect_class_id = defect_class_id;
  a->shape = g_strdup (shape);
  a->geometry = g_strdup (geometry);
  a->author = g_strdup (author);
  a->model_id = model_id;
  a->score = score;
  g_ptr_array_add (image->annotations, a);
}

GPtrArray *
lc_inspection_get_images (LcInspection *self)
{
  g_return_val_if_fail (LC_IS_INSPECTION (self), NULL);
  return self->images;
}

static gboolean
insert_images (LcInspection  *self,
               LcStore       *store,
               GError       **error)
{
  for (guint i = 0; i < self->images->len; i++)
    {
      LcImageRecord *image = g_ptr_array_index (self->images, i);
      gboolean has_defect = FALSE;
      sqlite3_stmt *stmt;
      gint64 image_id;

      for (guint a = 0; a < image->annotations->len; a++)
        {
          LcAnnotationRecord *annotation = g_ptr_array_index (image->annotations, a);
          has_defect = has_defect || g_strcmp0 (annotation->author, "operator") == 0;
        }

      stmt = lc_store_prepare (store,
                               "INSERT INTO image (part_type_id, inspection_id, file, width, height, camera,"
                               " captured_at, label, source, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                               " 'capture', ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->part_type_id);
      sqlite3_bind_int64 (stmt, 2, self->id);
      sqlite3_bind_text (stmt, 3, image->file, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, image->width);
      sqlite3_bind_int (stmt, 5, image->height);
      sqlite3_bind_text (stmt, 6, image->camera, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, image->captured_at);
      /* The operator's verdict labels the image: a pass without operator regions is a good
       * part, a fail with them is a labelled defect; anything else waits for labelling. */
      sqlite3_bind_text (stmt, 8,
                         has_defect ? "defect"
                         : self->verdict == LC_VERDICT_PASS ? "good" : "unlabelled", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, image->review);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      image_id = lc_store_last_insert_id (store);

      for (guint a = 0; a < image->annotations->len; a++)
        {
          LcAnnotationRecord *annotation = g_ptr_array_index (image->annotations, a);

          stmt = lc_store_prepare (store,
                                   "INSERT INTO annotation (image_id, defect_class_id, shape, geometry, author,"
                                   " operator_id, model_id, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, image_id);
          lc_store_bind_id_or_null (stmt, 2, annotation->defect_class_id);
          sqlite3_bind_text (stmt, 3, annotation->shape, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, annotation->geometry, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 5, annotation->author, -1, SQLITE_TRANSIENT);
          lc_store_bind_id_or_null (stmt, 6, g_strcmp0 (annotation->author, "operator") == 0
                                                ? self->operator_id : 0);
          lc_store_bind_id_or_null (stmt, 7, annotation->model_id);
          lc_store_bind_double_or_null (stmt, 8, annotation->score);
          sqlite3_bind_int64 (stmt, 9, lc_store_now ());
          if (!lc_store_step_done (store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
lc_inspection_record (LcInspection  *self,
                      LcStore       *store,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_INSPECTION (self), FALSE);
  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->id == 0, FALSE);

  if (self->verdict == LC_VERDICT_NONE)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                   _("An inspection is recorded with a verdict: pass or fail."));
      return FALSE;
    }

  /* Room for the rows and the WAL growing by a few pages; the store keeps its reserve. */
  if (!lc_store_check_space (store, 64 * 1024, error) || !lc_store_begin (store, error))
    return FALSE;

  stmt = lc_store_prepare (store,
                           "INSERT INTO inspection (part_type_id, lot_id, serial, operator_id, station,"
                           " started_at, recorded_at, verdict, suggested_verdict, decided_by, defect_class_id,"
                           " model_id, model_score, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->part_type_id);
  lc_store_bind_id_or_null (stmt, 2, self->lot_id);
  sqlite3_bind_text (stmt, 3, self->serial, -1, SQLITE_TRANSIENT);
  lc_store_bind_id_or_null (stmt, 4, self->operator_id);
  sqlite3_bind_text (stmt, 5, self->station, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, self->started_at);
  sqlite3_bind_int64 (stmt, 7, lc_store_now ());
  sqlite3_bind_text (stmt, 8, lc_verdict_to_string (self->verdict), -1, SQLITE_STATIC);
  lc_store_bind_text_or_null (stmt, 9, lc_verdict_to_string (self->suggestion));
  sqlite3_bind_text (stmt, 10, lc_decided_by_to_string (self->decided_by), -1, SQLITE_STATIC);
  lc_store_bind_id_or_null (stmt, 11, self->defect_class_id);
  lc_store_bind_id_or_null (stmt, 12, self->model_id);
  lc_store_bind_double_or_null (stmt, 13, self->model_score);
  sqlite3_bind_text (stmt, 14, self->note, -1, SQLITE_TRANSIENT);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  self->id = lc_store_last_insert_id (store);

  for (guint i = 0; i < self->measurements->len; i++)
    {
      LcMeasurementRecord *m = g_ptr_array_index (self->measurements, i);

      stmt = lc_store_prepare (store,
                               "INSERT INTO measurement (inspection_id, characteristic_id, value, raw, channel_id,"
                               " measured_at, superseded, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_int64 (stmt, 2, m->characteristic_id);
      sqlite3_bind_double (stmt, 3, m->value);
      sqlite3_bind_text (stmt, 4, m->raw, -1, SQLITE_TRANSIENT);
      lc_store_bind_id_or_null (stmt, 5, m->channel_id);
      sqlite3_bind_int64 (stmt, 6, m->measured_at);
      sqlite3_bind_int (stmt, 7, m->superseded);
      sqlite3_bind_text (stmt, 8, m->reason, -1, SQLITE_TRANSIENT);
      if (!lc_store_step_done (store, stmt, error))
        goto fail;
    }

  if (!insert_images (self, store, error))
    goto fail;
  /* The operator went against the model: the audit trail keeps who, what the model said,
   * what the operator decided and the note given as the reason. */
  if (self->decided_by == LC_DECIDED_BY_OPERATOR_OVERRIDE &&
      !lc_audit_record (store, "inspection", self->id, "verdict-override",
                        lc_verdict_to_string (self->suggestion), lc_verdict_to_string (self->verdict),
                        self->note, error))
    goto fail;
  if (!lc_store_commit (store, error))
    goto fail;

  lc_store_notify_changed (store, "inspection", self->id);
  return TRUE;

fail:
  lc_store_rollback (store);
  self->id = 0;
  return FALSE;
}

char *
lc_inspection_store_image_png (LcStore  *store,
                               GBytes   *png,
                               GError  **error)
{
  g_autofree char *dir = lc_store_get_images_dir (store);

  /* Refused before writing when the disk is nearly full, so the database keeps room for its
   * journal; the writing itself is the camera captures' (hash name, synced, renamed). */
  if (!lc_store_check_space (store, g_bytes_get_size (png), error))
    return NULL;
  return lc_camera_capture_store_png_bytes (png, dir, error);
}

/* g_file_set_contents names its temporary file after the target plus "." and six
 * characters: "<sha256>.png.A1b2C3". */
static gboolean
is_temporary_image_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && strlen (dot + 1) == 6 && dot - name > 4 && strncmp (dot - 4, ".png", 4) == 0;
}

gboolean
lc_inspection_remove_stray_image_files (LcStore   *store,
                                        gint64     started_at,
                                        guint     *n_removed,
                                        GError   **error)
{
  g_autofree char *dir_path = lc_store_get_images_dir (store);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);
  if (n_removed != NULL)
    *n_removed = 0;
  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    return TRUE;
  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *relative = NULL;
      sqlite3_stmt *stmt;
      GStatBuf st;
      gboolean referenced;

      if (!is_temporary_image_name (name))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
          (gint64) st.st_mtime * G_USEC_PER_SEC >= started_at)
        continue;
      relative = g_build_filename ("images", name, NULL);
      stmt = lc_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM image WHERE file = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, relative, -1, SQLITE_TRANSIENT);
      referenced = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
      if (!referenced && g_unlink (path) == 0)
        removed++;
    }
  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;
}

#include "lc-config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-camera.h"
#include "lc-camera-capture.h"
#include "vision/lc-camera-image.h"

static GBytes *
encode_png (LcFrame  *frame,
            GError  **error)
{
  gsize size = 0;
  guint8 *png = lc_camera_image_encode_png (lc_frame_get_pixels (frame),
                                            lc_frame_get_width (frame),
                                            lc_frame_get_height (frame),
                                            lc_frame_get_stride (frame),
                                            lc_frame_get_channels (frame),
                                            &size);

  if (png == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SAVE,
                   _("The picture could not be turned into a PNG file (out of memory?)."));
      return NULL;
    }
  return g_bytes_new_take (png, size);
}

static gboolean
write_atomically (GBytes      *bytes,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  /* CONSISTENT writes a temporary file and renames it over @path; DURABLE syncs it first. */
  if (!g_file_set_contents_full (path, data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SAVE,
                   _("The picture could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_camera_capture_write_png (LcFrame     *frame,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GBytes) png = encode_png (frame, error);

  return png != NULL && write_atomically (png, path, error);
}

char *
lc_camera_capture_store_png_bytes (GBytes      *png,
                                   const char  *images_dir,
                                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int dir_fd;

  g_return_val_if_fail (png != NULL, NULL);
  g_return_val_if_fail (images_dir != NULL, NULL);

  if (g_mkdir_with_parents (images_dir, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SAVE,
                   _("The images folder %s cannot be made: %s"), images_dir, g_strerror (saved));
      return NULL;
    }

  name = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  name = g_strconcat (g_steal_pointer (&name), ".png", NULL);
  path = g_build_filename (images_dir, name, NULL);
  /* The same bytes are already there: the name says so. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&name);
  if (!write_atomically (png, path, error))
    return NULL;
  /* The rename survives a power cut only once the folder itself is synced. */
  dir_fd = g_open (images_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return g_steal_pointer (&name);
}

char *
lc_camera_capture_store_png (LcFrame     *frame,
                             const char  *images_dir,
                             GError     **error)
{
  g_autoptr(GBytes) png = encode_png (frame, error);

  if (png == NULL)
    return NULL;
  return lc_camera_capture_store_png_bytes (png, images_dir, error);
}

static gint64
insert_image_row (LcStore     *store,
                  const char  *name,
                  int          width,
                  int          height,
                  gint64       part_type_id,
                  gint64       inspection_id,
                  const char  *camera,
                  char       **file,
                  GError     **error)
{
  g_autofree char *relative = g_build_filename ("images", name, NULL);
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = lc_store_prepare (store,
                           "INSERT INTO image (part_type_id, inspection_id, file, width, height, "
                           "camera, captured_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'capture')",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  lc_store_bind_id_or_null (stmt, 2, inspection_id);
  sqlite3_bind_text (stmt, 3, relative, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, width);
  sqlite3_bind_int (stmt, 5, height);
  sqlite3_bind_text (stmt, 6, camera != NULL ? camera : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, lc_store_now ());
  if (!lc_store_step_done (store, stmt, error))
    return 0;
  id = lc_store_last_insert_id (store);
  lc_store_notify_changed (store, "image", id);
  if (file != NULL)
    *file = g_steal_pointer (&relative);
  return id;
}

gint64
lc_camera_capture_save (LcStore     *store,
                        LcFrame     *frame,
                        gint64       part_type_id,
                        gint64       inspection_id,
                        const char  *camera,
                        char       **file,
                        GError     **error)
{
  g_autofree char *images_dir = lc_store_get_images_dir (store);
  g_autofree char *name = lc_camera_capture_store_png (frame, images_dir, error);

  if (name == NULL)
    return 0;
  return insert_image_row (store, name, lc_frame_get_width (frame), lc_frame_get_height (frame),
                           part_type_id, inspection_id, camera, file, error);
}

typedef struct
{
  LcFrame *frame;
  char    *images_dir;
  gint64   part_type_id;
  gint64   inspection_id;
  char    *camera;
} SaveData;

static void
save_data_free (SaveData *data)
{
  lc_frame_unref (data->frame);
  g_free (data->images_dir);
  g_free (data->camera);
  g_free (data);
}

static void
store_png_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  char *name = lc_camera_capture_store_png (data->frame, data->images_dir, &error);

  if (name == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, name, g_free);
}

void
lc_camera_capture_save_async (LcStore             *store,
                              LcFrame             *frame,
                              gint64               part_type_id,
                              gint64               inspection_id,
                              const char          *camera,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (frame != NULL);

  data = g_new0 (SaveData, 1);
  data->frame = lc_frame_ref (frame);
  data->images_dir = lc_store_get_images_dir (store);
  data->part_type_id = part_type_id;
  data->inspection_id = inspection_id;
  data->camera = g_strdup (camera);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_camera_capture_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, store_png_thread);
}

gint64
lc_camera_capture_save_finish (LcStore       *store,
                               GAsyncResult  *result,
                               char         **file,
                               GError       **error)
{
  SaveData *data;
  g_autofree char *name = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), 0);

  name = g_task_propagate_pointer (G_TASK (result), error);
  if (name == NULL)
    return 0;
  data = g_task_get_task_data (G_TASK (result));
  return insert_image_row (store, name, lc_frame_get_width (data->frame),
                           lc_frame_get_height (data->frame), data->part_type_id,
                           data->inspection_id, data->camera, file, error);
}

gboolean
lc_camera_capture_link (LcStore  *store,
                        gint64    image_id,
                        gint64    inspection_id,
                        GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "UPDATE image SET inspection_id = ? WHERE id = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, image_id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;
  lc_store_notify_changed (store, "image", image_id);
  return TRUE;
}

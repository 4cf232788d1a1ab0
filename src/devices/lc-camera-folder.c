#include "lc-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-camera-folder.h"
#include "lc-camera-private.h"
#include "vision/lc-camera-image.h"

#define DEFAULT_FRAME_RATE 5.0

struct _LcCameraFolder
{
  LcCamera          parent_instance;

  char             *path;

  /* Acquisition thread only. */
  GPtrArray        *files;          /* full paths, in name order */
  guint             next;
  guint             unreadable_in_pass;
  LcCameraSettings *settings;
  gint64            next_frame_at;
};

G_DEFINE_FINAL_TYPE (LcCameraFolder, lc_camera_folder, LC_TYPE_CAMERA)

LcCameraFolder *
lc_camera_folder_new (const char *path)
{
  g_autofree char *uri = g_strconcat ("folder:", path, NULL);
  LcCameraFolder *self = g_object_new (LC_TYPE_CAMERA_FOLDER, "uri", uri, NULL);

  self->path = g_strdup (path);
  return self;
}

static gboolean
is_image_name (const char *name)
{
  static const char * const suffixes[] = {
    ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".pgm", ".ppm", ".pnm",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  /* Masks beside their images (X.mask.png in the defect data sets) are not pictures. */
  if (strstr (lower, ".mask.") != NULL || name[0] == '.')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
scan (LcCameraFolder  *self,
      GError         **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (self->path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND,
                   _("The image folder %s is not there (removed, renamed, or its drive unplugged)."),
                   self->path);
      return FALSE;
    }
  g_ptr_array_set_size (self->files, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_image_name (name))
      g_ptr_array_add (self->files, g_build_filename (self->path, name, NULL));
  g_ptr_array_sort (self->files, compare_paths);
  self->next = 0;
  self->unreadable_in_pass = 0;

  if (self->files->len == 0)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND,
                   _("The image folder %s holds no images (PNG, JPEG, BMP, TIFF)."), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lc_camera_folder_apply_settings (LcCamera                *camera,
                                 const LcCameraSettings  *settings,
                                 GError                 **error)
{
  LcCameraFolder *self = LC_CAMERA_FOLDER (camera);

  if (settings->trigger == LC_CAMERA_TRIGGER_HARDWARE)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                   _("An image folder has no trigger input: use free run or software trigger."));
      return FALSE;
    }
  g_clear_pointer (&self->settings, lc_camera_settings_free);
  self->settings = lc_camera_settings_copy (settings);
  return TRUE;
}

static gboolean
lc_camera_folder_open (LcCamera                *camera,
                       const LcCameraSettings  *settings,
                       GError                 **error)
{
  LcCameraFolder *self = LC_CAMERA_FOLDER (camera);

  if (!lc_camera_folder_apply_settings (camera, settings, error) || !scan (self, error))
    return FALSE;
  self->next_frame_at = g_get_monotonic_time ();
  return TRUE;
}

static void
lc_camera_folder_close (LcCamera *camera)
{
  LcCameraFolder *self = LC_CAMERA_FOLDER (camera);

  g_ptr_array_set_size (self->files, 0);
  g_clear_pointer (&self->settings, lc_camera_settings_free);
}

static LcFrame *
read_image (const char  *file,
            GError     **error)
{
  g_autofree guint8 *data = NULL;
  g_autofree char *basename = g_path_get_basename (file);
  g_autoptr(GError) local_error = NULL;
  guint8 *pixels = NULL;
  gsize size = 0;
  int width, height, channels;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_get_contents (file, (char **) &data, &size, &local_error))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_CORRUPT_IMAGE,
                   _("The image %s cannot be opened (%s); it was skipped."),
                   basename, local_error->message);
      return NULL;
    }
  switch (lc_camera_image_decode (data, size, &width, &height, &channels, &pixels))
    {
    case LC_CAMERA_IMAGE_OK:
      break;
    case LC_CAMERA_IMAGE_UNREADABLE:
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_CORRUPT_IMAGE,
                   _("The image %s is damaged or not an image; it was skipped."), basename);
      return NULL;
    case LC_CAMERA_IMAGE_FAILED:
    default:
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_CORRUPT_IMAGE,
                   _("The image %s could not be decoded (out of memory?); it was skipped."),
                   basename);
      return NULL;
    }

  bytes = g_bytes_new_take (pixels, (gsize) width * height * channels);
  return lc_frame_new (channels == 1 ? LC_FRAME_FORMAT_GRAY8 : LC_FRAME_FORMAT_RGB8,
                       width, height, width * channels, bytes, g_get_monotonic_time ());
}

static LcFrame *
lc_camera_folder_grab (LcCamera  *camera,
                       GError   **error)
{
  LcCameraFolder *self = LC_CAMERA_FOLDER (camera);
  double rate = isnan (self->settings->frame_rate) ? DEFAULT_FRAME_RATE : self->settings->frame_rate;
  const char *file;
  LcFrame *frame;

  if (self->settings->trigger == LC_CAMERA_TRIGGER_SOFTWARE)
    {
      if (!_lc_camera_wait_for_trigger (camera, g_get_monotonic_time () + G_USEC_PER_SEC / 5))
        return NULL;
    }
  else
    {
      if (!_lc_camera_wait_until (camera, self->next_frame_at))
        return NULL;
      self->next_frame_at = MAX (self->next_frame_at + (gint64) (G_USEC_PER_SEC / rate),
                                 g_get_monotonic_time ());
    }

  if (!g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_DISCONNECTED,
                   _("The image folder %s is not there (removed, renamed, or its drive unplugged)."),
                   self->path);
      return NULL;
    }

  /* The end of a pass: start over, and see files added or removed meanwhile. */
  if (self->next >= self->files->len)
    {
      if (self->unreadable_in_pass == self->files->len)
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND,
                       _("None of the images in %s can be read."), self->path);
          return NULL;
        }
      if (!scan (self, error))
        return NULL;
    }

  file = g_ptr_array_index (self->files, self->next++);
  frame = read_image (file, error);
  if (frame == NULL)
    {
      self->unreadable_in_pass++;
      return NULL;
    }
  return _lc_camera_apply_roi (frame, self->settings, error);
}

static void
lc_camera_folder_finalize (GObject *object)
{
  LcCameraFolder *self = LC_CAMERA_FOLDER (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->settings, lc_camera_settings_free);

  G_OBJECT_CLASS (lc_camera_folder_parent_class)->finalize (object);
}

static void
lc_camera_folder_class_init (LcCameraFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LcCameraClass *camera_class = LC_CAMERA_CLASS (klass);

  object_class->finalize = lc_camera_folder_finalize;

  camera_class->open = lc_camera_folder_open;
  camera_class->grab = lc_camera_folder_grab;
  camera_class->close = lc_camera_folder_close;
  camera_class->apply_settings = lc_camera_folder_apply_settings;
}

static void
lc_camera_folder_init (LcCameraFolder *self)
{
  self->files = g_ptr_array_new_with_free_func (g_free);
}

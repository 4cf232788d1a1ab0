#include "lc-config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-camera-private.h"
#include "lc-camera-v4l2.h"
#include "vision/lc-video-capture.h"

struct _LcCameraV4l2
{
  LcCamera          parent_instance;

  char             *device;

  /* Acquisition thread only. */
  LcVideoCapture   *capture;
  LcCameraSettings *settings;
};

G_DEFINE_FINAL_TYPE (LcCameraV4l2, lc_camera_v4l2, LC_TYPE_CAMERA)

LcCameraV4l2 *
lc_camera_v4l2_new (const char *device)
{
  g_autofree char *uri = g_strconcat ("v4l2:", device, NULL);
  LcCameraV4l2 *self = g_object_new (LC_TYPE_CAMERA_V4L2, "uri", uri, NULL);

  self->device = g_strdup (device);
  return self;
}

GPtrArray *
lc_camera_v4l2_discover (void)
{
  GPtrArray *cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_camera_info_free);
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return cameras;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *node = g_ptr_array_index (names, i);
      g_autofree char *sysfs = g_strdup_printf ("/sys/class/video4linux/%s/name", node);
      g_autofree char *product = NULL;
      LcCameraInfo *info = lc_camera_info_new ();

      g_file_get_contents (sysfs, &product, NULL, NULL);
      info->uri = g_strdup_printf ("v4l2:/dev/%s", node);
      info->kind = g_strdup ("v4l2");
      info->name = product != NULL ? g_strstrip (g_steal_pointer (&product))
                                   : g_strdup (_("Video capture device"));
      info->detail = g_strdup_printf ("/dev/%s", node);
      g_ptr_array_add (cameras, info);
    }
  return cameras;
}

static gboolean
configure (LcCameraV4l2            *self,
           const LcCameraSettings  *settings,
           GError                 **error)
{
  if (settings->trigger != LC_CAMERA_TRIGGER_FREE_RUN &&
      settings->trigger != LC_CAMERA_TRIGGER_SOFTWARE)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                   _("A webcam has no trigger input: use free run or software trigger."));
      return FALSE;
    }
  if (settings->pixel_format != NULL && strlen (settings->pixel_format) == 4)
    {
      const char *c = settings->pixel_format;
      double fourcc = (double) ((guint32) c[0] | ((guint32) c[1] << 8) |
                                ((guint32) c[2] << 16) | ((guint32) c[3] << 24));

      if (!lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_FOURCC, fourcc))
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                       _("The webcam has no pixel format “%s”."), settings->pixel_format);
          return FALSE;
        }
    }
  if (settings->roi_width > 0 && settings->roi_height > 0)
    {
      lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_WIDTH, settings->roi_x + settings->roi_width);
      lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_HEIGHT, settings->roi_y + settings->roi_height);
    }
  if (!isnan (settings->frame_rate))
    lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_FRAME_RATE, settings->frame_rate);
  if (!isnan (settings->exposure_us) &&
      !lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_EXPOSURE_US, settings->exposure_us))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                   _("This webcam does not let its exposure time be set."));
      return FALSE;
    }
  if (!isnan (settings->gain_db) &&
      !lc_video_capture_set (self->capture, LC_VIDEO_CAPTURE_GAIN, settings->gain_db))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                   _("This webcam does not let its gain be set."));
      return FALSE;
    }
  g_clear_pointer (&self->settings, lc_camera_settings_free);
  self->settings = lc_camera_settings_copy (settings);
  return TRUE;
}

static void
lc_camera_v4l2_close (LcCamera *camera)
{
  LcCameraV4l2 *self = LC_CAMERA_V4L2 (camera);

  g_clear_pointer (&self->capture, lc_video_capture_close);
  g_clear_pointer (&self->settings, lc_camera_settings_free);
}

static gboolean
lc_camera_v4l2_open (LcCamera                *camera,
                     const LcCameraSettings  *settings,
                     GError                 **error)
{
  LcCameraV4l2 *self = LC_CAMERA_V4L2 (camera);

  if (!g_file_test (self->device, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND,
                   _("The webcam %s is not plugged in."), self->device);
      return FALSE;
    }
  if (g_access (self->device, R_OK | W_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_OPEN,
                   _("The webcam %s cannot be used: %s (is this user in the “video” group?)"),
                   self->device, g_strerror (saved));
      return FALSE;
    }
  self->capture = lc_video_capture_open (self->device);
  if (self->capture == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_OPEN,
                   _("%s is not a video capture device, or another program is using it."),
                   self->device);
      return FALSE;
    }
  if (!configure (self, settings, error))
    {
      lc_camera_v4l2_close (camera);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lc_camera_v4l2_apply_settings (LcCamera                *camera,
                               const LcCameraSettings  *settings,
                               GError                 **error)
{
  return configure (LC_CAMERA_V4L2 (camera), settings, error);
}

static LcFrame *
lc_camera_v4l2_grab (LcCamera  *camera,
                     GError   **error)
{
  LcCameraV4l2 *self = LC_CAMERA_V4L2 (camera);
  g_autoptr(GBytes) bytes = NULL;
  guint8 *rgb = NULL;
  LcFrame *frame;
  int width, height;

  /* A webcam streams on its own: a software trigger keeps the newest picture from after
   * the trigger and drops the rest. */
  if (self->settings->trigger == LC_CAMERA_TRIGGER_SOFTWARE &&
      !_lc_camera_wait_for_trigger (camera, g_get_monotonic_time () + G_USEC_PER_SEC / 5))
    {
      if (lc_video_capture_read (self->capture, &rgb, &width, &height))
        {
          g_free (rgb);
          return NULL;
        }
    }
  else if (lc_video_capture_read (self->capture, &rgb, &width, &height))
    {
      bytes = g_bytes_new_take (rgb, (gsize) width * height * 3);
      frame = lc_frame_new (LC_FRAME_FORMAT_RGB8, width, height, width * 3, bytes,
                            g_get_monotonic_time ());
      if (g_strcmp0 (self->settings->pixel_format, "Mono8") == 0)
        {
          LcFrame *gray = lc_frame_to_gray (frame);

          lc_frame_unref (frame);
          frame = gray;
        }
      return _lc_camera_apply_roi (frame, self->settings, error);
    }

  g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_DISCONNECTED,
               _("The webcam %s stopped sending pictures (unplugged?)."), self->device);
  return NULL;
}

static void
lc_camera_v4l2_finalize (GObject *object)
{
  LcCameraV4l2 *self = LC_CAMERA_V4L2 (object);

  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (lc_camera_v4l2_parent_class)->finalize (object);
}

static void
lc_camera_v4l2_class_init (LcCameraV4l2Class *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LcCameraClass *camera_class = LC_CAMERA_CLASS (klass);

  object_class->finalize = lc_camera_v4l2_finalize;

  camera_class->open = lc_camera_v4l2_open;
  camera_class->grab = lc_camera_v4l2_grab;
  camera_class->close = lc_camera_v4l2_close;
  camera_class->apply_settings = lc_camera_v4l2_apply_settings;
}

static void
lc_camera_v4l2_init (LcCameraV4l2 *self)
{
}

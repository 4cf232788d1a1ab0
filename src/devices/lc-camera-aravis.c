#include "lc-config.h"

#include <arv.h>
#include <math.h>
#include <glib/gi18n.h>

#include "lc-camera-aravis-private.h"
#include "lc-camera-private.h"
#include "lc-pixel-convert.h"

#define N_STREAM_BUFFERS 4
#define POP_TIMEOUT_US   (200 * 1000)

struct _LcCameraAravis
{
  LcCamera         parent_instance;

  char            *device_id;

  /* Acquisition thread only. */
  ArvCamera       *camera;
  ArvStream       *stream;
  gulong           control_lost_id;
  LcCameraTrigger  trigger;
  double           frame_rate;
  gint64           last_frame_at;
  guint64          incomplete_frames;
  gboolean         triggered;
  double           fake_trigger_rate;  /* set before the thread starts, then read only */

  /* Any thread. */
  gint             control_lost;
  gint             cut_control_requested;
};

G_DEFINE_FINAL_TYPE (LcCameraAravis, lc_camera_aravis, LC_TYPE_CAMERA)

/* Aravis keeps its interface and device lists in globals without locking: discovery on
 * the main thread and opening on acquisition threads must take turns. */
static GMutex aravis_system_mutex;

static void
enable_fake_interface_locked (const char *device_id)
{
  if ((device_id != NULL && g_str_has_prefix (device_id, "Fake")) ||
      g_strcmp0 (g_getenv ("LC_CAMERA_FAKE"), "1") == 0)
    arv_enable_interface ("Fake");
}

LcCameraAravis *
lc_camera_aravis_new (const char *device_id)
{
  g_autofree char *uri = g_strconcat ("aravis:", device_id, NULL);
  LcCameraAravis *self = g_object_new (LC_TYPE_CAMERA_ARAVIS, "uri", uri, NULL);

  self->device_id = g_strdup (device_id);
  return self;
}

GPtrArray *
lc_camera_aravis_discover (void)
{
  GPtrArray *cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_camera_info_free);

  g_mutex_lock (&aravis_system_mutex);
  enable_fake_interface_locked (NULL);
  arv_update_device_list ();
  for (guint i = 0; i < arv_get_n_devices (); i++)
    {
      LcCameraInfo *info = lc_camera_info_new ();
      const char *vendor = arv_get_device_vendor (i);
      const char *model = arv_get_device_model (i);

      info->uri = g_strconcat ("aravis:", arv_get_device_id (i), NULL);
      info->kind = g_strdup ("aravis");
      info->name = g_strdup_printf ("%s %s", vendor != NULL ? vendor : "", model != NULL ? model : "");
      g_strstrip (info->name);
      info->serial = g_strdup (arv_get_device_serial_nbr (i));
      info->detail = g_strdup_printf ("%s %s", arv_get_device_protocol (i),
                                      arv_get_device_address (i) != NULL ? arv_get_device_address (i) : "");
      g_strstrip (info->detail);
      g_ptr_array_add (cameras, info);
    }
  g_mutex_unlock (&aravis_system_mutex);
  return cameras;
}

void
_lc_camera_aravis_cut_control (LcCameraAravis *self)
{
  g_atomic_int_set (&self->cut_control_requested, 1);
}

void
_lc_camera_aravis_set_fake_trigger_rate (LcCameraAravis *self,
                                         double          hz)
{
  self->fake_trigger_rate = hz;
}

/* A hardware trigger input the camera does not have is refused in words, with the inputs
 * it has, before Aravis's GenICam message ("entry not found") can reach the operator. */
static gboolean
check_trigger_source (LcCameraAravis  *self,
                      const char      *source,
                      GError         **error)
{
  g_autoptr(GString) offered = g_string_new ("");
  guint n = 0;
  /* Not NULL-terminated: Aravis gives the count. */
  g_autofree const char **sources = arv_camera_dup_available_trigger_sources (self->camera, &n,
                                                                               NULL);

  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (sources[i], source))
        return TRUE;
      /* "Software" is no input wire: it is the software trigger mode. */
      if (!g_str_equal (sources[i], "Software"))
        g_string_append_printf (offered, "%s%s", offered->len > 0 ? ", " : "", sources[i]);
    }
  if (offered->len == 0)
    g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                 _("This camera has no hardware trigger input."));
  else
    g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                 _("This camera has no trigger input “%s” (it has %s)."), source, offered->str);
  return FALSE;
}

static void
control_lost_cb (ArvDevice      *device,
                 LcCameraAravis *self)
{
  /* Emitted from Aravis's heartbeat thread: only flag it for the acquisition thread. */
  g_atomic_int_set (&self->control_lost, 1);
}

/* Aravis's own messages name GenICam features; ours say what the operator tried. */
static gboolean
setting_failed (GError     **error,
                GError      *arv_error,
                const char  *what)
{
  g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
               _("The camera refused the %s: %s"), what, arv_error->message);
  g_error_free (arv_error);
  return FALSE;
}

static gboolean
configure (LcCameraAravis          *self,
           const LcCameraSettings  *settings,
           GError                 **error)
{
  GError *arv_error = NULL;

  arv_camera_set_acquisition_mode (self->camera, ARV_ACQUISITION_MODE_CONTINUOUS, &arv_error);
  if (arv_error != NULL)
    return setting_failed (error, arv_error, _("continuous acquisition mode"));

  if (settings->pixel_format != NULL)
    {
      arv_camera_set_pixel_format_from_string (self->camera, settings->pixel_format, &arv_error);
      if (arv_error != NULL)
        {
          g_autoptr(GString) offered = g_string_new ("");
          guint n = 0;
          /* Not NULL-terminated: Aravis gives the count. */
          g_autofree const char **formats =
            arv_camera_dup_available_pixel_formats_as_strings (self->camera, &n, NULL);

          for (guint i = 0; formats != NULL && i < n; i++)
            g_string_append_printf (offered, "%s%s", i > 0 ? ", " : "", formats[i]);
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                       _("The camera has no pixel format “%s” (it offers %s)."),
                       settings->pixel_format, offered->len > 0 ? offered->str : "?");
          g_clear_error (&arv_error);
          return FALSE;
        }
    }

  if (settings->roi_width > 0 && settings->roi_height > 0)
    arv_camera_set_region (self->camera, settings->roi_x, settings->roi_y,
                           settings->roi_width, settings->roi_height, &arv_error);
  else
    {
      int wmin, wmax, hmin, hmax;

      arv_camera_get_width_bounds (self->camera, &wmin, &wmax, NULL);
      arv_camera_get_height_bounds (self->camera, &hmin, &hmax, NULL);
      arv_camera_set_region (self->camera, 0, 0, wmax, hmax, &arv_error);
    }
  if (arv_error != NULL)
    return setting_failed (error, arv_error, _("region of interest"));

  if (!isnan (settings->exposure_us))
    {
      if (!arv_camera_is_exposure_time_available (self->camera, NULL))
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                       _("This camera has no exposure time setting."));
          return FALSE;
        }
      /* Automatic exposure would drift between parts: inspection wants it fixed. Not
       * every camera has the feature, so its absence is no error. */
      arv_camera_set_exposure_time_auto (self->camera, ARV_AUTO_OFF, NULL);
      arv_camera_set_exposure_time (self->camera, settings->exposure_us, &arv_error);
      if (arv_error != NULL)
        return setting_failed (error, arv_error, _("exposure time"));
    }

  if (!isnan (settings->gain_db))
    {
      if (!arv_camera_is_gain_available (self->camera, NULL))
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                       _("This camera has no gain setting."));
          return FALSE;
        }
      arv_camera_set_gain_auto (self->camera, ARV_AUTO_OFF, NULL);
      arv_camera_set_gain (self->camera, settings->gain_db, &arv_error);
      if (arv_error != NULL)
        return setting_failed (error, arv_error, _("gain"));
    }

  if (!isnan (settings->frame_rate) && arv_camera_is_frame_rate_available (self->camera, NULL))
    {
      arv_camera_set_frame_rate (self->camera, settings->frame_rate, &arv_error);
      if (arv_error != NULL)
        return setting_failed (error, arv_error, _("frame rate"));
    }
  self->frame_rate = arv_camera_get_frame_rate (self->camera, NULL);

  switch (settings->trigger)
    {
    case LC_CAMERA_TRIGGER_FREE_RUN:
      arv_camera_clear_triggers (self->camera, &arv_error);
      break;
    case LC_CAMERA_TRIGGER_SOFTWARE:
      if (!arv_camera_is_software_trigger_supported (self->camera, NULL))
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                       _("This camera cannot be triggered by software."));
          return FALSE;
        }
      arv_camera_set_trigger (self->camera, "Software", &arv_error);
      break;
    case LC_CAMERA_TRIGGER_HARDWARE:
      {
        const char *source = settings->trigger_source != NULL ? settings->trigger_source : "Line0";
        ArvDevice *device = arv_camera_get_device (self->camera);

        if (!check_trigger_source (self, source, error))
          return FALSE;
        arv_camera_set_trigger (self->camera, source, &arv_error);
        /* The fake camera has no wire: in trigger mode it fires Line0 itself, at a rate of
         * its own (arvfakecamera.c, arv_fake_camera_get_sleep_time_for_next_frame). */
        if (arv_error == NULL && ARV_IS_FAKE_DEVICE (device) && self->fake_trigger_rate > 0)
          {
            ArvFakeCamera *fake = arv_fake_device_get_fake_camera (ARV_FAKE_DEVICE (device));

            arv_fake_camera_set_trigger_frequency (fake, self->fake_trigger_rate);
          }
      }
      break;
    }
  if (arv_error != NULL)
    return setting_failed (error, arv_error, _("trigger mode"));
  self->trigger = settings->trigger;
  self->triggered = FALSE;
  return TRUE;
}

static void
stop_stream (LcCameraAravis *self)
{
  if (self->stream == NULL)
    return;
  arv_camera_stop_acquisition (self->camera, NULL);
  g_clear_object (&self->stream);
}

static gboolean
start_stream (LcCameraAravis  *self,
              GError         **error)
{
  GError *arv_error = NULL;
  guint payload;

  self->stream = arv_camera_create_stream (self->camera, NULL, NULL, &arv_error);
  if (self->stream == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_OPEN,
                   _("The camera %s cannot send pictures to this computer: %s"),
                   self->device_id, arv_error != NULL ? arv_error->message : "");
      g_clear_error (&arv_error);
      return FALSE;
    }
  payload = arv_camera_get_payload (self->camera, NULL);
  for (guint i = 0; i < N_STREAM_BUFFERS; i++)
    arv_stream_push_buffer (self->stream, arv_buffer_new (payload, NULL));

  arv_camera_start_acquisition (self->camera, &arv_error);
  if (arv_error != NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_OPEN,
                   _("The camera %s does not start: %s"), self->device_id, arv_error->message);
      g_clear_error (&arv_error);
      g_clear_object (&self->stream);
      return FALSE;
    }
  self->last_frame_at = g_get_monotonic_time ();
  return TRUE;
}

static void
lc_camera_aravis_close (LcCamera *camera)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (camera);

  stop_stream (self);
  if (self->camera != NULL && self->control_lost_id != 0)
    g_signal_handler_disconnect (arv_camera_get_device (self->camera), self->control_lost_id);
  self->control_lost_id = 0;
  g_clear_object (&self->camera);
}

static gboolean
lc_camera_aravis_open (LcCamera                *camera,
                       const LcCameraSettings  *settings,
                       GError                 **error)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (camera);
  GError *arv_error = NULL;

  g_mutex_lock (&aravis_system_mutex);
  enable_fake_interface_locked (self->device_id);
  self->camera = arv_camera_new (self->device_id, &arv_error);
  g_mutex_unlock (&aravis_system_mutex);

  if (self->camera == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND,
                   _("The camera %s is not connected, or is switched off."), self->device_id);
      g_clear_error (&arv_error);
      return FALSE;
    }

  g_atomic_int_set (&self->control_lost, 0);
  g_atomic_int_set (&self->cut_control_requested, 0);
  self->control_lost_id = g_signal_connect (arv_camera_get_device (self->camera), "control-lost",
                                            G_CALLBACK (control_lost_cb), self);

  if (!configure (self, settings, error) || !start_stream (self, error))
    {
      lc_camera_aravis_close (camera);
      return FALSE;
    }
  return TRUE;
}

/* Pixel format, region and payload size may all change: the stream is made anew. */
static gboolean
lc_camera_aravis_apply_settings (LcCamera                *camera,
                                 const LcCameraSettings  *settings,
                                 GError                 **error)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (camera);
  gboolean configured;

  stop_stream (self);
  configured = configure (self, settings, error);
  /* The stream comes back with whatever the camera accepted, so a refused setting leaves
   * the picture running; a stream that cannot start shows up as a lost camera in grab. */
  if (!start_stream (self, configured ? error : NULL))
    return FALSE;
  return configured;
}

static gboolean
lc_camera_aravis_software_trigger (LcCamera  *camera,
                                   GError   **error)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (camera);
  GError *arv_error = NULL;

  if (self->trigger != LC_CAMERA_TRIGGER_SOFTWARE)
    return TRUE;
  arv_camera_software_trigger (self->camera, &arv_error);
  if (arv_error != NULL)
    return setting_failed (error, arv_error, _("software trigger"));
  self->triggered = TRUE;
  return TRUE;
}

static LcFrame *
convert_buffer (LcCameraAravis  *self,
                ArvBuffer       *buffer,
                GError         **error)
{
  ArvPixelFormat format = arv_buffer_get_image_pixel_format (buffer);
  int width = arv_buffer_get_image_width (buffer);
  int height = arv_buffer_get_image_height (buffer);
  int bits = ARV_PIXEL_FORMAT_BIT_PER_PIXEL (format);
  gint padding_x = 0;
  size_t size = 0;
  const guint8 *data = arv_buffer_get_image_data (buffer, &size);
  gsize stride;
  guint8 *pixels;
  LcFrame *frame;

  arv_buffer_get_image_padding (buffer, &padding_x, NULL);
  stride = (gsize) width * (bits / 8) + padding_x;
  if (data == NULL || width <= 0 || height <= 0 || bits % 8 != 0 || size < stride * height)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_CORRUPT_IMAGE,
                   _("The camera sent a damaged picture; it was skipped."));
      return NULL;
    }

  switch (format)
    {
    case ARV_PIXEL_FORMAT_MONO_8:
      frame = _lc_camera_new_frame (LC_CAMERA (self), LC_FRAME_FORMAT_GRAY8, width, height,
                                    &pixels);
      lc_pixel_convert_gray8 (data, stride, width, height, pixels);
      return frame;
    case ARV_PIXEL_FORMAT_MONO_10:
    case ARV_PIXEL_FORMAT_MONO_12:
    case ARV_PIXEL_FORMAT_MONO_14:
    case ARV_PIXEL_FORMAT_MONO_16:
      frame = _lc_camera_new_frame (LC_CAMERA (self), LC_FRAME_FORMAT_GRAY8, width, height,
                                    &pixels);
      lc_pixel_convert_mono16_to_gray8 (data, stride, width, height,
                                        format == ARV_PIXEL_FORMAT_MONO_10 ? 10 :
                                        format == ARV_PIXEL_FORMAT_MONO_12 ? 12 :
                                        format == ARV_PIXEL_FORMAT_MONO_14 ? 14 : 16,
                                        pixels);
      return frame;
    case ARV_PIXEL_FORMAT_BAYER_RG_8:
    case ARV_PIXEL_FORMAT_BAYER_GR_8:
    case ARV_PIXEL_FORMAT_BAYER_GB_8:
    case ARV_PIXEL_FORMAT_BAYER_BG_8:
      frame = _lc_camera_new_frame (LC_CAMERA (self), LC_FRAME_FORMAT_RGB8, width, height,
                                    &pixels);
      lc_pixel_convert_bayer8_to_rgb8 (data, stride, width, height,
                                       format == ARV_PIXEL_FORMAT_BAYER_RG_8 ? LC_BAYER_RG :
                                       format == ARV_PIXEL_FORMAT_BAYER_GR_8 ? LC_BAYER_GR :
                                       format == ARV_PIXEL_FORMAT_BAYER_GB_8 ? LC_BAYER_GB :
                                       LC_BAYER_BG,
                                       pixels);
      return frame;
    case ARV_PIXEL_FORMAT_RGB_8_PACKED:
    case ARV_PIXEL_FORMAT_BGR_8_PACKED:
      frame = _lc_camera_new_frame (LC_CAMERA (self), LC_FRAME_FORMAT_RGB8, width, height,
                                    &pixels);
      lc_pixel_convert_rgb8_packed (data, stride, width, height,
                                    format == ARV_PIXEL_FORMAT_BGR_8_PACKED, pixels);
      return frame;
    default:
      break;
    }

  g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_PIXEL_FORMAT,
               _("The camera sends pixels as %s (code 0x%08x), which Linecheck cannot read. "
                 "Choose Mono8, Mono10-16, a Bayer 8-bit format or RGB8 in the camera settings."),
               arv_camera_get_pixel_format_as_string (self->camera, NULL), format);
  return NULL;
}

static LcFrame *
lc_camera_aravis_grab (LcCamera  *camera,
                       GError   **error)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (camera);
  g_autoptr(GError) local_error = NULL;
  ArvBuffer *buffer;
  LcFrame *frame;
  gint64 now;

  if (g_atomic_int_compare_and_exchange (&self->cut_control_requested, 1, 0))
    g_signal_emit_by_name (arv_camera_get_device (self->camera), "control-lost");
  if (g_atomic_int_get (&self->control_lost))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_DISCONNECTED,
                   _("The camera %s stopped answering (cable unplugged or power lost)."),
                   self->device_id);
      return NULL;
    }
  if (self->stream == NULL)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_DISCONNECTED,
                   _("The camera %s is not sending pictures."), self->device_id);
      return NULL;
    }

  buffer = arv_stream_timeout_pop_buffer (self->stream, POP_TIMEOUT_US);
  now = g_get_monotonic_time ();
  if (buffer == NULL)
    {
      /* A free-running camera that sends nothing for ten frame times (two seconds at least)
       * has stopped, whatever its control channel says; a triggered one may wait for a
       * part for as long as it likes. */
      gint64 stall = MAX (2 * G_USEC_PER_SEC,
                          self->frame_rate > 0 ? (gint64) (10 * G_USEC_PER_SEC / self->frame_rate) : 0);

      if (self->trigger == LC_CAMERA_TRIGGER_FREE_RUN && now - self->last_frame_at > stall)
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_DISCONNECTED,
                       _("The camera %s stopped sending pictures."), self->device_id);
          return NULL;
        }
      return NULL;
    }

  if (arv_buffer_get_status (buffer) != ARV_BUFFER_STATUS_SUCCESS ||
      (arv_buffer_get_payload_type (buffer) != ARV_BUFFER_PAYLOAD_TYPE_IMAGE &&
       arv_buffer_get_payload_type (buffer) != ARV_BUFFER_PAYLOAD_TYPE_EXTENDED_CHUNK_DATA))
    {
      /* Lost packets on a busy network: the next frame will do. Counted, not reported
       * one by one, or the operator would drown in messages. */
      self->incomplete_frames++;
      arv_stream_push_buffer (self->stream, buffer);
      return NULL;
    }

  /* Some cameras (Aravis's fake one among them) go on streaming in software trigger mode:
   * only the picture that answers a trigger counts, or a capture could show the part
   * before last. */
  if (self->trigger == LC_CAMERA_TRIGGER_SOFTWARE && !self->triggered)
    {
      arv_stream_push_buffer (self->stream, buffer);
      return NULL;
    }
  self->triggered = FALSE;

  self->last_frame_at = now;
  frame = convert_buffer (self, buffer, &local_error);
  arv_stream_push_buffer (self->stream, buffer);
  if (frame == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  lc_frame_set_timestamp (frame, now);
  return frame;
}

static void
lc_camera_aravis_finalize (GObject *object)
{
  LcCameraAravis *self = LC_CAMERA_ARAVIS (object);

  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (lc_camera_aravis_parent_class)->finalize (object);
}

static void
lc_camera_aravis_class_init (LcCameraAravisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LcCameraClass *camera_class = LC_CAMERA_CLASS (klass);

  object_class->finalize = lc_camera_aravis_finalize;

  camera_class->open = lc_camera_aravis_open;
  camera_class->grab = lc_camera_aravis_grab;
  camera_class->close = lc_camera_aravis_close;
  camera_class->apply_settings = lc_camera_aravis_apply_settings;
  camera_class->software_trigger = lc_camera_aravis_software_trigger;
}

static void
lc_camera_aravis_init (LcCameraAravis *self)
{
}

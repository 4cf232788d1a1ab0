#include "lc-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-camera-private.h"
#include "lc-camera-sim.h"

#define DEFAULT_FRAME_RATE   30.0
#define PART_INTERVAL_US     (1500 * 1000)
#define SENSOR_NOISE         2.0     /* grey levels, a typical industrial CMOS at low gain */
#define NOMINAL_EXPOSURE_US  5000.0  /* the exposure at which parts look as drawn */

struct _LcCameraSim
{
  LcCamera          parent_instance;

  /* Any thread, under mutex. */
  GMutex            mutex;
  char             *part_code;
  double            defect_rate;

  /* Acquisition thread only. */
  LcSimPart        *part;
  LcCameraSettings *settings;
  GRand            *rand;
  gint64            next_frame_at;
  gint64            next_part_at;
  guint32           exposures;
};

G_DEFINE_FINAL_TYPE (LcCameraSim, lc_camera_sim, LC_TYPE_CAMERA)

LcCameraSim *
lc_camera_sim_new (const char *part_code)
{
  g_autofree char *uri = g_strconcat ("sim:", part_code != NULL ? part_code : "", NULL);
  LcCameraSim *self = g_object_new (LC_TYPE_CAMERA_SIM, "uri", uri, NULL);

  self->part_code = g_strdup (part_code != NULL ? part_code : "");
  return self;
}

void
lc_camera_sim_set_part_code (LcCameraSim *self,
                             const char  *part_code)
{
  g_return_if_fail (LC_IS_CAMERA_SIM (self));
  g_mutex_lock (&self->mutex);
  g_free (self->part_code);
  self->part_code = g_strdup (part_code != NULL ? part_code : "");
  g_mutex_unlock (&self->mutex);
}

char *
lc_camera_sim_dup_part_code (LcCameraSim *self)
{
  char *code;

  g_return_val_if_fail (LC_IS_CAMERA_SIM (self), NULL);
  g_mutex_lock (&self->mutex);
  code = g_strdup (self->part_code);
  g_mutex_unlock (&self->mutex);
  return code;
}

void
lc_camera_sim_set_defect_rate (LcCameraSim *self,
                               double       rate)
{
  g_return_if_fail (LC_IS_CAMERA_SIM (self));
  g_mutex_lock (&self->mutex);
  self->defect_rate = CLAMP (rate, 0.0, 1.0);
  g_mutex_unlock (&self->mutex);
}

static gboolean
lc_camera_sim_apply_settings (LcCamera                *camera,
                              const LcCameraSettings  *settings,
                              GError                 **error)
{
  LcCameraSim *self = LC_CAMERA_SIM (camera);

  if (settings->pixel_format != NULL &&
      g_strcmp0 (settings->pixel_format, "Mono8") != 0 &&
      g_strcmp0 (settings->pixel_format, "RGB8") != 0)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The simulated camera has no pixel format “%s” (it offers Mono8, RGB8)."),
                   settings->pixel_format);
      return FALSE;
    }
  if (settings->trigger == LC_CAMERA_TRIGGER_HARDWARE)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_SUPPORTED,
                   _("The simulated camera has no trigger input: use free run or software trigger."));
      return FALSE;
    }
  g_clear_pointer (&self->settings, lc_camera_settings_free);
  self->settings = lc_camera_settings_copy (settings);
  return TRUE;
}

static gboolean
lc_camera_sim_open (LcCamera                *camera,
                    const LcCameraSettings  *settings,
                    GError                 **error)
{
  LcCameraSim *self = LC_CAMERA_SIM (camera);

  if (!lc_camera_sim_apply_settings (camera, settings, error))
    return FALSE;
  self->rand = g_rand_new ();
  self->next_frame_at = g_get_monotonic_time ();
  self->next_part_at = 0;
  return TRUE;
}

static void
lc_camera_sim_close (LcCamera *camera)
{
  LcCameraSim *self = LC_CAMERA_SIM (camera);

  g_clear_pointer (&self->part, lc_sim_part_free);
  g_clear_pointer (&self->settings, lc_camera_settings_free);
  g_clear_pointer (&self->rand, g_rand_free);
}

/* The next part on the bench: drawn once here, so each frame after costs a copy. */
static void
lay_down_part (LcCameraSim *self)
{
  g_autofree char *code = NULL;
  LcSimDefect defect = { LC_SIM_DEFECT_NONE };
  double rate;

  g_mutex_lock (&self->mutex);
  code = g_strdup (self->part_code);
  rate = self->defect_rate;
  g_mutex_unlock (&self->mutex);

  if (self->part == NULL || g_strcmp0 (lc_sim_part_get_code (self->part), code) != 0)
    {
      g_clear_pointer (&self->part, lc_sim_part_free);
      self->part = lc_sim_part_new (code, LC_CAMERA_SIM_WIDTH, LC_CAMERA_SIM_HEIGHT);
    }
  if (g_rand_double (self->rand) < rate)
    defect.defect_class = (LcSimDefectClass) g_rand_int_range (self->rand, LC_SIM_DEFECT_SCRATCH,
                                                                LC_SIM_DEFECT_SPOT + 1);
  lc_sim_part_place (self->part, g_rand_int_range (self->rand, 1, G_MAXINT32), &defect);
}

/* Exposure and gain as a sensor shows them, so the settings page has a visible effect:
 * light grows with exposure time and with gain (20 dB is ten times). */
static void
apply_exposure (LcFrame                *frame,
                const LcCameraSettings *settings)
{
  double factor = 1.0;
  guint8 lut[256];
  guint8 *pixels;
  gsize n;

  if (!isnan (settings->exposure_us) && settings->exposure_us > 0)
    factor *= settings->exposure_us / NOMINAL_EXPOSURE_US;
  if (!isnan (settings->gain_db))
    factor *= pow (10.0, settings->gain_db / 20.0);
  if (fabs (factor - 1.0) < 1e-3)
    return;
  for (int v = 0; v < 256; v++)
    lut[v] = (guint8) MIN (255.0, v * factor + 0.5);
  /* The frame was just made here and nobody else holds it yet. */
  pixels = (guint8 *) lc_frame_get_pixels (frame);
  n = (gsize) lc_frame_get_stride (frame) * lc_frame_get_height (frame);
  for (gsize i = 0; i < n; i++)
    pixels[i] = lut[pixels[i]];
}

static LcFrame *
lc_camera_sim_grab (LcCamera  *camera,
                    GError   **error)
{
  LcCameraSim *self = LC_CAMERA_SIM (camera);
  double rate = isnan (self->settings->frame_rate) ? DEFAULT_FRAME_RATE : self->settings->frame_rate;
  LcFrameFormat format;
  LcFrame *frame;
  gint64 now;

  if (self->settings->trigger == LC_CAMERA_TRIGGER_SOFTWARE)
    {
      if (!_lc_camera_wait_for_trigger (camera, g_get_monotonic_time () + G_USEC_PER_SEC / 5))
        return NULL;
      lay_down_part (self);
    }
  else
    {
      if (!_lc_camera_wait_until (camera, self->next_frame_at))
        return NULL;
      now = g_get_monotonic_time ();
      /* Pace by the clock, not by the last frame, so the rate holds on average; after a
       * stall, start afresh instead of bursting to catch up. */
      self->next_frame_at += (gint64) (G_USEC_PER_SEC / rate);
      if (self->next_frame_at < now)
        self->next_frame_at = now;
      if (self->part == NULL || now >= self->next_part_at)
        {
          lay_down_part (self);
          self->next_part_at = now + PART_INTERVAL_US;
        }
    }

  if (g_strcmp0 (self->settings->pixel_format, "Mono8") == 0)
    format = LC_FRAME_FORMAT_GRAY8;
  else if (g_strcmp0 (self->settings->pixel_format, "RGB8") == 0)
    format = LC_FRAME_FORMAT_RGB8;
  else
    format = lc_sim_part_get_natural_format (self->part);

  frame = lc_sim_part_expose (self->part, format, SENSOR_NOISE, ++self->exposures);
  apply_exposure (frame, self->settings);
  lc_frame_set_timestamp (frame, g_get_monotonic_time ());
  return _lc_camera_apply_roi (frame, self->settings, error);
}

static void
lc_camera_sim_finalize (GObject *object)
{
  LcCameraSim *self = LC_CAMERA_SIM (object);

  g_clear_pointer (&self->part_code, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lc_camera_sim_parent_class)->finalize (object);
}

static void
lc_camera_sim_class_init (LcCameraSimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LcCameraClass *camera_class = LC_CAMERA_CLASS (klass);

  object_class->finalize = lc_camera_sim_finalize;

  camera_class->open = lc_camera_sim_open;
  camera_class->grab = lc_camera_sim_grab;
  camera_class->close = lc_camera_sim_close;
  camera_class->apply_settings = lc_camera_sim_apply_settings;
}

static void
lc_camera_sim_init (LcCameraSim *self)
{
  g_mutex_init (&self->mutex);
  self->defect_rate = 0.25;
}

/* The last part drawn for lc_camera_sim_render_part (), so a training set of one part
 * type is not drawn from scratch for every picture. */
static GMutex render_mutex;
static LcSimPart *render_cache;

LcFrame *
lc_camera_sim_render_part (const char  *part_code,
                           int          width,
                           int          height,
                           guint32      seed,
                           LcSimDefect *defect_or_null)
{
  LcFrame *frame;

  g_return_val_if_fail (width >= 16 && height >= 16, NULL);

  g_mutex_lock (&render_mutex);
  if (render_cache == NULL ||
      g_strcmp0 (lc_sim_part_get_code (render_cache), part_code != NULL ? part_code : "") != 0 ||
      lc_sim_part_get_width (render_cache) != width ||
      lc_sim_part_get_height (render_cache) != height)
    {
      g_clear_pointer (&render_cache, lc_sim_part_free);
      render_cache = lc_sim_part_new (part_code, width, height);
    }
  lc_sim_part_place (render_cache, seed, defect_or_null);
  frame = lc_sim_part_expose (render_cache, lc_sim_part_get_natural_format (render_cache),
                              seed == 0 ? 0 : SENSOR_NOISE, seed);
  g_mutex_unlock (&render_mutex);
  return frame;
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-camera-private.h"
#include "lc-camera-frame-pool.h"
#include "lc-camera-aravis.h"
#include "lc-camera-folder.h"
#include "lc-camera-sim.h"
#include "lc-camera-v4l2.h"

/* How long a lost camera waits before it is opened again. */
#define RECONNECT_INTERVAL_US (1 * G_USEC_PER_SEC)
/* Problems (skipped files) waiting for the main loop: the oldest are dropped beyond this,
 * so a folder full of broken files cannot grow memory. */
#define MAX_PENDING_PROBLEMS 8
/* Frame buffers kept for reuse: the newest frame, the one on screen, one being saved or
 * inspected, one being filled. More are allocated when holders keep frames longer. */
#define POOLED_BUFFERS 4

typedef struct
{
  char             *uri;
  LcCameraFramePool *pool;

  /* Main thread only. */
  GMainContext     *context;
  GThread          *thread;
  GQueue            grabs;           /* GTask waiting for the next frame */
  LcCameraState     shown_state;
  char             *shown_status;

  /* Shared with the acquisition thread, under mutex. */
  GMutex            mutex;
  GCond             cond;
  gboolean          stopping;
  gboolean          trigger_pending;
  LcCameraSettings *settings;
  gboolean          settings_changed;
  LcFrame          *latest;
  gboolean          latest_is_new;
  guint64           frame_count;
  LcCameraState     state;
  char             *status;
  GError           *lost_error;      /* why it was lost, for waiting grabs */
  gboolean          state_changed;
  GPtrArray        *problems;
  GSource          *dispatch;        /* one idle at most carries news to the main context */
} LcCameraPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LcCamera, lc_camera, G_TYPE_OBJECT)
G_DEFINE_QUARK (lc-camera-error-quark, lc_camera_error)
G_DEFINE_ENUM_TYPE (LcCameraState, lc_camera_state,
                    G_DEFINE_ENUM_VALUE (LC_CAMERA_STATE_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (LC_CAMERA_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (LC_CAMERA_STATE_STREAMING, "streaming"),
                    G_DEFINE_ENUM_VALUE (LC_CAMERA_STATE_LOST, "lost"))

enum {
  PROP_0,
  PROP_URI,
  PROP_STATE,
  PROP_STATUS,
  N_PROPS
};

enum {
  FRAME,
  PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void fail_grabs (LcCamera *self, const GError *error);

/* ---- Main context side ------------------------------------------------------------------ */

static gboolean
dispatch_cb (gpointer user_data)
{
  LcCamera *self = user_data;
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  g_autoptr(LcFrame) frame = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) lost_error = NULL;
  g_autofree char *status = NULL;
  LcCameraState state = priv->shown_state;
  gboolean state_changed;

  g_object_ref (self);

  g_mutex_lock (&priv->mutex);
  g_clear_pointer (&priv->dispatch, g_source_unref);
  if (priv->latest_is_new && priv->latest != NULL)
    frame = lc_frame_ref (priv->latest);
  priv->latest_is_new = FALSE;
  state_changed = priv->state_changed;
  priv->state_changed = FALSE;
  if (state_changed)
    {
      state = priv->state;
      status = g_strdup (priv->status);
      if (priv->lost_error != NULL)
        lost_error = g_error_copy (priv->lost_error);
    }
  if (priv->problems->len > 0)
    {
      problems = g_steal_pointer (&priv->problems);
      priv->problems = g_ptr_array_new_with_free_func (g_free);
    }
  g_mutex_unlock (&priv->mutex);

  /* The thread may have moved on since (stopped, then started again): what is shown only
   * changes while the camera is started. */
  if (state_changed && priv->thread != NULL)
    {
      gboolean state_differs = state != priv->shown_state;

      priv->shown_state = state;
      if (g_strcmp0 (status, priv->shown_status) != 0)
        {
          g_free (priv->shown_status);
          priv->shown_status = g_steal_pointer (&status);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
        }
      if (state_differs)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      if (state == LC_CAMERA_STATE_LOST && lost_error != NULL)
        fail_grabs (self, lost_error);
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_signal_emit (self, signals[PROBLEM], 0, g_ptr_array_index (problems, i));

  if (frame != NULL && priv->thread != NULL)
    {
      /* Callbacks may ask for the next frame at once: they wait for the next one, not
       * this one again, so only the grabs waiting now are served. */
      GQueue waiting = priv->grabs;
      GTask *task;

      g_queue_init (&priv->grabs);
      while ((task = g_queue_pop_head (&waiting)) != NULL)
        {
          g_task_return_pointer (task, lc_frame_ref (frame), (GDestroyNotify) lc_frame_unref);
          g_object_unref (task);
        }
      g_signal_emit (self, signals[FRAME], 0, frame);
    }

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held, from any thread. */
static void
schedule_dispatch_locked (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  if (priv->dispatch != NULL || priv->context == NULL)
    return;
  priv->dispatch = g_idle_source_new ();
  /* Above the default idle priority so frames are not starved by other idles, below
   * redraw so the screen keeps up. */
  g_source_set_priority (priv->dispatch, G_PRIORITY_HIGH_IDLE + 10);
  g_source_set_callback (priv->dispatch, dispatch_cb, self, NULL);
  g_source_set_static_name (priv->dispatch, "[linecheck] camera frame");
  g_source_attach (priv->dispatch, priv->context);
}

static void
set_state (LcCamera      *self,
           LcCameraState  state,
           const char    *status,
           const GError  *error)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_mutex_lock (&priv->mutex);
  priv->state = state;
  g_free (priv->status);
  priv->status = g_strdup (status);
  g_clear_error (&priv->lost_error);
  if (error != NULL)
    priv->lost_error = g_error_copy (error);
  priv->state_changed = TRUE;
  schedule_dispatch_locked (self);
  g_mutex_unlock (&priv->mutex);
}

void
_lc_camera_report_problem (LcCamera   *self,
                           const char *message)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_mutex_lock (&priv->mutex);
  if (priv->problems->len >= MAX_PENDING_PROBLEMS)
    g_ptr_array_remove_index (priv->problems, 0);
  g_ptr_array_add (priv->problems, g_strdup (message));
  schedule_dispatch_locked (self);
  g_mutex_unlock (&priv->mutex);
}

static void
publish_frame (LcCamera *self,
               LcFrame  *frame)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_mutex_lock (&priv->mutex);
  lc_frame_set_sequence (frame, ++priv->frame_count);
  g_clear_pointer (&priv->latest, lc_frame_unref);
  priv->latest = frame;
  priv->latest_is_new = TRUE;
  schedule_dispatch_locked (self);
  g_mutex_unlock (&priv->mutex);
}

/* ---- Acquisition thread ----------------------------------------------------------------- */

gboolean
_lc_camera_wait_until (LcCamera *self,
                       gint64    until)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  gboolean stopping;

  g_mutex_lock (&priv->mutex);
  while (!priv->stopping && g_get_monotonic_time () < until)
    if (!g_cond_wait_until (&priv->cond, &priv->mutex, until))
      break;
  stopping = priv->stopping;
  g_mutex_unlock (&priv->mutex);
  return !stopping;
}

gboolean
_lc_camera_wait_for_trigger (LcCamera *self,
                             gint64    until)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  gboolean triggered;

  g_mutex_lock (&priv->mutex);
  while (!priv->stopping && !priv->trigger_pending && !priv->settings_changed &&
         g_get_monotonic_time () < until)
    if (!g_cond_wait_until (&priv->cond, &priv->mutex, until))
      break;
  triggered = priv->trigger_pending && !priv->stopping;
  priv->trigger_pending = FALSE;
  g_mutex_unlock (&priv->mutex);
  return triggered;
}

LcFrame *
_lc_camera_new_frame (LcCamera       *self,
                      LcFrameFormat   format,
                      int             width,
                      int             height,
                      guint8        **pixels_out)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  return lc_camera_frame_pool_new_frame (priv->pool, format, width, height, pixels_out);
}

LcFrame *
_lc_camera_apply_roi (LcFrame                 *frame,
                      const LcCameraSettings  *settings,
                      GError                 **error)
{
  LcFrame *cropped;

  if (settings->roi_width <= 0 || settings->roi_height <= 0)
    return frame;
  /* A region that is the whole picture needs no copy. */
  if (settings->roi_x == 0 && settings->roi_y == 0 &&
      settings->roi_width == lc_frame_get_width (frame) &&
      settings->roi_height == lc_frame_get_height (frame))
    return frame;
  cropped = lc_frame_crop (frame, settings->roi_x, settings->roi_y,
                           settings->roi_width, settings->roi_height);
  if (cropped == NULL)
    g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                 _("The region of interest (%d, %d, %d × %d) lies outside the %d × %d picture."),
                 settings->roi_x, settings->roi_y, settings->roi_width, settings->roi_height,
                 lc_frame_get_width (frame), lc_frame_get_height (frame));
  lc_frame_unref (frame);
  return cropped;
}

static gpointer
acquisition_thread (gpointer user_data)
{
  LcCamera *self = user_data;
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  LcCameraClass *klass = LC_CAMERA_GET_CLASS (self);
  gboolean opened = FALSE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcCameraSettings) settings = NULL;
      gboolean trigger = FALSE;
      LcFrame *frame;

      g_mutex_lock (&priv->mutex);
      if (priv->stopping)
        {
          g_mutex_unlock (&priv->mutex);
          break;
        }
      if (!opened || priv->settings_changed)
        settings = lc_camera_settings_copy (priv->settings);
      priv->settings_changed = FALSE;
      if (opened && klass->software_trigger != NULL && priv->trigger_pending)
        {
          trigger = TRUE;
          priv->trigger_pending = FALSE;
        }
      g_mutex_unlock (&priv->mutex);

      if (!opened)
        {
          g_autofree char *status = g_strdup_printf (_("Connecting to %s…"), priv->uri);

          set_state (self, LC_CAMERA_STATE_CONNECTING, status, NULL);
          if (!klass->open (self, settings, &error))
            {
              g_autofree char *lost = g_strdup_printf (_("%s Waiting for it to come back…"),
                                                       error->message);
              set_state (self, LC_CAMERA_STATE_LOST, lost, error);
              _lc_camera_wait_until (self, g_get_monotonic_time () + RECONNECT_INTERVAL_US);
              continue;
            }
          opened = TRUE;
          set_state (self, LC_CAMERA_STATE_STREAMING, _("Streaming"), NULL);
          continue;
        }

      if (settings != NULL && klass->apply_settings != NULL &&
          !klass->apply_settings (self, settings, &error))
        {
          _lc_camera_report_problem (self, error->message);
          g_clear_error (&error);
        }

      if (trigger && !klass->software_trigger (self, &error))
        {
          _lc_camera_report_problem (self, error->message);
          g_clear_error (&error);
        }

      frame = klass->grab (self, &error);
      if (frame != NULL)
        {
          publish_frame (self, frame);
          continue;
        }
      if (error == NULL || g_error_matches (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_TIMEOUT))
        continue;
      if (g_error_matches (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_CORRUPT_IMAGE))
        {
          _lc_camera_report_problem (self, error->message);
          continue;
        }

      /* Anything else: the camera is gone (unplugged, folder removed, stream stopped). */
      klass->close (self);
      opened = FALSE;
      {
        g_autofree char *lost = g_strdup_printf (_("%s Waiting for it to come back…"),
                                                 error->message);
        set_state (self, LC_CAMERA_STATE_LOST, lost, error);
      }
      _lc_camera_wait_until (self, g_get_monotonic_time () + RECONNECT_INTERVAL_US);
    }

  if (opened)
    klass->close (self);
  return NULL;
}

/* ---- Public API ------------------------------------------------------------------------- */

void
lc_camera_start (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  g_autofree char *name = NULL;

  g_return_if_fail (LC_IS_CAMERA (self));

  if (priv->thread != NULL)
    return;

  g_clear_pointer (&priv->context, g_main_context_unref);
  priv->context = g_main_context_ref_thread_default ();
  g_mutex_lock (&priv->mutex);
  priv->stopping = FALSE;
  priv->trigger_pending = FALSE;
  priv->settings_changed = FALSE;
  priv->state_changed = FALSE;
  g_mutex_unlock (&priv->mutex);

  /* Linux refuses thread names over 15 bytes (pthread_setname_np: ERANGE) and GLib 2.74
   * then leaves the thread unnamed: cut it here, on a character boundary, keeping the
   * source kind visible ("lc-cam sim:BSH-" in top and perf). */
  name = g_strdup_printf ("lc-cam %s", priv->uri);
  if (strlen (name) > 15)
    {
      const char *end = g_utf8_find_prev_char (name, name + 16);

      name[end != NULL ? end - name : 15] = '\0';
    }
  priv->thread = g_thread_new (name, acquisition_thread, self);
}

void
lc_camera_stop (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LC_IS_CAMERA (self));

  if (priv->thread == NULL)
    return;

  g_mutex_lock (&priv->mutex);
  priv->stopping = TRUE;
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->mutex);
  g_thread_join (g_steal_pointer (&priv->thread));

  g_mutex_lock (&priv->mutex);
  if (priv->dispatch != NULL)
    {
      g_source_destroy (priv->dispatch);
      g_clear_pointer (&priv->dispatch, g_source_unref);
    }
  priv->state = LC_CAMERA_STATE_STOPPED;
  priv->state_changed = FALSE;
  priv->latest_is_new = FALSE;
  g_ptr_array_set_size (priv->problems, 0);
  g_mutex_unlock (&priv->mutex);

  error = g_error_new (LC_CAMERA_ERROR, LC_CAMERA_ERROR_STOPPED, _("The camera was stopped."));
  fail_grabs (self, error);

  if (priv->shown_state != LC_CAMERA_STATE_STOPPED)
    {
      priv->shown_state = LC_CAMERA_STATE_STOPPED;
      g_free (priv->shown_status);
      priv->shown_status = g_strdup (_("Stopped"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

gboolean
lc_camera_is_started (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CAMERA (self), FALSE);
  return priv->thread != NULL;
}

const char *
lc_camera_get_uri (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CAMERA (self), NULL);
  return priv->uri;
}

/* As last seen by the main context (the thread's view reaches it with the next idle). */
LcCameraState
lc_camera_get_state (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CAMERA (self), LC_CAMERA_STATE_STOPPED);
  return priv->shown_state;
}

const char *
lc_camera_get_status (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CAMERA (self), NULL);
  return priv->shown_status;
}

void
lc_camera_set_settings (LcCamera               *self,
                        const LcCameraSettings *settings)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_if_fail (LC_IS_CAMERA (self));
  g_return_if_fail (settings != NULL);

  g_mutex_lock (&priv->mutex);
  if (!lc_camera_settings_equal (priv->settings, settings))
    {
      lc_camera_settings_free (priv->settings);
      priv->settings = lc_camera_settings_copy (settings);
      priv->settings_changed = TRUE;
      g_cond_broadcast (&priv->cond);
    }
  g_mutex_unlock (&priv->mutex);
}

LcCameraSettings *
lc_camera_dup_settings (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  LcCameraSettings *settings;

  g_return_val_if_fail (LC_IS_CAMERA (self), NULL);
  g_mutex_lock (&priv->mutex);
  settings = lc_camera_settings_copy (priv->settings);
  g_mutex_unlock (&priv->mutex);
  return settings;
}

void
lc_camera_trigger (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_return_if_fail (LC_IS_CAMERA (self));
  g_mutex_lock (&priv->mutex);
  priv->trigger_pending = TRUE;
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->mutex);
}

LcFrame *
lc_camera_dup_latest_frame (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  LcFrame *frame;

  g_return_val_if_fail (LC_IS_CAMERA (self), NULL);
  g_mutex_lock (&priv->mutex);
  frame = priv->latest != NULL ? lc_frame_ref (priv->latest) : NULL;
  g_mutex_unlock (&priv->mutex);
  return frame;
}

guint64
lc_camera_get_frame_count (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  guint64 count;

  g_return_val_if_fail (LC_IS_CAMERA (self), 0);
  g_mutex_lock (&priv->mutex);
  count = priv->frame_count;
  g_mutex_unlock (&priv->mutex);
  return count;
}

static void
fail_grabs (LcCamera     *self,
            const GError *error)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  GQueue waiting = priv->grabs;
  GTask *task;

  g_queue_init (&priv->grabs);
  while ((task = g_queue_pop_head (&waiting)) != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

static void
grab_cancelled_cb (GCancellable *cancellable,
                   GTask        *task)
{
  LcCamera *self = g_task_get_source_object (task);
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  /* Cancellation comes from the main thread here (the caller's cancellable). */
  if (g_queue_remove (&priv->grabs, task))
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
}

void
lc_camera_grab_async (LcCamera            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  LcCameraTrigger trigger;

  g_return_if_fail (LC_IS_CAMERA (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_camera_grab_async);

  if (priv->thread == NULL)
    {
      g_task_return_new_error (task, LC_CAMERA_ERROR, LC_CAMERA_ERROR_STOPPED,
                               _("The camera is not started."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (grab_cancelled_cb), task, 0);
  g_queue_push_tail (&priv->grabs, g_object_ref (task));

  g_mutex_lock (&priv->mutex);
  trigger = priv->settings->trigger;
  g_mutex_unlock (&priv->mutex);
  if (trigger == LC_CAMERA_TRIGGER_SOFTWARE)
    lc_camera_trigger (self);
}

LcFrame *
lc_camera_grab_finish (LcCamera      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lc_camera_new_for_uri:
 * @uri: `aravis:DEVICE-ID`, `v4l2:/dev/videoN`, `folder:PATH` or `sim:PART-CODE`
 *
 * Makes the camera; nothing is opened until lc_camera_start ().
 */
LcCamera *
lc_camera_new_for_uri (const char  *uri,
                       GError     **error)
{
  const char *colon;
  const char *rest;

  g_return_val_if_fail (uri != NULL, NULL);

  colon = strchr (uri, ':');
  rest = colon != NULL ? colon + 1 : NULL;
  if (colon == NULL)
    ;
  else if (g_str_has_prefix (uri, "aravis:") && *rest != '\0')
    return LC_CAMERA (lc_camera_aravis_new (rest));
  else if (g_str_has_prefix (uri, "v4l2:") && *rest != '\0')
    return LC_CAMERA (lc_camera_v4l2_new (rest));
  else if (g_str_has_prefix (uri, "folder:") && *rest != '\0')
    return LC_CAMERA (lc_camera_folder_new (rest));
  else if (g_str_has_prefix (uri, "sim:"))
    return LC_CAMERA (lc_camera_sim_new (rest));

  g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_INVALID_URI,
               _("“%s” is not a camera address. Use aravis:DEVICE-ID, v4l2:/dev/videoN, "
                 "folder:PATH or sim:PART-CODE."), uri);
  return NULL;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lc_camera_dispose (GObject *object)
{
  LcCamera *self = LC_CAMERA (object);

  lc_camera_stop (self);

  G_OBJECT_CLASS (lc_camera_parent_class)->dispose (object);
}

static void
lc_camera_finalize (GObject *object)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (LC_CAMERA (object));

  g_clear_pointer (&priv->uri, g_free);
  g_clear_pointer (&priv->pool, lc_camera_frame_pool_unref);
  g_clear_pointer (&priv->context, g_main_context_unref);
  g_clear_pointer (&priv->shown_status, g_free);
  g_clear_pointer (&priv->settings, lc_camera_settings_free);
  g_clear_pointer (&priv->latest, lc_frame_unref);
  g_clear_pointer (&priv->status, g_free);
  g_clear_error (&priv->lost_error);
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
  g_mutex_clear (&priv->mutex);
  g_cond_clear (&priv->cond);

  G_OBJECT_CLASS (lc_camera_parent_class)->finalize (object);
}

static void
lc_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LcCamera *self = LC_CAMERA (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, lc_camera_get_uri (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, lc_camera_get_state (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, lc_camera_get_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_camera_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (LC_CAMERA (object));

  switch (prop_id)
    {
    case PROP_URI:
      priv->uri = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_camera_class_init (LcCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_camera_dispose;
  object_class->finalize = lc_camera_finalize;
  object_class->get_property = lc_camera_get_property;
  object_class->set_property = lc_camera_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LC_TYPE_CAMERA_STATE, LC_CAMERA_STATE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* In words for the operator: "Streaming", "The camera … is not connected. Waiting…". */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcCamera::frame:
   * @frame: the newest picture; frames that arrived while the main loop was busy are gone
   */
  signals[FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LC_TYPE_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * LcCamera::problem:
   * @message: what went wrong, in words for the operator; the camera goes on
   */
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lc_camera_init (LcCamera *self)
{
  LcCameraPrivate *priv = lc_camera_get_instance_private (self);

  g_mutex_init (&priv->mutex);
  g_cond_init (&priv->cond);
  g_queue_init (&priv->grabs);
  priv->pool = lc_camera_frame_pool_new (POOLED_BUFFERS);
  priv->settings = lc_camera_settings_new ();
  priv->problems = g_ptr_array_new_with_free_func (g_free);
  priv->shown_status = g_strdup (_("Stopped"));
}

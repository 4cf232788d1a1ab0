#pragma once

#include <gio/gio.h>

#include "lc-camera-settings.h"
#include "lc-frame.h"

G_BEGIN_DECLS

#define LC_CAMERA_ERROR (lc_camera_error_quark ())

typedef enum
{
  LC_CAMERA_ERROR_INVALID_URI,    /* the camera address is not aravis:, v4l2:, folder: or sim: */
  LC_CAMERA_ERROR_NOT_FOUND,      /* no such camera or folder (unplugged, switched off) */
  LC_CAMERA_ERROR_OPEN,           /* there, but it cannot be used (busy, no permission) */
  LC_CAMERA_ERROR_DISCONNECTED,   /* it was streaming and went away */
  LC_CAMERA_ERROR_TIMEOUT,        /* no picture in time */
  LC_CAMERA_ERROR_PIXEL_FORMAT,   /* the camera sends pixels Linecheck cannot read */
  LC_CAMERA_ERROR_CORRUPT_IMAGE,  /* one image file could not be read; it was skipped */
  LC_CAMERA_ERROR_SETTING,        /* a setting the camera refuses or that makes no sense */
  LC_CAMERA_ERROR_NOT_SUPPORTED,  /* the camera has no such feature (trigger input, gain) */
  LC_CAMERA_ERROR_SAVE,           /* a capture could not be written to disk */
  LC_CAMERA_ERROR_STOPPED,        /* the camera was stopped while waiting for it */
} LcCameraError;

typedef enum
{
  LC_CAMERA_STATE_STOPPED,
  LC_CAMERA_STATE_CONNECTING,
  LC_CAMERA_STATE_STREAMING,
  LC_CAMERA_STATE_LOST,           /* gone; it is opened again as soon as it comes back */
} LcCameraState;

#define LC_TYPE_CAMERA_STATE (lc_camera_state_get_type ())
GType lc_camera_state_get_type (void) G_GNUC_CONST;

#define LC_TYPE_CAMERA (lc_camera_get_type ())
G_DECLARE_DERIVABLE_TYPE (LcCamera, lc_camera, LC, CAMERA, GObject)

/* A camera source. The base class owns the one acquisition thread per camera: it calls the
 * vfuncs below on that thread, keeps only the newest frame and hands it to the main context
 * that called lc_camera_start (), so a slow screen drops frames instead of queueing them.
 * A source whose open or grab fails is reported lost in words and opened again every
 * second until it is back. */
struct _LcCameraClass
{
  GObjectClass parent_class;

  /* On the acquisition thread. @settings are those in force when it opens. */
  gboolean  (*open)             (LcCamera                *self,
                                 const LcCameraSettings  *settings,
                                 GError                 **error);
  /* Blocks at most a fraction of a second. NULL without error: no picture yet (keep
   * waiting); LC_CAMERA_ERROR_CORRUPT_IMAGE: reported and skipped; any other error: the
   * camera is lost, closed and opened again. */
  LcFrame  *(*grab)             (LcCamera                *self,
                                 GError                 **error);
  void      (*close)            (LcCamera                *self);
  gboolean  (*apply_settings)   (LcCamera                *self,
                                 const LcCameraSettings  *settings,
                                 GError                 **error);
  gboolean  (*software_trigger) (LcCamera                *self,
                                 GError                 **error);

  gpointer padding[8];
};

GQuark            lc_camera_error_quark       (void);

LcCamera         *lc_camera_new_for_uri       (const char              *uri,
                                               GError                 **error);

const char       *lc_camera_get_uri           (LcCamera                *self);
LcCameraState     lc_camera_get_state         (LcCamera                *self);
const char       *lc_camera_get_status        (LcCamera                *self);

void              lc_camera_start             (LcCamera                *self);
void              lc_camera_stop              (LcCamera                *self);
gboolean          lc_camera_is_started        (LcCamera                *self);

void              lc_camera_set_settings      (LcCamera                *self,
                                               const LcCameraSettings  *settings);
LcCameraSettings *lc_camera_dup_settings      (LcCamera                *self);
void              lc_camera_trigger           (LcCamera                *self);

LcFrame          *lc_camera_dup_latest_frame  (LcCamera                *self);
guint64           lc_camera_get_frame_count   (LcCamera                *self);

/* The next frame that arrives after the call (with a software trigger, triggered for it).
 * Fails with the camera's own words when it is lost or stopped meanwhile. */
void              lc_camera_grab_async        (LcCamera                *self,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
LcFrame          *lc_camera_grab_finish       (LcCamera                *self,
                                               GAsyncResult            *result,
                                               GError                 **error);

G_END_DECLS

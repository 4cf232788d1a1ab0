#pragma once

#include "lc-camera.h"

G_BEGIN_DECLS

/* For the camera sources, on their acquisition thread. */

/* Sleeps until @until (monotonic µs) or until the camera is stopped; FALSE when stopped. */
gboolean  _lc_camera_wait_until       (LcCamera               *self,
                                       gint64                  until);
/* Sources that emulate a software trigger wait here: TRUE when a trigger came before
 * @until, FALSE on time-out or stop. */
gboolean  _lc_camera_wait_for_trigger (LcCamera               *self,
                                       gint64                  until);
/* A frame to fill, its pixels from the camera's buffer pool (packed rows): the buffer comes
 * back when every holder of the frame has let it go. */
LcFrame  *_lc_camera_new_frame        (LcCamera               *self,
                                       LcFrameFormat           format,
                                       int                     width,
                                       int                     height,
                                       guint8                **pixels_out);
/* Something the operator should know that does not stop the camera (a skipped file). */
void      _lc_camera_report_problem   (LcCamera               *self,
                                       const char             *message);
/* For sources without a hardware ROI: the settings' region cut out of @frame, which is
 * consumed. Returns an error when the region lies outside the picture. */
LcFrame  *_lc_camera_apply_roi        (LcFrame                *frame,
                                       const LcCameraSettings *settings,
                                       GError                **error);

G_END_DECLS

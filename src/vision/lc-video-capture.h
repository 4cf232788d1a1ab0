#pragma once

/* V4L2 capture devices (USB webcams) for the camera sources, through OpenCV's videoio.
 * Plain C, no OpenCV types. Every call but close may block: acquisition thread only. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LcVideoCapture LcVideoCapture;

typedef enum
{
  LC_VIDEO_CAPTURE_WIDTH,
  LC_VIDEO_CAPTURE_HEIGHT,
  LC_VIDEO_CAPTURE_FRAME_RATE,
  LC_VIDEO_CAPTURE_EXPOSURE_US,    /* switches automatic exposure off */
  LC_VIDEO_CAPTURE_GAIN,           /* the driver's own units */
  LC_VIDEO_CAPTURE_FOURCC,         /* "MJPG", "YUYV", … packed as V4L2 does */
} LcVideoCaptureProperty;

/* NULL when the device cannot be opened as a V4L2 capture device. */
LcVideoCapture *lc_video_capture_open  (const char             *device);
void            lc_video_capture_close (LcVideoCapture         *self);
/* FALSE when the driver refused the value. */
gboolean        lc_video_capture_set   (LcVideoCapture         *self,
                                        LcVideoCaptureProperty  property,
                                        double                  value);
double          lc_video_capture_get   (LcVideoCapture         *self,
                                        LcVideoCaptureProperty  property);
/* The next picture as packed RGB in g_malloc'd @rgb; FALSE when the device stopped
 * delivering (unplugged). */
gboolean        lc_video_capture_read  (LcVideoCapture         *self,
                                        guint8                **rgb,
                                        int                    *width,
                                        int                    *height);

G_END_DECLS

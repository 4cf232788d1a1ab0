#pragma once

#include "lc-camera.h"
#include "lc-camera-info.h"

G_BEGIN_DECLS

#define LC_TYPE_CAMERA_V4L2 (lc_camera_v4l2_get_type ())
G_DECLARE_FINAL_TYPE (LcCameraV4l2, lc_camera_v4l2, LC, CAMERA_V4L2, LcCamera)

/* A USB webcam or other V4L2 capture device, /dev/videoN. The region of interest's size
 * asks the driver for that resolution; its offset crops. "Mono8" as pixel format turns
 * the picture gray; a FOURCC ("MJPG", "YUYV") asks the driver for that transfer format. */
LcCameraV4l2 *lc_camera_v4l2_new      (const char *device);

/* The /dev/video* nodes present now, as LcCameraInfo. */
GPtrArray    *lc_camera_v4l2_discover (void);

G_END_DECLS

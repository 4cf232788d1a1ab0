#pragma once

#include "lc-camera.h"
#include "lc-camera-info.h"

G_BEGIN_DECLS

#define LC_TYPE_CAMERA_ARAVIS (lc_camera_aravis_get_type ())
G_DECLARE_FINAL_TYPE (LcCameraAravis, lc_camera_aravis, LC, CAMERA_ARAVIS, LcCamera)

/* A GenICam camera (GigE Vision, USB3 Vision) through Aravis. @device_id is Aravis's id
 * ("Basler-21234567", or "Fake_1" for Aravis's in-process test camera). */
LcCameraAravis *lc_camera_aravis_new      (const char  *device_id);

/* The GenICam cameras on the network and the USB bus now, as LcCameraInfo. Aravis's fake
 * camera is listed too when the environment has LC_CAMERA_FAKE=1. */
GPtrArray      *lc_camera_aravis_discover (void);

G_END_DECLS

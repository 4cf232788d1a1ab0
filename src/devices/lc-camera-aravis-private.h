#pragma once

#include "lc-camera-aravis.h"

G_BEGIN_DECLS

/* Tests: make the acquisition thread stop the camera's stream (a real AcquisitionStop on
 * the device), as a camera does whose cable is pulled while the control channel lives. */
void _lc_camera_aravis_stop_stream (LcCameraAravis *self);

G_END_DECLS

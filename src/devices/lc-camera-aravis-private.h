#pragma once

#include "lc-camera-aravis.h"

G_BEGIN_DECLS

/* Tests: the acquisition thread has the device emit "control-lost", as Aravis does when a
 * GigE camera stops answering its heartbeat (cable pulled, power lost). Aravis's in-process
 * fake camera cannot be unplugged, and its stream ignores AcquisitionStop. */
void _lc_camera_aravis_cut_control (LcCameraAravis *self);

G_END_DECLS

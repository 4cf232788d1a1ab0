#pragma once

#include "lc-camera-aravis.h"

G_BEGIN_DECLS

/* Tests: the acquisition thread has the device emit "control-lost", as Aravis does when a
 * GigE camera stops answering its heartbeat (cable pulled, power lost). Aravis's in-process
 * fake camera cannot be unplugged, and its stream ignores AcquisitionStop. */
void _lc_camera_aravis_cut_control (LcCameraAravis *self);

/* Tests: how often Aravis's fake camera fires its simulated trigger input (Line0; Aravis's
 * default is 25 Hz), as pulses from a part sensor would. Call before lc_camera_start ();
 * other cameras ignore it. */
void _lc_camera_aravis_set_fake_trigger_rate (LcCameraAravis *self,
                                              double          hz);

G_END_DECLS

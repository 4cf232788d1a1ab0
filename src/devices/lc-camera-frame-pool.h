#pragma once

#include <glib.h>

#include "lc-frame.h"

G_BEGIN_DECLS

/* Pixel buffers for a camera's frames, used again once every holder of a frame (the live
 * view's texture, a capture being saved, the vision engine) has let it go. A fresh 1.3 to
 * 3.9 MB allocation per frame costs page faults and the kernel's zeroing of every page;
 * a returned buffer costs nothing. Buffers of another size (a new region of interest) are
 * freed, not kept. Thread-safe: frames are filled on the acquisition thread and released
 * wherever their last holder lets go. Under AddressSanitizer an idle buffer is poisoned,
 * so a frame used after its release is still reported. */
typedef struct _LcCameraFramePool LcCameraFramePool;

LcCameraFramePool *lc_camera_frame_pool_new             (guint               max_idle);
LcCameraFramePool *lc_camera_frame_pool_ref             (LcCameraFramePool  *self);
/* Frames still held keep their buffers (and the pool) alive. */
void               lc_camera_frame_pool_unref           (LcCameraFramePool  *self);

/* Like lc_frame_new_uninitialized (): packed rows, writable until handed to anyone. */
LcFrame           *lc_camera_frame_pool_new_frame       (LcCameraFramePool  *self,
                                                         LcFrameFormat       format,
                                                         int                 width,
                                                         int                 height,
                                                         guint8            **pixels_out);

/* Buffers ever allocated, and those waiting to be used again. */
guint              lc_camera_frame_pool_get_n_allocated (LcCameraFramePool  *self);
guint              lc_camera_frame_pool_get_n_idle      (LcCameraFramePool  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCameraFramePool, lc_camera_frame_pool_unref)

G_END_DECLS

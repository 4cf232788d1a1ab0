#pragma once

/* Image files for the camera sources (src/devices/): decoding the files an image folder
 * plays and encoding captures as PNG, through OpenCV's imgcodecs. Plain C, no OpenCV
 * types, so src/devices stays C. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LC_CAMERA_IMAGE_OK,
  LC_CAMERA_IMAGE_UNREADABLE,   /* not an image, truncated, or damaged */
  LC_CAMERA_IMAGE_FAILED,       /* the codec failed (out of memory, …) */
} LcCameraImageStatus;

/* Decodes @data (PNG, JPEG, BMP, TIFF, PNM) into 8-bit gray (@channels 1) or RGB
 * (@channels 3), packed rows, in g_malloc'd @pixels. 16-bit images keep their upper byte,
 * an alpha channel is dropped. */
LcCameraImageStatus lc_camera_image_decode     (const guint8  *data,
                                                gsize          size,
                                                int           *width,
                                                int           *height,
                                                int           *channels,
                                                guint8       **pixels);

/* A lossless PNG of 8-bit gray or RGB pixels, in g_malloc'd memory; NULL on failure. */
guint8             *lc_camera_image_encode_png (const guint8  *pixels,
                                                int            width,
                                                int            height,
                                                gsize          stride,
                                                int            channels,
                                                gsize         *size);

G_END_DECLS

#pragma once

#include "lc-camera.h"

G_BEGIN_DECLS

#define LC_TYPE_CAMERA_FOLDER (lc_camera_folder_get_type ())
G_DECLARE_FINAL_TYPE (LcCameraFolder, lc_camera_folder, LC, CAMERA_FOLDER, LcCamera)

/* Plays the images of a folder (PNG, JPEG, BMP, TIFF, PNM) in name order, over and over,
 * at the settings' frame rate (5 per second unless set): for re-inspecting stored images
 * and for tests. A file that cannot be read is reported and skipped; a folder that is
 * removed is a lost camera, back when the folder is. */
LcCameraFolder *lc_camera_folder_new (const char *path);

G_END_DECLS

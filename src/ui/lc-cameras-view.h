#pragma once

#include "lc-camera.h"
#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_CAMERAS_VIEW (lc_cameras_view_get_type ())
G_DECLARE_FINAL_TYPE (LcCamerasView, lc_cameras_view, LC, CAMERAS_VIEW, LcPage)

GtkWidget  *lc_cameras_view_new                (void);
/* Chooses the camera at @uri in the list, as a click on it would. */
void        lc_cameras_view_select_uri         (LcCamerasView *self,
                                                const char    *uri);
/* The chosen camera (streaming while the view is on screen), or NULL. */
LcCamera   *lc_cameras_view_get_camera         (LcCamerasView *self);
/* The PNG file of the last test grab, or NULL. */
const char *lc_cameras_view_get_test_grab_file (LcCamerasView *self);

G_END_DECLS

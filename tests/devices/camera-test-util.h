#pragma once

/* Helpers for the camera tests: run the main loop until something happened, with a limit
 * so a broken camera fails the test instead of hanging it. */

#include <glib.h>
#include <glib/gstdio.h>

#include "lc-camera.h"

typedef gboolean (*CameraTestCondition) (gpointer user_data);

static inline gboolean
camera_test_wait (CameraTestCondition condition,
                  gpointer            user_data,
                  guint               timeout_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

typedef struct
{
  LcCamera      *camera;
  LcCameraState  state;
} CameraTestState;

static inline gboolean
camera_test_in_state (gpointer user_data)
{
  CameraTestState *wanted = user_data;

  return lc_camera_get_state (wanted->camera) == wanted->state;
}

static inline gboolean
camera_test_wait_for_state (LcCamera      *camera,
                            LcCameraState  state,
                            guint          timeout_ms)
{
  CameraTestState wanted = { camera, state };

  return camera_test_wait (camera_test_in_state, &wanted, timeout_ms);
}

typedef struct
{
  LcFrame *frame;
  GError  *error;
  gboolean done;
} CameraTestGrab;

static inline void
camera_test_grab_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CameraTestGrab *grab = user_data;

  grab->frame = lc_camera_grab_finish (LC_CAMERA (source), result, &grab->error);
  grab->done = TRUE;
}

static inline gboolean
camera_test_grab_done (gpointer user_data)
{
  return ((CameraTestGrab *) user_data)->done;
}

/* The next frame, or NULL with @error set; fails the test on time-out. */
static inline LcFrame *
camera_test_grab (LcCamera  *camera,
                  guint      timeout_ms,
                  GError   **error)
{
  CameraTestGrab grab = { 0 };

  lc_camera_grab_async (camera, NULL, camera_test_grab_cb, &grab);
  g_assert_true (camera_test_wait (camera_test_grab_done, &grab, timeout_ms));
  if (grab.error != NULL)
    g_propagate_error (error, grab.error);
  return grab.frame;
}

/* Removes a temporary folder the test made, with what is in it. */
static inline void
camera_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        camera_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A camera that could be opened: what discovery finds and `camera list` prints. */
typedef struct
{
  char *uri;     /* what lc_camera_new_for_uri () takes */
  char *kind;    /* "aravis", "v4l2", "folder", "sim" */
  char *name;    /* vendor and model, or a description */
  char *serial;
  char *detail;  /* protocol and address, device node, … */
} LcCameraInfo;

LcCameraInfo *lc_camera_info_new     (void);
void          lc_camera_info_free    (LcCameraInfo *info);
JsonNode     *lc_camera_info_to_json (const LcCameraInfo *info);

/* Every camera reachable now: GenICam cameras, V4L2 capture devices, and the simulated
 * camera. Sources that fail to enumerate are left out, not fatal. */
GPtrArray    *lc_camera_discover     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCameraInfo, lc_camera_info_free)

G_END_DECLS

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lc-store.h"

G_BEGIN_DECLS

typedef enum
{
  LC_CAMERA_TRIGGER_FREE_RUN,   /* the camera streams on its own */
  LC_CAMERA_TRIGGER_SOFTWARE,   /* one picture per lc_camera_trigger () or grab */
  LC_CAMERA_TRIGGER_HARDWARE,   /* one picture per pulse on an input line (a light barrier) */
} LcCameraTrigger;

#define LC_TYPE_CAMERA_SETTINGS (lc_camera_settings_get_type ())

/* What an operator may set on a camera, stored as JSON in camera.settings and, per part
 * type, in part_type.camera_settings so a changeover brings its exposure and ROI along.
 * NAN / NULL / 0 mean "leave the camera as it is". */
typedef struct
{
  double           exposure_us;
  double           gain_db;
  double           frame_rate;
  char            *pixel_format;    /* GenICam name: "Mono8", "BayerRG8", "RGB8", … */
  int              roi_x;
  int              roi_y;
  int              roi_width;       /* 0: the full sensor */
  int              roi_height;
  LcCameraTrigger  trigger;
  char            *trigger_source;  /* hardware trigger input, "Line0" when NULL */
} LcCameraSettings;

GType             lc_camera_settings_get_type   (void) G_GNUC_CONST;
LcCameraSettings *lc_camera_settings_new        (void);
LcCameraSettings *lc_camera_settings_copy       (const LcCameraSettings *settings);
void              lc_camera_settings_free       (LcCameraSettings       *settings);
gboolean          lc_camera_settings_equal      (const LcCameraSettings *a,
                                                 const LcCameraSettings *b);

JsonNode         *lc_camera_settings_to_json    (const LcCameraSettings *settings);
char             *lc_camera_settings_to_string  (const LcCameraSettings *settings);
LcCameraSettings *lc_camera_settings_from_json  (JsonNode               *node,
                                                 GError                **error);
LcCameraSettings *lc_camera_settings_from_string (const char            *json,
                                                  GError               **error);

const char       *lc_camera_trigger_to_string   (LcCameraTrigger         trigger);
gboolean          lc_camera_trigger_from_string (const char             *text,
                                                 LcCameraTrigger        *trigger);

/* The camera a part type uses and its settings for that part (part_type.camera_id and
 * part_type.camera_settings). @camera_id is 0 when the part type has no camera bound. */
gboolean          lc_camera_settings_load_for_part_type (LcStore            *store,
                                                         gint64              part_type_id,
                                                         gint64             *camera_id,
                                                         LcCameraSettings  **settings,
                                                         GError            **error);
gboolean          lc_camera_settings_save_for_part_type (LcStore                *store,
                                                         gint64                  part_type_id,
                                                         gint64                  camera_id,
                                                         const LcCameraSettings *settings,
                                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCameraSettings, lc_camera_settings_free)

G_END_DECLS

#pragma once

#include <gio/gio.h>

#include "lc-camera.h"
#include "lc-gauge-bench.h"
#include "lc-inspection.h"
#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_INSPECT_ERROR (lc_inspect_error_quark ())

typedef enum
{
  LC_INSPECT_ERROR_BUSY,          /* an inspection is half done: finish or discard it first */
  LC_INSPECT_ERROR_NO_PART_TYPE,  /* nothing to inspect: no part type chosen */
  LC_INSPECT_ERROR_NO_LOT,        /* a part is inspected within a lot */
  LC_INSPECT_ERROR_WRONG_STATE,   /* e.g. a verdict before the part was inspected */
  LC_INSPECT_ERROR_MISSING_VALUE, /* a characteristic has no value yet */
  LC_INSPECT_ERROR_NEEDS_DEFECT,  /* a fail names its defect class or an out-of-spec value */
  LC_INSPECT_ERROR_OUT_OF_SPEC,   /* a part with a value out of specification cannot pass */
  LC_INSPECT_ERROR_NO_GAUGE,      /* re-measure asked of a characteristic typed by hand */
} LcInspectError;

typedef enum
{
  LC_INSPECT_STATE_IDLE,       /* waiting for the next part */
  LC_INSPECT_STATE_ACQUIRING,  /* capturing and measuring (waiting for stable readings) */
  LC_INSPECT_STATE_SUGGESTED,  /* values and a suggested verdict are shown; the operator decides */
  LC_INSPECT_STATE_RECORDED,   /* the verdict is in the database; the next part may come */
} LcInspectState;

/* Where a value stands against its specification. NEAR: inside, but in the outer eighth of
 * the tolerance on either side (a warning before it goes out); one-sided, within an eighth of
 * the distance from the limit to zero. The one definition: the gauge bars colour by it too. */
#define LC_SPEC_NEAR_FRACTION 0.125
typedef enum
{
  LC_SPEC_NONE,  /* no value, or no limits */
  LC_SPEC_IN,
  LC_SPEC_NEAR,
  LC_SPEC_OUT,
} LcSpecZone;

LcSpecZone  lc_spec_zone (double value,
                          double lsl,
                          double usl);

/* What the model (or, without one, the gauges) suggests for the part in front of the
 * operator. A vision engine fills the model fields through an LcInspectAnalyzer. */
typedef struct
{
  LcVerdict  verdict;
  gint64     model_id;          /* 0: suggested from the gauges alone */
  double     score;             /* the model's anomaly score, NAN without a model */
  gboolean   confident;         /* the model is sure (far from its threshold) */
  gint64     defect_class_id;   /* the class it names, 0 for none */
  GPtrArray *regions;           /* LcAnnotationRecord found by the model, in image pixels (g_new'd,
                                 * strings g_strdup'd; the session frees them). Score: how sure
                                 * the model is of the region's class (0.5 .. 1), or its heat
                                 * (1.0 = the threshold) when no classifier named it */
  double     confidence;        /* how sure the model is of its verdict, 0.5 .. 1; NAN without */
  GBytes    *heat_map;          /* floats, heat_width × heat_height, 1.0 = the threshold; or NULL */
  int        heat_width;
  int        heat_height;
} LcInspectSuggestion;

/* Runs on a worker thread with a frame of the part; fills @suggestion's model fields
 * (verdict, score, confident, defect_class_id, regions). Returns FALSE with @error when the
 * model cannot judge the picture; the session then suggests from the gauges and says why. */
typedef gboolean (*LcInspectAnalyzer) (LcFrame              *frame,
                                       gint64                model_id,
                                       LcInspectSuggestion  *suggestion,
                                       gpointer              user_data,
                                       GError              **error);

/* Shift counters (since the start of the current shift, from the database). */
typedef struct
{
  gint64  shift_start;
  guint   inspected;
  guint   passed;
  guint   failed;
  char   *last_defects[3];  /* names of the latest defect classes failed, newest first */
} LcShiftCounters;

#define LC_TYPE_INSPECT_SESSION (lc_inspect_session_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectSession, lc_inspect_session, LC, INSPECT_SESSION, GObject)

GQuark                     lc_inspect_error_quark                (void);

/* One inspection bench's operator session, on the main thread. Signals: "changed" (state,
 * values, lot, serial or counters moved: redraw), "alarm" (kind: "out-of-spec", "spc",
 * "output" or "device"; a message for people) when something needs the operator's eyes.
 * @bench and @camera may be
 * NULL (no gauges: values are typed; no camera: no pictures). The session does not start
 * or stop the bench or @camera; a camera it opens itself for a part type (part_type.camera_id
 * names another one) it starts, and stops when it is replaced or the session goes. */
LcInspectSession          *lc_inspect_session_new                (LcStore           *store,
                                                                  LcGaugeBench      *bench,
                                                                  LcCamera          *camera);
LcStore                   *lc_inspect_session_get_store          (LcInspectSession  *self);
LcGaugeBench              *lc_inspect_session_get_bench          (LcInspectSession  *self);
LcCamera                  *lc_inspect_session_get_camera         (LcInspectSession  *self);
void                       lc_inspect_session_set_analyzer       (LcInspectSession  *self,
                                                                  LcInspectAnalyzer  analyzer,
                                                                  gpointer           user_data,
                                                                  GDestroyNotify     destroy);
void                       lc_inspect_session_set_station        (LcInspectSession  *self,
                                                                  const char        *station);

/* Changeover: loads the part type's characteristics, their gauge channels, the camera and
 * its settings for that part, and the active model. Refused with LC_INSPECT_ERROR_BUSY
 * while an inspection is half done unless @discard. Ends the current lot's use (the lot
 * stays open in the database). NULL: no part type. */
gboolean                   lc_inspect_session_change_part_type   (LcInspectSession  *self,
                                                                  LcPartType        *part_type,
                                                                  gboolean           discard,
                                                                  GError           **error);
LcPartType                *lc_inspect_session_get_part_type      (LcInspectSession  *self);
/* The characteristics inspected (not archived), in order. */
GPtrArray                 *lc_inspect_session_get_characteristics (LcInspectSession *self);
/* The gauge channel bound to a characteristic, or NULL (typed by hand). */
LcGaugeChannel            *lc_inspect_session_get_channel        (LcInspectSession  *self,
                                                                  gint64             characteristic_id);
gint64                     lc_inspect_session_get_model_id       (LcInspectSession  *self);
int                        lc_inspect_session_get_model_version  (LcInspectSession  *self);
/* How long the last changeover took, µs. */
gint64                     lc_inspect_session_get_changeover_time (LcInspectSession *self);

/* Lots. @code NULL: a new lot with the next free code of the week. */
gboolean                   lc_inspect_session_open_lot           (LcInspectSession  *self,
                                                                  const char        *code,
                                                                  GError           **error);
gint64                     lc_inspect_session_get_lot_id         (LcInspectSession  *self);
const char                *lc_inspect_session_get_lot_code       (LcInspectSession  *self);
/* The serial of the next (or current) part, scanned or typed; NULL or "" counts it
 * automatically in the lot. */
void                       lc_inspect_session_set_serial         (LcInspectSession  *self,
                                                                  const char        *serial);
const char                *lc_inspect_session_get_serial         (LcInspectSession  *self);

LcInspectState             lc_inspect_session_get_state          (LcInspectSession  *self);
/* TRUE while an inspection is started and not recorded. */
gboolean                   lc_inspect_session_is_busy            (LcInspectSession  *self);
/* A sentence for people on what is going on or went wrong ("Waiting for a stable value
 * of Bore diameter…", "Recorded: pass."). */
const char                *lc_inspect_session_get_status         (LcInspectSession  *self);

/* Capture and measure. Starts from IDLE or RECORDED: captures a picture, takes every bound
 * gauge (waiting for stable readings), runs the model, and ends in SUGGESTED. A gauge that
 * fails leaves its characteristic without a value, said in words in the status; the
 * operator re-measures it or types it. */
void                       lc_inspect_session_inspect_async      (LcInspectSession  *self,
                                                                  GCancellable      *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer           user_data);
gboolean                   lc_inspect_session_inspect_finish     (LcInspectSession  *self,
                                                                  GAsyncResult      *result,
                                                                  GError           **error);
/* Measures again one characteristic (or all with 0), keeping the earlier readings marked
 * superseded with @reason. In SUGGESTED only. */
void                       lc_inspect_session_remeasure_async    (LcInspectSession  *self,
                                                                  gint64             characteristic_id,
                                                                  const char        *reason,
                                                                  GCancellable      *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer           user_data);
gboolean                   lc_inspect_session_remeasure_finish   (LcInspectSession  *self,
                                                                  GAsyncResult      *result,
                                                                  GError           **error);
/* A value typed by the operator (no gauge, or the gauge failed). An earlier reading of it
 * is kept as superseded with @reason. */
gboolean                   lc_inspect_session_enter_value        (LcInspectSession  *self,
                                                                  gint64             characteristic_id,
                                                                  double             value,
                                                                  const char        *reason,
                                                                  GError           **error);

/* The current part's values: the latest reading of each characteristic (NAN when none). */
double                     lc_inspect_session_get_value          (LcInspectSession  *self,
                                                                  gint64             characteristic_id);
LcSpecZone                 lc_inspect_session_get_zone           (LcInspectSession  *self,
                                                                  gint64             characteristic_id);
/* Every reading of the current part, superseded ones included (LcMeasurementRecord). */
GPtrArray                 *lc_inspect_session_get_measurements   (LcInspectSession  *self);
const LcInspectSuggestion *lc_inspect_session_get_suggestion     (LcInspectSession  *self);
/* The defects the model found on the current part with how sure it is of each, for people
 * ("Dent (82 %), Unknown defect (71 %)"); "" when it found none or did not run. */
char                      *lc_inspect_session_describe_defects   (LcInspectSession  *self);
/* The picture of the current part, or NULL. */
LcFrame                   *lc_inspect_session_get_frame          (LcInspectSession  *self);
/* Everything measured is in specification and the model (if any) is confident about a
 * pass: the operator passes with one action, without a second look. */
gboolean                   lc_inspect_session_can_pass_at_once   (LcInspectSession  *self);

/* The operator's verdict. A fail names a defect class (prefilled from the suggestion) or
 * has an out-of-spec value. Recorded whole before it returns; a verdict that differs from
 * the model's suggestion marks the images for the review queue. Then the verdict outputs
 * are written (fail; critical for a critical defect class) and the counters move. */
gboolean                   lc_inspect_session_confirm            (LcInspectSession  *self,
                                                                  LcVerdict          verdict,
                                                                  gint64             defect_class_id,
                                                                  GError           **error);
/* The id of the last inspection recorded, 0 before the first. */
gint64                     lc_inspect_session_get_last_inspection_id (LcInspectSession *self);
/* Drops the half-done inspection (nothing is recorded). */
void                       lc_inspect_session_discard            (LcInspectSession  *self);

const LcShiftCounters     *lc_inspect_session_get_counters       (LcInspectSession  *self);
/* 0 to 1, NAN before the first part. */
double                     lc_shift_counters_get_yield           (const LcShiftCounters *counters);

G_END_DECLS

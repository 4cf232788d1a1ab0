#pragma once

#include <gio/gio.h>

#include "lc-store.h"

G_BEGIN_DECLS

typedef enum
{
  LC_VERDICT_NONE,   /* not decided yet */
  LC_VERDICT_PASS,
  LC_VERDICT_FAIL,
} LcVerdict;

const char *lc_verdict_to_string   (LcVerdict    verdict);
gboolean    lc_verdict_from_string (const char  *text,
                                    LcVerdict   *verdict);

typedef enum
{
  LC_DECIDED_BY_OPERATOR,           /* no suggestion, or the operator decided alone */
  LC_DECIDED_BY_MODEL,              /* the operator confirmed the model's suggestion */
  LC_DECIDED_BY_OPERATOR_OVERRIDE,  /* the operator corrected the model */
} LcDecidedBy;

const char *lc_decided_by_to_string (LcDecidedBy decided_by);

/* One reading of one characteristic. A re-measure keeps the earlier reading, marked
 * superseded with the reason, beside the new one. */
typedef struct
{
  gint64    characteristic_id;
  double    value;
  char     *raw;            /* what the gauge said: registers, the serial line, the typed text */
  gint64    channel_id;     /* 0: typed by hand */
  gint64    measured_at;
  gboolean  superseded;
  char     *reason;
} LcMeasurementRecord;

/* A region on an image, by the operator or the model. Geometry is JSON in image pixels:
 * box {"x","y","w","h"}, polygon {"points": [[x,y],…]}, mask {"file": "…png"}. */
typedef struct
{
  gint64  defect_class_id;  /* 0: unclassified anomaly */
  char   *shape;            /* "box", "polygon" or "mask" */
  char   *geometry;
  char   *author;           /* "operator" or "model" */
  gint64  model_id;
  double  score;            /* NAN when none */
} LcAnnotationRecord;

/* Frees a g_new'd record and its strings (a GDestroyNotify for arrays of them). */
void lc_annotation_record_free (gpointer record);

typedef struct
{
  /* Relative to the store's data folder, as camera captures are: "images/<sha256>.png"
   * (the name lc_inspection_store_image_png or lc_camera_capture_store_png returned). */
  char      *file;
  int        width;
  int        height;
  char      *camera;
  gint64     captured_at;
  gboolean   review;        /* goes to the review queue */
  GPtrArray *annotations;   /* LcAnnotationRecord */
} LcImageRecord;

#define LC_TYPE_INSPECTION (lc_inspection_get_type ())
G_DECLARE_FINAL_TYPE (LcInspection, lc_inspection, LC, INSPECTION, GObject)

/* What one part's inspection leaves in the database, recorded whole or not at all. */
LcInspection        *lc_inspection_new                 (gint64          part_type_id);
gint64               lc_inspection_get_id              (LcInspection   *self);
gint64               lc_inspection_get_part_type_id    (LcInspection   *self);
void                 lc_inspection_set_lot_id          (LcInspection   *self,
                                                        gint64          lot_id);
gint64               lc_inspection_get_lot_id          (LcInspection   *self);
void                 lc_inspection_set_serial          (LcInspection   *self,
                                                        const char     *serial);
const char          *lc_inspection_get_serial          (LcInspection   *self);
void                 lc_inspection_set_operator_id     (LcInspection   *self,
                                                        gint64          operator_id);
void                 lc_inspection_set_station         (LcInspection   *self,
                                                        const char     *station);
void                 lc_inspection_set_started_at      (LcInspection   *self,
                                                        gint64          started_at);
void                 lc_inspection_set_verdict         (LcInspection   *self,
                                                        LcVerdict       verdict,
                                                        LcDecidedBy     decided_by);
LcVerdict            lc_inspection_get_verdict         (LcInspection   *self);
void                 lc_inspection_set_suggestion      (LcInspection   *self,
                                                        LcVerdict       suggested,
                                                        gint64          model_id,
                                                        double          score);
LcVerdict            lc_inspection_get_suggestion      (LcInspection   *self);
void                 lc_inspection_set_defect_class_id (LcInspection   *self,
                                                        gint64          defect_class_id);
void                 lc_inspection_set_note            (LcInspection   *self,
                                                        const char     *note);

/* The record takes over the measurement / image (and frees it). */
LcMeasurementRecord *lc_inspection_add_measurement     (LcInspection   *self,
                                                        gint64          characteristic_id,
                                                        double          value,
                                                        const char     *raw,
                                                        gint64          channel_id,
                                                        gint64          measured_at);
/* Marks the current reading of the characteristic superseded (kept, with @reason). */
gboolean             lc_inspection_supersede           (LcInspection   *self,
                                                        gint64          characteristic_id,
                                                        const char     *reason);
GPtrArray           *lc_inspection_get_measurements    (LcInspection   *self);
LcImageRecord       *lc_inspection_add_image           (LcInspection   *self,
                                                        const char     *file,
                                                        int             width,
                                                        int             height,
                                                        const char     *camera,
                                                        gint64          captured_at);
void                 lc_image_record_add_annotation    (LcImageRecord  *image,
                                                        gint64          defect_class_id,
                                                        const char     *shape,
                                                        const char     *geometry,
                                                        const char     *author,
                                                        gint64          model_id,
                                                        double          score);
GPtrArray           *lc_inspection_get_images          (LcInspection   *self);

/* Writes the inspection, its measurements, images and annotations in one transaction, and
 * returns only when it is on disk (the store syncs every commit). On failure nothing was
 * written: a full disk is LC_STORE_ERROR_DISK_FULL. The image files must already be in the
 * images folder (lc_inspection_store_image_png wrote and synced them). */
gboolean             lc_inspection_record              (LcInspection   *self,
                                                        LcStore        *store,
                                                        GError        **error);

/* Keeps an encoded PNG in the store's images folder, named by the SHA-256 of its bytes,
 * written to a temporary file, synced and renamed, so a crash never leaves half a picture.
 * Returns the file name (not the path). */
char                *lc_inspection_store_image_png     (LcStore        *store,
                                                        GBytes         *png,
                                                        GError        **error);
/* A kill between the temporary file and its rename leaves NAME.png.XXXXXX in the images
 * folder, never finished and never referenced. Removes those last changed before
 * @started_at (microseconds UTC: when this process started, so a picture another process is
 * writing right now is left alone) that no image row names. The app calls it at start. */
gboolean             lc_inspection_remove_stray_image_files (LcStore   *store,
                                                            gint64     started_at,
                                                            guint     *n_removed,
                                                            GError   **error);

G_END_DECLS

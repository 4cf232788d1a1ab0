#pragma once

#include <gio/gio.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_LABEL_ERROR (lc_label_error_quark ())

typedef enum
{
  LC_LABEL_ERROR_NOT_FOUND,       /* the image or annotation is gone */
  LC_LABEL_ERROR_INVALID,         /* a shape with no area, a point outside the picture, … */
  LC_LABEL_ERROR_FOLDER,          /* the import folder cannot be read */
  LC_LABEL_ERROR_UNKNOWN_CLASS,   /* a class folder names no defect class of the part type */
  LC_LABEL_ERROR_DAMAGED,         /* a picture file cannot be decoded */
  LC_LABEL_ERROR_WRITE,           /* a file cannot be written into the images folder */
  LC_LABEL_ERROR_CANCELLED,
} LcLabelError;

GQuark lc_label_error_quark (void);

/* What the operator said about a picture: nothing yet, a good part, or a part with the
 * defects drawn on it. Stored in image.label. */
typedef enum
{
  LC_IMAGE_LABEL_UNLABELLED,
  LC_IMAGE_LABEL_GOOD,
  LC_IMAGE_LABEL_DEFECT,
} LcImageLabel;

const char *lc_image_label_to_string   (LcImageLabel  label);
gboolean    lc_image_label_from_string (const char   *text,
                                        LcImageLabel *label);

/* The image browser's filters. */
typedef enum
{
  LC_IMAGE_FILTER_ALL,
  LC_IMAGE_FILTER_UNLABELLED,
  LC_IMAGE_FILTER_GOOD,
  LC_IMAGE_FILTER_DEFECT,          /* any defect class */
  LC_IMAGE_FILTER_DEFECT_CLASS,    /* one defect class, by id */
  LC_IMAGE_FILTER_DISAGREE,        /* the model and the operator disagree */
  LC_IMAGE_FILTER_REVIEW,          /* corrected verdicts and unsure images, not yet labelled */
} LcImageFilter;

#define LC_TYPE_LABEL_IMAGE (lc_label_image_get_type ())
G_DECLARE_FINAL_TYPE (LcLabelImage, lc_label_image, LC, LABEL_IMAGE, GObject)

/* One stored picture of a part type as the labelling tools see it: a snapshot of its row. */
gint64        lc_label_image_get_id             (LcLabelImage *self);
gint64        lc_label_image_get_part_type_id   (LcLabelImage *self);
/* Relative to the store's data folder ("images/<sha256>.png"). */
const char   *lc_label_image_get_file           (LcLabelImage *self);
/* Absolute path of the file. */
const char   *lc_label_image_get_path           (LcLabelImage *self);
int           lc_label_image_get_width          (LcLabelImage *self);
int           lc_label_image_get_height         (LcLabelImage *self);
LcImageLabel  lc_label_image_get_label          (LcLabelImage *self);
gboolean      lc_label_image_get_review         (LcLabelImage *self);
/* The file's name before import ("Crack/exp1_num_4.jpg"), or "" for captures. */
const char   *lc_label_image_get_original_name  (LcLabelImage *self);
gint64        lc_label_image_get_captured_at    (LcLabelImage *self);
/* The defect classes drawn on it by an operator, in drawing order (ids). */
GArray       *lc_label_image_get_defect_class_ids (LcLabelImage *self);

LcLabelImage *lc_label_image_load               (LcStore      *store,
                                                 gint64        image_id,
                                                 GError      **error);
/* The pictures of @part_type_id that pass @filter (@defect_class_id for
 * LC_IMAGE_FILTER_DEFECT_CLASS), oldest first: a GListStore of LcLabelImage. */
GListStore   *lc_label_image_query              (LcStore      *store,
                                                 gint64        part_type_id,
                                                 LcImageFilter filter,
                                                 gint64        defect_class_id,
                                                 GError      **error);
gint64        lc_label_image_count              (LcStore      *store,
                                                 gint64        part_type_id,
                                                 LcImageFilter filter,
                                                 gint64        defect_class_id,
                                                 GError      **error);

G_END_DECLS

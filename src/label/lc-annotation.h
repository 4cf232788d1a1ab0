#pragma once

#include <gio/gio.h>

#include "lc-store.h"

G_BEGIN_DECLS

typedef enum
{
  LC_ANNOTATION_SHAPE_BOX,
  LC_ANNOTATION_SHAPE_POLYGON,
  LC_ANNOTATION_SHAPE_MASK,      /* a brushed mask: a PNG the picture's size, white = defect */
} LcAnnotationShape;

const char *lc_annotation_shape_to_string   (LcAnnotationShape  shape);
gboolean    lc_annotation_shape_from_string (const char        *text,
                                             LcAnnotationShape *shape);

typedef struct
{
  double x;
  double y;
} LcPoint;

#define LC_TYPE_ANNOTATION (lc_annotation_get_type ())
G_DECLARE_FINAL_TYPE (LcAnnotation, lc_annotation, LC, ANNOTATION, GObject)

/* A defect region on a picture, in the picture's pixels, drawn by an operator or found by a
 * model. Stored in the annotation table; the shape's geometry is JSON:
 *   box     {"x", "y", "width", "height"}
 *   polygon {"points": [[x, y], …]}
 *   mask    {"file": "images/<sha256>.png", "x", "y", "width", "height"} (the box around
 *           the white pixels; the file is relative to the store's data folder) */
LcAnnotation      *lc_annotation_new_box          (gint64             defect_class_id,
                                                   double             x,
                                                   double             y,
                                                   double             width,
                                                   double             height);
LcAnnotation      *lc_annotation_new_polygon      (gint64             defect_class_id,
                                                   const LcPoint     *points,
                                                   guint              n_points);
LcAnnotation      *lc_annotation_new_mask         (gint64             defect_class_id,
                                                   const char        *file,
                                                   int                x,
                                                   int                y,
                                                   int                width,
                                                   int                height);
LcAnnotation      *lc_annotation_copy             (LcAnnotation      *self);

gint64             lc_annotation_get_id           (LcAnnotation      *self);
gint64             lc_annotation_get_image_id     (LcAnnotation      *self);
gint64             lc_annotation_get_defect_class_id (LcAnnotation   *self);
LcAnnotationShape  lc_annotation_get_shape        (LcAnnotation      *self);
/* TRUE for an operator's region, FALSE for one a model found. */
gboolean           lc_annotation_is_operator      (LcAnnotation      *self);
double             lc_annotation_get_score        (LcAnnotation      *self);
/* The box around the region (for every shape). */
void               lc_annotation_get_bounds       (LcAnnotation      *self,
                                                   double            *x,
                                                   double            *y,
                                                   double            *width,
                                                   double            *height);
const LcPoint     *lc_annotation_get_points       (LcAnnotation      *self,
                                                   guint             *n_points);
/* The mask's file, relative to the data folder, or NULL for other shapes. */
const char        *lc_annotation_get_mask_file    (LcAnnotation      *self);
char              *lc_annotation_dup_geometry     (LcAnnotation      *self);

/* Checks the shape lies on a @width × @height picture and has an area. */
gboolean           lc_annotation_validate         (LcAnnotation      *self,
                                                   int                width,
                                                   int                height,
                                                   GError           **error);

/* In the store. Insert gives the annotation its id (or keeps the id it has, for redo). */
gboolean           lc_annotation_insert           (LcAnnotation      *self,
                                                   LcStore           *store,
                                                   gint64             image_id,
                                                   GError           **error);
gboolean           lc_annotation_delete           (LcAnnotation      *self,
                                                   LcStore           *store,
                                                   GError           **error);
/* The annotations of a picture, oldest first: a GListStore of LcAnnotation. */
GListStore        *lc_annotation_list_for_image   (LcStore           *store,
                                                   gint64             image_id,
                                                   GError           **error);

/* Writes an 8-bit mask (non-zero = defect) as a PNG into the store's images folder under
 * its content hash; returns the file relative to the data folder ("images/<sha256>.png")
 * and the box around its non-zero pixels (all 0 when the mask is empty). Any thread. */
char              *lc_annotation_store_mask       (LcStore           *store,
                                                   const guint8      *pixels,
                                                   int                width,
                                                   int                height,
                                                   int                stride,
                                                   int               *box_x,
                                                   int               *box_y,
                                                   int               *box_width,
                                                   int               *box_height,
                                                   GError           **error);

G_END_DECLS

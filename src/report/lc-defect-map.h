#pragma once

#include <glib.h>

#include "lc-export.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* Where on the part the labelled defect regions of a part type sit: each region (a box or a
 * polygon in its picture's pixels) adds one to every cell of a grid laid over the reference
 * picture that it covers. Pictures are taken in the bench's fixture, so a picture's pixel
 * is the reference picture's pixel after scaling to its size.
 *
 * Geometry JSON: a box is {"x", "y", "width", "height"}; a polygon {"points": [[x, y], …]};
 * a brush mask carries its bounding box {"x", "y", "width", "height"} and counts as that. */
typedef struct
{
  int     image_width;    /* the pixel space: the reference picture's size */
  int     image_height;
  int     grid_width;
  int     grid_height;
  float  *density;        /* grid_width * grid_height, row by row */
  guint   n_regions;
} LcDefectMap;

void         lc_defect_map_free   (LcDefectMap          *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcDefectMap, lc_defect_map_free)

/* Regions of inspections of @part_type_id in @range, of one defect class (0: every class).
 * @image_width/@image_height: the reference picture's size, or 0 to use the size of the
 * first labelled picture. @cells: grid cells along the longer side. */
LcDefectMap *lc_defect_map_load   (LcStore              *store,
                                   gint64                part_type_id,
                                   const LcExportRange  *range,
                                   gint64                defect_class_id,
                                   int                   image_width,
                                   int                   image_height,
                                   int                   cells,
                                   GError              **error);

/* Adds one region (in a picture of @width x @height pixels) to @map. FALSE when the
 * geometry cannot be read. */
gboolean     lc_defect_map_add    (LcDefectMap          *map,
                                   const char           *shape,
                                   const char           *geometry,
                                   int                   width,
                                   int                   height);

/* The cell with the most regions, in reference pixels (its centre); FALSE if empty. */
gboolean     lc_defect_map_peak   (const LcDefectMap    *map,
                                   double               *x,
                                   double               *y,
                                   float                *count);

G_END_DECLS

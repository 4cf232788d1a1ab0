#pragma once

#include <gtk/gtk.h>

#include "lc-defect-map.h"

G_BEGIN_DECLS

#define LC_TYPE_DEFECT_MAP_VIEW (lc_defect_map_view_get_type ())
G_DECLARE_FINAL_TYPE (LcDefectMapView, lc_defect_map_view, LC, DEFECT_MAP_VIEW, GtkWidget)

/* Where defects sit on the part: a heat map over the part type's reference picture. */
GtkWidget *lc_defect_map_view_new          (void);
/* @map NULL: nothing; @reference NULL: drawn over a plain plate. Copies @map. */
void       lc_defect_map_view_set_map      (LcDefectMapView   *self,
                                            const LcDefectMap *map,
                                            GdkTexture        *reference,
                                            const char        *title);
guint      lc_defect_map_view_get_n_regions (LcDefectMapView  *self);
/* The hottest spot in reference pixels and how many regions cover it; FALSE if none. */
gboolean   lc_defect_map_view_get_peak     (LcDefectMapView   *self,
                                            double            *x,
                                            double            *y,
                                            float             *count);

G_END_DECLS

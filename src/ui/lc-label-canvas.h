#pragma once

#include <gtk/gtk.h>

#include "lc-annotation.h"

G_BEGIN_DECLS

typedef enum
{
  LC_LABEL_TOOL_BOX,
  LC_LABEL_TOOL_POLYGON,
  LC_LABEL_TOOL_BRUSH,
  LC_LABEL_TOOL_ERASER,
  LC_LABEL_TOOL_PAN,
} LcLabelTool;

#define LC_TYPE_LABEL_CANVAS (lc_label_canvas_get_type ())
G_DECLARE_FINAL_TYPE (LcLabelCanvas, lc_label_canvas, LC, LABEL_CANVAS, GtkWidget)

/* The picture being labelled with its regions over it, zoomed and panned; the tools draw
 * boxes, outlines and brushed masks in the picture's pixels. The canvas only draws: what is
 * drawn is announced by "box-drawn" (x, y, width, height), "polygon-drawn" (LcPoint *,
 * n_points) and "mask-drawn" (id of the mask it repaints or 0, cairo_surface_t * A8 of the
 * picture's size), and the page saves it.
 *
 * lc_label_canvas_press / _motion / _release are what the pointer gestures call, in widget
 * coordinates; tests drive the tools through them. */
GtkWidget    *lc_label_canvas_new               (void);

/* @texture NULL shows nothing. @masks maps an LcAnnotation's mask file to a cairo A8
 * surface of the picture's size (transfer: the canvas keeps a reference). */
void          lc_label_canvas_set_picture       (LcLabelCanvas *self,
                                                 GdkTexture    *texture);
GdkTexture   *lc_label_canvas_get_picture       (LcLabelCanvas *self);
void          lc_label_canvas_set_annotations   (LcLabelCanvas *self,
                                                 GListModel    *annotations,
                                                 GHashTable    *masks);
/* The colours of the defect classes (GListModel of LcDefectClass). */
void          lc_label_canvas_set_defect_classes (LcLabelCanvas *self,
                                                  GListModel    *defect_classes);
void          lc_label_canvas_set_defect_class_id (LcLabelCanvas *self,
                                                   gint64         defect_class_id);

void          lc_label_canvas_set_tool          (LcLabelCanvas *self,
                                                 LcLabelTool    tool);
LcLabelTool   lc_label_canvas_get_tool          (LcLabelCanvas *self);
void          lc_label_canvas_set_brush_radius  (LcLabelCanvas *self,
                                                 double         radius);

/* 1 = the whole picture fits the canvas. */
void          lc_label_canvas_set_zoom          (LcLabelCanvas *self,
                                                 double         zoom);
double        lc_label_canvas_get_zoom          (LcLabelCanvas *self);
void          lc_label_canvas_zoom_at           (LcLabelCanvas *self,
                                                 double         factor,
                                                 double         x,
                                                 double         y);
void          lc_label_canvas_pan               (LcLabelCanvas *self,
                                                 double         dx,
                                                 double         dy);
void          lc_label_canvas_fit               (LcLabelCanvas *self);

void          lc_label_canvas_widget_to_picture (LcLabelCanvas *self,
                                                 double         x,
                                                 double         y,
                                                 double        *px,
                                                 double        *py);
void          lc_label_canvas_picture_to_widget (LcLabelCanvas *self,
                                                 double         px,
                                                 double         py,
                                                 double        *x,
                                                 double        *y);

void          lc_label_canvas_press             (LcLabelCanvas *self,
                                                 double         x,
                                                 double         y);
void          lc_label_canvas_motion            (LcLabelCanvas *self,
                                                 double         x,
                                                 double         y);
void          lc_label_canvas_release           (LcLabelCanvas *self,
                                                 double         x,
                                                 double         y);
/* Closes the outline being drawn (Enter, or a tap on its first corner). */
void          lc_label_canvas_finish_polygon    (LcLabelCanvas *self);
/* Drops what is half drawn (Escape). */
void          lc_label_canvas_cancel            (LcLabelCanvas *self);

G_END_DECLS

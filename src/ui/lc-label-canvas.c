#include "lc-config.h"

#include <math.h>

#include "lc-defect-class.h"
#include "lc-label-canvas.h"

#define MIN_ZOOM 0.5
#define MAX_ZOOM 40.0
/* A tap this close (widget pixels, a gloved finger) to the first corner closes an outline. */
#define CLOSE_DISTANCE 18.0

struct _LcLabelCanvas
{
  GtkWidget        parent_instance;

  GdkTexture      *texture;
  int              picture_width;
  int              picture_height;
  GListModel      *annotations;
  GHashTable      *masks;            /* mask file -> cairo_surface_t (A8) */
  GListModel      *defect_classes;
  gint64           defect_class_id;

  LcLabelTool      tool;
  double           brush_radius;     /* picture pixels */
  double           zoom;
  double           center_x;         /* the picture point at the canvas's centre */
  double           center_y;

  /* What is being drawn, in picture pixels. */
  gboolean         pressed;
  double           start_x, start_y;
  double           last_x, last_y;
  double           hover_x, hover_y;  /* widget pixels; < 0 when the pointer is away */
  GArray          *polygon;           /* LcPoint */
  cairo_surface_t *stroke;            /* the mask being brushed */
  gint64           stroke_replaces;   /* the mask annotation it repaints, or 0 */
  double           pan_zoom_start;
  double           pan_last_dx;       /* middle-button drag so far */
  double           pan_last_dy;
};

G_DEFINE_FINAL_TYPE (LcLabelCanvas, lc_label_canvas, GTK_TYPE_WIDGET)

enum {
  BOX_DRAWN,
  POLYGON_DRAWN,
  MASK_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
scale_of (LcLabelCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double fit;

  if (self->picture_width <= 0 || self->picture_height <= 0 || width <= 0 || height <= 0)
    return 1.0;
  fit = MIN ((double) width / self->picture_width, (double) height / self->picture_height);
  return fit * self->zoom;
}

void
lc_label_canvas_widget_to_picture (LcLabelCanvas *self,
                                   double         x,
                                   double         y,
                                   double        *px,
                                   double        *py)
{
  double scale = scale_of (self);

  *px = (x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / scale + self->center_x;
  *py = (y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / scale + self->center_y;
}

void
lc_label_canvas_picture_to_widget (LcLabelCanvas *self,
                                   double         px,
                                   double         py,
                                   double        *x,
                                   double        *y)
{
  double scale = scale_of (self);

  *x = (px - self->center_x) * scale + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *y = (py - self->center_y) * scale + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static void
clamp_point (LcLabelCanvas *self,
             double        *px,
             double        *py)
{
  *px = CLAMP (*px, 0, self->picture_width);
  *py = CLAMP (*py, 0, self->picture_height);
}

static gboolean
class_color (LcLabelCanvas *self,
             gint64         defect_class_id,
             GdkRGBA       *color)
{
  for (guint i = 0; self->defect_classes != NULL && i < g_list_model_get_n_items (self->defect_classes); i++)
    {
      g_autoptr(LcDefectClass) dc = g_list_model_get_item (self->defect_classes, i);

      if (lc_defect_class_get_id (dc) == defect_class_id)
        return gdk_rgba_parse (color, lc_defect_class_get_color (dc));
    }
  return gdk_rgba_parse (color, "#e01b24");
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

static void
draw_mask (cairo_t         *cr,
           cairo_surface_t *surface,
           const GdkRGBA   *color,
           double           alpha)
{
  cairo_pattern_t *pattern = cairo_pattern_create_for_surface (surface);

  /* Hard pixel edges when zoomed in: the operator paints pixels and should see them. */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  set_source (cr, color, alpha);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
}

static void
draw_annotation (LcLabelCanvas *self,
                 cairo_t       *cr,
                 LcAnnotation  *annotation,
                 double         scale)
{
  GdkRGBA color;
  double x, y, w, h;
  gboolean operator = lc_annotation_is_operator (annotation);
  double dashes[] = { 6.0 / scale, 4.0 / scale };

  class_color (self, lc_annotation_get_defect_class_id (annotation), &color);
  lc_annotation_get_bounds (annotation, &x, &y, &w, &h);
  cairo_set_line_width (cr, 3.0 / scale);
  /* The model's regions are dashed, the operator's solid. */
  cairo_set_dash (cr, dashes, operator ? 0 : 2, 0);

  switch (lc_annotation_get_shape (annotation))
    {
    case LC_ANNOTATION_SHAPE_BOX:
      cairo_rectangle (cr, x, y, w, h);
      set_source (cr, &color, 0.18);
      cairo_fill_preserve (cr);
      set_source (cr, &color, 1.0);
      cairo_stroke (cr);
      break;
    case LC_ANNOTATION_SHAPE_POLYGON:
      {
        guint n;
        const LcPoint *points = lc_annotation_get_points (annotation, &n);

        for (guint i = 0; i < n; i++)
          cairo_line_to (cr, points[i].x, points[i].y);
        cairo_close_path (cr);
        set_source (cr, &color, 0.25);
        cairo_fill_preserve (cr);
        set_source (cr, &color, 1.0);
        cairo_stroke (cr);
      }
      break;
    case LC_ANNOTATION_SHAPE_MASK:
      {
        cairo_surface_t *surface = self->masks != NULL
          ? g_hash_table_lookup (self->masks, lc_annotation_get_mask_file (annotation)) : NULL;

        if (surface != NULL && lc_annotation_get_id (annotation) != self->stroke_replaces)
          draw_mask (cr, surface, &color, 0.5);
        if (lc_annotation_get_id (annotation) != self->stroke_replaces)
          {
            double thin[] = { 3.0 / scale, 3.0 / scale };
            cairo_set_dash (cr, thin, 2, 0);
            cairo_set_line_width (cr, 1.5 / scale);
            cairo_rectangle (cr, x - 1, y - 1, w + 2, h + 2);
            set_source (cr, &color, 0.9);
            cairo_stroke (cr);
          }
      }
      break;
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_overlay (LcLabelCanvas *self,
              cairo_t       *cr)
{
  double scale = scale_of (self);
  double ox, oy;
  GdkRGBA color;

  lc_label_canvas_picture_to_widget (self, 0, 0, &ox, &oy);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; self->annotations != NULL && i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LcAnnotation) annotation = g_list_model_get_item (self->annotations, i);
      draw_annotation (self, cr, annotation, scale);
    }

  class_color (self, self->defect_class_id, &color);
  if (self->stroke != NULL)
    draw_mask (cr, self->stroke, &color, 0.55);

  if (self->pressed && self->tool == LC_LABEL_TOOL_BOX)
    {
      cairo_rectangle (cr, self->start_x, self->start_y, self->last_x - self->start_x,
                       self->last_y - self->start_y);
      set_source (cr, &color, 0.2);
      cairo_fill_preserve (cr);
      set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, 3.0 / scale);
      cairo_stroke (cr);
    }

  if (self->polygon->len > 0)
    {
      double hx, hy;

      for (guint i = 0; i < self->polygon->len; i++)
        {
          LcPoint *p = &g_array_index (self->polygon, LcPoint, i);
          cairo_line_to (cr, p->x, p->y);
        }
      if (self->hover_x >= 0)
        {
          lc_label_canvas_widget_to_picture (self, self->hover_x, self->hover_y, &hx, &hy);
          cairo_line_to (cr, hx, hy);
        }
      set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, 3.0 / scale);
      cairo_stroke (cr);
      for (guint i = 0; i < self->polygon->len; i++)
        {
          LcPoint *p = &g_array_index (self->polygon, LcPoint, i);
          /* The first corner is drawn bigger: tapping it closes the outline. */
          cairo_arc (cr, p->x, p->y, (i == 0 ? CLOSE_DISTANCE / 2 : 5.0) / scale, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  if ((self->tool == LC_LABEL_TOOL_BRUSH || self->tool == LC_LABEL_TOOL_ERASER) && self->hover_x >= 0)
    {
      double hx, hy;

      lc_label_canvas_widget_to_picture (self, self->hover_x, self->hover_y, &hx, &hy);
      cairo_arc (cr, hx, hy, self->brush_radius, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2.0 / scale);
      if (self->tool == LC_LABEL_TOOL_ERASER)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      else
        set_source (cr, &color, 0.9);
      cairo_stroke (cr);
    }
}

static void
lc_label_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LcLabelCanvas *self = LC_LABEL_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA background = { 0.12, 0.12, 0.13, 1.0 };
  double x0, y0, x1, y1;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->texture == NULL)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_label_canvas_picture_to_widget (self, 0, 0, &x0, &y0);
  lc_label_canvas_picture_to_widget (self, self->picture_width, self->picture_height, &x1, &y1);
  gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_overlay (self, cr);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static void
update_cursor (LcLabelCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   self->tool == LC_LABEL_TOOL_PAN ? "grab"
                                   : self->tool == LC_LABEL_TOOL_BRUSH || self->tool == LC_LABEL_TOOL_ERASER ? "none"
                                   : "crosshair");
}

/* The mask of the current class already on the picture, if the operator drew one. */
static LcAnnotation *
current_mask (LcLabelCanvas *self)
{
  for (guint i = 0; self->annotations != NULL && i < g_list_model_get_n_items (self->annotations); i++)
    {
      g_autoptr(LcAnnotation) annotation = g_list_model_get_item (self->annotations, i);

      if (lc_annotation_is_operator (annotation) &&
          lc_annotation_get_shape (annotation) == LC_ANNOTATION_SHAPE_MASK &&
          lc_annotation_get_defect_class_id (annotation) == self->defect_class_id)
        return g_steal_pointer (&annotation);
    }
  return NULL;
}

static void
begin_stroke (LcLabelCanvas *self)
{
  g_autoptr(LcAnnotation) existing = current_mask (self);
  cairo_surface_t *source = NULL;
  cairo_t *cr;

  g_clear_pointer (&self->stroke, cairo_surface_destroy);
  self->stroke_replaces = existing != NULL ? lc_annotation_get_id (existing) : 0;
  self->stroke = cairo_image_surface_create (CAIRO_FORMAT_A8, self->picture_width, self->picture_height);
  if (existing != NULL && self->masks != NULL)
    source = g_hash_table_lookup (self->masks, lc_annotation_get_mask_file (existing));
  if (source != NULL)
    {
      cr = cairo_create (self->stroke);
      cairo_set_source_surface (cr, source, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
}

static void
paint_stroke (LcLabelCanvas *self,
              double         from_x,
              double         from_y,
              double         to_x,
              double         to_y)
{
  cairo_t *cr = cairo_create (self->stroke);

  /* No antialiasing: a mask pixel is defect or not. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_operator (cr, self->tool == LC_LABEL_TOOL_ERASER ? CAIRO_OPERATOR_CLEAR : CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 2 * self->brush_radius);
  cairo_move_to (cr, from_x, from_y);
  cairo_line_to (cr, to_x, to_y);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_mark_dirty (self->stroke);
}

void
lc_label_canvas_press (LcLabelCanvas *self,
                       double         x,
                       double         y)
{
  double px, py;

  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  if (self->texture == NULL)
    return;

  lc_label_canvas_widget_to_picture (self, x, y, &px, &py);
  self->pressed = TRUE;
  self->start_x = self->last_x = px;
  self->start_y = self->last_y = py;
  self->hover_x = x;
  self->hover_y = y;

  switch (self->tool)
    {
    case LC_LABEL_TOOL_BOX:
      clamp_point (self, &self->start_x, &self->start_y);
      self->last_x = self->start_x;
      self->last_y = self->start_y;
      break;
    case LC_LABEL_TOOL_POLYGON:
      {
        LcPoint p = { px, py };

        clamp_point (self, &p.x, &p.y);
        if (self->polygon->len >= 3)
          {
            LcPoint *first = &g_array_index (self->polygon, LcPoint, 0);
            double fx, fy;

            lc_label_canvas_picture_to_widget (self, first->x, first->y, &fx, &fy);
            if (hypot (fx - x, fy - y) <= CLOSE_DISTANCE)
              {
                self->pressed = FALSE;
                lc_label_canvas_finish_polygon (self);
                return;
              }
          }
        g_array_append_val (self->polygon, p);
      }
      break;
    case LC_LABEL_TOOL_BRUSH:
    case LC_LABEL_TOOL_ERASER:
      begin_stroke (self);
      paint_stroke (self, px, py, px, py);
      break;
    case LC_LABEL_TOOL_PAN:
      self->start_x = x;
      self->start_y = y;
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_motion (LcLabelCanvas *self,
                        double         x,
                        double         y)
{
  double px, py;

  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->hover_x = x;
  self->hover_y = y;
  if (!self->pressed)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  lc_label_canvas_widget_to_picture (self, x, y, &px, &py);
  switch (self->tool)
    {
    case LC_LABEL_TOOL_BOX:
      clamp_point (self, &px, &py);
      self->last_x = px;
      self->last_y = py;
      break;
    case LC_LABEL_TOOL_BRUSH:
    case LC_LABEL_TOOL_ERASER:
      if (self->stroke != NULL)
        paint_stroke (self, self->last_x, self->last_y, px, py);
      self->last_x = px;
      self->last_y = py;
      break;
    case LC_LABEL_TOOL_PAN:
      lc_label_canvas_pan (self, x - self->start_x, y - self->start_y);
      self->start_x = x;
      self->start_y = y;
      break;
    case LC_LABEL_TOOL_POLYGON:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_release (LcLabelCanvas *self,
                         double         x,
                         double         y)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  if (!self->pressed)
    return;
  lc_label_canvas_motion (self, x, y);
  self->pressed = FALSE;

  switch (self->tool)
    {
    case LC_LABEL_TOOL_BOX:
      {
        double w = self->last_x - self->start_x, h = self->last_y - self->start_y;

        /* A tap is not a box. */
        if (fabs (w) >= 1 && fabs (h) >= 1)
          g_signal_emit (self, signals[BOX_DRAWN], 0, self->start_x, self->start_y, w, h);
      }
      break;
    case LC_LABEL_TOOL_BRUSH:
    case LC_LABEL_TOOL_ERASER:
      if (self->stroke != NULL)
        {
          cairo_surface_flush (self->stroke);
          /* Erasing where there was no mask changes nothing. */
          if (self->tool == LC_LABEL_TOOL_BRUSH || self->stroke_replaces != 0)
            g_signal_emit (self, signals[MASK_DRAWN], 0, self->stroke_replaces, self->stroke);
        }
      break;
    case LC_LABEL_TOOL_POLYGON:
    case LC_LABEL_TOOL_PAN:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_finish_polygon (LcLabelCanvas *self)
{
  g_autoptr(GArray) points = NULL;

  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  if (self->polygon->len < 3)
    return;
  points = g_steal_pointer (&self->polygon);
  self->polygon = g_array_new (FALSE, FALSE, sizeof (LcPoint));
  g_signal_emit (self, signals[POLYGON_DRAWN], 0, points->data, points->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_cancel (LcLabelCanvas *self)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->pressed = FALSE;
  g_array_set_size (self->polygon, 0);
  g_clear_pointer (&self->stroke, cairo_surface_destroy);
  self->stroke_replaces = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LcLabelCanvas  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  lc_label_canvas_press (self, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LcLabelCanvas  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  lc_label_canvas_motion (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LcLabelCanvas  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  lc_label_canvas_release (self, x + dx, y + dy);
}

/* The middle button pans whatever the tool. */
static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               LcLabelCanvas  *self)
{
  lc_label_canvas_pan (self, dx - self->pan_last_dx, dy - self->pan_last_dy);
  self->pan_last_dx = dx;
  self->pan_last_dy = dy;
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              LcLabelCanvas  *self)
{
  self->pan_last_dx = self->pan_last_dy = 0;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LcLabelCanvas            *self)
{
  if (!self->pressed)
    lc_label_canvas_motion (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          LcLabelCanvas            *self)
{
  self->hover_x = self->hover_y = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LcLabelCanvas            *self)
{
  double x = self->hover_x >= 0 ? self->hover_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->hover_y >= 0 ? self->hover_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  lc_label_canvas_zoom_at (self, pow (1.2, -dy), x, y);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               LcLabelCanvas    *self)
{
  self->pan_zoom_start = self->zoom;
  /* Two fingers zoom; the one-finger tool must not draw meanwhile. */
  lc_label_canvas_cancel (self);
}

static void
on_zoom_changed (GtkGestureZoom *gesture,
                 double          scale,
                 LcLabelCanvas  *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  lc_label_canvas_zoom_at (self, self->pan_zoom_start * scale / self->zoom, x, y);
}

static void
lc_label_canvas_dispose (GObject *object)
{
  LcLabelCanvas *self = LC_LABEL_CANVAS (object);

  g_clear_object (&self->texture);
  g_clear_object (&self->annotations);
  g_clear_object (&self->defect_classes);
  g_clear_pointer (&self->masks, g_hash_table_unref);
  g_clear_pointer (&self->stroke, cairo_surface_destroy);

  G_OBJECT_CLASS (lc_label_canvas_parent_class)->dispose (object);
}

static void
lc_label_canvas_finalize (GObject *object)
{
  LcLabelCanvas *self = LC_LABEL_CANVAS (object);

  g_array_unref (self->polygon);

  G_OBJECT_CLASS (lc_label_canvas_parent_class)->finalize (object);
}

static void
lc_label_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
lc_label_canvas_class_init (LcLabelCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_label_canvas_dispose;
  object_class->finalize = lc_label_canvas_finalize;
  widget_class->snapshot = lc_label_canvas_snapshot;
  widget_class->measure = lc_label_canvas_measure;

  signals[BOX_DRAWN] =
    g_signal_new ("box-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[POLYGON_DRAWN] =
    g_signal_new ("polygon-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  signals[MASK_DRAWN] =
    g_signal_new ("mask-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_POINTER);

  gtk_widget_class_set_css_name (widget_class, "lc-label-canvas");
}

static void
lc_label_canvas_init (LcLabelCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = 1.0;
  self->brush_radius = 8.0;
  self->hover_x = self->hover_y = -1;
  self->polygon = g_array_new (FALSE, FALSE, sizeof (LcPoint));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  gtk_gesture_group (zoom, drag);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  update_cursor (self);
}

GtkWidget *
lc_label_canvas_new (void)
{
  return g_object_new (LC_TYPE_LABEL_CANVAS, NULL);
}

void
lc_label_canvas_set_picture (LcLabelCanvas *self,
                             GdkTexture    *texture)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));

  lc_label_canvas_cancel (self);
  g_set_object (&self->texture, texture);
  self->picture_width = texture != NULL ? gdk_texture_get_width (texture) : 0;
  self->picture_height = texture != NULL ? gdk_texture_get_height (texture) : 0;
  lc_label_canvas_fit (self);
}

GdkTexture *
lc_label_canvas_get_picture (LcLabelCanvas *self)
{
  g_return_val_if_fail (LC_IS_LABEL_CANVAS (self), NULL);
  return self->texture;
}

void
lc_label_canvas_set_annotations (LcLabelCanvas *self,
                                 GListModel    *annotations,
                                 GHashTable    *masks)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));

  g_set_object (&self->annotations, annotations);
  g_clear_pointer (&self->masks, g_hash_table_unref);
  self->masks = masks != NULL ? g_hash_table_ref (masks) : NULL;
  /* The saved regions replace the stroke that made them. */
  g_clear_pointer (&self->stroke, cairo_surface_destroy);
  self->stroke_replaces = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_set_defect_classes (LcLabelCanvas *self,
                                    GListModel    *defect_classes)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  g_set_object (&self->defect_classes, defect_classes);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_set_defect_class_id (LcLabelCanvas *self,
                                     gint64         defect_class_id)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->defect_class_id = defect_class_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_set_tool (LcLabelCanvas *self,
                          LcLabelTool    tool)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  if (tool != self->tool)
    lc_label_canvas_cancel (self);
  self->tool = tool;
  update_cursor (self);
}

LcLabelTool
lc_label_canvas_get_tool (LcLabelCanvas *self)
{
  g_return_val_if_fail (LC_IS_LABEL_CANVAS (self), LC_LABEL_TOOL_BOX);
  return self->tool;
}

void
lc_label_canvas_set_brush_radius (LcLabelCanvas *self,
                                  double         radius)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->brush_radius = MAX (radius, 0.5);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_set_zoom (LcLabelCanvas *self,
                          double         zoom)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lc_label_canvas_get_zoom (LcLabelCanvas *self)
{
  g_return_val_if_fail (LC_IS_LABEL_CANVAS (self), 1.0);
  return self->zoom;
}

/* Zooms by @factor keeping the picture point under (x, y) where it is. */
void
lc_label_canvas_zoom_at (LcLabelCanvas *self,
                         double         factor,
                         double         x,
                         double         y)
{
  double before_x, before_y, after_x, after_y;

  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  lc_label_canvas_widget_to_picture (self, x, y, &before_x, &before_y);
  self->zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  lc_label_canvas_widget_to_picture (self, x, y, &after_x, &after_y);
  self->center_x += before_x - after_x;
  self->center_y += before_y - after_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_pan (LcLabelCanvas *self,
                     double         dx,
                     double         dy)
{
  double scale;

  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  scale = scale_of (self);
  /* Keep the picture's centre on the canvas: it cannot be lost off screen. */
  self->center_x = CLAMP (self->center_x - dx / scale, 0, self->picture_width);
  self->center_y = CLAMP (self->center_y - dy / scale, 0, self->picture_height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_label_canvas_fit (LcLabelCanvas *self)
{
  g_return_if_fail (LC_IS_LABEL_CANVAS (self));
  self->zoom = 1.0;
  self->center_x = self->picture_width / 2.0;
  self->center_y = self->picture_height / 2.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

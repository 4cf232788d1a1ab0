#include "lc-config.h"

#include <math.h>

#include "lc-chart-data.h"
#include "lc-chart-style.h"
#include "lc-control-chart.h"

struct _LcControlChart
{
  GtkWidget     parent_instance;

  gboolean      compact;
  char         *title;
  char         *note;
  char         *unit;
  guint         decimals;
  double        center;
  double        lsl, usl;
  LcChartPoint *points;
  guint         n_points;
  GStrv         readouts;
  LcChartFrame  frame;     /* from the last drawing, for hit-testing */
  int           hover;
  int           selected;  /* tapped or stepped to with the arrow keys, -1: none */
};

G_DEFINE_FINAL_TYPE (LcControlChart, lc_control_chart, GTK_TYPE_WIDGET)

enum
{
  POINT_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lc_control_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LcControlChart *self = LC_CONTROL_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LcControlChartSpec spec = { 0 };
  LcChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  lc_chart_palette_from_widget (&palette, widget);
  spec.title = self->title;
  spec.note = self->note;
  spec.unit = self->unit;
  spec.decimals = self->decimals;
  spec.center = self->center;
  spec.points = self->points;
  spec.n_points = self->n_points;
  spec.lsl = self->lsl;
  spec.usl = self->usl;
  spec.zones = !self->compact;
  spec.compact = self->compact;
  if (self->n_points == 0)
    {
      spec.center = NAN;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The point under the pointer, else the one tapped or stepped to, is the one marked. */
  lc_chart_paint_control (cr, width, height, &palette, &spec, self->hover >= 0 ? self->hover : self->selected,
                          &self->frame);
  cairo_destroy (cr);
}

int
lc_control_chart_point_at (LcControlChart *self,
                           double          x,
                           double          y)
{
  g_return_val_if_fail (LC_IS_CONTROL_CHART (self), -1);

  if (self->n_points == 0 || y < self->frame.y - 8 || y > self->frame.y + self->frame.height + 8)
    return -1;
  return lc_chart_frame_index_at (&self->frame, x);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LcControlChart           *self)
{
  int hover = lc_control_chart_point_at (self, x, y);

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      /* A new tooltip for the new point. */
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          LcControlChart           *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  LcControlChart *self)
{
  int index = lc_control_chart_point_at (self, x, y);

  if (index < 0 || self->readouts == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->readouts[index]);
  return TRUE;
}

/* A touch panel has no hover and a tooltip needs one: a tap (or a click) on a point selects
 * it, and whoever shows the readout listens to "point-selected". */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LcControlChart  *self)
{
  int index;

  if (self->compact)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  index = lc_control_chart_point_at (self, x, y);
  if (index < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  lc_control_chart_select_point (self, index);
}

/* Keyboard users step through the points of the focused chart. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LcControlChart        *self)
{
  int last = (int) self->n_points - 1;
  int index;

  if (self->compact || self->n_points == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      index = self->selected < 0 ? last : MAX (self->selected - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      index = self->selected < 0 ? 0 : MIN (self->selected + 1, last);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      index = last;
      break;
    default:
      return FALSE;
    }
  lc_control_chart_select_point (self, index);
  return TRUE;
}

static void
lc_control_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LcControlChart *self = LC_CONTROL_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->compact ? 160 : 320;
      *natural = self->compact ? 280 : 720;
    }
  else
    {
      *minimum = self->compact ? 80 : 200;
      *natural = self->compact ? 110 : 320;
    }
}

static void
lc_control_chart_finalize (GObject *object)
{
  LcControlChart *self = LC_CONTROL_CHART (object);

  g_free (self->title);
  g_free (self->note);
  g_free (self->unit);
  g_free (self->points);
  g_strfreev (self->readouts);

  G_OBJECT_CLASS (lc_control_chart_parent_class)->finalize (object);
}

static void
lc_control_chart_class_init (LcControlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lc_control_chart_finalize;
  widget_class->snapshot = lc_control_chart_snapshot;
  widget_class->measure = lc_control_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "lc-control-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /* Emitted with the 0-based index when a point is tapped, clicked or stepped to. */
  signals[POINT_SELECTED] = g_signal_new ("point-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lc_control_chart_init (LcControlChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover = -1;
  self->selected = -1;
  self->lsl = self->usl = self->center = NAN;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}

GtkWidget *
lc_control_chart_new (gboolean compact)
{
  LcControlChart *self = g_object_new (LC_TYPE_CONTROL_CHART, NULL);

  self->compact = compact;
  /* A tile is one button that opens the full chart: its points are not stepped through. */
  gtk_widget_set_focusable (GTK_WIDGET (self), !compact);
  return GTK_WIDGET (self);
}

void
lc_control_chart_set_chart (LcControlChart     *self,
                            const LcSpcChart   *chart,
                            const LcSpcSamples *samples,
                            const char         *title,
                            const char         *unit,
                            guint               decimals,
                            double              lsl,
                            double              usl)
{
  g_return_if_fail (LC_IS_CONTROL_CHART (self));

  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->readouts, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->unit);
  self->unit = g_strdup (unit);
  self->decimals = decimals;
  self->n_points = 0;
  self->hover = -1;
  self->lsl = self->usl = NAN;
  if (chart == NULL || self->selected >= (int) chart->n_points)
    self->selected = -1;
  if (chart != NULL)
    {
      /* Specification limits belong on a chart of individual values only. */
      gboolean individuals = chart->kind == LC_SPC_CHART_IMR;

      self->points = lc_chart_points_from_spc (chart, samples, lsl, usl);
      self->n_points = chart->n_points;
      self->center = chart->center;
      self->lsl = individuals ? lsl : NAN;
      self->usl = individuals ? usl : NAN;
      self->note = lc_chart_describe_limits (chart, unit, decimals);
      self->readouts = g_new0 (char *, chart->n_points + 1);
      for (guint i = 0; i < chart->n_points; i++)
        self->readouts[i] = lc_chart_point_describe (chart, samples, i, unit, decimals);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lc_control_chart_get_n_points (LcControlChart *self)
{
  g_return_val_if_fail (LC_IS_CONTROL_CHART (self), 0);
  return self->n_points;
}

guint32
lc_control_chart_get_violations (LcControlChart *self,
                                 guint           index)
{
  g_return_val_if_fail (LC_IS_CONTROL_CHART (self), 0);
  g_return_val_if_fail (index < self->n_points, 0);
  return self->points[index].violations;
}

const char *
lc_control_chart_get_readout (LcControlChart *self,
                              guint           index)
{
  g_return_val_if_fail (LC_IS_CONTROL_CHART (self), NULL);
  g_return_val_if_fail (index < self->n_points, NULL);
  return self->readouts[index];
}

void
lc_control_chart_select_point (LcControlChart *self,
                               int             index)
{
  g_return_if_fail (LC_IS_CONTROL_CHART (self));
  g_return_if_fail (index >= -1 && index < (int) self->n_points);

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (index >= 0)
    g_signal_emit (self, signals[POINT_SELECTED], 0, (guint) index);
}

int
lc_control_chart_get_selected (LcControlChart *self)
{
  g_return_val_if_fail (LC_IS_CONTROL_CHART (self), -1);
  return self->selected;
}

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
};

G_DEFINE_FINAL_TYPE (LcControlChart, lc_control_chart, GTK_TYPE_WIDGET)

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
  lc_chart_paint_control (cr, width, height, &palette, &spec, self->hover, &self->frame);
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
}

static void
lc_control_chart_init (LcControlChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->lsl = self->usl = self->center = NAN;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}

GtkWidget *
lc_control_chart_new (gboolean compact)
{
  LcControlChart *self = g_object_new (LC_TYPE_CONTROL_CHART, NULL);

  self->compact = compact;
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

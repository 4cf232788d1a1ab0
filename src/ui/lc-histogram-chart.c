#include "lc-config.h"

#include <math.h>
#include <string.h>

#include "lc-chart-style.h"
#include "lc-histogram-chart.h"

struct _LcHistogramChart
{
  GtkWidget        parent_instance;

  LcHistogramSpec  spec;
  char            *title;
  char            *unit;
  double          *edges;
  guint           *counts;
};

G_DEFINE_FINAL_TYPE (LcHistogramChart, lc_histogram_chart, GTK_TYPE_WIDGET)

static void
lc_histogram_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LcHistogramChart *self = LC_HISTOGRAM_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LcChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  lc_chart_palette_from_widget (&palette, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_chart_paint_histogram (cr, width, height, &palette, &self->spec);
  cairo_destroy (cr);
}

static void
lc_histogram_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 260;
}

static void
lc_histogram_chart_finalize (GObject *object)
{
  LcHistogramChart *self = LC_HISTOGRAM_CHART (object);

  g_free (self->title);
  g_free (self->unit);
  g_free (self->edges);
  g_free (self->counts);

  G_OBJECT_CLASS (lc_histogram_chart_parent_class)->finalize (object);
}

static void
lc_histogram_chart_class_init (LcHistogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lc_histogram_chart_finalize;
  widget_class->snapshot = lc_histogram_chart_snapshot;
  widget_class->measure = lc_histogram_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "lc-histogram-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_histogram_chart_init (LcHistogramChart *self)
{
  self->spec.lsl = self->spec.usl = self->spec.target = self->spec.mean = NAN;
}

GtkWidget *
lc_histogram_chart_new (void)
{
  return g_object_new (LC_TYPE_HISTOGRAM_CHART, NULL);
}

void
lc_histogram_chart_set_histogram (LcHistogramChart     *self,
                                  const LcSpcHistogram *histogram,
                                  const char           *title,
                                  const char           *unit,
                                  guint                 decimals,
                                  double                target)
{
  g_return_if_fail (LC_IS_HISTOGRAM_CHART (self));

  g_clear_pointer (&self->edges, g_free);
  g_clear_pointer (&self->counts, g_free);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->unit);
  self->unit = g_strdup (unit);
  memset (&self->spec, 0, sizeof self->spec);
  self->spec.title = self->title;
  self->spec.unit = self->unit;
  self->spec.decimals = decimals;
  self->spec.lsl = self->spec.usl = self->spec.mean = NAN;
  self->spec.target = target;
  if (histogram != NULL && histogram->n_bins > 0)
    {
      self->edges = g_new (double, histogram->n_bins + 1);
      for (guint i = 0; i <= histogram->n_bins; i++)
        self->edges[i] = histogram->start + histogram->bin_width * i;
      self->counts = g_memdup2 (histogram->counts, sizeof (guint) * histogram->n_bins);
      self->spec.edges = self->edges;
      self->spec.counts = self->counts;
      self->spec.n_bins = histogram->n_bins;
      self->spec.n_values = histogram->n;
      self->spec.mean = histogram->mean;
      self->spec.sigma = histogram->sigma;
      self->spec.lsl = histogram->lsl;
      self->spec.usl = histogram->usl;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lc_histogram_chart_get_n_values (LcHistogramChart *self)
{
  g_return_val_if_fail (LC_IS_HISTOGRAM_CHART (self), 0);
  return self->spec.n_values;
}

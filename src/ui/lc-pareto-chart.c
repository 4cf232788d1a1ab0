#include "lc-config.h"

#include "lc-chart-style.h"
#include "lc-pareto-chart.h"

struct _LcParetoChart
{
  GtkWidget      parent_instance;

  char          *title;
  GStrv          names;
  guint         *counts;
  double        *cumulative;
  LcChartColor  *colors;
  gboolean      *has_color;
  guint          n;
};

G_DEFINE_FINAL_TYPE (LcParetoChart, lc_pareto_chart, GTK_TYPE_WIDGET)

static void
lc_pareto_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LcParetoChart *self = LC_PARETO_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree LcChartColor *colors = NULL;
  LcParetoSpec spec = { 0 };
  LcChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  lc_chart_palette_from_widget (&palette, widget);
  colors = g_new (LcChartColor, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    colors[i] = self->has_color[i] ? self->colors[i] : palette.accent;
  spec.title = self->title;
  spec.names = (const char * const *) self->names;
  spec.counts = self->counts;
  spec.cumulative_percent = self->cumulative;
  spec.colors = colors;
  spec.n_classes = self->n;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_chart_paint_pareto (cr, width, height, &palette, &spec);
  cairo_destroy (cr);
}

static void
lc_pareto_chart_measure (GtkWidget      *widget,
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
clear (LcParetoChart *self)
{
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->cumulative, g_free);
  g_clear_pointer (&self->colors, g_free);
  g_clear_pointer (&self->has_color, g_free);
  self->n = 0;
}

static void
lc_pareto_chart_finalize (GObject *object)
{
  LcParetoChart *self = LC_PARETO_CHART (object);

  clear (self);
  g_free (self->title);

  G_OBJECT_CLASS (lc_pareto_chart_parent_class)->finalize (object);
}

static void
lc_pareto_chart_class_init (LcParetoChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lc_pareto_chart_finalize;
  widget_class->snapshot = lc_pareto_chart_snapshot;
  widget_class->measure = lc_pareto_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "lc-pareto-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_pareto_chart_init (LcParetoChart *self)
{
}

GtkWidget *
lc_pareto_chart_new (void)
{
  return g_object_new (LC_TYPE_PARETO_CHART, NULL);
}

void
lc_pareto_chart_set_pareto (LcParetoChart      *self,
                            const LcSpcPareto  *pareto,
                            const char * const *colors,
                            const char         *title)
{
  g_return_if_fail (LC_IS_PARETO_CHART (self));

  clear (self);
  g_free (self->title);
  self->title = g_strdup (title);
  if (pareto != NULL)
    {
      /* Classes that never occurred add nothing to a Pareto; they are left off the bars. */
      guint n = 0;

      for (guint i = 0; i < pareto->n_bars; i++)
        if (pareto->bars[i].count > 0)
          n++;
      self->names = g_new0 (char *, n + 1);
      self->counts = g_new0 (guint, MAX (n, 1));
      self->cumulative = g_new0 (double, MAX (n, 1));
      self->colors = g_new0 (LcChartColor, MAX (n, 1));
      self->has_color = g_new0 (gboolean, MAX (n, 1));
      for (guint i = 0, k = 0; i < pareto->n_bars; i++)
        {
          GdkRGBA rgba;

          if (pareto->bars[i].count <= 0)
            continue;
          self->names[k] = g_strdup (pareto->bars[i].name);
          self->counts[k] = (guint) pareto->bars[i].count;
          self->cumulative[k] = pareto->bars[i].cumulative_percent;
          if (colors != NULL && colors[i] != NULL && gdk_rgba_parse (&rgba, colors[i]))
            {
              self->colors[k] = (LcChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
              self->has_color[k] = TRUE;
            }
          k++;
        }
      self->n = n;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lc_pareto_chart_get_n_bars (LcParetoChart *self)
{
  g_return_val_if_fail (LC_IS_PARETO_CHART (self), 0);
  return self->n;
}

const char *
lc_pareto_chart_get_name (LcParetoChart *self,
                          guint          index)
{
  g_return_val_if_fail (LC_IS_PARETO_CHART (self), NULL);
  g_return_val_if_fail (index < self->n, NULL);
  return self->names[index];
}

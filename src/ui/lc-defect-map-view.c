#include "lc-config.h"

#include "lc-chart-style.h"
#include "lc-defect-map-view.h"

struct _LcDefectMapView
{
  GtkWidget        parent_instance;

  char            *title;
  LcDefectMap     *map;
  cairo_surface_t *reference;
};

G_DEFINE_FINAL_TYPE (LcDefectMapView, lc_defect_map_view, GTK_TYPE_WIDGET)

static void
lc_defect_map_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LcDefectMapView *self = LC_DEFECT_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LcDefectMapSpec spec = { 0 };
  LcChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  lc_chart_palette_from_widget (&palette, widget);
  spec.title = self->title;
  spec.reference = self->reference;
  if (self->map != NULL)
    {
      spec.image_width = self->map->image_width;
      spec.image_height = self->map->image_height;
      spec.density = self->map->density;
      spec.grid_width = self->map->grid_width;
      spec.grid_height = self->map->grid_height;
      spec.n_regions = self->map->n_regions;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_chart_paint_defect_map (cr, width, height, &palette, &spec);
  cairo_destroy (cr);
}

static void
lc_defect_map_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 170;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 290;
}

static void
lc_defect_map_view_finalize (GObject *object)
{
  LcDefectMapView *self = LC_DEFECT_MAP_VIEW (object);

  g_free (self->title);
  g_clear_pointer (&self->map, lc_defect_map_free);
  g_clear_pointer (&self->reference, cairo_surface_destroy);

  G_OBJECT_CLASS (lc_defect_map_view_parent_class)->finalize (object);
}

static void
lc_defect_map_view_class_init (LcDefectMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lc_defect_map_view_finalize;
  widget_class->snapshot = lc_defect_map_view_snapshot;
  widget_class->measure = lc_defect_map_view_measure;
  gtk_widget_class_set_css_name (widget_class, "lc-defect-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_defect_map_view_init (LcDefectMapView *self)
{
}

GtkWidget *
lc_defect_map_view_new (void)
{
  return g_object_new (LC_TYPE_DEFECT_MAP_VIEW, NULL);
}

/* Cairo draws the reference from an image surface: the texture's pixels, downloaded once. */
static cairo_surface_t *
surface_from_texture (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

void
lc_defect_map_view_set_map (LcDefectMapView   *self,
                            const LcDefectMap *map,
                            GdkTexture        *reference,
                            const char        *title)
{
  g_return_if_fail (LC_IS_DEFECT_MAP_VIEW (self));

  g_clear_pointer (&self->map, lc_defect_map_free);
  g_clear_pointer (&self->reference, cairo_surface_destroy);
  g_free (self->title);
  self->title = g_strdup (title);
  if (map != NULL)
    {
      self->map = g_memdup2 (map, sizeof *map);
      self->map->density = g_memdup2 (map->density, sizeof (float) * map->grid_width * map->grid_height);
    }
  if (reference != NULL)
    self->reference = surface_from_texture (reference);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lc_defect_map_view_get_n_regions (LcDefectMapView *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_MAP_VIEW (self), 0);
  return self->map != NULL ? self->map->n_regions : 0;
}

gboolean
lc_defect_map_view_get_peak (LcDefectMapView *self,
                             double          *x,
                             double          *y,
                             float           *count)
{
  g_return_val_if_fail (LC_IS_DEFECT_MAP_VIEW (self), FALSE);
  return self->map != NULL && lc_defect_map_peak (self->map, x, y, count);
}

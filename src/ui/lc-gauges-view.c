#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-gauges-view.h"

struct _LcGaugesView
{
  LcPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LcGaugesView, lc_gauges_view, LC_TYPE_PAGE)

static void
lc_gauges_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_GAUGES_VIEW);

  G_OBJECT_CLASS (lc_gauges_view_parent_class)->dispose (object);
}

static void
lc_gauges_view_class_init (LcGaugesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_gauges_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-gauges-view.ui");
}

static void
lc_gauges_view_init (LcGaugesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_gauges_view_new (void)
{
  return g_object_new (LC_TYPE_GAUGES_VIEW, NULL);
}

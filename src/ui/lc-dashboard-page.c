#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-dashboard-page.h"

struct _LcDashboardPage
{
  LcPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LcDashboardPage, lc_dashboard_page, LC_TYPE_PAGE)

static void
lc_dashboard_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (lc_dashboard_page_parent_class)->dispose (object);
}

static void
lc_dashboard_page_class_init (LcDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_dashboard_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-dashboard-page.ui");
}

static void
lc_dashboard_page_init (LcDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_dashboard_page_new (void)
{
  return g_object_new (LC_TYPE_DASHBOARD_PAGE, NULL);
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-inspect-page.h"

struct _LcInspectPage
{
  LcPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LcInspectPage, lc_inspect_page, LC_TYPE_PAGE)

static void
lc_inspect_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_INSPECT_PAGE);

  G_OBJECT_CLASS (lc_inspect_page_parent_class)->dispose (object);
}

static void
lc_inspect_page_class_init (LcInspectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_inspect_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-inspect-page.ui");
}

static void
lc_inspect_page_init (LcInspectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_inspect_page_new (void)
{
  return g_object_new (LC_TYPE_INSPECT_PAGE, NULL);
}

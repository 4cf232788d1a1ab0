#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cameras-view.h"
#include "lc-devices-page.h"
#include "lc-gauges-view.h"

/* Gauges and cameras are set up side by side: two views of one page, each an LcPage of its
 * own that receives the store and part type from here. */
struct _LcDevicesPage
{
  LcPage     parent_instance;

  GtkStack  *stack;
  LcPage    *gauges_view;
  LcPage    *cameras_view;
};

G_DEFINE_FINAL_TYPE (LcDevicesPage, lc_devices_page, LC_TYPE_PAGE)

static void
lc_devices_page_store_changed (LcPage *page)
{
  LcDevicesPage *self = LC_DEVICES_PAGE (page);

  lc_page_set_store (self->gauges_view, lc_page_get_store (page));
  lc_page_set_store (self->cameras_view, lc_page_get_store (page));
}

static void
lc_devices_page_part_type_changed (LcPage *page)
{
  LcDevicesPage *self = LC_DEVICES_PAGE (page);

  lc_page_set_part_type (self->gauges_view, lc_page_get_part_type (page));
  lc_page_set_part_type (self->cameras_view, lc_page_get_part_type (page));
}

static char *
lc_devices_page_changeover_blocked (LcPage *page)
{
  LcDevicesPage *self = LC_DEVICES_PAGE (page);
  char *reason = lc_page_changeover_blocked (self->gauges_view);

  return reason != NULL ? reason : lc_page_changeover_blocked (self->cameras_view);
}

static void
lc_devices_page_discard (LcPage *page)
{
  LcDevicesPage *self = LC_DEVICES_PAGE (page);

  lc_page_discard (self->gauges_view);
  lc_page_discard (self->cameras_view);
}

static void
lc_devices_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_DEVICES_PAGE);

  G_OBJECT_CLASS (lc_devices_page_parent_class)->dispose (object);
}

static void
lc_devices_page_class_init (LcDevicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_devices_page_dispose;
  page_class->store_changed = lc_devices_page_store_changed;
  page_class->part_type_changed = lc_devices_page_part_type_changed;
  page_class->changeover_blocked = lc_devices_page_changeover_blocked;
  page_class->discard = lc_devices_page_discard;

  g_type_ensure (LC_TYPE_GAUGES_VIEW);
  g_type_ensure (LC_TYPE_CAMERAS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-devices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcDevicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcDevicesPage, gauges_view);
  gtk_widget_class_bind_template_child (widget_class, LcDevicesPage, cameras_view);
}

static void
lc_devices_page_init (LcDevicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_devices_page_new (void)
{
  return g_object_new (LC_TYPE_DEVICES_PAGE, NULL);
}

void
lc_devices_page_set_view (LcDevicesPage *self,
                          const char    *name)
{
  g_return_if_fail (LC_IS_DEVICES_PAGE (self));
  gtk_stack_set_visible_child_name (self->stack, name);
}

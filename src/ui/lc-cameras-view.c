#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cameras-view.h"

struct _LcCamerasView
{
  LcPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LcCamerasView, lc_cameras_view, LC_TYPE_PAGE)

static void
lc_cameras_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_CAMERAS_VIEW);

  G_OBJECT_CLASS (lc_cameras_view_parent_class)->dispose (object);
}

static void
lc_cameras_view_class_init (LcCamerasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_cameras_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-cameras-view.ui");
}

static void
lc_cameras_view_init (LcCamerasView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_cameras_view_new (void)
{
  return g_object_new (LC_TYPE_CAMERAS_VIEW, NULL);
}

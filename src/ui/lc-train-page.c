#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-train-page.h"

struct _LcTrainPage
{
  LcPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LcTrainPage, lc_train_page, LC_TYPE_PAGE)

static void
lc_train_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_TRAIN_PAGE);

  G_OBJECT_CLASS (lc_train_page_parent_class)->dispose (object);
}

static void
lc_train_page_class_init (LcTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_train_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-train-page.ui");
}

static void
lc_train_page_init (LcTrainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_train_page_new (void)
{
  return g_object_new (LC_TYPE_TRAIN_PAGE, NULL);
}

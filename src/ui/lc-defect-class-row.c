#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-defect-class-row.h"

/* A defect class in the part type editor: its name, the colour it is drawn with on images
 * and charts, and its severity, in one row. */
struct _LcDefectClassRow
{
  AdwEntryRow     parent_instance;

  GtkColorButton *color_button;
  GtkDropDown    *severity_dropdown;

  LcDefectClass  *defect_class;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (LcDefectClassRow, lc_defect_class_row, ADW_TYPE_ENTRY_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_name_changed (LcDefectClassRow *self)
{
  if (!self->loading)
    lc_defect_class_set_name (self->defect_class, gtk_editable_get_text (GTK_EDITABLE (self)));
}

static void
on_color_set (LcDefectClassRow *self,
              GtkColorButton   *button)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (self->loading)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5), (int) (rgba.green * 255 + 0.5),
                         (int) (rgba.blue * 255 + 0.5));
  lc_defect_class_set_color (self->defect_class, hex);
}

static void
on_severity_changed (LcDefectClassRow *self,
                     GParamSpec       *pspec,
                     GtkDropDown      *dropdown)
{
  if (!self->loading)
    lc_defect_class_set_severity (self->defect_class, (LcSeverity) gtk_drop_down_get_selected (dropdown));
}

static void
on_remove_clicked (LcDefectClassRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
lc_defect_class_row_dispose (GObject *object)
{
  LcDefectClassRow *self = LC_DEFECT_CLASS_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_DEFECT_CLASS_ROW);
  g_clear_object (&self->defect_class);

  G_OBJECT_CLASS (lc_defect_class_row_parent_class)->dispose (object);
}

static void
lc_defect_class_row_class_init (LcDefectClassRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_defect_class_row_dispose;

  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-defect-class-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcDefectClassRow, color_button);
  gtk_widget_class_bind_template_child (widget_class, LcDefectClassRow, severity_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_color_set);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
lc_defect_class_row_init (LcDefectClassRow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

GtkWidget *
lc_defect_class_row_new (LcDefectClass *defect_class)
{
  LcDefectClassRow *self;
  GdkRGBA rgba;

  g_return_val_if_fail (LC_IS_DEFECT_CLASS (defect_class), NULL);

  self = g_object_new (LC_TYPE_DEFECT_CLASS_ROW, NULL);
  self->defect_class = g_object_ref (defect_class);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), lc_defect_class_get_name (defect_class));
  if (gdk_rgba_parse (&rgba, lc_defect_class_get_color (defect_class)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  gtk_drop_down_set_selected (self->severity_dropdown, lc_defect_class_get_severity (defect_class));
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

LcDefectClass *
lc_defect_class_row_get_defect_class (LcDefectClassRow *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS_ROW (self), NULL);
  return self->defect_class;
}

void
lc_defect_class_row_show_error (LcDefectClassRow *self,
                                const GError     *error)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS_ROW (self));

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

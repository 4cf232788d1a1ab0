#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-value-bar.h"
#include "lc-inspect-value-row.h"

struct _LcInspectValueRow
{
  GtkListBoxRow     parent_instance;

  LcGaugeValueBar  *bar;

  LcCharacteristic *characteristic;
  char             *value_text;
  LcSpecZone        zone;
};

G_DEFINE_FINAL_TYPE (LcInspectValueRow, lc_inspect_value_row, GTK_TYPE_LIST_BOX_ROW)

static void
lc_inspect_value_row_dispose (GObject *object)
{
  LcInspectValueRow *self = LC_INSPECT_VALUE_ROW (object);

  /* The bar is both the row's child and a template child: let go of it once. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_INSPECT_VALUE_ROW);
  g_clear_object (&self->characteristic);
  g_clear_pointer (&self->value_text, g_free);

  G_OBJECT_CLASS (lc_inspect_value_row_parent_class)->dispose (object);
}

static void
lc_inspect_value_row_class_init (LcInspectValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_inspect_value_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-inspect-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, bar);
  g_type_ensure (LC_TYPE_GAUGE_VALUE_BAR);
}

static void
lc_inspect_value_row_init (LcInspectValueRow *self)
{
  g_type_ensure (LC_TYPE_GAUGE_VALUE_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_inspect_value_row_new (LcCharacteristic *characteristic)
{
  LcInspectValueRow *self;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (characteristic), NULL);

  self = g_object_new (LC_TYPE_INSPECT_VALUE_ROW, NULL);
  self->characteristic = g_object_ref (characteristic);
  lc_gauge_value_bar_set_characteristic (self->bar, characteristic);
  lc_inspect_value_row_set_value (self, NAN, NULL);
  return GTK_WIDGET (self);
}

LcCharacteristic *
lc_inspect_value_row_get_characteristic (LcInspectValueRow *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VALUE_ROW (self), NULL);
  return self->characteristic;
}

void
lc_inspect_value_row_set_value (LcInspectValueRow *self,
                                double             value,
                                const char        *source)
{
  static const char * const classes[] = { "lc-zone-none", "lc-zone-in", "lc-zone-near", "lc-zone-out" };
  LcSpecZone zone;

  g_return_if_fail (LC_IS_INSPECT_VALUE_ROW (self));

  zone = lc_spec_zone (value, lc_characteristic_get_lsl (self->characteristic),
                       lc_characteristic_get_usl (self->characteristic));
  g_free (self->value_text);
  self->value_text = isnan (value) ? g_strdup ("—") : lc_characteristic_format_value (self->characteristic, value);
  lc_gauge_value_bar_set_value (self->bar, value);
  lc_gauge_value_bar_set_state_text (self->bar, source != NULL ? source : "");
  if (zone != self->zone || !gtk_widget_has_css_class (GTK_WIDGET (self), classes[zone]))
    {
      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (self), classes[i]);
      gtk_widget_add_css_class (GTK_WIDGET (self), classes[zone]);
      self->zone = zone;
    }
}

LcSpecZone
lc_inspect_value_row_get_zone (LcInspectValueRow *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VALUE_ROW (self), LC_SPEC_NONE);
  return self->zone;
}

const char *
lc_inspect_value_row_get_value_text (LcInspectValueRow *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VALUE_ROW (self), NULL);
  return self->value_text;
}

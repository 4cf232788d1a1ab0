#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-inspect-value-row.h"

struct _LcInspectValueRow
{
  GtkListBoxRow     parent_instance;

  GtkLabel         *name_label;
  GtkLabel         *spec_label;
  GtkLabel         *value_label;
  GtkLabel         *source_label;
  GtkLevelBar      *bar;

  LcCharacteristic *characteristic;
  LcSpecZone        zone;
};

G_DEFINE_FINAL_TYPE (LcInspectValueRow, lc_inspect_value_row, GTK_TYPE_LIST_BOX_ROW)

static void
lc_inspect_value_row_dispose (GObject *object)
{
  LcInspectValueRow *self = LC_INSPECT_VALUE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_INSPECT_VALUE_ROW);
  g_clear_object (&self->characteristic);

  G_OBJECT_CLASS (lc_inspect_value_row_parent_class)->dispose (object);
}

static void
lc_inspect_value_row_class_init (LcInspectValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_inspect_value_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-inspect-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, spec_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectValueRow, bar);
}

static void
lc_inspect_value_row_init (LcInspectValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The level bar's own colour steps would fight the zone colours. */
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_FULL);
}

/* The bar spans the tolerance and a quarter of it beyond each limit, so an out-of-spec
 * value still shows on which side it fell. One-sided limits run from zero. */
static void
set_range (LcInspectValueRow *self)
{
  double lsl = lc_characteristic_get_lsl (self->characteristic);
  double usl = lc_characteristic_get_usl (self->characteristic);
  double low, high;

  if (!isnan (lsl) && !isnan (usl))
    {
      low = lsl - (usl - lsl) / 4;
      high = usl + (usl - lsl) / 4;
    }
  else if (!isnan (usl))
    {
      low = 0;
      high = usl * 1.25;
    }
  else if (!isnan (lsl))
    {
      low = 0;
      high = lsl * 2;
    }
  else
    {
      low = 0;
      high = 1;
    }
  gtk_level_bar_set_min_value (self->bar, MIN (low, high));
  gtk_level_bar_set_max_value (self->bar, MAX (low, high));
}

GtkWidget *
lc_inspect_value_row_new (LcCharacteristic *characteristic)
{
  LcInspectValueRow *self;
  g_autofree char *spec = NULL;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (characteristic), NULL);

  self = g_object_new (LC_TYPE_INSPECT_VALUE_ROW, NULL);
  self->characteristic = g_object_ref (characteristic);
  gtk_label_set_label (self->name_label, _(lc_characteristic_get_name (characteristic)));
  spec = lc_characteristic_format_spec (characteristic);
  gtk_label_set_label (self->spec_label, spec);
  set_range (self);
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
  g_autofree char *text = NULL;
  LcSpecZone zone;

  g_return_if_fail (LC_IS_INSPECT_VALUE_ROW (self));

  zone = lc_spec_zone (value, lc_characteristic_get_lsl (self->characteristic),
                       lc_characteristic_get_usl (self->characteristic));
  text = isnan (value) ? g_strdup ("—") : lc_characteristic_format_value (self->characteristic, value);
  gtk_label_set_label (self->value_label, text);
  gtk_label_set_label (self->source_label, source != NULL ? source : "");
  gtk_level_bar_set_value (self->bar, isnan (value) ? gtk_level_bar_get_min_value (self->bar)
                                                    : CLAMP (value, gtk_level_bar_get_min_value (self->bar),
                                                             gtk_level_bar_get_max_value (self->bar)));
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
  return gtk_label_get_label (self->value_label);
}

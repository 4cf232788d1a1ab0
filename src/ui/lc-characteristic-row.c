#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-channel-combo-row.h"
#include "lc-characteristic-row.h"
#include "lc-part-error.h"

/* One characteristic in the part type editor: its specification in a row that expands to
 * edit it. Numbers may be typed with a point or a comma; an empty limit means "none". */
struct _LcCharacteristicRow
{
  AdwExpanderRow    parent_instance;

  AdwEntryRow      *name_row;
  AdwComboRow      *kind_row;
  AdwEntryRow      *nominal_row;
  AdwEntryRow      *lsl_row;
  AdwEntryRow      *usl_row;
  AdwEntryRow      *unit_row;
  GtkSpinButton    *decimals_spin;
  GtkSpinButton    *subgroup_spin;
  LcChannelComboRow *channel_row;

  LcCharacteristic *characteristic;
  char             *input_problem;
  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (LcCharacteristicRow, lc_characteristic_row, ADW_TYPE_EXPANDER_ROW)

enum {
  REMOVE,
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_optional (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* Empty is "none" (NAN); "12,5" reads as 12.5 because many benches type a decimal comma. */
static gboolean
parse_optional (const char *text,
                double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (copy[0] == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

static void
update_summary (LcCharacteristicRow *self)
{
  g_autofree char *spec = lc_characteristic_format_spec (self->characteristic);
  const char *name = lc_characteristic_get_name (self->characteristic);
  g_autofree char *escaped_name = g_markup_escape_text (name[0] != '\0' ? name : _("Unnamed"), -1);
  g_autofree char *escaped_spec = g_markup_escape_text (spec, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped_name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped_spec);
}

static void
set_input_problem (LcCharacteristicRow *self,
                   AdwEntryRow         *row,
                   const char          *field)
{
  g_clear_pointer (&self->input_problem, g_free);
  if (row != NULL)
    self->input_problem = g_strdup_printf (_("“%s” of “%s” is not a number."), field,
                                           lc_characteristic_get_name (self->characteristic));
}

static void
on_number_changed (LcCharacteristicRow *self,
                   GParamSpec          *pspec,
                   AdwEntryRow         *row)
{
  AdwEntryRow *rows[] = { self->nominal_row, self->lsl_row, self->usl_row };
  const char *fields[] = { _("Nominal"), _("Lower limit (LSL)"), _("Upper limit (USL)") };
  double values[3];

  if (self->loading)
    return;

  set_input_problem (self, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (parse_optional (gtk_editable_get_text (GTK_EDITABLE (rows[i])), &values[i]))
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
          if (self->input_problem == NULL)
            set_input_problem (self, rows[i], fields[i]);
          values[i] = NAN;
        }
    }
  /* Notify only after every field is read, so the editor validates a consistent state. */
  g_object_freeze_notify (G_OBJECT (self->characteristic));
  lc_characteristic_set_nominal (self->characteristic, values[0]);
  lc_characteristic_set_lsl (self->characteristic, values[1]);
  lc_characteristic_set_usl (self->characteristic, values[2]);
  g_object_thaw_notify (G_OBJECT (self->characteristic));
  /* A field that does not read changes no property: tell the editor anyway. */
  g_object_notify (G_OBJECT (self->characteristic), "nominal");
  update_summary (self);
}

static void
on_text_changed (LcCharacteristicRow *self,
                 GParamSpec          *pspec,
                 AdwEntryRow         *row)
{
  if (self->loading)
    return;
  if (row == self->name_row)
    lc_characteristic_set_name (self->characteristic, gtk_editable_get_text (GTK_EDITABLE (row)));
  else
    lc_characteristic_set_unit (self->characteristic, gtk_editable_get_text (GTK_EDITABLE (row)));
  update_summary (self);
}

static void
on_kind_changed (LcCharacteristicRow *self,
                 GParamSpec          *pspec,
                 AdwComboRow         *row)
{
  gboolean variable;

  variable = adw_combo_row_get_selected (row) == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->nominal_row), variable);
  gtk_widget_set_visible (GTK_WIDGET (self->lsl_row), variable);
  gtk_widget_set_visible (GTK_WIDGET (self->usl_row), variable);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), variable);
  if (self->loading)
    return;
  lc_characteristic_set_kind (self->characteristic,
                              variable ? LC_CHARACTERISTIC_VARIABLE : LC_CHARACTERISTIC_ATTRIBUTE);
  update_summary (self);
}

static void
on_spin_changed (LcCharacteristicRow *self,
                 GtkSpinButton       *spin)
{
  if (self->loading)
    return;
  if (spin == self->decimals_spin)
    lc_characteristic_set_decimals (self->characteristic, (guint) gtk_spin_button_get_value_as_int (spin));
  else
    lc_characteristic_set_subgroup_size (self->characteristic, (guint) gtk_spin_button_get_value_as_int (spin));
  update_summary (self);
}

static void
on_remove_clicked (LcCharacteristicRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_move_up_clicked (LcCharacteristicRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_move_down_clicked (LcCharacteristicRow *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
load (LcCharacteristicRow *self)
{
  g_autofree char *nominal = format_optional (lc_characteristic_get_nominal (self->characteristic));
  g_autofree char *lsl = format_optional (lc_characteristic_get_lsl (self->characteristic));
  g_autofree char *usl = format_optional (lc_characteristic_get_usl (self->characteristic));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lc_characteristic_get_name (self->characteristic));
  adw_combo_row_set_selected (self->kind_row,
                              lc_characteristic_get_kind (self->characteristic) == LC_CHARACTERISTIC_VARIABLE ? 0 : 1);
  gtk_editable_set_text (GTK_EDITABLE (self->nominal_row), nominal);
  gtk_editable_set_text (GTK_EDITABLE (self->lsl_row), lsl);
  gtk_editable_set_text (GTK_EDITABLE (self->usl_row), usl);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), lc_characteristic_get_unit (self->characteristic));
  gtk_spin_button_set_value (self->decimals_spin, lc_characteristic_get_decimals (self->characteristic));
  gtk_spin_button_set_value (self->subgroup_spin, lc_characteristic_get_subgroup_size (self->characteristic));
  self->loading = FALSE;
  update_summary (self);
}

static void
lc_characteristic_row_dispose (GObject *object)
{
  LcCharacteristicRow *self = LC_CHARACTERISTIC_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_CHARACTERISTIC_ROW);
  g_clear_object (&self->characteristic);
  g_clear_pointer (&self->input_problem, g_free);

  G_OBJECT_CLASS (lc_characteristic_row_parent_class)->dispose (object);
}

static void
lc_characteristic_row_class_init (LcCharacteristicRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_characteristic_row_dispose;
  g_type_ensure (LC_TYPE_CHANNEL_COMBO_ROW);

  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-characteristic-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, nominal_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, lsl_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, usl_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, decimals_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, subgroup_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCharacteristicRow, channel_row);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_move_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_move_down_clicked);
}

static void
lc_characteristic_row_init (LcCharacteristicRow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

GtkWidget *
lc_characteristic_row_new (LcCharacteristic *characteristic)
{
  LcCharacteristicRow *self;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (characteristic), NULL);

  self = g_object_new (LC_TYPE_CHARACTERISTIC_ROW, NULL);
  self->characteristic = g_object_ref (characteristic);
  load (self);
  g_object_bind_property (characteristic, "channel-id", self->channel_row, "channel-id",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  return GTK_WIDGET (self);
}

void
lc_characteristic_row_set_gauge_bench (LcCharacteristicRow *self,
                                       LcGaugeBench        *bench)
{
  g_return_if_fail (LC_IS_CHARACTERISTIC_ROW (self));
  lc_channel_combo_row_set_bench (self->channel_row, bench, LC_GAUGE_ROLE_MEASURE);
}

LcCharacteristic *
lc_characteristic_row_get_characteristic (LcCharacteristicRow *self)
{
  g_return_val_if_fail (LC_IS_CHARACTERISTIC_ROW (self), NULL);
  return self->characteristic;
}

const char *
lc_characteristic_row_get_input_problem (LcCharacteristicRow *self)
{
  g_return_val_if_fail (LC_IS_CHARACTERISTIC_ROW (self), NULL);
  return self->input_problem;
}

void
lc_characteristic_row_show_error (LcCharacteristicRow *self,
                                  const GError        *error)
{
  gboolean name = FALSE, limits = FALSE, nominal = FALSE;

  g_return_if_fail (LC_IS_CHARACTERISTIC_ROW (self));

  if (error != NULL && error->domain == LC_PART_ERROR)
    {
      name = error->code == LC_PART_ERROR_NAME || error->code == LC_PART_ERROR_DUPLICATE;
      limits = error->code == LC_PART_ERROR_LIMITS;
      nominal = error->code == LC_PART_ERROR_NOMINAL;
    }

  if (name)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  /* Fields that do not even read as numbers keep their own mark. */
  if (self->input_problem == NULL)
    {
      AdwEntryRow *limit_rows[] = { self->lsl_row, self->usl_row };

      for (guint i = 0; i < G_N_ELEMENTS (limit_rows); i++)
        {
          if (limits)
            gtk_widget_add_css_class (GTK_WIDGET (limit_rows[i]), "error");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (limit_rows[i]), "error");
        }
      if (nominal)
        gtk_widget_add_css_class (GTK_WIDGET (self->nominal_row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->nominal_row), "error");
    }

  if (error != NULL || self->input_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "lc-invalid");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "lc-invalid");
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-channel-row.h"

struct _LcGaugeChannelRow
{
  AdwExpanderRow  parent_instance;

  GtkLabel       *value_label;
  GtkLabel       *state_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *role_row;
  AdwComboRow    *table_row;
  AdwActionRow   *address_row;
  GtkSpinButton  *address_spin;
  AdwComboRow    *type_row;
  AdwComboRow    *order_row;
  AdwEntryRow    *scale_row;
  AdwEntryRow    *offset_row;
  AdwEntryRow    *pattern_row;
  AdwEntryRow    *mean_row;
  AdwEntryRow    *sigma_row;
  AdwEntryRow    *unit_row;
  GtkSpinButton  *decimals_spin;
  AdwActionRow   *test_row;
  GtkButton      *test_button;
  GtkLabel       *raw_label;
  GtkLabel       *decoded_label;

  LcGaugeBench   *bench;
  LcGaugeDevice  *device;
  LcGaugeChannel *channel;
  GCancellable   *cancellable;
  guint           tick_id;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (LcGaugeChannelRow, lc_gauge_channel_row, ADW_TYPE_EXPANDER_ROW)

enum {
  REMOVE,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "0,01" reads as 0.01: many benches type a decimal comma. */
static gboolean
parse_number (AdwEntryRow *row,
              double       fallback,
              double      *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;
  gboolean ok;

  if (copy[0] == '\0')
    {
      *value = fallback;
      ok = TRUE;
    }
  else
    {
      g_strdelimit (copy, ",", '.');
      *value = g_ascii_strtod (copy, &end);
      ok = end != copy && *end == '\0' && isfinite (*value);
    }
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static void
set_number_text (AdwEntryRow *row,
                 double       value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (row), g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static void
update_live (LcGaugeChannelRow *self)
{
  g_autofree char *value = lc_gauge_channel_format_value (self->channel);
  g_autofree char *state = lc_gauge_channel_describe_state (self->channel);
  LcGaugeState live = lc_gauge_channel_get_state (self->channel);

  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->state_label, state);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), state);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
  if (live == LC_GAUGE_STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else if (live == LC_GAUGE_STATE_STALE)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "warning");
  else if (live == LC_GAUGE_STATE_LIVE)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "success");
  /* A value that is not current is faded so nobody reads it as the part on the bench. */
  if (live != LC_GAUGE_STATE_LIVE)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
}

/* "Stale: last value 4 s old" ages without any notification. */
static gboolean
tick_cb (gpointer user_data)
{
  LcGaugeChannelRow *self = user_data;
  LcGaugeState state = lc_gauge_channel_get_state (self->channel);

  if (state == LC_GAUGE_STATE_STALE || state == LC_GAUGE_STATE_ERROR)
    update_live (self);
  return G_SOURCE_CONTINUE;
}

static void
lc_gauge_channel_row_map (GtkWidget *widget)
{
  LcGaugeChannelRow *self = LC_GAUGE_CHANNEL_ROW (widget);

  GTK_WIDGET_CLASS (lc_gauge_channel_row_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
lc_gauge_channel_row_unmap (GtkWidget *widget)
{
  LcGaugeChannelRow *self = LC_GAUGE_CHANNEL_ROW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (lc_gauge_channel_row_parent_class)->unmap (widget);
}

static void
update_summary (LcGaugeChannelRow *self)
{
  const LcGaugeRegister *reg = lc_gauge_channel_get_register (self->channel);
  LcGaugeKind kind = lc_gauge_device_get_kind (self->device);
  const char *name = lc_gauge_channel_get_name (self->channel);
  g_autofree char *escaped = g_markup_escape_text (name[0] != '\0' ? name : _("Unnamed"), -1);
  g_autofree char *reference = lc_gauge_format_reference (reg->table, reg->address);
  g_autofree char *address = g_strdup_printf (_("Conventional number %s"), reference);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped);
  adw_action_row_set_subtitle (self->address_row, address);
  if (lc_gauge_kind_is_modbus (kind))
    {
      /* Both numbers, so nobody is off by one: the 0-based address and the manual's 4xxxx. */
      subtitle = g_strdup_printf (_("%s (address %u) · %s %s"), reference, reg->address,
                                  lc_gauge_data_type_to_string (reg->type),
                                  lc_gauge_word_order_to_string (reg->order));
    }
  else if (kind == LC_GAUGE_KIND_SIMULATED)
    subtitle = g_strdup (_("Simulated values"));
  else
    subtitle = g_strdup (_("Text sent by the gauge"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
update_visibility (LcGaugeChannelRow *self)
{
  LcGaugeKind kind = lc_gauge_device_get_kind (self->device);
  gboolean modbus = lc_gauge_kind_is_modbus (kind);
  gboolean text = kind == LC_GAUGE_KIND_SERIAL_ASCII || kind == LC_GAUGE_KIND_KEYBOARD;
  gboolean simulated = kind == LC_GAUGE_KIND_SIMULATED;
  gboolean bits = lc_gauge_table_is_bits (lc_gauge_channel_get_register (self->channel)->table);

  gtk_widget_set_visible (GTK_WIDGET (self->role_row), modbus);
  gtk_widget_set_visible (GTK_WIDGET (self->table_row), modbus);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), modbus);
  gtk_widget_set_visible (GTK_WIDGET (self->type_row), modbus && !bits);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row), modbus && !bits);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), modbus && !bits);
  gtk_widget_set_visible (GTK_WIDGET (self->offset_row), modbus && !bits);
  gtk_widget_set_visible (GTK_WIDGET (self->pattern_row), text);
  gtk_widget_set_visible (GTK_WIDGET (self->mean_row), simulated);
  gtk_widget_set_visible (GTK_WIDGET (self->sigma_row), simulated);
  /* A Test read asks the device; keyboard and simulated gauges are not asked anything. */
  gtk_widget_set_visible (GTK_WIDGET (self->test_row), modbus);
}

/* The channel settings object is replaced rather than edited, so the channel drops what it
 * derived from the old one (its compiled line pattern). */
static JsonObject *
copy_settings (JsonObject *settings)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, settings);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, json_node_copy (node));
  return copy;
}

static void
on_changed (LcGaugeChannelRow *self)
{
  LcGaugeRegister reg = *lc_gauge_channel_get_register (self->channel);
  g_autoptr(JsonObject) settings = copy_settings (lc_gauge_channel_get_settings (self->channel));
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->pattern_row));
  static const char * const roles[] = { "measure", "trigger", "output" };
  guint role = adw_combo_row_get_selected (self->role_row);
  double number;

  if (self->loading)
    return;

  lc_gauge_channel_set_name (self->channel, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  reg.table = (LcGaugeTable) adw_combo_row_get_selected (self->table_row);
  reg.address = (guint) gtk_spin_button_get_value_as_int (self->address_spin);
  /* Bit tables hold bits; register tables never do. */
  if (lc_gauge_table_is_bits (reg.table))
    reg.type = LC_GAUGE_DATA_BOOL;
  else
    {
      reg.type = (LcGaugeDataType) adw_combo_row_get_selected (self->type_row);
      if (reg.type == LC_GAUGE_DATA_BOOL)
        reg.type = LC_GAUGE_DATA_UINT16;
    }
  reg.order = (LcGaugeWordOrder) adw_combo_row_get_selected (self->order_row);
  if (parse_number (self->scale_row, 1.0, &number))
    reg.scale = number;
  if (parse_number (self->offset_row, 0.0, &number))
    reg.offset = number;
  lc_gauge_channel_set_register (self->channel, &reg);
  lc_gauge_channel_set_unit (self->channel, gtk_editable_get_text (GTK_EDITABLE (self->unit_row)));
  lc_gauge_channel_set_decimals (self->channel, gtk_spin_button_get_value_as_int (self->decimals_spin));

  if (role < G_N_ELEMENTS (roles))
    json_object_set_string_member (settings, "role", roles[role]);
  if (pattern[0] != '\0')
    json_object_set_string_member (settings, "pattern", pattern);
  else if (json_object_has_member (settings, "pattern"))
    json_object_remove_member (settings, "pattern");
  if (gtk_widget_get_visible (GTK_WIDGET (self->mean_row)) && parse_number (self->mean_row, 10.0, &number))
    json_object_set_double_member (settings, "mean", number);
  if (gtk_widget_get_visible (GTK_WIDGET (self->sigma_row)) && parse_number (self->sigma_row, 0.01, &number))
    json_object_set_double_member (settings, "sigma", fabs (number));
  lc_gauge_channel_set_settings (self->channel, settings);

  self->loading = TRUE;
  if (lc_gauge_table_is_bits (reg.table))
    adw_combo_row_set_selected (self->type_row, LC_GAUGE_DATA_BOOL);
  else
    adw_combo_row_set_selected (self->type_row, reg.type);
  self->loading = FALSE;

  update_visibility (self);
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
load (LcGaugeChannelRow *self)
{
  const LcGaugeRegister *reg = lc_gauge_channel_get_register (self->channel);
  JsonObject *settings = lc_gauge_channel_get_settings (self->channel);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lc_gauge_channel_get_name (self->channel));
  adw_combo_row_set_selected (self->role_row, lc_gauge_channel_get_role (self->channel));
  adw_combo_row_set_selected (self->table_row, reg->table);
  gtk_spin_button_set_value (self->address_spin, reg->address);
  adw_combo_row_set_selected (self->type_row, reg->type);
  adw_combo_row_set_selected (self->order_row, reg->order);
  set_number_text (self->scale_row, reg->scale);
  set_number_text (self->offset_row, reg->offset);
  gtk_editable_set_text (GTK_EDITABLE (self->pattern_row),
                         json_object_get_string_member_with_default (settings, "pattern", ""));
  set_number_text (self->mean_row, json_object_get_double_member_with_default (settings, "mean", 10.0));
  set_number_text (self->sigma_row, json_object_get_double_member_with_default (settings, "sigma", 0.01));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), lc_gauge_channel_get_unit (self->channel));
  gtk_spin_button_set_value (self->decimals_spin, lc_gauge_channel_get_decimals (self->channel));
  self->loading = FALSE;
  update_visibility (self);
  update_summary (self);
  update_live (self);
}

static char *
format_raw (const LcGaugeReading *reading)
{
  GString *text;

  if (reading->n_words == 0)
    return g_strdup_printf ("“%s”", reading->text != NULL ? reading->text : "");
  text = g_string_new (NULL);
  for (guint i = 0; i < reading->n_words; i++)
    g_string_append_printf (text, "%s%u (0x%04X)", i > 0 ? "\n" : "", reading->words[i],
                            reading->words[i]);
  return g_string_free (text, FALSE);
}

static void
test_read_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LcGaugeChannelRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeReading) reading = lc_gauge_bench_test_read_finish (LC_GAUGE_BENCH (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->decoded_label), "error");
  if (reading == NULL)
    {
      gtk_label_set_label (self->raw_label, "—");
      gtk_label_set_label (self->decoded_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->decoded_label), "error");
    }
  else
    {
      g_autofree char *raw = format_raw (reading);
      g_autofree char *number = lc_gauge_format_value (reading->value,
                                                       lc_gauge_channel_get_decimals (self->channel));
      const char *unit = lc_gauge_channel_get_unit (self->channel);
      g_autofree char *decoded = unit[0] != '\0' ? g_strdup_printf ("%s %s", number, unit)
                                                 : g_steal_pointer (&number);

      gtk_label_set_label (self->raw_label, raw);
      gtk_label_set_label (self->decoded_label, decoded);
    }
}

void
lc_gauge_channel_row_test_read (LcGaugeChannelRow *self)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL_ROW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_label_set_label (self->raw_label, "…");
  gtk_label_set_label (self->decoded_label, _("Reading…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->decoded_label), "error");
  /* Off the main thread: a gauge that does not answer keeps only this button waiting. */
  lc_gauge_bench_test_read_async (self->bench, self->device,
                                  lc_gauge_channel_get_register (self->channel),
                                  self->cancellable, test_read_done, g_object_ref (self));
}

static void
on_remove_clicked (LcGaugeChannelRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
lc_gauge_channel_row_dispose (GObject *object)
{
  LcGaugeChannelRow *self = LC_GAUGE_CHANNEL_ROW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->channel != NULL)
    g_signal_handlers_disconnect_by_data (self->channel, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_GAUGE_CHANNEL_ROW);
  g_clear_object (&self->channel);
  g_clear_object (&self->device);
  g_clear_object (&self->bench);

  G_OBJECT_CLASS (lc_gauge_channel_row_parent_class)->dispose (object);
}

static void
lc_gauge_channel_row_class_init (LcGaugeChannelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_gauge_channel_row_dispose;
  widget_class->map = lc_gauge_channel_row_map;
  widget_class->unmap = lc_gauge_channel_row_unmap;

  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-gauge-channel-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, table_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, address_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, address_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, type_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, order_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, scale_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, offset_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, mean_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, sigma_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, decimals_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, test_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, test_button);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, raw_label);
  gtk_widget_class_bind_template_child (widget_class, LcGaugeChannelRow, decoded_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, lc_gauge_channel_row_test_read);
}

static void
lc_gauge_channel_row_init (LcGaugeChannelRow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

GtkWidget *
lc_gauge_channel_row_new (LcGaugeBench   *bench,
                          LcGaugeDevice  *device,
                          LcGaugeChannel *channel)
{
  LcGaugeChannelRow *self;

  g_return_val_if_fail (LC_IS_GAUGE_BENCH (bench), NULL);
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (device), NULL);
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (channel), NULL);

  self = g_object_new (LC_TYPE_GAUGE_CHANNEL_ROW, NULL);
  self->bench = g_object_ref (bench);
  self->device = g_object_ref (device);
  self->channel = g_object_ref (channel);
  g_signal_connect_swapped (channel, "notify::value", G_CALLBACK (update_live), self);
  g_signal_connect_swapped (channel, "notify::state", G_CALLBACK (update_live), self);
  g_signal_connect_swapped (channel, "notify::last-error", G_CALLBACK (update_live), self);
  load (self);
  return GTK_WIDGET (self);
}

LcGaugeChannel *
lc_gauge_channel_row_get_channel (LcGaugeChannelRow *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL_ROW (self), NULL);
  return self->channel;
}

const char *
lc_gauge_channel_row_get_test_raw (LcGaugeChannelRow *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL_ROW (self), NULL);
  return gtk_label_get_label (self->raw_label);
}

const char *
lc_gauge_channel_row_get_test_decoded (LcGaugeChannelRow *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL_ROW (self), NULL);
  return gtk_label_get_label (self->decoded_label);
}

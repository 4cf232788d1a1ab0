#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-gauge-bench.h"
#include "lc-gauge-channel-row.h"
#include "lc-gauges-view.h"

/* The Devices page's Gauges view: where a bench gets set up. The gauges of the bench on the
 * left with their connection state; the selected one on the right, its connection and its
 * channels, each with its live value and a Test read. Edits go into the live device objects
 * and reach the database on Save; Revert (or a changeover that discards) reloads the store. */
struct _LcGaugesView
{
  LcPage           parent_instance;

  AdwToastOverlay *toasts;
  GtkListBox      *device_list;
  GtkLabel        *load_problem;
  GtkStack        *detail_stack;
  GtkLabel        *title_label;
  GtkLabel        *save_problem;
  AdwActionRow    *state_row;
  GtkImage        *state_icon;
  AdwEntryRow     *name_row;
  GtkSwitch       *enabled_switch;
  AdwPreferencesGroup *connection_group;
  AdwEntryRow     *host_row;
  AdwActionRow    *port_row;
  GtkSpinButton   *port_spin;
  AdwEntryRow     *serial_port_row;
  AdwComboRow     *baud_row;
  AdwComboRow     *parity_row;
  AdwComboRow     *data_bits_row;
  AdwComboRow     *stop_bits_row;
  AdwActionRow    *rs485_row;
  GtkSwitch       *rs485_switch;
  AdwEntryRow     *request_row;
  AdwActionRow    *unit_row;
  GtkSpinButton   *unit_spin;
  AdwActionRow    *timeout_row;
  GtkSpinButton   *timeout_spin;
  AdwActionRow    *poll_row;
  GtkSpinButton   *poll_spin;
  AdwPreferencesGroup *channels_group;

  LcGaugeBench    *bench;
  LcGaugeDevice   *device;        /* shown on the right; may be a new one not yet saved */
  GPtrArray       *channel_rows;
  GHashTable      *unsaved;       /* LcGaugeDevice with edits not saved yet */
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (LcGaugesView, lc_gauges_view, LC_TYPE_PAGE)

static const guint bauds[] = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };
static const char parities[] = { 'N', 'E', 'O' };

static char *
describe_device_state (LcGaugeDevice *device)
{
  if (!lc_gauge_device_get_enabled (device))
    return g_strdup (_("Switched off: not read"));
  switch (lc_gauge_device_get_state (device))
    {
    case LC_GAUGE_STATE_OFF:
      return g_strdup (_("Not read yet: save it to start reading"));
    case LC_GAUGE_STATE_WAITING:
      return g_strdup (_("Connecting…"));
    case LC_GAUGE_STATE_LIVE:
    case LC_GAUGE_STATE_STALE:
      return g_strdup (_("Connected"));
    case LC_GAUGE_STATE_ERROR:
    default:
      return g_strdup_printf (_("Error: %s"), lc_gauge_device_get_last_error (device) != NULL
                                              ? lc_gauge_device_get_last_error (device)
                                              : _("no answer"));
    }
}

static const char *
state_icon_name (LcGaugeDevice *device)
{
  if (!lc_gauge_device_get_enabled (device))
    return "media-playback-pause-symbolic";
  switch (lc_gauge_device_get_state (device))
    {
    case LC_GAUGE_STATE_LIVE:
    case LC_GAUGE_STATE_STALE:
      return "emblem-ok-symbolic";
    case LC_GAUGE_STATE_ERROR:
      return "dialog-warning-symbolic";
    case LC_GAUGE_STATE_OFF:
    case LC_GAUGE_STATE_WAITING:
    default:
      return "content-loading-symbolic";
    }
}

static void
style_state_icon (GtkWidget     *icon,
                  LcGaugeDevice *device)
{
  LcGaugeState state = lc_gauge_device_get_state (device);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), state_icon_name (device));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "success");
  if (!lc_gauge_device_get_enabled (device))
    return;
  if (state == LC_GAUGE_STATE_ERROR)
    gtk_widget_add_css_class (icon, "error");
  else if (state == LC_GAUGE_STATE_LIVE || state == LC_GAUGE_STATE_STALE)
    gtk_widget_add_css_class (icon, "success");
}

/* The device list. */

static void
update_device_row (GtkWidget *row)
{
  LcGaugeDevice *device = g_object_get_data (G_OBJECT (row), "lc-device");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "lc-icon");
  g_autofree char *name = g_markup_escape_text (lc_gauge_device_get_name (device), -1);
  g_autofree char *where = lc_gauge_device_describe (device);
  g_autofree char *state = describe_device_state (device);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", where, state);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  style_state_icon (icon, device);
}

static GtkWidget *
create_device_row (gpointer item,
                   gpointer user_data)
{
  LcGaugeDevice *device = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "lc-device", g_object_ref (device), g_object_unref);
  g_object_set_data (G_OBJECT (row), "lc-icon", icon);
  g_signal_connect_object (device, "notify", G_CALLBACK (update_device_row), row, G_CONNECT_SWAPPED);
  update_device_row (row);
  return row;
}

static void
select_device_row (LcGaugesView  *self,
                   LcGaugeDevice *device)
{
  guint position;

  if (device != NULL && g_list_store_find (G_LIST_STORE (lc_gauge_bench_get_devices (self->bench)), device, &position))
    gtk_list_box_select_row (self->device_list, gtk_list_box_get_row_at_index (self->device_list, (int) position));
  else
    gtk_list_box_unselect_all (self->device_list);
}

/* The device on the right. */

static void
update_actions (LcGaugesView *self)
{
  gboolean unsaved = self->device != NULL && g_hash_table_contains (self->unsaved, self->device);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gauges.save", unsaved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gauges.revert", unsaved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gauges.remove-device", self->device != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gauges.add-channel", self->device != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gauges.add-device", self->bench != NULL);
}

static void
update_state (LcGaugesView *self)
{
  g_autofree char *state = NULL;
  g_autofree char *escaped = NULL;

  if (self->device == NULL)
    return;
  state = describe_device_state (self->device);
  escaped = g_markup_escape_text (state, -1);
  adw_action_row_set_subtitle (self->state_row, escaped);
  style_state_icon (GTK_WIDGET (self->state_icon), self->device);
}

static void
update_title (LcGaugesView *self)
{
  g_autofree char *where = lc_gauge_device_describe (self->device);
  const char *name = lc_gauge_device_get_name (self->device);

  gtk_label_set_label (self->title_label, name[0] != '\0' ? name : _("Unnamed"));
  adw_preferences_group_set_description (self->connection_group, where);
}

static void
set_problem (GtkLabel     *label,
             const GError *error)
{
  gtk_label_set_label (label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static void
mark_unsaved (LcGaugesView *self)
{
  if (self->device == NULL)
    return;
  g_hash_table_add (self->unsaved, g_object_ref (self->device));
  update_actions (self);
}

static guint
index_of_uint (const guint *values,
               guint        n_values,
               guint        value,
               guint        fallback)
{
  for (guint i = 0; i < n_values; i++)
    if (values[i] == value)
      return i;
  return fallback;
}

static void
on_changed (LcGaugesView *self)
{
  LcGaugeKind kind;
  JsonObject *settings;
  const char *request;

  if (self->loading || self->device == NULL)
    return;

  kind = lc_gauge_device_get_kind (self->device);
  settings = lc_gauge_device_get_settings (self->device);
  lc_gauge_device_set_name (self->device, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  lc_gauge_device_set_enabled (self->device, gtk_switch_get_active (self->enabled_switch));
  if (kind == LC_GAUGE_KIND_MODBUS_TCP)
    {
      g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                                                           (guint) gtk_spin_button_get_value_as_int (self->port_spin));
      lc_gauge_device_set_link (self->device, link);
    }
  else if (kind == LC_GAUGE_KIND_MODBUS_RTU || kind == LC_GAUGE_KIND_SERIAL_ASCII)
    {
      g_autoptr(LcGaugeLink) link = lc_gauge_link_new_serial (kind, gtk_editable_get_text (GTK_EDITABLE (self->serial_port_row)));
      guint baud = adw_combo_row_get_selected (self->baud_row);
      guint parity = adw_combo_row_get_selected (self->parity_row);

      link->baud = bauds[MIN (baud, G_N_ELEMENTS (bauds) - 1)];
      link->parity = parities[MIN (parity, G_N_ELEMENTS (parities) - 1)];
      link->data_bits = adw_combo_row_get_selected (self->data_bits_row) == 0 ? 7 : 8;
      link->stop_bits = adw_combo_row_get_selected (self->stop_bits_row) == 0 ? 1 : 2;
      link->rs485 = gtk_switch_get_active (self->rs485_switch);
      lc_gauge_device_set_link (self->device, link);
    }
  if (lc_gauge_kind_is_modbus (kind))
    {
      json_object_set_int_member (settings, "unit", gtk_spin_button_get_value_as_int (self->unit_spin));
      json_object_set_int_member (settings, "timeout_ms", gtk_spin_button_get_value_as_int (self->timeout_spin));
    }
  if (kind != LC_GAUGE_KIND_KEYBOARD)
    json_object_set_int_member (settings, "poll_ms", gtk_spin_button_get_value_as_int (self->poll_spin));
  request = gtk_editable_get_text (GTK_EDITABLE (self->request_row));
  if (kind == LC_GAUGE_KIND_SERIAL_ASCII && request[0] != '\0')
    json_object_set_string_member (settings, "request", request);
  else if (json_object_has_member (settings, "request"))
    json_object_remove_member (settings, "request");

  update_title (self);
  mark_unsaved (self);
}

static void add_channel_row (LcGaugesView *self, LcGaugeChannel *channel);

static void
on_channel_remove (LcGaugesView      *self,
                   LcGaugeChannelRow *row)
{
  lc_gauge_device_remove_channel (self->device, lc_gauge_channel_row_get_channel (row));
  g_ptr_array_remove (self->channel_rows, row);
  adw_preferences_group_remove (self->channels_group, GTK_WIDGET (row));
  mark_unsaved (self);
}

static void
add_channel_row (LcGaugesView   *self,
                 LcGaugeChannel *channel)
{
  GtkWidget *row = lc_gauge_channel_row_new (self->bench, self->device, channel);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_channel_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "changed", G_CALLBACK (mark_unsaved), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->channels_group, row);
  g_ptr_array_add (self->channel_rows, row);
}

static void
clear_channel_rows (LcGaugesView *self)
{
  for (guint i = 0; i < self->channel_rows->len; i++)
    adw_preferences_group_remove (self->channels_group, g_ptr_array_index (self->channel_rows, i));
  g_ptr_array_set_size (self->channel_rows, 0);
}

static void
show_device (LcGaugesView  *self,
             LcGaugeDevice *device)
{
  g_autoptr(LcGaugeLink) link = NULL;
  GListModel *channels;
  LcGaugeKind kind;
  gboolean tcp, serial, modbus;

  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  clear_channel_rows (self);
  g_set_object (&self->device, device);
  set_problem (self->save_problem, NULL);
  update_actions (self);
  if (device == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  kind = lc_gauge_device_get_kind (device);
  tcp = kind == LC_GAUGE_KIND_MODBUS_TCP;
  serial = kind == LC_GAUGE_KIND_MODBUS_RTU || kind == LC_GAUGE_KIND_SERIAL_ASCII;
  modbus = lc_gauge_kind_is_modbus (kind);
  link = lc_gauge_device_dup_link (device, NULL);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lc_gauge_device_get_name (device));
  gtk_switch_set_active (self->enabled_switch, lc_gauge_device_get_enabled (device));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), link != NULL && link->host != NULL ? link->host : "");
  gtk_spin_button_set_value (self->port_spin, link != NULL && tcp ? link->port : 502);
  gtk_editable_set_text (GTK_EDITABLE (self->serial_port_row),
                         link != NULL && link->serial_port != NULL ? link->serial_port : "");
  adw_combo_row_set_selected (self->baud_row, index_of_uint (bauds, G_N_ELEMENTS (bauds),
                                                             link != NULL ? link->baud : 19200, 4));
  adw_combo_row_set_selected (self->parity_row,
                              link == NULL || link->parity == 'E' ? 1 : link->parity == 'O' ? 2 : 0);
  adw_combo_row_set_selected (self->data_bits_row, link != NULL && link->data_bits == 7 ? 0 : 1);
  adw_combo_row_set_selected (self->stop_bits_row, link != NULL && link->stop_bits == 2 ? 1 : 0);
  gtk_switch_set_active (self->rs485_switch, link != NULL && link->rs485);
  gtk_editable_set_text (GTK_EDITABLE (self->request_row),
                         json_object_get_string_member_with_default (lc_gauge_device_get_settings (device),
                                                                     "request", ""));
  gtk_spin_button_set_value (self->unit_spin, lc_gauge_device_get_unit (device));
  gtk_spin_button_set_value (self->timeout_spin, lc_gauge_device_get_timeout_ms (device));
  gtk_spin_button_set_value (self->poll_spin, lc_gauge_device_get_poll_ms (device));
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->host_row), tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->port_row), tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->serial_port_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->baud_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->parity_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->data_bits_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_bits_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->rs485_row), serial);
  gtk_widget_set_visible (GTK_WIDGET (self->request_row), kind == LC_GAUGE_KIND_SERIAL_ASCII);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), modbus);
  gtk_widget_set_visible (GTK_WIDGET (self->timeout_row), modbus);
  gtk_widget_set_visible (GTK_WIDGET (self->poll_row), kind != LC_GAUGE_KIND_KEYBOARD);

  channels = lc_gauge_device_get_channels (device);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);

      add_channel_row (self, channel);
    }

  g_signal_connect_object (device, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "notify::last-error", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "notify::enabled", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_title (self);
  update_state (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "device");
}

static void
on_device_selected (LcGaugesView  *self,
                    GtkListBoxRow *row)
{
  if (row == NULL)
    {
      /* A new device not saved yet stays on the right until it is saved or reverted. */
      if (self->device != NULL && lc_gauge_device_get_id (self->device) > 0 &&
          gtk_list_box_get_selected_row (self->device_list) == NULL &&
          !g_hash_table_contains (self->unsaved, self->device))
        show_device (self, NULL);
      return;
    }
  show_device (self, g_object_get_data (G_OBJECT (row), "lc-device"));
}

/* Actions. */

static char *
free_device_name (LcGaugesView *self,
                  const char   *base)
{
  GListModel *devices = lc_gauge_bench_get_devices (self->bench);

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s %u", base, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (devices) && !taken; i++)
        {
          g_autoptr(LcGaugeDevice) device = g_list_model_get_item (devices, i);

          taken = g_strcmp0 (lc_gauge_device_get_name (device), name) == 0;
        }
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static LcGaugeChannel *
new_channel (LcGaugesView *self)
{
  GListModel *channels = lc_gauge_device_get_channels (self->device);

  for (guint n = g_list_model_get_n_items (channels) + 1; ; n++)
    {
      g_autofree char *name = g_strdup_printf (_("Channel %u"), n);

      if (lc_gauge_device_find_channel (self->device, name) == NULL)
        return lc_gauge_channel_new (name);
    }
}

static void
add_device_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LcGaugesView *self = LC_GAUGES_VIEW (widget);
  g_autoptr(LcGaugeDevice) device = NULL;
  g_autoptr(LcGaugeChannel) channel = NULL;
  g_autoptr(LcGaugeLink) link = NULL;
  g_autofree char *name = NULL;
  LcGaugeKind kind;

  if (self->bench == NULL || !lc_gauge_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  name = free_device_name (self, _("Gauge"));
  device = lc_gauge_device_new (name, kind);
  if (kind == LC_GAUGE_KIND_MODBUS_TCP)
    link = lc_gauge_link_new_tcp ("192.168.0.10", 502);
  else if (kind == LC_GAUGE_KIND_MODBUS_RTU || kind == LC_GAUGE_KIND_SERIAL_ASCII)
    link = lc_gauge_link_new_serial (kind, "/dev/ttyUSB0");
  if (link != NULL)
    lc_gauge_device_set_link (device, link);

  gtk_list_box_unselect_all (self->device_list);
  show_device (self, device);
  /* Every gauge gives at least one value: start with its first channel. */
  self->loading = TRUE;
  g_clear_object (&channel);
  channel = new_channel (self);
  if (kind == LC_GAUGE_KIND_SIMULATED)
    {
      JsonObject *settings = lc_gauge_channel_get_settings (channel);

      json_object_set_double_member (settings, "mean", 10.0);
      json_object_set_double_member (settings, "sigma", 0.01);
    }
  lc_gauge_device_add_channel (device, channel);
  add_channel_row (self, channel);
  self->loading = FALSE;
  mark_unsaved (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
add_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LcGaugesView *self = LC_GAUGES_VIEW (widget);
  g_autoptr(LcGaugeChannel) channel = NULL;

  if (self->device == NULL)
    return;
  channel = new_channel (self);
  lc_gauge_device_add_channel (self->device, channel);
  add_channel_row (self, channel);
  adw_expander_row_set_expanded (g_ptr_array_index (self->channel_rows, self->channel_rows->len - 1), TRUE);
  mark_unsaved (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcGaugesView *self = LC_GAUGES_VIEW (widget);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeDevice) device = NULL;
  g_autofree char *message = NULL;

  if (self->device == NULL || store == NULL)
    return;
  device = g_object_ref (self->device);
  if (!lc_gauge_bench_save_device (self->bench, store, device, &error))
    {
      set_problem (self->save_problem, error);
      return;
    }
  set_problem (self->save_problem, NULL);
  g_hash_table_remove (self->unsaved, device);
  select_device_row (self, device);
  if (self->device != device)
    show_device (self, device);
  update_actions (self);
  message = g_strdup_printf (_("“%s” saved"), lc_gauge_device_get_name (device));
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
reload (LcGaugesView *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;

  show_device (self, NULL);
  g_hash_table_remove_all (self->unsaved);
  if (store != NULL && self->bench != NULL && !lc_gauge_bench_load (self->bench, store, &error))
    set_problem (self->load_problem, error);
  update_actions (self);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcGaugesView *self = LC_GAUGES_VIEW (widget);
  g_autoptr(LcGaugeDevice) device = self->device != NULL ? g_object_ref (self->device) : NULL;
  gint64 id = device != NULL ? lc_gauge_device_get_id (device) : 0;
  GListModel *devices;

  reload (self);
  /* Back on the same gauge, as it is in the database. */
  devices = lc_gauge_bench_get_devices (self->bench);
  for (guint i = 0; id > 0 && i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(LcGaugeDevice) loaded = g_list_model_get_item (devices, i);

      if (lc_gauge_device_get_id (loaded) == id)
        select_device_row (self, loaded);
    }
}

static void
remove_response (AdwMessageDialog *dialog,
                 const char       *response,
                 LcGaugesView     *self)
{
  g_autoptr(GError) error = NULL;
  LcGaugeDevice *device = g_object_get_data (G_OBJECT (dialog), "lc-device");

  if (g_strcmp0 (response, "remove") != 0 || device == NULL)
    return;
  if (!lc_gauge_bench_delete_device (self->bench, lc_page_get_store (LC_PAGE (self)), device, &error))
    {
      set_problem (self->save_problem, error);
      return;
    }
  g_hash_table_remove (self->unsaved, device);
  if (self->device == device)
    show_device (self, NULL);
}

static void
remove_device_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LcGaugesView *self = LC_GAUGES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (self->device == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove This Gauge?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” and its channels are removed. Measurements already recorded "
                                    "are kept; characteristics bound to its channels fall back to "
                                    "manual entry."),
                                  lc_gauge_device_get_name (self->device));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lc-device", g_object_ref (self->device), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* LcPage. */

static void
lc_gauges_view_store_changed (LcPage *page)
{
  LcGaugesView *self = LC_GAUGES_VIEW (page);
  LcStore *store = lc_page_get_store (page);

  show_device (self, NULL);
  g_clear_object (&self->bench);
  if (store == NULL)
    {
      gtk_list_box_bind_model (self->device_list, NULL, NULL, NULL, NULL);
      update_actions (self);
      return;
    }
  self->bench = g_object_ref (lc_gauge_bench_get_for_store (store));
  gtk_list_box_bind_model (self->device_list, lc_gauge_bench_get_devices (self->bench),
                           create_device_row, self, NULL);
  set_problem (self->load_problem, lc_gauge_bench_get_load_error (self->bench));
  /* Most benches have one gauge or hub: show it straight away. */
  if (gtk_list_box_get_row_at_index (self->device_list, 0) != NULL)
    gtk_list_box_select_row (self->device_list, gtk_list_box_get_row_at_index (self->device_list, 0));
  update_actions (self);
}

static char *
lc_gauges_view_changeover_blocked (LcPage *page)
{
  LcGaugesView *self = LC_GAUGES_VIEW (page);
  GHashTableIter iter;
  gpointer device;

  g_hash_table_iter_init (&iter, self->unsaved);
  if (g_hash_table_iter_next (&iter, &device, NULL))
    return g_strdup_printf (_("The settings of gauge “%s” are not saved."),
                            lc_gauge_device_get_name (device));
  return NULL;
}

static void
lc_gauges_view_discard (LcPage *page)
{
  LcGaugesView *self = LC_GAUGES_VIEW (page);

  if (g_hash_table_size (self->unsaved) > 0)
    reload (self);
}

static void
lc_gauges_view_dispose (GObject *object)
{
  LcGaugesView *self = LC_GAUGES_VIEW (object);

  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  gtk_list_box_bind_model (self->device_list, NULL, NULL, NULL, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_GAUGES_VIEW);
  g_clear_object (&self->device);
  g_clear_object (&self->bench);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);

  G_OBJECT_CLASS (lc_gauges_view_parent_class)->dispose (object);
}

static void
lc_gauges_view_class_init (LcGaugesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_gauges_view_dispose;
  page_class->store_changed = lc_gauges_view_store_changed;
  page_class->changeover_blocked = lc_gauges_view_changeover_blocked;
  page_class->discard = lc_gauges_view_discard;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-gauges-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, toasts);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, device_list);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, load_problem);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, save_problem);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, state_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, state_icon);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, connection_group);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, host_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, port_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, port_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, serial_port_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, baud_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, parity_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, data_bits_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, stop_bits_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, rs485_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, rs485_switch);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, request_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, unit_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, timeout_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, poll_row);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, poll_spin);
  gtk_widget_class_bind_template_child (widget_class, LcGaugesView, channels_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_device_selected);

  gtk_widget_class_install_action (widget_class, "gauges.add-device", "s", add_device_action);
  gtk_widget_class_install_action (widget_class, "gauges.add-channel", NULL, add_channel_action);
  gtk_widget_class_install_action (widget_class, "gauges.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "gauges.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "gauges.remove-device", NULL, remove_device_action);
}

static void
lc_gauges_view_init (LcGaugesView *self)
{
  self->channel_rows = g_ptr_array_new ();
  self->unsaved = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
lc_gauges_view_new (void)
{
  return g_object_new (LC_TYPE_GAUGES_VIEW, NULL);
}

LcGaugeBench *
lc_gauges_view_get_bench (LcGaugesView *self)
{
  g_return_val_if_fail (LC_IS_GAUGES_VIEW (self), NULL);
  return self->bench;
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-audit.h"
#include "lc-gauge-bench.h"
#include "lc-gauge-bus.h"
#include "lc-gauge-channel-private.h"
#include "lc-gauge-device-private.h"

/* How often LIVE values are checked for going stale. */
#define AGE_CHECK_MS 250
#define SIMULATED_BUS_KEY "simulated"

struct _LcGaugeBench
{
  GObject       parent_instance;

  GListStore   *devices;
  GHashTable   *buses;          /* bus key -> LcGaugeBus */
  GHashTable   *pedals;         /* LcGaugeChannel -> last value (GINT_TO_POINTER (v + 1)) */
  GMainContext *context;
  gboolean      running;
  guint         age_check_id;
  GError       *load_error;
};

G_DEFINE_FINAL_TYPE (LcGaugeBench, lc_gauge_bench, G_TYPE_OBJECT)

enum {
  TRIGGER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lc_gauge_bench_dispose (GObject *object)
{
  LcGaugeBench *self = LC_GAUGE_BENCH (object);

  lc_gauge_bench_stop (self);
  g_list_store_remove_all (self->devices);

  G_OBJECT_CLASS (lc_gauge_bench_parent_class)->dispose (object);
}

static void
lc_gauge_bench_finalize (GObject *object)
{
  LcGaugeBench *self = LC_GAUGE_BENCH (object);

  g_clear_object (&self->devices);
  g_clear_pointer (&self->buses, g_hash_table_unref);
  g_clear_pointer (&self->pedals, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (lc_gauge_bench_parent_class)->finalize (object);
}

static void
lc_gauge_bench_class_init (LcGaugeBenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_gauge_bench_dispose;
  object_class->finalize = lc_gauge_bench_finalize;

  /**
   * LcGaugeBench::trigger:
   * @channel: the foot pedal or button (role "trigger") that was pressed
   *
   * A rising edge, 0 then 1 in two consecutive readings: take the measurement. The first
   * reading after a start or a fault sets the baseline, so a pedal held down while the
   * link comes back does not trigger.
   */
  signals[TRIGGER] =
    g_signal_new ("trigger", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LC_TYPE_GAUGE_CHANNEL);
}

static void
lc_gauge_bench_init (LcGaugeBench *self)
{
  self->devices = g_list_store_new (LC_TYPE_GAUGE_DEVICE);
  self->buses = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) _lc_gauge_bus_free);
  self->pedals = g_hash_table_new (NULL, NULL);
  self->context = g_main_context_ref_thread_default ();
}

LcGaugeBench *
lc_gauge_bench_new (void)
{
  return g_object_new (LC_TYPE_GAUGE_BENCH, NULL);
}

#define BENCH_OF_STORE_KEY "lc-gauge-bench"

LcGaugeBench *
lc_gauge_bench_get_for_store (LcStore *store)
{
  LcGaugeBench *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), BENCH_OF_STORE_KEY);
  if (self != NULL)
    return self;
  self = lc_gauge_bench_new ();
  /* A failed load leaves the bench empty; the Devices page shows load_error. */
  lc_gauge_bench_load (self, store, NULL);
  g_object_set_data_full (G_OBJECT (store), BENCH_OF_STORE_KEY, self, g_object_unref);
  lc_gauge_bench_start (self);
  return self;
}

const GError *
lc_gauge_bench_get_load_error (LcGaugeBench *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), NULL);
  return self->load_error;
}

GListModel *
lc_gauge_bench_get_devices (LcGaugeBench *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), NULL);
  return G_LIST_MODEL (self->devices);
}

/* The devices, referenced: a loop over them may stop or restart some. */
static GPtrArray *
devices_snapshot (LcGaugeBench *self)
{
  GListModel *model = G_LIST_MODEL (self->devices);
  GPtrArray *devices = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (devices, g_list_model_get_item (model, i));
  return devices;
}

LcGaugeChannel *
lc_gauge_bench_find_channel (LcGaugeBench *self,
                             gint64        channel_id)
{
  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), NULL);

  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      GListModel *channels = lc_gauge_device_get_channels (device);

      for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
        {
          g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
          if (lc_gauge_channel_get_id (channel) == channel_id)
            return channel;   /* the device holds it */
        }
    }
  return NULL;
}

LcGaugeDevice *
lc_gauge_bench_find_device (LcGaugeBench   *self,
                            LcGaugeChannel *channel)
{
  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), NULL);

  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      guint position;

      if (g_list_store_find (G_LIST_STORE (lc_gauge_device_get_channels (device)), channel,
                             &position))
        return device;   /* the bench holds it */
    }
  return NULL;
}

static gboolean
device_in_bench (LcGaugeBench  *self,
                 LcGaugeDevice *device)
{
  guint position;

  return g_list_store_find (self->devices, device, &position);
}

/* Pedals: a rising edge between two consecutive good readings. */

static void
pedal_on_reading (LcGaugeChannel *channel,
                  LcGaugeReading *reading,
                  LcGaugeBench   *self)
{
  gpointer previous = g_hash_table_lookup (self->pedals, channel);
  int now = reading->value != 0.0 ? 1 : 0;

  g_hash_table_insert (self->pedals, channel, GINT_TO_POINTER (now + 1));
  if (previous == GINT_TO_POINTER (1) && now == 1)
    g_signal_emit (self, signals[TRIGGER], 0, channel);
}

static void
pedal_on_state (LcGaugeChannel *channel,
                GParamSpec     *pspec,
                LcGaugeBench   *self)
{
  if (lc_gauge_channel_get_state (channel) != LC_GAUGE_STATE_LIVE)
    g_hash_table_remove (self->pedals, channel);
}

static void
watch_pedals (LcGaugeBench  *self,
              LcGaugeDevice *device,
              gboolean       watch)
{
  GListModel *channels = lc_gauge_device_get_channels (device);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);

      g_signal_handlers_disconnect_by_data (channel, self);
      g_hash_table_remove (self->pedals, channel);
      if (watch && lc_gauge_channel_get_role (channel) == LC_GAUGE_ROLE_TRIGGER)
        {
          g_signal_connect_object (channel, "reading", G_CALLBACK (pedal_on_reading), self, 0);
          g_signal_connect_object (channel, "notify::state", G_CALLBACK (pedal_on_state), self, 0);
        }
    }
}

/* Buses. */

static void
set_channels_state (LcGaugeDevice *device,
                    LcGaugeState   state)
{
  GListModel *channels = lc_gauge_device_get_channels (device);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
      _lc_gauge_channel_set_state (channel, state);
    }
}

/* The bus key of DEVICE, or NULL with the reason it cannot run. */
static char *
device_bus_key (LcGaugeDevice  *device,
                LcGaugeLink   **link_out,
                GError        **error)
{
  g_autoptr(LcGaugeLink) link = NULL;
  char *key;

  if (lc_gauge_device_get_kind (device) == LC_GAUGE_KIND_SIMULATED)
    return g_strdup (SIMULATED_BUS_KEY);
  link = lc_gauge_device_dup_link (device, error);
  if (link == NULL)
    return NULL;
  key = lc_gauge_link_bus_key (link);
  if (link_out != NULL)
    *link_out = g_steal_pointer (&link);
  return key;
}

static LcGaugeBus *
find_bus_of (LcGaugeBench  *self,
             LcGaugeDevice *device)
{
  GHashTableIter iter;
  gpointer bus;

  g_hash_table_iter_init (&iter, self->buses);
  while (g_hash_table_iter_next (&iter, NULL, &bus))
    if (_lc_gauge_bus_has_device (bus, device))
      return bus;
  return NULL;
}

/* Starts the bus KEY with every enabled device on it. */
static void
start_bus (LcGaugeBench *self,
           const char   *key)
{
  LcGaugeBus *bus = NULL;
  g_autoptr(LcGaugeLink) first_link = NULL;
  g_autofree char *first_name = NULL;
  LcGaugeKind bus_kind = LC_GAUGE_KIND_SIMULATED;

  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      g_autoptr(GError) error = NULL;
      g_autoptr(LcGaugeLink) link = NULL;
      g_autofree char *device_key = NULL;
      LcGaugeKind kind = lc_gauge_device_get_kind (device);

      if (!lc_gauge_device_get_enabled (device) || kind == LC_GAUGE_KIND_KEYBOARD)
        continue;
      device_key = device_bus_key (device, &link, NULL);
      if (device_key == NULL || !g_str_equal (device_key, key))
        continue;

      if (!lc_gauge_device_validate (device, &error))
        ;
      else if (bus != NULL && kind != bus_kind)
        g_set_error (&error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                     _("“%s” uses the same connection as “%s” with another protocol: give each its own port."),
                     lc_gauge_device_get_name (device), first_name);
      else if (bus != NULL && kind == LC_GAUGE_KIND_SERIAL_ASCII)
        g_set_error (&error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                     _("“%s” and “%s” are both on the serial port %s: an ASCII gauge needs a port of its own."),
                     lc_gauge_device_get_name (device), first_name, link->serial_port);
      else if (bus != NULL && link != NULL && kind == LC_GAUGE_KIND_MODBUS_RTU &&
               !lc_gauge_link_same_line (link, first_link))
        g_set_error (&error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                     _("“%s” shares the serial line of “%s” with other settings (baud rate, parity, …): devices on one line must use the same."),
                     lc_gauge_device_get_name (device), first_name);
      if (error != NULL)
        {
          _lc_gauge_device_next_generation (device);
          _lc_gauge_device_set_state (device, LC_GAUGE_STATE_ERROR, error->message);
          set_channels_state (device, LC_GAUGE_STATE_OFF);
          continue;
        }

      if (bus == NULL)
        {
          bus_kind = kind;
          first_link = g_steal_pointer (&link);
          first_name = g_strdup (lc_gauge_device_get_name (device));
          bus = _lc_gauge_bus_new (key, kind, first_link, self->context);
        }
      _lc_gauge_bus_add_device (bus, device);
      watch_pedals (self, device, TRUE);
    }

  if (bus != NULL)
    {
      g_hash_table_insert (self->buses, (gpointer) _lc_gauge_bus_get_key (bus), bus);
      _lc_gauge_bus_start (bus);
    }
}

static gboolean
check_ages_cb (gpointer user_data)
{
  LcGaugeBench *self = user_data;

  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      GListModel *channels = lc_gauge_device_get_channels (device);

      for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
        {
          g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
          _lc_gauge_channel_check_age (channel);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
start_keyboard (LcGaugeDevice *device)
{
  _lc_gauge_device_next_generation (device);
  _lc_gauge_device_set_state (device, lc_gauge_device_get_enabled (device)
                                      ? LC_GAUGE_STATE_LIVE : LC_GAUGE_STATE_OFF, NULL);
  set_channels_state (device, lc_gauge_device_get_enabled (device)
                              ? LC_GAUGE_STATE_WAITING : LC_GAUGE_STATE_OFF);
}

void
lc_gauge_bench_start (LcGaugeBench *self)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  if (self->running)
    return;
  self->running = TRUE;

  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      g_autoptr(GError) error = NULL;
      char *device_key;

      if (lc_gauge_device_get_kind (device) == LC_GAUGE_KIND_KEYBOARD)
        {
          start_keyboard (device);
          continue;
        }
      if (!lc_gauge_device_get_enabled (device))
        continue;
      device_key = device_bus_key (device, NULL, &error);
      if (device_key == NULL)
        {
          _lc_gauge_device_set_state (device, LC_GAUGE_STATE_ERROR, error->message);
          continue;
        }
      g_hash_table_add (keys, device_key);
    }

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    start_bus (self, key);

  self->age_check_id = g_timeout_add (AGE_CHECK_MS, check_ages_cb, self);
}

void
lc_gauge_bench_stop (LcGaugeBench *self)
{
  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->age_check_id, g_source_remove);
  g_hash_table_remove_all (self->buses);
  g_autoptr(GPtrArray) snapshot = devices_snapshot (self);

  for (guint d = 0; d < snapshot->len; d++)
    {
      LcGaugeDevice *device = g_ptr_array_index (snapshot, d);

      watch_pedals (self, device, FALSE);
      _lc_gauge_device_next_generation (device);
      _lc_gauge_device_set_state (device, LC_GAUGE_STATE_OFF, NULL);
      set_channels_state (device, LC_GAUGE_STATE_OFF);
    }
}

gboolean
lc_gauge_bench_is_running (LcGaugeBench *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), FALSE);
  return self->running;
}

/* Stops whatever bus DEVICE is on and starts over the buses it was and is on. */
static void
restart_device (LcGaugeBench  *self,
                LcGaugeDevice *device,
                gboolean       start_again)
{
  LcGaugeBus *old = find_bus_of (self, device);
  g_autofree char *old_key = old != NULL ? g_strdup (_lc_gauge_bus_get_key (old)) : NULL;
  g_autofree char *new_key = NULL;
  g_autoptr(GError) error = NULL;

  watch_pedals (self, device, FALSE);
  if (old_key != NULL)
    g_hash_table_remove (self->buses, old_key);
  _lc_gauge_device_next_generation (device);
  _lc_gauge_device_set_state (device, LC_GAUGE_STATE_OFF, NULL);
  set_channels_state (device, LC_GAUGE_STATE_OFF);

  if (!self->running)
    return;
  if (start_again && lc_gauge_device_get_kind (device) == LC_GAUGE_KIND_KEYBOARD)
    start_keyboard (device);
  else if (start_again && lc_gauge_device_get_enabled (device))
    {
      new_key = device_bus_key (device, NULL, &error);
      if (new_key == NULL)
        _lc_gauge_device_set_state (device, LC_GAUGE_STATE_ERROR, error->message);
      else if (g_strcmp0 (new_key, old_key) != 0)
        {
          LcGaugeBus *other = g_hash_table_lookup (self->buses, new_key);

          /* Joining a running bus: it starts over with this device on it. */
          if (other != NULL)
            g_hash_table_remove (self->buses, new_key);
          start_bus (self, new_key);
        }
    }
  if (old_key != NULL)
    start_bus (self, old_key);
}

void
lc_gauge_bench_restart_device (LcGaugeBench  *self,
                               LcGaugeDevice *device)
{
  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  g_return_if_fail (LC_IS_GAUGE_DEVICE (device));
  restart_device (self, device, TRUE);
}

void
lc_gauge_bench_add_device (LcGaugeBench  *self,
                           LcGaugeDevice *device)
{
  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  g_return_if_fail (LC_IS_GAUGE_DEVICE (device));
  if (device_in_bench (self, device))
    return;
  g_list_store_append (self->devices, device);
  if (self->running)
    restart_device (self, device, TRUE);
}

/* The store. */

static gboolean
parse_settings (const char  *text,
                JsonObject **settings,
                GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text != NULL && text[0] != '\0' ? text : "{}",
                                               error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The settings are not a JSON object."));
      return FALSE;
    }
  *settings = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static char *
settings_to_text (JsonObject *settings)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, settings);
  return json_to_string (node, FALSE);
}

static const char device_select[] =
  "SELECT id, name, kind, settings, enabled FROM device ORDER BY id";
static const char channel_select[] =
  "SELECT id, device_id, name, register_table, address, data_type, word_order, scale, offset,"
  " unit, decimals, settings FROM channel ORDER BY device_id, id";

static gboolean
load_devices (LcGaugeBench  *self,
              LcStore       *store,
              GError       **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_object_unref);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_running;
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store, device_select, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *kind_text = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(JsonObject) settings = NULL;
      g_autoptr(GError) local_error = NULL;
      LcGaugeDevice *device;
      LcGaugeKind kind;

      /* Cameras live in their own table; anything else here is a device kind from a newer
       * Linecheck: leave it in the database untouched. */
      if (!lc_gauge_kind_from_string (kind_text, &kind))
        {
          g_debug ("Device %s has kind “%s”, unknown to this Linecheck: skipped", name, kind_text);
          continue;
        }
      device = lc_gauge_device_new (name, kind);
      _lc_gauge_device_set_id (device, id);
      lc_gauge_device_set_enabled (device, sqlite3_column_int (stmt, 4) != 0);
      if (parse_settings ((const char *) sqlite3_column_text (stmt, 3), &settings, &local_error))
        lc_gauge_device_set_settings (device, settings);
      else
        _lc_gauge_device_set_state (device, LC_GAUGE_STATE_ERROR, local_error->message);
      g_ptr_array_add (devices, device);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), g_object_ref (device));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  stmt = lc_store_prepare (store, channel_select, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 device_id = sqlite3_column_int64 (stmt, 1);
      LcGaugeDevice *device = g_hash_table_lookup (by_id, &device_id);
      g_autoptr(LcGaugeChannel) channel = NULL;
      g_autoptr(JsonObject) settings = NULL;
      LcGaugeRegister reg;

      if (device == NULL)
        continue;
      lc_gauge_register_init (&reg);
      channel = lc_gauge_channel_new ((const char *) sqlite3_column_text (stmt, 2));
      /* The table's CHECK constraints keep these in range. */
      lc_gauge_table_from_string ((const char *) sqlite3_column_text (stmt, 3), &reg.table);
      reg.address = (guint) sqlite3_column_int (stmt, 4);
      lc_gauge_data_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &reg.type);
      lc_gauge_word_order_from_string ((const char *) sqlite3_column_text (stmt, 6), &reg.order);
      reg.scale = sqlite3_column_double (stmt, 7);
      reg.offset = sqlite3_column_double (stmt, 8);
      lc_gauge_channel_set_register (channel, &reg);
      lc_gauge_channel_set_unit (channel, (const char *) sqlite3_column_text (stmt, 9));
      lc_gauge_channel_set_decimals (channel, sqlite3_column_int (stmt, 10));
      if (parse_settings ((const char *) sqlite3_column_text (stmt, 11), &settings, NULL))
        lc_gauge_channel_set_settings (channel, settings);
      _lc_gauge_channel_set_ids (channel, sqlite3_column_int64 (stmt, 0), device_id);
      lc_gauge_device_add_channel (device, channel);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  was_running = self->running;
  lc_gauge_bench_stop (self);
  g_list_store_splice (self->devices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->devices)),
                       devices->pdata, devices->len);
  if (was_running)
    lc_gauge_bench_start (self);
  return TRUE;
}

gboolean
lc_gauge_bench_load (LcGaugeBench  *self,
                     LcStore       *store,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), FALSE);
  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  g_clear_error (&self->load_error);
  if (load_devices (self, store, &local_error))
    return TRUE;
  self->load_error = g_error_copy (local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
check_name_free (LcStore        *store,
                 LcGaugeDevice  *device,
                 GError        **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT 1 FROM device WHERE name = ? AND id <> ?",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lc_gauge_device_get_name (device), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, lc_gauge_device_get_id (device));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("There is already a device named “%s”: choose another name."),
                   lc_gauge_device_get_name (device));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
save_channel (LcStore         *store,
              gint64           device_id,
              LcGaugeChannel  *channel,
              GError         **error)
{
  const LcGaugeRegister *reg = lc_gauge_channel_get_register (channel);
  g_autofree char *settings = settings_to_text (lc_gauge_channel_get_settings (channel));
  gint64 id = lc_gauge_channel_get_id (channel);
  sqlite3_stmt *stmt;

  stmt = lc_store_prepare (store, id > 0
    ? "UPDATE channel SET device_id = ?1, name = ?2, register_table = ?3, address = ?4,"
      " data_type = ?5, word_order = ?6, scale = ?7, offset = ?8, unit = ?9, decimals = ?10,"
      " settings = ?11 WHERE id = ?12"
    : "INSERT INTO channel (device_id, name, register_table, address, data_type, word_order,"
      " scale, offset, unit, decimals, settings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
      " ?10, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device_id);
  sqlite3_bind_text (stmt, 2, lc_gauge_channel_get_name (channel), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lc_gauge_table_to_string (reg->table), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, (int) reg->address);
  sqlite3_bind_text (stmt, 5, lc_gauge_data_type_to_string (reg->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, lc_gauge_word_order_to_string (reg->order), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 7, reg->scale);
  sqlite3_bind_double (stmt, 8, reg->offset);
  sqlite3_bind_text (stmt, 9, lc_gauge_channel_get_unit (channel), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, lc_gauge_channel_get_decimals (channel));
  sqlite3_bind_text (stmt, 11, settings, -1, SQLITE_TRANSIENT);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 12, id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;
  if (id <= 0)
    _lc_gauge_channel_set_ids (channel, lc_store_last_insert_id (store), device_id);
  return TRUE;
}

static gboolean
delete_removed_channels (LcStore        *store,
                         LcGaugeDevice  *device,
                         GError        **error)
{
  GListModel *channels = lc_gauge_device_get_channels (device);
  GString *sql = g_string_new ("DELETE FROM channel WHERE device_id = ?");
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
      g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i == 0 ? " AND id NOT IN (" : ", ",
                              lc_gauge_channel_get_id (channel));
    }
  if (g_list_model_get_n_items (channels) > 0)
    g_string_append_c (sql, ')');
  text = g_string_free (sql, FALSE);

  /* The statement text changes with the channels: prepare it once, not into the cache. */
  if (sqlite3_prepare_v2 (lc_store_get_db (store), text, -1, &stmt, NULL) != SQLITE_OK)
    return lc_store_set_error (store, sqlite3_errcode (lc_store_get_db (store)), error);
  sqlite3_bind_int64 (stmt, 1, lc_gauge_device_get_id (device));
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    lc_store_set_error (store, sqlite3_errcode (lc_store_get_db (store)), error);
  sqlite3_finalize (stmt);
  return ok;
}

/* The device and its channels as the audit trail records them: one JSON text read back from
 * the rows, so the old and the new value are written the same way. */
static char *
device_row_to_json_text (LcStore *store,
                         gint64   id)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
      "SELECT json_object('name', d.name, 'kind', d.kind, 'settings', json(d.settings),"
      " 'enabled', d.enabled, 'channels', (SELECT json_group_array (json_object ('name', c.name,"
      " 'register_table', c.register_table, 'address', c.address, 'data_type', c.data_type,"
      " 'word_order', c.word_order, 'scale', c.scale, 'offset', c.offset, 'unit', c.unit,"
      " 'decimals', c.decimals, 'settings', json(c.settings))) FROM (SELECT * FROM channel"
      " WHERE device_id = d.id ORDER BY id) AS c)) FROM device AS d WHERE d.id = ?", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

gboolean
lc_gauge_bench_save_device (LcGaugeBench   *self,
                            LcStore        *store,
                            LcGaugeDevice  *device,
                            GError        **error)
{
  g_autofree char *settings = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  GListModel *channels;
  gint64 id, new_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), FALSE);
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (device), FALSE);

  if (!lc_store_require_role (store, LC_ROLE_ADMIN, _("add or change a gauge"), error))
    return FALSE;
  if (!lc_gauge_device_validate (device, error) || !check_name_free (store, device, error))
    return FALSE;
  if (!lc_store_begin (store, error))
    return FALSE;

  id = lc_gauge_device_get_id (device);
  settings = settings_to_text (lc_gauge_device_get_settings (device));
  old_json = id > 0 ? device_row_to_json_text (store, id) : NULL;
  stmt = lc_store_prepare (store, id > 0
    ? "UPDATE device SET name = ?1, kind = ?2, settings = ?3, enabled = ?4 WHERE id = ?5"
    : "INSERT INTO device (name, kind, settings, enabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, lc_gauge_device_get_name (device), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lc_gauge_kind_to_string (lc_gauge_device_get_kind (device)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, settings, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, lc_gauge_device_get_enabled (device));
  sqlite3_bind_int64 (stmt, 5, id > 0 ? id : lc_store_now ());
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  new_id = id > 0 ? id : lc_store_last_insert_id (store);

  /* Ids are given to the objects only once the transaction is in: a failed save leaves the
   * device as it was, to be saved again. Channels get theirs as they are inserted, so
   * remember which were new. */
  {
    g_autoptr(GPtrArray) inserted = g_ptr_array_new ();

    channels = lc_gauge_device_get_channels (device);
    for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
      {
        g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);

        if (lc_gauge_channel_get_id (channel) <= 0)
          g_ptr_array_add (inserted, channel);
        if (!save_channel (store, new_id, channel, error))
          {
            for (guint k = 0; k < inserted->len; k++)
              _lc_gauge_channel_set_ids (g_ptr_array_index (inserted, k), 0,
                                         lc_gauge_device_get_id (device));
            goto fail;
          }
      }
    _lc_gauge_device_set_id (device, new_id);
    new_json = device_row_to_json_text (store, new_id);
    if (!delete_removed_channels (store, device, error) ||
        (g_strcmp0 (old_json, new_json) != 0 &&
         !lc_audit_record (store, "device", new_id, id > 0 ? "update" : "create",
                           old_json, new_json, NULL, error)) ||
        !lc_store_commit (store, error))
      {
        for (guint k = 0; k < inserted->len; k++)
          _lc_gauge_channel_set_ids (g_ptr_array_index (inserted, k), 0, id);
        _lc_gauge_device_set_id (device, id);
        goto fail;
      }
  }

  lc_store_notify_changed (store, "device", new_id);
  if (device_in_bench (self, device))
    {
      if (self->running)
        restart_device (self, device, TRUE);
    }
  else
    lc_gauge_bench_add_device (self, device);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_gauge_bench_delete_device (LcGaugeBench   *self,
                              LcStore        *store,
                              LcGaugeDevice  *device,
                              GError        **error)
{
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (LC_IS_GAUGE_BENCH (self), FALSE);

  if (lc_gauge_device_get_id (device) > 0)
    {
      gint64 id = lc_gauge_device_get_id (device);
      g_autofree char *old_json = NULL;

      if (!lc_store_require_role (store, LC_ROLE_ADMIN, _("remove a gauge"), error) ||
          !lc_store_begin (store, error))
        return FALSE;
      old_json = device_row_to_json_text (store, id);
      stmt = lc_store_prepare (store, "DELETE FROM device WHERE id = ?", error);
      if (stmt == NULL)
        {
          lc_store_rollback (store);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      if (!lc_store_step_done (store, stmt, error) ||
          !lc_audit_record (store, "device", id, "delete", old_json, NULL, NULL, error) ||
          !lc_store_commit (store, error))
        {
          lc_store_rollback (store);
          return FALSE;
        }
      lc_store_notify_changed (store, "device", id);
    }
  restart_device (self, device, FALSE);
  if (g_list_store_find (self->devices, device, &position))
    g_list_store_remove (self->devices, position);
  return TRUE;
}

/* Reads and writes through the workers. */

void
lc_gauge_bench_test_read_async (LcGaugeBench          *self,
                                LcGaugeDevice         *device,
                                const LcGaugeRegister *reg,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LcGaugeLink) link = NULL;
  g_autoptr(GError) error = NULL;
  LcGaugeBus *bus;

  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  g_return_if_fail (LC_IS_GAUGE_DEVICE (device));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_gauge_bench_test_read_async);

  if (!lc_gauge_kind_is_modbus (lc_gauge_device_get_kind (device)))
    {
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                               _("Test read is for Modbus devices: other gauges show their live values."));
      return;
    }
  link = lc_gauge_device_dup_link (device, &error);
  if (link == NULL || !lc_gauge_register_validate (reg, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The worker owns the connection while it runs: a second one could not open the serial
   * port, and some gauges take one TCP client only. */
  bus = find_bus_of (self, device);
  if (bus != NULL)
    _lc_gauge_bus_read (bus, lc_gauge_device_get_unit (device),
                        lc_gauge_device_get_timeout_ms (device), reg, task);
  else
    _lc_gauge_modbus_read_in_thread (link, lc_gauge_device_get_unit (device),
                                     lc_gauge_device_get_timeout_ms (device), reg, task);
}

LcGaugeReading *
lc_gauge_bench_test_read_finish (LcGaugeBench  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  LcGaugeChannel *channel;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->channel);
  g_free (data);
}

void
lc_gauge_bench_write_async (LcGaugeBench        *self,
                            LcGaugeChannel      *channel,
                            double               value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LcGaugeDevice *device;
  LcGaugeBus *bus;
  WriteData *data;

  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (channel));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_gauge_bench_write_async);
  data = g_new0 (WriteData, 1);
  data->channel = g_object_ref (channel);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);

  device = lc_gauge_bench_find_device (self, channel);
  bus = device != NULL ? find_bus_of (self, device) : NULL;
  if (bus == NULL)
    {
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_STOPPED,
                               _("“%s” cannot be written: its device is not running."),
                               lc_gauge_channel_get_name (channel));
      return;
    }
  _lc_gauge_bus_write (bus, lc_gauge_device_get_unit (device),
                       lc_gauge_device_get_timeout_ms (device),
                       lc_gauge_channel_get_register (channel), value, task);
}

gboolean
lc_gauge_bench_write_finish (LcGaugeBench  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  GTask *task = G_TASK (result);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (g_task_propagate_boolean (task, &local_error))
    return TRUE;
  /* The output's own state shows the fault too, for the Devices page. */
  if (data != NULL && data->channel != NULL)
    _lc_gauge_channel_deliver_error (data->channel, local_error);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                              data != NULL ? lc_gauge_channel_get_name (data->channel) : "?");
  return FALSE;
}

/* Verdict outputs. */

typedef struct
{
  guint   pending;
  GError *first_error;
} VerdictData;

static void
verdict_data_free (VerdictData *data)
{
  g_clear_error (&data->first_error);
  g_free (data);
}

static void
verdict_finish_one (GTask  *task,
                    GError *error)
{
  VerdictData *data = g_task_get_task_data (task);

  if (error != NULL && data->first_error == NULL)
    data->first_error = error;
  else
    g_clear_error (&error);
  if (--data->pending > 0)
    return;
  if (data->first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
pulse_back_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failure shows on the output's state; nobody waits for the pulse's end. */
  lc_gauge_bench_write_finish (LC_GAUGE_BENCH (source), result, &error);
}

typedef struct
{
  LcGaugeBench   *bench;
  LcGaugeChannel *channel;
} PulseBack;

static gboolean
pulse_back_cb (gpointer user_data)
{
  PulseBack *pulse = user_data;

  if (lc_gauge_bench_is_running (pulse->bench))
    lc_gauge_bench_write_async (pulse->bench, pulse->channel, 0.0, NULL, pulse_back_done, NULL);
  return G_SOURCE_REMOVE;
}

static void
pulse_back_free (PulseBack *pulse)
{
  g_object_unref (pulse->bench);
  g_object_unref (pulse->channel);
  g_free (pulse);
}

typedef struct
{
  GTask *task;        /* the verdict's */
  guint  pulse_ms;
} VerdictWrite;

static void
verdict_write_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  VerdictWrite *vw = user_data;
  g_autoptr(GTask) task = vw->task;
  WriteData *write = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (lc_gauge_bench_write_finish (LC_GAUGE_BENCH (source), result, &error) && vw->pulse_ms > 0)
    {
      PulseBack *pulse = g_new0 (PulseBack, 1);

      pulse->bench = g_object_ref (LC_GAUGE_BENCH (source));
      pulse->channel = g_object_ref (write->channel);
      g_timeout_add_full (G_PRIORITY_DEFAULT, vw->pulse_ms, pulse_back_cb, pulse,
                          (GDestroyNotify) pulse_back_free);
    }
  g_free (vw);
  verdict_finish_one (task, error);
}

typedef struct
{
  LcGaugeChannel *channel;     /* or NULL, and then ERROR says why */
  GError         *error;
  double          value;
  guint           pulse_ms;
} VerdictEntry;

static void
verdict_entry_clear (VerdictEntry *entry)
{
  g_clear_object (&entry->channel);
  g_clear_error (&entry->error);
}

/* Appends to ENTRIES what the list LIST_NAME of OUTPUTS asks for. */
static void
verdict_read_list (LcGaugeBench *self,
                   JsonObject   *outputs,
                   const char   *list_name,
                   GArray       *entries)
{
  JsonNode *node = json_object_get_member (outputs, list_name);
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item_node = json_array_get_element (list, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (item_node) ? json_node_get_object (item_node) : NULL;
      gint64 channel_id = item != NULL ? json_object_get_int_member_with_default (item, "channel", 0) : 0;
      LcGaugeChannel *channel = channel_id > 0 ? lc_gauge_bench_find_channel (self, channel_id) : NULL;
      VerdictEntry entry = { 0 };

      if (channel == NULL)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, channel_id);

          entry.error = g_error_new (LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                                     _("The part type's “%s” outputs name a channel that does not exist (%s): check them in the Parts editor."),
                                     list_name, id_text);
        }
      else
        {
          entry.channel = g_object_ref (channel);
          entry.value = json_object_get_double_member_with_default (item, "value", 1.0);
          entry.pulse_ms = (guint) CLAMP (json_object_get_int_member_with_default (item, "pulse_ms", 0),
                                          0, 60000);
        }
      g_array_append_val (entries, entry);
    }
}

void
lc_gauge_bench_apply_verdict_async (LcGaugeBench        *self,
                                    const char          *outputs_json,
                                    const char          *verdict,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) outputs = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (VerdictEntry));
  VerdictData *data;

  g_return_if_fail (LC_IS_GAUGE_BENCH (self));
  g_return_if_fail (verdict != NULL);

  g_array_set_clear_func (entries, (GDestroyNotify) verdict_entry_clear);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_gauge_bench_apply_verdict_async);
  if (!parse_settings (outputs_json, &outputs, &error))
    {
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                               _("The part type's verdict outputs cannot be read: %s"),
                               error->message);
      return;
    }

  if (g_str_equal (verdict, "pass"))
    verdict_read_list (self, outputs, "pass", entries);
  else if (g_str_equal (verdict, "fail") || g_str_equal (verdict, "critical"))
    {
      verdict_read_list (self, outputs, "fail", entries);
      if (g_str_equal (verdict, "critical"))
        verdict_read_list (self, outputs, "critical", entries);
    }
  else
    {
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                               "unknown verdict “%s”", verdict);
      return;
    }

  data = g_new0 (VerdictData, 1);
  data->pending = 1;   /* held until every write is under way */
  g_task_set_task_data (task, data, (GDestroyNotify) verdict_data_free);

  for (guint i = 0; i < entries->len; i++)
    {
      VerdictEntry *entry = &g_array_index (entries, VerdictEntry, i);
      VerdictWrite *vw;

      data->pending++;
      if (entry->channel == NULL)
        {
          verdict_finish_one (task, g_steal_pointer (&entry->error));
          continue;
        }
      vw = g_new0 (VerdictWrite, 1);
      vw->task = g_object_ref (task);
      vw->pulse_ms = entry->pulse_ms;
      lc_gauge_bench_write_async (self, entry->channel, entry->value, cancellable,
                                  verdict_write_done, vw);
    }
  verdict_finish_one (task, NULL);
}

gboolean
lc_gauge_bench_apply_verdict_finish (LcGaugeBench  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-gauge-channel-private.h"
#include "lc-gauge-device-private.h"

struct _LcGaugeDevice
{
  GObject       parent_instance;

  gint64        id;
  char         *name;
  LcGaugeKind   kind;
  gboolean      enabled;
  JsonObject   *settings;
  GListStore   *channels;

  LcGaugeState  state;
  char         *last_error;
  guint         generation;
};

G_DEFINE_FINAL_TYPE (LcGaugeDevice, lc_gauge_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ENABLED,
  PROP_STATE,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lc_gauge_device_finalize (GObject *object)
{
  LcGaugeDevice *self = LC_GAUGE_DEVICE (object);

  g_free (self->name);
  g_clear_pointer (&self->settings, json_object_unref);
  g_clear_object (&self->channels);
  g_free (self->last_error);

  G_OBJECT_CLASS (lc_gauge_device_parent_class)->finalize (object);
}

static void
lc_gauge_device_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LcGaugeDevice *self = LC_GAUGE_DEVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_device_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LcGaugeDevice *self = LC_GAUGE_DEVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lc_gauge_device_set_name (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      lc_gauge_device_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_device_class_init (LcGaugeDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_gauge_device_finalize;
  object_class->get_property = lc_gauge_device_get_property;
  object_class->set_property = lc_gauge_device_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An LcGaugeState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LC_GAUGE_STATE_OFF, LC_GAUGE_STATE_ERROR,
                      LC_GAUGE_STATE_OFF, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_gauge_device_init (LcGaugeDevice *self)
{
  self->enabled = TRUE;
  self->settings = json_object_new ();
  self->channels = g_list_store_new (LC_TYPE_GAUGE_CHANNEL);
}

LcGaugeDevice *
lc_gauge_device_new (const char  *name,
                     LcGaugeKind  kind)
{
  LcGaugeDevice *self = g_object_new (LC_TYPE_GAUGE_DEVICE, NULL);

  self->name = g_strdup (name != NULL ? name : "");
  self->kind = kind;
  return self;
}

gint64
lc_gauge_device_get_id (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), 0);
  return self->id;
}

void
_lc_gauge_device_set_id (LcGaugeDevice *self,
                         gint64         id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  self->id = id;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);
      _lc_gauge_channel_set_ids (channel, lc_gauge_channel_get_id (channel), id);
    }
}

const char *
lc_gauge_device_get_name (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);
  return self->name;
}

void
lc_gauge_device_set_name (LcGaugeDevice *self,
                          const char    *name)
{
  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

LcGaugeKind
lc_gauge_device_get_kind (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), LC_GAUGE_KIND_SIMULATED);
  return self->kind;
}

gboolean
lc_gauge_device_get_enabled (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), FALSE);
  return self->enabled;
}

void
lc_gauge_device_set_enabled (LcGaugeDevice *self,
                             gboolean       enabled)
{
  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

JsonObject *
lc_gauge_device_get_settings (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);
  return self->settings;
}

void
lc_gauge_device_set_settings (LcGaugeDevice *self,
                              JsonObject    *settings)
{
  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  g_return_if_fail (settings != NULL);
  json_object_ref (settings);
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = settings;
}

void
lc_gauge_device_set_link (LcGaugeDevice     *self,
                          const LcGaugeLink *link)
{
  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  lc_gauge_link_to_json (link, self->settings);
}

LcGaugeLink *
lc_gauge_device_dup_link (LcGaugeDevice  *self,
                          GError        **error)
{
  LcGaugeLink *link;

  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);
  link = lc_gauge_link_new_from_json (self->kind, self->settings, error);
  if (link == NULL)
    g_prefix_error (error, _("Device “%s”: "), self->name);
  return link;
}

static guint
setting_uint (LcGaugeDevice *self,
              const char    *name,
              guint          fallback,
              guint          lowest,
              guint          highest)
{
  gint64 v = json_object_get_int_member_with_default (self->settings, name, fallback);

  return (guint) CLAMP (v, (gint64) lowest, (gint64) highest);
}

guint
lc_gauge_device_get_unit (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), 1);
  return setting_uint (self, "unit", 1, 0, 255);
}

guint
lc_gauge_device_get_timeout_ms (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), 1000);
  return setting_uint (self, "timeout_ms", 1000, 20, 10000);
}

guint
lc_gauge_device_get_poll_ms (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), 200);
  return setting_uint (self, "poll_ms", self->kind == LC_GAUGE_KIND_SIMULATED ? 500 : 200,
                       10, 3600 * 1000);
}

char *
lc_gauge_device_describe (LcGaugeDevice *self)
{
  g_autoptr(LcGaugeLink) link = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);

  switch (self->kind)
    {
    case LC_GAUGE_KIND_KEYBOARD:
      return g_strdup (_("Keyboard gauge"));
    case LC_GAUGE_KIND_SIMULATED:
      return g_strdup (_("Simulated"));
    case LC_GAUGE_KIND_MODBUS_TCP:
    case LC_GAUGE_KIND_MODBUS_RTU:
    case LC_GAUGE_KIND_SERIAL_ASCII:
    default:
      link = lc_gauge_link_new_from_json (self->kind, self->settings, NULL);
      if (link == NULL)
        return g_strdup (_("Connection not set up"));
      where = lc_gauge_link_describe (link);
      if (self->kind == LC_GAUGE_KIND_SERIAL_ASCII)
        return g_steal_pointer (&where);
      return g_strdup_printf (_("%s, unit %u"), where, lc_gauge_device_get_unit (self));
    }
}

GListModel *
lc_gauge_device_get_channels (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);
  return G_LIST_MODEL (self->channels);
}

void
lc_gauge_device_add_channel (LcGaugeDevice  *self,
                             LcGaugeChannel *channel)
{
  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (channel));
  _lc_gauge_channel_set_ids (channel, lc_gauge_channel_get_id (channel), self->id);
  _lc_gauge_channel_set_kind (channel, self->kind);
  g_list_store_append (self->channels, channel);
}

void
lc_gauge_device_remove_channel (LcGaugeDevice  *self,
                                LcGaugeChannel *channel)
{
  guint position;

  g_return_if_fail (LC_IS_GAUGE_DEVICE (self));
  if (g_list_store_find (self->channels, channel, &position))
    g_list_store_remove (self->channels, position);
}

LcGaugeChannel *
lc_gauge_device_find_channel (LcGaugeDevice *self,
                              const char    *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);
      if (g_str_equal (lc_gauge_channel_get_name (channel), name))
        return channel;
    }
  return NULL;
}

gboolean
lc_gauge_device_validate (LcGaugeDevice  *self,
                          GError        **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), FALSE);

  if (self->name == NULL || self->name[0] == '\0')
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID, _("A device needs a name."));
      return FALSE;
    }
  if (lc_gauge_kind_is_modbus (self->kind) || self->kind == LC_GAUGE_KIND_SERIAL_ASCII)
    {
      g_autoptr(LcGaugeLink) link = lc_gauge_device_dup_link (self, error);
      if (link == NULL)
        return FALSE;
    }
  if (self->kind == LC_GAUGE_KIND_MODBUS_RTU &&
      (lc_gauge_device_get_unit (self) < 1 || lc_gauge_device_get_unit (self) > 247))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Device “%s”: on a serial line the unit id is 1 to 247."), self->name);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);
      const char *name = lc_gauge_channel_get_name (channel);

      if (!lc_gauge_channel_validate (channel, self->kind, error))
        {
          g_prefix_error (error, _("Device “%s”: "), self->name);
          return FALSE;
        }
      if (!g_hash_table_add (names, (gpointer) name))
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("Device “%s” has two channels named “%s”."), self->name, name);
          return FALSE;
        }
    }
  return TRUE;
}

LcGaugeState
lc_gauge_device_get_state (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), LC_GAUGE_STATE_OFF);
  return self->state;
}

const char *
lc_gauge_device_get_last_error (LcGaugeDevice *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_DEVICE (self), NULL);
  return self->last_error;
}

guint
_lc_gauge_device_next_generation (LcGaugeDevice *self)
{
  return ++self->generation;
}

guint
_lc_gauge_device_get_generation (LcGaugeDevice *self)
{
  return self->generation;
}

void
_lc_gauge_device_set_state (LcGaugeDevice *self,
                            LcGaugeState   state,
                            const char    *error_message)
{
  if (g_strcmp0 (self->last_error, error_message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-gauge-link.h"

#define DEFAULT_TCP_PORT 502

static void
set_serial_defaults (LcGaugeLink *self)
{
  self->baud = 19200;
  self->parity = 'E';
  self->data_bits = 8;
  self->stop_bits = 1;
  self->rs485 = FALSE;
}

LcGaugeLink *
lc_gauge_link_new_tcp (const char *host,
                       guint       port)
{
  LcGaugeLink *self = g_new0 (LcGaugeLink, 1);

  self->kind = LC_GAUGE_KIND_MODBUS_TCP;
  self->host = g_strdup (host);
  self->port = port != 0 ? port : DEFAULT_TCP_PORT;
  set_serial_defaults (self);
  return self;
}

LcGaugeLink *
lc_gauge_link_new_serial (LcGaugeKind  kind,
                          const char  *serial_port)
{
  LcGaugeLink *self = g_new0 (LcGaugeLink, 1);

  g_return_val_if_fail (kind == LC_GAUGE_KIND_MODBUS_RTU || kind == LC_GAUGE_KIND_SERIAL_ASCII,
                        NULL);
  self->kind = kind;
  self->serial_port = g_strdup (serial_port);
  set_serial_defaults (self);
  return self;
}

LcGaugeLink *
lc_gauge_link_copy (const LcGaugeLink *self)
{
  LcGaugeLink *copy = g_memdup2 (self, sizeof *self);

  copy->host = g_strdup (self->host);
  copy->serial_port = g_strdup (self->serial_port);
  return copy;
}

void
lc_gauge_link_free (LcGaugeLink *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->serial_port);
  g_free (self);
}

static gboolean
is_serial (const LcGaugeLink *self)
{
  return self->kind == LC_GAUGE_KIND_MODBUS_RTU || self->kind == LC_GAUGE_KIND_SERIAL_ASCII;
}

gboolean
lc_gauge_link_validate (const LcGaugeLink  *self,
                        GError            **error)
{
  static const guint bauds[] = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400 };
  gboolean baud_ok = FALSE;

  if (!is_serial (self))
    {
      if (self->host == NULL || self->host[0] == '\0')
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("The gauge's network address is missing."));
          return FALSE;
        }
      if (self->port == 0 || self->port > 65535)
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("The TCP port %u is not valid: use 1 to 65535 (Modbus uses 502)."),
                       self->port);
          return FALSE;
        }
      return TRUE;
    }

  if (self->serial_port == NULL || self->serial_port[0] != '/')
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The serial port must be a device path such as /dev/ttyUSB0."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bauds); i++)
    baud_ok |= bauds[i] == self->baud;
  if (!baud_ok)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The baud rate %u is not supported: use 1200 to 230400 (usually 9600 or 19200)."),
                   self->baud);
      return FALSE;
    }
  if (self->parity != 'N' && self->parity != 'E' && self->parity != 'O')
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The parity must be N (none), E (even) or O (odd)."));
      return FALSE;
    }
  if (self->data_bits < 5 || self->data_bits > 8)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The data bits must be 5, 6, 7 or 8 (Modbus RTU uses 8)."));
      return FALSE;
    }
  if (self->stop_bits != 1 && self->stop_bits != 2)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The stop bits must be 1 or 2."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_uint_param (const char  *name,
                  const char  *text,
                  guint       *value,
                  GError     **error)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &v, NULL))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The setting %s=%s in the address is not a whole number."), name, text);
      return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

static gboolean
apply_serial_params (LcGaugeLink  *self,
                     const char   *query,
                     GError      **error)
{
  g_autoptr(GHashTable) params = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return TRUE;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, error);
  if (params == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = key, *text = value;

      if (g_str_equal (name, "baud"))
        {
          if (!parse_uint_param (name, text, &self->baud, error))
            return FALSE;
        }
      else if (g_str_equal (name, "parity"))
        {
          if (strlen (text) != 1)
            self->parity = '?';
          else
            self->parity = g_ascii_toupper (text[0]);
        }
      else if (g_str_equal (name, "data"))
        {
          if (!parse_uint_param (name, text, &self->data_bits, error))
            return FALSE;
        }
      else if (g_str_equal (name, "stop"))
        {
          if (!parse_uint_param (name, text, &self->stop_bits, error))
            return FALSE;
        }
      else if (g_str_equal (name, "rs485"))
        self->rs485 = g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0;
      else
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("Unknown serial setting “%s” in the address (known: baud, parity, data, stop, rs485)."),
                       name);
          return FALSE;
        }
    }
  return TRUE;
}

LcGaugeLink *
lc_gauge_link_new_from_url (const char  *url,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(LcGaugeLink) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("“%s” is not a gauge address: use modbus+tcp://HOST:PORT or modbus+rtu:///dev/ttyX?baud=19200&parity=E&data=8&stop=1."),
                   url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);

  if (g_ascii_strcasecmp (scheme, "modbus+tcp") == 0)
    {
      int port = g_uri_get_port (uri);

      if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("“%s” names no host: use modbus+tcp://HOST:PORT."), url);
          return NULL;
        }
      self = lc_gauge_link_new_tcp (g_uri_get_host (uri), port > 0 ? (guint) port : 0);
      if (port == 0)
        self->port = 0;   /* said so: refused below rather than taken as 502 */
    }
  else if (g_ascii_strcasecmp (scheme, "modbus+rtu") == 0 || g_ascii_strcasecmp (scheme, "serial") == 0)
    {
      LcGaugeKind kind = g_ascii_strcasecmp (scheme, "serial") == 0 ? LC_GAUGE_KIND_SERIAL_ASCII
                                                                     : LC_GAUGE_KIND_MODBUS_RTU;
      const char *host = g_uri_get_host (uri);

      if (host != NULL && host[0] != '\0')
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("“%s”: a serial address has three slashes, as in modbus+rtu:///dev/ttyUSB0."),
                       url);
          return NULL;
        }
      self = lc_gauge_link_new_serial (kind, g_uri_get_path (uri));
      if (!apply_serial_params (self, g_uri_get_query (uri), error))
        return NULL;
    }
  else
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Unknown kind of gauge address “%s”: use modbus+tcp:// or modbus+rtu://."),
                   scheme);
      return NULL;
    }

  if (!lc_gauge_link_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
member_uint (JsonObject  *settings,
             const char  *name,
             guint       *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (settings, name);
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (v = json_node_get_int (node)) < 0 || v > G_MAXUINT)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The device setting “%s” must be a whole number."), name);
      return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

static const char *
member_string (JsonObject *settings,
               const char *name)
{
  JsonNode *node = json_object_get_member (settings, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

LcGaugeLink *
lc_gauge_link_new_from_json (LcGaugeKind   kind,
                             JsonObject   *settings,
                             GError      **error)
{
  g_autoptr(LcGaugeLink) self = NULL;

  if (kind == LC_GAUGE_KIND_MODBUS_TCP)
    {
      self = lc_gauge_link_new_tcp (member_string (settings, "host"), DEFAULT_TCP_PORT);
      if (!member_uint (settings, "port", &self->port, error))
        return NULL;
    }
  else if (kind == LC_GAUGE_KIND_MODBUS_RTU || kind == LC_GAUGE_KIND_SERIAL_ASCII)
    {
      const char *parity = member_string (settings, "parity");

      self = lc_gauge_link_new_serial (kind, member_string (settings, "serial_port"));
      if (kind == LC_GAUGE_KIND_SERIAL_ASCII)
        {
          /* Hand gauges with a serial cable mostly talk 9600 8N1. */
          self->baud = 9600;
          self->parity = 'N';
        }
      if (!member_uint (settings, "baud", &self->baud, error) ||
          !member_uint (settings, "data_bits", &self->data_bits, error) ||
          !member_uint (settings, "stop_bits", &self->stop_bits, error))
        return NULL;
      if (parity != NULL)
        self->parity = strlen (parity) == 1 ? g_ascii_toupper (parity[0]) : '?';
      if (json_object_has_member (settings, "rs485"))
        self->rs485 = json_object_get_boolean_member_with_default (settings, "rs485", FALSE);
    }
  else
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("A %s device has no connection settings."), lc_gauge_kind_to_string (kind));
      return NULL;
    }

  if (!lc_gauge_link_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
lc_gauge_link_to_json (const LcGaugeLink *self,
                       JsonObject        *settings)
{
  char parity[2] = { self->parity, '\0' };

  if (!is_serial (self))
    {
      json_object_set_string_member (settings, "host", self->host != NULL ? self->host : "");
      json_object_set_int_member (settings, "port", self->port);
      return;
    }
  json_object_set_string_member (settings, "serial_port",
                                 self->serial_port != NULL ? self->serial_port : "");
  json_object_set_int_member (settings, "baud", self->baud);
  json_object_set_string_member (settings, "parity", parity);
  json_object_set_int_member (settings, "data_bits", self->data_bits);
  json_object_set_int_member (settings, "stop_bits", self->stop_bits);
  json_object_set_boolean_member (settings, "rs485", self->rs485);
}

char *
lc_gauge_link_to_url (const LcGaugeLink *self)
{
  if (!is_serial (self))
    {
      if (strchr (self->host, ':') != NULL)
        return g_strdup_printf ("modbus+tcp://[%s]:%u", self->host, self->port);
      return g_strdup_printf ("modbus+tcp://%s:%u", self->host, self->port);
    }
  return g_strdup_printf ("%s://%s?baud=%u&parity=%c&data=%u&stop=%u%s",
                          self->kind == LC_GAUGE_KIND_SERIAL_ASCII ? "serial" : "modbus+rtu",
                          self->serial_port, self->baud, self->parity, self->data_bits,
                          self->stop_bits, self->rs485 ? "&rs485=1" : "");
}

char *
lc_gauge_link_describe (const LcGaugeLink *self)
{
  if (!is_serial (self))
    {
      if (strchr (self->host, ':') != NULL)
        return g_strdup_printf ("[%s]:%u", self->host, self->port);
      return g_strdup_printf ("%s:%u", self->host, self->port);
    }
  return g_strdup_printf ("%s %u %u%c%u%s", self->serial_port, self->baud, self->data_bits,
                          self->parity, self->stop_bits, self->rs485 ? " RS-485" : "");
}

char *
lc_gauge_link_bus_key (const LcGaugeLink *self)
{
  if (!is_serial (self))
    return g_strdup_printf ("tcp:%s:%u", self->host, self->port);
  return g_strdup_printf ("serial:%s", self->serial_port);
}

gboolean
lc_gauge_link_same_line (const LcGaugeLink *a,
                         const LcGaugeLink *b)
{
  return a->kind == b->kind &&
         g_strcmp0 (a->host, b->host) == 0 && a->port == b->port &&
         g_strcmp0 (a->serial_port, b->serial_port) == 0 &&
         a->baud == b->baud && a->parity == b->parity && a->data_bits == b->data_bits &&
         a->stop_bits == b->stop_bits && a->rs485 == b->rs485;
}

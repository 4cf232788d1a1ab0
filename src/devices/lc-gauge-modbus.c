#include "lc-config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <modbus.h>

#include "lc-gauge-modbus.h"
#include "lc-gauge-serial.h"

/* After a timeout or garbage on a serial line, how long to let a late answer finish before
 * flushing it. Not longer than the timeout itself. */
#define SERIAL_GUARD_MS 150

struct _LcGaugeModbus
{
  LcGaugeLink *link;
  modbus_t    *ctx;
  gboolean     connected;
  char        *where;        /* lc_gauge_link_describe (), for messages */
};

LcGaugeModbus *
lc_gauge_modbus_new (const LcGaugeLink *link)
{
  LcGaugeModbus *self = g_new0 (LcGaugeModbus, 1);

  g_return_val_if_fail (lc_gauge_kind_is_modbus (link->kind), NULL);
  self->link = lc_gauge_link_copy (link);
  self->where = lc_gauge_link_describe (link);
  return self;
}

void
lc_gauge_modbus_free (LcGaugeModbus *self)
{
  if (self == NULL)
    return;
  lc_gauge_modbus_close (self);
  lc_gauge_link_free (self->link);
  g_free (self->where);
  g_free (self);
}

const LcGaugeLink *
lc_gauge_modbus_get_link (LcGaugeModbus *self)
{
  return self->link;
}

gboolean
lc_gauge_modbus_is_connected (LcGaugeModbus *self)
{
  return self->connected;
}

void
lc_gauge_modbus_close (LcGaugeModbus *self)
{
  if (self->ctx == NULL)
    return;
  modbus_close (self->ctx);
  modbus_free (self->ctx);
  self->ctx = NULL;
  self->connected = FALSE;
}

static void
set_timeout (modbus_t *ctx,
             guint     timeout_ms)
{
  modbus_set_response_timeout (ctx, timeout_ms / 1000, (timeout_ms % 1000) * 1000);
}

static gboolean
is_serial (LcGaugeModbus *self)
{
  return self->link->kind == LC_GAUGE_KIND_MODBUS_RTU;
}

static void
set_connect_error (LcGaugeModbus  *self,
                   int             err,
                   guint           timeout_ms,
                   GError        **error)
{
  if (is_serial (self))
    {
      lc_gauge_serial_set_open_error (self->link->serial_port, err, error);
      return;
    }

  switch (err)
    {
    case ECONNREFUSED:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("Nothing answers at %s: the gauge or gateway is off or restarting, or the address or port is wrong."),
                   self->where);
      return;
    case ETIMEDOUT:
    case EINPROGRESS:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("%s did not accept a connection within %u ms: check the network cable and the address."),
                   self->where, timeout_ms);
      return;
    case EHOSTUNREACH:
    case ENETUNREACH:
    case ENETDOWN:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("%s cannot be reached: check the network cable and the address."),
                   self->where);
      return;
    default:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("Cannot connect to %s: %s."), self->where,
                   err >= MODBUS_ENOBASE ? modbus_strerror (err) : g_strerror (err));
      return;
    }
}

gboolean
lc_gauge_modbus_connect (LcGaugeModbus  *self,
                         guint           timeout_ms,
                         GError        **error)
{
  int err;

  if (self->connected)
    return TRUE;
  lc_gauge_modbus_close (self);

  errno = 0;
  if (is_serial (self))
    self->ctx = modbus_new_rtu (self->link->serial_port, (int) self->link->baud,
                                self->link->parity, (int) self->link->data_bits,
                                (int) self->link->stop_bits);
  else
    {
      g_autofree char *service = g_strdup_printf ("%u", self->link->port);
      self->ctx = modbus_new_tcp_pi (self->link->host, service);
    }
  if (self->ctx == NULL)
    {
      set_connect_error (self, errno != 0 ? errno : EINVAL, timeout_ms, error);
      return FALSE;
    }

  /* We decide when to close and reconnect (see the header), not libmodbus. */
  modbus_set_error_recovery (self->ctx, MODBUS_ERROR_RECOVERY_NONE);
  /* libmodbus 3.1.6 bounds a TCP connect by the response timeout. */
  set_timeout (self->ctx, timeout_ms);

  if (modbus_connect (self->ctx) != 0)
    {
      err = errno;
      lc_gauge_modbus_close (self);
      set_connect_error (self, err, timeout_ms, error);
      return FALSE;
    }

  if (is_serial (self) && self->link->rs485 &&
      modbus_rtu_set_serial_mode (self->ctx, MODBUS_RTU_RS485) != 0)
    {
      err = errno;
      lc_gauge_modbus_close (self);
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("The serial port %s cannot switch to RS-485 mode (%s): turn the RS-485 option off if the adapter switches by itself."),
                   self->link->serial_port, g_strerror (err));
      return FALSE;
    }

  self->connected = TRUE;
  return TRUE;
}

static const char *
table_label (LcGaugeTable table)
{
  switch (table)
    {
    case LC_GAUGE_TABLE_HOLDING:
      return _("holding register");
    case LC_GAUGE_TABLE_INPUT:
      return _("input register");
    case LC_GAUGE_TABLE_COIL:
      return _("coil");
    case LC_GAUGE_TABLE_DISCRETE:
      return _("discrete input");
    default:
      return "?";
    }
}

/* Turns libmodbus's errno into words, and keeps the connection in a state where the next
 * answer belongs to the next request (see the header). */
static void
handle_failure (LcGaugeModbus          *self,
                int                     err,
                guint                   unit,
                guint                   timeout_ms,
                const LcGaugeRegister  *reg,
                GError                **error)
{
  g_autofree char *reference = lc_gauge_format_reference (reg->table, reg->address);
  const char *what = table_label (reg->table);
  gboolean resync = FALSE;

  switch (err)
    {
    case EMBXILFUN:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u refused the request: it has no %s table (Modbus exception 1, illegal function)."),
                   unit, what);
      return;
    case EMBXILADD:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u has no %s at address %u (%s) (Modbus exception 2, illegal data address): check the address in the gauge's manual."),
                   unit, what, reg->address, reference);
      return;
    case EMBXILVAL:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u refused the value or length for %s %u (Modbus exception 3, illegal data value)."),
                   unit, what, reg->address);
      return;
    case EMBXSFAIL:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u reported an internal failure (Modbus exception 4): look at the gauge's display."),
                   unit);
      return;
    case EMBXACK:
    case EMBXSBUSY:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u is busy (Modbus exception %d); it will be asked again."),
                   unit, err - MODBUS_ENOBASE);
      return;
    case EMBXNACK:
    case EMBXMEMPAR:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("Unit %u could not carry out the request (Modbus exception %d)."),
                   unit, err - MODBUS_ENOBASE);
      return;
    case EMBXGPATH:
    case EMBXGTAR:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION,
                   _("The gateway %s has no answer from unit %u behind it (Modbus exception %d): check that gauge's cable, power and unit id."),
                   self->where, unit, err - MODBUS_ENOBASE);
      return;
    case ETIMEDOUT:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_TIMEOUT,
                   _("Unit %u at %s did not answer within %u ms: check the cable, the gauge's power and its unit id."),
                   unit, self->where, timeout_ms);
      resync = TRUE;
      break;
    case EMBBADCRC:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_GARBAGE,
                   _("The answer from unit %u was damaged on the line (wrong checksum): check the cable, its shield and the line termination."),
                   unit);
      resync = TRUE;
      break;
    case EMBBADDATA:
    case EMBBADEXC:
    case EMBUNKEXC:
    case EMBMDATA:
    case EMBBADSLAVE:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_GARBAGE,
                   _("The answer from %s for unit %u made no sense (garbage): check the baud rate, parity, unit id and that only one master is on the line."),
                   self->where, unit);
      resync = TRUE;
      break;
    default:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_DISCONNECTED,
                   is_serial (self)
                   ? _("The serial port %s stopped working (%s): is the USB adapter still plugged in?")
                   : _("The connection to %s was lost (%s): a cable was pulled or the gauge or gateway restarted. Reconnecting."),
                   self->where, g_strerror (err));
      lc_gauge_modbus_close (self);
      return;
    }

  if (!resync)
    return;
  if (!is_serial (self))
    {
      lc_gauge_modbus_close (self);
      return;
    }
  g_usleep (MIN (SERIAL_GUARD_MS, timeout_ms) * G_TIME_SPAN_MILLISECOND);
  if (modbus_flush (self->ctx) < 0)
    lc_gauge_modbus_close (self);
}

gboolean
lc_gauge_modbus_read (LcGaugeModbus          *self,
                      guint                   unit,
                      guint                   timeout_ms,
                      const LcGaugeRegister  *reg,
                      guint16                *words,
                      double                 *value,
                      GError                **error)
{
  guint n = lc_gauge_register_n_words (reg);
  int rc;

  if (!lc_gauge_register_validate (reg, error))
    return FALSE;
  if (!lc_gauge_modbus_connect (self, timeout_ms, error))
    return FALSE;

  modbus_set_slave (self->ctx, (int) unit);
  set_timeout (self->ctx, timeout_ms);

  errno = 0;
  if (lc_gauge_table_is_bits (reg->table))
    {
      guint8 bits[LC_GAUGE_MAX_WORDS] = { 0 };

      if (reg->table == LC_GAUGE_TABLE_COIL)
        rc = modbus_read_bits (self->ctx, (int) reg->address, (int) n, bits);
      else
        rc = modbus_read_input_bits (self->ctx, (int) reg->address, (int) n, bits);
      for (guint i = 0; i < n; i++)
        words[i] = bits[i] ? 1 : 0;
    }
  else if (reg->table == LC_GAUGE_TABLE_HOLDING)
    rc = modbus_read_registers (self->ctx, (int) reg->address, (int) n, words);
  else
    rc = modbus_read_input_registers (self->ctx, (int) reg->address, (int) n, words);

  if (rc != (int) n)
    {
      handle_failure (self, rc < 0 && errno != 0 ? errno : EMBMDATA, unit, timeout_ms, reg, error);
      return FALSE;
    }
  return lc_gauge_register_decode (reg, words, value, error);
}

gboolean
lc_gauge_modbus_write (LcGaugeModbus          *self,
                       guint                   unit,
                       guint                   timeout_ms,
                       const LcGaugeRegister  *reg,
                       double                  value,
                       GError                **error)
{
  guint16 words[LC_GAUGE_MAX_WORDS];
  guint n = lc_gauge_register_n_words (reg);
  int rc;

  if (!lc_gauge_register_validate (reg, error))
    return FALSE;
  if (reg->table == LC_GAUGE_TABLE_INPUT || reg->table == LC_GAUGE_TABLE_DISCRETE)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Input registers and discrete inputs cannot be written: use a coil or a holding register for an output."));
      return FALSE;
    }
  if (!lc_gauge_register_encode (reg, value, words, error))
    return FALSE;
  if (!lc_gauge_modbus_connect (self, timeout_ms, error))
    return FALSE;

  modbus_set_slave (self->ctx, (int) unit);
  set_timeout (self->ctx, timeout_ms);

  errno = 0;
  if (reg->table == LC_GAUGE_TABLE_COIL)
    rc = modbus_write_bit (self->ctx, (int) reg->address, words[0] ? 1 : 0);
  else if (n == 1)
    rc = modbus_write_register (self->ctx, (int) reg->address, words[0]);
  else
    rc = modbus_write_registers (self->ctx, (int) reg->address, (int) n, words);

  if (rc != (reg->table == LC_GAUGE_TABLE_COIL || n == 1 ? 1 : (int) n))
    {
      handle_failure (self, rc < 0 && errno != 0 ? errno : EMBMDATA, unit, timeout_ms, reg, error);
      return FALSE;
    }
  return TRUE;
}

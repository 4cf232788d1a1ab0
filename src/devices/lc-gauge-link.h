#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lc-gauge-types.h"

G_BEGIN_DECLS

/* Where a bus is: a Modbus TCP server (a gauge or a gateway) or a serial line (Modbus RTU or
 * an ASCII gauge). Devices whose links share a bus key share one worker thread and one
 * connection: several gauges on one RS-485 line, or behind one TCP gateway, take turns.
 *
 * As a URL (the CLI's --url):
 *   modbus+tcp://HOST[:PORT]                                   port 502 by default
 *   modbus+rtu:///dev/ttyUSB0?baud=19200&parity=E&data=8&stop=1&rs485=1
 *   serial:///dev/ttyUSB0?baud=9600&parity=N&data=8&stop=1     an ASCII gauge
 * A serial line defaults to 19200 baud, 8 data bits, even parity, 1 stop bit (8E1, the
 * Modbus RTU default); rs485=1 switches the port into RS-485 mode (not on USB adapters
 * that do it by themselves).
 *
 * In device.settings JSON the same fields are keys: "host", "port" (TCP); "serial_port",
 * "baud", "parity" ("N", "E" or "O"), "data_bits", "stop_bits", "rs485" (serial). */
typedef struct
{
  LcGaugeKind  kind;          /* MODBUS_TCP, MODBUS_RTU or SERIAL_ASCII */
  char        *host;
  guint        port;
  char        *serial_port;
  guint        baud;
  char         parity;        /* 'N', 'E' or 'O' */
  guint        data_bits;     /* 5…8 */
  guint        stop_bits;     /* 1 or 2 */
  gboolean     rs485;
} LcGaugeLink;

LcGaugeLink *lc_gauge_link_new_tcp       (const char         *host,
                                          guint               port);
LcGaugeLink *lc_gauge_link_new_serial    (LcGaugeKind         kind,
                                          const char         *serial_port);
LcGaugeLink *lc_gauge_link_new_from_url  (const char         *url,
                                          GError            **error);
LcGaugeLink *lc_gauge_link_new_from_json (LcGaugeKind         kind,
                                          JsonObject         *settings,
                                          GError            **error);
LcGaugeLink *lc_gauge_link_copy          (const LcGaugeLink  *self);
void         lc_gauge_link_free          (LcGaugeLink        *self);
gboolean     lc_gauge_link_validate      (const LcGaugeLink  *self,
                                          GError            **error);
void         lc_gauge_link_to_json       (const LcGaugeLink  *self,
                                          JsonObject         *settings);
char        *lc_gauge_link_to_url        (const LcGaugeLink  *self);
/* For people: "192.168.0.20:502" or "/dev/ttyUSB0 19200 8E1". */
char        *lc_gauge_link_describe      (const LcGaugeLink  *self);
/* Equal for links that must share a worker (same server, or same serial port). */
char        *lc_gauge_link_bus_key       (const LcGaugeLink  *self);
gboolean     lc_gauge_link_same_line     (const LcGaugeLink  *a,
                                          const LcGaugeLink  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeLink, lc_gauge_link_free)

G_END_DECLS

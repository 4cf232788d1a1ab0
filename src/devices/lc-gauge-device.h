#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lc-gauge-channel.h"
#include "lc-gauge-link.h"
#include "lc-gauge-types.h"

G_BEGIN_DECLS

/* A gauge, measurement hub or controller (a row of the device table) and its channels.
 *
 * Device settings (device.settings JSON):
 *   connection    see lc-gauge-link.h ("host", "port"; "serial_port", "baud", "parity",
 *                 "data_bits", "stop_bits", "rs485")
 *   "unit"        Modbus unit id (slave address)                     default 1
 *   "timeout_ms"  how long to wait for an answer                     default 1000
 *   "poll_ms"     how often to read the channels                     default 200 (Modbus),
 *                                                                     500 (simulated)
 *   "request"     serial ASCII: text sent every poll_ms to ask for a reading, for gauges
 *                 that only answer when asked (e.g. "?\r"); without it the gauge sends by
 *                 itself (usually when its button is pressed)
 * Keyboard devices need no settings: their channels get what the gauge types. */

#define LC_TYPE_GAUGE_DEVICE (lc_gauge_device_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugeDevice, lc_gauge_device, LC, GAUGE_DEVICE, GObject)

LcGaugeDevice  *lc_gauge_device_new             (const char      *name,
                                                 LcGaugeKind      kind);
gint64          lc_gauge_device_get_id          (LcGaugeDevice   *self);
const char     *lc_gauge_device_get_name        (LcGaugeDevice   *self);
void            lc_gauge_device_set_name        (LcGaugeDevice   *self,
                                                 const char      *name);
LcGaugeKind     lc_gauge_device_get_kind        (LcGaugeDevice   *self);
gboolean        lc_gauge_device_get_enabled     (LcGaugeDevice   *self);
void            lc_gauge_device_set_enabled     (LcGaugeDevice   *self,
                                                 gboolean         enabled);
/* The settings object is the device's own: change it through set_settings. */
JsonObject     *lc_gauge_device_get_settings    (LcGaugeDevice   *self);
void            lc_gauge_device_set_settings    (LcGaugeDevice   *self,
                                                 JsonObject      *settings);
void            lc_gauge_device_set_link        (LcGaugeDevice   *self,
                                                 const LcGaugeLink *link);
/* NULL (with an error) for keyboard and simulated devices, or when settings are wrong. */
LcGaugeLink    *lc_gauge_device_dup_link        (LcGaugeDevice   *self,
                                                 GError         **error);
guint           lc_gauge_device_get_unit        (LcGaugeDevice   *self);
guint           lc_gauge_device_get_timeout_ms  (LcGaugeDevice   *self);
guint           lc_gauge_device_get_poll_ms     (LcGaugeDevice   *self);
/* "192.168.0.20:502, unit 3", "/dev/ttyUSB0 9600 8N1", "Simulated": for people. */
char           *lc_gauge_device_describe        (LcGaugeDevice   *self);

/* LcGaugeChannel items, in the order they were added. */
GListModel     *lc_gauge_device_get_channels    (LcGaugeDevice   *self);
void            lc_gauge_device_add_channel     (LcGaugeDevice   *self,
                                                 LcGaugeChannel  *channel);
void            lc_gauge_device_remove_channel  (LcGaugeDevice   *self,
                                                 LcGaugeChannel  *channel);
LcGaugeChannel *lc_gauge_device_find_channel    (LcGaugeDevice   *self,
                                                 const char      *name);
gboolean        lc_gauge_device_validate        (LcGaugeDevice   *self,
                                                 GError         **error);

/* Connection state: OFF (not polled), WAITING (connecting), LIVE (answering), ERROR. */
LcGaugeState    lc_gauge_device_get_state       (LcGaugeDevice   *self);
const char     *lc_gauge_device_get_last_error  (LcGaugeDevice   *self);

G_END_DECLS

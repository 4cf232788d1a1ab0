#pragma once

#include <gio/gio.h>

#include "lc-gauge-device.h"

G_BEGIN_DECLS

/* Internal to the gauge library: one worker thread per bus (a TCP server, a serial line, or
 * the simulated gauges of one device). The worker owns the connection; it takes a snapshot
 * of its devices' settings when started, polls them, and hands each poll's readings and
 * faults to the main context in one batch. The main thread talks to it through a queue:
 * writes for outputs, one-off reads for Test read, stop.
 *
 * Faults: a connection that fails is retried after 100 ms, then 200, 400, 800 and 1000 ms
 * at most, so a device that comes back is polled again within about a second. */
typedef struct _LcGaugeBus LcGaugeBus;

LcGaugeBus *_lc_gauge_bus_new        (const char          *key,
                                      LcGaugeKind          kind,
                                      const LcGaugeLink   *link,
                                      GMainContext        *context);
const char *_lc_gauge_bus_get_key    (LcGaugeBus          *self);
/* Before start only. */
void        _lc_gauge_bus_add_device (LcGaugeBus          *self,
                                      LcGaugeDevice       *device);
gboolean    _lc_gauge_bus_has_device (LcGaugeBus          *self,
                                      LcGaugeDevice       *device);
void        _lc_gauge_bus_start      (LcGaugeBus          *self);
/* Stops the worker and waits for it (at most about one timeout). */
void        _lc_gauge_bus_free       (LcGaugeBus          *self);

/* Done by the worker between polls; TASK gets a boolean. */
void        _lc_gauge_bus_write      (LcGaugeBus             *self,
                                      guint                   unit,
                                      guint                   timeout_ms,
                                      const LcGaugeRegister  *reg,
                                      double                  value,
                                      GTask                  *task);
/* TASK gets an LcGaugeReading (with the raw registers). */
void        _lc_gauge_bus_read       (LcGaugeBus             *self,
                                      guint                   unit,
                                      guint                   timeout_ms,
                                      const LcGaugeRegister  *reg,
                                      GTask                  *task);

/* The same, on a connection of its own, in a thread of GTask's pool (no worker running). */
void        _lc_gauge_modbus_read_in_thread (const LcGaugeLink      *link,
                                             guint                   unit,
                                             guint                   timeout_ms,
                                             const LcGaugeRegister  *reg,
                                             GTask                  *task);

G_END_DECLS

#pragma once

#include <glib.h>

#include "lc-gauge-link.h"
#include "lc-gauge-register.h"

G_BEGIN_DECLS

/* One Modbus connection (a TCP socket or a serial port) through libmodbus, used by one
 * thread only: a libmodbus context is not thread-safe. Calls block for at most the timeout.
 *
 * libmodbus does not recover by itself; this does it the same way everywhere:
 *  - a lost or refused connection, and on TCP a timeout or a garbled answer, closes the
 *    connection; the next call reconnects. Closing on a TCP timeout matters: a late answer
 *    left in the socket would otherwise be taken as the answer to the next request;
 *  - on a serial line a timeout or a garbled answer waits a guard time for stragglers and
 *    flushes them, for the same reason; the port stays open;
 *  - a Modbus exception leaves the connection as it is.
 * Every failure is a GError in LC_GAUGE_ERROR whose message says what happened in words an
 * operator understands and what to check. */
typedef struct _LcGaugeModbus LcGaugeModbus;

LcGaugeModbus *lc_gauge_modbus_new          (const LcGaugeLink      *link);
void           lc_gauge_modbus_free         (LcGaugeModbus          *self);
const LcGaugeLink *lc_gauge_modbus_get_link (LcGaugeModbus          *self);
gboolean       lc_gauge_modbus_connect      (LcGaugeModbus          *self,
                                             guint                   timeout_ms,
                                             GError                **error);
gboolean       lc_gauge_modbus_is_connected (LcGaugeModbus          *self);
void           lc_gauge_modbus_close        (LcGaugeModbus          *self);

/* Reads the registers (or bits, one per element) of REG from UNIT and decodes them; WORDS
 * must hold lc_gauge_register_n_words (REG). Connects first if needed. */
gboolean       lc_gauge_modbus_read         (LcGaugeModbus          *self,
                                             guint                   unit,
                                             guint                   timeout_ms,
                                             const LcGaugeRegister  *reg,
                                             guint16                *words,
                                             double                 *value,
                                             GError                **error);
/* Writes VALUE to a coil or holding register(s). */
gboolean       lc_gauge_modbus_write        (LcGaugeModbus          *self,
                                             guint                   unit,
                                             guint                   timeout_ms,
                                             const LcGaugeRegister  *reg,
                                             double                  value,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeModbus, lc_gauge_modbus_free)

G_END_DECLS

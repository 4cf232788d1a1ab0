#pragma once

#include <glib.h>

#include "lc-gauge-link.h"

G_BEGIN_DECLS

/* A serial port opened raw for an ASCII gauge: bytes in, whole lines out. Lines end with CR,
 * LF or CRLF; empty lines are skipped; a "line" longer than 255 bytes without an end is
 * handed out as it is, so the caller reports it as garbage instead of waiting forever. Used
 * by one thread. */
typedef struct _LcGaugeSerial LcGaugeSerial;

LcGaugeSerial *lc_gauge_serial_open      (const LcGaugeLink  *link,
                                          GError            **error);
void           lc_gauge_serial_free      (LcGaugeSerial      *self);
gboolean       lc_gauge_serial_write     (LcGaugeSerial      *self,
                                          const char         *text,
                                          GError            **error);
/* Waits at most TIMEOUT_MS for a line. Returns NULL without an error when none came, and
 * NULL with LC_GAUGE_ERROR_DISCONNECTED when the port went away. */
char          *lc_gauge_serial_read_line (LcGaugeSerial      *self,
                                          guint               timeout_ms,
                                          GError            **error);

/* Why a serial port could not be opened (errno ERR), in words: shared with Modbus RTU. */
void           lc_gauge_serial_set_open_error (const char   *path,
                                               int           err,
                                               GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeSerial, lc_gauge_serial_free)

G_END_DECLS

#pragma once

#include <glib-object.h>

#include "lc-gauge-words.h"

G_BEGIN_DECLS

/* One value a gauge gave, exactly as it gave it: the engineering value, and what came over the
 * wire (the registers, or the text line a serial or keyboard gauge sent). It is immutable once
 * made; measurement.value and measurement.raw are written from it unchanged. */
typedef struct
{
  gint64   channel_id;     /* 0 for a reading of a channel not yet saved (Test read) */
  gint64   time;           /* real time it arrived, µs since the epoch (g_get_real_time ()) */
  gint64   monotonic;      /* the same moment on the monotonic clock, for ages and windows */
  double   value;
  guint    n_words;        /* registers or bits read; 0 for a text reading */
  guint16  words[LC_GAUGE_MAX_WORDS];
  char    *text;           /* the line or typed text, or NULL */
  char    *unit;           /* the unit the gauge sent with a text reading, or NULL */
} LcGaugeReading;

#define LC_TYPE_GAUGE_READING (lc_gauge_reading_get_type ())

GType           lc_gauge_reading_get_type   (void) G_GNUC_CONST;
LcGaugeReading *lc_gauge_reading_new        (gint64                 channel_id,
                                             double                 value);
LcGaugeReading *lc_gauge_reading_copy       (const LcGaugeReading  *self);
void            lc_gauge_reading_free       (LcGaugeReading        *self);
/* For measurement.raw: "[17142,59769]" for registers, the text as sent otherwise. */
char           *lc_gauge_reading_format_raw (const LcGaugeReading  *self);
/* "12.345" with the channel's decimals; the value itself is never rounded. */
char           *lc_gauge_format_value       (double                 value,
                                             int                    decimals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeReading, lc_gauge_reading_free)

G_END_DECLS

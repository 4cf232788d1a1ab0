#pragma once

#include <glib.h>

#include "lc-gauge-reading.h"

G_BEGIN_DECLS

/* Reads a value out of the text a serial ASCII gauge sends per reading ("+012.345 mm") or a
 * keyboard-wedge gauge types. The pattern is a regular expression (PCRE) with a named group
 * "value" and optionally "unit"; the default takes an optional sign, digits with a point or
 * a comma, and an optional unit: "+012.345 mm", "-0,50", "12.5mm", "  7 µm".
 * A channel sets it in channel.settings "pattern", for instance for a gauge that sends
 * "M1,+00012.345,MM": "^M1,(?<value>[+-]?[0-9.]+),(?<unit>[A-Z]+)$".
 * When the channel has a unit and the gauge sends one, they must agree (case aside):
 * a gauge switched to inches must not be recorded as millimetres. */

#define LC_GAUGE_LINE_PATTERN_DEFAULT \
  "^\\s*(?<value>[+-]?\\s*(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))\\s*(?<unit>[^\\s0-9+.,-]*)\\s*$"

typedef struct _LcGaugeLinePattern LcGaugeLinePattern;

LcGaugeLinePattern *lc_gauge_line_pattern_new   (const char          *pattern,
                                                 const char          *expected_unit,
                                                 GError             **error);
void                lc_gauge_line_pattern_free  (LcGaugeLinePattern  *self);
LcGaugeReading     *lc_gauge_line_pattern_parse (LcGaugeLinePattern  *self,
                                                 gint64               channel_id,
                                                 const char          *line,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeLinePattern, lc_gauge_line_pattern_free)

G_END_DECLS

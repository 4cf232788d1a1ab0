#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tells a keyboard-wedge gauge from a person at the keyboard. A USB gauge "types" its value
 * and Enter in a burst, a few milliseconds per key; a person needs 80 ms or more. Feed every
 * character typed into the focused measurement field with the time it was typed; at Enter
 * the text is handed out, marked as coming from the gauge when every gap in it was shorter
 * than MAX_GAP_MS (default 40 ms), so the measurement is recorded against the gauge's
 * channel rather than as a manual entry. */
typedef struct _LcGaugeWedge LcGaugeWedge;

LcGaugeWedge *lc_gauge_wedge_new      (guint          max_gap_ms);
void          lc_gauge_wedge_free     (LcGaugeWedge  *self);
void          lc_gauge_wedge_reset    (LcGaugeWedge  *self);
/* MONOTONIC in µs. Returns TRUE when CH is Enter (\r or \n) ending a non-empty text: then
 * *TEXT is set (to be freed) and *FROM_GAUGE says whether it came in one burst. */
gboolean      lc_gauge_wedge_feed     (LcGaugeWedge  *self,
                                       gunichar       ch,
                                       gint64         monotonic,
                                       char         **text,
                                       gboolean      *from_gauge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeWedge, lc_gauge_wedge_free)

G_END_DECLS

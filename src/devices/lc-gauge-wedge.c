#include "lc-config.h"

#include "lc-gauge-wedge.h"

struct _LcGaugeWedge
{
  gint64   max_gap_us;
  GString *text;
  gint64   last;          /* time of the previous character */
  gboolean burst;         /* every gap so far within max_gap_us */
};

LcGaugeWedge *
lc_gauge_wedge_new (guint max_gap_ms)
{
  LcGaugeWedge *self = g_new0 (LcGaugeWedge, 1);

  self->max_gap_us = (gint64) (max_gap_ms > 0 ? max_gap_ms : 40) * G_TIME_SPAN_MILLISECOND;
  self->text = g_string_new (NULL);
  self->burst = TRUE;
  return self;
}

void
lc_gauge_wedge_free (LcGaugeWedge *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_free (self);
}

void
lc_gauge_wedge_reset (LcGaugeWedge *self)
{
  g_string_truncate (self->text, 0);
  self->burst = TRUE;
  self->last = 0;
}

gboolean
lc_gauge_wedge_feed (LcGaugeWedge  *self,
                     gunichar       ch,
                     gint64         monotonic,
                     char         **text,
                     gboolean      *from_gauge)
{
  gboolean is_enter = ch == '\r' || ch == '\n';

  if (self->text->len > 0 && monotonic - self->last > self->max_gap_us)
    self->burst = FALSE;
  self->last = monotonic;

  if (!is_enter)
    {
      g_string_append_unichar (self->text, ch);
      return FALSE;
    }
  if (self->text->len == 0)
    return FALSE;

  *text = g_strdup (self->text->str);
  *from_gauge = self->burst && self->text->len > 0;
  lc_gauge_wedge_reset (self);
  return TRUE;
}

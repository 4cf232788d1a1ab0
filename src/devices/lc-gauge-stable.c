#include "lc-config.h"

#include "lc-gauge-stable.h"

typedef struct
{
  gint64 monotonic;
  double value;
} Point;

struct _LcGaugeStable
{
  double  tolerance;
  gint64  window_us;
  GArray *points;      /* oldest first; the newest reading before the window is kept too */
};

LcGaugeStable *
lc_gauge_stable_new (double tolerance,
                     gint64 window_us)
{
  LcGaugeStable *self = g_new0 (LcGaugeStable, 1);

  self->tolerance = tolerance;
  self->window_us = window_us;
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  return self;
}

void
lc_gauge_stable_free (LcGaugeStable *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->points);
  g_free (self);
}

void
lc_gauge_stable_reset (LcGaugeStable *self)
{
  g_array_set_size (self->points, 0);
}

void
lc_gauge_stable_add (LcGaugeStable *self,
                     gint64         monotonic,
                     double         value)
{
  Point p = { monotonic, value };
  guint drop = 0;

  g_array_append_val (self->points, p);
  /* Keep the window plus the one reading that opened it: the value held from then on. */
  while (drop + 1 < self->points->len &&
         g_array_index (self->points, Point, drop + 1).monotonic <= monotonic - self->window_us)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->points, 0, drop);
}

double
lc_gauge_stable_get_spread (LcGaugeStable *self)
{
  double lo, hi;

  if (self->points->len < 2)
    return 0.0;
  lo = hi = g_array_index (self->points, Point, 0).value;
  for (guint i = 1; i < self->points->len; i++)
    {
      double v = g_array_index (self->points, Point, i).value;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  return hi - lo;
}

gboolean
lc_gauge_stable_is_settled (LcGaugeStable *self)
{
  Point first, last;

  if (self->points->len < 2)
    return FALSE;
  first = g_array_index (self->points, Point, 0);
  last = g_array_index (self->points, Point, self->points->len - 1);
  if (last.monotonic - first.monotonic < self->window_us)
    return FALSE;
  return lc_gauge_stable_get_spread (self) <= self->tolerance;
}

#include "lc-config.h"

#include "lc-spc-pareto.h"

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const LcSpcParetoBar *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

LcSpcPareto *
lc_spc_pareto_new (const char * const *names,
                   const gint64       *ids,
                   const double       *counts,
                   guint               n)
{
  LcSpcPareto *self = g_new0 (LcSpcPareto, 1);
  double running = 0.0;

  self->n_bars = n;
  self->bars = g_new0 (LcSpcParetoBar, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->bars[i].name = g_strdup (names[i]);
      self->bars[i].id = ids != NULL ? ids[i] : 0;
      self->bars[i].count = counts[i];
      self->total += counts[i];
    }
  qsort (self->bars, n, sizeof (LcSpcParetoBar), compare_bars);
  for (guint i = 0; i < n; i++)
    {
      running += self->bars[i].count;
      self->bars[i].percent = self->total > 0 ? 100.0 * self->bars[i].count / self->total : 0.0;
      self->bars[i].cumulative_percent = self->total > 0 ? 100.0 * running / self->total : 0.0;
    }
  return self;
}

void
lc_spc_pareto_free (LcSpcPareto *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_bars; i++)
    g_free (self->bars[i].name);
  g_free (self->bars);
  g_free (self);
}

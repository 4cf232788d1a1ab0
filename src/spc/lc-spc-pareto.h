#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *name;
  gint64  id;                  /* defect class id, or 0 */
  double  count;
  double  percent;             /* of the total */
  double  cumulative_percent;  /* of this bar and all larger ones */
} LcSpcParetoBar;

/* Bars sorted by count, largest first (ties by name), with cumulative percent. */
typedef struct
{
  LcSpcParetoBar *bars;
  guint           n_bars;
  double          total;
} LcSpcPareto;

/* @ids may be NULL. Zero counts are kept (a class that did not occur is shown empty). */
LcSpcPareto *lc_spc_pareto_new  (const char * const *names,
                                 const gint64       *ids,
                                 const double       *counts,
                                 guint               n);
void         lc_spc_pareto_free (LcSpcPareto        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcPareto, lc_spc_pareto_free)

G_END_DECLS

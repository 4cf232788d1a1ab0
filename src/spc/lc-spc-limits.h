#pragma once

#include <glib.h>

#include "lc-spc-chart.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* Control limits a QC lead froze for a characteristic (a row of control_limits). Charts of
 * that characteristic are then Phase II: every point plotted against these limits.
 * For p, np and u charts only the centre line (p̄, ū) is frozen; the limits follow each
 * point's sample size. */
struct _LcSpcLimits
{
  gint64            id;
  gint64            characteristic_id;
  LcSpcChartKind    kind;
  double            subgroup_size;
  double            center, lcl, ucl;                                /* NAN: none */
  double            dispersion_center, dispersion_lcl, dispersion_ucl; /* R, S or MR chart */
  double            sigma;
  LcSpcSigmaMethod  sigma_method;
  double            lambda, L, k, h, target;                          /* EWMA / CUSUM */
  gint64            phase1_from, phase1_to;   /* µs UTC of the trial set, 0 unknown */
  GArray           *excluded;                 /* guint: 1-based trial points dropped */
  gint64            frozen_at;                /* µs UTC */
  gint64            frozen_by;                /* operator id, 0 unknown */
  char             *frozen_by_name;
};

/* The limits of a Phase I chart, ready to be frozen (the caller may set phase1_from/to from
 * the times of the trial subgroups). */
LcSpcLimits *lc_spc_limits_new_from_chart (const LcSpcChart *chart);
LcSpcLimits *lc_spc_limits_copy           (const LcSpcLimits *self);
void         lc_spc_limits_free           (LcSpcLimits      *self);

/* Freezes @limits for @characteristic_id: records who (the store's actor) and when, makes
 * them the active limits (the previous ones stay, inactive, for the record) and writes the
 * change to the audit trail. Sets @limits->id, frozen_at and frozen_by. Refused with
 * LC_STORE_ERROR_PERMISSION when the actor is an operator (only a QC lead or an admin may
 * freeze limits). Emits "changed" with detail "control_limits". */
gboolean     lc_spc_limits_freeze         (LcStore          *store,
                                           gint64            characteristic_id,
                                           LcSpcLimits      *limits,
                                           GError          **error);
/* Back to Phase I: no active limits. Audited like freezing. */
gboolean     lc_spc_limits_unfreeze       (LcStore          *store,
                                           gint64            characteristic_id,
                                           GError          **error);
/* The active limits, or NULL with no error when none are frozen. */
LcSpcLimits *lc_spc_limits_load_active    (LcStore          *store,
                                           gint64            characteristic_id,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcLimits, lc_spc_limits_free)

G_END_DECLS

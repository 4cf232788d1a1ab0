#pragma once

#include "lc-spc-chart.h"
#include "lc-spc-limits.h"
#include "lc-spc-series.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The settings of a characteristic the charts need, read in one query. */
typedef struct
{
  gint64    id;
  gint64    part_type_id;
  char     *name;
  char     *unit;
  gboolean  attribute;
  guint     subgroup_size;
  char     *chart;      /* the chart setting, "" for the default */
  char     *rules;
  double    lsl, usl, nominal;
  gboolean  archived;
} LcSpcCharacteristic;

gboolean      _lc_spc_characteristic_load  (LcStore                   *store,
                                            gint64                     id,
                                            LcSpcCharacteristic       *c,
                                            GError                   **error);
void          _lc_spc_characteristic_clear (LcSpcCharacteristic       *c);
LcSpcSamples *_lc_spc_samples_load_for     (LcStore                   *store,
                                            const LcSpcCharacteristic *c,
                                            const LcSpcFilter         *filter,
                                            GError                   **error);
/* The chart kind and options @c's charts are computed with: its chart setting, its run-rule
 * set and the frozen limits that apply (kept alive in @frozen_out, NULL when none). */
gboolean      _lc_spc_chart_setup_for      (LcStore                   *store,
                                            const LcSpcCharacteristic *c,
                                            LcSpcChartKind            *kind,
                                            LcSpcChartOptions         *options,
                                            LcSpcLimits              **frozen_out,
                                            GError                   **error);
LcSpcChart   *_lc_spc_chart_load_for       (LcStore                   *store,
                                            const LcSpcCharacteristic *c,
                                            const LcSpcFilter         *filter,
                                            LcSpcSamples             **samples_out,
                                            GError                   **error);

/* Mean and sample standard deviation (n − 1) by Welford's update, which keeps the digits of
 * values like 74.001 ± 0.01; sd is NAN for n < 2. */
void          _lc_spc_mean_and_sd          (const double              *values,
                                            guint                      n,
                                            double                    *mean,
                                            double                    *sd);

G_END_DECLS

#pragma once

#include <glib.h>

#include "lc-spc-chart.h"
#include "lc-spc-samples.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* Which measurements of a characteristic a chart shows. Zero / NULL fields do not filter. */
typedef struct
{
  gint64      from;           /* µs UTC, inclusive (inspection recorded_at) */
  gint64      to;             /* µs UTC, exclusive */
  gint64      lot_id;
  gint64      operator_id;
  const char *station;
  guint       last_subgroups; /* only the most recent N subgroups */
} LcSpcFilter;

void          lc_spc_filter_init             (LcSpcFilter      *filter);

/* Loads the measurements of @characteristic_id into subgroups: measurements in inspection
 * order (the order inspections were recorded in, i.e. their ids), superseded ones left out,
 * cut into consecutive subgroups of
 * the characteristic's subgroup size; an unfinished last subgroup is left out until it is
 * complete. Each subgroup carries the time, lot, operator, serial and station of its last
 * inspection. Attribute characteristics give one subgroup per subgroup-size inspections with
 * count = sum of the values (nonconforming units or defects) and size = inspections.
 * All subgroups are marked Phase I. */
LcSpcSamples *lc_spc_samples_load            (LcStore           *store,
                                              gint64             characteristic_id,
                                              const LcSpcFilter *filter,
                                              GError           **error);

/* The chart a characteristic is drawn with: its `chart` setting when set, otherwise X̄-R for
 * subgroups of 2 … 9, X̄-S for 10 … 25, I-MR for single values, p for attributes. */
LcSpcChartKind lc_spc_default_chart_kind     (gboolean           attribute,
                                              guint              subgroup_size,
                                              const char        *setting);

/* Everything the full chart of a characteristic needs, in one call: loads the subgroups with
 * @filter, uses the frozen limits when there are any (Phase II) and the characteristic's
 * chart kind and run rules. @samples_out (may be NULL) receives the subgroups, for the hover
 * readout and capability. */
LcSpcChart   *lc_spc_chart_load              (LcStore           *store,
                                              gint64             characteristic_id,
                                              const LcSpcFilter *filter,
                                              LcSpcSamples     **samples_out,
                                              GError           **error);

G_END_DECLS

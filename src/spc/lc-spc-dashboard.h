#pragma once

#include <gio/gio.h>

#include "lc-spc-capability.h"
#include "lc-spc-chart.h"
#include "lc-spc-series.h"
#include "lc-store.h"

G_BEGIN_DECLS

typedef enum
{
  LC_SPC_STATUS_NO_DATA,      /* not enough subgroups for a chart yet */
  LC_SPC_STATUS_IN_CONTROL,
  LC_SPC_STATUS_RULE_BROKEN,  /* a run rule (or a control limit) broken in the shown points */
  LC_SPC_STATUS_OUT_OF_SPEC,  /* a value outside the specification limits (worst status) */
} LcSpcStatus;

const char *lc_spc_status_to_string (LcSpcStatus status);   /* "no-data", "in-control", … */
const char *lc_spc_status_get_label (LcSpcStatus status);   /* translated */

/* One tile of the dashboard: a characteristic with its latest chart. */
typedef struct
{
  gint64            characteristic_id;
  char             *name;
  char             *unit;
  double            lsl, usl, nominal;
  LcSpcChart       *chart;           /* NULL with LC_SPC_STATUS_NO_DATA */
  LcSpcSamples     *samples;         /* the subgroups of @chart */
  LcSpcCapability  *capability;      /* NULL for attributes or without specification */
  LcSpcStatus       status;
  guint             n_rule_points;   /* points breaking a rule */
  guint             n_out_of_spec;   /* values outside the specification */
} LcSpcTile;

typedef struct
{
  gint64     part_type_id;
  LcSpcTile *tiles;
  guint      n_tiles;
} LcSpcDashboard;

/* Computes every tile of a part type's dashboard: one per active characteristic, in the
 * part type's order, each with its last @n_subgroups subgroups (LcSpcFilter.last_subgroups
 * overrides it when set) under @filter. */
LcSpcDashboard *lc_spc_dashboard_compute        (LcStore            *store,
                                                 gint64              part_type_id,
                                                 const LcSpcFilter  *filter,
                                                 guint               n_subgroups,
                                                 GError            **error);
/* The same on a worker thread, with its own connection to @db_path (WAL readers run beside
 * the writer); @filter is copied. */
void            lc_spc_dashboard_compute_async  (const char         *db_path,
                                                 gint64              part_type_id,
                                                 const LcSpcFilter  *filter,
                                                 guint               n_subgroups,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
LcSpcDashboard *lc_spc_dashboard_compute_finish (GAsyncResult       *result,
                                                 GError            **error);
void            lc_spc_dashboard_free           (LcSpcDashboard     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcDashboard, lc_spc_dashboard_free)

G_END_DECLS

#pragma once

#include <glib.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* Alarms are rows of the store's event table with kind "spc-rule" (a run rule or control
 * limit broken by a new point) or "out-of-spec" (a measured value outside the
 * specification limits). detail is JSON: {"rules": "nelson", "rule": 2, "point": …,
 * "value": …} or {"value": …, "lsl": …, "usl": …}. */
#define LC_SPC_ALARM_RULE        "spc-rule"
#define LC_SPC_ALARM_OUT_OF_SPEC "out-of-spec"

/* Run rules are evaluated as data arrives, not while drawing: the inspection page calls this
 * right after recording inspection @inspection_id. For each characteristic measured in it,
 * every value outside the specification gives an "out-of-spec" alarm; when the inspection
 * completes a subgroup, the new point is evaluated (against the frozen limits when there are
 * any, otherwise against limits from the characteristic's history) with the run rules set of
 * the characteristic, and each rule it breaks gives a "spc-rule" alarm. Calling it twice for
 * the same inspection adds nothing. @n_alarms (may be NULL) receives how many were added.
 * Emits "changed" with detail "event" when it adds any. */
gboolean lc_spc_alarms_evaluate_inspection (LcStore     *store,
                                            gint64       inspection_id,
                                            guint       *n_alarms,
                                            GError     **error);

/* The same evaluation over the history already recorded for part type @part_type_id, for a
 * database filled without the inspection page (the demo, an import): every point of every
 * characteristic is judged on the subgroups up to it, as lc_spc_alarms_evaluate_inspection ()
 * judged it when it arrived, and each rule it breaks gives a "spc-rule" alarm dated with the
 * inspection that completed the point. Out-of-spec values are not looked at. Points that
 * already have their rule alarms are left alone, so calling it twice adds nothing. */
gboolean lc_spc_alarms_evaluate_history    (LcStore     *store,
                                            gint64       part_type_id,
                                            guint       *n_alarms,
                                            GError     **error);

/* Acknowledges alarm @event_id as the store's actor, now, with @comment (may be NULL). */
gboolean lc_spc_alarm_acknowledge          (LcStore     *store,
                                            gint64       event_id,
                                            const char  *comment,
                                            GError     **error);

G_END_DECLS

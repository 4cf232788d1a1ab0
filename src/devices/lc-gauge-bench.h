#pragma once

#include <gio/gio.h>

#include "lc-gauge-device.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* All the gauges of the bench: the devices and channels of the store, their worker threads
 * (one per bus: a TCP server, a serial line, or the simulated gauges), their live values,
 * the foot pedals, and the verdict outputs. Used from the main thread; values arrive on the
 * thread-default main context the bench was made on.
 *
 * Verdict outputs (part_type.outputs JSON) list what to write for each verdict:
 *   { "pass":     [ { "channel": 12, "value": 1, "pulse_ms": 500 } ],
 *     "fail":     [ { "channel": 13, "value": 1 } ],
 *     "critical": [ { "channel": 14, "value": 1 } ] }
 * "channel" is a channel id (a coil or holding register, role "output"); "value" is in the
 * channel's unit (scale and offset are undone); with "pulse_ms" the output goes back to 0
 * after that time. A "critical" verdict (a fail with a critical defect) writes the "fail"
 * list and then the "critical" list. */

#define LC_TYPE_GAUGE_BENCH (lc_gauge_bench_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugeBench, lc_gauge_bench, LC, GAUGE_BENCH, GObject)

LcGaugeBench   *lc_gauge_bench_new                 (void);
/* The bench of the workstation that works on STORE: made, loaded and started on the first call,
 * then shared (the Devices page and the inspection screen see the same live values); it stops
 * when the store goes. Never NULL: when loading failed it has no devices and says why. */
LcGaugeBench   *lc_gauge_bench_get_for_store       (LcStore              *store);
/* Why the last load failed, or NULL. */
const GError   *lc_gauge_bench_get_load_error      (LcGaugeBench         *self);
/* LcGaugeDevice items. */
GListModel     *lc_gauge_bench_get_devices         (LcGaugeBench         *self);
LcGaugeChannel *lc_gauge_bench_find_channel        (LcGaugeBench         *self,
                                                    gint64                channel_id);
LcGaugeDevice  *lc_gauge_bench_find_device         (LcGaugeBench         *self,
                                                    LcGaugeChannel       *channel);
/* Adds a device without saving it (tests, previews). */
void            lc_gauge_bench_add_device          (LcGaugeBench         *self,
                                                    LcGaugeDevice        *device);

/* The store. Loading replaces the bench's devices (stopping them first). Saving validates,
 * writes the device and its channels in one transaction (channels no longer in the device
 * are deleted; characteristics bound to them fall back to manual entry), gives new rows
 * their ids, adds the device to the bench and restarts it if the bench is running. */
gboolean        lc_gauge_bench_load                (LcGaugeBench         *self,
                                                    LcStore              *store,
                                                    GError              **error);
gboolean        lc_gauge_bench_save_device         (LcGaugeBench         *self,
                                                    LcStore              *store,
                                                    LcGaugeDevice        *device,
                                                    GError              **error);
gboolean        lc_gauge_bench_delete_device       (LcGaugeBench         *self,
                                                    LcStore              *store,
                                                    LcGaugeDevice        *device,
                                                    GError              **error);

/* Polling. Stopping waits for the workers (at most about one device timeout). */
void            lc_gauge_bench_start               (LcGaugeBench         *self);
void            lc_gauge_bench_stop                (LcGaugeBench         *self);
gboolean        lc_gauge_bench_is_running          (LcGaugeBench         *self);
/* After editing a running device: its bus starts over with the new settings. */
void            lc_gauge_bench_restart_device      (LcGaugeBench         *self,
                                                    LcGaugeDevice        *device);

/* Reads REG of DEVICE once, through its worker when it runs, else on a connection of its own:
 * the Devices page's Test read. The reading has the raw registers. */
void            lc_gauge_bench_test_read_async     (LcGaugeBench         *self,
                                                    LcGaugeDevice        *device,
                                                    const LcGaugeRegister *reg,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
LcGaugeReading *lc_gauge_bench_test_read_finish    (LcGaugeBench         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Writes VALUE (in the channel's unit) to an output channel of a running device. */
void            lc_gauge_bench_write_async         (LcGaugeBench         *self,
                                                    LcGaugeChannel       *channel,
                                                    double                value,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        lc_gauge_bench_write_finish        (LcGaugeBench         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Writes the outputs OUTPUTS_JSON lists for VERDICT ("pass", "fail" or "critical"). All are
 * attempted; the first failure is reported, naming the channel. */
void            lc_gauge_bench_apply_verdict_async (LcGaugeBench         *self,
                                                    const char           *outputs_json,
                                                    const char           *verdict,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        lc_gauge_bench_apply_verdict_finish (LcGaugeBench        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS

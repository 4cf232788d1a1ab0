#pragma once

#include "lc-gauge-channel.h"

G_BEGIN_DECLS

/* For the device, the bus workers' delivery and the store; main thread only. */
void _lc_gauge_channel_set_ids         (LcGaugeChannel       *self,
                                        gint64                id,
                                        gint64                device_id);
void _lc_gauge_channel_set_kind        (LcGaugeChannel       *self,
                                        LcGaugeKind           kind);
void _lc_gauge_channel_set_poll_period (LcGaugeChannel       *self,
                                        gint64                period_us);
void _lc_gauge_channel_deliver_reading (LcGaugeChannel       *self,
                                        const LcGaugeReading *reading);
void _lc_gauge_channel_deliver_error   (LcGaugeChannel       *self,
                                        const GError         *error);
void _lc_gauge_channel_set_state       (LcGaugeChannel       *self,
                                        LcGaugeState          state);
/* Turns LIVE into STALE when the last reading is older than three poll periods. */
void _lc_gauge_channel_check_age       (LcGaugeChannel       *self);

G_END_DECLS

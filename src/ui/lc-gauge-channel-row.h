#pragma once

#include <adwaita.h>

#include "lc-gauge-bench.h"

G_BEGIN_DECLS

/* One channel of a gauge in the Gauges view: where its value sits and how to decode it, with
 * its live value and state in the row's header and a Test read that shows the raw registers
 * beside the decoded value. Edits go straight into the channel; the view saves the device. */
#define LC_TYPE_GAUGE_CHANNEL_ROW (lc_gauge_channel_row_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugeChannelRow, lc_gauge_channel_row, LC, GAUGE_CHANNEL_ROW, AdwExpanderRow)

GtkWidget      *lc_gauge_channel_row_new         (LcGaugeBench   *bench,
                                                  LcGaugeDevice  *device,
                                                  LcGaugeChannel *channel);
LcGaugeChannel *lc_gauge_channel_row_get_channel (LcGaugeChannelRow *self);
/* Starts a Test read of the register as it is set now; the result shows in the row. */
void            lc_gauge_channel_row_test_read   (LcGaugeChannelRow *self);
/* What the last Test read showed: "—" before one, then the raw words and the decoded value
 * (or the reason it failed). */
const char     *lc_gauge_channel_row_get_test_raw     (LcGaugeChannelRow *self);
const char     *lc_gauge_channel_row_get_test_decoded (LcGaugeChannelRow *self);

G_END_DECLS

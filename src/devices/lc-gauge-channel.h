#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lc-gauge-reading.h"
#include "lc-gauge-register.h"
#include "lc-gauge-types.h"

G_BEGIN_DECLS

/* One value a device delivers (a row of the channel table) and its live state. Configuration
 * and state are touched on the main thread only; the device's worker thread hands readings
 * over (see lc-gauge-bench.h).
 *
 * Channel settings (channel.settings JSON), by what they are for:
 *   "role"             "measure" (default), "trigger" (a foot pedal or button on a coil or
 *                      discrete input: a press takes the measurement), "output" (a coil or
 *                      holding register written on a verdict; never polled)
 *   "stable"           {"tolerance": 0.002, "time_ms": 500}: taking a measurement waits until
 *                      every reading of the last time_ms stayed within tolerance (in the
 *                      channel's unit, after scale and offset)
 *   "take_timeout_ms"  how long taking a measurement may wait (default 5000, 10000 if stable)
 *   "pattern"          serial ASCII and keyboard channels: see lc-gauge-line-pattern.h
 *   "max_key_gap_ms"   keyboard channels: see lc-gauge-wedge.h
 *   simulated devices: "mean", "sigma", "drift_per_hour", "out_of_spec_rate",
 *                      "out_of_spec_offset", "seed": see lc-gauge-simulated.h */

#define LC_TYPE_GAUGE_CHANNEL (lc_gauge_channel_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugeChannel, lc_gauge_channel, LC, GAUGE_CHANNEL, GObject)

LcGaugeChannel        *lc_gauge_channel_new              (const char            *name);
gint64                 lc_gauge_channel_get_id           (LcGaugeChannel        *self);
gint64                 lc_gauge_channel_get_device_id    (LcGaugeChannel        *self);
const char            *lc_gauge_channel_get_name         (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_name         (LcGaugeChannel        *self,
                                                          const char            *name);
const LcGaugeRegister *lc_gauge_channel_get_register     (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_register     (LcGaugeChannel        *self,
                                                          const LcGaugeRegister *reg);
const char            *lc_gauge_channel_get_unit         (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_unit         (LcGaugeChannel        *self,
                                                          const char            *unit);
int                    lc_gauge_channel_get_decimals     (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_decimals     (LcGaugeChannel        *self,
                                                          int                    decimals);
/* The settings object is the channel's own: change it through set_settings. */
JsonObject            *lc_gauge_channel_get_settings     (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_settings     (LcGaugeChannel        *self,
                                                          JsonObject            *settings);
LcGaugeRole            lc_gauge_channel_get_role         (LcGaugeChannel        *self);
void                   lc_gauge_channel_set_role         (LcGaugeChannel        *self,
                                                          LcGaugeRole            role);
/* NAN when the channel takes a measurement without waiting for it to settle. */
double                 lc_gauge_channel_get_stable_tolerance (LcGaugeChannel    *self);
guint                  lc_gauge_channel_get_stable_time_ms   (LcGaugeChannel    *self);
void                   lc_gauge_channel_set_stable       (LcGaugeChannel        *self,
                                                          double                 tolerance,
                                                          guint                  time_ms);
gboolean               lc_gauge_channel_validate         (LcGaugeChannel        *self,
                                                          LcGaugeKind            kind,
                                                          GError               **error);

/* Live state. */
LcGaugeState           lc_gauge_channel_get_state        (LcGaugeChannel        *self);
/* The last good reading, or NULL; it stays after an error so its age can be shown. */
const LcGaugeReading  *lc_gauge_channel_get_last_reading (LcGaugeChannel        *self);
double                 lc_gauge_channel_get_value        (LcGaugeChannel        *self);
/* Why the last poll failed, in words, or NULL. */
const char            *lc_gauge_channel_get_last_error   (LcGaugeChannel        *self);
/* µs since the last good reading, or -1. */
gint64                 lc_gauge_channel_get_age          (LcGaugeChannel        *self);
/* "Live", "Stale: last value 12 s old", "Error: …": for people. */
char                  *lc_gauge_channel_describe_state   (LcGaugeChannel        *self);
/* The last value with the channel's decimals and unit, "—" when there is none. */
char                  *lc_gauge_channel_format_value     (LcGaugeChannel        *self);

/* Keyboard channels: TEXT is what the gauge typed before Enter (see lc-gauge-wedge.h). It
 * is parsed with the channel's pattern and becomes a reading like any other. */
gboolean               lc_gauge_channel_push_text        (LcGaugeChannel        *self,
                                                          const char            *text,
                                                          GError               **error);

/* Takes a measurement: the current value if it is live (a keyboard channel: the next value
 * typed), else the next one to arrive; with "stable" set, the first reading at which the
 * channel has settled. Fails with LC_GAUGE_ERROR_NO_VALUE or _UNSTABLE after the take
 * timeout, in words that say why, and never hands out a value the gauge did not send. */
void                   lc_gauge_channel_take_async       (LcGaugeChannel        *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
LcGaugeReading        *lc_gauge_channel_take_finish      (LcGaugeChannel        *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

G_END_DECLS

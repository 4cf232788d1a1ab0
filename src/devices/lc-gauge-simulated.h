#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A simulated gauge for demos and tests (device kind "simulated"). Each channel draws
 * values from a normal distribution whose mean drifts with time, and now and then throws
 * a value out of specification.
 *
 * Channel settings (channel.settings JSON), all optional:
 *   "mean"               centre of the values at the start          default 10.0
 *   "sigma"              standard deviation of the noise            default 0.01
 *   "drift_per_hour"     how far the mean moves per hour of running default 0.0
 *   "out_of_spec_rate"   share of readings thrown off, 0…1          default 0.0
 *   "out_of_spec_offset" how far such a reading is thrown, either   default 8 × sigma
 *                        side of the mean (set it beyond the specification limits)
 *   "seed"               a whole number for a repeatable sequence   default: random
 * The device's settings "poll_ms" sets how often values come (default 500 ms). A simulated
 * channel with data type bool (a foot pedal) reads 0. The demo database binds
 * characteristics to such channels: e.g. a bore of 12.000 ± 0.020 mm as
 *   {"mean": 12.002, "sigma": 0.004, "drift_per_hour": 0.003, "out_of_spec_rate": 0.02,
 *    "out_of_spec_offset": 0.03}. */
typedef struct
{
  double  mean;
  double  sigma;
  double  drift_per_hour;
  double  out_of_spec_rate;
  double  out_of_spec_offset;
  gint64  seed;              /* < 0: random */
} LcGaugeSimulatedSettings;

typedef struct _LcGaugeSimulated LcGaugeSimulated;

void              lc_gauge_simulated_settings_init      (LcGaugeSimulatedSettings        *settings);
gboolean          lc_gauge_simulated_settings_from_json (LcGaugeSimulatedSettings        *settings,
                                                         JsonObject                      *json,
                                                         GError                         **error);
void              lc_gauge_simulated_settings_to_json   (const LcGaugeSimulatedSettings  *settings,
                                                         JsonObject                      *json);

/* START is the monotonic time the drift counts from. */
LcGaugeSimulated *lc_gauge_simulated_new  (const LcGaugeSimulatedSettings *settings,
                                           gint64                          start);
void              lc_gauge_simulated_free (LcGaugeSimulated               *self);
double            lc_gauge_simulated_next (LcGaugeSimulated               *self,
                                           gint64                          monotonic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeSimulated, lc_gauge_simulated_free)

G_END_DECLS

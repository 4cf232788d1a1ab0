#pragma once

#include <gtk/gtk.h>

#include "lc-characteristic.h"
#include "lc-gauge-channel.h"

G_BEGIN_DECLS

/* Where a value sits against a characteristic's specification. NEAR is inside the limits but
 * within a tenth of the tolerance of one of them: the part is good, the process is drifting. */
typedef enum
{
  LC_GAUGE_ZONE_NONE,   /* no value, or a characteristic without limits */
  LC_GAUGE_ZONE_IN,
  LC_GAUGE_ZONE_NEAR,
  LC_GAUGE_ZONE_OUT,
} LcGaugeZone;

LcGaugeZone lc_gauge_zone_of (double value,
                              double lsl,
                              double usl);

/* A characteristic's live value on a bar that shows LSL, nominal and USL, coloured by zone,
 * with the channel's state under it (live, stale with its age, error with the reason).
 * Self-contained: give it a characteristic and either a channel (it follows the channel's
 * readings and state by itself) or values set by hand (manual entry). */
#define LC_TYPE_GAUGE_VALUE_BAR (lc_gauge_value_bar_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugeValueBar, lc_gauge_value_bar, LC, GAUGE_VALUE_BAR, GtkWidget)

GtkWidget        *lc_gauge_value_bar_new                (LcCharacteristic *characteristic);
LcCharacteristic *lc_gauge_value_bar_get_characteristic (LcGaugeValueBar  *self);
void              lc_gauge_value_bar_set_characteristic (LcGaugeValueBar  *self,
                                                         LcCharacteristic *characteristic);
LcGaugeChannel   *lc_gauge_value_bar_get_channel        (LcGaugeValueBar  *self);
/* NULL: manual entry; the bar shows what lc_gauge_value_bar_set_value () gives it. */
void              lc_gauge_value_bar_set_channel        (LcGaugeValueBar  *self,
                                                         LcGaugeChannel   *channel);
/* The value shown: the channel's last reading, or the one set by hand; NAN when none. */
double            lc_gauge_value_bar_get_value          (LcGaugeValueBar  *self);
/* Without a channel: a value typed or recorded (NAN clears it). */
void              lc_gauge_value_bar_set_value          (LcGaugeValueBar  *self,
                                                         double            value);
/* Without a channel: the line under the bar ("measured", "typed"…); NULL: "Manual entry". */
void              lc_gauge_value_bar_set_state_text     (LcGaugeValueBar  *self,
                                                         const char       *text);
LcGaugeZone       lc_gauge_value_bar_get_zone           (LcGaugeValueBar  *self);
/* "12.003 mm" or "—", and the line under the bar ("Live", "Stale: …", "Error: …",
 * "Manual entry"): what the bar draws, for tests and accessibility. */
char             *lc_gauge_value_bar_dup_value_text     (LcGaugeValueBar  *self);
char             *lc_gauge_value_bar_dup_state_text     (LcGaugeValueBar  *self);

G_END_DECLS

#pragma once

#include "lc-gauge-device.h"

G_BEGIN_DECLS

void  _lc_gauge_device_set_id     (LcGaugeDevice *self,
                                   gint64         id);
/* A new generation starts at every start and stop: values still on their way from an
 * older worker are dropped, never shown as current. */
guint _lc_gauge_device_next_generation (LcGaugeDevice *self);
guint _lc_gauge_device_get_generation  (LcGaugeDevice *self);
void  _lc_gauge_device_set_state  (LcGaugeDevice *self,
                                   LcGaugeState   state,
                                   const char    *error_message);

G_END_DECLS

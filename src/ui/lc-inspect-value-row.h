#pragma once

#include <adwaita.h>

#include "lc-characteristic.h"
#include "lc-inspect-session.h"

G_BEGIN_DECLS

#define LC_TYPE_INSPECT_VALUE_ROW (lc_inspect_value_row_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectValueRow, lc_inspect_value_row, LC, INSPECT_VALUE_ROW, GtkListBoxRow)

/* One characteristic on the Inspect page: its name and specification, the value (live from
 * its gauge, or as measured for the part on the bench) in large figures, and where it sits
 * between the limits, coloured in, near or out of specification. The gauges issue's value
 * bar takes the place of the level bar once it lands. */
GtkWidget        *lc_inspect_value_row_new                (LcCharacteristic  *characteristic);
LcCharacteristic *lc_inspect_value_row_get_characteristic (LcInspectValueRow *self);
/* NAN: no value. @source says where it comes from ("live", "measured", "typed", an error). */
void              lc_inspect_value_row_set_value          (LcInspectValueRow *self,
                                                           double             value,
                                                           const char        *source);
LcSpecZone        lc_inspect_value_row_get_zone           (LcInspectValueRow *self);
const char       *lc_inspect_value_row_get_value_text     (LcInspectValueRow *self);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "lc-characteristic.h"
#include "lc-gauge-bench.h"

G_BEGIN_DECLS

#define LC_TYPE_CHARACTERISTIC_ROW (lc_characteristic_row_get_type ())
G_DECLARE_FINAL_TYPE (LcCharacteristicRow, lc_characteristic_row, LC, CHARACTERISTIC_ROW, AdwExpanderRow)

GtkWidget        *lc_characteristic_row_new               (LcCharacteristic    *characteristic);
LcCharacteristic *lc_characteristic_row_get_characteristic (LcCharacteristicRow *self);
/* The text of a field that is not a number, or NULL when every field reads. */
const char       *lc_characteristic_row_get_input_problem (LcCharacteristicRow *self);
/* Marks the fields an error points at (LC_PART_ERROR codes), or clears them (NULL). */
void              lc_characteristic_row_show_error        (LcCharacteristicRow *self,
                                                           const GError        *error);

/* Lists BENCH's channels as what the characteristic can be measured by (manual entry otherwise). */
void              lc_characteristic_row_set_gauge_bench   (LcCharacteristicRow *self,
                                                           LcGaugeBench        *bench);

G_END_DECLS

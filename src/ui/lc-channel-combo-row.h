#pragma once

#include <adwaita.h>

#include "lc-gauge-bench.h"

G_BEGIN_DECLS

/* Picks a saved gauge channel by id, or none: "channel-id" 0 is the first choice (manual entry
 * for a characteristic, nothing for a verdict output). It lists the bench's channels of one
 * role; a channel id it does not find (a gauge not loaded) stays selected, named by its id,
 * so opening an editor never silently unbinds anything. */
#define LC_TYPE_CHANNEL_COMBO_ROW (lc_channel_combo_row_get_type ())
G_DECLARE_FINAL_TYPE (LcChannelComboRow, lc_channel_combo_row, LC, CHANNEL_COMBO_ROW, AdwComboRow)

GtkWidget *lc_channel_combo_row_new            (void);
void       lc_channel_combo_row_set_bench      (LcChannelComboRow *self,
                                                LcGaugeBench      *bench,
                                                LcGaugeRole        role);
gint64     lc_channel_combo_row_get_channel_id (LcChannelComboRow *self);
void       lc_channel_combo_row_set_channel_id (LcChannelComboRow *self,
                                                gint64             channel_id);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_PART_SWITCHER (lc_part_switcher_get_type ())
G_DECLARE_FINAL_TYPE (LcPartSwitcher, lc_part_switcher, LC, PART_SWITCHER, AdwBin)

GtkWidget  *lc_part_switcher_new           (void);
void        lc_part_switcher_set_store     (LcPartSwitcher *self,
                                            LcStore        *store);
/* What the button shows; changing it does not emit "part-chosen". */
void        lc_part_switcher_set_part_type (LcPartSwitcher *self,
                                            LcPartType     *part_type);
GListModel *lc_part_switcher_get_model     (LcPartSwitcher *self);
/* Chooses by code, exactly as a barcode scan would; returns FALSE if there is none. */
gboolean    lc_part_switcher_choose_code   (LcPartSwitcher *self,
                                            const char     *code);

G_END_DECLS

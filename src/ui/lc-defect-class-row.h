#pragma once

#include <adwaita.h>

#include "lc-defect-class.h"

G_BEGIN_DECLS

#define LC_TYPE_DEFECT_CLASS_ROW (lc_defect_class_row_get_type ())
G_DECLARE_FINAL_TYPE (LcDefectClassRow, lc_defect_class_row, LC, DEFECT_CLASS_ROW, AdwEntryRow)

GtkWidget     *lc_defect_class_row_new              (LcDefectClass    *defect_class);
LcDefectClass *lc_defect_class_row_get_defect_class (LcDefectClassRow *self);
void           lc_defect_class_row_show_error       (LcDefectClassRow *self,
                                                     const GError     *error);

G_END_DECLS

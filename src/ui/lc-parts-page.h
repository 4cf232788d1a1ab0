#pragma once

#include "lc-page.h"
#include "lc-part-editor.h"

G_BEGIN_DECLS

#define LC_TYPE_PARTS_PAGE (lc_parts_page_get_type ())
G_DECLARE_FINAL_TYPE (LcPartsPage, lc_parts_page, LC, PARTS_PAGE, LcPage)

GtkWidget    *lc_parts_page_new         (void);
LcPartEditor *lc_parts_page_get_editor  (LcPartsPage *self);
GListModel   *lc_parts_page_get_model   (LcPartsPage *self);
gboolean      lc_parts_page_select_code (LcPartsPage *self,
                                         const char  *code);

G_END_DECLS

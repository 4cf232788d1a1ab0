#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_INSPECT_PAGE (lc_inspect_page_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectPage, lc_inspect_page, LC, INSPECT_PAGE, LcPage)

GtkWidget *lc_inspect_page_new (void);

G_END_DECLS

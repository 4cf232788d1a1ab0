#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_DASHBOARD_PAGE (lc_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (LcDashboardPage, lc_dashboard_page, LC, DASHBOARD_PAGE, LcPage)

GtkWidget *lc_dashboard_page_new (void);

G_END_DECLS

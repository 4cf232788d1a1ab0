#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_DASHBOARD_PAGE (lc_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (LcDashboardPage, lc_dashboard_page, LC, DASHBOARD_PAGE, LcPage)

GtkWidget *lc_dashboard_page_new                  (void);
/* For tests: how many times the tiles were recomputed; opens a characteristic's full chart
 * as a click on its tile does (FALSE when it has none to show). */
guint      lc_dashboard_page_get_n_refreshes      (LcDashboardPage *self);
gboolean   lc_dashboard_page_open_characteristic  (LcDashboardPage *self,
                                                   const char      *name);

/* Writes what the Export and Report menu items write once a file is chosen, under the
 * filters shown: @what is "pdf" (the capability report), "dfq", "csv" (measurements) or
 * "inspections-csv". */
gboolean   lc_dashboard_page_save                 (LcDashboardPage *self,
                                                   const char      *what,
                                                   const char      *path,
                                                   GError         **error);

G_END_DECLS

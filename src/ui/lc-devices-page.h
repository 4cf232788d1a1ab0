#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_DEVICES_PAGE (lc_devices_page_get_type ())
G_DECLARE_FINAL_TYPE (LcDevicesPage, lc_devices_page, LC, DEVICES_PAGE, LcPage)

GtkWidget *lc_devices_page_new      (void);
void       lc_devices_page_set_view (LcDevicesPage *self,
                                     const char    *name);

G_END_DECLS

#pragma once

#include "lc-inspect-session.h"
#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_INSPECT_PAGE (lc_inspect_page_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectPage, lc_inspect_page, LC, INSPECT_PAGE, LcPage)

GtkWidget        *lc_inspect_page_new         (void);
/* The session the page drives (NULL before it has a store): for tests and benchmarks. */
LcInspectSession *lc_inspect_page_get_session (LcInspectPage *self);

G_END_DECLS

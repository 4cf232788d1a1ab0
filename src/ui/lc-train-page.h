#pragma once

#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_TRAIN_PAGE (lc_train_page_get_type ())
G_DECLARE_FINAL_TYPE (LcTrainPage, lc_train_page, LC, TRAIN_PAGE, LcPage)

GtkWidget *lc_train_page_new (void);

G_END_DECLS

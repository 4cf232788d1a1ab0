#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_APPLICATION (lc_application_get_type ())
G_DECLARE_FINAL_TYPE (LcApplication, lc_application, LC, APPLICATION, AdwApplication)

LcApplication *lc_application_new          (void);
LcStore       *lc_application_get_store    (LcApplication *self);
GSettings     *lc_application_get_settings (LcApplication *self);
const char    *lc_application_get_station  (LcApplication *self);

G_END_DECLS

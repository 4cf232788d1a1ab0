#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_LOCK_SCREEN (lc_lock_screen_get_type ())
G_DECLARE_FINAL_TYPE (LcLockScreen, lc_lock_screen, LC, LOCK_SCREEN, AdwBin)

/* Who is working: pick a name and type the PIN (shift handover), or, on a station without
 * operators, create the first admin. Emits "unlocked" once the store has an actor. */
GtkWidget *lc_lock_screen_new      (LcStore      *store);
/* Reloads the names and picks the mode; call before showing it. */
void       lc_lock_screen_refresh  (LcLockScreen *self);
gboolean   lc_lock_screen_is_first_run (LcLockScreen *self);

G_END_DECLS

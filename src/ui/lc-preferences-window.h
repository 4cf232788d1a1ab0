#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_PREFERENCES_WINDOW (lc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LcPreferencesWindow, lc_preferences_window, LC, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *lc_preferences_window_new (GSettings *settings);

G_END_DECLS

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-preferences-window.h"
#include "lc-store.h"

/* The station's own settings, bound straight to GSettings. */
struct _LcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow   *station_row;
  AdwActionRow  *data_folder_row;
  GtkSpinButton *idle_lock_spin;
  GtkSwitch     *alarm_sound_switch;
  GtkSwitch     *auto_serial_switch;
  GtkSwitch     *one_click_pass_switch;

  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (LcPreferencesWindow, lc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
lc_preferences_window_dispose (GObject *object)
{
  LcPreferencesWindow *self = LC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lc_preferences_window_parent_class)->dispose (object);
}

static void
lc_preferences_window_class_init (LcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, station_row);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, data_folder_row);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, alarm_sound_switch);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, auto_serial_switch);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, one_click_pass_switch);
}

static void
lc_preferences_window_init (LcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_preferences_window_new (GSettings *settings)
{
  LcPreferencesWindow *self;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LC_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "station-name", self->station_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "idle-lock-minutes", self->idle_lock_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alarm-sound", self->alarm_sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-serial", self->auto_serial_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "one-click-pass", self->one_click_pass_switch, "active", G_SETTINGS_BIND_DEFAULT);

  folder = g_settings_get_string (settings, "data-folder");
  if (folder[0] == '\0')
    {
      g_free (folder);
      folder = lc_store_default_dir ();
    }
  adw_action_row_set_subtitle (self->data_folder_row, folder);
  return GTK_WIDGET (self);
}

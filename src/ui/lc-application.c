#include "lc-config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lc-application.h"
#include "lc-inspection.h"
#include "lc-demo.h"
#include "lc-preferences-window.h"
#include "lc-window.h"

struct _LcApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LcStore        *store;
  char           *db_path;
  char           *start_page;
  char           *start_part;
  char           *station;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (LcApplication, lc_application, ADW_TYPE_APPLICATION)

static void
lc_application_finalize (GObject *object)
{
  LcApplication *self = LC_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_free (self->db_path);
  g_free (self->start_page);
  g_free (self->start_part);
  g_free (self->station);

  G_OBJECT_CLASS (lc_application_parent_class)->finalize (object);
}

static int
lc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  LcApplication *self = LC_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("linecheck %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  g_variant_dict_lookup (options, "page", "s", &self->start_page);
  g_variant_dict_lookup (options, "part", "s", &self->start_part);
  self->demo = g_variant_dict_contains (options, "demo");

  /* A station runs one Linecheck per database; a second one on another database (the
   * demo beside production, a test) must not be folded into the first. */
  if (self->db_path != NULL || self->demo)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
show_fatal_error (LcApplication *self,
                  GError        *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Linecheck cannot open its database"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_store (LcApplication  *self,
            GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = g_settings_get_string (self->settings, "data-folder");
  gint64 started_at = g_get_real_time ();
  g_autoptr(GError) cleanup_error = NULL;

  if (self->db_path != NULL)
    path = g_strdup (self->db_path);
  else if (self->demo)
    path = lc_demo_default_path ();
  else if (folder[0] != '\0')
    path = g_build_filename (folder, "linecheck.db", NULL);
  else
    path = lc_store_default_path ();

  if (self->demo)
    self->store = lc_demo_open (path, error);
  else
    self->store = lc_store_open (path, error);
  if (self->store == NULL)
    return FALSE;
  /* Half-written pictures of a previous run that was killed (a power cut mid-capture). */
  if (!lc_inspection_remove_stray_image_files (self->store, started_at, NULL, &cleanup_error))
    g_message ("Leftover temporary pictures were not removed: %s", cleanup_error->message);
  return TRUE;
}

/* For bench/app: say when the first frame is on screen, then leave. */
static void
on_first_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, window);
  g_print ("first-frame\n");
  fflush (stdout);
  gtk_window_destroy (window);
}

static void
on_window_map (GtkWindow *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_first_paint), window);
}

static void
lc_application_activate (GApplication *application)
{
  LcApplication *self = LC_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL && !open_store (self, &error))
    {
      show_fatal_error (self, error);
      return;
    }

  window = GTK_WINDOW (lc_window_new (self, self->store));
  if (self->start_part != NULL)
    lc_window_select_part_code (LC_WINDOW (window), self->start_part);
  if (self->start_page != NULL)
    lc_window_set_page (LC_WINDOW (window), self->start_page);
  if (g_getenv ("LINECHECK_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect_after (window, "map", G_CALLBACK (on_window_map), NULL);
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LcApplication *self = user_data;
  const char *developers[] = { _("The Linecheck developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", "Linecheck",
                        "application-icon", APP_ID,
                        "developer-name", _("The Linecheck developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The quality workstation of an inspection bench: camera, gauges, "
                                      "an on-device defect model and SPC, in one local database."),
                        "website", "https://github.com/linecheck/linecheck",
                        "issue-url", "https://github.com/linecheck/linecheck/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), "OpenCV", NULL,
                                      GTK_LICENSE_APACHE_2_0, NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), "libmodbus", NULL,
                                      GTK_LICENSE_LGPL_2_1, NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), "Aravis", NULL,
                                      GTK_LICENSE_LGPL_2_1, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LcApplication *self = user_data;
  GtkWidget *window = lc_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LcApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows one by one so each can refuse (a half-done inspection). */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
lc_application_startup (GApplication *application)
{
  LcApplication *self = LC_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (lc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

static void
lc_application_class_init (LcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lc_application_finalize;
  app_class->handle_local_options = lc_application_handle_local_options;
  app_class->startup = lc_application_startup;
  app_class->activate = lc_application_activate;
}

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"), N_("PATH") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start on the demo database, with a simulated gauge and camera"), NULL },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on a page: inspect, train, dashboard, parts or devices"), N_("PAGE") },
  { "part", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Make the part type with this code active"), N_("CODE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static void
lc_application_init (LcApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}

LcApplication *
lc_application_new (void)
{
  return g_object_new (LC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/linecheck/Linecheck",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

LcStore *
lc_application_get_store (LcApplication *self)
{
  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
lc_application_get_settings (LcApplication *self)
{
  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The station name recorded with each inspection: the setting, else the host name. */
const char *
lc_application_get_station (LcApplication *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);

  name = g_settings_get_string (self->settings, "station-name");
  g_free (self->station);
  self->station = name[0] != '\0' ? g_steal_pointer (&name) : g_strdup (g_get_host_name ());
  return self->station;
}

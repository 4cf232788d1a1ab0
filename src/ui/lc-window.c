#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-audit-window.h"
#include "lc-dashboard-page.h"
#include "lc-devices-page.h"
#include "lc-inspect-page.h"
#include "lc-lock-screen.h"
#include "lc-operator.h"
#include "lc-part-switcher.h"
#include "lc-parts-page.h"
#include "lc-train-page.h"
#include "lc-window.h"

#define N_RECENT_PART_TYPES 8

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  LcPartSwitcher       *part_switcher;
  LcPage               *inspect_page;
  LcPage               *train_page;
  LcPage               *dashboard_page;
  LcPage               *parts_page;
  LcPage               *devices_page;

  GtkStack             *lock_stack;
  GtkBox               *lock_box;
  LcLockScreen         *lock_screen;
  AdwButtonContent     *operator_content;

  LcStore              *store;
  LcPartType           *part_type;
  GSettings            *settings;
  gint64                last_input;   /* monotonic µs of the last key, click or touch */
  guint                 idle_source;
};

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PART_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LcPage **
pages (LcWindow *self,
       guint    *n)
{
  static LcPage *list[5];

  list[0] = self->inspect_page;
  list[1] = self->train_page;
  list[2] = self->dashboard_page;
  list[3] = self->parts_page;
  list[4] = self->devices_page;
  *n = G_N_ELEMENTS (list);
  return list;
}

static void
remember_part_type (LcWindow   *self,
                    LcPartType *part_type)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  const char *code;
  guint kept = 1;

  if (self->settings == NULL || part_type == NULL)
    return;

  code = lc_part_type_get_code (part_type);
  g_settings_set_string (self->settings, "last-part-type", code);

  recent = g_settings_get_strv (self->settings, "recent-part-types");
  g_strv_builder_add (builder, code);
  for (guint i = 0; recent[i] != NULL && kept < N_RECENT_PART_TYPES; i++)
    {
      if (g_str_equal (recent[i], code))
        continue;
      g_strv_builder_add (builder, recent[i]);
      kept++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-part-types", (const char * const *) updated);
}

static void
apply_part_type (LcWindow   *self,
                 LcPartType *part_type)
{
  LcPage **list;
  guint n;

  if (!g_set_object (&self->part_type, part_type))
    return;

  list = pages (self, &n);
  for (guint i = 0; i < n; i++)
    lc_page_set_part_type (list[i], part_type);
  lc_part_switcher_set_part_type (self->part_switcher, part_type);
  remember_part_type (self, part_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PART_TYPE]);
}

typedef struct
{
  LcWindow   *window;
  LcPartType *part_type;
} Changeover;

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Changeover       *changeover)
{
  if (g_str_equal (response, "discard"))
    {
      LcPage **list;
      guint n;

      list = pages (changeover->window, &n);
      for (guint i = 0; i < n; i++)
        lc_page_discard (list[i]);
      apply_part_type (changeover->window, changeover->part_type);
    }
  g_object_unref (changeover->window);
  g_object_unref (changeover->part_type);
  g_free (changeover);
}

gboolean
lc_window_set_part_type (LcWindow   *self,
                         LcPartType *part_type)
{
  g_autofree char *reason = NULL;
  LcPage **list;
  guint n;

  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);

  if (part_type == self->part_type ||
      (part_type != NULL && self->part_type != NULL &&
       lc_part_type_get_id (part_type) == lc_part_type_get_id (self->part_type)))
    {
      apply_part_type (self, part_type);
      return TRUE;
    }

  list = pages (self, &n);
  for (guint i = 0; i < n && reason == NULL; i++)
    reason = lc_page_changeover_blocked (list[i]);

  if (reason != NULL && part_type != NULL)
    {
      Changeover *changeover = g_new0 (Changeover, 1);
      GtkWidget *dialog;

      changeover->window = g_object_ref (self);
      changeover->part_type = g_object_ref (part_type);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Change the part type?"), reason);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep Working"),
                                        "discard", _("_Discard and Change"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), changeover);
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  apply_part_type (self, part_type);
  return TRUE;
}

gboolean
lc_window_select_part_code (LcWindow   *self,
                            const char *code)
{
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);

  part = lc_part_type_load_by_code (self->store, code, &error);
  if (part == NULL)
    {
      lc_window_show_toast (self, error->message);
      return FALSE;
    }
  return lc_window_set_part_type (self, part);
}

static void
on_part_chosen (LcWindow       *self,
                LcPartType     *part_type,
                LcPartSwitcher *switcher)
{
  lc_window_set_part_type (self, part_type);
}

/* Someone saved, archived or deleted a part type: keep the active one current. */
static void
on_part_types_changed (LcWindow   *self,
                       const char *table,
                       gint64      id,
                       LcStore    *store)
{
  g_autoptr(LcPartType) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  if (self->part_type == NULL || (id != 0 && id != lc_part_type_get_id (self->part_type)))
    return;

  reloaded = lc_part_type_load (self->store, lc_part_type_get_id (self->part_type), &error);
  if (reloaded == NULL || lc_part_type_get_archived (reloaded))
    apply_part_type (self, NULL);
  else
    apply_part_type (self, reloaded);
}

static void
restore_part_type (LcWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = NULL;
  g_autofree char *last = NULL;

  if (self->settings != NULL)
    {
      last = g_settings_get_string (self->settings, "last-part-type");
      if (last[0] != '\0')
        part = lc_part_type_load_by_code (self->store, last, NULL);
    }
  if (part == NULL || lc_part_type_get_archived (part))
    {
      g_autoptr(GListStore) all = lc_part_type_list (self->store, FALSE, &error);

      g_clear_object (&part);
      if (all != NULL && g_list_model_get_n_items (G_LIST_MODEL (all)) > 0)
        part = g_list_model_get_item (G_LIST_MODEL (all), 0);
    }
  apply_part_type (self, part);
}

static void
changeover_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->part_switcher));

  if (GTK_IS_MENU_BUTTON (button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lc_window_set_page (LC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* What the person at the station sees follows their role, as the library's refusals do:
 * operators do not get the Parts page, devices are for admins, the audit trail for QC leads.
 * A station without operators (before its first admin, or in the tests) shows everything. */
static void
apply_role (LcWindow *self)
{
  LcRole role = lc_store_get_actor_role (self->store);
  gboolean any = FALSE, everything;
  GtkWidget *visible;

  lc_operator_needs_first_admin (self->store, &any, NULL);
  everything = any;   /* needs a first admin: nobody to restrict */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->stack, GTK_WIDGET (self->parts_page)),
                                   everything || role >= LC_ROLE_LEAD);
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->stack, GTK_WIDGET (self->devices_page)),
                                   everything || role >= LC_ROLE_ADMIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit", everything || role >= LC_ROLE_LEAD);
  adw_button_content_set_label (self->operator_content,
                                role != LC_ROLE_NONE ? lc_store_get_actor_name (self->store) : _("Log In"));
  visible = adw_view_stack_get_visible_child (self->stack);
  if (visible != NULL && !adw_view_stack_page_get_visible (adw_view_stack_get_page (self->stack, visible)))
    adw_view_stack_set_visible_child_name (self->stack, "inspect");
}

void
lc_window_lock (LcWindow *self)
{
  g_return_if_fail (LC_IS_WINDOW (self));

  lc_operator_log_out (self->store);
  lc_lock_screen_refresh (self->lock_screen);
  gtk_stack_set_visible_child_name (self->lock_stack, "lock");
  apply_role (self);
}

gboolean
lc_window_is_locked (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->lock_stack), "lock") == 0;
}

static void
on_unlocked (LcWindow *self)
{
  g_autofree char *message = g_strdup_printf (_("%s is working (%s)."), lc_store_get_actor_name (self->store),
                                              lc_role_get_label (lc_store_get_actor_role (self->store)));

  self->last_input = g_get_monotonic_time ();
  gtk_stack_set_visible_child_name (self->lock_stack, "station");
  apply_role (self);
  lc_window_show_toast (self, message);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lc_window_lock (LC_WINDOW (widget));
}

static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (lc_audit_window_new (GTK_WINDOW (self), self->store)));
}

static gboolean
on_any_input (LcWindow *self)
{
  self->last_input = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

/* A shift handover someone forgets: lock after the idle time set in the preferences. */
static gboolean
check_idle (gpointer data)
{
  LcWindow *self = data;
  guint minutes = self->settings != NULL ? g_settings_get_uint (self->settings, "idle-lock-minutes") : 0;
  gboolean any = FALSE;

  if (minutes == 0 || lc_window_is_locked (self) ||
      g_get_monotonic_time () - self->last_input < (gint64) minutes * 60 * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  if (lc_operator_needs_first_admin (self->store, &any, NULL) && !any)
    lc_window_lock (self);
  return G_SOURCE_CONTINUE;
}

static void
lc_window_constructed (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);
  LcPage **list;
  guint n;

  G_OBJECT_CLASS (lc_window_parent_class)->constructed (object);

  list = pages (self, &n);
  for (guint i = 0; i < n; i++)
    lc_page_set_store (list[i], self->store);
  lc_part_switcher_set_store (self->part_switcher, self->store);
  g_signal_connect_object (self->store, "changed::part_type", G_CALLBACK (on_part_types_changed),
                           self, G_CONNECT_SWAPPED);

  /* Locked at start when someone must say who they are: a station with operators and nobody
   * logged in, or a new station that needs its first admin. */
  self->lock_screen = LC_LOCK_SCREEN (lc_lock_screen_new (self->store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->lock_screen), TRUE);
  gtk_box_append (self->lock_box, GTK_WIDGET (self->lock_screen));
  g_signal_connect_object (self->lock_screen, "unlocked", G_CALLBACK (on_unlocked), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->lock_stack,
                                    lc_store_get_actor_role (self->store) == LC_ROLE_NONE ? "lock" : "station");
  apply_role (self);

  {
    GtkEventController *input = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (input, "event", G_CALLBACK (on_any_input), self);
    gtk_widget_add_controller (GTK_WIDGET (self), input);
  }
  self->last_input = g_get_monotonic_time ();
  self->idle_source = g_timeout_add_seconds (10, check_idle, self);
}

/* "application" is not a construct property: the settings come once it is set. */
static void
attach_settings (LcWindow  *self,
                 GSettings *settings)
{
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WINDOW);
  g_clear_object (&self->part_type);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lc_window_parent_class)->dispose (object);
}

static void
lc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LcWindow *self = LC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_PART_TYPE: g_value_set_object (value, self->part_type); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LcWindow *self = LC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_PART_TYPE: lc_window_set_part_type (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_class_init (LcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const page_names[] = { "inspect", "train", "dashboard", "parts", "devices" };

  object_class->constructed = lc_window_constructed;
  object_class->dispose = lc_window_dispose;
  object_class->get_property = lc_window_get_property;
  object_class->set_property = lc_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PART_TYPE] =
    g_param_spec_object ("part-type", NULL, NULL, LC_TYPE_PART_TYPE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LC_TYPE_PART_SWITCHER);
  g_type_ensure (LC_TYPE_INSPECT_PAGE);
  g_type_ensure (LC_TYPE_TRAIN_PAGE);
  g_type_ensure (LC_TYPE_DASHBOARD_PAGE);
  g_type_ensure (LC_TYPE_PARTS_PAGE);
  g_type_ensure (LC_TYPE_DEVICES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, part_switcher);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, inspect_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, parts_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, devices_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, lock_box);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, operator_content);
  gtk_widget_class_bind_template_callback (widget_class, on_part_chosen);

  gtk_widget_class_install_action (widget_class, "win.changeover", NULL, changeover_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, audit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.changeover", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.page", "s",
                                         page_names[i]);
}

static void
lc_window_init (LcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LcWindow *
lc_window_new (LcApplication *application,
               LcStore       *store)
{
  LcWindow *self;

  g_return_val_if_fail (application == NULL || LC_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
  if (application != NULL)
    attach_settings (self, lc_application_get_settings (application));
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  restore_part_type (self);
  return self;
}

LcStore *
lc_window_get_store (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->store;
}

LcPartType *
lc_window_get_part_type (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->part_type;
}

void
lc_window_set_page (LcWindow   *self,
                    const char *name)
{
  g_autofree char *page = NULL;
  const char *view;

  g_return_if_fail (LC_IS_WINDOW (self));

  /* "devices/cameras": a page and a view inside it. */
  view = strchr (name, '/');
  if (view != NULL)
    {
      page = g_strndup (name, view - name);
      name = page;
      if (g_str_equal (page, "devices"))
        lc_devices_page_set_view (LC_DEVICES_PAGE (self->devices_page), view + 1);
    }
  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no page “%s”."), name);
      lc_window_show_toast (self, message);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
lc_window_get_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

GtkWidget *
lc_window_get_page_widget (LcWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->stack, name);
}

void
lc_window_show_toast (LcWindow   *self,
                      const char *message)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-lock-screen.h"
#include "lc-operator.h"

struct _LcLockScreen
{
  AdwBin          parent_instance;

  AdwStatusPage  *status_page;
  AdwComboRow    *operator_row;
  GtkStringList  *operator_names;
  AdwEntryRow    *name_row;
  AdwEntryRow    *pin_row;
  AdwEntryRow    *confirm_row;
  GtkLabel       *error_label;
  GtkButton      *unlock_button;

  LcStore        *store;
  gboolean        first_run;
};

G_DEFINE_FINAL_TYPE (LcLockScreen, lc_lock_screen, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LcLockScreen *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
lc_lock_screen_refresh (LcLockScreen *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operators = NULL;
  guint n_old;

  g_return_if_fail (LC_IS_LOCK_SCREEN (self));

  operators = lc_operator_list (self->store, FALSE, &error);
  if (operators == NULL)
    {
      show_error (self, error->message);
      return;
    }
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->operator_names));
  gtk_string_list_splice (self->operator_names, 0, n_old, NULL);
  for (guint i = 0; i < operators->len; i++)
    gtk_string_list_append (self->operator_names,
                            lc_operator_get_name (g_ptr_array_index (operators, i)));

  self->first_run = operators->len == 0;
  adw_status_page_set_title (self->status_page, self->first_run ? _("Set Up This Station")
                                                                : _("Who Is Working?"));
  adw_status_page_set_description (self->status_page,
      self->first_run ? _("Create the first admin. The admin then adds the QC leads and operators.")
                      : _("Choose your name and type your PIN."));
  gtk_button_set_label (self->unlock_button, self->first_run ? _("Create Admin and Log In") : _("Log In"));
  gtk_widget_set_visible (GTK_WIDGET (self->operator_row), !self->first_run);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), self->first_run);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), self->first_run);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  show_error (self, NULL);
}

gboolean
lc_lock_screen_is_first_run (LcLockScreen *self)
{
  g_return_val_if_fail (LC_IS_LOCK_SCREEN (self), FALSE);
  return self->first_run;
}

/* The PIN check takes 0.1-0.2 s (Argon2id, see lc-operator.c) on the main thread: the person
 * is waiting for exactly this, and the store belongs to this thread. */
static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcLockScreen *self = LC_LOCK_SCREEN (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) operator = NULL;
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));

  if (self->first_run)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

      if (g_strcmp0 (pin, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) != 0)
        {
          show_error (self, _("The two PINs differ: type the same PIN twice."));
          return;
        }
      operator = lc_operator_create (self->store, name, LC_ROLE_ADMIN, pin, &error);
      if (operator != NULL)
        g_clear_object (&operator);
      else
        {
          show_error (self, error->message);
          return;
        }
      operator = lc_operator_log_in (self->store, name, pin, &error);
    }
  else
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (self->operator_row);

      if (item == NULL)
        {
          show_error (self, _("Choose your name."));
          return;
        }
      operator = lc_operator_log_in (self->store, gtk_string_object_get_string (item), pin, &error);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  if (operator == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
on_entry_activated (LcLockScreen *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.unlock", NULL);
}

static void
lc_lock_screen_dispose (GObject *object)
{
  LcLockScreen *self = LC_LOCK_SCREEN (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_LOCK_SCREEN);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lc_lock_screen_parent_class)->dispose (object);
}

static void
lc_lock_screen_class_init (LcLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_lock_screen_dispose;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, status_page);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, operator_row);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, operator_names);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, pin_row);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, error_label);
  gtk_widget_class_bind_template_child (widget_class, LcLockScreen, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_install_action (widget_class, "lock.unlock", NULL, unlock_action);
}

static void
lc_lock_screen_init (LcLockScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_lock_screen_new (LcStore *store)
{
  LcLockScreen *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_LOCK_SCREEN, NULL);
  self->store = g_object_ref (store);
  lc_lock_screen_refresh (self);
  return GTK_WIDGET (self);
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-audit-window.h"
#include "lc-audit.h"

/* The window lists this many entries, newest first; `linecheck-cli audit list -n 0` has all. */
#define N_SHOWN 300

struct _LcAuditWindow
{
  AdwWindow   parent_instance;

  GtkLabel   *chain_label;
  GtkListBox *entries_list;

  LcStore    *store;
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (LcAuditWindow, lc_audit_window, ADW_TYPE_WINDOW)

static const char *
action_label (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "create", N_("created") },
    { "update", N_("changed") },
    { "delete", N_("deleted") },
    { "archive", N_("archived") },
    { "restore", N_("restored") },
    { "camera-settings", N_("changed the camera settings of") },
    { "set-pin", N_("changed the PIN of") },
    { "set-role", N_("changed the role of") },
    { "enable", N_("enabled") },
    { "disable", N_("disabled") },
    { "verdict-override", N_("overrode the model’s verdict on") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].action) == 0)
      return _(labels[i].label);
  return action;
}

static const char *
entity_label (const char *entity)
{
  static const struct { const char *entity; const char *label; } labels[] = {
    { "part_type", N_("part type") },
    { "device", N_("gauge") },
    { "operator", N_("operator") },
    { "inspection", N_("inspection") },
    { "control_limits", N_("control limits") },
    { "model", N_("model") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (entity, labels[i].entity) == 0)
      return _(labels[i].label);
  return entity;
}

static void
add_value_row (AdwExpanderRow *expander,
               const char     *title,
               const char     *value)
{
  GtkWidget *row;
  GtkWidget *label;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Values can be long JSON: a selectable, wrapping label instead of a subtitle. */
  label = gtk_label_new (value);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_expander_row_add_row (expander, row);
}

void
lc_audit_window_reload (LcAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *head_problem = NULL;
  LcAuditHeadState head = LC_AUDIT_HEAD_WHOLE;
  gint64 broken = 0, deleted_after = 0, anchored = 0;
  guint n = 0;
  GtkWidget *child;

  g_return_if_fail (LC_IS_AUDIT_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))) != NULL)
    gtk_list_box_remove (self->entries_list, child);
  self->n_rows = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->chain_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->chain_label), "success");
  if (!lc_audit_verify (self->store, &n, &broken, &error))
    {
      gtk_label_set_label (self->chain_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
      return;
    }
  if (broken == 0 && !lc_audit_check_head (self->store, &head, &deleted_after, &anchored, &error))
    {
      gtk_label_set_label (self->chain_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
      return;
    }
  if (broken == 0 && (head_problem = lc_audit_describe_head (head, deleted_after, anchored)) != NULL)
    {
      gtk_label_set_label (self->chain_label, head_problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
    }
  else if (broken == 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The audit trail is whole: %u entry, none altered.",
                                                            "The audit trail is whole: %u entries, none altered.", n), n);
      gtk_label_set_label (self->chain_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "success");
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, broken);
      g_autofree char *text = g_strdup_printf (_("The audit trail was altered: entry %s does not match its "
                                                 "hash chain. Entries from %s on cannot be trusted."),
                                               number, number);
      gtk_label_set_label (self->chain_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
    }

  entries = lc_audit_list (self->store, NULL, N_SHOWN, &error);
  if (entries == NULL)
    {
      gtk_label_set_label (self->chain_label, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LcAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (entry->at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
      g_autofree char *title = g_strdup_printf ("%s %s %s #%" G_GINT64_FORMAT,
                                                *entry->operator_name != '\0' ? entry->operator_name
                                                                              : _("Nobody"),
                                                action_label (entry->action),
                                                entity_label (entry->entity), entry->entity_id);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
      g_autofree char *subtitle = g_strdup_printf (_("Entry %s · %s"), number, when);
      GtkWidget *row = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      if (broken != 0 && entry->id >= broken)
        gtk_widget_add_css_class (row, "error");
      add_value_row (ADW_EXPANDER_ROW (row), _("Before"), entry->old_value);
      add_value_row (ADW_EXPANDER_ROW (row), _("After"), entry->new_value);
      add_value_row (ADW_EXPANDER_ROW (row), _("Reason"), entry->reason);
      gtk_list_box_append (self->entries_list, row);
      self->n_rows++;
    }
}

guint
lc_audit_window_get_n_rows (LcAuditWindow *self)
{
  g_return_val_if_fail (LC_IS_AUDIT_WINDOW (self), 0);
  return self->n_rows;
}

static void
lc_audit_window_dispose (GObject *object)
{
  LcAuditWindow *self = LC_AUDIT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lc_audit_window_parent_class)->dispose (object);
}

static void
lc_audit_window_class_init (LcAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_audit_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcAuditWindow, chain_label);
  gtk_widget_class_bind_template_child (widget_class, LcAuditWindow, entries_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lc_audit_window_init (LcAuditWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_audit_window_new (GtkWindow *parent,
                     LcStore   *store)
{
  LcAuditWindow *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  lc_audit_window_reload (self);
  return GTK_WIDGET (self);
}

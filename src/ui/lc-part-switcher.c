#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-part-switcher.h"

/* The part type switcher of the header bar: changeover by list, by search, or by scanning
 * the part number into the search field (a scanner types the code and Enter). */
struct _LcPartSwitcher
{
  AdwBin           parent_instance;

  GtkMenuButton   *button;
  GtkLabel        *button_label;
  GtkPopover      *popover;
  GtkSearchEntry  *search_entry;
  GtkListView     *list_view;
  GtkStack        *list_stack;
  GtkStringFilter *filter;
  GtkFilterListModel *filtered;

  LcStore         *store;
  GListStore      *parts;
  gulong           changed_handler;
};

G_DEFINE_FINAL_TYPE (LcPartSwitcher, lc_part_switcher, ADW_TYPE_BIN)

enum {
  PART_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reload (LcPartSwitcher *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) parts = NULL;

  if (self->store == NULL)
    return;
  parts = lc_part_type_list (self->store, FALSE, &error);
  if (parts == NULL)
    {
      g_warning ("Cannot list part types: %s", error->message);
      return;
    }
  g_list_store_remove_all (self->parts);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (parts)); i++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), i);
      g_list_store_append (self->parts, part);
    }
}

static void
on_store_changed (LcPartSwitcher *self,
                  const char     *table,
                  gint64          id,
                  LcStore        *store)
{
  reload (self);
}

static void
update_empty_state (LcPartSwitcher *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
choose (LcPartSwitcher *self,
        LcPartType     *part)
{
  gtk_popover_popdown (self->popover);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_emit (self, signals[PART_CHOSEN], 0, part);
}

static void
on_list_activate (LcPartSwitcher *self,
                  guint           position,
                  GtkListView    *list_view)
{
  g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (part != NULL)
    choose (self, part);
}

gboolean
lc_part_switcher_choose_code (LcPartSwitcher *self,
                              const char     *code)
{
  g_autofree char *wanted = NULL;
  guint n;

  g_return_val_if_fail (LC_IS_PART_SWITCHER (self), FALSE);

  wanted = g_strstrip (g_strdup (code));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->parts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

      if (g_ascii_strcasecmp (lc_part_type_get_code (part), wanted) == 0)
        {
          choose (self, part);
          return TRUE;
        }
    }
  return FALSE;
}

/* Enter: an exact code (a scan) wins; otherwise the first match of what was typed. */
static void
on_search_activate (LcPartSwitcher *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(LcPartType) first = NULL;

  if (text[0] == '\0' || lc_part_switcher_choose_code (self, text))
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);
  if (first != NULL)
    choose (self, first);
}

static void
on_search_changed (LcPartSwitcher *self,
                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_popover_show (LcPartSwitcher *self,
                 GtkPopover     *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
lc_part_switcher_dispose (GObject *object)
{
  LcPartSwitcher *self = LC_PART_SWITCHER (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  /* The template binds AdwBin's own child: take it from AdwBin first, or AdwBin would
   * unparent it a second time after the template let go of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_PART_SWITCHER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->parts);

  G_OBJECT_CLASS (lc_part_switcher_parent_class)->dispose (object);
}

static void
lc_part_switcher_class_init (LcPartSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_part_switcher_dispose;

  /**
   * LcPartSwitcher::part-chosen:
   * @part_type: the part type the operator chose
   *
   * The owner decides whether changeover happens now, and then calls
   * lc_part_switcher_set_part_type ().
   */
  signals[PART_CHOSEN] = g_signal_new ("part-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, LC_TYPE_PART_TYPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-part-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, button_label);
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, list_view);
  gtk_widget_class_bind_template_child (widget_class, LcPartSwitcher, list_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
}

static void
lc_part_switcher_init (LcPartSwitcher *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->parts = g_list_store_new (LC_TYPE_PART_TYPE);
  expression = gtk_property_expression_new (LC_TYPE_PART_TYPE, NULL, "title");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)),
                                              GTK_FILTER (self->filter));
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)))));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  update_empty_state (self);
}

GtkWidget *
lc_part_switcher_new (void)
{
  return g_object_new (LC_TYPE_PART_SWITCHER, NULL);
}

void
lc_part_switcher_set_store (LcPartSwitcher *self,
                            LcStore        *store)
{
  g_return_if_fail (LC_IS_PART_SWITCHER (self));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (store, "changed::part_type",
                                                     G_CALLBACK (on_store_changed), self,
                                                     G_CONNECT_SWAPPED);
  reload (self);
}

void
lc_part_switcher_set_part_type (LcPartSwitcher *self,
                                LcPartType     *part_type)
{
  g_return_if_fail (LC_IS_PART_SWITCHER (self));

  if (part_type != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", lc_part_type_get_code (part_type),
                                                lc_part_type_get_name (part_type));
      gtk_label_set_label (self->button_label, title);
    }
  else
    gtk_label_set_label (self->button_label, _("Choose a part type"));
}

GListModel *
lc_part_switcher_get_model (LcPartSwitcher *self)
{
  g_return_val_if_fail (LC_IS_PART_SWITCHER (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

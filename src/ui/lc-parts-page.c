#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-parts-page.h"

/* The Parts page: the part types in a list beside the editor of the chosen one. */
struct _LcPartsPage
{
  LcPage              parent_instance;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *archived_toggle;
  GtkListView        *list_view;
  LcPartEditor       *editor;

  GListStore         *parts;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  guint               previous_position;
  gboolean            reverting_selection;
};

G_DEFINE_FINAL_TYPE (LcPartsPage, lc_parts_page, LC_TYPE_PAGE)

static void
reload (LcPartsPage *self,
        gint64       select_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) parts = NULL;
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  guint n;

  if (store == NULL)
    return;
  parts = lc_part_type_list (store, gtk_toggle_button_get_active (self->archived_toggle), &error);
  if (parts == NULL)
    {
      g_warning ("Cannot list part types: %s", error->message);
      return;
    }

  self->reverting_selection = TRUE;
  g_list_store_remove_all (self->parts);
  n = g_list_model_get_n_items (G_LIST_MODEL (parts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), i);
      g_list_store_append (self->parts, part);
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n && select_id != 0; i++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (lc_part_type_get_id (part) == select_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          self->previous_position = i;
        }
    }
  self->reverting_selection = FALSE;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     LcPartsPage      *self)
{
  g_autoptr(LcPartType) part = NULL;

  if (!g_str_equal (response, "discard"))
    {
      self->reverting_selection = TRUE;
      gtk_single_selection_set_selected (self->selection, self->previous_position);
      self->reverting_selection = FALSE;
      return;
    }
  part = gtk_single_selection_get_selected_item (self->selection) != NULL
           ? g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  self->previous_position = gtk_single_selection_get_selected (self->selection);
  lc_part_editor_edit (self->editor, part);
}

static void
on_selection_changed (LcPartsPage *self)
{
  LcPartType *part;
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->reverting_selection)
    return;
  part = gtk_single_selection_get_selected_item (self->selection);
  if (part == NULL)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  if (!lc_part_editor_is_dirty (self->editor))
    {
      self->previous_position = gtk_single_selection_get_selected (self->selection);
      lc_part_editor_edit (self->editor, part);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard Unsaved Changes?"),
                                   _("The part type being edited has changes that were not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_editor_saved (LcPartsPage  *self,
                 LcPartType   *part,
                 LcPartEditor *editor)
{
  /* The store's "changed" reloads the list; keep the saved part type selected. */
  reload (self, lc_part_type_get_id (part));
}

static void
on_editor_removed (LcPartsPage  *self,
                   LcPartEditor *editor)
{
  reload (self, 0);
}

static void
on_search_changed (LcPartsPage    *self,
                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_archived_toggled (LcPartsPage *self)
{
  LcPartType *editing = lc_part_editor_get_editing (self->editor);

  reload (self, editing != NULL ? lc_part_type_get_id (editing) : 0);
}

static void
on_store_changed (LcPartsPage *self,
                  const char  *table,
                  gint64       id,
                  LcStore     *store)
{
  LcPartType *editing = lc_part_editor_get_editing (self->editor);

  reload (self, editing != NULL ? lc_part_type_get_id (editing) : 0);
}

static void
on_back_clicked (LcPartsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LcPartsPage *self = LC_PARTS_PAGE (widget);

  self->reverting_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->reverting_selection = FALSE;
  lc_part_editor_edit_new (self->editor);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
lc_parts_page_store_changed (LcPage *page)
{
  LcPartsPage *self = LC_PARTS_PAGE (page);
  LcStore *store = lc_page_get_store (page);

  lc_part_editor_set_store (self->editor, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed::part_type", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  reload (self, 0);
}

/* Changeover shows the new active part type here too, unless the editor holds changes. */
static void
lc_parts_page_part_type_changed (LcPage *page)
{
  LcPartsPage *self = LC_PARTS_PAGE (page);
  LcPartType *part = lc_page_get_part_type (page);

  if (part == NULL || lc_part_editor_is_dirty (self->editor))
    return;
  reload (self, lc_part_type_get_id (part));
  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    lc_part_editor_edit (self->editor, gtk_single_selection_get_selected_item (self->selection));
}

static void
lc_parts_page_dispose (GObject *object)
{
  LcPartsPage *self = LC_PARTS_PAGE (object);

  /* The template binds AdwBin's own child: take it from AdwBin first, or AdwBin would
   * unparent it a second time after the template let go of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PARTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->parts);

  G_OBJECT_CLASS (lc_parts_page_parent_class)->dispose (object);
}

static void
lc_parts_page_class_init (LcPartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_parts_page_dispose;
  page_class->store_changed = lc_parts_page_store_changed;
  page_class->part_type_changed = lc_parts_page_part_type_changed;

  g_type_ensure (LC_TYPE_PART_EDITOR);
  g_type_ensure (LC_TYPE_PART_TYPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-parts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcPartsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LcPartsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LcPartsPage, archived_toggle);
  gtk_widget_class_bind_template_child (widget_class, LcPartsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LcPartsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_removed);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "parts.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "parts.new", NULL);
}

static void
lc_parts_page_init (LcPartsPage *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->parts = g_list_store_new (LC_TYPE_PART_TYPE);
  expression = gtk_property_expression_new (LC_TYPE_PART_TYPE, NULL, "title");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->previous_position = GTK_INVALID_LIST_POSITION;
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
lc_parts_page_new (void)
{
  return g_object_new (LC_TYPE_PARTS_PAGE, NULL);
}

LcPartEditor *
lc_parts_page_get_editor (LcPartsPage *self)
{
  g_return_val_if_fail (LC_IS_PARTS_PAGE (self), NULL);
  return self->editor;
}

GListModel *
lc_parts_page_get_model (LcPartsPage *self)
{
  g_return_val_if_fail (LC_IS_PARTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

gboolean
lc_parts_page_select_code (LcPartsPage *self,
                           const char  *code)
{
  guint n;

  g_return_val_if_fail (LC_IS_PARTS_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (g_strcmp0 (lc_part_type_get_code (part), code) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

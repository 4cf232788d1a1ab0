#include "lc-config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-characteristic-row.h"
#include "lc-defect-class-row.h"
#include "lc-part-editor.h"
#include "lc-verdict-outputs-group.h"

/* The part type editor: a copy of the part type is edited and checked as the operator types;
 * what is wrong is said in words above the form, the field is marked, and Save waits until
 * the part type is whole. */
struct _LcPartEditor
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkRevealer    *problem_revealer;
  GtkLabel       *problem_label;
  AdwEntryRow    *code_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *revision_row;
  AdwEntryRow    *description_row;
  GtkLabel       *archived_label;
  AdwActionRow   *reference_row;
  GtkPicture     *reference_picture;
  GtkListBox     *characteristics_list;
  GtkListBox     *defect_classes_list;
  LcVerdictOutputsGroup *outputs_group;
  GtkButton      *save_button;
  GtkButton      *archive_button;
  GtkButton      *delete_button;

  LcStore        *store;
  LcPartType     *original;   /* as stored, NULL for a new one */
  LcPartType     *editing;
  char           *problem;
  gboolean        dirty;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (LcPartEditor, lc_part_editor, ADW_TYPE_BIN)

enum {
  SAVED,
  REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void revalidate (LcPartEditor *self);

static void
mark_dirty (LcPartEditor *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  revalidate (self);
}

static void
set_problem (LcPartEditor *self,
             const char   *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (problem != NULL)
    gtk_label_set_label (self->problem_label, problem);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

static gboolean
code_taken_by (LcPartEditor  *self,
               const char    *code,
               char         **other_name)
{
  sqlite3_stmt *stmt;
  g_autofree char *stripped = g_strstrip (g_strdup (code));
  gboolean taken = FALSE;

  if (self->store == NULL)
    return FALSE;
  stmt = lc_store_prepare (self->store, "SELECT name FROM part_type WHERE code = ? AND id != ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, lc_part_type_get_id (self->editing));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      taken = TRUE;
      *other_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  return taken;
}

static void
revalidate (LcPartEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;
  const char *input_problem = NULL;
  GtkWidget *child;

  if (self->editing == NULL)
    return;

  /* Each row says what is wrong with its own fields. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->characteristics_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GError) row_error = NULL;
      LcCharacteristicRow *row;

      if (!LC_IS_CHARACTERISTIC_ROW (child))
        continue;
      row = LC_CHARACTERISTIC_ROW (child);
      lc_characteristic_validate (lc_characteristic_row_get_characteristic (row), &row_error);
      lc_characteristic_row_show_error (row, row_error);
      if (input_problem == NULL)
        input_problem = lc_characteristic_row_get_input_problem (row);
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->defect_classes_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GError) row_error = NULL;

      if (!LC_IS_DEFECT_CLASS_ROW (child))
        continue;
      lc_defect_class_validate (lc_defect_class_row_get_defect_class (LC_DEFECT_CLASS_ROW (child)), &row_error);
      lc_defect_class_row_show_error (LC_DEFECT_CLASS_ROW (child), row_error);
    }

  if (input_problem != NULL)
    set_problem (self, input_problem);
  else if (!lc_part_type_validate (self->editing, &error))
    set_problem (self, error->message);
  else if (code_taken_by (self, lc_part_type_get_code (self->editing), &other))
    {
      g_autofree char *message = g_strdup_printf (_("The code “%s” is already used by the part type “%s”."),
                                                  lc_part_type_get_code (self->editing), other);
      set_problem (self, message);
    }
  else
    set_problem (self, NULL);

  if (error != NULL && error->code == LC_PART_ERROR_CODE)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");
  else if (other != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
  if (error != NULL && error->code == LC_PART_ERROR_NAME &&
      lc_part_type_get_name (self->editing)[0] == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->dirty && self->problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", self->dirty);
}

static void
on_item_notify (LcPartEditor *self)
{
  mark_dirty (self);
}

static void
on_characteristic_remove (LcPartEditor        *self,
                          LcCharacteristicRow *row)
{
  lc_part_type_remove_characteristic (self->editing, lc_characteristic_row_get_characteristic (row));
  mark_dirty (self);
}

static void
on_characteristic_move (LcPartEditor        *self,
                        int                  delta,
                        LcCharacteristicRow *row)
{
  GListStore *list = G_LIST_STORE (lc_part_type_get_characteristics (self->editing));
  LcCharacteristic *c = lc_characteristic_row_get_characteristic (row);
  guint position, n = g_list_model_get_n_items (G_LIST_MODEL (list));
  int target;

  if (!g_list_store_find (list, c, &position))
    return;
  target = (int) position + delta;
  if (target < 0 || target >= (int) n)
    return;
  g_object_ref (c);
  g_list_store_remove (list, position);
  g_list_store_insert (list, (guint) target, c);
  g_object_unref (c);
  mark_dirty (self);
}

static gboolean
not_archived_characteristic (gpointer item,
                             gpointer user_data)
{
  return !lc_characteristic_get_archived (item);
}

static gboolean
not_archived_defect_class (gpointer item,
                           gpointer user_data)
{
  return !lc_defect_class_get_archived (item);
}

static GtkWidget *
create_characteristic_row (gpointer item,
                           gpointer user_data)
{
  LcPartEditor *self = user_data;
  GtkWidget *row = lc_characteristic_row_new (item);

  if (self->store != NULL)
    lc_characteristic_row_set_gauge_bench (LC_CHARACTERISTIC_ROW (row), lc_gauge_bench_get_for_store (self->store));

  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_characteristic_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "move", G_CALLBACK (on_characteristic_move), self, G_CONNECT_SWAPPED);
  /* A new, still empty characteristic opens for typing. */
  if (lc_characteristic_get_name (item)[0] == '\0')
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static void
on_defect_class_remove (LcPartEditor     *self,
                        LcDefectClassRow *row)
{
  lc_part_type_remove_defect_class (self->editing, lc_defect_class_row_get_defect_class (row));
  mark_dirty (self);
}

static GtkWidget *
create_defect_class_row (gpointer item,
                         gpointer user_data)
{
  LcPartEditor *self = user_data;
  GtkWidget *row = lc_defect_class_row_new (item);

  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_defect_class_remove), self, G_CONNECT_SWAPPED);
  return row;
}

static void
update_reference_picture (LcPartEditor *self)
{
  const char *file = self->editing != NULL ? lc_part_type_get_reference_image (self->editing) : NULL;

  if (file != NULL && self->store != NULL)
    {
      g_autofree char *dir = lc_store_get_images_dir (self->store);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      gtk_picture_set_filename (self->reference_picture, path);
      adw_action_row_set_subtitle (self->reference_row, _("Defect locations are drawn over this picture"));
    }
  else
    {
      gtk_picture_set_paintable (self->reference_picture, NULL);
      adw_action_row_set_subtitle (self->reference_row, _("None yet: choose a picture of a good part"));
    }
}

static void
update_state_buttons (LcPartEditor *self)
{
  gboolean stored = self->original != NULL;
  gboolean archived = stored && lc_part_type_get_archived (self->original);

  gtk_widget_set_visible (GTK_WIDGET (self->archived_label), archived);
  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.duplicate", stored);
}

static void
load_editing (LcPartEditor *self)
{
  g_autoptr(GtkFilterListModel) characteristics = NULL;
  g_autoptr(GtkFilterListModel) defect_classes = NULL;

  self->loading = TRUE;
  if (self->editing == NULL)
    {
      gtk_list_box_bind_model (self->characteristics_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->defect_classes_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->loading = FALSE;
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), lc_part_type_get_code (self->editing));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lc_part_type_get_name (self->editing));
  gtk_editable_set_text (GTK_EDITABLE (self->revision_row), lc_part_type_get_revision (self->editing));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), lc_part_type_get_description (self->editing));

  /* Archived characteristics keep their history but are not part of the specification. */
  characteristics = gtk_filter_list_model_new (g_object_ref (lc_part_type_get_characteristics (self->editing)),
                                               GTK_FILTER (gtk_custom_filter_new (not_archived_characteristic,
                                                                                  NULL, NULL)));
  defect_classes = gtk_filter_list_model_new (g_object_ref (lc_part_type_get_defect_classes (self->editing)),
                                              GTK_FILTER (gtk_custom_filter_new (not_archived_defect_class,
                                                                                 NULL, NULL)));
  gtk_list_box_bind_model (self->characteristics_list, G_LIST_MODEL (characteristics),
                           create_characteristic_row, self, NULL);
  gtk_list_box_bind_model (self->defect_classes_list, G_LIST_MODEL (defect_classes),
                           create_defect_class_row, self, NULL);
  lc_verdict_outputs_group_edit (self->outputs_group,
                                 self->store != NULL ? lc_gauge_bench_get_for_store (self->store) : NULL,
                                 self->editing);
  g_signal_connect_object (self->editing, "notify::outputs", G_CALLBACK (on_item_notify), self, G_CONNECT_SWAPPED);
  update_reference_picture (self);
  update_state_buttons (self);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  self->loading = FALSE;
  revalidate (self);
}

static void
on_field_changed (LcPartEditor *self,
                  GParamSpec   *pspec,
                  AdwEntryRow  *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->loading || self->editing == NULL)
    return;
  if (row == self->code_row)
    lc_part_type_set_code (self->editing, text);
  else if (row == self->name_row)
    lc_part_type_set_name (self->editing, text);
  else if (row == self->revision_row)
    lc_part_type_set_revision (self->editing, text);
  else
    lc_part_type_set_description (self->editing, text);
  mark_dirty (self);
}

static void
add_characteristic_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  g_autoptr(LcCharacteristic) c = lc_characteristic_new ("");

  if (self->editing == NULL)
    return;
  lc_part_type_add_characteristic (self->editing, c);
  mark_dirty (self);
}

static void
add_defect_class_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  /* A palette that stays apart on grey steel and on dark mode. */
  static const char * const palette[] = { "#e01b24", "#ff7800", "#f6d32d", "#33d17a", "#3584e4",
                                          "#9141ac", "#986a44", "#26a269" };
  guint n = g_list_model_get_n_items (lc_part_type_get_defect_classes (self->editing));
  g_autoptr(LcDefectClass) d = lc_defect_class_new ("", palette[n % G_N_ELEMENTS (palette)],
                                                    LC_SEVERITY_MAJOR);

  if (self->editing == NULL)
    return;
  lc_part_type_add_defect_class (self->editing, d);
  mark_dirty (self);
}

gboolean
lc_part_editor_save (LcPartEditor  *self,
                     GError       **error)
{
  g_return_val_if_fail (LC_IS_PART_EDITOR (self), FALSE);

  if (self->editing == NULL || self->store == NULL)
    return TRUE;
  if (self->problem != NULL)
    {
      g_set_error_literal (error, LC_PART_ERROR, LC_PART_ERROR_NAME, self->problem);
      return FALSE;
    }
  if (!lc_part_type_save (self->editing, self->store, error))
    return FALSE;

  g_clear_object (&self->original);
  self->original = lc_part_type_copy (self->editing);
  self->dirty = FALSE;
  update_state_buttons (self);
  revalidate (self);
  g_signal_emit (self, signals[SAVED], 0, self->original);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!lc_part_editor_save (self, &error))
    set_problem (self, error->message);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);

  if (self->original != NULL)
    lc_part_editor_edit (self, self->original);
  else
    lc_part_editor_edit (self, NULL);
}

static gboolean
code_exists (LcStore    *store,
             const char *code)
{
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (store, code, NULL);
  return part != NULL;
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  if (self->original == NULL)
    return;
  /* A code nobody has yet, for the operator to replace with the real part number. */
  code = g_strdup_printf ("%s-COPY", lc_part_type_get_code (self->original));
  for (guint i = 2; self->store != NULL && code_exists (self->store, code); i++)
    {
      g_free (code);
      code = g_strdup_printf ("%s-COPY%u", lc_part_type_get_code (self->original), i);
    }
  /* Translators: the name of a duplicated part type. */
  name = g_strdup_printf (_("%s (copy)"), lc_part_type_get_name (self->original));

  g_clear_object (&self->editing);
  self->editing = lc_part_type_duplicate (self->original, code, name);
  g_clear_object (&self->original);
  self->dirty = TRUE;
  load_editing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean archived;

  if (self->original == NULL)
    return;
  archived = !lc_part_type_get_archived (self->original);
  if (!lc_part_type_set_archived_in_store (self->original, self->store, archived, &error))
    {
      set_problem (self, error->message);
      return;
    }
  lc_part_type_set_archived (self->editing, archived);
  update_state_buttons (self);
  g_signal_emit (self, signals[SAVED], 0, self->original);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LcPartEditor     *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->original == NULL)
    return;
  if (!lc_part_type_delete (self->original, self->store, &error))
    {
      set_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[REMOVED], 0);
  lc_part_editor_edit (self, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 n_records = 0;
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->original == NULL)
    return;
  if (!lc_part_type_count_records (self->store, lc_part_type_get_id (self->original), &n_records, &error))
    {
      set_problem (self, error->message);
      return;
    }
  if (n_records > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” has inspection records, so it cannot be deleted. Archive it instead: "
                           "it leaves the lists, and its records stay."),
                         lc_part_type_get_code (self->original));
      set_problem (self, message);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete the part type?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its specification will be gone. Nothing was recorded for it yet."),
                                  lc_part_type_get_code (self->original));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The reference image is kept in the images folder under the hash of its pixels, as PNG,
 * so the same picture chosen twice is stored once and never overwritten by another. */
static char *
store_reference_image (LcPartEditor  *self,
                       GFile         *file,
                       GError       **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gsize size;
  gconstpointer data;

  texture = gdk_texture_new_from_file (file, error);
  if (texture == NULL)
    {
      g_prefix_error (error, _("This file is not a picture Linecheck can read: "));
      return NULL;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  data = g_bytes_get_data (png, &size);
  name = g_strconcat (g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size), ".png", NULL);
  dir = lc_store_get_images_dir (self->store);
  if (g_mkdir_with_parents (dir, 0750) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_set_contents (path, data, (gssize) size, error))
    return NULL;
  return g_steal_pointer (&name);
}

static void
on_image_chosen (GtkNativeDialog *dialog,
                 int              response,
                 LcPartEditor    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || self->editing == NULL)
    return;

  name = store_reference_image (self, file, &error);
  if (name == NULL)
    {
      set_problem (self, error->message);
      return;
    }
  lc_part_type_set_reference_image (self->editing, name);
  update_reference_picture (self);
  mark_dirty (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LcPartEditor *self = LC_PART_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Reference Image"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_image_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lc_part_editor_dispose (GObject *object)
{
  LcPartEditor *self = LC_PART_EDITOR (object);

  /* The template binds AdwBin's own child: take it from AdwBin first, or AdwBin would
   * unparent it a second time after the template let go of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PART_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (lc_part_editor_parent_class)->dispose (object);
}

static void
lc_part_editor_class_init (LcPartEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_part_editor_dispose;

  /**
   * LcPartEditor::saved:
   * @part_type: the part type as stored now
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, LC_TYPE_PART_TYPE);
  signals[REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-part-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, revision_row);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, archived_label);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, reference_picture);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, characteristics_list);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, defect_classes_list);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, outputs_group);
  g_type_ensure (LC_TYPE_VERDICT_OUTPUTS_GROUP);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, LcPartEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.add-characteristic", NULL, add_characteristic_action);
  gtk_widget_class_install_action (widget_class, "editor.add-defect-class", NULL, add_defect_class_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-image", NULL, choose_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
lc_part_editor_init (LcPartEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", FALSE);
}

GtkWidget *
lc_part_editor_new (void)
{
  return g_object_new (LC_TYPE_PART_EDITOR, NULL);
}

void
lc_part_editor_set_store (LcPartEditor *self,
                          LcStore      *store)
{
  g_return_if_fail (LC_IS_PART_EDITOR (self));
  g_set_object (&self->store, store);
}

void
lc_part_editor_edit (LcPartEditor *self,
                     LcPartType   *part_type)
{
  g_return_if_fail (LC_IS_PART_EDITOR (self));

  g_clear_object (&self->original);
  g_clear_object (&self->editing);
  if (part_type != NULL)
    {
      self->original = lc_part_type_copy (part_type);
      self->editing = lc_part_type_copy (part_type);
    }
  self->dirty = FALSE;
  set_problem (self, NULL);
  load_editing (self);
}

void
lc_part_editor_edit_new (LcPartEditor *self)
{
  g_return_if_fail (LC_IS_PART_EDITOR (self));

  g_clear_object (&self->original);
  g_clear_object (&self->editing);
  self->editing = lc_part_type_new ("", "");
  self->dirty = TRUE;
  load_editing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

LcPartType *
lc_part_editor_get_editing (LcPartEditor *self)
{
  g_return_val_if_fail (LC_IS_PART_EDITOR (self), NULL);
  return self->editing;
}

gboolean
lc_part_editor_is_dirty (LcPartEditor *self)
{
  g_return_val_if_fail (LC_IS_PART_EDITOR (self), FALSE);
  return self->editing != NULL && self->dirty;
}

const char *
lc_part_editor_get_problem (LcPartEditor *self)
{
  g_return_val_if_fail (LC_IS_PART_EDITOR (self), NULL);
  return self->problem;
}

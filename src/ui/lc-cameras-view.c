#include "lc-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-camera-capture.h"
#include "lc-camera-info.h"
#include "lc-camera-record.h"
#include "lc-camera-sim.h"
#include "lc-cameras-view.h"
#include "lc-live-view.h"

/* The Devices page's cameras: those set up at this station and those found on it, one
 * chosen at a time with its live picture beside its settings. Settings act on the picture
 * at once; Save keeps them with the camera and, when a part type is active, with that part
 * type, so changeover brings them along. */

/* GenICam names, as LcCameraSettings keeps them; the first entry leaves the camera as is. */
static const char *const pixel_formats[] = {
  NULL, "Mono8", "Mono10", "Mono12", "BayerRG8", "BayerGR8", "BayerGB8", "BayerBG8", "RGB8",
};

typedef struct
{
  char             *name;
  char             *uri;
  char             *detail;
  gint64            record_id;   /* 0: found, not set up at this station */
  LcCameraSettings *settings;    /* the camera's own (the record's) */
} Entry;

struct _LcCamerasView
{
  LcPage            parent_instance;

  GtkListBox       *camera_list;
  GtkSpinner       *discover_spinner;
  GtkButton        *refresh_button;
  GtkStack         *detail_stack;
  LcLiveView       *live_view;
  GtkWidget        *problem_box;
  GtkLabel         *problem_label;
  GtkLabel         *status_label;
  GtkButton        *grab_button;
  GtkButton        *resume_button;
  GtkLabel         *grab_label;
  AdwPreferencesGroup *settings_group;
  GtkSpinButton    *exposure_spin;
  GtkSpinButton    *gain_spin;
  AdwComboRow      *format_row;
  AdwComboRow      *trigger_row;
  AdwEntryRow      *trigger_line_row;
  GtkSpinButton    *roi_x_spin;
  GtkSpinButton    *roi_y_spin;
  GtkSpinButton    *roi_width_spin;
  GtkSpinButton    *roi_height_spin;
  GtkButton        *save_button;
  GtkLabel         *save_label;

  GPtrArray        *entries;
  GPtrArray        *discovered;   /* LcCameraInfo, from the last search */
  char             *selected_uri;
  LcCamera         *camera;
  GBinding         *status_binding;
  gulong            problem_id;
  GCancellable     *cancellable;  /* discovery, grabs and saves; cancelled on dispose */
  gulong            store_changed_id;
  gboolean          updating;
  gboolean          dirty;
  gboolean          searched;
  char             *test_grab_file;
};

G_DEFINE_FINAL_TYPE (LcCamerasView, lc_cameras_view, LC_TYPE_PAGE)

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_free (entry->uri);
  g_free (entry->detail);
  g_clear_pointer (&entry->settings, lc_camera_settings_free);
  g_free (entry);
}

static Entry *
selected_entry (LcCamerasView *self)
{
  for (guint i = 0; self->selected_uri != NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->uri, self->selected_uri))
        return entry;
    }
  return NULL;
}

static const char *
icon_for_uri (const char *uri)
{
  if (g_str_has_prefix (uri, "v4l2:"))
    return "camera-web-symbolic";
  if (g_str_has_prefix (uri, "folder:"))
    return "folder-pictures-symbolic";
  return "camera-photo-symbolic";
}

/* ---- Settings and widgets --------------------------------------------------------------- */

/* The part type's own settings when it uses this camera, else the camera's. */
static LcCameraSettings *
settings_for_entry (LcCamerasView *self,
                    Entry         *entry)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(LcCameraSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 camera_id = 0;

  if (part != NULL && store != NULL && entry->record_id != 0 &&
      lc_camera_settings_load_for_part_type (store, lc_part_type_get_id (part), &camera_id,
                                             &settings, &error) &&
      camera_id == entry->record_id)
    return g_steal_pointer (&settings);
  if (error != NULL)
    g_warning ("Camera settings of the part type: %s", error->message);
  return lc_camera_settings_copy (entry->settings);
}

static void
show_settings (LcCamerasView          *self,
               const LcCameraSettings *settings)
{
  guint format = 0;

  self->updating = TRUE;
  gtk_spin_button_set_value (self->exposure_spin, isnan (settings->exposure_us) ? 5000 : settings->exposure_us);
  gtk_spin_button_set_value (self->gain_spin, isnan (settings->gain_db) ? 0 : settings->gain_db);
  for (guint i = 1; i < G_N_ELEMENTS (pixel_formats); i++)
    if (g_strcmp0 (settings->pixel_format, pixel_formats[i]) == 0)
      format = i;
  adw_combo_row_set_selected (self->format_row, format);
  adw_combo_row_set_selected (self->trigger_row, settings->trigger);
  gtk_editable_set_text (GTK_EDITABLE (self->trigger_line_row),
                         settings->trigger_source != NULL ? settings->trigger_source : "Line0");
  gtk_widget_set_visible (GTK_WIDGET (self->trigger_line_row),
                          settings->trigger == LC_CAMERA_TRIGGER_HARDWARE);
  gtk_spin_button_set_value (self->roi_x_spin, settings->roi_x);
  gtk_spin_button_set_value (self->roi_y_spin, settings->roi_y);
  gtk_spin_button_set_value (self->roi_width_spin, settings->roi_width);
  gtk_spin_button_set_value (self->roi_height_spin, settings->roi_height);
  self->updating = FALSE;
}

static LcCameraSettings *
read_settings (LcCamerasView *self)
{
  LcCameraSettings *settings = lc_camera_settings_new ();
  guint format = adw_combo_row_get_selected (self->format_row);
  const char *line = gtk_editable_get_text (GTK_EDITABLE (self->trigger_line_row));

  settings->exposure_us = gtk_spin_button_get_value (self->exposure_spin);
  settings->gain_db = gtk_spin_button_get_value (self->gain_spin);
  if (format < G_N_ELEMENTS (pixel_formats))
    settings->pixel_format = g_strdup (pixel_formats[format]);
  settings->trigger = MIN (adw_combo_row_get_selected (self->trigger_row), LC_CAMERA_TRIGGER_HARDWARE);
  if (settings->trigger == LC_CAMERA_TRIGGER_HARDWARE && *line != '\0')
    settings->trigger_source = g_strdup (line);
  settings->roi_x = gtk_spin_button_get_value_as_int (self->roi_x_spin);
  settings->roi_y = gtk_spin_button_get_value_as_int (self->roi_y_spin);
  settings->roi_width = gtk_spin_button_get_value_as_int (self->roi_width_spin);
  settings->roi_height = gtk_spin_button_get_value_as_int (self->roi_height_spin);
  return settings;
}

static void
show_problem (LcCamerasView *self,
              const char    *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->problem_box, message != NULL);
}

static void
update_sim_part (LcCamerasView *self)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));

  /* The demo's camera lays down parts of the active part type, unless its address names one. */
  if (LC_IS_CAMERA_SIM (self->camera) && g_str_equal (lc_camera_get_uri (self->camera), "sim:"))
    lc_camera_sim_set_part_code (LC_CAMERA_SIM (self->camera),
                                 part != NULL ? lc_part_type_get_code (part) : "");
}

/* ---- The chosen camera ------------------------------------------------------------------ */

static void
camera_problem_cb (LcCamera      *camera,
                   const char    *message,
                   LcCamerasView *self)
{
  show_problem (self, message);
}

static void
close_camera (LcCamerasView *self)
{
  if (self->camera == NULL)
    return;
  g_clear_pointer (&self->status_binding, g_binding_unbind);
  g_clear_signal_handler (&self->problem_id, self->camera);
  lc_live_view_set_camera (self->live_view, NULL);
  lc_camera_stop (self->camera);
  g_clear_object (&self->camera);
}

static void
open_camera (LcCamerasView *self,
             Entry         *entry)
{
  g_autoptr(LcCameraSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  close_camera (self);
  lc_live_view_release (self->live_view);
  show_problem (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->grab_label), FALSE);
  gtk_label_set_text (self->save_label, "");
  adw_preferences_group_set_title (self->settings_group, entry->name);
  adw_preferences_group_set_description (self->settings_group, entry->uri);

  settings = settings_for_entry (self, entry);
  show_settings (self, settings);
  self->dirty = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  self->camera = lc_camera_new_for_uri (entry->uri, &error);
  if (self->camera == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  lc_camera_set_settings (self->camera, settings);
  update_sim_part (self);
  self->status_binding = g_object_bind_property (self->camera, "status", self->status_label, "label",
                                                 G_BINDING_SYNC_CREATE);
  self->problem_id = g_signal_connect (self->camera, "problem", G_CALLBACK (camera_problem_cb), self);
  lc_live_view_set_camera (self->live_view, self->camera);
  /* Only while the view is on screen: a hidden preview would cost the station CPU. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    lc_camera_start (self->camera);
}

static void
on_row_selected (LcCamerasView *self,
                 GtkListBoxRow *row)
{
  Entry *entry;

  if (row == NULL)
    return;
  entry = g_ptr_array_index (self->entries, gtk_list_box_row_get_index (row));
  if (self->camera != NULL && g_strcmp0 (self->selected_uri, entry->uri) == 0)
    return;
  g_free (self->selected_uri);
  self->selected_uri = g_strdup (entry->uri);
  gtk_stack_set_visible_child_name (self->detail_stack, "camera");
  open_camera (self, entry);
}

static void
on_setting_changed (LcCamerasView *self)
{
  g_autoptr(LcCameraSettings) settings = NULL;

  if (self->updating || self->camera == NULL)
    return;
  settings = read_settings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->trigger_line_row),
                          settings->trigger == LC_CAMERA_TRIGGER_HARDWARE);
  show_problem (self, NULL);
  lc_camera_set_settings (self->camera, settings);
  self->dirty = TRUE;
  gtk_label_set_text (self->save_label, _("Changed, not saved yet."));
}

/* ---- The list --------------------------------------------------------------------------- */

static void
rebuild_list (LcCamerasView *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  GtkListBoxRow *select = NULL;

  g_ptr_array_set_size (self->entries, 0);
  records = store != NULL ? lc_camera_record_list (store, &error) : NULL;
  if (error != NULL)
    show_problem (self, error->message);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      LcCameraRecord *record = g_ptr_array_index (records, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->name = g_strdup (record->name);
      entry->uri = g_strdup (record->uri);
      entry->detail = g_strdup (_("Set up at this station"));
      entry->record_id = record->id;
      entry->settings = lc_camera_settings_copy (record->settings);
      g_ptr_array_add (self->entries, entry);
      g_hash_table_add (known, entry->uri);
    }
  for (guint i = 0; self->discovered != NULL && i < self->discovered->len; i++)
    {
      LcCameraInfo *info = g_ptr_array_index (self->discovered, i);
      Entry *entry;

      if (g_hash_table_contains (known, info->uri))
        continue;
      entry = g_new0 (Entry, 1);
      entry->name = g_strdup (info->name != NULL && *info->name != '\0' ? info->name : info->uri);
      entry->uri = g_strdup (info->uri);
      entry->detail = g_strdup_printf (_("Found: %s"), info->uri);
      entry->settings = lc_camera_settings_new ();
      g_ptr_array_add (self->entries, entry);
      g_hash_table_add (known, entry->uri);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->camera_list))) != NULL)
    gtk_list_box_remove (self->camera_list, child);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_for_uri (entry->uri));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->detail);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->camera_list, row);
      if (g_strcmp0 (entry->uri, self->selected_uri) == 0)
        select = GTK_LIST_BOX_ROW (row);
    }
  /* The station's own camera comes up on its own: most stations have just one. */
  if (select == NULL && self->selected_uri == NULL && self->entries->len > 0 &&
      ((Entry *) g_ptr_array_index (self->entries, 0))->record_id != 0)
    select = gtk_list_box_get_row_at_index (self->camera_list, 0);
  if (select != NULL)
    gtk_list_box_select_row (self->camera_list, select);
}

static void
discover_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  g_task_return_pointer (task, lc_camera_discover (), (GDestroyNotify) g_ptr_array_unref);
}

static void
discover_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LcCamerasView) self = user_data;
  GPtrArray *found = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&found, g_ptr_array_unref);
      return;
    }
  g_clear_pointer (&self->discovered, g_ptr_array_unref);
  self->discovered = found;
  gtk_spinner_stop (self->discover_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), TRUE);
  rebuild_list (self);
}

static void
discover (LcCamerasView *self)
{
  g_autoptr(GTask) task = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->refresh_button)))
    return;
  self->searched = TRUE;
  gtk_spinner_start (self->discover_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), FALSE);
  /* The task's source is NULL so a search still running never keeps the view alive; the
   * callback holds its own reference. */
  task = g_task_new (NULL, self->cancellable, discover_done, g_object_ref (self));
  g_task_set_source_tag (task, discover);
  g_task_run_in_thread (task, discover_thread);
}

static void
on_refresh_clicked (LcCamerasView *self)
{
  discover (self);
}

static void
store_changed_cb (LcStore       *store,
                  const char    *table,
                  gint64         id,
                  LcCamerasView *self)
{
  rebuild_list (self);
}

/* ---- Test grab and save ----------------------------------------------------------------- */

static void
store_png_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  LcFrame *frame = g_object_get_data (G_OBJECT (task), "frame");
  const char *dir = data;
  GError *error = NULL;
  char *name = lc_camera_capture_store_png (frame, dir, &error);

  if (name == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_build_filename (dir, name, NULL), g_free);
  g_free (name);
}

static void
store_png_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LcCamerasView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->grab_button), TRUE);
  if (path == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  g_free (self->test_grab_file);
  self->test_grab_file = g_strdup (path);
  text = g_strdup_printf (_("Test picture kept without loss as %s"), path);
  gtk_label_set_text (self->grab_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->grab_label), TRUE);
}

static void
grab_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LcCamerasView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = lc_camera_grab_finish (LC_CAMERA (source), result, &error);
  g_autoptr(GTask) task = NULL;
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  char *dir;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (frame == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->grab_button), TRUE);
      show_problem (self, error->message);
      return;
    }
  /* The operator sees exactly the picture that is kept. */
  lc_live_view_freeze (self->live_view, frame);

  dir = store != NULL ? g_build_filename (lc_store_get_data_dir (store), "test-grabs", NULL)
                      : g_build_filename (g_get_user_data_dir (), "linecheck", "test-grabs", NULL);
  task = g_task_new (NULL, self->cancellable, store_png_done, g_object_ref (self));
  g_task_set_source_tag (task, grab_done);
  g_task_set_task_data (task, dir, g_free);
  g_object_set_data_full (G_OBJECT (task), "frame", lc_frame_ref (frame), (GDestroyNotify) lc_frame_unref);
  g_task_run_in_thread (task, store_png_thread);
}

static void
on_grab_clicked (LcCamerasView *self)
{
  if (self->camera == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->grab_button), FALSE);
  show_problem (self, NULL);
  lc_live_view_release (self->live_view);
  lc_camera_grab_async (self->camera, self->cancellable, grab_done, g_object_ref (self));
}

static void
on_resume_clicked (LcCamerasView *self)
{
  lc_live_view_release (self->live_view);
}

static void
on_zoom_fit_clicked (LcCamerasView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->live_view), "live-view.zoom-fit", NULL);
}

static void
on_zoom_original_clicked (LcCamerasView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->live_view), "live-view.zoom-original", NULL);
}

static void
on_save_clicked (LcCamerasView *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  /* Saving reloads the part types (the window's changeover bookkeeping): hold this one. */
  g_autoptr(LcPartType) part = lc_page_get_part_type (LC_PAGE (self)) != NULL
                               ? g_object_ref (lc_page_get_part_type (LC_PAGE (self))) : NULL;
  Entry *entry = selected_entry (self);
  g_autoptr(LcCameraRecord) record = NULL;
  g_autoptr(LcCameraSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (store == NULL || entry == NULL)
    return;
  settings = read_settings (self);
  record = lc_camera_record_new (entry->name, entry->uri);
  record->id = entry->record_id;
  lc_camera_settings_free (record->settings);
  /* A camera's own settings are those it had when first set up; later saves with a part
   * type active change only that part type's. */
  record->settings = lc_camera_settings_copy (entry->record_id == 0 || part == NULL
                                              ? settings : entry->settings);
  if (!lc_camera_record_save (store, record, &error) ||
      (part != NULL &&
       !lc_camera_settings_save_for_part_type (store, lc_part_type_get_id (part), record->id,
                                               settings, &error)))
    {
      show_problem (self, error->message);
      return;
    }
  self->dirty = FALSE;
  if (part != NULL)
    text = g_strdup_printf (_("Saved: part type %s uses this camera with these settings."),
                            lc_part_type_get_code (part));
  else
    text = g_strdup (_("Saved as this camera’s settings."));
  /* The list was rebuilt by the store's change: the entry is gone, the label stays. */
  gtk_label_set_text (self->save_label, text);
}

/* ---- LcPage ----------------------------------------------------------------------------- */

static void
lc_cameras_view_store_changed (LcPage *page)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (page);
  LcStore *store = lc_page_get_store (page);

  g_clear_signal_handler (&self->store_changed_id, store);
  self->store_changed_id = g_signal_connect_object (store, "changed::camera",
                                                    G_CALLBACK (store_changed_cb), self, 0);
  rebuild_list (self);
}

static void
lc_cameras_view_part_type_changed (LcPage *page)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (page);
  Entry *entry = selected_entry (self);
  g_autoptr(LcCameraSettings) settings = NULL;

  if (entry == NULL || self->camera == NULL)
    return;
  /* Changeover: the chosen camera takes the new part type's settings. */
  settings = settings_for_entry (self, entry);
  show_settings (self, settings);
  self->dirty = FALSE;
  gtk_label_set_text (self->save_label, "");
  lc_camera_set_settings (self->camera, settings);
  update_sim_part (self);
}

static char *
lc_cameras_view_changeover_blocked (LcPage *page)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (page);

  if (!self->dirty)
    return NULL;
  return g_strdup (_("The camera settings were changed and not saved."));
}

static void
lc_cameras_view_discard (LcPage *page)
{
  LC_CAMERAS_VIEW (page)->dirty = FALSE;
}

/* ---- GtkWidget / GObject ---------------------------------------------------------------- */

static void
lc_cameras_view_map (GtkWidget *widget)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (widget);

  GTK_WIDGET_CLASS (lc_cameras_view_parent_class)->map (widget);
  if (!self->searched)
    discover (self);
  if (self->camera != NULL)
    lc_camera_start (self->camera);
}

static void
lc_cameras_view_unmap (GtkWidget *widget)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (widget);

  if (self->camera != NULL)
    lc_camera_stop (self->camera);
  GTK_WIDGET_CLASS (lc_cameras_view_parent_class)->unmap (widget);
}

static void
lc_cameras_view_dispose (GObject *object)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  close_camera (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_CAMERAS_VIEW);

  G_OBJECT_CLASS (lc_cameras_view_parent_class)->dispose (object);
}

static void
lc_cameras_view_finalize (GObject *object)
{
  LcCamerasView *self = LC_CAMERAS_VIEW (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->discovered, g_ptr_array_unref);
  g_clear_pointer (&self->selected_uri, g_free);
  g_clear_pointer (&self->test_grab_file, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lc_cameras_view_parent_class)->finalize (object);
}

static void
lc_cameras_view_class_init (LcCamerasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_cameras_view_dispose;
  object_class->finalize = lc_cameras_view_finalize;
  widget_class->map = lc_cameras_view_map;
  widget_class->unmap = lc_cameras_view_unmap;
  page_class->store_changed = lc_cameras_view_store_changed;
  page_class->part_type_changed = lc_cameras_view_part_type_changed;
  page_class->changeover_blocked = lc_cameras_view_changeover_blocked;
  page_class->discard = lc_cameras_view_discard;

  g_type_ensure (LC_TYPE_LIVE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-cameras-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, camera_list);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, discover_spinner);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, live_view);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, problem_box);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, grab_button);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, resume_button);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, grab_label);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, settings_group);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, exposure_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, gain_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, format_row);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, trigger_row);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, trigger_line_row);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, roi_x_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, roi_y_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, roi_width_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, roi_height_spin);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, save_button);
  gtk_widget_class_bind_template_child (widget_class, LcCamerasView, save_label);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_grab_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_resume_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_fit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_original_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
lc_cameras_view_init (LcCamerasView *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) triggers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (formats, _("As the camera is"));
  for (guint i = 1; i < G_N_ELEMENTS (pixel_formats); i++)
    gtk_string_list_append (formats, pixel_formats[i]);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  /* In LcCameraTrigger's order. */
  gtk_string_list_append (triggers, _("Free run"));
  gtk_string_list_append (triggers, _("Software (one picture per grab)"));
  gtk_string_list_append (triggers, _("Hardware (input line)"));
  adw_combo_row_set_model (self->trigger_row, G_LIST_MODEL (triggers));

  g_object_bind_property (self->live_view, "frozen", self->resume_button, "visible", G_BINDING_SYNC_CREATE);
}

GtkWidget *
lc_cameras_view_new (void)
{
  return g_object_new (LC_TYPE_CAMERAS_VIEW, NULL);
}

void
lc_cameras_view_select_uri (LcCamerasView *self,
                            const char    *uri)
{
  g_return_if_fail (LC_IS_CAMERAS_VIEW (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->uri, uri))
        {
          gtk_list_box_select_row (self->camera_list, gtk_list_box_get_row_at_index (self->camera_list, i));
          return;
        }
    }
}

LcCamera *
lc_cameras_view_get_camera (LcCamerasView *self)
{
  g_return_val_if_fail (LC_IS_CAMERAS_VIEW (self), NULL);
  return self->camera;
}

const char *
lc_cameras_view_get_test_grab_file (LcCamerasView *self)
{
  g_return_val_if_fail (LC_IS_CAMERAS_VIEW (self), NULL);
  return self->test_grab_file;
}

#include "lc-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "lc-demo.h"
#include "lc-operator.h"
#include "lc-train-page.h"
#include "lc-window.h"
#include "test-ui-helpers.h"

/* The Label & Train page on the demo database under Xvfb: a folder of magnetic-tile
 * pictures is imported for a tile part type, a picture is labelled with the canvas's box tool and
 * with the keys (a class digit, G, arrows, Ctrl+Z, Ctrl+Shift+Z), and the database holds
 * what the screen shows. */

typedef struct
{
  char        *dir;
  LcStore     *store;
  LcWindow    *window;
  LcTrainPage *page;
} Fixture;

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
copy_pictures (const char *from_class,
               const char *into,
               guint       n)
{
  g_autofree char *src = g_build_filename (g_getenv ("LC_DATASETS"), "magnetic-tile-dev", from_class, NULL);
  g_autoptr(GDir) dir = g_dir_open (src, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (into, 0755), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) strcmp);
  for (guint i = 0, copied = 0; i < names->len && copied < n; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *a = g_build_filename (src, file, NULL);
      g_autofree char *b = g_build_filename (into, file, NULL);
      g_autofree char *data = NULL;
      gsize size;

      if (!g_str_has_suffix (file, ".jpg"))
        continue;
      g_assert_true (g_file_get_contents (a, &data, &size, NULL));
      g_assert_true (g_file_set_contents (b, data, size, NULL));
      copied++;
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LcOperator) lead = NULL;

  fixture->dir = g_dir_make_tmp ("lc-test-ui-train-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_demo_seed (fixture->store, lc_store_now (), &error));
  /* The demo's QC lead (PIN in the README) may add a part type and activate models. */
  lead = lc_operator_log_in (fixture->store, "Zhang Min", "3333", &error);
  g_assert_no_error (error);
  /* A part type of its own beside the demo's, so that only the imported pictures are its. */
  {
    static const char * const classes[][2] = { { "Dent", "#e01b24" }, { "Scratch", "#e5a50a" }, { "Crack", "#1c71d8" } };
    g_autoptr(LcPartType) tile = lc_part_type_new ("TILE-1", "Magnetic tile");

    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      {
        g_autoptr(LcDefectClass) dc = lc_defect_class_new (classes[i][0], classes[i][1], LC_SEVERITY_MAJOR);
        lc_part_type_add_defect_class (tile, dc);
      }
    g_assert_true (lc_part_type_save (tile, fixture->store, &error));
    g_assert_no_error (error);
  }
  fixture->window = g_object_ref (lc_window_new (NULL, fixture->store));
  if (g_getenv ("LC_SCREENSHOT_SIZE") != NULL)
    {
      int width = 1366, height = 768;
      sscanf (g_getenv ("LC_SCREENSHOT_SIZE"), "%dx%d", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->window));
  g_assert_true (lc_window_select_part_code (fixture->window, "TILE-1"));
  lc_window_set_page (fixture->window, "train");
  fixture->page = LC_TRAIN_PAGE (lc_window_get_page_widget (fixture->window, "train"));
  lc_test_iterate (50);
}

static void
close_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
}

static gint64
query_int (LcStore    *store,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
import_done (gpointer data)
{
  return !lc_train_page_is_busy (data);
}

static gboolean
picture_shown (gpointer data)
{
  Fixture *fixture = data;
  LcLabelCanvas *canvas = lc_train_page_get_canvas (fixture->page);

  return lc_label_canvas_get_picture (canvas) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (canvas)) && gtk_widget_get_width (GTK_WIDGET (canvas)) > 100;
}

static gint64
current_id (Fixture *fixture)
{
  LcLabelImage *image = lc_train_page_get_current (fixture->page);

  g_assert_nonnull (image);
  return lc_label_image_get_id (image);
}

static gint64
class_id (Fixture    *fixture,
          const char *name)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (fixture->page));

  return lc_defect_class_get_id (lc_part_type_find_defect_class (part, name));
}

/* With LC_SCREENSHOT_DIR set, the window as drawn is saved there (for people to look at). */
static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  const char *dir = g_getenv ("LC_SCREENSHOT_DIR");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  lc_test_iterate (300);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%dx%d.png", name, width, height);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Drags a box on the canvas from picture point (x0, y0) to (x1, y1). */
static void
drag_box (LcLabelCanvas *canvas,
          double         x0,
          double         y0,
          double         x1,
          double         y1)
{
  double wx0, wy0, wx1, wy1;

  lc_label_canvas_picture_to_widget (canvas, x0, y0, &wx0, &wy0);
  lc_label_canvas_picture_to_widget (canvas, x1, y1, &wx1, &wy1);
  lc_label_canvas_press (canvas, wx0, wy0);
  lc_label_canvas_motion (canvas, (wx0 + wx1) / 2, (wy0 + wy1) / 2);
  lc_label_canvas_release (canvas, wx1, wy1);
}

static void
test_import_label_with_canvas_and_keys (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "tiles", NULL);
  g_autofree char *good = g_build_filename (folder, "good", NULL);
  g_autofree char *crack = g_build_filename (folder, "Crack", NULL);
  g_autofree char *loose = g_build_filename (folder, NULL);
  LcLabelCanvas *canvas = lc_train_page_get_canvas (fixture->page);
  gint64 part = lc_part_type_get_id (lc_page_get_part_type (LC_PAGE (fixture->page)));
  gint64 first, second, n_images, n_good, n_cracks;

  copy_pictures ("Free", good, 3);
  copy_pictures ("Crack", crack, 2);
  copy_pictures ("Uneven", loose, 2);

  /* Import: good/ and Crack/ (a class of TILE-1) are labelled, loose pictures are not.
   * The demo may hold pictures of its own: count what the import adds. */
  n_images = query_int (fixture->store, "SELECT count(*) FROM image WHERE part_type_id = %" G_GINT64_FORMAT, part);
  n_good = query_int (fixture->store, "SELECT count(*) FROM image WHERE label = 'good'");
  n_cracks = query_int (fixture->store, "SELECT count(*) FROM annotation WHERE defect_class_id = %" G_GINT64_FORMAT,
                        class_id (fixture, "Crack"));
  lc_train_page_import_folder (fixture->page, folder, "good", LC_LABEL_IMPORT_NONE);
  g_assert_true (lc_train_page_is_busy (fixture->page));
  g_assert_true (lc_test_wait_for (import_done, fixture->page));
  lc_test_iterate (50);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE part_type_id = %" G_GINT64_FORMAT, part), ==, n_images + 7);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE label = 'good'"), ==, n_good + 3);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE defect_class_id = %" G_GINT64_FORMAT,
                              class_id (fixture, "Crack")), ==, n_cracks + 2);
  g_assert_nonnull (g_object_get_data (G_OBJECT (fixture->page), "import-summary"));
  close_dialogs ();

  /* The browser shows all seven; the first one is on the canvas. */
  g_assert_true (lc_test_wait_for (picture_shown, fixture));
  first = current_id (fixture);

  /* Key 1 picks the first class (Dent); a box dragged on the canvas is saved at once. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_1, 0));
  lc_label_canvas_set_tool (canvas, LC_LABEL_TOOL_BOX);
  drag_box (canvas, 10, 20, 60, 80);
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND defect_class_id = %" G_GINT64_FORMAT " AND shape = 'box' AND author = 'operator'",
                              first, class_id (fixture, "Dent")), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE id = %" G_GINT64_FORMAT
                              " AND label = 'defect'", first), ==, 1);

  /* Key 2 (Scratch) and a second box. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_2, 0));
  drag_box (canvas, 30, 30, 50, 120);
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND defect_class_id = %" G_GINT64_FORMAT, first, class_id (fixture, "Scratch")), ==, 1);

  /* G: a good part after all; Ctrl+Z brings both boxes back; Ctrl+Shift+Z makes it good again. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_g, 0));
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE author = 'operator' AND image_id = %" G_GINT64_FORMAT, first), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE id = %" G_GINT64_FORMAT " AND label = 'good'", first), ==, 1);
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_z, GDK_CONTROL_MASK));
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE author = 'operator' AND image_id = %" G_GINT64_FORMAT, first), ==, 2);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE id = %" G_GINT64_FORMAT " AND label = 'defect'", first), ==, 1);
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE id = %" G_GINT64_FORMAT " AND label = 'good'", first), ==, 1);

  /* Arrows step through the pictures; undo of a change on another picture shows it again. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_Right, 0));
  lc_test_iterate (20);
  second = current_id (fixture);
  g_assert_cmpint (second, !=, first);
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_Left, 0));
  lc_test_iterate (20);
  g_assert_cmpint (current_id (fixture), ==, first);
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_Right, 0));
  lc_test_iterate (20);
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_z, GDK_CONTROL_MASK));
  lc_test_iterate (20);
  g_assert_cmpint (current_id (fixture), ==, first);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE author = 'operator' AND image_id = %" G_GINT64_FORMAT, first), ==, 2);

  /* A tap is not a box; a key the page does not know does nothing. */
  lc_label_canvas_press (canvas, 200, 200);
  lc_label_canvas_release (canvas, 200, 200);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE author = 'operator' AND image_id = %" G_GINT64_FORMAT, first), ==, 2);
  save_screenshot (fixture, "label-boxes");
  g_assert_false (lc_train_page_activate_key (fixture->page, GDK_KEY_q, 0));
}

static void
test_brush_and_eraser (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "tiles", NULL);
  LcLabelCanvas *canvas = lc_train_page_get_canvas (fixture->page);
  double x0, y0, x1, y1;
  gint64 image;

  copy_pictures ("Uneven", folder, 1);
  lc_train_page_import_folder (fixture->page, folder, NULL, LC_LABEL_IMPORT_NONE);
  g_assert_true (lc_test_wait_for (import_done, fixture->page));
  close_dialogs ();
  g_assert_true (lc_test_wait_for (picture_shown, fixture));
  image = current_id (fixture);

  /* Paint a stroke: one mask region, its PNG in the images folder. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_r, 0));
  g_assert_cmpint (lc_label_canvas_get_tool (canvas), ==, LC_LABEL_TOOL_BRUSH);
  lc_label_canvas_set_brush_radius (canvas, 5);
  lc_label_canvas_picture_to_widget (canvas, 40, 60, &x0, &y0);
  lc_label_canvas_picture_to_widget (canvas, 80, 60, &x1, &y1);
  lc_label_canvas_press (canvas, x0, y0);
  lc_label_canvas_motion (canvas, x1, y1);
  lc_label_canvas_release (canvas, x1, y1);
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND shape = 'mask'", image), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND geometry LIKE '%%\"x\":35.0%%'", image), ==, 1);

  /* The eraser takes the left half back: still one mask, narrower. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_e, 0));
  lc_label_canvas_set_brush_radius (canvas, 12);
  lc_label_canvas_picture_to_widget (canvas, 40, 60, &x0, &y0);
  lc_label_canvas_press (canvas, x0, y0);
  lc_label_canvas_release (canvas, x0, y0);
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT, image), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND geometry LIKE '%%\"x\":35.0%%'", image), ==, 0);
  /* Undo brings the whole stroke back. */
  g_assert_true (lc_train_page_activate_key (fixture->page, GDK_KEY_z, GDK_CONTROL_MASK));
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM annotation WHERE image_id = %" G_GINT64_FORMAT
                              " AND geometry LIKE '%%\"x\":35.0%%'", image), ==, 1);
}

static gboolean
training_done (gpointer data)
{
  return !lc_train_page_is_training (data);
}

/* Training takes seconds on a shared machine: a longer deadline than lc_test_wait_for's. */
static gboolean
wait_long (gboolean (*condition) (gpointer),
           gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static void
test_train_validate_threshold_activate (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "tiles", NULL);
  g_autofree char *good = g_build_filename (folder, "good", NULL);
  g_autofree char *crack = g_build_filename (folder, "Crack", NULL);
  g_autofree char *blowhole = g_build_filename (folder, "Blowhole", NULL);
  g_autofree char *at_recommended = NULL;
  g_autofree char *model_file = NULL;
  g_autofree char *model_path = NULL;
  gint64 part = lc_part_type_get_id (lc_page_get_part_type (LC_PAGE (fixture->page)));
  GtkAdjustment *threshold;
  gint64 model_id;
  sqlite3_stmt *stmt = NULL;

  copy_pictures ("Free", good, 12);
  copy_pictures ("Crack", crack, 4);
  copy_pictures ("Blowhole", blowhole, 4);
  /* Blowhole is no class of TILE-1 yet: the import adds it. */
  lc_train_page_import_folder (fixture->page, folder, "good", LC_LABEL_IMPORT_ADD_CLASSES);
  g_assert_true (lc_test_wait_for (import_done, fixture->page));
  close_dialogs ();
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM image WHERE part_type_id = %" G_GINT64_FORMAT, part), ==, 20);

  lc_train_page_train (fixture->page);
  g_assert_true (lc_train_page_is_training (fixture->page));
  g_assert_true (wait_long (training_done, fixture->page));
  close_dialogs ();

  /* A new version, not active yet. */
  model_id = lc_train_page_get_trained_model_id (fixture->page);
  g_assert_cmpint (model_id, >, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT version FROM model WHERE id = %" G_GINT64_FORMAT, model_id), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM part_type WHERE id = %" G_GINT64_FORMAT
                              " AND active_model_id IS NULL", part), ==, 1);
  /* the classifier is its own row and version, recorded through the vision store like the
   * anomaly model, and both trainings are in the audit trail */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM model WHERE part_type_id = %" G_GINT64_FORMAT
                              " AND kind = 'classifier' AND version = 2 AND NOT active", part), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT kind = 'anomaly' FROM model WHERE id = %" G_GINT64_FORMAT, model_id), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'train-model'"), ==, 2);

  /* The validation in plain words; the slider moves the figures. */
  at_recommended = g_strdup (lc_train_page_get_validation_text (fixture->page));
  g_assert_nonnull (strstr (at_recommended, "good parts"));
  threshold = lc_train_page_get_threshold_adjustment (fixture->page);
  gtk_adjustment_set_value (threshold, gtk_adjustment_get_upper (threshold));
  lc_test_iterate (20);
  g_assert_nonnull (strstr (lc_train_page_get_validation_text (fixture->page), "rejected 0"));
  gtk_adjustment_set_value (threshold, gtk_adjustment_get_lower (threshold));
  lc_test_iterate (20);
  g_assert_nonnull (strstr (lc_train_page_get_validation_text (fixture->page), "missed 0"));
  g_assert_cmpstr (lc_train_page_get_validation_text (fixture->page), !=, at_recommended);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "label.recommended-threshold", NULL);
  lc_test_iterate (20);
  g_assert_cmpstr (lc_train_page_get_validation_text (fixture->page), ==, at_recommended);

  save_screenshot (fixture, "train-validation");

  /* Activate: the part type's model is this version, its file on disk. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "label.activate", NULL);
  lc_test_iterate (20);
  g_assert_cmpint (query_int (fixture->store, "SELECT active_model_id FROM part_type WHERE id = %" G_GINT64_FORMAT, part),
                   ==, model_id);
  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (fixture->store), "SELECT file FROM model WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, model_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  model_file = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_true (g_path_is_absolute (model_file));
  model_path = g_strdup (model_file);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM model WHERE part_type_id = %" G_GINT64_FORMAT
                              " AND active", part), ==, 2);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM audit WHERE action = 'activate-model'"), ==, 2);
  g_assert_true (g_file_test (model_path, G_FILE_TEST_IS_REGULAR));
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add ("/ui/train/import-then-label-with-canvas-and-keys", Fixture, NULL, fixture_set_up,
              test_import_label_with_canvas_and_keys, fixture_tear_down);
  g_test_add ("/ui/train/brush-then-eraser-then-undo", Fixture, NULL, fixture_set_up,
              test_brush_and_eraser, fixture_tear_down);

  g_test_add ("/ui/train/train-validate-threshold-activate", Fixture, NULL, fixture_set_up,
              test_train_validate_threshold_activate, fixture_tear_down);

  return g_test_run ();
}

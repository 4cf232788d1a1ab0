#include "lc-config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lc-annotation.h"
#include "lc-label-image.h"
#include "lc-label-import.h"
#include "lc-label-session.h"
#include "lc-part-type.h"
#include "test-helpers.h"

/* A part type like the magnetic tiles, and a small copy of the data set laid out as an
 * import expects: N pictures (with their masks) from each of a few class folders. */

typedef struct
{
  StoreFixture  base;
  LcPartType   *part;
  char         *dataset;
} Fixture;

#define N_PER_CLASS 5

static const char *
datasets_dir (void)
{
  const char *dir = g_getenv ("LC_DATASETS");

  g_assert_nonnull (dir);
  return dir;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &data, &size, NULL));
  g_assert_true (g_file_set_contents (to, data, size, NULL));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The first @n pictures (sorted) of a class folder, with their masks. */
static void
copy_class (const char *dataset,
            const char *class_dir,
            const char *into,
            guint       n)
{
  g_autofree char *src = g_build_filename (datasets_dir (), "magnetic-tile-dev", class_dir, NULL);
  g_autofree char *dst = g_build_filename (dataset, into, NULL);
  g_autoptr(GDir) dir = g_dir_open (src, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dst, 0755), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < n && i < names->len; i++)
    {
      const char *jpg = g_ptr_array_index (names, i);
      g_autofree char *stem = g_strndup (jpg, strlen (jpg) - 4);
      g_autofree char *mask = g_strconcat (stem, ".mask.png", NULL);
      g_autofree char *a = g_build_filename (src, jpg, NULL);
      g_autofree char *b = g_build_filename (dst, jpg, NULL);
      g_autofree char *ma = g_build_filename (src, mask, NULL);
      g_autofree char *mb = g_build_filename (dst, mask, NULL);

      copy_file (a, b);
      copy_file (ma, mb);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcDefectClass) crack = lc_defect_class_new ("Crack", "#e01b24", LC_SEVERITY_MAJOR);
  g_autoptr(LcDefectClass) blowhole = lc_defect_class_new ("Blowhole", "#1c71d8", LC_SEVERITY_MINOR);

  store_fixture_set_up (&fixture->base, data);
  fixture->part = lc_part_type_new ("MT-1", "Magnetic tile");
  lc_part_type_add_defect_class (fixture->part, crack);
  lc_part_type_add_defect_class (fixture->part, blowhole);
  g_assert_true (lc_part_type_save (fixture->part, fixture->base.store, &error));
  g_assert_no_error (error);

  fixture->dataset = g_build_filename (fixture->base.dir, "dataset", NULL);
  copy_class (fixture->dataset, "Free", "Free", N_PER_CLASS);
  copy_class (fixture->dataset, "Crack", "crack", N_PER_CLASS);
  copy_class (fixture->dataset, "Blowhole", "Blowhole", N_PER_CLASS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->part);
  g_free (fixture->dataset);
  store_fixture_tear_down (&fixture->base, data);
}

static LcLabelImportResult *
import_tiles (Fixture  *fixture,
              GError  **error)
{
  return lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), fixture->dataset,
                          "free", LC_LABEL_IMPORT_NONE, NULL, NULL, NULL, error);
}

static gint64
count (Fixture       *fixture,
       LcImageFilter  filter,
       gint64         class_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = lc_label_image_count (fixture->base.store, lc_part_type_get_id (fixture->part),
                                   filter, class_id, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
class_id (Fixture    *fixture,
          const char *name)
{
  return lc_defect_class_get_id (lc_part_type_find_defect_class (fixture->part, name));
}

static void
test_import_class_folders (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) result = NULL;
  g_autoptr(GListStore) cracks = NULL;
  g_autoptr(LcLabelImage) first = NULL;
  g_autoptr(GListStore) annotations = NULL;
  g_autoptr(LcAnnotation) mask = NULL;
  g_autofree char *mask_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = g_build_filename (fixture->dataset, "crack", "broken.jpg", NULL);
  g_autofree char *readme = g_build_filename (fixture->dataset, "README.txt", NULL);
  double x, y, w, h;

  /* A damaged picture and a stray text file among the pictures. */
  g_assert_true (g_file_set_contents (broken, "not a jpeg", -1, NULL));
  g_assert_true (g_file_set_contents (readme, "tiles", -1, NULL));

  result = import_tiles (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_imported, ==, 3 * N_PER_CLASS);
  g_assert_cmpuint (result->n_good, ==, N_PER_CLASS);
  g_assert_cmpuint (result->n_defect, ==, 2 * N_PER_CLASS);
  g_assert_cmpuint (result->n_unlabelled, ==, 0);
  g_assert_cmpuint (result->n_masks, ==, 2 * N_PER_CLASS);
  g_assert_cmpuint (result->n_ignored, ==, 1);
  g_assert_cmpuint (result->damaged->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->damaged, 0), "crack/broken.jpg"));
  text = lc_label_import_result_describe (result);
  g_assert_nonnull (strstr (text, "Imported 15 pictures"));

  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_ALL, 0), ==, 15);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_GOOD, 0), ==, 5);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DEFECT, 0), ==, 10);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_UNLABELLED, 0), ==, 0);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DEFECT_CLASS, class_id (fixture, "Crack")), ==, 5);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DEFECT_CLASS, class_id (fixture, "Blowhole")), ==, 5);
  /* Good pictures' black masks make no region. */
  g_assert_cmpint (lc_test_query_int (fixture->base.store, "SELECT count(*) FROM annotation"), ==, 10);
  g_assert_cmpint (lc_test_query_int (fixture->base.store,
                                      "SELECT count(*) FROM annotation WHERE shape = 'mask' AND author = 'operator'"), ==, 10);

  /* Pictures keep the data set's order and name; the copy is named by its content. */
  cracks = lc_label_image_query (fixture->base.store, lc_part_type_get_id (fixture->part),
                                 LC_IMAGE_FILTER_DEFECT_CLASS, class_id (fixture, "Crack"), &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (G_LIST_MODEL (cracks), 0);
  g_assert_true (g_str_has_prefix (lc_label_image_get_original_name (first), "crack/exp"));
  g_assert_true (g_str_has_prefix (lc_label_image_get_file (first), "images/"));
  g_assert_cmpuint (strlen (lc_label_image_get_file (first)), ==, strlen ("images/") + 64 + 4);
  g_assert_true (g_file_test (lc_label_image_get_path (first), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (lc_label_image_get_width (first), >, 50);
  g_assert_cmpint (lc_label_image_get_label (first), ==, LC_IMAGE_LABEL_DEFECT);

  annotations = lc_annotation_list_for_image (fixture->base.store, lc_label_image_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 1);
  mask = g_list_model_get_item (G_LIST_MODEL (annotations), 0);
  g_assert_cmpint (lc_annotation_get_shape (mask), ==, LC_ANNOTATION_SHAPE_MASK);
  g_assert_cmpint (lc_annotation_get_defect_class_id (mask), ==, class_id (fixture, "Crack"));
  lc_annotation_get_bounds (mask, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (w, <, lc_label_image_get_width (first));
  g_assert_cmpfloat (x + w, <=, lc_label_image_get_width (first));
  mask_path = g_build_filename (lc_store_get_data_dir (fixture->base.store),
                                lc_annotation_get_mask_file (mask), NULL);
  g_assert_true (g_file_test (mask_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_import_twice_keeps_one (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) first = import_tiles (fixture, &error);
  g_autoptr(LcLabelImportResult) second = NULL;

  g_assert_no_error (error);
  second = import_tiles (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_imported, ==, 0);
  g_assert_cmpuint (second->n_duplicates, ==, 3 * N_PER_CLASS);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_ALL, 0), ==, 3 * N_PER_CLASS);
}

static void
test_import_unknown_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) result = NULL;
  g_autoptr(LcPartType) reloaded = NULL;

  copy_class (fixture->dataset, "Fray", "Fray", 2);

  /* Nothing is copied when a folder names no class. */
  result = import_tiles (fixture, &error);
  g_assert_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_UNKNOWN_CLASS);
  g_assert_nonnull (strstr (error->message, "Fray"));
  g_assert_null (result);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_ALL, 0), ==, 0);
  g_clear_error (&error);

  /* Unless asked to add the class. */
  result = lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), fixture->dataset,
                            "Free", LC_LABEL_IMPORT_ADD_CLASSES, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added_classes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->added_classes, 0), ==, "Fray");
  g_assert_cmpuint (result->n_imported, ==, 3 * N_PER_CLASS + 2);
  reloaded = lc_part_type_load (fixture->base.store, lc_part_type_get_id (fixture->part), &error);
  g_assert_no_error (error);
  g_assert_nonnull (lc_part_type_find_defect_class (reloaded, "Fray"));
}

static void
test_import_loose_and_missing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) result = NULL;
  g_autofree char *loose = g_build_filename (fixture->base.dir, "loose", NULL);
  g_autofree char *missing = g_build_filename (fixture->base.dir, "nowhere", NULL);

  copy_class (loose, "Uneven", ".", 3);
  result = lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), loose, NULL,
                            LC_LABEL_IMPORT_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_unlabelled, ==, 3);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_UNLABELLED, 0), ==, 3);
  g_clear_pointer (&result, lc_label_import_result_free);

  result = lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), missing, NULL,
                            LC_LABEL_IMPORT_NONE, NULL, NULL, NULL, &error);
  g_assert_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_FOLDER);
  g_assert_null (result);
}

typedef struct
{
  LcLabelImportResult *result;
  GError              *error;
  guint                last_done;
  guint                total;
  gboolean             done;
} AsyncData;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncData *d = user_data;

  g_assert_cmpuint (done, >, d->last_done);
  d->last_done = done;
  d->total = total;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *d = user_data;

  d->result = lc_label_import_finish (LC_STORE (source), result, &d->error);
  d->done = TRUE;
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  AsyncData d = { 0 };

  lc_label_import_async (fixture->base.store, lc_part_type_get_id (fixture->part), fixture->dataset,
                         "Free", LC_LABEL_IMPORT_NONE, on_progress, &d, NULL, on_imported, &d);
  while (!d.done)
    g_main_context_iteration (NULL, TRUE);
  /* Progress arrives through idle callbacks: let the last ones run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (d.error);
  g_assert_cmpuint (d.result->n_imported, ==, 3 * N_PER_CLASS);
  g_assert_cmpuint (d.total, ==, 3 * N_PER_CLASS);
  g_assert_cmpuint (d.last_done, ==, 3 * N_PER_CLASS);
  /* The main thread's store sees the worker's rows. */
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_ALL, 0), ==, 3 * N_PER_CLASS);
  lc_label_import_result_free (d.result);
}

static gint64
first_image (Fixture       *fixture,
             LcImageFilter  filter)
{
  g_autoptr(GListStore) images = lc_label_image_query (fixture->base.store, lc_part_type_get_id (fixture->part),
                                                       filter, 0, NULL);
  g_autoptr(LcLabelImage) image = g_list_model_get_item (G_LIST_MODEL (images), 0);

  g_assert_nonnull (image);
  return lc_label_image_get_id (image);
}

static char *
image_label (Fixture *fixture,
             gint64   image_id)
{
  g_autoptr(LcLabelImage) image = lc_label_image_load (fixture->base.store, image_id, NULL);

  return g_strdup (lc_image_label_to_string (lc_label_image_get_label (image)));
}

static gint64
operator_regions (Fixture *fixture,
                  gint64   image_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM annotation WHERE image_id = %"
                                          G_GINT64_FORMAT " AND author = 'operator'", image_id);
  return lc_test_query_int (fixture->base.store, sql);
}

static void
test_session_undo_redo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelSession) session = lc_label_session_new (fixture->base.store);
  g_autoptr(LcLabelImportResult) result = NULL;
  g_autoptr(LcAnnotation) box = lc_annotation_new_box (class_id (fixture, "Crack"), 40, 30, -20, 10);
  g_autoptr(LcAnnotation) outside = lc_annotation_new_box (class_id (fixture, "Crack"), 0, 0, 5000, 10);
  LcPoint triangle[] = { { 10, 10 }, { 30, 10 }, { 20, 25 } };
  g_autoptr(LcAnnotation) polygon = lc_annotation_new_polygon (class_id (fixture, "Blowhole"), triangle, 3);
  g_autofree char *loose = g_build_filename (fixture->base.dir, "loose", NULL);
  g_autofree char *label = NULL;
  gint64 image, good_image, box_id;
  double x, y, w, h;

  copy_class (loose, "Uneven", ".", 2);
  result = lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), loose, NULL,
                            LC_LABEL_IMPORT_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  image = first_image (fixture, LC_IMAGE_FILTER_UNLABELLED);
  g_assert_false (lc_label_session_can_undo (session));

  /* A box dragged up-left is stored with a positive size; the picture is defective. */
  g_assert_true (lc_label_session_add_annotation (session, image, box, &error));
  g_assert_no_error (error);
  label = image_label (fixture, image);
  g_assert_cmpstr (label, ==, "defect");
  g_clear_pointer (&label, g_free);
  box_id = lc_test_query_int (fixture->base.store, "SELECT max(id) FROM annotation");
  {
    g_autoptr(GListStore) list = lc_annotation_list_for_image (fixture->base.store, image, NULL);
    g_autoptr(LcAnnotation) stored = g_list_model_get_item (G_LIST_MODEL (list), 0);
    lc_annotation_get_bounds (stored, &x, &y, &w, &h);
    g_assert_cmpfloat (x, ==, 20);
    g_assert_cmpfloat (w, ==, 20);
    g_assert_cmpint (lc_annotation_get_shape (stored), ==, LC_ANNOTATION_SHAPE_BOX);
  }
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DEFECT_CLASS, class_id (fixture, "Crack")), ==, 1);

  /* A region off the picture is refused and changes nothing. */
  g_assert_false (lc_label_session_add_annotation (session, image, outside, &error));
  g_assert_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (operator_regions (fixture, image), ==, 1);

  g_assert_true (lc_label_session_add_annotation (session, image, polygon, &error));
  g_assert_no_error (error);
  g_assert_cmpint (operator_regions (fixture, image), ==, 2);

  /* Good takes the regions away in one step, undone in one step. */
  g_assert_true (lc_label_session_mark_good (session, image, &error));
  g_assert_no_error (error);
  label = image_label (fixture, image);
  g_assert_cmpstr (label, ==, "good");
  g_clear_pointer (&label, g_free);
  g_assert_cmpint (operator_regions (fixture, image), ==, 0);
  g_assert_cmpstr (lc_label_session_get_undo_label (session), ==, "good");

  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (operator_regions (fixture, image), ==, 2);
  label = image_label (fixture, image);
  g_assert_cmpstr (label, ==, "defect");
  g_clear_pointer (&label, g_free);

  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_no_error (error);
  g_assert_false (lc_label_session_can_undo (session));
  g_assert_true (lc_label_session_can_redo (session));
  g_assert_cmpint (operator_regions (fixture, image), ==, 0);
  label = image_label (fixture, image);
  g_assert_cmpstr (label, ==, "unlabelled");
  g_clear_pointer (&label, g_free);
  g_assert_cmpint (lc_test_query_int (fixture->base.store, "SELECT count(*) FROM image WHERE labelled_at IS NOT NULL"), ==, 0);

  /* Redo puts the same rows back, ids and all. */
  g_assert_true (lc_label_session_redo (session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (fixture->base.store, "SELECT max(id) FROM annotation"), ==, box_id);
  g_assert_true (lc_label_session_redo (session, &error));
  g_assert_cmpint (operator_regions (fixture, image), ==, 2);

  /* A new change forgets what could be redone. */
  good_image = first_image (fixture, LC_IMAGE_FILTER_UNLABELLED);
  g_assert_cmpint (good_image, !=, image);
  g_assert_true (lc_label_session_mark_good (session, good_image, &error));
  g_assert_false (lc_label_session_can_redo (session));
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_GOOD, 0), ==, 1);

  /* Removing the last region leaves the picture unlabelled. */
  g_assert_true (lc_label_session_clear (session, image, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_UNLABELLED, 0), ==, 1);
  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_true (lc_label_session_remove_annotation (session, box_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (operator_regions (fixture, image), ==, 1);
  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_cmpint (operator_regions (fixture, image), ==, 2);
}

static void
test_session_mask (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelSession) session = lc_label_session_new (fixture->base.store);
  g_autoptr(LcLabelImportResult) result = NULL;
  g_autoptr(LcAnnotation) mask = NULL;
  g_autoptr(LcAnnotation) smaller = NULL;
  g_autofree char *loose = g_build_filename (fixture->base.dir, "loose", NULL);
  g_autofree char *file = NULL;
  g_autofree char *file2 = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autoptr(LcLabelImage) image = NULL;
  int x, y, w, h, width, height;
  gint64 mask_id;

  copy_class (loose, "Uneven", ".", 1);
  result = lc_label_import (fixture->base.store, lc_part_type_get_id (fixture->part), loose, NULL,
                            LC_LABEL_IMPORT_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  image = lc_label_image_load (fixture->base.store, first_image (fixture, LC_IMAGE_FILTER_ALL), &error);
  width = lc_label_image_get_width (image);
  height = lc_label_image_get_height (image);

  /* A brushed disc of radius 10 at (50, 60). */
  pixels = g_malloc0 ((gsize) width * height);
  for (int j = 0; j < height; j++)
    for (int i = 0; i < width; i++)
      if ((i - 50) * (i - 50) + (j - 60) * (j - 60) <= 100)
        pixels[j * width + i] = 200;
  file = lc_annotation_store_mask (fixture->base.store, pixels, width, height, width, &x, &y, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (file, "images/"));
  g_assert_cmpint (x, ==, 40);
  g_assert_cmpint (y, ==, 50);
  g_assert_cmpint (w, ==, 21);
  g_assert_cmpint (h, ==, 21);
  mask = lc_annotation_new_mask (class_id (fixture, "Crack"), file, x, y, w, h);
  g_assert_true (lc_label_session_add_annotation (session, lc_label_image_get_id (image), mask, &error));
  g_assert_no_error (error);
  mask_id = lc_test_query_int (fixture->base.store, "SELECT max(id) FROM annotation");

  /* The eraser takes half of it: one step replaces the mask. */
  for (int j = 0; j < height; j++)
    for (int i = 0; i < 50; i++)
      pixels[j * width + i] = 0;
  file2 = lc_annotation_store_mask (fixture->base.store, pixels, width, height, width, &x, &y, &w, &h, &error);
  g_assert_cmpstr (file2, !=, file);
  g_assert_cmpint (w, ==, 11);
  smaller = lc_annotation_new_mask (class_id (fixture, "Crack"), file2, x, y, w, h);
  g_assert_true (lc_label_session_replace_annotation (session, lc_label_image_get_id (image), mask_id,
                                                      smaller, &error));
  g_assert_no_error (error);
  g_assert_cmpint (operator_regions (fixture, lc_label_image_get_id (image)), ==, 1);
  g_assert_cmpint (lc_test_query_int (fixture->base.store, "SELECT count(*) FROM annotation WHERE geometry LIKE '%\"width\":11.0%'"), ==, 1);
  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_cmpint (lc_test_query_int (fixture->base.store, "SELECT count(*) FROM annotation WHERE geometry LIKE '%\"width\":21.0%'"), ==, 1);
  g_assert_cmpint (operator_regions (fixture, lc_label_image_get_id (image)), ==, 1);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_store_exec (fixture->base.store, sql, &error));
  g_assert_no_error (error);
}

static void
test_filters_disagree_review (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) result = import_tiles (fixture, &error);
  g_autoptr(LcLabelSession) session = lc_label_session_new (fixture->base.store);
  g_autofree char *sql = NULL;
  gint64 part = lc_part_type_get_id (fixture->part);
  gint64 crack = class_id (fixture, "Crack"), blowhole = class_id (fixture, "Blowhole");
  gint64 good, defect;

  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DISAGREE, 0), ==, 0);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_REVIEW, 0), ==, 0);
  good = first_image (fixture, LC_IMAGE_FILTER_GOOD);
  sql = g_strdup_printf ("SELECT min(image_id) FROM annotation WHERE defect_class_id = %" G_GINT64_FORMAT, crack);
  defect = lc_test_query_int (fixture->base.store, sql);
  g_clear_pointer (&sql, g_free);

  /* The model found a crack on a good picture, and called a Crack picture a blowhole. */
  sql = g_strdup_printf ("INSERT INTO annotation (image_id, defect_class_id, shape, geometry, author, score, created_at)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'box', '{\"x\":1,\"y\":1,\"width\":5,\"height\":5}', 'model', 0.9, 1),"
                         " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'box', '{\"x\":1,\"y\":1,\"width\":5,\"height\":5}', 'model', 0.8, 1)",
                         good, crack, defect, blowhole);
  exec_sql (fixture, sql);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DISAGREE, 0), ==, 2);
  /* The model's regions are not the operator's labels. */
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DEFECT_CLASS, blowhole), ==, 5);
  g_assert_cmpint (operator_regions (fixture, good), ==, 0);

  /* An overridden verdict and an unsure picture wait for review until labelled. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO inspection (id, part_type_id, started_at, recorded_at, verdict,"
                         " suggested_verdict, decided_by) VALUES (1, %" G_GINT64_FORMAT ", 1, 1, 'fail', 'pass',"
                         " 'operator-override');"
                         "INSERT INTO image (part_type_id, inspection_id, file, width, height, captured_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 1, 'images/a.png', 100, 100, 2);"
                         "INSERT INTO image (part_type_id, file, width, height, captured_at, review)"
                         " VALUES (%" G_GINT64_FORMAT ", 'images/b.png', 100, 100, 3, 1);",
                         part, part, part);
  exec_sql (fixture, sql);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_REVIEW, 0), ==, 2);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_UNLABELLED, 0), ==, 2);
  g_assert_true (lc_label_session_mark_good (session, first_image (fixture, LC_IMAGE_FILTER_REVIEW), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_REVIEW, 0), ==, 1);
  /* The overridden inspection failed a part the model passed: labelled good now, it agrees
   * with the model, so it is not a disagreement. */
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_DISAGREE, 0), ==, 2);
  g_assert_true (lc_label_session_undo (session, &error));
  g_assert_cmpint (count (fixture, LC_IMAGE_FILTER_REVIEW, 0), ==, 2);
}

static void
test_cli_import (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *cli = g_getenv ("LC_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  int status;
  const char *argv[] = { cli, "--db", fixture->base.path, "label", "import", "--part", "MT-1",
                         "--dir", fixture->dataset, "--good", "Free", "--format", "json", NULL };
  const char *bad_argv[] = { cli, "--db", fixture->base.path, "label", "import", "--part", "MT-1",
                             "--dir", fixture->dataset, NULL };
  const char *list_argv[] = { cli, "--db", fixture->base.path, "label", "list", "--part", "MT-1",
                              "--class", "Blowhole", NULL };

  g_assert_nonnull (cli);
  /* Without --good, "Free" names no class: refused, in words. */
  g_assert_true (g_spawn_sync (NULL, (char **) bad_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "Free"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "imported"), ==, 3 * N_PER_CLASS);
  g_assert_cmpint (json_object_get_int_member (object, "masks"), ==, 2 * N_PER_CLASS);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) list_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, N_PER_CLASS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/label/import/magnetic-tile-class-folders-masks-damaged", test_import_class_folders);
  ADD ("/label/import/twice-keeps-one-copy", test_import_twice_keeps_one);
  ADD ("/label/import/unknown-folder-refused-or-added", test_import_unknown_folder);
  ADD ("/label/import/loose-pictures-unlabelled-missing-folder", test_import_loose_and_missing);
  ADD ("/label/import/async-progress", test_import_async);
  ADD ("/label/session/box-polygon-good-undo-redo", test_session_undo_redo);
  ADD ("/label/session/brushed-mask-replaced-undone", test_session_mask);
  ADD ("/label/filters/disagree-and-review-queue", test_filters_disagree_review);
  ADD ("/label/cli/import-and-list", test_cli_import);
#undef ADD

  return g_test_run ();
}

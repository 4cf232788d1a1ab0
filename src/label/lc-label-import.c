#include "lc-config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lc-annotation.h"
#include "vision/lc-camera-image.h"
#include "lc-label-image.h"
#include "lc-label-import.h"
#include "lc-part-type.h"

/* One transaction per this many pictures: each commit syncs the disk (synchronous=FULL),
 * so one per picture would be slow, and one for all would lose everything to a crash. */
#define BATCH_SIZE 25

static const char * const picture_extensions[] = {
  ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".pgm", ".ppm", ".pnm",
};

/* Colours of defect classes an import creates, in turn (GNOME palette). */
static const char * const class_colors[] = {
  "#e01b24", "#e5a50a", "#1c71d8", "#9141ac", "#c64600", "#2ec27e", "#63452c", "#241f31",
};

typedef struct
{
  char         *folder;        /* as on disk; NULL for loose pictures */
  LcImageLabel  label;
  gint64        defect_class_id;
  GPtrArray    *files;         /* picture names in the folder, sorted */
} Folder;

static void
folder_free (gpointer data)
{
  Folder *folder = data;

  g_free (folder->folder);
  g_ptr_array_unref (folder->files);
  g_free (folder);
}

void
lc_label_import_result_free (LcLabelImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->damaged);
  g_ptr_array_unref (result->added_classes);
  g_free (result);
}

static LcLabelImportResult *
result_new (void)
{
  LcLabelImportResult *result = g_new0 (LcLabelImportResult, 1);

  result->damaged = g_ptr_array_new_with_free_func (g_free);
  result->added_classes = g_ptr_array_new_with_free_func (g_free);
  return result;
}

char *
lc_label_import_result_describe (LcLabelImportResult *result)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Imported %u picture",
                                             "Imported %u pictures", result->n_imported),
                          result->n_imported);
  g_string_append_printf (text, _(": %u good, %u with defects (%u with a drawn mask), %u unlabelled."),
                          result->n_good, result->n_defect, result->n_masks, result->n_unlabelled);
  if (result->n_duplicates > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u picture was already there and was left as it was.",
                                                 "%u pictures were already there and were left as they were.",
                                                 result->n_duplicates),
                              result->n_duplicates);
    }
  if (result->added_classes->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (result->added_classes, NULL);
      names = g_strjoinv (", ", (char **) result->added_classes->pdata);
      g_ptr_array_set_size (result->added_classes, result->added_classes->len - 1);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("New defect classes: %s."), names);
    }
  if (result->damaged->len > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u file could not be read as a picture and was skipped:",
                                                 "%u files could not be read as pictures and were skipped:",
                                                 result->damaged->len),
                              result->damaged->len);
      for (guint i = 0; i < result->damaged->len && i < 5; i++)
        g_string_append_printf (text, "\n  %s", (char *) g_ptr_array_index (result->damaged, i));
      if (result->damaged->len > 5)
        g_string_append (text, "\n  …");
    }
  if (result->cancelled)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("The import was stopped; the pictures imported until then were kept."));
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_mask_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".mask.png");
}

static gboolean
is_picture_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (is_mask_name (name))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (picture_extensions); i++)
    if (g_str_has_suffix (lower, picture_extensions[i]))
      return TRUE;
  return FALSE;
}

/* "Pitted_surface", "pitted-surface" and "Pitted surface" name the same class. */
static char *
class_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      char c = (*p == '_' || *p == '-') ? ' ' : *p;

      if (c == ' ' && (key->len == 0 || key->str[key->len - 1] == ' '))
        continue;
      g_string_append_c (key, c);
    }
  if (key->len > 0 && key->str[key->len - 1] == ' ')
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

static LcDefectClass *
find_class (LcPartType *part,
            const char *folder)
{
  g_autofree char *wanted = class_key (folder);
  GListModel *classes = lc_part_type_get_defect_classes (part);

  for (guint i = 0; i < g_list_model_get_n_items (classes); i++)
    {
      g_autoptr(LcDefectClass) dc = g_list_model_get_item (classes, i);
      g_autofree char *key = class_key (lc_defect_class_get_name (dc));

      if (!lc_defect_class_get_archived (dc) && g_str_equal (key, wanted))
        return g_steal_pointer (&dc);
    }
  return NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_pictures (const char          *path,
               LcLabelImportResult *result,
               GError             **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  GPtrArray *files;
  const char *name;

  if (dir == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' || !g_file_test (child, G_FILE_TEST_IS_REGULAR))
        continue;
      if (is_picture_name (name))
        g_ptr_array_add (files, g_strdup (name));
      else if (!is_mask_name (name))
        result->n_ignored++;
    }
  g_ptr_array_sort (files, compare_names);
  return files;
}

/* A colour no class of the part type wears yet, so the new class stands out on the canvas. */
static const char *
unused_color (LcPartType *part)
{
  GListModel *classes = lc_part_type_get_defect_classes (part);
  guint n = g_list_model_get_n_items (classes);

  for (guint c = 0; c < G_N_ELEMENTS (class_colors); c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(LcDefectClass) dc = g_list_model_get_item (classes, i);
          used = g_ascii_strcasecmp (lc_defect_class_get_color (dc), class_colors[c]) == 0;
        }
      if (!used)
        return class_colors[c];
    }
  return class_colors[n % G_N_ELEMENTS (class_colors)];
}

/* Reads the folder's layout and matches class folders to defect classes, before anything
 * is copied: a folder that matches nothing stops the import here, with nothing half done. */
static GPtrArray *
plan_folders (LcStore              *store,
              LcPartType           *part,
              const char           *dir,
              const char           *good_name,
              LcLabelImportFlags    flags,
              LcLabelImportResult  *result,
              GError              **error)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (folder_free);
  g_autoptr(GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) handle = NULL;
  g_autofree char *good_key = class_key (good_name != NULL ? good_name : LC_LABEL_IMPORT_DEFAULT_GOOD);
  Folder *loose;
  const char *name;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_FOLDER,
                   _("The folder %s does not exist or is not a folder."), dir);
      return NULL;
    }
  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_FOLDER,
                   _("The folder %s cannot be read: %s"), dir, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (subdirs, g_strdup (name));
    }
  g_ptr_array_sort (subdirs, compare_names);

  loose = g_new0 (Folder, 1);
  loose->label = LC_IMAGE_LABEL_UNLABELLED;
  loose->files = list_pictures (dir, result, &local_error);
  if (loose->files == NULL)
    {
      folder_free (loose);
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_FOLDER,
                   _("The folder %s cannot be read: %s"), dir, local_error->message);
      return NULL;
    }
  g_ptr_array_add (folders, loose);

  for (guint i = 0; i < subdirs->len; i++)
    {
      const char *sub = g_ptr_array_index (subdirs, i);
      g_autofree char *key = class_key (sub);
      g_autoptr(LcDefectClass) dc = NULL;

      if (g_str_equal (key, good_key))
        continue;
      dc = find_class (part, sub);
      if (dc == NULL)
        g_ptr_array_add (unknown, g_strdup (sub));
    }

  if (unknown->len > 0 && !(flags & LC_LABEL_IMPORT_ADD_CLASSES))
    {
      GListModel *classes = lc_part_type_get_defect_classes (part);
      g_autoptr(GString) known = g_string_new (NULL);
      g_autofree char *names = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (classes); i++)
        {
          g_autoptr(LcDefectClass) dc = g_list_model_get_item (classes, i);
          if (lc_defect_class_get_archived (dc))
            continue;
          if (known->len > 0)
            g_string_append (known, ", ");
          g_string_append (known, lc_defect_class_get_name (dc));
        }
      g_ptr_array_add (unknown, NULL);
      names = g_strjoinv (", ", (char **) unknown->pdata);
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_UNKNOWN_CLASS,
                   _("These folders name no defect class of %s: %s. Its classes are: %s; the good "
                     "parts' folder is “%s”. Rename the folders, add the classes on the Parts page, "
                     "or let the import add them. Nothing was imported."),
                   lc_part_type_get_code (part), names,
                   known->len > 0 ? known->str : C_("defect classes", "none"),
                   good_name != NULL ? good_name : LC_LABEL_IMPORT_DEFAULT_GOOD);
      return NULL;
    }

  if (unknown->len > 0)
    {
      for (guint i = 0; i < unknown->len; i++)
        {
          const char *sub = g_ptr_array_index (unknown, i);
          g_autoptr(LcDefectClass) dc = lc_defect_class_new (sub, unused_color (part), LC_SEVERITY_MAJOR);

          lc_part_type_add_defect_class (part, dc);
          g_ptr_array_add (result->added_classes, g_strdup (sub));
        }
      if (!lc_part_type_save (part, store, error))
        return NULL;
    }

  for (guint i = 0; i < subdirs->len; i++)
    {
      const char *sub = g_ptr_array_index (subdirs, i);
      g_autofree char *key = class_key (sub);
      g_autofree char *path = g_build_filename (dir, sub, NULL);
      Folder *folder = g_new0 (Folder, 1);

      folder->folder = g_strdup (sub);
      if (g_str_equal (key, good_key))
        folder->label = LC_IMAGE_LABEL_GOOD;
      else
        {
          g_autoptr(LcDefectClass) dc = find_class (part, sub);

          folder->label = LC_IMAGE_LABEL_DEFECT;
          folder->defect_class_id = lc_defect_class_get_id (dc);
        }
      folder->files = list_pictures (path, result, &local_error);
      if (folder->files == NULL)
        {
          folder_free (folder);
          g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_FOLDER,
                       _("The folder %s cannot be read: %s"), path, local_error->message);
          return NULL;
        }
      g_ptr_array_add (folders, folder);
    }
  return g_steal_pointer (&folders);
}

typedef struct
{
  int     width;
  int     height;
  int     channels;
  guint8 *pixels;
} Decoded;

static gboolean
decode_file (const char  *path,
             GBytes     **bytes_out,
             Decoded     *decoded,
             char       **why)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &error))
    {
      *why = g_strdup (error->message);
      return FALSE;
    }
  if (lc_camera_image_decode ((const guint8 *) data, size, &decoded->width, &decoded->height,
                              &decoded->channels, &decoded->pixels) != LC_CAMERA_IMAGE_OK)
    {
      g_free (data);
      *why = g_strdup (_("not a picture, or the file is damaged"));
      return FALSE;
    }
  if (bytes_out != NULL)
    *bytes_out = g_bytes_new_take (data, size);
  else
    g_free (data);
  return TRUE;
}

static char *
stored_name (GBytes     *bytes,
             const char *original)
{
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *lower = g_ascii_strdown (original, -1);
  const char *dot = strrchr (lower, '.');
  const char *ext = dot != NULL ? dot : ".png";

  if (g_str_equal (ext, ".jpeg"))
    ext = ".jpg";
  else if (g_str_equal (ext, ".tiff"))
    ext = ".tif";
  return g_strconcat (hash, ext, NULL);
}

static gint64
find_existing (LcStore     *store,
               gint64       part_type_id,
               const char  *file,
               GError     **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT id FROM image WHERE part_type_id = ? AND file = ?",
                                         error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gint64
insert_image (LcStore      *store,
              gint64        part_type_id,
              const char   *file,
              const Decoded *decoded,
              LcImageLabel  label,
              const char   *original_name,
              GError      **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "INSERT INTO image (part_type_id, file, width, height, captured_at,"
                                         " label, source, original_name, labelled_at, labelled_by)"
                                         " VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?, ?)", error);
  gint64 now = lc_store_now ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, decoded->width);
  sqlite3_bind_int (stmt, 4, decoded->height);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, lc_image_label_to_string (label), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, original_name, -1, SQLITE_TRANSIENT);
  lc_store_bind_id_or_null (stmt, 8, label != LC_IMAGE_LABEL_UNLABELLED ? now : 0);
  lc_store_bind_id_or_null (stmt, 9, label != LC_IMAGE_LABEL_UNLABELLED ? lc_store_get_actor_id (store) : 0);
  if (!lc_store_step_done (store, stmt, error))
    return 0;
  return lc_store_last_insert_id (store);
}

/* The defect's region: the mask file's white pixels when there is one that fits the
 * picture, else the whole picture. */
static LcAnnotation *
defect_region (LcStore              *store,
               const char           *folder_path,
               const char           *name,
               const char           *original_name,
               gint64                defect_class_id,
               const Decoded        *picture,
               LcLabelImportResult  *result,
               GError              **error)
{
  g_autofree char *stem = g_strndup (name, strrchr (name, '.') != NULL ? (gsize) (strrchr (name, '.') - name)
                                                                        : strlen (name));
  g_autofree char *mask_name = g_strconcat (stem, ".mask.png", NULL);
  g_autofree char *mask_path = g_build_filename (folder_path, mask_name, NULL);
  g_autofree char *why = NULL;
  g_autofree char *file = NULL;
  Decoded mask = { 0 };
  int x, y, width, height;

  if (g_file_test (mask_path, G_FILE_TEST_IS_REGULAR))
    {
      if (!decode_file (mask_path, NULL, &mask, &why))
        g_ptr_array_add (result->damaged, g_strdup_printf (_("%s (its mask: %s)"), original_name, why));
      else if (mask.width != picture->width || mask.height != picture->height)
        g_ptr_array_add (result->damaged,
                         g_strdup_printf (_("%s (its mask is %d×%d pixels, the picture %d×%d: mask not used)"),
                                          original_name, mask.width, mask.height,
                                          picture->width, picture->height));
      else
        {
          /* Any channel lit counts: masks come as gray or as RGB. */
          if (mask.channels > 1)
            for (int i = 0; i < mask.width * mask.height; i++)
              mask.pixels[i] = mask.pixels[i * mask.channels] | mask.pixels[i * mask.channels + 1] |
                               mask.pixels[i * mask.channels + 2];
          file = lc_annotation_store_mask (store, mask.pixels, mask.width, mask.height, mask.width,
                                           &x, &y, &width, &height, error);
          g_free (mask.pixels);
          if (file == NULL)
            return NULL;
          if (width > 0 && height > 0)
            {
              result->n_masks++;
              return lc_annotation_new_mask (defect_class_id, file, x, y, width, height);
            }
        }
      g_free (mask.pixels);
    }
  return lc_annotation_new_box (defect_class_id, 0, 0, picture->width, picture->height);
}

static gboolean
import_picture (LcStore              *store,
                gint64                part_type_id,
                const char           *images_dir,
                const char           *dir,
                Folder               *folder,
                const char           *name,
                LcLabelImportResult  *result,
                GError              **error)
{
  g_autofree char *folder_path = folder->folder != NULL ? g_build_filename (dir, folder->folder, NULL)
                                                        : g_strdup (dir);
  g_autofree char *path = g_build_filename (folder_path, name, NULL);
  g_autofree char *original_name = folder->folder != NULL ? g_strdup_printf ("%s/%s", folder->folder, name)
                                                          : g_strdup (name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *stored_path = NULL;
  g_autofree char *file = NULL;
  Decoded picture = { 0 };
  gint64 existing, image_id;

  if (!decode_file (path, &bytes, &picture, &why))
    {
      g_ptr_array_add (result->damaged, g_strdup_printf ("%s (%s)", original_name, why));
      return TRUE;
    }
  g_clear_pointer (&picture.pixels, g_free);

  stored = stored_name (bytes, name);
  file = g_build_filename ("images", stored, NULL);
  existing = find_existing (store, part_type_id, file, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      result->n_duplicates++;
      return TRUE;
    }

  stored_path = g_build_filename (images_dir, stored, NULL);
  if (!g_file_test (stored_path, G_FILE_TEST_IS_REGULAR) &&
      !g_file_set_contents_full (stored_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_WRITE,
                   _("The picture %s could not be copied into the images folder: %s"),
                   original_name, local_error->message);
      return FALSE;
    }

  image_id = insert_image (store, part_type_id, file, &picture, folder->label, original_name, error);
  if (image_id == 0)
    return FALSE;
  if (folder->label == LC_IMAGE_LABEL_DEFECT)
    {
      g_autoptr(LcAnnotation) region = defect_region (store, folder_path, name, original_name,
                                                      folder->defect_class_id, &picture, result, error);
      if (region == NULL || !lc_annotation_insert (region, store, image_id, error))
        return FALSE;
    }
  result->n_imported++;
  if (folder->label == LC_IMAGE_LABEL_GOOD)
    result->n_good++;
  else if (folder->label == LC_IMAGE_LABEL_DEFECT)
    result->n_defect++;
  else
    result->n_unlabelled++;
  return TRUE;
}

LcLabelImportResult *
lc_label_import (LcStore               *store,
                 gint64                 part_type_id,
                 const char            *dir,
                 const char            *good_name,
                 LcLabelImportFlags     flags,
                 LcLabelImportProgress  progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(LcLabelImportResult) result = result_new ();
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autofree char *images_dir = NULL;
  guint total = 0, done = 0;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  part = lc_part_type_load (store, part_type_id, error);
  if (part == NULL)
    return NULL;
  folders = plan_folders (store, part, dir, good_name, flags, result, error);
  if (folders == NULL)
    return NULL;

  images_dir = lc_store_get_images_dir (store);
  if (g_mkdir_with_parents (images_dir, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_WRITE,
                   _("The folder for pictures %s cannot be created: %s"), images_dir, g_strerror (saved));
      return NULL;
    }

  for (guint f = 0; f < folders->len; f++)
    total += ((Folder *) g_ptr_array_index (folders, f))->files->len;

  if (!lc_store_begin (store, error))
    return NULL;
  for (guint f = 0; f < folders->len && !result->cancelled; f++)
    {
      Folder *folder = g_ptr_array_index (folders, f);

      for (guint i = 0; i < folder->files->len; i++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              result->cancelled = TRUE;
              break;
            }
          if (!import_picture (store, part_type_id, images_dir, dir, folder,
                               g_ptr_array_index (folder->files, i), result, error))
            {
              /* Keep what the earlier batches committed; this batch goes. */
              lc_store_rollback (store);
              return NULL;
            }
          done++;
          if (done % BATCH_SIZE == 0 &&
              (!lc_store_commit (store, error) || !lc_store_begin (store, error)))
            return NULL;
          if (progress != NULL)
            progress (done, total, progress_data);
        }
    }
  if (!lc_store_commit (store, error))
    return NULL;
  lc_store_notify_changed (store, "image", 0);
  return g_steal_pointer (&result);
}

/* Async: the worker has its own store on the same file. */

typedef struct
{
  char                  *db_path;
  gint64                 actor_id;
  char                  *actor_name;
  gint64                 part_type_id;
  char                  *dir;
  char                  *good_name;
  LcLabelImportFlags     flags;
  LcLabelImportProgress  progress;
  gpointer               progress_data;
  GMainContext          *context;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_free (d->db_path);
  g_free (d->actor_name);
  g_free (d->dir);
  g_free (d->good_name);
  g_main_context_unref (d->context);
  g_free (d);
}

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ProgressData;

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressData *p = user_data;
  ImportData *d = g_task_get_task_data (p->task);

  if (!g_task_had_error (p->task) && !g_cancellable_is_cancelled (g_task_get_cancellable (p->task)))
    d->progress (p->done, p->total, d->progress_data);
  g_object_unref (p->task);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  GTask *task = user_data;
  ImportData *d = g_task_get_task_data (task);
  ProgressData *p;

  if (d->progress == NULL)
    return;
  p = g_new0 (ProgressData, 1);
  p->task = g_object_ref (task);
  p->done = done;
  p->total = total;
  g_main_context_invoke (d->context, report_progress_cb, p);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (d->db_path, &error);
  LcLabelImportResult *result;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  lc_store_set_actor (store, d->actor_id, d->actor_name);
  result = lc_label_import (store, d->part_type_id, d->dir, d->good_name, d->flags,
                            worker_progress, task, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lc_label_import_result_free);
}

void
lc_label_import_async (LcStore               *store,
                       gint64                 part_type_id,
                       const char            *dir,
                       const char            *good_name,
                       LcLabelImportFlags     flags,
                       LcLabelImportProgress  progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *d;

  g_return_if_fail (LC_IS_STORE (store));
  g_return_if_fail (dir != NULL);

  d = g_new0 (ImportData, 1);
  d->db_path = g_strdup (lc_store_get_path (store));
  d->actor_id = lc_store_get_actor_id (store);
  d->actor_name = g_strdup (lc_store_get_actor_name (store));
  d->part_type_id = part_type_id;
  d->dir = g_strdup (dir);
  d->good_name = g_strdup (good_name);
  d->flags = flags;
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_label_import_async);
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

LcLabelImportResult *
lc_label_import_finish (LcStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  LcLabelImportResult *import;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  import = g_task_propagate_pointer (G_TASK (result), error);
  /* Tell this thread's listeners: the worker's own store had none. Also after an error,
   * since the batches committed before it stay. */
  lc_store_notify_changed (store, "image", 0);
  if (import != NULL && import->added_classes->len > 0)
    lc_store_notify_changed (store, "part_type", 0);
  return import;
}

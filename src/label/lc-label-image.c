#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-label-image.h"

G_DEFINE_QUARK (lc-label-error-quark, lc_label_error)

struct _LcLabelImage
{
  GObject       parent_instance;

  gint64        id;
  gint64        part_type_id;
  char         *file;
  char         *path;
  int           width;
  int           height;
  LcImageLabel  label;
  gboolean      review;
  char         *original_name;
  gint64        captured_at;
  GArray       *defect_class_ids;
};

G_DEFINE_FINAL_TYPE (LcLabelImage, lc_label_image, G_TYPE_OBJECT)

static const char * const label_names[] = { "unlabelled", "good", "defect" };

const char *
lc_image_label_to_string (LcImageLabel label)
{
  g_return_val_if_fail (label <= LC_IMAGE_LABEL_DEFECT, "unlabelled");
  return label_names[label];
}

gboolean
lc_image_label_from_string (const char   *text,
                            LcImageLabel *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_names); i++)
    if (g_strcmp0 (text, label_names[i]) == 0)
      {
        *label = i;
        return TRUE;
      }
  return FALSE;
}

static void
lc_label_image_finalize (GObject *object)
{
  LcLabelImage *self = LC_LABEL_IMAGE (object);

  g_free (self->file);
  g_free (self->path);
  g_free (self->original_name);
  g_clear_pointer (&self->defect_class_ids, g_array_unref);

  G_OBJECT_CLASS (lc_label_image_parent_class)->finalize (object);
}

static void
lc_label_image_class_init (LcLabelImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_label_image_finalize;
}

static void
lc_label_image_init (LcLabelImage *self)
{
  self->defect_class_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

gint64
lc_label_image_get_id (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), 0);
  return self->id;
}

gint64
lc_label_image_get_part_type_id (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), 0);
  return self->part_type_id;
}

const char *
lc_label_image_get_file (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), NULL);
  return self->file;
}

const char *
lc_label_image_get_path (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), NULL);
  return self->path;
}

int
lc_label_image_get_width (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), 0);
  return self->width;
}

int
lc_label_image_get_height (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), 0);
  return self->height;
}

LcImageLabel
lc_label_image_get_label (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), LC_IMAGE_LABEL_UNLABELLED);
  return self->label;
}

gboolean
lc_label_image_get_review (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), FALSE);
  return self->review;
}

const char *
lc_label_image_get_original_name (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), "");
  return self->original_name;
}

gint64
lc_label_image_get_captured_at (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), 0);
  return self->captured_at;
}

GArray *
lc_label_image_get_defect_class_ids (LcLabelImage *self)
{
  g_return_val_if_fail (LC_IS_LABEL_IMAGE (self), NULL);
  return self->defect_class_ids;
}

#define IMAGE_COLUMNS \
  "SELECT i.id, i.part_type_id, i.file, i.width, i.height, i.label, i.review, i.original_name," \
  " i.captured_at," \
  " (SELECT group_concat (defect_class_id) FROM (SELECT defect_class_id FROM annotation" \
  "   WHERE image_id = i.id AND author = 'operator' AND defect_class_id IS NOT NULL ORDER BY id))" \
  " FROM image i LEFT JOIN inspection s ON s.id = i.inspection_id"

/* What the model said about the picture: a region it named, or the verdict it suggested. */
#define MODEL_REGION \
  "EXISTS (SELECT 1 FROM annotation m WHERE m.image_id = i.id AND m.author = 'model'" \
  " AND m.defect_class_id IS NOT NULL)"

static const char * const filter_conditions[] = {
  [LC_IMAGE_FILTER_ALL] = "1",
  [LC_IMAGE_FILTER_UNLABELLED] = "i.label = 'unlabelled'",
  [LC_IMAGE_FILTER_GOOD] = "i.label = 'good'",
  [LC_IMAGE_FILTER_DEFECT] = "i.label = 'defect'",
  [LC_IMAGE_FILTER_DEFECT_CLASS] =
    "EXISTS (SELECT 1 FROM annotation a WHERE a.image_id = i.id AND a.author = 'operator'"
    " AND a.defect_class_id = ?2)",
  /* Good to the operator but not to the model; defective to the operator but passed by the
   * model; or both saw a defect but the model named none of the operator's classes. */
  [LC_IMAGE_FILTER_DISAGREE] =
    "(i.label = 'good' AND (" MODEL_REGION " OR s.suggested_verdict = 'fail'))"
    " OR (i.label = 'defect' AND s.suggested_verdict = 'pass' AND NOT " MODEL_REGION ")"
    " OR (i.label = 'defect' AND " MODEL_REGION " AND NOT EXISTS (SELECT 1 FROM annotation m"
    "   JOIN annotation o ON o.image_id = m.image_id AND o.defect_class_id = m.defect_class_id"
    "   WHERE m.image_id = i.id AND m.author = 'model' AND o.author = 'operator'))",
  /* Pictures the inspection flagged (the model was unsure) or whose verdict an operator
   * overrode, until someone labels them here. */
  [LC_IMAGE_FILTER_REVIEW] =
    "i.labelled_at IS NULL AND (i.review = 1 OR s.decided_by = 'operator-override')",
};

static LcLabelImage *
image_from_row (LcStore      *store,
                sqlite3_stmt *stmt)
{
  LcLabelImage *self = g_object_new (LC_TYPE_LABEL_IMAGE, NULL);
  const char *classes = (const char *) sqlite3_column_text (stmt, 9);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->part_type_id = sqlite3_column_int64 (stmt, 1);
  self->file = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->path = g_build_filename (lc_store_get_data_dir (store), self->file, NULL);
  self->width = sqlite3_column_int (stmt, 3);
  self->height = sqlite3_column_int (stmt, 4);
  if (!lc_image_label_from_string ((const char *) sqlite3_column_text (stmt, 5), &self->label))
    self->label = LC_IMAGE_LABEL_UNLABELLED;
  self->review = sqlite3_column_int (stmt, 6) != 0;
  self->original_name = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  self->captured_at = sqlite3_column_int64 (stmt, 8);
  if (classes != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (classes, ",", -1);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (ids[i], NULL, 10);
          g_array_append_val (self->defect_class_ids, id);
        }
    }
  return self;
}

LcLabelImage *
lc_label_image_load (LcStore  *store,
                     gint64    image_id,
                     GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, IMAGE_COLUMNS " WHERE i.id = ?1", error);
  LcLabelImage *image = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, image_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    image = image_from_row (store, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_NOT_FOUND,
                 _("The picture is no longer in the database."));
  else
    lc_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return image;
}

GListStore *
lc_label_image_query (LcStore        *store,
                      gint64          part_type_id,
                      LcImageFilter   filter,
                      gint64          defect_class_id,
                      GError        **error)
{
  g_autoptr(GListStore) images = g_list_store_new (LC_TYPE_LABEL_IMAGE);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (filter <= LC_IMAGE_FILTER_REVIEW, NULL);

  sql = g_strdup_printf (IMAGE_COLUMNS " WHERE i.part_type_id = ?1 AND (%s)"
                         " ORDER BY i.captured_at, i.id", filter_conditions[filter]);
  stmt = lc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (filter == LC_IMAGE_FILTER_DEFECT_CLASS)
    sqlite3_bind_int64 (stmt, 2, defect_class_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcLabelImage) image = image_from_row (store, stmt);
      g_list_store_append (images, image);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&images);
}

gint64
lc_label_image_count (LcStore        *store,
                      gint64          part_type_id,
                      LcImageFilter   filter,
                      gint64          defect_class_id,
                      GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), -1);
  g_return_val_if_fail (filter <= LC_IMAGE_FILTER_REVIEW, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM image i LEFT JOIN inspection s ON s.id = i.inspection_id"
                         " WHERE i.part_type_id = ?1 AND (%s)", filter_conditions[filter]);
  stmt = lc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (filter == LC_IMAGE_FILTER_DEFECT_CLASS)
    sqlite3_bind_int64 (stmt, 2, defect_class_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    lc_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

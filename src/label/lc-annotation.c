#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lc-annotation.h"
#include "lc-camera-capture.h"
#include "lc-label-image.h"

struct _LcAnnotation
{
  GObject            parent_instance;

  gint64             id;
  gint64             image_id;
  gint64             defect_class_id;
  LcAnnotationShape  shape;
  gboolean           by_model;
  gint64             model_id;
  gint64             operator_id;
  double             score;
  gint64             created_at;
  double             x, y, width, height;   /* the box, or the box around the region */
  GArray            *points;                /* LcPoint, polygons only */
  char              *mask_file;
};

G_DEFINE_FINAL_TYPE (LcAnnotation, lc_annotation, G_TYPE_OBJECT)

static const char * const shape_names[] = { "box", "polygon", "mask" };

const char *
lc_annotation_shape_to_string (LcAnnotationShape shape)
{
  g_return_val_if_fail (shape <= LC_ANNOTATION_SHAPE_MASK, "box");
  return shape_names[shape];
}

gboolean
lc_annotation_shape_from_string (const char        *text,
                                 LcAnnotationShape *shape)
{
  for (guint i = 0; i < G_N_ELEMENTS (shape_names); i++)
    if (g_strcmp0 (text, shape_names[i]) == 0)
      {
        *shape = i;
        return TRUE;
      }
  return FALSE;
}

static void
lc_annotation_finalize (GObject *object)
{
  LcAnnotation *self = LC_ANNOTATION (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_free (self->mask_file);

  G_OBJECT_CLASS (lc_annotation_parent_class)->finalize (object);
}

static void
lc_annotation_class_init (LcAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_annotation_finalize;
}

static void
lc_annotation_init (LcAnnotation *self)
{
  self->score = NAN;
  self->points = g_array_new (FALSE, FALSE, sizeof (LcPoint));
}

LcAnnotation *
lc_annotation_new_box (gint64 defect_class_id,
                       double x,
                       double y,
                       double width,
                       double height)
{
  LcAnnotation *self = g_object_new (LC_TYPE_ANNOTATION, NULL);

  self->defect_class_id = defect_class_id;
  self->shape = LC_ANNOTATION_SHAPE_BOX;
  /* A box dragged up or left arrives with a negative size. */
  self->x = width < 0 ? x + width : x;
  self->y = height < 0 ? y + height : y;
  self->width = fabs (width);
  self->height = fabs (height);
  return self;
}

static void
update_polygon_bounds (LcAnnotation *self)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < self->points->len; i++)
    {
      LcPoint *p = &g_array_index (self->points, LcPoint, i);
      x0 = MIN (x0, p->x);
      y0 = MIN (y0, p->y);
      x1 = MAX (x1, p->x);
      y1 = MAX (y1, p->y);
    }
  if (self->points->len == 0)
    x0 = y0 = x1 = y1 = 0;
  self->x = x0;
  self->y = y0;
  self->width = x1 - x0;
  self->height = y1 - y0;
}

LcAnnotation *
lc_annotation_new_polygon (gint64         defect_class_id,
                           const LcPoint *points,
                           guint          n_points)
{
  LcAnnotation *self = g_object_new (LC_TYPE_ANNOTATION, NULL);

  self->defect_class_id = defect_class_id;
  self->shape = LC_ANNOTATION_SHAPE_POLYGON;
  g_array_append_vals (self->points, points, n_points);
  update_polygon_bounds (self);
  return self;
}

LcAnnotation *
lc_annotation_new_mask (gint64      defect_class_id,
                        const char *file,
                        int         x,
                        int         y,
                        int         width,
                        int         height)
{
  LcAnnotation *self = g_object_new (LC_TYPE_ANNOTATION, NULL);

  self->defect_class_id = defect_class_id;
  self->shape = LC_ANNOTATION_SHAPE_MASK;
  self->mask_file = g_strdup (file);
  self->x = x;
  self->y = y;
  self->width = width;
  self->height = height;
  return self;
}

LcAnnotation *
lc_annotation_copy (LcAnnotation *self)
{
  LcAnnotation *copy = g_object_new (LC_TYPE_ANNOTATION, NULL);

  copy->id = self->id;
  copy->image_id = self->image_id;
  copy->defect_class_id = self->defect_class_id;
  copy->shape = self->shape;
  copy->by_model = self->by_model;
  copy->model_id = self->model_id;
  copy->operator_id = self->operator_id;
  copy->score = self->score;
  copy->created_at = self->created_at;
  copy->x = self->x;
  copy->y = self->y;
  copy->width = self->width;
  copy->height = self->height;
  g_array_append_vals (copy->points, self->points->data, self->points->len);
  copy->mask_file = g_strdup (self->mask_file);
  return copy;
}

gint64
lc_annotation_get_id (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), 0);
  return self->id;
}

gint64
lc_annotation_get_image_id (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), 0);
  return self->image_id;
}

gint64
lc_annotation_get_defect_class_id (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), 0);
  return self->defect_class_id;
}

LcAnnotationShape
lc_annotation_get_shape (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), LC_ANNOTATION_SHAPE_BOX);
  return self->shape;
}

gboolean
lc_annotation_is_operator (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), FALSE);
  return !self->by_model;
}

double
lc_annotation_get_score (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), NAN);
  return self->score;
}

void
lc_annotation_get_bounds (LcAnnotation *self,
                          double       *x,
                          double       *y,
                          double       *width,
                          double       *height)
{
  g_return_if_fail (LC_IS_ANNOTATION (self));
  *x = self->x;
  *y = self->y;
  *width = self->width;
  *height = self->height;
}

const LcPoint *
lc_annotation_get_points (LcAnnotation *self,
                          guint        *n_points)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), NULL);
  *n_points = self->points->len;
  return (const LcPoint *) self->points->data;
}

const char *
lc_annotation_get_mask_file (LcAnnotation *self)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), NULL);
  return self->mask_file;
}

char *
lc_annotation_dup_geometry (LcAnnotation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (self->shape == LC_ANNOTATION_SHAPE_POLYGON)
    {
      json_builder_set_member_name (builder, "points");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->points->len; i++)
        {
          LcPoint *p = &g_array_index (self->points, LcPoint, i);
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, p->x);
          json_builder_add_double_value (builder, p->y);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  else
    {
      if (self->shape == LC_ANNOTATION_SHAPE_MASK)
        {
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, self->mask_file);
        }
      json_builder_set_member_name (builder, "x");
      json_builder_add_double_value (builder, self->x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_double_value (builder, self->y);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, self->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_double_value (builder, self->height);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
parse_geometry (LcAnnotation *self,
                const char   *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (self->shape == LC_ANNOTATION_SHAPE_POLYGON)
    {
      JsonArray *points = json_object_has_member (object, "points") &&
                          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "points"))
                            ? json_object_get_array_member (object, "points") : NULL;

      for (guint i = 0; points != NULL && i < json_array_get_length (points); i++)
        {
          JsonArray *pair = json_array_get_array_element (points, i);
          LcPoint p;

          if (pair == NULL || json_array_get_length (pair) != 2)
            return FALSE;
          p.x = json_array_get_double_element (pair, 0);
          p.y = json_array_get_double_element (pair, 1);
          g_array_append_val (self->points, p);
        }
      update_polygon_bounds (self);
      return self->points->len >= 3;
    }
  if (self->shape == LC_ANNOTATION_SHAPE_MASK)
    self->mask_file = g_strdup (json_object_get_string_member_with_default (object, "file", NULL));
  self->x = json_object_get_double_member_with_default (object, "x", 0);
  self->y = json_object_get_double_member_with_default (object, "y", 0);
  self->width = json_object_get_double_member_with_default (object, "width", 0);
  self->height = json_object_get_double_member_with_default (object, "height", 0);
  return self->shape != LC_ANNOTATION_SHAPE_MASK || self->mask_file != NULL;
}

gboolean
lc_annotation_validate (LcAnnotation  *self,
                        int            width,
                        int            height,
                        GError       **error)
{
  g_return_val_if_fail (LC_IS_ANNOTATION (self), FALSE);

  if (self->shape == LC_ANNOTATION_SHAPE_POLYGON && self->points->len < 3)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_INVALID,
                   _("An outline needs at least three corners."));
      return FALSE;
    }
  if (self->width < 1 || self->height < 1)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_INVALID,
                   _("The region is too small: draw it at least one pixel wide and high."));
      return FALSE;
    }
  /* Half a pixel of slack: a drag that ends on the picture's edge may round just past it. */
  if (self->x < -0.5 || self->y < -0.5 || self->x + self->width > width + 0.5 ||
      self->y + self->height > height + 0.5)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_INVALID,
                   _("The region reaches outside the picture."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_annotation_insert (LcAnnotation  *self,
                      LcStore       *store,
                      gint64         image_id,
                      GError       **error)
{
  g_autofree char *geometry = lc_annotation_dup_geometry (self);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_ANNOTATION (self), FALSE);

  stmt = lc_store_prepare (store,
                           "INSERT INTO annotation (id, image_id, defect_class_id, shape, geometry,"
                           " author, operator_id, model_id, score, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (self->created_at == 0)
    self->created_at = lc_store_now ();
  if (self->id == 0 && !self->by_model)
    self->operator_id = lc_store_get_actor_id (store);
  lc_store_bind_id_or_null (stmt, 1, self->id);
  sqlite3_bind_int64 (stmt, 2, image_id);
  lc_store_bind_id_or_null (stmt, 3, self->defect_class_id);
  sqlite3_bind_text (stmt, 4, lc_annotation_shape_to_string (self->shape), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, geometry, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, self->by_model ? "model" : "operator", -1, SQLITE_STATIC);
  lc_store_bind_id_or_null (stmt, 7, self->operator_id);
  lc_store_bind_id_or_null (stmt, 8, self->model_id);
  lc_store_bind_double_or_null (stmt, 9, self->score);
  sqlite3_bind_int64 (stmt, 10, self->created_at);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;
  self->id = lc_store_last_insert_id (store);
  self->image_id = image_id;
  return TRUE;
}

gboolean
lc_annotation_delete (LcAnnotation  *self,
                      LcStore       *store,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_ANNOTATION (self), FALSE);

  stmt = lc_store_prepare (store, "DELETE FROM annotation WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  return lc_store_step_done (store, stmt, error);
}

GListStore *
lc_annotation_list_for_image (LcStore  *store,
                              gint64    image_id,
                              GError  **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LC_TYPE_ANNOTATION);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT id, defect_class_id, shape, geometry, author, operator_id,"
                           " model_id, score, created_at FROM annotation WHERE image_id = ?"
                           " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, image_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcAnnotation) annotation = g_object_new (LC_TYPE_ANNOTATION, NULL);

      annotation->id = sqlite3_column_int64 (stmt, 0);
      annotation->image_id = image_id;
      annotation->defect_class_id = sqlite3_column_int64 (stmt, 1);
      if (!lc_annotation_shape_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                            &annotation->shape) ||
          !parse_geometry (annotation, (const char *) sqlite3_column_text (stmt, 3)))
        {
          /* Another program wrote a shape this version cannot draw: leave it in the
           * database untouched rather than fail the whole picture. */
          g_debug ("Skipping annotation %" G_GINT64_FORMAT " with an unknown shape",
                   annotation->id);
          continue;
        }
      annotation->by_model = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "model") == 0;
      annotation->operator_id = sqlite3_column_int64 (stmt, 5);
      annotation->model_id = sqlite3_column_int64 (stmt, 6);
      annotation->score = lc_store_column_double_or_nan (stmt, 7);
      annotation->created_at = sqlite3_column_int64 (stmt, 8);
      g_list_store_append (list, annotation);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
lc_annotation_store_mask (LcStore       *store,
                          const guint8  *pixels,
                          int            width,
                          int            height,
                          int            stride,
                          int           *box_x,
                          int           *box_y,
                          int           *box_width,
                          int           *box_height,
                          GError       **error)
{
  g_autofree char *images_dir = lc_store_get_images_dir (store);
  g_autofree char *name = NULL;
  g_autoptr(LcFrame) frame = NULL;
  guint8 *out;
  int x0 = width, y0 = height, x1 = -1, y1 = -1;

  /* Binary 0/255, so every mask reads the same whatever grey its painter used. */
  frame = lc_frame_new_uninitialized (LC_FRAME_FORMAT_GRAY8, width, height, &out);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean on = pixels[(gsize) y * stride + x] != 0;

        out[(gsize) y * lc_frame_get_stride (frame) + x] = on ? 255 : 0;
        if (on)
          {
            x0 = MIN (x0, x);
            y0 = MIN (y0, y);
            x1 = MAX (x1, x);
            y1 = MAX (y1, y);
          }
      }
  if (x1 < 0)
    x0 = y0 = 0, x1 = y1 = -1;
  *box_x = x0;
  *box_y = y0;
  *box_width = x1 - x0 + 1;
  *box_height = y1 - y0 + 1;

  name = lc_camera_capture_store_png (frame, images_dir, error);
  if (name == NULL)
    return NULL;
  return g_build_filename ("images", name, NULL);
}

#include "lc-config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "lc-defect-map.h"

void
lc_defect_map_free (LcDefectMap *map)
{
  if (map == NULL)
    return;
  g_free (map->density);
  g_free (map);
}

static LcDefectMap *
defect_map_new (int width,
                int height,
                int cells)
{
  LcDefectMap *map = g_new0 (LcDefectMap, 1);
  double cell;

  map->image_width = width;
  map->image_height = height;
  cell = (double) MAX (width, height) / MAX (cells, 1);
  map->grid_width = MAX (1, (int) ceil (width / cell));
  map->grid_height = MAX (1, (int) ceil (height / cell));
  map->density = g_new0 (float, map->grid_width * map->grid_height);
  return map;
}

static gboolean
read_number (JsonNode *node,
             double   *value)
{
  if (node == NULL || json_node_get_node_type (node) != JSON_NODE_VALUE)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

/* Even-odd rule: does the horizontal ray from (x, y) cross the edge count an odd number
 * of times. */
static gboolean
inside_polygon (const double *xs,
                const double *ys,
                guint         n,
                double        x,
                double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i])
      inside = !inside;
  return inside;
}

gboolean
lc_defect_map_add (LcDefectMap *map,
                   const char  *shape,
                   const char  *geometry,
                   int          width,
                   int          height)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  guint n = 0;
  double sx, sy, min_x, min_y, max_x, max_y;
  JsonObject *object;
  gboolean any = FALSE;

  if (width <= 0 || height <= 0 || geometry == NULL || !json_parser_load_from_data (parser, geometry, -1, NULL))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  /* From the picture's pixels to the reference picture's. */
  sx = (double) map->image_width / width;
  sy = (double) map->image_height / height;

  if (g_strcmp0 (shape, "polygon") == 0)
    {
      JsonArray *points = json_object_has_member (object, "points")
                            ? json_object_get_array_member (object, "points") : NULL;

      if (points == NULL || json_array_get_length (points) < 3)
        return FALSE;
      n = json_array_get_length (points);
      xs = g_new (double, n);
      ys = g_new (double, n);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *point = json_array_get_element (points, i);
          JsonArray *pair = JSON_NODE_HOLDS_ARRAY (point) ? json_node_get_array (point) : NULL;

          if (pair == NULL || json_array_get_length (pair) != 2 ||
              !read_number (json_array_get_element (pair, 0), &xs[i]) ||
              !read_number (json_array_get_element (pair, 1), &ys[i]))
            return FALSE;
          xs[i] *= sx;
          ys[i] *= sy;
        }
    }
  else
    {
      double x, y, w, h;

      if (!read_number (json_object_get_member (object, "x"), &x) ||
          !read_number (json_object_get_member (object, "y"), &y) ||
          !read_number (json_object_get_member (object, "width"), &w) ||
          !read_number (json_object_get_member (object, "height"), &h) || w <= 0 || h <= 0)
        return FALSE;
      n = 4;
      xs = g_new (double, n);
      ys = g_new (double, n);
      xs[0] = xs[3] = x * sx;
      xs[1] = xs[2] = (x + w) * sx;
      ys[0] = ys[1] = y * sy;
      ys[2] = ys[3] = (y + h) * sy;
    }

  min_x = max_x = xs[0];
  min_y = max_y = ys[0];
  for (guint i = 1; i < n; i++)
    {
      min_x = MIN (min_x, xs[i]);
      max_x = MAX (max_x, xs[i]);
      min_y = MIN (min_y, ys[i]);
      max_y = MAX (max_y, ys[i]);
    }

  /* Every cell whose centre lies in the region; a region smaller than a cell still counts
   * in the cell holding its centre. */
  {
    double cw = (double) map->image_width / map->grid_width;
    double ch = (double) map->image_height / map->grid_height;
    int gx0 = CLAMP ((int) floor (min_x / cw), 0, map->grid_width - 1);
    int gx1 = CLAMP ((int) floor (max_x / cw), 0, map->grid_width - 1);
    int gy0 = CLAMP ((int) floor (min_y / ch), 0, map->grid_height - 1);
    int gy1 = CLAMP ((int) floor (max_y / ch), 0, map->grid_height - 1);

    for (int gy = gy0; gy <= gy1; gy++)
      for (int gx = gx0; gx <= gx1; gx++)
        if (inside_polygon (xs, ys, n, (gx + 0.5) * cw, (gy + 0.5) * ch))
          {
            map->density[gy * map->grid_width + gx] += 1.0f;
            any = TRUE;
          }
    if (!any)
      {
        int cx = CLAMP ((int) floor ((min_x + max_x) / 2 / cw), 0, map->grid_width - 1);
        int cy = CLAMP ((int) floor ((min_y + max_y) / 2 / ch), 0, map->grid_height - 1);
        map->density[cy * map->grid_width + cx] += 1.0f;
      }
  }
  map->n_regions++;
  return TRUE;
}

LcDefectMap *
lc_defect_map_load (LcStore              *store,
                    gint64                part_type_id,
                    const LcExportRange  *range,
                    gint64                defect_class_id,
                    int                   image_width,
                    int                   image_height,
                    int                   cells,
                    GError              **error)
{
  g_autoptr(LcDefectMap) map = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT a.shape, a.geometry, im.width, im.height"
                           " FROM annotation a JOIN image im ON im.id = a.image_id"
                           " JOIN inspection i ON i.id = im.inspection_id"
                           " LEFT JOIN lot l ON l.id = i.lot_id"
                           " LEFT JOIN operator o ON o.id = i.operator_id"
                           " WHERE i.part_type_id = ?1 AND i.recorded_at BETWEEN ?2 AND ?3"
                           " AND (?4 IS NULL OR l.code = ?4) AND (?5 = 0 OR a.defect_class_id = ?5)"
                           " AND (?6 IS NULL OR o.name = ?6) AND (?7 IS NULL OR i.station = ?7)"
                           " AND a.defect_class_id IS NOT NULL"
                           " ORDER BY a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_int64 (stmt, 2, range->from);
  sqlite3_bind_int64 (stmt, 3, range->to);
  lc_store_bind_text_or_null (stmt, 4, range->lot);
  sqlite3_bind_int64 (stmt, 5, defect_class_id);
  lc_store_bind_text_or_null (stmt, 6, range->operator_name);
  lc_store_bind_text_or_null (stmt, 7, range->station);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int width = sqlite3_column_int (stmt, 2), height = sqlite3_column_int (stmt, 3);

      if (map == NULL)
        map = defect_map_new (image_width > 0 ? image_width : width,
                              image_height > 0 ? image_height : height, cells);
      /* A region whose geometry cannot be read is left out of the picture, not fatal. */
      lc_defect_map_add (map, (const char *) sqlite3_column_text (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1), width, height);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  if (map == NULL)
    map = defect_map_new (image_width > 0 ? image_width : 640, image_height > 0 ? image_height : 480, cells);
  return g_steal_pointer (&map);
}

gboolean
lc_defect_map_peak (const LcDefectMap *map,
                    double            *x,
                    double            *y,
                    float             *count)
{
  int best = -1;

  for (int i = 0; i < map->grid_width * map->grid_height; i++)
    if (map->density[i] > 0 && (best < 0 || map->density[i] > map->density[best]))
      best = i;
  if (best < 0)
    return FALSE;
  *x = (best % map->grid_width + 0.5) * map->image_width / map->grid_width;
  *y = (best / map->grid_width + 0.5) * map->image_height / map->grid_height;
  *count = map->density[best];
  return TRUE;
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-camera-capture.h"
#include "lc-demo-private.h"
#include "lc-sim-part.h"

/* The demo's pictures: a reference picture of each part type (what the defect map is drawn
 * over) and one picture of every part that failed for a defect, with the defect labelled
 * where the simulated camera drew it. The parts of the dented lot lie in the fixture the
 * same way with the dent at the same spot (the die marks every part alike); other defects
 * fall anywhere on parts put down by hand. */

#define DEMO_PICTURE_WIDTH  320
#define DEMO_PICTURE_HEIGHT 240
#define DEMO_PLACES         16

LcSimDefectClass
_lc_demo_sim_defect_for (const char *defect_class)
{
  /* The simulator draws three kinds of mark; each demo class looks like one of them. */
  if (g_str_equal (defect_class, "Dent") || g_str_equal (defect_class, "Short shot") ||
      g_str_equal (defect_class, "Sink mark"))
    return LC_SIM_DEFECT_DENT;
  if (g_str_equal (defect_class, "Scratch") || g_str_equal (defect_class, "Crack") ||
      g_str_equal (defect_class, "Chatter marks"))
    return LC_SIM_DEFECT_SCRATCH;
  return LC_SIM_DEFECT_SPOT;
}

static gboolean
add_reference (LcStore     *store,
               LcSimPart   *sim,
               gint64       part_type_id,
               GError     **error)
{
  g_autofree char *images_dir = lc_store_get_images_dir (store);
  g_autoptr(LcFrame) frame = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  lc_sim_part_place (sim, 0, NULL);
  frame = lc_sim_part_expose (sim, lc_sim_part_get_natural_format (sim), 0.0, 0);
  name = lc_camera_capture_store_png (frame, images_dir, error);
  if (name == NULL)
    return FALSE;
  stmt = lc_store_prepare (store, "UPDATE part_type SET reference_image = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, part_type_id);
  return lc_store_step_done (store, stmt, error);
}

gboolean
_lc_demo_add_pictures (LcStore     *store,
                       gint64       labeller_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(LcSimPart) sim = NULL;
  gint64 current_part = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* Collected first: the statement must be done before the inserts below reuse the cache. */
  stmt = lc_store_prepare (store,
                           "SELECT i.id, i.part_type_id, p.code, d.id, d.name, i.recorded_at,"
                           " coalesce (l.code = ?, 0)"
                           " FROM inspection i JOIN part_type p ON p.id = i.part_type_id"
                           " JOIN defect_class d ON d.id = i.defect_class_id"
                           " LEFT JOIN lot l ON l.id = i.lot_id"
                           " ORDER BY i.part_type_id, i.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, LC_DEMO_DENTED_LOT, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 8);
      for (int c = 0; c < 7; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      gint64 inspection_id = g_ascii_strtoll (row[0], NULL, 10);
      gint64 part_type_id = g_ascii_strtoll (row[1], NULL, 10);
      gboolean dented_lot = g_str_equal (row[6], "1");
      LcSimDefect defect = { _lc_demo_sim_defect_for (row[4]), 0, 0, 0, 0 };
      g_autoptr(LcFrame) frame = NULL;
      g_autofree char *geometry = NULL;
      gint64 image_id;

      if (part_type_id != current_part)
        {
          g_clear_pointer (&sim, lc_sim_part_free);
          sim = lc_sim_part_new (row[2], DEMO_PICTURE_WIDTH, DEMO_PICTURE_HEIGHT);
          current_part = part_type_id;
          if (!add_reference (store, sim, part_type_id, error))
            return FALSE;
        }
      /* Seed 0 is the fixture's pose and one fixed spot: the damaged die's mark. Other
       * defects fall on one of a few places; pictures without sensor noise, so the same
       * placement is the same file, stored once (a demo need not write hundreds). */
      lc_sim_part_place (sim, dented_lot && defect.defect_class == LC_SIM_DEFECT_DENT
                                ? 0 : 1 + (guint32) (inspection_id % DEMO_PLACES), &defect);
      frame = lc_sim_part_expose (sim, lc_sim_part_get_natural_format (sim), 0.0, 0);
      lc_frame_set_timestamp (frame, g_ascii_strtoll (row[5], NULL, 10));
      image_id = lc_camera_capture_save (store, frame, part_type_id, inspection_id, "demo", NULL, error);
      if (image_id == 0)
        return FALSE;

      geometry = g_strdup_printf ("{\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d}",
                                  defect.x, defect.y, defect.width, defect.height);
      stmt = lc_store_prepare (store,
                               "UPDATE image SET label = 'defect' WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, image_id);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      stmt = lc_store_prepare (store,
                               "INSERT INTO annotation (image_id, defect_class_id, shape, geometry, author,"
                               " operator_id, created_at) VALUES (?, ?, 'box', ?, 'operator', ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, image_id);
      sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (row[3], NULL, 10));
      sqlite3_bind_text (stmt, 3, geometry, -1, SQLITE_TRANSIENT);
      lc_store_bind_id_or_null (stmt, 4, labeller_id);
      sqlite3_bind_int64 (stmt, 5, g_ascii_strtoll (row[5], NULL, 10));
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

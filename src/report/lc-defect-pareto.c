#include "lc-config.h"

#include "lc-defect-pareto.h"

LcSpcPareto *
lc_defect_pareto_load (LcStore     *store,
                       gint64       part_type_id,
                       gint64       from,
                       gint64       to,
                       gint64       lot_id,
                       gint64       operator_id,
                       const char  *station,
                       GStrv       *colors,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) class_colors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  LcSpcPareto *pareto;
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT d.id, d.name, d.color, count (i.id) FROM defect_class d"
                           " LEFT JOIN inspection i ON i.defect_class_id = d.id AND i.recorded_at BETWEEN ?2 AND ?3"
                           " AND (?4 = 0 OR i.lot_id = ?4) AND (?5 = 0 OR i.operator_id = ?5)"
                           " AND (?6 IS NULL OR i.station = ?6)"
                           " WHERE d.part_type_id = ?1 AND d.archived = 0 GROUP BY d.id ORDER BY d.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_int64 (stmt, 4, lot_id);
  sqlite3_bind_int64 (stmt, 5, operator_id);
  lc_store_bind_text_or_null (stmt, 6, station);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double count = sqlite3_column_double (stmt, 3);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (class_colors, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  pareto = lc_spc_pareto_new ((const char * const *) names->pdata, (const gint64 *) ids->data,
                              (const double *) counts->data, names->len);
  if (colors != NULL)
    {
      /* Each bar keeps its defect class's colour, wherever the sorting put it. */
      *colors = g_new0 (char *, pareto->n_bars + 1);
      for (guint b = 0; b < pareto->n_bars; b++)
        for (guint i = 0; i < ids->len; i++)
          if (g_array_index (ids, gint64, i) == pareto->bars[b].id)
            (*colors)[b] = g_strdup (g_ptr_array_index (class_colors, i));
    }
  return pareto;
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-spc-error.h"
#include "lc-spc-limits.h"
#include "lc-spc-private.h"
#include "lc-spc-series.h"

void
lc_spc_filter_init (LcSpcFilter *filter)
{
  *filter = (LcSpcFilter) { 0 };
}

LcSpcChartKind
lc_spc_default_chart_kind (gboolean    attribute,
                           guint       subgroup_size,
                           const char *setting)
{
  LcSpcChartKind kind;

  if (setting != NULL && setting[0] != '\0' && lc_spc_chart_kind_from_string (setting, &kind) &&
      kind <= LC_SPC_CHART_U && lc_spc_chart_kind_is_attribute (kind) == attribute)
    return kind;
  if (attribute)
    return LC_SPC_CHART_P;
  /* Montgomery § 6.3: the range loses efficiency against s beyond n ≈ 10. */
  return subgroup_size <= 1 ? LC_SPC_CHART_IMR : subgroup_size < 10 ? LC_SPC_CHART_XBAR_R : LC_SPC_CHART_XBAR_S;
}

void
_lc_spc_characteristic_clear (LcSpcCharacteristic *c)
{
  g_clear_pointer (&c->name, g_free);
  g_clear_pointer (&c->unit, g_free);
  g_clear_pointer (&c->chart, g_free);
  g_clear_pointer (&c->rules, g_free);
}

gboolean
_lc_spc_characteristic_load (LcStore              *store,
                             gint64                id,
                             LcSpcCharacteristic  *c,
                             GError              **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "SELECT part_type_id, name, kind, subgroup_size, chart, rules, lsl, usl, nominal, unit, archived"
    " FROM characteristic WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                     _("The characteristic no longer exists"));
      else
        lc_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  c->id = id;
  c->part_type_id = sqlite3_column_int64 (stmt, 0);
  c->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  c->attribute = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "attribute") == 0;
  c->subgroup_size = MAX (1, sqlite3_column_int (stmt, 3));
  c->chart = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  c->rules = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  c->lsl = lc_store_column_double_or_nan (stmt, 6);
  c->usl = lc_store_column_double_or_nan (stmt, 7);
  c->nominal = lc_store_column_double_or_nan (stmt, 8);
  c->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  c->archived = sqlite3_column_int (stmt, 10) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The WHERE clause of a filter, with ?1 the characteristic. Only the filters in use are in
 * the text, so that SQLite plans each combination for its indexes. */
static char *
filter_clause (const LcSpcFilter *filter,
               gboolean          *needs_inspection)
{
  GString *where = g_string_new ("m.characteristic_id = ?1 AND m.superseded = 0");

  *needs_inspection = FALSE;
  if (filter->from != 0)
    g_string_append (where, " AND i.recorded_at >= ?2");
  if (filter->to != 0)
    g_string_append (where, " AND i.recorded_at < ?3");
  if (filter->lot_id != 0)
    g_string_append (where, " AND i.lot_id = ?4");
  if (filter->operator_id != 0)
    g_string_append (where, " AND i.operator_id = ?5");
  if (filter->station != NULL)
    g_string_append (where, " AND i.station = ?6");
  *needs_inspection = filter->from != 0 || filter->to != 0 || filter->lot_id != 0 ||
                      filter->operator_id != 0 || filter->station != NULL;
  return g_string_free (where, FALSE);
}

static void
bind_filter (sqlite3_stmt      *stmt,
             gint64             characteristic_id,
             const LcSpcFilter *filter)
{
  sqlite3_bind_int64 (stmt, 1, characteristic_id);
  if (filter->from != 0)
    sqlite3_bind_int64 (stmt, 2, filter->from);
  if (filter->to != 0)
    sqlite3_bind_int64 (stmt, 3, filter->to);
  if (filter->lot_id != 0)
    sqlite3_bind_int64 (stmt, 4, filter->lot_id);
  if (filter->operator_id != 0)
    sqlite3_bind_int64 (stmt, 5, filter->operator_id);
  if (filter->station != NULL)
    sqlite3_bind_text (stmt, 6, filter->station, -1, SQLITE_TRANSIENT);
}

typedef struct
{
  double  value;
  gint64  inspection_id;
} Row;

LcSpcSamples *
_lc_spc_samples_load_for (LcStore                   *store,
                          const LcSpcCharacteristic *c,
                          const LcSpcFilter         *filter,
                          GError                   **error)
{
  g_autoptr(LcSpcSamples) samples = lc_spc_samples_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autofree char *where = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *rows_sql = NULL;
  g_autofree double *values = NULL;
  LcSpcFilter all;
  sqlite3_stmt *stmt, *info_stmt;
  gboolean needs_inspection;
  gint64 count, limit = -1;
  guint n = c->subgroup_size;
  int rc;

  if (filter == NULL)
    {
      lc_spc_filter_init (&all);
      filter = &all;
    }
  where = filter_clause (filter, &needs_inspection);

  /* Subgroups are cut from the first measurement on, so that a point keeps its members as
   * data arrives: the count fixes where the unfinished newest subgroup starts. Without a
   * filter the triggers of migration 4 keep it; with one, the filtered rows are counted. */
  if (needs_inspection)
    count_sql = g_strdup_printf ("SELECT COUNT(*) FROM measurement m JOIN inspection i ON i.id = m.inspection_id"
                                 " WHERE %s", where);
  else
    count_sql = g_strdup ("SELECT n FROM spc_measurement_count WHERE characteristic_id = ?1");
  if ((stmt = lc_store_prepare (store, count_sql, error)) == NULL)
    return NULL;
  if (needs_inspection)
    bind_filter (stmt, c->id, filter);
  else
    sqlite3_bind_int64 (stmt, 1, c->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (filter->last_subgroups > 0)
    limit = (gint64) filter->last_subgroups * n + count % n;

  /* Inspection order is the order inspections were recorded in (their ids); newest first
   * so that LIMIT keeps the last subgroups, reversed below. Unfiltered, the covering index
   * answers alone; the points' details are read per subgroup afterwards. */
  rows_sql = g_strdup_printf ("SELECT m.value, m.inspection_id FROM measurement m%s"
                              " WHERE %s ORDER BY m.inspection_id DESC LIMIT ?7",
                              needs_inspection ? " JOIN inspection i ON i.id = m.inspection_id"
                                               : " INDEXED BY measurement_chart", where);
  if ((stmt = lc_store_prepare (store, rows_sql, error)) == NULL)
    return NULL;
  bind_filter (stmt, c->id, filter);
  sqlite3_bind_int64 (stmt, 7, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = {
        .value = sqlite3_column_double (stmt, 0),
        .inspection_id = sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  info_stmt = lc_store_prepare (store, "SELECT i.recorded_at, i.serial, i.station, l.code, o.name"
                                       " FROM inspection i LEFT JOIN lot l ON l.id = i.lot_id"
                                       " LEFT JOIN operator o ON o.id = i.operator_id WHERE i.id = ?1", error);
  if (info_stmt == NULL)
    return NULL;

  /* rows[] is newest first; its first count % n rows are the unfinished subgroup. */
  values = g_new (double, n);
  /* Oldest subgroup first: rows[end − 1] down to rows[end − n]. */
  for (gint64 end = rows->len; end - (gint64) n >= (gint64) (count % n); end -= n)
    {
      const Row *last = &g_array_index (rows, Row, end - n);
      LcSpcPointInfo info = { .inspection_id = last->inspection_id };

      sqlite3_bind_int64 (info_stmt, 1, last->inspection_id);
      if (sqlite3_step (info_stmt) == SQLITE_ROW)
        {
          info.time = sqlite3_column_int64 (info_stmt, 0);
          info.serial = (const char *) sqlite3_column_text (info_stmt, 1);
          info.station = (const char *) sqlite3_column_text (info_stmt, 2);
          info.lot = (const char *) sqlite3_column_text (info_stmt, 3);
          info.operator_name = (const char *) sqlite3_column_text (info_stmt, 4);
        }
      double sum = 0.0;
      guint index;

      for (guint j = 0; j < n; j++)
        {
          values[j] = g_array_index (rows, Row, end - 1 - j).value;
          sum += values[j];
        }
      index = c->attribute ? lc_spc_samples_add_count (samples, sum, n, TRUE)
                           : lc_spc_samples_add_subgroup (samples, values, n, TRUE);
      lc_spc_samples_set_info (samples, index, &info);
      sqlite3_reset (info_stmt);
    }
  return g_steal_pointer (&samples);
}

LcSpcSamples *
lc_spc_samples_load (LcStore           *store,
                     gint64             characteristic_id,
                     const LcSpcFilter *filter,
                     GError           **error)
{
  LcSpcCharacteristic c = { 0 };
  LcSpcSamples *samples;

  if (!_lc_spc_characteristic_load (store, characteristic_id, &c, error))
    return NULL;
  samples = _lc_spc_samples_load_for (store, &c, filter, error);
  _lc_spc_characteristic_clear (&c);
  return samples;
}

gboolean
_lc_spc_chart_setup_for (LcStore                   *store,
                         const LcSpcCharacteristic *c,
                         LcSpcChartKind            *kind,
                         LcSpcChartOptions         *options,
                         LcSpcLimits              **frozen_out,
                         GError                   **error)
{
  g_autoptr(LcSpcLimits) frozen = NULL;
  g_autoptr(GError) local_error = NULL;

  *kind = lc_spc_default_chart_kind (c->attribute, c->subgroup_size, c->chart);
  frozen = lc_spc_limits_load_active (store, c->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  lc_spc_chart_options_init (options);
  if (!lc_spc_rule_set_from_string (c->rules, &options->rules))
    options->rules = LC_SPC_RULES_NELSON;
  /* Limits frozen for another chart or subgroup size do not apply to this one. */
  if (frozen != NULL && frozen->kind == *kind &&
      (lc_spc_chart_kind_is_attribute (*kind) || (guint) frozen->subgroup_size == c->subgroup_size))
    options->frozen = frozen;
  *frozen_out = g_steal_pointer (&frozen);
  return TRUE;
}

LcSpcChart *
_lc_spc_chart_load_for (LcStore                   *store,
                        const LcSpcCharacteristic *c,
                        const LcSpcFilter         *filter,
                        LcSpcSamples             **samples_out,
                        GError                   **error)
{
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcLimits) frozen = NULL;
  LcSpcChartOptions options;
  LcSpcChartKind kind;
  LcSpcChart *chart;

  if (!_lc_spc_chart_setup_for (store, c, &kind, &options, &frozen, error))
    return NULL;
  if ((samples = _lc_spc_samples_load_for (store, c, filter, error)) == NULL)
    return NULL;
  if ((chart = lc_spc_chart_compute (kind, samples, &options, error)) == NULL)
    return NULL;
  if (samples_out != NULL)
    *samples_out = g_steal_pointer (&samples);
  return chart;
}

LcSpcChart *
lc_spc_chart_load (LcStore           *store,
                   gint64             characteristic_id,
                   const LcSpcFilter *filter,
                   LcSpcSamples     **samples_out,
                   GError           **error)
{
  LcSpcCharacteristic c = { 0 };
  LcSpcChart *chart;

  if (!_lc_spc_characteristic_load (store, characteristic_id, &c, error))
    return NULL;
  chart = _lc_spc_chart_load_for (store, &c, filter, samples_out, error);
  _lc_spc_characteristic_clear (&c);
  return chart;
}

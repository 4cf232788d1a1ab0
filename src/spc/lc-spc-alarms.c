#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lc-spc-alarms.h"
#include "lc-spc-error.h"
#include "lc-spc-private.h"

/* Enough history for the longest run rule (15 points, Nelson 7) and for stable limits. */
#define HISTORY_SUBGROUPS 50

static gboolean
insert_alarm (LcStore                   *store,
              const char                *kind,
              const LcSpcCharacteristic *c,
              gint64                     inspection_id,
              gint64                     measurement_id,
              const char                *message,
              const char                *detail,
              gint64                     created_at,
              GError                   **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "INSERT INTO event (kind, part_type_id, characteristic_id, inspection_id, measurement_id, message,"
    " detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, c->part_type_id);
  sqlite3_bind_int64 (stmt, 3, c->id);
  sqlite3_bind_int64 (stmt, 4, inspection_id);
  lc_store_bind_id_or_null (stmt, 5, measurement_id);
  sqlite3_bind_text (stmt, 6, message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, created_at);
  return lc_store_step_done (store, stmt, error);
}

static gboolean
already_evaluated (LcStore  *store,
                   gint64    inspection_id,
                   gboolean *done,
                   GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "SELECT 1 FROM event WHERE inspection_id = ?1 AND kind IN ('" LC_SPC_ALARM_RULE "', '" LC_SPC_ALARM_OUT_OF_SPEC "',"
    " 'spc-evaluated') LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  *done = rc == SQLITE_ROW;
  return TRUE;
}

static char *
spec_detail (double value,
             double lsl,
             double usl)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, value);
  if (isfinite (lsl))
    {
      json_builder_set_member_name (builder, "lsl");
      json_builder_add_double_value (builder, lsl);
    }
  if (isfinite (usl))
    {
      json_builder_set_member_name (builder, "usl");
      json_builder_add_double_value (builder, usl);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
rule_detail (const LcSpcChart *chart,
             const LcSpcPoint *point,
             guint             rule,
             const char       *which)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chart");
  json_builder_add_string_value (builder, lc_spc_chart_kind_to_string (chart->kind));
  json_builder_set_member_name (builder, "rules");
  json_builder_add_string_value (builder, lc_spc_rule_set_to_string (chart->rules));
  json_builder_set_member_name (builder, "rule");
  json_builder_add_int_value (builder, rule);
  json_builder_set_member_name (builder, "point");
  json_builder_add_int_value (builder, point->index);
  json_builder_set_member_name (builder, "statistic");
  json_builder_add_string_value (builder, which);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, point->value);
  json_builder_set_member_name (builder, "frozen");
  json_builder_add_boolean_value (builder, chart->frozen);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* One alarm per rule the last point of @chart (and of its dispersion chart) breaks, recorded
 * against @inspection_id, the inspection that completed the point, at @created_at. */
static gboolean
raise_rule_alarms (LcStore                   *store,
                   const LcSpcCharacteristic *c,
                   const LcSpcChart          *chart,
                   gint64                     inspection_id,
                   gint64                     created_at,
                   guint                     *n_alarms,
                   GError                   **error)
{
  guint last = chart->n_points - 1;

  for (int pass = 0; pass < 2; pass++)
    {
      const LcSpcChart *which = pass == 0 ? chart : chart->dispersion;
      const LcSpcPoint *point;

      if (which == NULL)
        continue;
      point = &which->points[last];
      for (guint rule = 1; rule <= 8; rule++)
        if (point->violations & LC_SPC_RULE_BIT (rule))
          {
            LcSpcRuleSet rules = which->rules == LC_SPC_RULES_NONE ? LC_SPC_RULES_NELSON : which->rules;
            g_autofree char *detail = rule_detail (which, point, rule, lc_spc_chart_kind_to_string (which->kind));
            /* TRANSLATORS: "Outer diameter, X̄-R chart: 9 points in a row on one side of the centre line" */
            g_autofree char *message = g_strdup_printf (_("%s, %s: %s"), c->name,
                                                        lc_spc_chart_kind_get_title (which->kind),
                                                        lc_spc_rule_describe (rules, rule));
            if (!insert_alarm (store, LC_SPC_ALARM_RULE, c, inspection_id, 0, message, detail, created_at, error))
              return FALSE;
            (*n_alarms)++;
          }
    }
  return TRUE;
}

/* The new point of @c, when @inspection_id completed a subgroup: alarms for its rules. */
static gboolean
evaluate_rules (LcStore                   *store,
                const LcSpcCharacteristic *c,
                gint64                     inspection_id,
                guint                     *n_alarms,
                GError                   **error)
{
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(GError) local_error = NULL;
  const LcSpcPointInfo *info;
  LcSpcFilter filter;

  lc_spc_filter_init (&filter);
  filter.last_subgroups = HISTORY_SUBGROUPS;
  chart = _lc_spc_chart_load_for (store, c, &filter, &samples, &local_error);
  if (chart == NULL)
    {
      /* Too little history for limits yet: nothing to evaluate. */
      if (local_error->domain == LC_SPC_ERROR)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (chart->n_points == 0)
    return TRUE;
  info = lc_spc_samples_get_info (samples, chart->points[chart->n_points - 1].subgroup);
  if (info == NULL || info->inspection_id != inspection_id)
    return TRUE;
  return raise_rule_alarms (store, c, chart, inspection_id, lc_store_now (), n_alarms, error);
}

/* Subgroups @first … @last of @samples as a samples object of their own: the history the
 * live evaluation saw when subgroup @last was completed. Only the values: the points' details
 * are read from @samples. */
static LcSpcSamples *
samples_window (const LcSpcSamples *samples,
                guint               first,
                guint               last)
{
  LcSpcSamples *window = lc_spc_samples_new ();

  for (guint s = first; s <= last; s++)
    {
      if (lc_spc_samples_is_attribute (samples))
        lc_spc_samples_add_count (window, lc_spc_samples_get_count (samples, s),
                                  lc_spc_samples_get_size (samples, s), TRUE);
      else
        {
          guint n = 0;
          const double *values = lc_spc_samples_get_values (samples, s, &n);
          lc_spc_samples_add_subgroup (window, values, n, TRUE);
        }
    }
  return window;
}

static gboolean
has_rule_alarm (LcStore  *store,
                gint64    characteristic_id,
                gint64    inspection_id,
                gboolean *found,
                GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "SELECT 1 FROM event WHERE inspection_id = ?1 AND characteristic_id = ?2"
    " AND kind = '" LC_SPC_ALARM_RULE "' LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_int64 (stmt, 2, characteristic_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* The history of one characteristic replayed point by point, each point judged on the
 * HISTORY_SUBGROUPS subgroups up to it, as evaluate_rules () judged it when it arrived. */
static gboolean
evaluate_characteristic_history (LcStore                   *store,
                                 const LcSpcCharacteristic *c,
                                 guint                     *n_alarms,
                                 GError                   **error)
{
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcLimits) frozen = NULL;
  LcSpcChartOptions options;
  LcSpcChartKind kind;
  guint n_subgroups;

  if (!_lc_spc_chart_setup_for (store, c, &kind, &options, &frozen, error))
    return FALSE;
  if ((samples = _lc_spc_samples_load_for (store, c, NULL, error)) == NULL)
    return FALSE;
  n_subgroups = lc_spc_samples_get_n_subgroups (samples);
  for (guint s = 0; s < n_subgroups; s++)
    {
      g_autoptr(LcSpcSamples) window = samples_window (samples, s + 1 > HISTORY_SUBGROUPS ? s + 1 - HISTORY_SUBGROUPS : 0, s);
      g_autoptr(LcSpcChart) chart = lc_spc_chart_compute (kind, window, &options, NULL);
      const LcSpcPointInfo *info = lc_spc_samples_get_info (samples, s);
      gboolean done = FALSE;

      /* Too little history for limits yet: nothing was evaluated then either. */
      if (chart == NULL || chart->n_points == 0 || info == NULL)
        continue;
      if (chart->points[chart->n_points - 1].violations == 0 &&
          (chart->dispersion == NULL || chart->dispersion->points[chart->n_points - 1].violations == 0))
        continue;
      if (!has_rule_alarm (store, c->id, info->inspection_id, &done, error))
        return FALSE;
      if (!done && !raise_rule_alarms (store, c, chart, info->inspection_id, info->time, n_alarms, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lc_spc_alarms_evaluate_history (LcStore  *store,
                                gint64    part_type_id,
                                guint    *n_alarms,
                                GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint added = 0;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  if (n_alarms != NULL)
    *n_alarms = 0;
  stmt = lc_store_prepare (store, "SELECT id FROM characteristic WHERE part_type_id = ?1 AND NOT archived"
                                  " ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (ids, (gint64) { sqlite3_column_int64 (stmt, 0) });
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  if (!lc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      LcSpcCharacteristic c = { 0 };
      gboolean ok;

      if (!_lc_spc_characteristic_load (store, g_array_index (ids, gint64, i), &c, error))
        goto fail;
      ok = evaluate_characteristic_history (store, &c, &added, error);
      _lc_spc_characteristic_clear (&c);
      if (!ok)
        goto fail;
    }
  if (!lc_store_commit (store, error))
    goto fail;
  if (added > 0)
    lc_store_notify_changed (store, "event", 0);
  if (n_alarms != NULL)
    *n_alarms = added;
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_spc_alarms_evaluate_inspection (LcStore  *store,
                                   gint64    inspection_id,
                                   guint    *n_alarms,
                                   GError  **error)
{
  g_autoptr(GArray) measurements = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) characteristics = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  guint added = 0;
  gboolean done = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (n_alarms != NULL)
    *n_alarms = 0;
  if (!already_evaluated (store, inspection_id, &done, error))
    return FALSE;
  if (done)
    return TRUE;

  stmt = lc_store_prepare (store, "SELECT id, characteristic_id, value FROM measurement"
                                  " WHERE inspection_id = ?1 AND superseded = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_append_val (measurements, (gint64) { sqlite3_column_int64 (stmt, 0) });
      g_array_append_val (characteristics, (gint64) { sqlite3_column_int64 (stmt, 1) });
      g_array_append_val (values, (double) { sqlite3_column_double (stmt, 2) });
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);

  if (!lc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < measurements->len; i++)
    {
      gint64 characteristic_id = g_array_index (characteristics, gint64, i);
      double value = g_array_index (values, double, i);
      LcSpcCharacteristic c = { 0 };
      gboolean first_of_characteristic = TRUE, ok;

      for (guint j = 0; j < i; j++)
        first_of_characteristic = first_of_characteristic && g_array_index (characteristics, gint64, j) != characteristic_id;
      if (!_lc_spc_characteristic_load (store, characteristic_id, &c, error))
        goto fail;

      ok = TRUE;
      if (!c.attribute && ((isfinite (c.lsl) && value < c.lsl) || (isfinite (c.usl) && value > c.usl)))
        {
          g_autofree char *detail = spec_detail (value, c.lsl, c.usl);
          /* TRANSLATORS: "Bore diameter: 12.081 is outside the specification" */
          g_autofree char *message = g_strdup_printf (_("%s: %g is outside the specification"), c.name, value);
          ok = insert_alarm (store, LC_SPC_ALARM_OUT_OF_SPEC, &c, inspection_id,
                             g_array_index (measurements, gint64, i), message, detail, lc_store_now (), error);
          added += ok;
        }
      if (ok && first_of_characteristic)
        ok = evaluate_rules (store, &c, inspection_id, &added, error);
      _lc_spc_characteristic_clear (&c);
      if (!ok)
        goto fail;
    }
  /* Marks the inspection as evaluated even when it raised nothing, so that a second call
   * (the page retrying after a crash) adds nothing. */
  if (added == 0 && measurements->len > 0)
    {
      LcSpcCharacteristic none = { .id = g_array_index (characteristics, gint64, 0) };
      sqlite3_stmt *part = lc_store_prepare (store, "SELECT part_type_id FROM inspection WHERE id = ?1", error);
      if (part == NULL)
        goto fail;
      sqlite3_bind_int64 (part, 1, inspection_id);
      if (sqlite3_step (part) == SQLITE_ROW)
        none.part_type_id = sqlite3_column_int64 (part, 0);
      sqlite3_reset (part);
      if (!insert_alarm (store, "spc-evaluated", &none, inspection_id, 0, "", "{}", lc_store_now (), error))
        goto fail;
    }
  if (!lc_store_commit (store, error))
    goto fail;
  if (added > 0)
    lc_store_notify_changed (store, "event", inspection_id);
  if (n_alarms != NULL)
    *n_alarms = added;
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_spc_alarm_acknowledge (LcStore     *store,
                          gint64       event_id,
                          const char  *comment,
                          GError     **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "UPDATE event SET acknowledged_at = ?1, acknowledged_by = ?2, ack_comment = ?3"
    " WHERE id = ?4 AND acknowledged_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_store_now ());
  lc_store_bind_id_or_null (stmt, 2, lc_store_get_actor_id (store));
  lc_store_bind_text_or_null (stmt, 3, comment);
  sqlite3_bind_int64 (stmt, 4, event_id);
  if (!lc_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (lc_store_get_db (store)) == 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("This alarm does not exist or was already acknowledged"));
      return FALSE;
    }
  lc_store_notify_changed (store, "event", event_id);
  return TRUE;
}

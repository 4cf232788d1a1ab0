#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-spc-dashboard.h"
#include "lc-spc-error.h"
#include "lc-spc-private.h"

const char *
lc_spc_status_to_string (LcSpcStatus status)
{
  switch (status)
    {
    case LC_SPC_STATUS_IN_CONTROL: return "in-control";
    case LC_SPC_STATUS_RULE_BROKEN: return "rule-broken";
    case LC_SPC_STATUS_OUT_OF_SPEC: return "out-of-spec";
    case LC_SPC_STATUS_NO_DATA:
    default: return "no-data";
    }
}

const char *
lc_spc_status_get_label (LcSpcStatus status)
{
  switch (status)
    {
    case LC_SPC_STATUS_IN_CONTROL: return _("In control");
    case LC_SPC_STATUS_RULE_BROKEN: return _("Rule broken");
    case LC_SPC_STATUS_OUT_OF_SPEC: return _("Out of specification");
    case LC_SPC_STATUS_NO_DATA:
    default: return _("Not enough data");
    }
}

static void
tile_clear (LcSpcTile *tile)
{
  g_clear_pointer (&tile->name, g_free);
  g_clear_pointer (&tile->unit, g_free);
  g_clear_pointer (&tile->chart, lc_spc_chart_free);
  g_clear_pointer (&tile->samples, lc_spc_samples_free);
  g_clear_pointer (&tile->capability, lc_spc_capability_free);
}

void
lc_spc_dashboard_free (LcSpcDashboard *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_tiles; i++)
    tile_clear (&self->tiles[i]);
  g_free (self->tiles);
  g_free (self);
}

/* Fills one tile. Too little data is a state of the tile, not an error of the dashboard. */
static gboolean
compute_tile (LcStore                   *store,
              const LcSpcCharacteristic *c,
              const LcSpcFilter         *filter,
              LcSpcTile                 *tile,
              GError                   **error)
{
  g_autoptr(GError) local_error = NULL;

  tile->characteristic_id = c->id;
  tile->name = g_strdup (c->name);
  tile->unit = g_strdup (c->unit);
  tile->lsl = c->lsl;
  tile->usl = c->usl;
  tile->nominal = c->nominal;
  tile->status = LC_SPC_STATUS_NO_DATA;

  tile->chart = _lc_spc_chart_load_for (store, c, filter, &tile->samples, &local_error);
  if (tile->chart == NULL)
    {
      if (g_error_matches (local_error, LC_SPC_ERROR, LC_SPC_ERROR_NOT_ENOUGH_DATA) ||
          g_error_matches (local_error, LC_SPC_ERROR, LC_SPC_ERROR_NO_VARIATION))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  tile->n_rule_points = lc_spc_chart_count_violations (tile->chart, TRUE);
  if (!c->attribute)
    {
      for (guint i = 0; i < lc_spc_samples_get_n_subgroups (tile->samples); i++)
        {
          guint m;
          const double *v = lc_spc_samples_get_values (tile->samples, i, &m);
          for (guint j = 0; j < m; j++)
            tile->n_out_of_spec += (isfinite (c->lsl) && v[j] < c->lsl) || (isfinite (c->usl) && v[j] > c->usl);
        }
      if (isfinite (c->lsl) || isfinite (c->usl))
        tile->capability = lc_spc_capability_for_chart (tile->chart, tile->samples, c->lsl, c->usl,
                                                        c->nominal, NULL);
    }
  tile->status = tile->n_out_of_spec > 0 ? LC_SPC_STATUS_OUT_OF_SPEC
               : tile->n_rule_points > 0 ? LC_SPC_STATUS_RULE_BROKEN : LC_SPC_STATUS_IN_CONTROL;
  return TRUE;
}

LcSpcDashboard *
lc_spc_dashboard_compute (LcStore            *store,
                          gint64              part_type_id,
                          const LcSpcFilter  *filter,
                          guint               n_subgroups,
                          GError            **error)
{
  g_autoptr(LcSpcDashboard) self = g_new0 (LcSpcDashboard, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  LcSpcFilter tile_filter;
  sqlite3_stmt *stmt;
  int rc;

  if (filter != NULL)
    tile_filter = *filter;
  else
    lc_spc_filter_init (&tile_filter);
  if (tile_filter.last_subgroups == 0)
    tile_filter.last_subgroups = n_subgroups;

  stmt = lc_store_prepare (store, "SELECT id FROM characteristic WHERE part_type_id = ?1 AND archived = 0"
                                  " ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (ids, (gint64) { sqlite3_column_int64 (stmt, 0) });
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  self->part_type_id = part_type_id;
  self->tiles = g_new0 (LcSpcTile, MAX (ids->len, 1));
  /* One read transaction: every tile sees the same moment of the database. */
  if (!lc_store_exec (store, "BEGIN", error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      LcSpcCharacteristic c = { 0 };
      gboolean ok = _lc_spc_characteristic_load (store, g_array_index (ids, gint64, i), &c, error) &&
                    compute_tile (store, &c, &tile_filter, &self->tiles[i], error);

      _lc_spc_characteristic_clear (&c);
      self->n_tiles = i + 1;
      if (!ok)
        {
          lc_store_exec (store, "ROLLBACK", NULL);
          return NULL;
        }
    }
  lc_store_exec (store, "COMMIT", NULL);
  return g_steal_pointer (&self);
}

typedef struct
{
  char        *db_path;
  gint64       part_type_id;
  LcSpcFilter  filter;
  char        *station;
  guint        n_subgroups;
} DashboardJob;

static void
dashboard_job_free (DashboardJob *job)
{
  g_free (job->db_path);
  g_free (job->station);
  g_free (job);
}

static void
dashboard_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DashboardJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  LcSpcDashboard *dashboard;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = lc_store_open (job->db_path, &error)) == NULL ||
      (dashboard = lc_spc_dashboard_compute (store, job->part_type_id, &job->filter, job->n_subgroups, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, dashboard, (GDestroyNotify) lc_spc_dashboard_free);
}

void
lc_spc_dashboard_compute_async (const char          *db_path,
                                gint64               part_type_id,
                                const LcSpcFilter   *filter,
                                guint                n_subgroups,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DashboardJob *job = g_new0 (DashboardJob, 1);

  job->db_path = g_strdup (db_path);
  job->part_type_id = part_type_id;
  job->n_subgroups = n_subgroups;
  if (filter != NULL)
    job->filter = *filter;
  job->station = g_strdup (job->filter.station);
  job->filter.station = job->station;
  g_task_set_source_tag (task, lc_spc_dashboard_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) dashboard_job_free);
  g_task_run_in_thread (task, dashboard_thread);
}

LcSpcDashboard *
lc_spc_dashboard_compute_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lc-audit.h"
#include "lc-spc-limits.h"

static LcSpcLimits *
limits_new (void)
{
  LcSpcLimits *self = g_new0 (LcSpcLimits, 1);

  self->center = self->lcl = self->ucl = NAN;
  self->dispersion_center = self->dispersion_lcl = self->dispersion_ucl = NAN;
  self->sigma = self->lambda = self->L = self->k = self->h = self->target = NAN;
  self->excluded = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

LcSpcLimits *
lc_spc_limits_new_from_chart (const LcSpcChart *chart)
{
  LcSpcLimits *self = limits_new ();

  self->kind = chart->kind;
  self->subgroup_size = chart->subgroup_size;
  self->center = chart->center;
  self->lcl = chart->lcl;
  self->ucl = chart->ucl;
  self->sigma = chart->sigma;
  self->sigma_method = chart->sigma_method;
  self->lambda = chart->lambda;
  self->L = chart->L;
  self->k = chart->k;
  self->h = chart->h;
  self->target = chart->target;
  if (chart->dispersion != NULL)
    {
      self->dispersion_center = chart->dispersion->center;
      self->dispersion_lcl = chart->dispersion->lcl;
      self->dispersion_ucl = chart->dispersion->ucl;
    }
  for (guint i = 0; i < chart->n_points; i++)
    {
      const LcSpcPoint *p = &chart->points[i];
      if (!p->phase1)
        continue;
      if (p->excluded)
        g_array_append_val (self->excluded, p->index);
    }
  return self;
}

LcSpcLimits *
lc_spc_limits_copy (const LcSpcLimits *self)
{
  LcSpcLimits *copy = g_memdup2 (self, sizeof (LcSpcLimits));

  copy->excluded = g_array_copy (self->excluded);
  copy->frozen_by_name = g_strdup (self->frozen_by_name);
  return copy;
}

void
lc_spc_limits_free (LcSpcLimits *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->excluded);
  g_free (self->frozen_by_name);
  g_free (self);
}

static char *
parameters_to_json (const LcSpcLimits *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; double value; } parameters[] = {
    { "lambda", self->lambda }, { "L", self->L }, { "k", self->k }, { "h", self->h }, { "target", self->target },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (parameters); i++)
    if (isfinite (parameters[i].value))
      {
        json_builder_set_member_name (builder, parameters[i].name);
        json_builder_add_double_value (builder, parameters[i].value);
      }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
excluded_to_json (const LcSpcLimits *self)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < self->excluded->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? "," : "", g_array_index (self->excluded, guint, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
parameters_from_json (LcSpcLimits *self,
                      const char  *parameters,
                      const char  *excluded)
{
  g_autoptr(JsonNode) node = json_from_string (parameters, NULL);
  g_autoptr(JsonNode) list = json_from_string (excluded, NULL);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      self->lambda = json_object_get_double_member_with_default (object, "lambda", NAN);
      self->L = json_object_get_double_member_with_default (object, "L", NAN);
      self->k = json_object_get_double_member_with_default (object, "k", NAN);
      self->h = json_object_get_double_member_with_default (object, "h", NAN);
      self->target = json_object_get_double_member_with_default (object, "target", NAN);
    }
  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint index = json_array_get_int_element (array, i);
          g_array_append_val (self->excluded, index);
        }
    }
}

/* Frozen limits decide every Phase II alarm: QC leads and admins only (issue 6). Through
 * lc_store_require_role like every other refused change, so nobody logged in is refused too
 * once the station has operators. */
static gboolean
check_may_freeze (LcStore  *store,
                  GError  **error)
{
  return lc_store_require_role (store, LC_ROLE_LEAD, _("freeze or release control limits"), error);
}

static gboolean
deactivate (LcStore  *store,
            gint64    characteristic_id,
            GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "UPDATE control_limits SET active = 0 WHERE characteristic_id = ?1 AND active = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, characteristic_id);
  return lc_store_step_done (store, stmt, error);
}

static char *
describe (const LcSpcLimits *limits)
{
  if (limits == NULL)
    return NULL;
  return g_strdup_printf ("{\"chart\":\"%s\",\"center\":%.17g,\"lcl\":%.17g,\"ucl\":%.17g,\"sigma\":%.17g}",
                          lc_spc_chart_kind_to_string (limits->kind), limits->center,
                          isfinite (limits->lcl) ? limits->lcl : 0.0,
                          isfinite (limits->ucl) ? limits->ucl : 0.0,
                          isfinite (limits->sigma) ? limits->sigma : 0.0);
}

gboolean
lc_spc_limits_freeze (LcStore      *store,
                      gint64        characteristic_id,
                      LcSpcLimits  *limits,
                      GError      **error)
{
  g_autoptr(LcSpcLimits) before = NULL;
  g_autofree char *parameters = parameters_to_json (limits);
  g_autofree char *excluded = excluded_to_json (limits);
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  sqlite3_stmt *stmt;
  gint64 now = lc_store_now ();

  if (!check_may_freeze (store, error))
    return FALSE;
  before = lc_spc_limits_load_active (store, characteristic_id, NULL);
  if (!lc_store_begin (store, error))
    return FALSE;
  if (!deactivate (store, characteristic_id, error) ||
      (stmt = lc_store_prepare (store,
         "INSERT INTO control_limits (characteristic_id, chart, subgroup_size, center, lcl, ucl,"
         " dispersion_center, dispersion_lcl, dispersion_ucl, sigma, sigma_method, parameters,"
         " phase1_from, phase1_to, excluded, frozen_at, frozen_by, active)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1)", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, characteristic_id);
  sqlite3_bind_text (stmt, 2, lc_spc_chart_kind_to_string (limits->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) limits->subgroup_size);
  sqlite3_bind_double (stmt, 4, limits->center);
  lc_store_bind_double_or_null (stmt, 5, limits->lcl);
  lc_store_bind_double_or_null (stmt, 6, limits->ucl);
  lc_store_bind_double_or_null (stmt, 7, limits->dispersion_center);
  lc_store_bind_double_or_null (stmt, 8, limits->dispersion_lcl);
  lc_store_bind_double_or_null (stmt, 9, limits->dispersion_ucl);
  sqlite3_bind_double (stmt, 10, isfinite (limits->sigma) ? limits->sigma : 0.0);
  sqlite3_bind_text (stmt, 11, lc_spc_sigma_method_to_string (limits->sigma_method), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, parameters, -1, SQLITE_STATIC);
  lc_store_bind_id_or_null (stmt, 13, limits->phase1_from);
  lc_store_bind_id_or_null (stmt, 14, limits->phase1_to);
  sqlite3_bind_text (stmt, 15, excluded, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, now);
  lc_store_bind_id_or_null (stmt, 17, lc_store_get_actor_id (store));
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  limits->id = lc_store_last_insert_id (store);
  limits->characteristic_id = characteristic_id;
  limits->frozen_at = now;
  limits->frozen_by = lc_store_get_actor_id (store);
  g_free (limits->frozen_by_name);
  limits->frozen_by_name = g_strdup (lc_store_get_actor_name (store));

  old_value = describe (before);
  new_value = describe (limits);
  if (!lc_audit_record (store, "control_limits", characteristic_id, "freeze", old_value, new_value, NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "control_limits", limits->id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_spc_limits_unfreeze (LcStore  *store,
                        gint64    characteristic_id,
                        GError  **error)
{
  g_autoptr(LcSpcLimits) before = NULL;
  g_autofree char *old_value = NULL;

  if (!check_may_freeze (store, error))
    return FALSE;
  before = lc_spc_limits_load_active (store, characteristic_id, NULL);
  if (before == NULL)
    return TRUE;
  old_value = describe (before);
  if (!lc_store_begin (store, error))
    return FALSE;
  if (!deactivate (store, characteristic_id, error) ||
      !lc_audit_record (store, "control_limits", characteristic_id, "release", old_value, NULL, NULL, error) ||
      !lc_store_commit (store, error))
    {
      lc_store_rollback (store);
      return FALSE;
    }
  lc_store_notify_changed (store, "control_limits", before->id);
  return TRUE;
}

LcSpcLimits *
lc_spc_limits_load_active (LcStore  *store,
                           gint64    characteristic_id,
                           GError  **error)
{
  g_autoptr(LcSpcLimits) self = NULL;
  sqlite3_stmt *stmt = lc_store_prepare (store,
    "SELECT c.id, c.chart, c.subgroup_size, c.center, c.lcl, c.ucl, c.dispersion_center,"
    " c.dispersion_lcl, c.dispersion_ucl, c.sigma, c.sigma_method, c.parameters, c.phase1_from,"
    " c.phase1_to, c.excluded, c.frozen_at, c.frozen_by, o.name"
    " FROM control_limits c LEFT JOIN operator o ON o.id = c.frozen_by"
    " WHERE c.characteristic_id = ?1 AND c.active = 1 ORDER BY c.id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, characteristic_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      lc_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  self = limits_new ();
  self->id = sqlite3_column_int64 (stmt, 0);
  self->characteristic_id = characteristic_id;
  if (!lc_spc_chart_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &self->kind))
    self->kind = LC_SPC_CHART_XBAR_R;
  self->subgroup_size = sqlite3_column_int (stmt, 2);
  self->center = sqlite3_column_double (stmt, 3);
  self->lcl = lc_store_column_double_or_nan (stmt, 4);
  self->ucl = lc_store_column_double_or_nan (stmt, 5);
  self->dispersion_center = lc_store_column_double_or_nan (stmt, 6);
  self->dispersion_lcl = lc_store_column_double_or_nan (stmt, 7);
  self->dispersion_ucl = lc_store_column_double_or_nan (stmt, 8);
  self->sigma = sqlite3_column_double (stmt, 9);
  if (!lc_spc_sigma_method_from_string ((const char *) sqlite3_column_text (stmt, 10), &self->sigma_method))
    self->sigma_method = LC_SPC_SIGMA_KNOWN;
  parameters_from_json (self, (const char *) sqlite3_column_text (stmt, 11), (const char *) sqlite3_column_text (stmt, 14));
  self->phase1_from = sqlite3_column_int64 (stmt, 12);
  self->phase1_to = sqlite3_column_int64 (stmt, 13);
  self->frozen_at = sqlite3_column_int64 (stmt, 15);
  self->frozen_by = sqlite3_column_int64 (stmt, 16);
  self->frozen_by_name = sqlite3_column_type (stmt, 17) == SQLITE_NULL ? NULL
                         : g_strdup ((const char *) sqlite3_column_text (stmt, 17));
  sqlite3_reset (stmt);
  return g_steal_pointer (&self);
}

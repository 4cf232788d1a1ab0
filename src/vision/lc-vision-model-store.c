/* The model versions of each part type in the store (the model table, migrations 1 and 5). */

#include "lc-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lc-audit.h"
#include "lc-vision-model-store.h"

/* Statements come from lc_store_prepare ()'s cache: reset after use, never finalized. */
#define RECORD_COLUMNS "id, part_type_id, version, kind, file, created_at, active"

void
lc_vision_model_record_free (LcVisionModelRecord *record)
{
  g_free (record->file);
  g_free (record);
}

static LcVisionModelRecord *
record_from_row (sqlite3_stmt *stmt)
{
  LcVisionModelRecord *record = g_new0 (LcVisionModelRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->part_type_id = sqlite3_column_int64 (stmt, 1);
  record->version = (guint) sqlite3_column_int (stmt, 2);
  if (!lc_vision_model_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &record->kind))
    record->kind = LC_VISION_MODEL_CLASSIFIER;
  record->file = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  record->created_at = sqlite3_column_int64 (stmt, 5);
  record->active = sqlite3_column_int (stmt, 6) != 0;
  return record;
}

static LcVisionModelRecord *
get_record (LcStore    *store,
            const char *where,
            gint64      a,
            const char *b,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " RECORD_COLUMNS " FROM model WHERE %s", where);
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);
  LcVisionModelRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, a);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = record_from_row (stmt);
  else if (rc != SQLITE_DONE)
    lc_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return record;
}

LcVisionModelRecord *
lc_vision_model_store_register (LcStore        *store,
                                gint64          part_type_id,
                                LcVisionModel  *model,
                                GError        **error)
{
  g_autofree char *models_dir = lc_store_get_models_dir (store);
  g_autofree char *file = NULL;
  const char *kind = lc_vision_model_kind_to_string (lc_vision_model_get_kind (model));
  sqlite3_stmt *stmt;
  gint64 version = 1;
  gint64 id;

  if (!lc_store_begin (store, error))
    return NULL;
  stmt = lc_store_prepare (store, "SELECT coalesce (max (version), 0) + 1 FROM model WHERE part_type_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* the file first: a row must never name a file that is not there */
  file = g_strdup_printf ("%s/part-%" G_GINT64_FORMAT "-%s-v%" G_GINT64_FORMAT ".lcm", models_dir, part_type_id,
                          kind, version);
  if (g_mkdir_with_parents (models_dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot make the models folder “%s”."), models_dir);
      goto fail;
    }
  if (!lc_vision_model_save (model, file, error))
    goto fail;

  stmt = lc_store_prepare (store,
                           "INSERT INTO model (part_type_id, version, kind, parameters, training_set, metrics, file,"
                           " created_at, created_by, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, lc_vision_model_get_parameters_json (model), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, lc_vision_model_get_training_set_json (model), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, lc_vision_model_get_metrics_json (model), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, lc_store_now ());
  lc_store_bind_id_or_null (stmt, 9, lc_store_get_actor_id (store));
  if (!lc_store_step_done (store, stmt, error))
    {
      g_unlink (file);
      goto fail;
    }
  id = lc_store_last_insert_id (store);
  /* the audit trail covers models (issue 6): who trained which version, in the same transaction */
  {
    g_autofree char *what = g_strdup_printf ("%s v%" G_GINT64_FORMAT, kind, version);
    if (!lc_audit_record (store, "model", id, "train-model", NULL, what, NULL, error))
      {
        g_unlink (file);
        goto fail;
      }
  }
  if (!lc_store_commit (store, error))
    {
      g_unlink (file);
      return NULL;
    }
  lc_store_notify_changed (store, "model", id);
  return get_record (store, "id = ?1", id, NULL, error);

fail:
  lc_store_rollback (store);
  return NULL;
}

LcVisionModelRecord *
lc_vision_model_store_get (LcStore  *store,
                           gint64    model_id,
                           GError  **error)
{
  GError *local = NULL;
  LcVisionModelRecord *record = get_record (store, "id = ?1", model_id, NULL, &local);

  if (record == NULL && local == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, model_id);
      g_set_error (&local, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND, _("There is no model number %s."), number);
    }
  if (local != NULL)
    g_propagate_error (error, local);
  return record;
}

gboolean
lc_vision_model_store_activate (LcStore  *store,
                                gint64    model_id,
                                GError  **error)
{
  g_autoptr(LcVisionModelRecord) record = lc_vision_model_store_get (store, model_id, error);
  sqlite3_stmt *stmt;

  if (record == NULL)
    return FALSE;
  if (!lc_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(LcVisionModelRecord) previous = lc_vision_model_store_get_active (store, record->part_type_id,
                                                                                record->kind, error);
    g_autofree char *old_id = NULL, *new_id = g_strdup_printf ("%" G_GINT64_FORMAT, model_id);
    if (previous == NULL && error != NULL && *error != NULL)
      goto fail;
    if (previous != NULL)
      old_id = g_strdup_printf ("%" G_GINT64_FORMAT, previous->id);
    if (!lc_audit_record (store, "part_type", record->part_type_id, "activate-model", old_id, new_id,
                          lc_vision_model_kind_to_string (record->kind), error))
      goto fail;
  }
  stmt = lc_store_prepare (store,
                           "UPDATE model SET active = (id = ?1) WHERE part_type_id = ?2 AND kind = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_int64 (stmt, 2, record->part_type_id);
  sqlite3_bind_text (stmt, 3, lc_vision_model_kind_to_string (record->kind), -1, SQLITE_STATIC);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  stmt = lc_store_prepare (store, "UPDATE part_type SET active_model_id = ?1, updated_at = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, model_id);
  sqlite3_bind_int64 (stmt, 2, lc_store_now ());
  sqlite3_bind_int64 (stmt, 3, record->part_type_id);
  if (!lc_store_step_done (store, stmt, error) || !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "model", model_id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

LcVisionModelRecord *
lc_vision_model_store_get_active (LcStore           *store,
                                  gint64             part_type_id,
                                  LcVisionModelKind  kind,
                                  GError           **error)
{
  return get_record (store, "part_type_id = ?1 AND kind = ?2 AND active", part_type_id,
                     lc_vision_model_kind_to_string (kind), error);
}

GPtrArray *
lc_vision_model_store_list (LcStore  *store,
                            gint64    part_type_id,
                            GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT " RECORD_COLUMNS " FROM model WHERE part_type_id = ?1"
                                                " ORDER BY version DESC", error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vision_model_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

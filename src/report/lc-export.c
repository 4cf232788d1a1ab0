#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lc-csv.h"
#include "lc-export.h"

G_DEFINE_QUARK (lc-export-error-quark, lc_export_error)

/* The rows every format is made of: one per measurement (or inspection) with what the
 * inspection says about the part. Superseded readings are kept in the CSV (flagged) and left
 * out of the DFQ, whose readers take every value line as a valid measurement. */
#define RECORD_JOINS \
  " LEFT JOIN lot l ON l.id = i.lot_id" \
  " LEFT JOIN operator o ON o.id = i.operator_id"
#define RECORD_WHERE \
  " WHERE i.part_type_id = ?1 AND i.recorded_at BETWEEN ?2 AND ?3" \
  " AND (?4 IS NULL OR l.code = ?4) AND (?5 IS NULL OR o.name = ?5) AND (?6 IS NULL OR i.station = ?6)"

static const char measurements_sql[] =
  "SELECT m.characteristic_id, m.value, m.measured_at, m.superseded, m.reason,"
  " i.id, i.serial, coalesce (l.code, ''), coalesce (o.name, ''), i.station"
  " FROM measurement m JOIN inspection i ON i.id = m.inspection_id"
  RECORD_JOINS RECORD_WHERE
  " ORDER BY m.characteristic_id, m.measured_at, m.id";

static const char inspections_sql[] =
  "SELECT i.id, i.serial, coalesce (l.code, ''), coalesce (o.name, ''), i.station,"
  " i.started_at, i.recorded_at, i.verdict, coalesce (i.suggested_verdict, ''), i.decided_by,"
  " i.defect_class_id, i.model_score, i.note"
  " FROM inspection i"
  RECORD_JOINS RECORD_WHERE
  " ORDER BY i.recorded_at, i.id";

enum
{
  M_CHARACTERISTIC, M_VALUE, M_MEASURED_AT, M_SUPERSEDED, M_REASON,
  M_INSPECTION, M_SERIAL, M_LOT, M_OPERATOR, M_STATION,
};

gboolean
lc_export_parse_time (const char  *text,
                      gboolean     end_of_day,
                      gint64      *time,
                      GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  int year, month, day;
  char tail;

  g_return_val_if_fail (text != NULL && time != NULL, FALSE);

  /* A bare date: the whole day, local time. */
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3)
    {
      dt = g_date_time_new (local, year, month, day, 0, 0, 0.0);
      if (dt != NULL && end_of_day)
        {
          GDateTime *next = g_date_time_add_days (dt, 1);
          g_date_time_unref (dt);
          dt = next;
          *time = g_date_time_to_unix (dt) * G_USEC_PER_SEC - 1;
          return TRUE;
        }
    }
  else
    {
      /* "2026-11-20 06:00" is how people type it; ISO 8601 wants the T and the seconds. */
      iso = g_strdup (text);
      g_strstrip (iso);
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      if (strlen (iso) == 16)
        {
          char *with_seconds = g_strconcat (iso, ":00", NULL);
          g_free (iso);
          iso = with_seconds;
        }
      dt = g_date_time_new_from_iso8601 (iso, local);
    }

  if (dt == NULL)
    {
      g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_TIME,
                   _("“%s” is not a date or time; write it like 2026-11-20 or 2026-11-20 06:00"), text);
      return FALSE;
    }
  *time = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

static void
format_number (char   *buffer,
               gsize   size,
               double  value)
{
  /* 15 significant digits give back the number as recorded without binary noise
   * (19.9999, not 19.999899999999997); a dot always, whatever the locale. */
  if (isnan (value))
    buffer[0] = '\0';
  else
    g_ascii_formatd (buffer, size, "%.15g", value);
}

static char *
format_local_time (gint64      time,
                   const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, format);
}

/* The id of the row @sql finds with @part_type_id and @text bound, 0 when there is none. */
static gboolean
lookup_id (LcStore     *store,
           const char  *sql,
           gint64       part_type_id,
           const char  *text,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

gboolean
lc_export_range_resolve (LcStore              *store,
                         LcPartType           *part_type,
                         const LcExportRange  *range,
                         gint64               *lot_id,
                         gint64               *operator_id,
                         GError              **error)
{
  gint64 part_type_id = lc_part_type_get_id (part_type);
  gint64 station_found = 0;

  g_return_val_if_fail (range != NULL && lot_id != NULL && operator_id != NULL, FALSE);

  *lot_id = 0;
  *operator_id = 0;
  if (range->from > range->to)
    {
      g_set_error_literal (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_RANGE,
                           _("The start of the time range is after its end."));
      return FALSE;
    }
  if (range->lot != NULL)
    {
      if (!lookup_id (store, "SELECT id FROM lot WHERE part_type_id = ?1 AND code = ?2",
                      part_type_id, range->lot, lot_id, error))
        return FALSE;
      if (*lot_id == 0)
        {
          g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_UNKNOWN_LOT,
                       _("Part type %s has no lot “%s”."), lc_part_type_get_code (part_type), range->lot);
          return FALSE;
        }
    }
  if (range->operator_name != NULL)
    {
      /* Operators are not per part type: ?1 is bound but not used. */
      if (!lookup_id (store, "SELECT id FROM operator WHERE name = ?2",
                      part_type_id, range->operator_name, operator_id, error))
        return FALSE;
      if (*operator_id == 0)
        {
          g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_UNKNOWN_OPERATOR,
                       _("There is no operator called “%s”."), range->operator_name);
          return FALSE;
        }
    }
  if (range->station != NULL)
    {
      if (!lookup_id (store, "SELECT 1 FROM inspection WHERE part_type_id = ?1 AND station = ?2 LIMIT 1",
                      part_type_id, range->station, &station_found, error))
        return FALSE;
      if (station_found == 0)
        {
          g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_UNKNOWN_STATION,
                       _("No part of type %s was inspected at station “%s”."),
                       lc_part_type_get_code (part_type), range->station);
          return FALSE;
        }
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_records (LcStore              *store,
                 LcPartType           *part_type,
                 const LcExportRange  *range,
                 const char           *sql,
                 GError              **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part_type));
  sqlite3_bind_int64 (stmt, 2, range->from);
  sqlite3_bind_int64 (stmt, 3, range->to);
  lc_store_bind_text_or_null (stmt, 4, range->lot);
  lc_store_bind_text_or_null (stmt, 5, range->operator_name);
  lc_store_bind_text_or_null (stmt, 6, range->station);
  return stmt;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static gboolean
finish_rows (LcStore       *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

static void
no_records_error (LcPartType  *part_type,
                  GError     **error)
{
  g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_NO_RECORDS,
               _("Nothing to export: part type %s has no records that match the time range, lot, "
                 "operator and station asked for."),
               lc_part_type_get_code (part_type));
}

static gboolean
write_measurements_csv (LcStore              *store,
                        LcPartType           *part_type,
                        const LcExportRange  *range,
                        GString              *out,
                        guint                *n_records,
                        GError              **error)
{
  static const char * const header[] = {
    "inspection", "serial", "lot", "operator", "station", "measured_at", "characteristic",
    "value", "unit", "nominal", "lsl", "usl", "in_spec", "superseded", "reason",
  };
  sqlite3_stmt *stmt = prepare_records (store, part_type, range, measurements_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lc_csv_append_record (out, header, G_N_ELEMENTS (header), "\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcCharacteristic *characteristic =   /* owned by the part type */
        lc_part_type_find_characteristic_by_id (part_type, sqlite3_column_int64 (stmt, M_CHARACTERISTIC));
      double value = sqlite3_column_double (stmt, M_VALUE);
      double lsl, usl;
      char value_text[G_ASCII_DTOSTR_BUF_SIZE], nominal[G_ASCII_DTOSTR_BUF_SIZE];
      char lsl_text[G_ASCII_DTOSTR_BUF_SIZE], usl_text[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *inspection = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, M_INSPECTION));
      g_autofree char *at = format_local_time (sqlite3_column_int64 (stmt, M_MEASURED_AT), "%Y-%m-%dT%H:%M:%S%:z");
      const char *row[G_N_ELEMENTS (header)];

      if (characteristic == NULL)
        continue;
      lsl = lc_characteristic_get_lsl (characteristic);
      usl = lc_characteristic_get_usl (characteristic);
      format_number (value_text, sizeof value_text, value);
      format_number (nominal, sizeof nominal, lc_characteristic_get_nominal (characteristic));
      format_number (lsl_text, sizeof lsl_text, lsl);
      format_number (usl_text, sizeof usl_text, usl);
      row[0] = inspection;
      row[1] = column_text (stmt, M_SERIAL);
      row[2] = column_text (stmt, M_LOT);
      row[3] = column_text (stmt, M_OPERATOR);
      row[4] = column_text (stmt, M_STATION);
      row[5] = at;
      row[6] = lc_characteristic_get_name (characteristic);
      row[7] = value_text;
      row[8] = lc_characteristic_get_unit (characteristic);
      row[9] = nominal;
      row[10] = lsl_text;
      row[11] = usl_text;
      row[12] = (!isnan (lsl) && value < lsl) || (!isnan (usl) && value > usl) ? "no" : "yes";
      row[13] = sqlite3_column_int (stmt, M_SUPERSEDED) ? "yes" : "no";
      row[14] = column_text (stmt, M_REASON);
      lc_csv_append_record (out, row, G_N_ELEMENTS (row), "\n");
      (*n_records)++;
    }
  return finish_rows (store, stmt, rc, error);
}

static gboolean
write_inspections_csv (LcStore              *store,
                       LcPartType           *part_type,
                       const LcExportRange  *range,
                       GString              *out,
                       guint                *n_records,
                       GError              **error)
{
  static const char * const header[] = {
    "inspection", "serial", "lot", "operator", "station", "started_at", "recorded_at",
    "verdict", "suggested_verdict", "decided_by", "defect_class", "model_score", "note",
  };
  sqlite3_stmt *stmt = prepare_records (store, part_type, range, inspections_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  lc_csv_append_record (out, header, G_N_ELEMENTS (header), "\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcDefectClass *defect_class = NULL;   /* owned by the part type */
      g_autofree char *inspection = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      g_autofree char *started = format_local_time (sqlite3_column_int64 (stmt, 5), "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *recorded = format_local_time (sqlite3_column_int64 (stmt, 6), "%Y-%m-%dT%H:%M:%S%:z");
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      const char *row[G_N_ELEMENTS (header)];

      if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
        defect_class = lc_part_type_find_defect_class_by_id (part_type, sqlite3_column_int64 (stmt, 10));
      format_number (score, sizeof score, lc_store_column_double_or_nan (stmt, 11));
      row[0] = inspection;
      for (int i = 1; i <= 4; i++)
        row[i] = column_text (stmt, i);
      row[5] = started;
      row[6] = recorded;
      row[7] = column_text (stmt, 7);
      row[8] = column_text (stmt, 8);
      row[9] = column_text (stmt, 9);
      row[10] = defect_class != NULL ? lc_defect_class_get_name (defect_class) : "";
      row[11] = score;
      row[12] = column_text (stmt, 12);
      lc_csv_append_record (out, row, G_N_ELEMENTS (row), "\n");
      (*n_records)++;
    }
  return finish_rows (store, stmt, rc, error);
}

/* AQDEF lines are "Kxxxx[/i] text" and end with CR LF; a line break inside a text would
 * start a new field, so it becomes a space. */
static void
append_dfq (GString    *out,
            const char *key,
            guint       index,
            const char *text)
{
  if (index > 0)
    g_string_append_printf (out, "%s/%u ", key, index);
  else
    g_string_append_printf (out, "%s ", key);
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\r' || *p == '\n' ? ' ' : *p);
  g_string_append (out, "\r\n");
}

static void
append_dfq_number (GString    *out,
                   const char *key,
                   guint       index,
                   double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;
  format_number (text, sizeof text, value);
  append_dfq (out, key, index, text);
}

/* AQDEF (Q-DAS ASCII transfer format): the number of characteristics (K0100), the part
 * (K1001 number, K1002 description), each variable characteristic numbered from 1 (K2001
 * number, K2002 description, K2004 type, K2022 decimals, K2101/K2110/K2111 nominal and
 * limits, K2142 unit, K8500 subgroup size), then its values (K0xxx/i), oldest first. The
 * fields are those of the AQDEF specification (version 3.0, 2010) a reader needs at least. */
static gboolean
write_dfq (LcStore              *store,
           LcPartType           *part_type,
           const LcExportRange  *range,
           GString              *out,
           guint                *n_records,
           GError              **error)
{
  GListModel *characteristics = lc_part_type_get_characteristics (part_type);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint number = 0;
  int rc;

  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *n_characteristics = NULL;

  append_dfq (fields, "K1001", 0, lc_part_type_get_code (part_type));
  append_dfq (fields, "K1002", 0, lc_part_type_get_name (part_type));

  for (guint i = 0; i < g_list_model_get_n_items (characteristics); i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (characteristics, i);
      g_autofree char *decimals = NULL;
      g_autofree char *subgroup = NULL;
      gint64 id = lc_characteristic_get_id (c);

      if (lc_characteristic_get_kind (c) != LC_CHARACTERISTIC_VARIABLE || lc_characteristic_get_archived (c))
        continue;
      g_array_append_val (ids, id);
      number++;
      decimals = g_strdup_printf ("%u", lc_characteristic_get_decimals (c));
      subgroup = g_strdup_printf ("%u", lc_characteristic_get_subgroup_size (c));
      append_dfq (fields, "K2001", number, lc_characteristic_get_name (c));
      append_dfq (fields, "K2002", number, lc_characteristic_get_name (c));
      /* K2004 characteristic type: 0 variable (the only kind a DFQ export carries). */
      append_dfq (fields, "K2004", number, "0");
      append_dfq (fields, "K2022", number, decimals);
      append_dfq_number (fields, "K2101", number, lc_characteristic_get_nominal (c));
      append_dfq_number (fields, "K2110", number, lc_characteristic_get_lsl (c));
      append_dfq_number (fields, "K2111", number, lc_characteristic_get_usl (c));
      append_dfq (fields, "K2142", number, lc_characteristic_get_unit (c));
      append_dfq (fields, "K8500", number, subgroup);
    }
  /* AQDEF requires the number of characteristics (K0100) first, before the part fields:
   * readers size their characteristic table from it. */
  n_characteristics = g_strdup_printf ("%u", number);
  append_dfq (out, "K0100", 0, n_characteristics);
  g_string_append_len (out, fields->str, fields->len);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (numbers, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (i + 1));

  stmt = prepare_records (store, part_type, range, measurements_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 characteristic_id = sqlite3_column_int64 (stmt, M_CHARACTERISTIC);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, &characteristic_id));
      g_autofree char *at = NULL;

      if (index == 0 || sqlite3_column_int (stmt, M_SUPERSEDED))
        continue;
      /* K0004: dd.MM.yyyy/HH:mm:ss, the station's local time. */
      at = format_local_time (sqlite3_column_int64 (stmt, M_MEASURED_AT), "%d.%m.%Y/%H:%M:%S");
      append_dfq_number (out, "K0001", index, sqlite3_column_double (stmt, M_VALUE));
      append_dfq (out, "K0004", index, at);
      append_dfq (out, "K0006", index, column_text (stmt, M_LOT));
      append_dfq (out, "K0008", index, column_text (stmt, M_OPERATOR));
      append_dfq (out, "K0010", index, column_text (stmt, M_STATION));
      append_dfq (out, "K0014", index, column_text (stmt, M_SERIAL));
      (*n_records)++;
    }
  return finish_rows (store, stmt, rc, error);
}

char *
lc_export_to_string (LcStore              *store,
                     LcPartType           *part_type,
                     const LcExportRange  *range,
                     LcExportFormat        format,
                     guint                *n_records,
                     GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint count = 0;
  gboolean ok = FALSE;
  gint64 lot_id, operator_id;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (LC_IS_PART_TYPE (part_type), NULL);
  g_return_val_if_fail (range != NULL, NULL);

  if (!lc_export_range_resolve (store, part_type, range, &lot_id, &operator_id, error))
    return NULL;

  switch (format)
    {
    case LC_EXPORT_MEASUREMENTS_CSV:
      ok = write_measurements_csv (store, part_type, range, out, &count, error);
      break;
    case LC_EXPORT_INSPECTIONS_CSV:
      ok = write_inspections_csv (store, part_type, range, out, &count, error);
      break;
    case LC_EXPORT_DFQ:
      ok = write_dfq (store, part_type, range, out, &count, error);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  if (!ok)
    return NULL;
  if (count == 0)
    {
      no_records_error (part_type, error);
      return NULL;
    }
  if (n_records != NULL)
    *n_records = count;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
lc_export_to_file (LcStore              *store,
                   LcPartType           *part_type,
                   const LcExportRange  *range,
                   LcExportFormat        format,
                   const char           *path,
                   guint                *n_records,
                   GError              **error)
{
  g_autofree char *text = lc_export_to_string (store, part_type, range, format, n_records, error);

  if (text == NULL)
    return FALSE;
  /* g_file_set_contents writes a temporary file and renames it over @path. */
  return g_file_set_contents (path, text, -1, error);
}

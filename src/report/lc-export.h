#pragma once

#include <gio/gio.h>

#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_EXPORT_ERROR (lc_export_error_quark ())

typedef enum
{
  LC_EXPORT_ERROR_NO_RECORDS,   /* nothing matches the part, range and lot asked for */
  LC_EXPORT_ERROR_UNKNOWN_LOT,  /* the part type has no lot of that code */
  LC_EXPORT_ERROR_RANGE,        /* "from" is after "to" */
  LC_EXPORT_ERROR_TIME,         /* a time the user typed cannot be read */
  LC_EXPORT_ERROR_UNKNOWN_OPERATOR, /* no operator of that name */
  LC_EXPORT_ERROR_UNKNOWN_STATION,  /* no part of the part type was inspected at that station */
} LcExportError;

typedef enum
{
  LC_EXPORT_MEASUREMENTS_CSV,
  LC_EXPORT_INSPECTIONS_CSV,
  LC_EXPORT_DFQ,
} LcExportFormat;

/* Which records of one part type: inspections recorded in [from, to] (microseconds UTC;
 * 0 and G_MAXINT64 for an open end), of one lot, by one operator (by name), at one station
 * (NULL for every lot, operator, station): the dashboard's filters. */
typedef struct
{
  gint64      from;
  gint64      to;
  const char *lot;
  const char *operator_name;
  const char *station;
} LcExportRange;

#define LC_EXPORT_RANGE_ALL ((LcExportRange) { 0, G_MAXINT64, NULL, NULL, NULL })

GQuark    lc_export_error_quark     (void);

/* "2026-11-20", "2026-11-20 06:00", "2026-11-20T06:00:00", or ISO 8601 with a zone; times
 * without a zone are the station's local time. A bare date as @end_of_day means that
 * day's last microsecond, so "--to 2026-11-20" includes the 20th. */
gboolean  lc_export_parse_time      (const char           *text,
                                     gboolean              end_of_day,
                                     gint64               *time,
                                     GError              **error);

/* Checks @range against the database (the start is not after the end; the lot, operator
 * and station exist for @part_type) and looks up the ids the statistics library filters by:
 * @lot_id and @operator_id get 0 when @range does not name one. */
gboolean  lc_export_range_resolve   (LcStore              *store,
                                     LcPartType           *part_type,
                                     const LcExportRange  *range,
                                     gint64               *lot_id,
                                     gint64               *operator_id,
                                     GError              **error);

/* The whole export as text (CSV with LF line ends and a header row; DFQ with CRLF). */
char     *lc_export_to_string       (LcStore              *store,
                                     LcPartType           *part_type,
                                     const LcExportRange  *range,
                                     LcExportFormat        format,
                                     guint                *n_records,
                                     GError              **error);

/* Writes the export to @path atomically (a failed export never leaves half a file).
 * @n_records, if not NULL, gets the number of measurements (or inspections) written. */
gboolean  lc_export_to_file         (LcStore              *store,
                                     LcPartType           *part_type,
                                     const LcExportRange  *range,
                                     LcExportFormat        format,
                                     const char           *path,
                                     guint                *n_records,
                                     GError              **error);

G_END_DECLS

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LC_CSV_ERROR (lc_csv_error_quark ())

typedef enum
{
  LC_CSV_ERROR_QUOTE,      /* a quoted field never ends */
  LC_CSV_ERROR_ENCODING,   /* not UTF-8 */
} LcCsvError;

GQuark lc_csv_error_quark (void);

typedef struct
{
  guint   line;     /* 1-based line where the record starts */
  GStrv   fields;
  guint   n_fields;
} LcCsvRecord;

void lc_csv_record_free (LcCsvRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCsvRecord, lc_csv_record_free)

/* RFC 4180 text (comma separated, "…" quoting with "" inside, LF or CRLF, an optional UTF-8
 * byte order mark). Blank lines are skipped. Returns a GPtrArray of LcCsvRecord. */
GPtrArray *lc_csv_parse         (const char  *text,
                                 gsize        length,
                                 GError     **error);

/* Appends one record, quoting only where needed, ending it with @line_end ("\n" or "\r\n"). */
void       lc_csv_append_record (GString     *out,
                                 const char * const *fields,
                                 guint        n_fields,
                                 const char  *line_end);

G_END_DECLS

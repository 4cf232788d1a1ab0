#pragma once

#include <json-glib/json-glib.h>

#include "lc-part-type.h"

G_BEGIN_DECLS

#define LC_IMPORT_ERROR (lc_import_error_quark ())

typedef enum
{
  LC_IMPORT_ERROR_SYNTAX,    /* not JSON / CSV at all, or broken at a line */
  LC_IMPORT_ERROR_FIELD,     /* a field is missing or has a value of the wrong kind */
  LC_IMPORT_ERROR_INVALID,   /* well formed, but breaks a rule (LSL >= USL, duplicates, …) */
} LcImportError;

GQuark lc_import_error_quark (void);

typedef enum
{
  LC_PART_FORMAT_JSON,
  LC_PART_FORMAT_CSV,
} LcPartFormat;

gboolean   lc_part_format_from_string (const char   *text,
                                       LcPartFormat *format);
/* From the file name's extension, else from the first character of the text. */
LcPartFormat lc_part_format_guess     (const char   *path,
                                       const char   *text);

JsonNode  *lc_part_type_to_json       (LcPartType   *self);
char      *lc_part_types_serialize    (GPtrArray    *part_types,
                                       LcPartFormat  format);

/* Parses and validates every part type of a file; nothing is written. Errors name the line
 * and the field: "Line 12, field “usl”: …". Returns a GPtrArray of LcPartType. */
GPtrArray *lc_part_types_parse        (const char   *text,
                                       gsize         length,
                                       LcPartFormat  format,
                                       GError      **error);

/* Saves parsed part types in one transaction: a code that exists is updated to the file's
 * specification (characteristics matched by name keep their history), a new code is
 * created. On any error nothing is changed. */
gboolean   lc_part_types_import       (LcStore      *store,
                                       GPtrArray    *part_types,
                                       GError      **error);

G_END_DECLS

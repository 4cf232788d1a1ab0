#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why a part type, characteristic or defect class is refused. The code names the field, so
 * the editor can mark it; the message says what is wrong in words. */
#define LC_PART_ERROR (lc_part_error_quark ())

typedef enum
{
  LC_PART_ERROR_CODE,         /* empty, or already used by another part type */
  LC_PART_ERROR_NAME,         /* empty */
  LC_PART_ERROR_LIMITS,       /* LSL not below USL, or no limit at all */
  LC_PART_ERROR_NOMINAL,      /* outside the specification */
  LC_PART_ERROR_DUPLICATE,    /* two characteristics or defect classes with one name */
  LC_PART_ERROR_DECIMALS,
  LC_PART_ERROR_SUBGROUP,
  LC_PART_ERROR_COLOR,
  LC_PART_ERROR_KIND,
  LC_PART_ERROR_SEVERITY,
} LcPartError;

GQuark lc_part_error_quark (void);

G_END_DECLS

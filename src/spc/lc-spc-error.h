#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LC_SPC_ERROR (lc_spc_error_quark ())

typedef enum
{
  LC_SPC_ERROR_NOT_ENOUGH_DATA,   /* too few subgroups or values to estimate limits */
  LC_SPC_ERROR_INVALID,           /* a value or parameter out of its range (n > 25, λ ≤ 0, …) */
  LC_SPC_ERROR_NO_VARIATION,      /* every value equal: sigma is zero, limits are meaningless */
  LC_SPC_ERROR_INPUT,             /* a text file that cannot be read as data (names the line) */
} LcSpcError;

GQuark lc_spc_error_quark (void);

G_END_DECLS

#include "lc-config.h"

#include "lc-spc-error.h"

G_DEFINE_QUARK (lc-spc-error-quark, lc_spc_error)

#include "lc-vision-error.h"

G_DEFINE_QUARK (lc-vision-error-quark, lc_vision_error)

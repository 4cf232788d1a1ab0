#pragma once

#include "lc-part-type.h"

G_BEGIN_DECLS

void _lc_part_type_set_updated_at (LcPartType *self,
                                   gint64      updated_at);

G_END_DECLS

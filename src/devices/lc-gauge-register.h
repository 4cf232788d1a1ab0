#pragma once

#include <glib.h>

#include "lc-gauge-types.h"
#include "lc-gauge-words.h"

G_BEGIN_DECLS

/* Where a value sits on a Modbus device and how to turn it into engineering units:
 * value = decoded × scale + offset. ADDRESS is 0-based, as on the wire (the manual's 40001
 * is holding address 0; see lc_gauge_format_reference ()). */
typedef struct
{
  LcGaugeTable      table;
  guint             address;
  LcGaugeDataType   type;
  LcGaugeWordOrder  order;
  double            scale;
  double            offset;
} LcGaugeRegister;

void     lc_gauge_register_init     (LcGaugeRegister        *self);
gboolean lc_gauge_register_validate (const LcGaugeRegister  *self,
                                     GError                **error);
/* Registers (or bits, one per element) the value spans. */
guint    lc_gauge_register_n_words  (const LcGaugeRegister  *self);
gboolean lc_gauge_register_decode   (const LcGaugeRegister  *self,
                                     const guint16          *words,
                                     double                 *value,
                                     GError                **error);
/* The inverse, for outputs: (value − offset) ÷ scale, packed. */
gboolean lc_gauge_register_encode   (const LcGaugeRegister  *self,
                                     double                  value,
                                     guint16                *words,
                                     GError                **error);

G_END_DECLS

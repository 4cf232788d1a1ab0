#pragma once

#include <glib.h>

#include "lc-gauge-types.h"

G_BEGIN_DECLS

/* Values in Modbus registers, packed and unpacked here rather than with libmodbus's float
 * helpers (3.1.6's modbus_set_float_* do not round-trip every order).
 *
 * A value's bytes, most significant first, are A B C D (32 bits) or A … H (64 bits). The
 * word order says how they travel, first register first:
 *
 *            16 bits    32 bits       64 bits
 *   ABCD     AB         AB CD         AB CD EF GH     big-endian
 *   CDAB     AB         CD AB         GH EF CD AB     registers reversed, bytes kept
 *   BADC     BA         BA DC         BA DC FE HG     bytes swapped in each register
 *   DCBA     BA         DC BA         HG FE DC BA     little-endian
 *
 * So for every width CDAB reverses the registers, BADC swaps the bytes in each, and DCBA
 * does both. bool is one coil or discrete input (or, in a register table, 0 or not 0). */

#define LC_GAUGE_MAX_WORDS 4

guint    lc_gauge_data_type_n_words (LcGaugeDataType   type);

/* Decodes WORDS (exactly lc_gauge_data_type_n_words () of them) into VALUE. Fails with
 * LC_GAUGE_ERROR_NOT_A_NUMBER when a float holds NaN or infinity: a gauge showing an error
 * must not turn into a reading. */
gboolean lc_gauge_words_decode      (LcGaugeDataType   type,
                                     LcGaugeWordOrder  order,
                                     const guint16    *words,
                                     double           *value,
                                     GError          **error);

/* Encodes VALUE into WORDS. Integers are rounded to the nearest and must fit the type;
 * fails with LC_GAUGE_ERROR_OUT_OF_RANGE otherwise. */
gboolean lc_gauge_words_encode      (LcGaugeDataType   type,
                                     LcGaugeWordOrder  order,
                                     double            value,
                                     guint16          *words,
                                     GError          **error);

G_END_DECLS

#pragma once

#include "lc-gauge-words.h"

/* Fixed vectors: the big-endian bytes come from Python's struct module, an independent
 * implementation; the registers for each order are written out by hand from the table in
 * lc-gauge-words.h, not computed by the code under test. */
typedef struct
{
  const char      *name;
  LcGaugeDataType  type;
  double           value;
  guint16          words[4][LC_GAUGE_MAX_WORDS];   /* ABCD, CDAB, BADC, DCBA */
} LcTestVector;

static const LcTestVector lc_test_vectors[] = {
  { "float32 123.456", LC_GAUGE_DATA_FLOAT32, 123.456f,
    { { 0x42f6, 0xe979 }, { 0xe979, 0x42f6 }, { 0xf642, 0x79e9 }, { 0x79e9, 0xf642 } } },
  { "float32 -12.5", LC_GAUGE_DATA_FLOAT32, -12.5,
    { { 0xc148, 0x0000 }, { 0x0000, 0xc148 }, { 0x48c1, 0x0000 }, { 0x0000, 0x48c1 } } },
  { "int32 -123456789", LC_GAUGE_DATA_INT32, -123456789,
    { { 0xf8a4, 0x32eb }, { 0x32eb, 0xf8a4 }, { 0xa4f8, 0xeb32 }, { 0xeb32, 0xa4f8 } } },
  { "uint32 3000000000", LC_GAUGE_DATA_UINT32, 3000000000.0,
    { { 0xb2d0, 0x5e00 }, { 0x5e00, 0xb2d0 }, { 0xd0b2, 0x005e }, { 0x005e, 0xd0b2 } } },
  { "float64 1234.5678", LC_GAUGE_DATA_FLOAT64, 1234.5678,
    { { 0x4093, 0x4a45, 0x6d5c, 0xfaad }, { 0xfaad, 0x6d5c, 0x4a45, 0x4093 },
      { 0x9340, 0x454a, 0x5c6d, 0xadfa }, { 0xadfa, 0x5c6d, 0x454a, 0x9340 } } },
  { "float64 -0.001", LC_GAUGE_DATA_FLOAT64, -0.001,
    { { 0xbf50, 0x624d, 0xd2f1, 0xa9fc }, { 0xa9fc, 0xd2f1, 0x624d, 0xbf50 },
      { 0x50bf, 0x4d62, 0xf1d2, 0xfca9 }, { 0xfca9, 0xf1d2, 0x4d62, 0x50bf } } },
  { "int16 -2", LC_GAUGE_DATA_INT16, -2,
    { { 0xfffe }, { 0xfffe }, { 0xfeff }, { 0xfeff } } },
  { "uint16 4660", LC_GAUGE_DATA_UINT16, 0x1234,
    { { 0x1234 }, { 0x1234 }, { 0x3412 }, { 0x3412 } } },
  { "int16 32767", LC_GAUGE_DATA_INT16, 32767,
    { { 0x7fff }, { 0x7fff }, { 0xff7f }, { 0xff7f } } },
  { "uint16 65535", LC_GAUGE_DATA_UINT16, 65535,
    { { 0xffff }, { 0xffff }, { 0xffff }, { 0xffff } } },
};


#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-gauge-register.h"

/* A Modbus response as the gauge code sees it: up to four registers, decoded with every data
 * type and word order a channel can name, scaled, and encoded back. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  LcGaugeRegister reg;
  guint16 words[LC_GAUGE_MAX_WORDS] = { 0 };
  guint16 again[LC_GAUGE_MAX_WORDS] = { 0 };
  double value, scale, offset;

  lc_fuzz_abort_on_criticals ();
  if (size < 2 + 2 * sizeof (double))
    return 0;
  lc_gauge_register_init (&reg);
  reg.type = (LcGaugeDataType) (data[0] % (LC_GAUGE_DATA_FLOAT64 + 1));
  reg.order = (LcGaugeWordOrder) (data[1] % 4);
  reg.table = (LcGaugeTable) ((data[1] >> 2) % 4);
  memcpy (&scale, data + 2, sizeof scale);
  memcpy (&offset, data + 2 + sizeof scale, sizeof offset);
  reg.scale = scale;
  reg.offset = offset;
  data += 2 + 2 * sizeof (double);
  size -= 2 + 2 * sizeof (double);
  memcpy (words, data, MIN (size, sizeof words));

  if (!lc_gauge_register_validate (&reg, NULL))
    return 0;
  g_assert (lc_gauge_register_n_words (&reg) <= LC_GAUGE_MAX_WORDS);
  if (lc_gauge_register_decode (&reg, words, &value, NULL))
    {
      g_assert (!isnan (value));
      lc_gauge_register_encode (&reg, value, again, NULL);
    }
  return 0;
}

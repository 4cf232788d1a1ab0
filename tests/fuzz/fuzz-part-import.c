#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-part-type-io.h"

/* Part type files as an integrator or a customer's system writes them: JSON or CSV. The first
 * byte picks the format so one corpus covers both. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  LcPartFormat format;

  lc_fuzz_abort_on_criticals ();
  if (size == 0)
    return 0;
  format = data[0] & 1 ? LC_PART_FORMAT_CSV : LC_PART_FORMAT_JSON;
  text = g_strndup ((const char *) data + 1, size - 1);
  parts = lc_part_types_parse (text, size - 1, format, &error);
  /* Whatever parsed must also serialize: the export path sees the same objects. */
  if (parts != NULL)
    {
      g_autofree char *json = lc_part_types_serialize (parts, LC_PART_FORMAT_JSON);
      g_autofree char *csv = lc_part_types_serialize (parts, LC_PART_FORMAT_CSV);
    }
  else
    g_assert (error != NULL);
  return 0;
}

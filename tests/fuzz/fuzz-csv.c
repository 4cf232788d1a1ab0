#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-csv.h"

/* Any CSV text: records must come back with as many fields as they say, and writing them
 * again must not fail. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  lc_fuzz_abort_on_criticals ();
  records = lc_csv_parse ((const char *) data, size, &error);
  if (records == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  for (guint i = 0; i < records->len; i++)
    {
      LcCsvRecord *record = g_ptr_array_index (records, i);

      g_assert (record->n_fields == g_strv_length (record->fields));
      lc_csv_append_record (out, (const char * const *) record->fields, record->n_fields, "\n");
    }
  return 0;
}

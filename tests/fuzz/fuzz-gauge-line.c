#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-gauge-line-pattern.h"

/* What a serial gauge or a keyboard-wedge gauge sends, read with the default pattern, and a
 * channel's own pattern (the text before the first newline) reading the rest. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static LcGaugeLinePattern *standard;
  g_autofree char *text = g_strndup ((const char *) data, size);
  const char *newline = memchr (text, '\n', strlen (text));
  g_autoptr(LcGaugeReading) reading = NULL;
  g_autoptr(GError) error = NULL;

  lc_fuzz_abort_on_criticals ();
  if (standard == NULL)
    standard = lc_gauge_line_pattern_new (LC_GAUGE_LINE_PATTERN_DEFAULT, "mm", NULL);
  reading = lc_gauge_line_pattern_parse (standard, 1, text, &error);
  g_clear_error (&error);
  g_clear_pointer (&reading, lc_gauge_reading_free);

  if (newline != NULL)
    {
      g_autofree char *pattern = g_strndup (text, (gsize) (newline - text));
      g_autoptr(LcGaugeLinePattern) own = lc_gauge_line_pattern_new (pattern, "", &error);

      if (own != NULL)
        reading = lc_gauge_line_pattern_parse (own, 1, newline + 1, &error);
    }
  return 0;
}

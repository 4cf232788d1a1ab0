#pragma once

/* A fuzz target: LLVMFuzzerTestOneInput takes any bytes and must neither crash, nor overrun,
 * nor hang. Built with -fsanitize=fuzzer by tests/fuzz/run-fuzzers, and in the ordinary
 * build linked with fuzz-replay.c, which runs the saved corpus (seeds and every input that
 * once crashed) as a test. g_assert () stays on in both. */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A GLib critical or warning (an API given what it does not expect, a g_return_if_fail) is
 * a bug the fuzzer must report with its input: abort, which libFuzzer catches and saves,
 * rather than G_DEBUG's breakpoint trap, which it does not. */
static GLogWriterOutput
lc_fuzz_log_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static inline void
lc_fuzz_abort_on_criticals (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (lc_fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

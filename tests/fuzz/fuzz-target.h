#pragma once

/* A fuzz target: LLVMFuzzerTestOneInput takes any bytes and must neither crash, nor overrun,
 * nor hang. Built with -fsanitize=fuzzer by tests/fuzz/run-fuzzers, and in the ordinary
 * build linked with fuzz-replay.c, which runs the saved corpus (seeds and every input that
 * once crashed) as a test. g_assert () stays on in both. */

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

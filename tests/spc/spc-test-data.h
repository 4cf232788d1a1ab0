#pragma once

#include <glib.h>

#include "lc-spc-table.h"

/* The textbook data sets in ../shared/datasets/spc (LC_DATASETS), read as the CLI reads them. */
static inline LcSpcSamples *
spc_test_load (const char *file,
               gboolean    attribute,
               const char *value,
               const char *subgroup,
               const char *size,
               const char *phase1)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("LC_DATASETS"), "spc", file, NULL);
  g_autoptr(LcSpcTable) table = lc_spc_table_load (path, &error);
  LcSpcSamples *samples;

  g_assert_no_error (error);
  samples = lc_spc_table_to_samples (table, attribute, value, subgroup, size, phase1, &error);
  g_assert_no_error (error);
  return samples;
}

#define assert_close(a, b, tolerance) g_assert_cmpfloat_with_epsilon ((a), (b), (tolerance))

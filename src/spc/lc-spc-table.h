#pragma once

#include <glib.h>

#include "lc-spc-samples.h"

G_BEGIN_DECLS

/* A data file as scripts and spreadsheets write it: a header row naming the columns, then
 * one row per value or sample, the fields separated by commas, tabs or runs of spaces (the
 * first data line decides). Lines starting with # and blank lines are skipped. */
typedef struct _LcSpcTable LcSpcTable;

LcSpcTable   *lc_spc_table_parse        (const char        *text,
                                         gsize              length,
                                         GError           **error);
LcSpcTable   *lc_spc_table_load         (const char        *path,
                                         GError           **error);
void          lc_spc_table_free         (LcSpcTable        *self);
guint         lc_spc_table_get_n_rows   (const LcSpcTable  *self);
/* −1 when there is no such column. */
int           lc_spc_table_find_column  (const LcSpcTable  *self,
                                         const char        *name);
const char   *lc_spc_table_get_text     (const LcSpcTable  *self,
                                         guint              row,
                                         guint              column);
/* The file line a row came from (1-based), for messages. */
guint         lc_spc_table_get_line     (const LcSpcTable  *self,
                                         guint              row);

/* Builds chart input from columns (names as in the header):
 *  @value_column    the measured value, or the count for attribute charts (required);
 *  @subgroup_column consecutive rows with the same id form one subgroup (NULL: one per row);
 *  @size_column     the sample size of attribute rows (NULL: 1 for c charts; required for
 *                   p, np and u charts, which the caller checks);
 *  @phase1_column   TRUE/FALSE: Phase I rows; the first FALSE row and all rows after are
 *                   Phase II (NULL: all Phase I).
 * Errors (LC_SPC_ERROR_INPUT) name the line and the column: "line 12: “7,4” in column
 * “diameter” is not a number". */
LcSpcSamples *lc_spc_table_to_samples   (const LcSpcTable  *self,
                                         gboolean           attribute,
                                         const char        *value_column,
                                         const char        *subgroup_column,
                                         const char        *size_column,
                                         const char        *phase1_column,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcTable, lc_spc_table_free)

G_END_DECLS

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a chart is computed from: an ordered list of subgroups. A variables subgroup holds
 * its measured values; an attributes subgroup holds a count (nonconforming units for p/np,
 * nonconformities for c/u) and the sample size (inspection units for u; may be fractional,
 * e.g. 9.5 rolls of cloth). Each subgroup is marked Phase I (part of the trial set the
 * limits come from) or Phase II (plotted against them), and may carry where it came from. */

typedef struct
{
  gint64      time;            /* µs UTC of the last measurement of the subgroup, 0 unknown */
  gint64      inspection_id;   /* of the last inspection in the subgroup, 0 unknown */
  const char *lot;             /* lot code, or NULL */
  const char *operator_name;   /* or NULL */
  const char *serial;          /* serial of the last part, or NULL */
  const char *station;         /* or NULL */
} LcSpcPointInfo;

typedef struct _LcSpcSamples LcSpcSamples;

LcSpcSamples         *lc_spc_samples_new             (void);
void                  lc_spc_samples_free            (LcSpcSamples         *self);

/* Returns the 0-based index of the new subgroup. */
guint                 lc_spc_samples_add_subgroup    (LcSpcSamples         *self,
                                                      const double         *values,
                                                      guint                 n_values,
                                                      gboolean              phase1);
guint                 lc_spc_samples_add_count       (LcSpcSamples         *self,
                                                      double                count,
                                                      double                size,
                                                      gboolean              phase1);
/* Copies the strings of @info. */
void                  lc_spc_samples_set_info        (LcSpcSamples         *self,
                                                      guint                 subgroup,
                                                      const LcSpcPointInfo *info);

guint                 lc_spc_samples_get_n_subgroups (const LcSpcSamples   *self);
/* Total number of individual values over all subgroups (variables data). */
guint                 lc_spc_samples_get_n_values    (const LcSpcSamples   *self);
const double         *lc_spc_samples_get_values      (const LcSpcSamples   *self,
                                                      guint                 subgroup,
                                                      guint                *n_values);
double                lc_spc_samples_get_count       (const LcSpcSamples   *self,
                                                      guint                 subgroup);
double                lc_spc_samples_get_size        (const LcSpcSamples   *self,
                                                      guint                 subgroup);
gboolean              lc_spc_samples_get_phase1      (const LcSpcSamples   *self,
                                                      guint                 subgroup);
void                  lc_spc_samples_set_phase1      (LcSpcSamples         *self,
                                                      guint                 subgroup,
                                                      gboolean              phase1);
/* A trial subgroup with an assignable cause, left out of the limits by the QC lead (it stays
 * on the chart, marked excluded). */
gboolean              lc_spc_samples_get_excluded    (const LcSpcSamples   *self,
                                                      guint                 subgroup);
void                  lc_spc_samples_set_excluded    (LcSpcSamples         *self,
                                                      guint                 subgroup,
                                                      gboolean              excluded);
gboolean              lc_spc_samples_is_attribute    (const LcSpcSamples   *self);
/* NULL when the subgroup carries no information (samples from a text file). */
const LcSpcPointInfo *lc_spc_samples_get_info        (const LcSpcSamples   *self,
                                                      guint                 subgroup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcSamples, lc_spc_samples_free)

G_END_DECLS

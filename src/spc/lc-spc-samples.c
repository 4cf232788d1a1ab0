#include "lc-config.h"

#include <math.h>

#include "lc-spc-samples.h"

typedef struct
{
  guint          offset;     /* first value in self->values */
  guint          n_values;
  double         count;
  double         size;
  gboolean       phase1;
  gboolean       excluded;
  gboolean       has_info;
  LcSpcPointInfo info;       /* strings in self->strings */
} Subgroup;

struct _LcSpcSamples
{
  GArray       *values;      /* double */
  GArray       *subgroups;   /* Subgroup */
  GStringChunk *strings;
  gboolean      attribute;
};

LcSpcSamples *
lc_spc_samples_new (void)
{
  LcSpcSamples *self = g_new0 (LcSpcSamples, 1);

  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->subgroups = g_array_new (FALSE, TRUE, sizeof (Subgroup));
  self->strings = g_string_chunk_new (1024);
  return self;
}

void
lc_spc_samples_free (LcSpcSamples *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->values);
  g_array_unref (self->subgroups);
  g_string_chunk_free (self->strings);
  g_free (self);
}

guint
lc_spc_samples_add_subgroup (LcSpcSamples *self,
                             const double *values,
                             guint         n_values,
                             gboolean      phase1)
{
  Subgroup subgroup = { 0 };

  subgroup.offset = self->values->len;
  subgroup.n_values = n_values;
  subgroup.size = n_values;
  subgroup.count = NAN;
  subgroup.phase1 = phase1;
  g_array_append_vals (self->values, values, n_values);
  g_array_append_val (self->subgroups, subgroup);
  return self->subgroups->len - 1;
}

guint
lc_spc_samples_add_count (LcSpcSamples *self,
                          double        count,
                          double        size,
                          gboolean      phase1)
{
  Subgroup subgroup = { 0 };

  subgroup.offset = self->values->len;
  subgroup.count = count;
  subgroup.size = size;
  subgroup.phase1 = phase1;
  self->attribute = TRUE;
  g_array_append_val (self->subgroups, subgroup);
  return self->subgroups->len - 1;
}

static Subgroup *
get_subgroup (const LcSpcSamples *self,
              guint               subgroup)
{
  g_return_val_if_fail (subgroup < self->subgroups->len, NULL);
  return &g_array_index (self->subgroups, Subgroup, subgroup);
}

static const char *
intern (LcSpcSamples *self,
        const char   *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

void
lc_spc_samples_set_info (LcSpcSamples         *self,
                         guint                 subgroup,
                         const LcSpcPointInfo *info)
{
  Subgroup *s = get_subgroup (self, subgroup);

  s->has_info = TRUE;
  s->info.time = info->time;
  s->info.inspection_id = info->inspection_id;
  s->info.lot = intern (self, info->lot);
  s->info.operator_name = intern (self, info->operator_name);
  s->info.serial = intern (self, info->serial);
  s->info.station = intern (self, info->station);
}

guint
lc_spc_samples_get_n_subgroups (const LcSpcSamples *self)
{
  return self->subgroups->len;
}

guint
lc_spc_samples_get_n_values (const LcSpcSamples *self)
{
  return self->values->len;
}

const double *
lc_spc_samples_get_values (const LcSpcSamples *self,
                           guint               subgroup,
                           guint              *n_values)
{
  Subgroup *s = get_subgroup (self, subgroup);

  *n_values = s->n_values;
  return s->n_values > 0 ? &g_array_index (self->values, double, s->offset) : NULL;
}

double
lc_spc_samples_get_count (const LcSpcSamples *self,
                          guint               subgroup)
{
  return get_subgroup (self, subgroup)->count;
}

double
lc_spc_samples_get_size (const LcSpcSamples *self,
                         guint               subgroup)
{
  return get_subgroup (self, subgroup)->size;
}

gboolean
lc_spc_samples_get_phase1 (const LcSpcSamples *self,
                           guint               subgroup)
{
  return get_subgroup (self, subgroup)->phase1;
}

void
lc_spc_samples_set_phase1 (LcSpcSamples *self,
                           guint         subgroup,
                           gboolean      phase1)
{
  get_subgroup (self, subgroup)->phase1 = phase1;
}

gboolean
lc_spc_samples_get_excluded (const LcSpcSamples *self,
                             guint               subgroup)
{
  return get_subgroup (self, subgroup)->excluded;
}

void
lc_spc_samples_set_excluded (LcSpcSamples *self,
                             guint         subgroup,
                             gboolean      excluded)
{
  get_subgroup (self, subgroup)->excluded = excluded;
}

gboolean
lc_spc_samples_is_attribute (const LcSpcSamples *self)
{
  return self->attribute;
}

const LcSpcPointInfo *
lc_spc_samples_get_info (const LcSpcSamples *self,
                         guint               subgroup)
{
  Subgroup *s = get_subgroup (self, subgroup);

  return s->has_info ? &s->info : NULL;
}

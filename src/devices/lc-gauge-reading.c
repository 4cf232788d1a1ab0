#include "lc-config.h"

#include "lc-gauge-reading.h"

G_DEFINE_BOXED_TYPE (LcGaugeReading, lc_gauge_reading, lc_gauge_reading_copy, lc_gauge_reading_free)

LcGaugeReading *
lc_gauge_reading_new (gint64 channel_id,
                      double value)
{
  LcGaugeReading *self = g_new0 (LcGaugeReading, 1);

  self->channel_id = channel_id;
  self->time = g_get_real_time ();
  self->monotonic = g_get_monotonic_time ();
  self->value = value;
  return self;
}

LcGaugeReading *
lc_gauge_reading_copy (const LcGaugeReading *self)
{
  LcGaugeReading *copy = g_memdup2 (self, sizeof *self);

  copy->text = g_strdup (self->text);
  copy->unit = g_strdup (self->unit);
  return copy;
}

void
lc_gauge_reading_free (LcGaugeReading *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->unit);
  g_free (self);
}

char *
lc_gauge_reading_format_raw (const LcGaugeReading *self)
{
  GString *raw;

  if (self->text != NULL)
    return g_strdup (self->text);
  raw = g_string_new ("[");
  for (guint i = 0; i < self->n_words; i++)
    g_string_append_printf (raw, "%s%u", i > 0 ? "," : "", self->words[i]);
  g_string_append_c (raw, ']');
  return g_string_free (raw, FALSE);
}

char *
lc_gauge_format_value (double value,
                       int    decimals)
{
  return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 9), value);
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-simulated.h"
#include "lc-gauge-types.h"

struct _LcGaugeSimulated
{
  LcGaugeSimulatedSettings settings;
  GRand                   *rand;
  gint64                   start;
};

void
lc_gauge_simulated_settings_init (LcGaugeSimulatedSettings *settings)
{
  settings->mean = 10.0;
  settings->sigma = 0.01;
  settings->drift_per_hour = 0.0;
  settings->out_of_spec_rate = 0.0;
  settings->out_of_spec_offset = NAN;
  settings->seed = -1;
}

static gboolean
member_double (JsonObject  *json,
               const char  *name,
               double      *value,
               GError     **error)
{
  JsonNode *node = json_object_get_member (json, name);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The simulated gauge setting “%s” must be a number."), name);
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

gboolean
lc_gauge_simulated_settings_from_json (LcGaugeSimulatedSettings  *settings,
                                       JsonObject                *json,
                                       GError                   **error)
{
  double seed = -1;

  lc_gauge_simulated_settings_init (settings);
  if (!member_double (json, "mean", &settings->mean, error) ||
      !member_double (json, "sigma", &settings->sigma, error) ||
      !member_double (json, "drift_per_hour", &settings->drift_per_hour, error) ||
      !member_double (json, "out_of_spec_rate", &settings->out_of_spec_rate, error) ||
      !member_double (json, "out_of_spec_offset", &settings->out_of_spec_offset, error) ||
      !member_double (json, "seed", &seed, error))
    return FALSE;
  if (settings->sigma < 0 || settings->out_of_spec_rate < 0 || settings->out_of_spec_rate > 1)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("A simulated gauge needs sigma ≥ 0 and an out-of-spec rate from 0 to 1."));
      return FALSE;
    }
  settings->seed = (gint64) seed;
  return TRUE;
}

void
lc_gauge_simulated_settings_to_json (const LcGaugeSimulatedSettings *settings,
                                     JsonObject                     *json)
{
  json_object_set_double_member (json, "mean", settings->mean);
  json_object_set_double_member (json, "sigma", settings->sigma);
  json_object_set_double_member (json, "drift_per_hour", settings->drift_per_hour);
  json_object_set_double_member (json, "out_of_spec_rate", settings->out_of_spec_rate);
  if (isfinite (settings->out_of_spec_offset))
    json_object_set_double_member (json, "out_of_spec_offset", settings->out_of_spec_offset);
  if (settings->seed >= 0)
    json_object_set_int_member (json, "seed", settings->seed);
}

LcGaugeSimulated *
lc_gauge_simulated_new (const LcGaugeSimulatedSettings *settings,
                        gint64                          start)
{
  LcGaugeSimulated *self = g_new0 (LcGaugeSimulated, 1);

  self->settings = *settings;
  if (!isfinite (self->settings.out_of_spec_offset))
    self->settings.out_of_spec_offset = 8 * self->settings.sigma;
  self->rand = settings->seed >= 0 ? g_rand_new_with_seed ((guint32) settings->seed)
                                   : g_rand_new ();
  self->start = start;
  return self;
}

void
lc_gauge_simulated_free (LcGaugeSimulated *self)
{
  if (self == NULL)
    return;
  g_rand_free (self->rand);
  g_free (self);
}

double
lc_gauge_simulated_next (LcGaugeSimulated *self,
                         gint64            monotonic)
{
  double hours = (double) (monotonic - self->start) / (3600.0 * G_USEC_PER_SEC);
  double u1 = 1.0 - g_rand_double (self->rand);   /* (0, 1]: log (u1) is finite */
  double u2 = g_rand_double (self->rand);
  /* Box–Muller: one standard normal draw from two uniform ones. */
  double z = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
  double value = self->settings.mean + self->settings.drift_per_hour * hours +
                 self->settings.sigma * z;

  if (self->settings.out_of_spec_rate > 0 &&
      g_rand_double (self->rand) < self->settings.out_of_spec_rate)
    value += g_rand_boolean (self->rand) ? self->settings.out_of_spec_offset
                                         : -self->settings.out_of_spec_offset;
  return value;
}

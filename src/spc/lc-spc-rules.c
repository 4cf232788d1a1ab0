#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-spc-rules.h"

const char *
lc_spc_rule_set_to_string (LcSpcRuleSet rules)
{
  switch (rules)
    {
    case LC_SPC_RULES_WESTERN_ELECTRIC:
      return "western-electric";
    case LC_SPC_RULES_NELSON:
      return "nelson";
    case LC_SPC_RULES_NONE:
    default:
      return "none";
    }
}

gboolean
lc_spc_rule_set_from_string (const char   *text,
                             LcSpcRuleSet *rules)
{
  static const LcSpcRuleSet all[] = { LC_SPC_RULES_NONE, LC_SPC_RULES_WESTERN_ELECTRIC, LC_SPC_RULES_NELSON };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (text, lc_spc_rule_set_to_string (all[i])))
      {
        *rules = all[i];
        return TRUE;
      }
  return FALSE;
}

guint
lc_spc_rule_set_get_n_rules (LcSpcRuleSet rules)
{
  switch (rules)
    {
    case LC_SPC_RULES_WESTERN_ELECTRIC:
      return 4;
    case LC_SPC_RULES_NELSON:
      return 8;
    case LC_SPC_RULES_NONE:
    default:
      return 1;
    }
}

const char *
lc_spc_rule_describe (LcSpcRuleSet rules,
                      guint        rule)
{
  static const char * const western_electric[] = {
    N_("A point beyond the control limits"),
    N_("2 of 3 points in a row beyond 2 sigma on the same side"),
    N_("4 of 5 points in a row beyond 1 sigma on the same side"),
    N_("8 points in a row on one side of the centre line"),
  };
  static const char * const nelson[] = {
    N_("A point beyond the control limits"),
    N_("9 points in a row on one side of the centre line"),
    N_("6 points in a row steadily increasing or decreasing"),
    N_("14 points in a row alternating up and down"),
    N_("2 of 3 points in a row beyond 2 sigma on the same side"),
    N_("4 of 5 points in a row beyond 1 sigma on the same side"),
    N_("15 points in a row within 1 sigma of the centre line"),
    N_("8 points in a row beyond 1 sigma on either side"),
  };

  if (rule < 1 || rule > lc_spc_rule_set_get_n_rules (rules))
    return NULL;
  if (rules == LC_SPC_RULES_NELSON)
    return _(nelson[rule - 1]);
  return _(western_electric[rule - 1]);
}

/* Distance of point i from its centre line in zone sigmas; NAN when it has no value. */
static double
zone_distance (const double *values,
               const double *center,
               const double *lcl,
               const double *ucl,
               guint         i)
{
  double sigma = isfinite (ucl[i]) ? (ucl[i] - center[i]) / 3.0 : (center[i] - lcl[i]) / 3.0;

  if (!isfinite (values[i]) || !isfinite (center[i]))
    return NAN;
  if (!(sigma > 0.0))
    return values[i] > center[i] ? INFINITY : values[i] < center[i] ? -INFINITY : 0.0;
  return (values[i] - center[i]) / sigma;
}

/* At least @need of the @window points ending at @i lie beyond @zones sigmas on the side of
 * @sign, point @i among them. */
static gboolean
k_of_m_beyond (const double *distance,
               guint         i,
               guint         window,
               guint         need,
               double        zones,
               int           sign)
{
  guint hits = 0;

  if (i + 1 < window || !(sign * distance[i] > zones))
    return FALSE;
  for (guint j = i + 1 - window; j <= i; j++)
    if (sign * distance[j] > zones)
      hits++;
  return hits >= need;
}

/* @run points ending at @i all satisfy sign * distance > @zones (same side when sign ≠ 0;
 * |distance| > zones, or < −zones for "within", when sign == 0). */
static gboolean
run_of (const double *distance,
        guint         i,
        guint         run,
        double        zones,
        int           sign)
{
  if (i + 1 < run)
    return FALSE;
  for (guint j = i + 1 - run; j <= i; j++)
    {
      double d = distance[j];
      gboolean ok;

      if (isnan (d))
        return FALSE;
      if (sign != 0)
        ok = sign * d > zones;
      else if (zones >= 0)
        ok = fabs (d) > zones;
      else
        ok = fabs (d) < -zones;
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
trend (const double *values,
       guint         i,
       guint         run)
{
  gboolean up = TRUE, down = TRUE;

  if (i + 1 < run)
    return FALSE;
  for (guint j = i + 2 - run; j <= i; j++)
    {
      if (!isfinite (values[j]) || !isfinite (values[j - 1]))
        return FALSE;
      up = up && values[j] > values[j - 1];
      down = down && values[j] < values[j - 1];
    }
  return up || down;
}

static gboolean
alternating (const double *values,
             guint         i,
             guint         run)
{
  if (i + 1 < run)
    return FALSE;
  for (guint j = i + 3 - run; j <= i; j++)
    {
      double a = values[j - 1] - values[j - 2], b = values[j] - values[j - 1];
      if (!(a * b < 0.0))
        return FALSE;
    }
  return TRUE;
}

void
lc_spc_rules_evaluate (LcSpcRuleSet  rules,
                       const double *values,
                       const double *center,
                       const double *lcl,
                       const double *ucl,
                       guint         n,
                       guint         first,
                       guint32      *violations)
{
  g_autofree double *distance = g_new (double, n);

  for (guint i = 0; i < n; i++)
    distance[i] = zone_distance (values, center, lcl, ucl, i);

  for (guint i = first; i < n; i++)
    {
      guint32 bits = 0;

      if (isfinite (values[i]) && ((isfinite (ucl[i]) && values[i] > ucl[i]) ||
                                   (isfinite (lcl[i]) && values[i] < lcl[i])))
        bits |= LC_SPC_RULE_BIT (1);

      if (rules == LC_SPC_RULES_WESTERN_ELECTRIC)
        {
          if (k_of_m_beyond (distance, i, 3, 2, 2.0, 1) || k_of_m_beyond (distance, i, 3, 2, 2.0, -1))
            bits |= LC_SPC_RULE_BIT (2);
          if (k_of_m_beyond (distance, i, 5, 4, 1.0, 1) || k_of_m_beyond (distance, i, 5, 4, 1.0, -1))
            bits |= LC_SPC_RULE_BIT (3);
          if (run_of (distance, i, 8, 0.0, 1) || run_of (distance, i, 8, 0.0, -1))
            bits |= LC_SPC_RULE_BIT (4);
        }
      else if (rules == LC_SPC_RULES_NELSON)
        {
          if (run_of (distance, i, 9, 0.0, 1) || run_of (distance, i, 9, 0.0, -1))
            bits |= LC_SPC_RULE_BIT (2);
          if (trend (values, i, 6))
            bits |= LC_SPC_RULE_BIT (3);
          if (alternating (values, i, 14))
            bits |= LC_SPC_RULE_BIT (4);
          if (k_of_m_beyond (distance, i, 3, 2, 2.0, 1) || k_of_m_beyond (distance, i, 3, 2, 2.0, -1))
            bits |= LC_SPC_RULE_BIT (5);
          if (k_of_m_beyond (distance, i, 5, 4, 1.0, 1) || k_of_m_beyond (distance, i, 5, 4, 1.0, -1))
            bits |= LC_SPC_RULE_BIT (6);
          if (run_of (distance, i, 15, -1.0, 0))
            bits |= LC_SPC_RULE_BIT (7);
          if (run_of (distance, i, 8, 1.0, 0))
            bits |= LC_SPC_RULE_BIT (8);
        }
      violations[i] = bits;
    }
}

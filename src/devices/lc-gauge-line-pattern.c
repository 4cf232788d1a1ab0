#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-line-pattern.h"

struct _LcGaugeLinePattern
{
  GRegex *regex;
  char   *expected_unit;
};

LcGaugeLinePattern *
lc_gauge_line_pattern_new (const char  *pattern,
                           const char  *expected_unit,
                           GError     **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) local_error = NULL;
  LcGaugeLinePattern *self;

  if (pattern == NULL || pattern[0] == '\0')
    pattern = LC_GAUGE_LINE_PATTERN_DEFAULT;
  /* PCRE2 (through GLib 2.74) reads past the end of a pattern that is not UTF-8 (found by
   * tests/fuzz/fuzz-gauge-line): refuse it before it gets there. */
  if (!g_utf8_validate (pattern, -1, NULL))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The line pattern is not valid text (UTF-8)."));
      return NULL;
    }
  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local_error);
  if (regex == NULL)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The line pattern is not a valid regular expression: %s"),
                   local_error->message);
      return NULL;
    }
  if (g_regex_get_string_number (regex, "value") < 0)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The line pattern needs a group named “value”, as in (?<value>[0-9.]+)."));
      return NULL;
    }

  self = g_new0 (LcGaugeLinePattern, 1);
  self->regex = g_steal_pointer (&regex);
  self->expected_unit = expected_unit != NULL && expected_unit[0] != '\0'
                        ? g_strdup (expected_unit) : NULL;
  return self;
}

void
lc_gauge_line_pattern_free (LcGaugeLinePattern *self)
{
  if (self == NULL)
    return;
  g_regex_unref (self->regex);
  g_free (self->expected_unit);
  g_free (self);
}

/* Printable for a message: control characters escaped, at most 60 characters. */
static char *
quote_line (const char *line)
{
  g_autofree char *valid = g_utf8_make_valid (line, -1);
  g_autofree char *escaped = g_strescape (valid, "°µ");

  if (g_utf8_strlen (escaped, -1) > 60)
    {
      g_autofree char *cut = g_utf8_substring (escaped, 0, 60);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&escaped);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  GString *clean = g_string_new (NULL);
  g_autofree char *number = NULL;
  char *end;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ',')
        g_string_append_c (clean, '.');
      else if (!g_ascii_isspace (*p))
        g_string_append_c (clean, *p);
    }
  number = g_string_free (clean, FALSE);
  if (number[0] == '\0')
    return FALSE;
  *value = g_ascii_strtod (number, &end);
  return *end == '\0' && isfinite (*value);
}

static gboolean
same_unit (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

LcGaugeReading *
lc_gauge_line_pattern_parse (LcGaugeLinePattern  *self,
                             gint64               channel_id,
                             const char          *line,
                             GError             **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *quoted = NULL;
  LcGaugeReading *reading;
  double value;

  if (!g_utf8_validate (line, -1, NULL) || !g_regex_match (self->regex, line, 0, &match) ||
      (value_text = g_match_info_fetch_named (match, "value")) == NULL ||
      !parse_number (value_text, &value))
    {
      quoted = quote_line (line);
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_GARBAGE,
                   _("The gauge sent “%s”, which is not a reading: check its baud rate and output format."),
                   quoted);
      return NULL;
    }

  unit = g_match_info_fetch_named (match, "unit");
  if (unit != NULL && unit[0] == '\0')
    g_clear_pointer (&unit, g_free);
  if (unit != NULL && self->expected_unit != NULL && !same_unit (unit, self->expected_unit))
    {
      quoted = quote_line (line);
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_WRONG_UNIT,
                   _("The gauge sent “%s” in %s, but this channel measures in %s: set the gauge to %s."),
                   quoted, unit, self->expected_unit, self->expected_unit);
      return NULL;
    }

  reading = lc_gauge_reading_new (channel_id, value);
  reading->text = g_strdup (line);
  reading->unit = g_steal_pointer (&unit);
  return reading;
}

#include "lc-config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-spc-error.h"
#include "lc-spc-table.h"

struct _LcSpcTable
{
  GStrv      columns;
  guint      n_columns;
  GPtrArray *rows;    /* GStrv, n_columns fields each */
  GArray    *lines;   /* guint */
};

void
lc_spc_table_free (LcSpcTable *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->columns);
  /* A file refused before any row was read (not UTF-8) has neither array yet. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self);
}

static GStrv
split_fields (const char *line,
              char        separator)
{
  if (separator == ' ')
    {
      g_auto(GStrv) parts = g_strsplit_set (line, " \t", -1);
      GPtrArray *fields = g_ptr_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (fields, g_strdup (parts[i]));
      g_ptr_array_add (fields, NULL);
      return (GStrv) g_ptr_array_free (fields, FALSE);
    }
  else
    {
      char sep[2] = { separator, '\0' };
      GStrv fields = g_strsplit (line, sep, -1);

      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_strstrip (fields[i]);
          /* Spreadsheets quote text fields: "A-101". */
          gsize len = strlen (fields[i]);
          if (len >= 2 && fields[i][0] == '"' && fields[i][len - 1] == '"')
            {
              memmove (fields[i], fields[i] + 1, len - 2);
              fields[i][len - 2] = '\0';
            }
        }
      return fields;
    }
}

LcSpcTable *
lc_spc_table_parse (const char  *text,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(LcSpcTable) table = g_new0 (LcSpcTable, 1);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  char separator = 0;

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                   _("The file is not text (or not UTF-8): save it as plain text or CSV"));
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      g_auto(GStrv) fields = NULL;
      guint n_fields;

      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      g_strstrip (line);
      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (separator == 0)
        separator = strchr (line, ',') != NULL ? ',' : strchr (line, '\t') != NULL ? '\t' : ' ';
      fields = split_fields (line, separator);
      n_fields = g_strv_length (fields);

      if (table->columns == NULL)
        {
          table->columns = g_steal_pointer (&fields);
          table->n_columns = n_fields;
          continue;
        }
      if (n_fields != table->n_columns)
        {
          g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                       _("Line %u has %u fields but the header names %u columns"),
                       i + 1, n_fields, table->n_columns);
          return NULL;
        }
      g_ptr_array_add (table->rows, g_steal_pointer (&fields));
      g_array_append_vals (table->lines, &(guint) { i + 1 }, 1);
    }

  if (table->columns == NULL)
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                   _("The file is empty: it needs a header row naming the columns, then the data"));
      return NULL;
    }
  return g_steal_pointer (&table);
}

LcSpcTable *
lc_spc_table_load (const char  *path,
                   GError     **error)
{
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return lc_spc_table_parse (text, length, error);
}

guint
lc_spc_table_get_n_rows (const LcSpcTable *self)
{
  return self->rows->len;
}

int
lc_spc_table_find_column (const LcSpcTable *self,
                          const char       *name)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (g_ascii_strcasecmp (self->columns[i], name) == 0)
      return i;
  return -1;
}

const char *
lc_spc_table_get_text (const LcSpcTable *self,
                       guint             row,
                       guint             column)
{
  GStrv fields = g_ptr_array_index (self->rows, row);
  return fields[column];
}

guint
lc_spc_table_get_line (const LcSpcTable *self,
                       guint             row)
{
  return g_array_index (self->lines, guint, row);
}

static int
require_column (const LcSpcTable  *self,
                const char        *name,
                GError           **error)
{
  int column = lc_spc_table_find_column (self, name);

  if (column < 0)
    {
      g_autofree char *known = g_strjoinv (", ", self->columns);
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                   _("The file has no column “%s” (its columns: %s)"), name, known);
    }
  return column;
}

static gboolean
get_number (const LcSpcTable  *self,
            guint              row,
            int                column,
            double            *value,
            GError           **error)
{
  const char *text = lc_spc_table_get_text (self, row, column);
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || errno == ERANGE || !isfinite (*value))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                   _("Line %u: “%s” in column “%s” is not a number"),
                   lc_spc_table_get_line (self, row), text, self->columns[column]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_boolean (const LcSpcTable  *self,
             guint              row,
             int                column,
             gboolean          *value,
             GError           **error)
{
  static const char * const yes[] = { "true", "t", "yes", "y", "1" };
  static const char * const no[] = { "false", "f", "no", "n", "0" };
  const char *text = lc_spc_table_get_text (self, row, column);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return (*value = TRUE);
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
               _("Line %u: “%s” in column “%s” should be TRUE or FALSE"),
               lc_spc_table_get_line (self, row), text, self->columns[column]);
  return FALSE;
}

LcSpcSamples *
lc_spc_table_to_samples (const LcSpcTable  *self,
                         gboolean           attribute,
                         const char        *value_column,
                         const char        *subgroup_column,
                         const char        *size_column,
                         const char        *phase1_column,
                         GError           **error)
{
  g_autoptr(LcSpcSamples) samples = lc_spc_samples_new ();
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (double));
  int value_col, subgroup_col = -1, size_col = -1, phase1_col = -1;
  const char *current_id = NULL;
  gboolean phase2_started = FALSE, group_phase1 = TRUE;

  if ((value_col = require_column (self, value_column, error)) < 0 ||
      (subgroup_column != NULL && (subgroup_col = require_column (self, subgroup_column, error)) < 0) ||
      (size_column != NULL && (size_col = require_column (self, size_column, error)) < 0) ||
      (phase1_column != NULL && (phase1_col = require_column (self, phase1_column, error)) < 0))
    return NULL;
  if (self->rows->len == 0)
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT, _("The file has a header but no data rows"));
      return NULL;
    }

  for (guint row = 0; row < self->rows->len; row++)
    {
      double value, size = 1.0;
      gboolean phase1 = TRUE;

      if (!get_number (self, row, value_col, &value, error) ||
          (size_col >= 0 && !get_number (self, row, size_col, &size, error)) ||
          (phase1_col >= 0 && !get_boolean (self, row, phase1_col, &phase1, error)))
        return NULL;
      /* The first Phase II row ends the trial set, whatever follows. */
      phase2_started = phase2_started || !phase1;
      phase1 = !phase2_started;

      if (attribute)
        {
          if (size <= 0.0)
            {
              g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INPUT,
                           _("Line %u: the sample size must be more than zero"),
                           lc_spc_table_get_line (self, row));
              return NULL;
            }
          lc_spc_samples_add_count (samples, value, size, phase1);
          continue;
        }

      if (subgroup_col >= 0)
        {
          const char *id = lc_spc_table_get_text (self, row, subgroup_col);
          if (current_id != NULL && !g_str_equal (id, current_id) && group->len > 0)
            {
              lc_spc_samples_add_subgroup (samples, (double *) group->data, group->len, group_phase1);
              g_array_set_size (group, 0);
            }
          if (group->len == 0)
            group_phase1 = phase1;
          current_id = id;
          g_array_append_val (group, value);
        }
      else
        lc_spc_samples_add_subgroup (samples, &value, 1, phase1);
    }
  if (group->len > 0)
    lc_spc_samples_add_subgroup (samples, (double *) group->data, group->len, group_phase1);
  return g_steal_pointer (&samples);
}

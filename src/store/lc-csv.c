#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-csv.h"

G_DEFINE_QUARK (lc-csv-error-quark, lc_csv_error)

void
lc_csv_record_free (LcCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record);
}

static void
finish_record (GPtrArray *records,
               GPtrArray *fields,
               guint      line)
{
  LcCsvRecord *record;
  gboolean blank = fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0';

  if (blank)
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }
  record = g_new0 (LcCsvRecord, 1);
  record->line = line;
  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (GStrv) g_ptr_array_steal (fields, NULL);
  g_ptr_array_add (records, record);
}

GPtrArray *
lc_csv_parse (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_csv_record_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;
  guint line = 1;
  guint record_line = 1;
  gboolean in_quotes = FALSE;
  guint quote_line = 0;

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_ENCODING,
                   _("The file is not UTF-8 text."));
      return NULL;
    }
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      char c = *p++;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (p < end && *p == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                in_quotes = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      switch (c)
        {
        case '"':
          in_quotes = TRUE;
          quote_line = line;
          break;
        case ',':
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          break;
        case '\r':
          if (p < end && *p == '\n')
            break;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          finish_record (records, fields, record_line);
          line++;
          record_line = line;
          break;
        default:
          g_string_append_c (field, c);
        }
    }

  if (in_quotes)
    {
      g_set_error (error, LC_CSV_ERROR, LC_CSV_ERROR_QUOTE,
                   _("Line %u: a quoted field is never closed."), quote_line);
      return NULL;
    }
  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      finish_record (records, fields, record_line);
    }
  return g_steal_pointer (&records);
}

void
lc_csv_append_record (GString            *out,
                      const char * const *fields,
                      guint               n_fields,
                      const char         *line_end)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *f = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');
      if (strpbrk (f, ",\"\r\n") != NULL || (f[0] == ' ' || (f[0] != '\0' && f[strlen (f) - 1] == ' ')))
        {
          g_string_append_c (out, '"');
          for (const char *q = f; *q != '\0'; q++)
            {
              if (*q == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *q);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, f);
    }
  g_string_append (out, line_end);
}

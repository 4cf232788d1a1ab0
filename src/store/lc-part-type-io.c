#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "lc-csv.h"
#include "lc-part-type-io.h"

G_DEFINE_QUARK (lc-import-error-quark, lc_import_error)

#define DOCUMENT_FORMAT "linecheck-part-types"
#define DOCUMENT_VERSION 1

static const char * const csv_columns[] = {
  "record", "part_code", "part_name", "revision", "description", "name", "kind",
  "nominal", "lsl", "usl", "unit", "decimals", "subgroup_size", "color", "severity",
};

enum {
  COL_RECORD, COL_PART_CODE, COL_PART_NAME, COL_REVISION, COL_DESCRIPTION, COL_NAME, COL_KIND,
  COL_NOMINAL, COL_LSL, COL_USL, COL_UNIT, COL_DECIMALS, COL_SUBGROUP_SIZE, COL_COLOR,
  COL_SEVERITY, N_COLUMNS
};

gboolean
lc_part_format_from_string (const char   *text,
                            LcPartFormat *format)
{
  if (g_strcmp0 (text, "json") == 0)
    *format = LC_PART_FORMAT_JSON;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = LC_PART_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

LcPartFormat
lc_part_format_guess (const char *path,
                      const char *text)
{
  if (path != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);
      if (g_str_has_suffix (lower, ".csv"))
        return LC_PART_FORMAT_CSV;
      if (g_str_has_suffix (lower, ".json"))
        return LC_PART_FORMAT_JSON;
    }
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  return text != NULL && (*text == '{' || *text == '[') ? LC_PART_FORMAT_JSON : LC_PART_FORMAT_CSV;
}

/* Numbers are written with the C locale, with the fewest digits that read back as the same
 * double: 0.2, not 0.20000000000000001. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static void
add_optional_double (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

JsonNode *
lc_part_type_to_json (LcPartType *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *list;
  guint n;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, lc_part_type_get_code (self));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, lc_part_type_get_name (self));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_string_value (builder, lc_part_type_get_revision (self));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, lc_part_type_get_description (self));

  json_builder_set_member_name (builder, "characteristics");
  json_builder_begin_array (builder);
  list = lc_part_type_get_characteristics (self);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (list, i);

      if (lc_characteristic_get_archived (c))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lc_characteristic_get_name (c));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lc_characteristic_kind_to_string (lc_characteristic_get_kind (c)));
      add_optional_double (builder, "nominal", lc_characteristic_get_nominal (c));
      add_optional_double (builder, "lsl", lc_characteristic_get_lsl (c));
      add_optional_double (builder, "usl", lc_characteristic_get_usl (c));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, lc_characteristic_get_unit (c));
      json_builder_set_member_name (builder, "decimals");
      json_builder_add_int_value (builder, lc_characteristic_get_decimals (c));
      json_builder_set_member_name (builder, "subgroup_size");
      json_builder_add_int_value (builder, lc_characteristic_get_subgroup_size (c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "defect_classes");
  json_builder_begin_array (builder);
  list = lc_part_type_get_defect_classes (self);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (list, i);

      if (lc_defect_class_get_archived (d))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lc_defect_class_get_name (d));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, lc_defect_class_get_color (d));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, lc_severity_to_string (lc_defect_class_get_severity (d)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
serialize_json (GPtrArray *part_types)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_string_member (object, "format", DOCUMENT_FORMAT);
  json_object_set_int_member (object, "version", DOCUMENT_VERSION);
  for (guint i = 0; i < part_types->len; i++)
    json_array_add_element (array, lc_part_type_to_json (g_ptr_array_index (part_types, i)));
  json_object_set_array_member (object, "part_types", array);
  json_node_set_object (root, object);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
append_csv_row (GString *out,
                char   **row)
{
  lc_csv_append_record (out, (const char * const *) row, N_COLUMNS, "\n");
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&row[i], g_free);
}

static char *
serialize_csv (GPtrArray *part_types)
{
  GString *out = g_string_new (NULL);
  char *row[N_COLUMNS] = { NULL };

  lc_csv_append_record (out, csv_columns, N_COLUMNS, "\n");
  for (guint p = 0; p < part_types->len; p++)
    {
      LcPartType *part = g_ptr_array_index (part_types, p);
      GListModel *list;
      guint n;

      row[COL_RECORD] = g_strdup ("part");
      row[COL_PART_CODE] = g_strdup (lc_part_type_get_code (part));
      row[COL_PART_NAME] = g_strdup (lc_part_type_get_name (part));
      row[COL_REVISION] = g_strdup (lc_part_type_get_revision (part));
      row[COL_DESCRIPTION] = g_strdup (lc_part_type_get_description (part));
      append_csv_row (out, row);

      list = lc_part_type_get_characteristics (part);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LcCharacteristic) c = g_list_model_get_item (list, i);

          if (lc_characteristic_get_archived (c))
            continue;
          row[COL_RECORD] = g_strdup ("characteristic");
          row[COL_PART_CODE] = g_strdup (lc_part_type_get_code (part));
          row[COL_NAME] = g_strdup (lc_characteristic_get_name (c));
          row[COL_KIND] = g_strdup (lc_characteristic_kind_to_string (lc_characteristic_get_kind (c)));
          row[COL_NOMINAL] = format_number (lc_characteristic_get_nominal (c));
          row[COL_LSL] = format_number (lc_characteristic_get_lsl (c));
          row[COL_USL] = format_number (lc_characteristic_get_usl (c));
          row[COL_UNIT] = g_strdup (lc_characteristic_get_unit (c));
          row[COL_DECIMALS] = g_strdup_printf ("%u", lc_characteristic_get_decimals (c));
          row[COL_SUBGROUP_SIZE] = g_strdup_printf ("%u", lc_characteristic_get_subgroup_size (c));
          append_csv_row (out, row);
        }

      list = lc_part_type_get_defect_classes (part);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LcDefectClass) d = g_list_model_get_item (list, i);

          if (lc_defect_class_get_archived (d))
            continue;
          row[COL_RECORD] = g_strdup ("defect_class");
          row[COL_PART_CODE] = g_strdup (lc_part_type_get_code (part));
          row[COL_NAME] = g_strdup (lc_defect_class_get_name (d));
          row[COL_COLOR] = g_strdup (lc_defect_class_get_color (d));
          row[COL_SEVERITY] = g_strdup (lc_severity_to_string (lc_defect_class_get_severity (d)));
          append_csv_row (out, row);
        }
    }
  return g_string_free (out, FALSE);
}

char *
lc_part_types_serialize (GPtrArray    *part_types,
                         LcPartFormat  format)
{
  return format == LC_PART_FORMAT_CSV ? serialize_csv (part_types) : serialize_json (part_types);
}

/* ---- Parsing ------------------------------------------------------------------------ */

static gboolean
field_error (GError     **error,
             guint        line,
             const char  *field,
             const char  *message)
{
  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_FIELD,
               _("Line %u, field “%s”: %s"), line, field, message);
  return FALSE;
}

/* A number in the C locale ("12.5", not "12,5"); empty means "none" where allowed. */
static gboolean
parse_number (const char  *text,
              gboolean     optional,
              double      *value,
              guint        line,
              const char  *field,
              GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;

  if (stripped[0] == '\0')
    {
      if (!optional)
        return field_error (error, line, field, _("a number is required."));
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (stripped, &end);
  if (end == stripped || *end != '\0' || !isfinite (*value))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number (write 12.5, with a point)."),
                                                  stripped);
      return field_error (error, line, field, message);
    }
  return TRUE;
}

static gboolean
parse_count (const char  *text,
             guint        min,
             guint        max,
             guint        fallback,
             guint       *value,
             guint        line,
             const char  *field,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 parsed;

  if (stripped[0] == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (stripped, 10, min, max, &parsed, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a whole number from %u to %u."),
                                                  stripped, min, max);
      return field_error (error, line, field, message);
    }
  *value = (guint) parsed;
  return TRUE;
}

/* Runs the same checks as the editor, and names the line where the offending record is. */
static gboolean
validate_with_lines (LcPartType  *part,
                     guint        part_line,
                     GArray      *characteristic_lines,
                     GArray      *defect_class_lines,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GListModel *list;
  guint n;
  const char *field;

  if (lc_part_type_validate (part, &local_error))
    return TRUE;

  /* Find which record broke the rule, to point at its line. */
  list = lc_part_type_get_characteristics (part);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (list, i);
      g_autoptr(GError) item_error = NULL;

      if (!lc_characteristic_validate (c, &item_error))
        {
          field = item_error->code == LC_PART_ERROR_LIMITS ? "lsl, usl"
                : item_error->code == LC_PART_ERROR_NOMINAL ? "nominal"
                : item_error->code == LC_PART_ERROR_SUBGROUP ? "subgroup_size"
                : item_error->code == LC_PART_ERROR_DECIMALS ? "decimals" : "name";
          g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_INVALID, _("Line %u, field “%s”: %s"),
                       g_array_index (characteristic_lines, guint, i), field, item_error->message);
          return FALSE;
        }
    }
  list = lc_part_type_get_defect_classes (part);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (list, i);
      g_autoptr(GError) item_error = NULL;

      if (!lc_defect_class_validate (d, &item_error))
        {
          field = item_error->code == LC_PART_ERROR_COLOR ? "color" : "name";
          g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_INVALID, _("Line %u, field “%s”: %s"),
                       g_array_index (defect_class_lines, guint, i), field, item_error->message);
          return FALSE;
        }
    }
  field = local_error->code == LC_PART_ERROR_CODE ? "code"
        : local_error->code == LC_PART_ERROR_DUPLICATE ? "name" : "name";
  g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_INVALID, _("Line %u, field “%s”: %s"),
               part_line, field, local_error->message);
  return FALSE;
}

static gboolean
check_unique_codes (GPtrArray   *parts,
                    GArray      *part_lines,
                    GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *code = lc_part_type_get_code (g_ptr_array_index (parts, i));

      if (!g_hash_table_add (seen, (gpointer) code))
        {
          g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_INVALID,
                       _("Line %u, field “code”: the part type “%s” appears twice in the file."),
                       g_array_index (part_lines, guint, i), code);
          return FALSE;
        }
    }
  return TRUE;
}

/* CSV ---------------------------------------------------------------------------------- */

static GPtrArray *
parse_csv (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) part_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) char_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) defect_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  int column_of[N_COLUMNS];
  g_autoptr(GError) csv_error = NULL;
  LcCsvRecord *header;

  records = lc_csv_parse (text, length, &csv_error);
  if (records == NULL)
    {
      g_set_error_literal (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX, csv_error->message);
      return NULL;
    }
  if (records->len == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX, _("The file is empty."));
      return NULL;
    }

  header = g_ptr_array_index (records, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      column_of[c] = -1;
      for (guint f = 0; f < header->n_fields; f++)
        {
          g_autofree char *name = g_strstrip (g_ascii_strdown (header->fields[f], -1));
          if (g_str_equal (name, csv_columns[c]))
            column_of[c] = (int) f;
        }
    }
  if (column_of[COL_RECORD] < 0 || column_of[COL_PART_CODE] < 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX,
                   _("Line %u: the header row must name the columns “record” and “part_code”."),
                   header->line);
      return NULL;
    }

  for (guint r = 1; r < records->len; r++)
    {
      LcCsvRecord *record = g_ptr_array_index (records, r);
      const char *value[N_COLUMNS];
      g_autofree char *kind_text = NULL;
      LcPartType *part;
      guint index;

      for (guint c = 0; c < N_COLUMNS; c++)
        value[c] = column_of[c] >= 0 && (guint) column_of[c] < record->n_fields
                     ? record->fields[column_of[c]] : "";

      kind_text = g_strstrip (g_strdup (value[COL_RECORD]));
      if (g_str_equal (kind_text, "part"))
        {
          g_autofree char *code = g_strstrip (g_strdup (value[COL_PART_CODE]));
          g_autoptr(LcPartType) new_part = NULL;

          if (g_hash_table_contains (by_code, code))
            {
              g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_INVALID,
                           _("Line %u, field “part_code”: the part type “%s” appears twice in the file."),
                           record->line, code);
              return NULL;
            }
          new_part = lc_part_type_new (code, g_strstrip (g_strdup (value[COL_PART_NAME])));
          /* lc_part_type_new copies; free the temporary name. */
          {
            g_autofree char *name = g_strstrip (g_strdup (value[COL_PART_NAME]));
            lc_part_type_set_name (new_part, name);
          }
          lc_part_type_set_revision (new_part, value[COL_REVISION]);
          lc_part_type_set_description (new_part, value[COL_DESCRIPTION]);
          g_ptr_array_add (parts, g_object_ref (new_part));
          g_array_append_val (part_lines, record->line);
          g_ptr_array_add (char_lines, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_ptr_array_add (defect_lines, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_hash_table_insert (by_code, (gpointer) lc_part_type_get_code (new_part),
                               GUINT_TO_POINTER (parts->len));
          continue;
        }

      if (!g_str_equal (kind_text, "characteristic") && !g_str_equal (kind_text, "defect_class"))
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a record type (part, characteristic or defect_class)."),
                             kind_text);
          field_error (error, record->line, "record", message);
          return NULL;
        }

      {
        g_autofree char *code = g_strstrip (g_strdup (value[COL_PART_CODE]));
        index = GPOINTER_TO_UINT (g_hash_table_lookup (by_code, code));
        if (index == 0)
          {
            g_autofree char *message =
              g_strdup_printf (_("no “part” line for “%s” comes before this line."), code);
            field_error (error, record->line, "part_code", message);
            return NULL;
          }
        part = g_ptr_array_index (parts, index - 1);
      }

      if (g_str_equal (kind_text, "characteristic"))
        {
          g_autoptr(LcCharacteristic) c = NULL;
          g_autofree char *name = g_strstrip (g_strdup (value[COL_NAME]));
          g_autofree char *kind = g_strstrip (g_strdup (value[COL_KIND]));
          LcCharacteristicKind characteristic_kind = LC_CHARACTERISTIC_VARIABLE;
          double nominal, lsl, usl;
          guint decimals, subgroup;

          if (kind[0] != '\0' && !lc_characteristic_kind_from_string (kind, &characteristic_kind))
            {
              field_error (error, record->line, "kind", _("must be “variable” or “attribute”."));
              return NULL;
            }
          if (!parse_number (value[COL_NOMINAL], TRUE, &nominal, record->line, "nominal", error) ||
              !parse_number (value[COL_LSL], TRUE, &lsl, record->line, "lsl", error) ||
              !parse_number (value[COL_USL], TRUE, &usl, record->line, "usl", error) ||
              !parse_count (value[COL_DECIMALS], 0, 9, 3, &decimals, record->line, "decimals", error) ||
              !parse_count (value[COL_SUBGROUP_SIZE], 1, 25, 1, &subgroup, record->line, "subgroup_size", error))
            return NULL;

          c = lc_characteristic_new (name);
          lc_characteristic_set_kind (c, characteristic_kind);
          lc_characteristic_set_nominal (c, nominal);
          lc_characteristic_set_lsl (c, lsl);
          lc_characteristic_set_usl (c, usl);
          lc_characteristic_set_unit (c, g_strstrip (value[COL_UNIT] != NULL ? (char *) value[COL_UNIT] : (char *) ""));
          lc_characteristic_set_decimals (c, decimals);
          lc_characteristic_set_subgroup_size (c, subgroup);
          lc_part_type_add_characteristic (part, c);
          g_array_append_val ((GArray *) g_ptr_array_index (char_lines, index - 1), record->line);
        }
      else
        {
          g_autoptr(LcDefectClass) d = NULL;
          g_autofree char *name = g_strstrip (g_strdup (value[COL_NAME]));
          g_autofree char *color = g_strstrip (g_strdup (value[COL_COLOR]));
          g_autofree char *severity_text = g_strstrip (g_strdup (value[COL_SEVERITY]));
          LcSeverity severity = LC_SEVERITY_MAJOR;

          if (severity_text[0] != '\0' && !lc_severity_from_string (severity_text, &severity))
            {
              field_error (error, record->line, "severity", _("must be “critical”, “major” or “minor”."));
              return NULL;
            }
          d = lc_defect_class_new (name, color[0] != '\0' ? color : "#e01b24", severity);
          lc_part_type_add_defect_class (part, d);
          g_array_append_val ((GArray *) g_ptr_array_index (defect_lines, index - 1), record->line);
        }
    }

  for (guint i = 0; i < parts->len; i++)
    if (!validate_with_lines (g_ptr_array_index (parts, i), g_array_index (part_lines, guint, i),
                              g_ptr_array_index (char_lines, i), g_ptr_array_index (defect_lines, i),
                              error))
      return NULL;

  if (parts->len == 0)
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX,
                   _("The file has no “part” line: there is nothing to import."));
      return NULL;
    }
  return g_steal_pointer (&parts);
}

/* JSON --------------------------------------------------------------------------------- */

/* json-glib keeps no positions in its tree; the parser's signals report the line while it
 * reads, so we note where each object starts and each member ends. */
typedef struct
{
  JsonParser *parser;
  GHashTable *member_lines;   /* "%p/%s" (object, member) -> line */
  GHashTable *object_lines;   /* JsonObject* -> line of its "{" */
  GArray     *open_objects;   /* lines of the "{" not yet closed */
} LineMap;

static void
on_object_start (JsonParser *parser,
                 LineMap    *map)
{
  guint line = json_parser_get_current_line (parser);
  g_array_append_val (map->open_objects, line);
}

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member,
                  LineMap    *map)
{
  g_hash_table_insert (map->member_lines, g_strdup_printf ("%p/%s", (void *) object, member),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               LineMap    *map)
{
  guint line = 0;

  if (map->open_objects->len > 0)
    {
      line = g_array_index (map->open_objects, guint, map->open_objects->len - 1);
      g_array_set_size (map->open_objects, map->open_objects->len - 1);
    }
  g_hash_table_insert (map->object_lines, object, GUINT_TO_POINTER (line));
}

static guint
member_line (LineMap    *map,
             JsonObject *object,
             const char *member)
{
  g_autofree char *key = g_strdup_printf ("%p/%s", (void *) object, member);
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (map->member_lines, key));

  return line != 0 ? line : GPOINTER_TO_UINT (g_hash_table_lookup (map->object_lines, object));
}

static gboolean
json_get_string (LineMap     *map,
                 JsonObject  *object,
                 const char  *member,
                 gboolean     required,
                 const char **value,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = "";
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return field_error (error, member_line (map, object, member), member, _("is missing."));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return field_error (error, member_line (map, object, member), member, _("must be text in quotes."));
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
json_get_number (LineMap     *map,
                 JsonObject  *object,
                 const char  *member,
                 double      *value,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *value = NAN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return field_error (error, member_line (map, object, member), member,
                        _("must be a number (or null for no limit)."));
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
json_get_count (LineMap     *map,
                JsonObject  *object,
                const char  *member,
                guint        min,
                guint        max,
                guint        fallback,
                guint       *value,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 parsed;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (parsed = json_node_get_int (node)) < min || parsed > max)
    {
      g_autofree char *message = g_strdup_printf (_("must be a whole number from %u to %u."), min, max);
      return field_error (error, member_line (map, object, member), member, message);
    }
  *value = (guint) parsed;
  return TRUE;
}

static JsonArray *
json_get_array (LineMap     *map,
                JsonObject  *object,
                const char  *member,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      field_error (error, member_line (map, object, member), member, _("must be a list in [ ]."));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
json_element_object (LineMap    *map,
                     JsonObject *parent,
                     const char *member,
                     JsonArray  *array,
                     guint       index,
                     GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *message = g_strdup_printf (_("entry %u must be an object in { }."), index + 1);
      field_error (error, member_line (map, parent, member), member, message);
      return NULL;
    }
  return json_node_get_object (node);
}

static LcPartType *
part_from_json (LineMap     *map,
                JsonObject  *object,
                guint       *part_line,
                GError     **error)
{
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(GArray) char_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) defect_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  const char *code, *name, *revision, *description;
  JsonArray *array;

  *part_line = GPOINTER_TO_UINT (g_hash_table_lookup (map->object_lines, object));
  if (!json_get_string (map, object, "code", TRUE, &code, error) ||
      !json_get_string (map, object, "name", TRUE, &name, error) ||
      !json_get_string (map, object, "revision", FALSE, &revision, error) ||
      !json_get_string (map, object, "description", FALSE, &description, error))
    return NULL;

  part = lc_part_type_new (code, name);
  {
    g_autofree char *stripped_code = g_strstrip (g_strdup (code));
    g_autofree char *stripped_name = g_strstrip (g_strdup (name));
    lc_part_type_set_code (part, stripped_code);
    lc_part_type_set_name (part, stripped_name);
  }
  lc_part_type_set_revision (part, revision);
  lc_part_type_set_description (part, description);

  array = json_get_array (map, object, "characteristics", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_element_object (map, object, "characteristics", array, i, error);
      g_autoptr(LcCharacteristic) c = NULL;
      LcCharacteristicKind kind = LC_CHARACTERISTIC_VARIABLE;
      const char *cname, *kind_text, *unit;
      double nominal, lsl, usl;
      guint decimals, subgroup, line;

      if (item == NULL)
        return NULL;
      line = GPOINTER_TO_UINT (g_hash_table_lookup (map->object_lines, item));
      if (!json_get_string (map, item, "name", TRUE, &cname, error) ||
          !json_get_string (map, item, "kind", FALSE, &kind_text, error) ||
          !json_get_number (map, item, "nominal", &nominal, error) ||
          !json_get_number (map, item, "lsl", &lsl, error) ||
          !json_get_number (map, item, "usl", &usl, error) ||
          !json_get_string (map, item, "unit", FALSE, &unit, error) ||
          !json_get_count (map, item, "decimals", 0, 9, 3, &decimals, error) ||
          !json_get_count (map, item, "subgroup_size", 1, 25, 1, &subgroup, error))
        return NULL;
      if (kind_text[0] != '\0' && !lc_characteristic_kind_from_string (kind_text, &kind))
        {
          field_error (error, member_line (map, item, "kind"), "kind",
                       _("must be “variable” or “attribute”."));
          return NULL;
        }
      c = lc_characteristic_new (cname);
      lc_characteristic_set_kind (c, kind);
      lc_characteristic_set_nominal (c, nominal);
      lc_characteristic_set_lsl (c, lsl);
      lc_characteristic_set_usl (c, usl);
      lc_characteristic_set_unit (c, unit);
      lc_characteristic_set_decimals (c, decimals);
      lc_characteristic_set_subgroup_size (c, subgroup);
      lc_part_type_add_characteristic (part, c);
      g_array_append_val (char_lines, line);
    }

  array = json_get_array (map, object, "defect_classes", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_element_object (map, object, "defect_classes", array, i, error);
      g_autoptr(LcDefectClass) d = NULL;
      LcSeverity severity = LC_SEVERITY_MAJOR;
      const char *dname, *color, *severity_text;
      guint line;

      if (item == NULL)
        return NULL;
      line = GPOINTER_TO_UINT (g_hash_table_lookup (map->object_lines, item));
      if (!json_get_string (map, item, "name", TRUE, &dname, error) ||
          !json_get_string (map, item, "color", FALSE, &color, error) ||
          !json_get_string (map, item, "severity", FALSE, &severity_text, error))
        return NULL;
      if (severity_text[0] != '\0' && !lc_severity_from_string (severity_text, &severity))
        {
          field_error (error, member_line (map, item, "severity"), "severity",
                       _("must be “critical”, “major” or “minor”."));
          return NULL;
        }
      d = lc_defect_class_new (dname, color[0] != '\0' ? color : "#e01b24", severity);
      lc_part_type_add_defect_class (part, d);
      g_array_append_val (defect_lines, line);
    }

  if (!validate_with_lines (part, *part_line, char_lines, defect_lines, error))
    return NULL;
  return g_steal_pointer (&part);
}

static GPtrArray *
parse_json (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) part_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) parse_error = NULL;
  LineMap map;
  JsonNode *root;
  JsonObject *object;
  JsonArray *list;

  map.parser = parser;
  map.member_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  map.object_lines = g_hash_table_new (NULL, NULL);
  map.open_objects = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &map);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &map);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &map);

  if (!json_parser_load_from_data (parser, text, (gssize) length, &parse_error))
    {
      /* json-glib's message already says "<data>:LINE:COLUMN: …". */
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX,
                   _("The file is not valid JSON: %s"), parse_error->message);
      goto out;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LC_IMPORT_ERROR, LC_IMPORT_ERROR_SYNTAX,
                   _("Line 1: the file must hold a JSON object with a “part_types” list."));
      goto out;
    }
  object = json_node_get_object (root);

  if (json_object_has_member (object, "code"))
    {
      /* A single part type, as written by hand. */
      guint line;
      LcPartType *part = part_from_json (&map, object, &line, error);
      if (part == NULL)
        goto out;
      g_ptr_array_add (parts, part);
      g_array_append_val (part_lines, line);
    }
  else
    {
      const char *format;

      if (!json_get_string (&map, object, "format", FALSE, &format, error))
        goto out;
      if (format[0] != '\0' && !g_str_equal (format, DOCUMENT_FORMAT))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a Linecheck part type file."), format);
          field_error (error, member_line (&map, object, "format"), "format", message);
          goto out;
        }
      if (json_object_has_member (object, "version") &&
          json_object_get_int_member (object, "version") > DOCUMENT_VERSION)
        {
          field_error (error, member_line (&map, object, "version"), "version",
                       _("the file was written by a newer Linecheck."));
          goto out;
        }
      {
        g_autoptr(GError) local_error = NULL;
        list = json_get_array (&map, object, "part_types", &local_error);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            goto out;
          }
      }
      if (list == NULL || json_array_get_length (list) == 0)
        {
          field_error (error, member_line (&map, object, "part_types"), "part_types",
                       _("the list of part types is missing or empty."));
          goto out;
        }
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_element_object (&map, object, "part_types", list, i, error);
          LcPartType *part;
          guint line;

          if (item == NULL)
            goto out;
          part = part_from_json (&map, item, &line, error);
          if (part == NULL)
            goto out;
          g_ptr_array_add (parts, part);
          g_array_append_val (part_lines, line);
        }
    }

  if (!check_unique_codes (parts, part_lines, error))
    goto out;

  g_hash_table_unref (map.member_lines);
  g_hash_table_unref (map.object_lines);
  g_array_unref (map.open_objects);
  return g_steal_pointer (&parts);

out:
  g_hash_table_unref (map.member_lines);
  g_hash_table_unref (map.object_lines);
  g_array_unref (map.open_objects);
  return NULL;
}

GPtrArray *
lc_part_types_parse (const char   *text,
                     gsize         length,
                     LcPartFormat  format,
                     GError      **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return format == LC_PART_FORMAT_CSV ? parse_csv (text, length, error)
                                      : parse_json (text, length, error);
}

/* Characteristics and defect classes of the file take the ids of the stored ones with the
 * same name, so an update keeps their history; the stored ones missing from the file are
 * dropped from the copy (and archived by lc_part_type_save when they have records). */
static void
adopt_ids (LcPartType *incoming,
           LcPartType *stored)
{
  GListModel *list = lc_part_type_get_characteristics (incoming);
  guint n = g_list_model_get_n_items (list);

  lc_part_type_set_id (incoming, lc_part_type_get_id (stored));
  lc_part_type_set_reference_image (incoming, lc_part_type_get_reference_image (stored));
  lc_part_type_set_active_model_id (incoming, lc_part_type_get_active_model_id (stored));
  lc_part_type_set_camera_id (incoming, lc_part_type_get_camera_id (stored));
  lc_part_type_set_camera_settings (incoming, lc_part_type_get_camera_settings (stored));
  lc_part_type_set_outputs (incoming, lc_part_type_get_outputs (stored));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (list, i);
      LcCharacteristic *old = lc_part_type_find_characteristic (stored, lc_characteristic_get_name (c));

      if (old != NULL)
        {
          lc_characteristic_set_id (c, lc_characteristic_get_id (old));
          lc_characteristic_set_channel_id (c, lc_characteristic_get_channel_id (old));
          lc_characteristic_set_chart (c, lc_characteristic_get_chart (old));
          lc_characteristic_set_rules (c, lc_characteristic_get_rules (old));
        }
    }
  list = lc_part_type_get_defect_classes (incoming);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (list, i);
      LcDefectClass *old = lc_part_type_find_defect_class (stored, lc_defect_class_get_name (d));

      if (old != NULL)
        lc_defect_class_set_id (d, lc_defect_class_get_id (old));
    }
}

gboolean
lc_part_types_import (LcStore    *store,
                      GPtrArray  *part_types,
                      GError    **error)
{
  /* Refused before the first part type, so the message names the permission, not a part. */
  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("import part types and their specifications"), error))
    return FALSE;
  if (!lc_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < part_types->len; i++)
    {
      LcPartType *part = g_ptr_array_index (part_types, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(LcPartType) stored = lc_part_type_load_by_code (store, lc_part_type_get_code (part),
                                                                &local_error);

      if (stored == NULL && !g_error_matches (local_error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND))
        goto fail_with_local;
      if (stored != NULL)
        adopt_ids (part, stored);
      if (!lc_part_type_save (part, store, &local_error))
        goto fail_with_local;
      continue;

    fail_with_local:
      lc_store_rollback (store);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Part type “%s”: "),
                                  lc_part_type_get_code (part));
      /* Ids given to the copies refer to rows that were rolled back. */
      for (guint j = 0; j <= i; j++)
        lc_part_type_set_id (g_ptr_array_index (part_types, j), 0);
      return FALSE;
    }

  return lc_store_commit (store, error);
}

#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-csv.h"
#include "lc-part-type-io.h"

static gboolean
parse_format (const char    *text,
              LcPartFormat  *format)
{
  if (text == NULL)
    {
      *format = LC_PART_FORMAT_JSON;
      return TRUE;
    }
  return lc_part_format_from_string (text, format);
}

static int
part_list (LcCli        *cli,
           LcPartFormat  format,
           gboolean      all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) parts = NULL;
  LcStore *store = lc_cli_get_store (cli, &error);
  guint n;

  if (store == NULL || (parts = lc_part_type_list (store, all, &error)) == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  n = g_list_model_get_n_items (G_LIST_MODEL (parts));
  if (format == LC_PART_FORMAT_CSV)
    {
      static const char * const header[] = { "code", "name", "revision", "characteristics",
                                              "defect_classes", "archived" };
      g_autoptr(GString) out = g_string_new (NULL);

      lc_csv_append_record (out, header, G_N_ELEMENTS (header), "\n");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), i);
          g_autofree char *n_chars = g_strdup_printf ("%u", g_list_model_get_n_items (lc_part_type_get_characteristics (part)));
          g_autofree char *n_defects = g_strdup_printf ("%u", g_list_model_get_n_items (lc_part_type_get_defect_classes (part)));
          const char *row[] = { lc_part_type_get_code (part), lc_part_type_get_name (part),
                                lc_part_type_get_revision (part), n_chars, n_defects,
                                lc_part_type_get_archived (part) ? "true" : "false" };
          lc_csv_append_record (out, row, G_N_ELEMENTS (row), "\n");
        }
      g_print ("%s", out->str);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, lc_part_type_get_code (part));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lc_part_type_get_name (part));
          json_builder_set_member_name (builder, "revision");
          json_builder_add_string_value (builder, lc_part_type_get_revision (part));
          json_builder_set_member_name (builder, "characteristics");
          json_builder_add_int_value (builder, g_list_model_get_n_items (lc_part_type_get_characteristics (part)));
          json_builder_set_member_name (builder, "defect_classes");
          json_builder_add_int_value (builder, g_list_model_get_n_items (lc_part_type_get_defect_classes (part)));
          json_builder_set_member_name (builder, "archived");
          json_builder_add_boolean_value (builder, lc_part_type_get_archived (part));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lc_cli_print_json (root);
    }
  return 0;
}

static int
part_show_or_export (LcCli        *cli,
                     const char   *command,
                     char        **codes,
                     LcPartFormat  format,
                     gboolean      all,
                     const char   *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  LcStore *store = lc_cli_get_store (cli, &error);

  if (store == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  if (all)
    {
      g_autoptr(GListStore) list = lc_part_type_list (store, FALSE, &error);
      if (list == NULL)
        return lc_cli_fail (g_steal_pointer (&error));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        g_ptr_array_add (parts, g_list_model_get_item (G_LIST_MODEL (list), i));
    }
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      LcPartType *part = lc_part_type_load_by_code (store, codes[i], &error);
      if (part == NULL)
        return lc_cli_fail (g_steal_pointer (&error));
      g_ptr_array_add (parts, part);
    }
  if (parts->len == 0)
    return lc_cli_usage_error (command, "%s", _("name at least one part type code (or --all)"));

  if (g_str_equal (command, "show") && format == LC_PART_FORMAT_JSON && parts->len == 1)
    {
      g_autoptr(JsonNode) node = lc_part_type_to_json (g_ptr_array_index (parts, 0));
      JsonObject *object = json_node_get_object (node);

      json_object_set_int_member (object, "id", lc_part_type_get_id (g_ptr_array_index (parts, 0)));
      json_object_set_boolean_member (object, "archived",
                                      lc_part_type_get_archived (g_ptr_array_index (parts, 0)));
      text = json_to_string (node, TRUE);
      g_print ("%s\n", text);
      return 0;
    }

  text = lc_part_types_serialize (parts, format);
  if (out_path != NULL)
    {
      if (!g_file_set_contents (out_path, text, -1, &error))
        return lc_cli_fail (g_steal_pointer (&error));
    }
  else
    g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
  return 0;
}

static int
part_import (LcCli       *cli,
             const char  *path,
             const char  *format_text,
             gboolean     dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  LcPartFormat format;
  LcStore *store;

  if (!g_file_get_contents (path, &text, &length, &error))
    return lc_cli_fail (g_steal_pointer (&error));
  if (format_text != NULL)
    {
      if (!lc_part_format_from_string (format_text, &format))
        return lc_cli_usage_error ("part import", _("unknown format “%s” (json or csv)"), format_text);
    }
  else
    format = lc_part_format_guess (path, text);

  parts = lc_part_types_parse (text, length, format, &error);
  if (parts == NULL)
    {
      g_prefix_error (&error, "%s: ", path);
      g_prefix_error (&error, "%s ", _("Nothing was imported."));
      return lc_cli_fail (g_steal_pointer (&error));
    }
  if (dry_run)
    {
      g_print (_("%s is valid: %u part type(s).\n"), path, parts->len);
      return 0;
    }

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || !lc_part_types_import (store, parts, &error))
    {
      g_prefix_error (&error, "%s ", _("Nothing was imported."));
      return lc_cli_fail (g_steal_pointer (&error));
    }
  for (guint i = 0; i < parts->len; i++)
    {
      LcPartType *part = g_ptr_array_index (parts, i);
      g_print (_("Imported %s (%s): %u characteristics, %u defect classes.\n"),
               lc_part_type_get_code (part), lc_part_type_get_name (part),
               g_list_model_get_n_items (lc_part_type_get_characteristics (part)),
               g_list_model_get_n_items (lc_part_type_get_defect_classes (part)));
    }
  return 0;
}

int
lc_cli_part (LcCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *out_path = NULL;
  gboolean all = FALSE;
  gboolean dry_run = FALSE;
  LcPartFormat format;
  const char *verb;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output or input format: json or csv"), N_("FORMAT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("list: include archived part types; export: every part type"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("export: write to FILE instead of standard output"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("import: check the file, change nothing"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("list | show CODE | export CODE… | import FILE"));
  g_option_context_set_summary (context, _("List, show, export and import part types with their "
                                           "characteristics and defect classes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("part", "%s", error->message);
  if (argc < 2)
    return lc_cli_usage_error ("part", "%s", _("say what to do: list, show, export or import"));
  if (!parse_format (format_text, &format) && !g_str_equal (argv[1], "import"))
    return lc_cli_usage_error ("part", _("unknown format “%s” (json or csv)"), format_text);

  verb = argv[1];
  if (g_str_equal (verb, "list"))
    return part_list (cli, format, all);
  if (g_str_equal (verb, "show") || g_str_equal (verb, "export"))
    {
      if (g_str_equal (verb, "show") && argc != 3)
        return lc_cli_usage_error ("part", "%s", _("show takes one part type code"));
      return part_show_or_export (cli, verb, argv + 2, format, all, out_path);
    }
  if (g_str_equal (verb, "import"))
    {
      if (argc != 3)
        return lc_cli_usage_error ("part", "%s", _("import takes one file"));
      return part_import (cli, argv[2], format_text, dry_run);
    }
  return lc_cli_usage_error ("part", _("unknown action “%s”"), verb);
}

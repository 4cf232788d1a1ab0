#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-label-image.h"
#include "lc-label-import.h"
#include "lc-part-type.h"

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  /* A line every 100 pictures on stderr: a long import shows it is alive. */
  if (done % 100 == 0 || done == total)
    g_printerr (_("%u of %u pictures…\n"), done, total);
}

static JsonNode *
result_to_json (LcLabelImportResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, result->n_imported);
  json_builder_set_member_name (builder, "good");
  json_builder_add_int_value (builder, result->n_good);
  json_builder_set_member_name (builder, "defect");
  json_builder_add_int_value (builder, result->n_defect);
  json_builder_set_member_name (builder, "unlabelled");
  json_builder_add_int_value (builder, result->n_unlabelled);
  json_builder_set_member_name (builder, "masks");
  json_builder_add_int_value (builder, result->n_masks);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, result->n_duplicates);
  json_builder_set_member_name (builder, "ignored");
  json_builder_add_int_value (builder, result->n_ignored);
  json_builder_set_member_name (builder, "damaged");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->damaged->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (result->damaged, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "added_classes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->added_classes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (result->added_classes, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
label_import (LcCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *part_code = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *good = NULL;
  g_autofree char *format = NULL;
  gboolean add_classes = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(LcLabelImportResult) result = NULL;
  LcStore *store;
  GOptionEntry entries[] = {
    { "part", 0, 0, G_OPTION_ARG_STRING, &part_code, N_("The part type the pictures show"), "CODE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The folder holding one folder per class"), "DIR" },
    { "good", 0, 0, G_OPTION_ARG_STRING, &good, N_("The name of the good parts' folder (default “good”)"), "NAME" },
    { "add-classes", 0, 0, G_OPTION_ARG_NONE, &add_classes, N_("Add a defect class for every folder that names none"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Print a sentence (text, the default) or json"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Copies a folder of pictures sorted into one folder per class "
                                           "into the database, labelled by their folder. Files named "
                                           "X.mask.png are the defect's pixels in picture X."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("label import", "%s", error->message);
  if (part_code == NULL || dir == NULL)
    return lc_cli_usage_error ("label import", "%s", _("--part and --dir are needed"));
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("label import", _("unknown output “%s”: use text or json"), format);

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || (part = lc_part_type_load_by_code (store, part_code, &error)) == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  result = lc_label_import (store, lc_part_type_get_id (part), dir, good,
                            add_classes ? LC_LABEL_IMPORT_ADD_CLASSES : LC_LABEL_IMPORT_NONE,
                            print_progress, NULL, NULL, &error);
  if (result == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = result_to_json (result);
      lc_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = lc_label_import_result_describe (result);
      g_print ("%s\n", text);
    }
  return 0;
}

static const struct
{
  const char    *name;
  LcImageFilter  filter;
} filters[] = {
  { "all", LC_IMAGE_FILTER_ALL },
  { "unlabelled", LC_IMAGE_FILTER_UNLABELLED },
  { "good", LC_IMAGE_FILTER_GOOD },
  { "defect", LC_IMAGE_FILTER_DEFECT },
  { "disagree", LC_IMAGE_FILTER_DISAGREE },
  { "review", LC_IMAGE_FILTER_REVIEW },
};

static int
label_list (LcCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *part_code = NULL;
  g_autofree char *filter_name = NULL;
  g_autofree char *class_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(GListStore) images = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  LcImageFilter filter = LC_IMAGE_FILTER_ALL;
  gint64 class_id = 0;
  LcStore *store;
  GOptionEntry entries[] = {
    { "part", 0, 0, G_OPTION_ARG_STRING, &part_code, N_("The part type"), "CODE" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter_name,
      N_("all, unlabelled, good, defect, disagree or review"), "FILTER" },
    { "class", 0, 0, G_OPTION_ARG_STRING, &class_name, N_("Only pictures with this defect class"), "NAME" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Lists a part type's pictures and their labels as JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("label list", "%s", error->message);
  if (part_code == NULL)
    return lc_cli_usage_error ("label list", "%s", _("--part is needed"));
  if (filter_name != NULL)
    {
      guint i;
      for (i = 0; i < G_N_ELEMENTS (filters) && !g_str_equal (filters[i].name, filter_name); i++)
        ;
      if (i == G_N_ELEMENTS (filters))
        return lc_cli_usage_error ("label list", _("unknown filter “%s”"), filter_name);
      filter = filters[i].filter;
    }

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || (part = lc_part_type_load_by_code (store, part_code, &error)) == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (class_name != NULL)
    {
      LcDefectClass *dc = lc_part_type_find_defect_class (part, class_name);
      if (dc == NULL)
        return lc_cli_usage_error ("label list", _("%s has no defect class “%s”"), part_code, class_name);
      if (filter != LC_IMAGE_FILTER_ALL)
        return lc_cli_usage_error ("label list", "%s", _("use --filter or --class, not both"));
      filter = LC_IMAGE_FILTER_DEFECT_CLASS;
      class_id = lc_defect_class_get_id (dc);
    }
  images = lc_label_image_query (store, lc_part_type_get_id (part), filter, class_id, &error);
  if (images == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (images)); i++)
    {
      g_autoptr(LcLabelImage) image = g_list_model_get_item (G_LIST_MODEL (images), i);
      GArray *ids = lc_label_image_get_defect_class_ids (image);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, lc_label_image_get_id (image));
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, lc_label_image_get_file (image));
      json_builder_set_member_name (builder, "original_name");
      json_builder_add_string_value (builder, lc_label_image_get_original_name (image));
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, lc_label_image_get_width (image));
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, lc_label_image_get_height (image));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, lc_image_label_to_string (lc_label_image_get_label (image)));
      json_builder_set_member_name (builder, "classes");
      json_builder_begin_array (builder);
      for (guint j = 0; j < ids->len; j++)
        {
          LcDefectClass *dc = lc_part_type_find_defect_class_by_id (part, g_array_index (ids, gint64, j));
          json_builder_add_string_value (builder, dc != NULL ? lc_defect_class_get_name (dc) : "");
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  lc_cli_print_json (root);
  return 0;
}

int
lc_cli_label (LcCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return label_import (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return label_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage: linecheck-cli label import --part CODE --dir DIR [--good NAME] [--add-classes]"));
      g_print ("%s\n", _("       linecheck-cli label list --part CODE [--filter FILTER | --class NAME]"));
      return 0;
    }
  return lc_cli_usage_error ("label", "%s", _("use “label import” or “label list”"));
}

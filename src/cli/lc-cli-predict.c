#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-cli.h"
#include "vision/lc-vision-model.h"

static JsonNode *
prediction_to_json (LcVisionModel            *model,
                    const char               *image,
                    const LcVisionPrediction *prediction,
                    const char               *heat_map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, image);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, lc_vision_prediction_get_class_name (prediction));
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, lc_vision_prediction_get_score (prediction));
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_double_value (builder, lc_vision_prediction_get_confidence (prediction));
  if (lc_vision_model_get_kind (model) == LC_VISION_MODEL_ANOMALY)
    {
      json_builder_set_member_name (builder, "defective");
      json_builder_add_boolean_value (builder, lc_vision_prediction_is_defective (prediction));
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_double_value (builder, lc_vision_model_get_threshold (model));
      json_builder_set_member_name (builder, "regions");
      json_builder_begin_array (builder);
      for (guint r = 0; r < lc_vision_prediction_get_n_regions (prediction); r++)
        {
          const LcVisionRegion *region = lc_vision_prediction_get_region (prediction, r);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "x");
          json_builder_add_int_value (builder, region->x);
          json_builder_set_member_name (builder, "y");
          json_builder_add_int_value (builder, region->y);
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, region->width);
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, region->height);
          json_builder_set_member_name (builder, "score");
          json_builder_add_double_value (builder, region->score);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (heat_map != NULL)
    {
      json_builder_set_member_name (builder, "heatmap");
      json_builder_add_string_value (builder, heat_map);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* linecheck-cli predict --model MODEL IMAGE... --format json [--heatmap DIR] */
int
lc_cli_predict (LcCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *model_path = NULL, *format = NULL, *heat_dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *results = json_array_new ();
  int status = 0;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, N_("The model file"), "MODEL" },
    { "heatmap", 0, 0, G_OPTION_ARG_FILENAME, &heat_dir, N_("Save each picture's heat map in DIR (anomaly model)"), "DIR" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output as text (default) or json"), "FORMAT" },
    { NULL }
  };

  json_node_take_array (root, results);
  context = g_option_context_new (_("IMAGE…"));
  g_option_context_set_summary (context, _("Says what a model sees in each picture: the defect class, or how "
                                           "unlike the good parts it is."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("predict", "%s", error->message);
  if (model_path == NULL || argc < 2)
    return lc_cli_usage_error ("predict", _("--model and at least one picture are needed"));
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("predict", _("unknown format “%s” (use text or json)"), format);

  model = lc_vision_model_load (model_path, &error);
  if (model == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (heat_dir != NULL && lc_vision_model_get_kind (model) == LC_VISION_MODEL_ANOMALY &&
      g_mkdir_with_parents (heat_dir, 0755) != 0)
    return lc_cli_usage_error ("predict", _("cannot make the folder “%s”"), heat_dir);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(LcVisionPrediction) prediction = lc_vision_model_predict_file (model, argv[i], &error);
      g_autofree char *heat_map = NULL;

      if (prediction == NULL)
        {
          /* one bad picture does not stop the others; the exit status says it happened */
          g_printerr ("linecheck-cli predict: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
          continue;
        }
      if (heat_dir != NULL && lc_vision_model_get_kind (model) == LC_VISION_MODEL_ANOMALY)
        {
          g_autofree char *base = g_path_get_basename (argv[i]);
          char *dot = strrchr (base, '.');
          if (dot != NULL)
            *dot = '\0';
          heat_map = g_strdup_printf ("%s/%s.heatmap.png", heat_dir, base);
          if (!lc_vision_prediction_save_heat_map (prediction, heat_map, &error))
            return lc_cli_fail (g_steal_pointer (&error));
        }
      if (g_strcmp0 (format, "json") == 0)
        json_array_add_element (results, prediction_to_json (model, argv[i], prediction, heat_map));
      else if (lc_vision_model_get_kind (model) == LC_VISION_MODEL_ANOMALY)
        g_print (_("%s: %s (score %.3g, threshold %.3g)\n"), argv[i],
                 lc_vision_prediction_is_defective (prediction) ? _("defective") : _("good"),
                 lc_vision_prediction_get_score (prediction), lc_vision_model_get_threshold (model));
      else
        g_print (_("%s: %s (%.0f%% sure)\n"), argv[i], lc_vision_prediction_get_class_name (prediction),
                 100 * lc_vision_prediction_get_confidence (prediction));
    }
  if (g_strcmp0 (format, "json") == 0)
    lc_cli_print_json (root);
  return status;
}

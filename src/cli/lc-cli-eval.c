#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-cli.h"
#include "vision/lc-vision-model.h"

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* linecheck-cli eval --model MODEL --dataset DIR [--good NAME] --format json */
int
lc_cli_eval (LcCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *model_path = NULL, *dataset = NULL, *good = NULL, *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(LcVisionTrainingSet) set = NULL;
  g_autoptr(LcVisionValidation) validation = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  double pixel_auroc = NAN, ms_per_image = 0, threshold;
  guint missed, n_defective, rejected, n_good, n_classes;
  const char * const *classes;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, N_("The model file"), "MODEL" },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset, N_("Folder with one folder of pictures per class"), "DIR" },
    { "good", 0, 0, G_OPTION_ARG_STRING, &good, N_("The folder of good parts (anomaly model)"), "NAME" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output as text (default) or json"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Checks a model on pictures it did not train on, sorted into one folder "
                                           "per class. For an anomaly model the good folder holds the good parts "
                                           "and every other folder defective ones."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("eval", "%s", error->message);
  if (model_path == NULL || dataset == NULL)
    return lc_cli_usage_error ("eval", _("--model and --dataset are needed"));
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("eval", _("unknown format “%s” (use text or json)"), format);

  model = lc_vision_model_load (model_path, &error);
  if (model == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (lc_vision_model_get_kind (model) == LC_VISION_MODEL_ANOMALY && good == NULL)
    good = g_strdup (lc_vision_model_get_classes (model, NULL)[0]);
  set = lc_vision_training_set_new_from_folder (dataset, &error);
  if (set == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  validation = lc_vision_model_evaluate (model, set, good, NULL, &pixel_auroc, &ms_per_image, &error);
  if (validation == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  threshold = lc_vision_model_get_threshold (model);
  if (g_strcmp0 (format, "json") != 0)
    {
      g_autofree char *words = lc_vision_validation_describe (validation, threshold);
      g_print ("%s\n", words);
      return 0;
    }

  lc_vision_validation_count_at (validation, threshold, &missed, &n_defective, &rejected, &n_good);
  json_builder_begin_object (builder);
  if (lc_vision_model_get_kind (model) == LC_VISION_MODEL_CLASSIFIER)
    {
      classes = lc_vision_validation_get_classes (validation, &n_classes);
      add_number (builder, "accuracy", lc_vision_validation_get_accuracy (validation));
      json_builder_set_member_name (builder, "per_class");
      json_builder_begin_object (builder);
      for (guint c = 0; c < n_classes; c++)
        add_number (builder, classes[c], lc_vision_validation_get_class_accuracy (validation, c));
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "confusion");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_classes; i++)
        {
          json_builder_begin_array (builder);
          for (guint j = 0; j < n_classes; j++)
            json_builder_add_int_value (builder, lc_vision_validation_get_confusion (validation, i, j));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "classes");
      json_builder_begin_array (builder);
      for (guint c = 0; c < n_classes; c++)
        json_builder_add_string_value (builder, classes[c]);
      json_builder_end_array (builder);
    }
  else
    {
      add_number (builder, "auroc", lc_vision_validation_get_auroc (validation));
      add_number (builder, "threshold", threshold);
      json_builder_set_member_name (builder, "missed");
      json_builder_add_int_value (builder, missed);
      json_builder_set_member_name (builder, "over_rejected");
      json_builder_add_int_value (builder, rejected);
      if (!isnan (pixel_auroc))
        add_number (builder, "pixel_auroc", pixel_auroc);
    }
  json_builder_set_member_name (builder, "images");
  json_builder_add_int_value (builder, lc_vision_training_set_get_n_items (set));
  add_number (builder, "ms_per_image", ms_per_image);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  lc_cli_print_json (root);
  return 0;
}

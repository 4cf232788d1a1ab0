#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "vision/lc-vision-training.h"

static void
print_progress (double      fraction,
                const char *stage,
                gpointer    user_data)
{
  g_printerr ("\r%3.0f%% %s", 100 * fraction, stage);
  if (fraction >= 1)
    g_printerr ("\n");
}

/* linecheck-cli train --dataset DIR --kind classifier|anomaly [--good NAME] --out MODEL */
int
lc_cli_train (LcCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *dataset = NULL, *kind_text = NULL, *good = NULL, *out = NULL, *format = NULL;
  int folds = 0;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) set = NULL;
  g_autoptr(LcVisionValidation) validation = NULL;
  g_autoptr(LcVisionModel) model = NULL;
  LcVisionTrainingOptions options = { 0 };
  GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset, N_("Folder with one folder of pictures per class"), "DIR" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("classifier or anomaly"), "KIND" },
    { "good", 0, 0, G_OPTION_ARG_STRING, &good, N_("The folder of good parts (anomaly: the only one trained on)"), "NAME" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the model file"), "MODEL" },
    { "folds", 0, 0, G_OPTION_ARG_INT, &folds, N_("Blocks for the cross-validation (default 5; 1 = none)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Print the validation as text (default) or json"), "FORMAT" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Trains a defect classifier or an anomaly model from a folder of "
                                           "pictures sorted into one folder per class, and checks it on "
                                           "blocks of pictures it did not train on."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("train", "%s", error->message);
  if (dataset == NULL || kind_text == NULL || out == NULL)
    return lc_cli_usage_error ("train", _("--dataset, --kind and --out are needed"));
  if (!lc_vision_model_kind_from_string (kind_text, &options.kind))
    return lc_cli_usage_error ("train", _("unknown kind “%s” (use classifier or anomaly)"), kind_text);
  if (options.kind == LC_VISION_MODEL_ANOMALY && good == NULL)
    return lc_cli_usage_error ("train", _("an anomaly model needs --good NAME, the folder of good parts"));
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("train", _("unknown format “%s” (use text or json)"), format);
  if (folds < 0)
    return lc_cli_usage_error ("train", _("--folds must be 1 or more"));

  set = lc_vision_training_set_new_from_folder (dataset, &error);
  if (set == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  options.good_class = good;
  options.n_folds = (guint) folds;
  model = lc_vision_train (set, &options, quiet ? NULL : print_progress, NULL, NULL, &validation, &error);
  if (model == NULL || !lc_vision_model_save (model, out, &error))
    return lc_cli_fail (g_steal_pointer (&error));

  if (validation != NULL && g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = lc_vision_validation_to_json (validation, lc_vision_model_get_threshold (model));
      lc_cli_print_json (node);
    }
  else if (validation != NULL)
    {
      g_autofree char *words = lc_vision_validation_describe (validation, lc_vision_model_get_threshold (model));
      g_print ("%s\n", words);
    }
  return 0;
}

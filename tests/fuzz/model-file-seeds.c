#include "lc-config.h"

#include <glib/gstdio.h>

#include "fuzz-target.h"
#include "lc-vision-model.h"
#include "lc-vision-training.h"

/* Real, small model files for the model-file fuzz target, trained here from textures drawn
 * in code (no data set): a defect classifier and an anomaly model, each saved and written
 * without its trailing checksum, as the target reads them.
 *   model-file-seeds --write DIR   writes seed-classifier and seed-anomaly into DIR (for
 *                                  tests/fuzz/run-fuzzers);
 *   model-file-seeds               the test: both seeds load, and every truncation and a
 *                                  sweep of damaged bytes of them is refused with a GError. */

#define SIDE 128
/* pictures per class: the anomaly model learns its perceptron from 16 good ones or more */
#define SEED_PICTURES 16

/* Good parts: smooth stripes with a little noise; scratched ones: the same with a bright
 * diagonal line, so the two classes differ in texture as real ones do. */
static char *
write_picture (const char *dir,
               const char *class_name,
               guint       index)
{
  g_autofree char *folder = g_build_filename (dir, class_name, NULL);
  g_autofree char *name = g_strdup_printf ("%s-%u.pgm", class_name, index);
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GString) pgm = g_string_new (NULL);
  guint32 state = 2654435761u * (index + 1);
  gboolean scratched = g_str_equal (class_name, "scratch");

  g_mkdir_with_parents (folder, 0700);
  g_string_append_printf (pgm, "P5\n%d %d\n255\n", SIDE, SIDE);
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        int v = 100 + ((x + (int) index) / 4 % 2) * 30;

        state = state * 1664525u + 1013904223u;
        v += (int) (state >> 28) - 8;
        if (scratched && ABS (x - y - (int) index) <= 1)
          v = 250;
        g_string_append_c (pgm, (char) CLAMP (v, 0, 255));
      }
  g_assert (g_file_set_contents (path, pgm->str, pgm->len, NULL));
  return path;
}

static GBytes *
train_seed (LcVisionModelKind kind)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-model-seed-XXXXXX", NULL);
  g_autofree char *file = NULL;
  g_autoptr(LcVisionTrainingSet) set = lc_vision_training_set_new ();
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LcVisionTrainingOptions options = { kind, "good", 1 };
  gsize length;

  for (guint i = 0; i < SEED_PICTURES; i++)
    {
      g_autofree char *good = write_picture (dir, "good", i);
      g_autofree char *bad = write_picture (dir, "scratch", i);

      lc_vision_training_set_add_file (set, good, "good", NULL);
      lc_vision_training_set_add_file (set, bad, "scratch", NULL);
    }
  model = lc_vision_train (set, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "model.lcm", NULL);
  g_assert_true (lc_vision_model_save (model, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file, &contents, &length, &error));
  g_assert_cmpuint (length, >, 32);
  {
    g_autoptr(LcVisionModel) loaded = lc_vision_model_load (file, &error);

    g_assert_no_error (error);
    g_assert_cmpint (lc_vision_model_get_kind (loaded), ==, kind);
    /* the anomaly seed must carry the perceptron, so that the fuzzer reaches its checks */
    if (kind == LC_VISION_MODEL_ANOMALY)
      g_assert_nonnull (strstr (lc_vision_model_get_parameters_json (loaded), "\"perceptron_hidden\":16"));
  }
  /* The pictures and the model were only needed to make the seed. */
  for (guint i = 0; i < SEED_PICTURES; i++)
    for (guint c = 0; c < 2; c++)
      {
        const char *class_name = c == 0 ? "good" : "scratch";
        g_autofree char *picture = g_strdup_printf ("%s/%s/%s-%u.pgm", dir, class_name, class_name, i);
        g_autofree char *folder = g_build_filename (dir, class_name, NULL);

        g_unlink (picture);
        g_rmdir (folder);
      }
  g_unlink (file);
  g_rmdir (dir);
  /* Without the checksum: the target appends it. */
  return g_bytes_new (contents, length - 32);
}

static GBytes *seeds[2];

static void
test_seeds_load (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (seeds[k], &length);

      /* Loads through the target, which asserts the model then predicts. */
      LLVMFuzzerTestOneInput (data, length);
    }
}

static void
test_truncated_and_damaged_seeds_are_refused (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (seeds[k], &length);
      g_autofree guint8 *copy = g_memdup2 (data, length);
      gsize step = MAX (length / 150, 1);

      /* Every cut (with the checksum made right for it, so the parser itself must notice). */
      for (gsize cut = 0; cut < length; cut += step)
        LLVMFuzzerTestOneInput (data, cut);
      /* Bytes set to 0xff across the file, the length fields included. */
      for (gsize at = 8; at < length; at += step)
        {
          guint8 was = copy[at];

          copy[at] = 0xff;
          LLVMFuzzerTestOneInput (copy, length);
          copy[at] = was;
        }
    }
}

int
main (int    argc,
      char **argv)
{
  seeds[0] = train_seed (LC_VISION_MODEL_CLASSIFIER);
  seeds[1] = train_seed (LC_VISION_MODEL_ANOMALY);
  if (argc == 3 && g_str_equal (argv[1], "--write"))
    {
      const char *names[2] = { "seed-classifier", "seed-anomaly" };

      for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
        {
          g_autofree char *path = g_build_filename (argv[2], names[k], NULL);
          gsize length;
          const char *data = g_bytes_get_data (seeds[k], &length);

          g_assert_true (g_file_set_contents (path, data, length, NULL));
        }
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/model-file/trained-seeds-load", test_seeds_load);
  g_test_add_func ("/fuzz/model-file/truncated-and-damaged-seeds-are-refused",
                   test_truncated_and_damaged_seeds_are_refused);
  return g_test_run ();
}

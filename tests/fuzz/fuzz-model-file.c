#include "lc-config.h"

#include <glib/gstdio.h>

#include "fuzz-target.h"
#include "lc-vision-model.h"

/* Model files (lc_vision_model_load): a truncated, damaged or foreign file must give a
 * GError, never a crash or an allocation the file's numbers ask for. The file ends with the
 * SHA-256 of the rest, which random bytes never match, so the target treats the input as a
 * file without its checksum and appends the right one: the fuzzer then reaches the header
 * JSON, the classifier's OpenCV storage and the anomaly model's matrices. Inputs that start
 * with a 0 byte are loaded as they are instead, to cover the checks before the checksum. */

static const char *
scratch_path (void)
{
  static char *path;

  if (path == NULL)
    {
      int fd = g_file_open_tmp ("lc-fuzz-model-XXXXXX.lcm", &path, NULL);

      g_assert (fd >= 0);
      close (fd);
    }
  return path;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(LcVisionModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = scratch_path ();

  lc_fuzz_abort_on_criticals ();
  if (size > 0 && data[0] == 0)
    g_byte_array_append (file, data + 1, size - 1);
  else
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 digest[32];
      gsize digest_length = sizeof digest;

      g_byte_array_append (file, data, size);
      g_checksum_update (checksum, data, size);
      g_checksum_get_digest (checksum, digest, &digest_length);
      g_byte_array_append (file, digest, digest_length);
    }
  g_assert (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
  model = lc_vision_model_load (path, &error);
  if (model == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == LC_VISION_ERROR);
      return 0;
    }
  /* A model that loads must describe itself and predict on a small grey picture. */
  {
    g_autoptr(LcVisionPrediction) prediction = NULL;
    guint8 pixels[64 * 64];
    guint n_classes = 0;

    for (guint i = 0; i < sizeof pixels; i++)
      pixels[i] = (guint8) (i * 37 % 251);
    g_assert (lc_vision_model_get_classes (model, &n_classes) != NULL && n_classes >= 2);
    g_assert (lc_vision_model_get_parameters_json (model) != NULL);
    prediction = lc_vision_model_predict_gray (model, pixels, 64, 64, 64, &error);
    if (prediction == NULL)
      g_assert (error != NULL);
  }
  return 0;
}

#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-camera-image.h"

/* Image files an image-folder camera plays: any bytes, decoded or refused, never a crash. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *pixels = NULL;
  int width = 0, height = 0, channels = 0;

  lc_fuzz_abort_on_criticals ();
  if (lc_camera_image_decode (data, size, &width, &height, &channels, &pixels) == LC_CAMERA_IMAGE_OK)
    {
      g_assert (width > 0 && height > 0 && (channels == 1 || channels == 3));
      /* Touch the last pixel: the buffer holds what the size says. */
      g_assert (pixels[(gsize) width * height * channels - 1] <= 255);
    }
  return 0;
}

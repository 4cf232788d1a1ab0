#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The colour of the top-left 2×2 cell of a Bayer sensor, as GenICam names it: BayerRG8 has
 * red top-left and blue bottom-right. */
typedef enum
{
  LC_BAYER_RG,
  LC_BAYER_GR,
  LC_BAYER_GB,
  LC_BAYER_BG,
} LcBayerPattern;

void lc_pixel_convert_bayer8_to_rgb8 (const guint8   *src,
                                      gsize           src_stride,
                                      int             width,
                                      int             height,
                                      LcBayerPattern  pattern,
                                      guint8         *dst);
/* Mono10/12/14/16 in little-endian 16-bit words: the @bits significant bits down to 8. */
void lc_pixel_convert_mono16_to_gray8 (const guint8  *src,
                                       gsize          src_stride,
                                       int            width,
                                       int            height,
                                       int            bits,
                                       guint8        *dst);
/* Copies packed 3-byte pixels, swapping the first and third byte when @swap_rb. */
void lc_pixel_convert_rgb8_packed     (const guint8  *src,
                                       gsize          src_stride,
                                       int            width,
                                       int            height,
                                       gboolean       swap_rb,
                                       guint8        *dst);
void lc_pixel_convert_gray8           (const guint8  *src,
                                       gsize          src_stride,
                                       int            width,
                                       int            height,
                                       guint8        *dst);

G_END_DECLS

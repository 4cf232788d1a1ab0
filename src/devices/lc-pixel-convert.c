#include "lc-config.h"

#include <string.h>

#include "lc-pixel-convert.h"

/* Bilinear demosaicing: each missing colour is the mean of its nearest neighbours of that
 * colour (the classic method of Longère et al.; good enough for inspection at camera
 * speed, and without the zipper artefacts of nearest-neighbour copying). The edge rows and
 * columns mirror their inner neighbours. */
void
lc_pixel_convert_bayer8_to_rgb8 (const guint8   *src,
                                 gsize           src_stride,
                                 int             width,
                                 int             height,
                                 LcBayerPattern  pattern,
                                 guint8         *dst)
{
  /* Where red sits in the 2×2 cell; blue is diagonal to it. */
  static const int red_x[] = { 0, 1, 0, 1 };
  static const int red_y[] = { 0, 0, 1, 1 };
  int rx = red_x[pattern];
  int ry = red_y[pattern];

  for (int y = 0; y < height; y++)
    {
      int yu = y > 0 ? y - 1 : (height > 1 ? 1 : 0);
      int yd = y < height - 1 ? y + 1 : (height > 1 ? height - 2 : 0);
      const guint8 *up = src + (gsize) yu * src_stride;
      const guint8 *row = src + (gsize) y * src_stride;
      const guint8 *down = src + (gsize) yd * src_stride;
      guint8 *out = dst + (gsize) y * width * 3;
      gboolean red_row = ((y - ry) & 1) == 0;

      for (int x = 0; x < width; x++, out += 3)
        {
          int xl = x > 0 ? x - 1 : (width > 1 ? 1 : 0);
          int xr = x < width - 1 ? x + 1 : (width > 1 ? width - 2 : 0);
          gboolean red_col = ((x - rx) & 1) == 0;
          int c = row[x];
          int cross = (up[x] + down[x] + row[xl] + row[xr] + 2) >> 2;
          int diag = (up[xl] + up[xr] + down[xl] + down[xr] + 2) >> 2;
          int horiz = (row[xl] + row[xr] + 1) >> 1;
          int vert = (up[x] + down[x] + 1) >> 1;

          if (red_row && red_col)
            {
              out[0] = c; out[1] = cross; out[2] = diag;
            }
          else if (!red_row && !red_col)
            {
              out[0] = diag; out[1] = cross; out[2] = c;
            }
          else if (red_row)
            {
              out[0] = horiz; out[1] = c; out[2] = vert;
            }
          else
            {
              out[0] = vert; out[1] = c; out[2] = horiz;
            }
        }
    }
}

void
lc_pixel_convert_mono16_to_gray8 (const guint8 *src,
                                  gsize         src_stride,
                                  int           width,
                                  int           height,
                                  int           bits,
                                  guint8       *dst)
{
  int shift = CLAMP (bits, 8, 16) - 8;

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint8 *d = dst + (gsize) y * width;

      for (int x = 0; x < width; x++)
        {
          guint v = (guint) s[2 * x] | ((guint) s[2 * x + 1] << 8);

          v >>= shift;
          d[x] = (guint8) MIN (v, 255u);
        }
    }
}

void
lc_pixel_convert_rgb8_packed (const guint8 *src,
                              gsize         src_stride,
                              int           width,
                              int           height,
                              gboolean      swap_rb,
                              guint8       *dst)
{
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint8 *d = dst + (gsize) y * width * 3;

      if (!swap_rb)
        {
          memcpy (d, s, (gsize) width * 3);
          continue;
        }
      for (int x = 0; x < width; x++, s += 3, d += 3)
        {
          d[0] = s[2];
          d[1] = s[1];
          d[2] = s[0];
        }
    }
}

void
lc_pixel_convert_gray8 (const guint8 *src,
                        gsize         src_stride,
                        int           width,
                        int           height,
                        guint8       *dst)
{
  for (int y = 0; y < height; y++)
    memcpy (dst + (gsize) y * width, src + (gsize) y * src_stride, width);
}

#include "lc-config.h"

#include <string.h>

#include "lc-frame.h"

struct _LcFrame
{
  gatomicrefcount  ref_count;
  LcFrameFormat    format;
  int              width;
  int              height;
  int              stride;
  GBytes          *pixels;
  gint64           timestamp;
  guint64          sequence;
};

G_DEFINE_BOXED_TYPE (LcFrame, lc_frame, lc_frame_ref, lc_frame_unref)

int
lc_frame_format_get_channels (LcFrameFormat format)
{
  return format == LC_FRAME_FORMAT_RGB8 ? 3 : 1;
}

const char *
lc_frame_format_to_string (LcFrameFormat format)
{
  return format == LC_FRAME_FORMAT_RGB8 ? "rgb8" : "gray8";
}

/**
 * lc_frame_new:
 * @pixels: at least @stride × (@height - 1) + @width × channels bytes; a reference is taken
 */
LcFrame *
lc_frame_new (LcFrameFormat  format,
              int            width,
              int            height,
              int            stride,
              GBytes        *pixels,
              gint64         timestamp)
{
  LcFrame *frame;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride >= width * lc_frame_format_get_channels (format), NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) >=
                        (gsize) stride * (height - 1) + (gsize) width * lc_frame_format_get_channels (format),
                        NULL);

  frame = g_new0 (LcFrame, 1);
  g_atomic_ref_count_init (&frame->ref_count);
  frame->format = format;
  frame->width = width;
  frame->height = height;
  frame->stride = stride;
  frame->pixels = g_bytes_ref (pixels);
  frame->timestamp = timestamp;
  return frame;
}

/* For the code that fills a frame it has just made: the pixels may be written until the
 * frame is handed to anyone else. Rows are packed (stride = width × channels). */
LcFrame *
lc_frame_new_uninitialized (LcFrameFormat   format,
                            int             width,
                            int             height,
                            guint8        **pixels_out)
{
  int stride = width * lc_frame_format_get_channels (format);
  guint8 *data;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (pixels_out != NULL, NULL);

  data = g_malloc ((gsize) stride * height);
  bytes = g_bytes_new_take (data, (gsize) stride * height);
  *pixels_out = data;
  return lc_frame_new (format, width, height, stride, bytes, g_get_monotonic_time ());
}

LcFrame *
lc_frame_ref (LcFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  g_atomic_ref_count_inc (&frame->ref_count);
  return frame;
}

void
lc_frame_unref (LcFrame *frame)
{
  g_return_if_fail (frame != NULL);
  if (g_atomic_ref_count_dec (&frame->ref_count))
    {
      g_bytes_unref (frame->pixels);
      g_free (frame);
    }
}

LcFrameFormat
lc_frame_get_format (const LcFrame *frame)
{
  return frame->format;
}

int
lc_frame_get_width (const LcFrame *frame)
{
  return frame->width;
}

int
lc_frame_get_height (const LcFrame *frame)
{
  return frame->height;
}

int
lc_frame_get_stride (const LcFrame *frame)
{
  return frame->stride;
}

int
lc_frame_get_channels (const LcFrame *frame)
{
  return lc_frame_format_get_channels (frame->format);
}

const guint8 *
lc_frame_get_pixels (const LcFrame *frame)
{
  return g_bytes_get_data (frame->pixels, NULL);
}

GBytes *
lc_frame_get_bytes (const LcFrame *frame)
{
  return frame->pixels;
}

gint64
lc_frame_get_timestamp (const LcFrame *frame)
{
  return frame->timestamp;
}

void
lc_frame_set_timestamp (LcFrame *frame,
                        gint64   timestamp)
{
  frame->timestamp = timestamp;
}

guint64
lc_frame_get_sequence (const LcFrame *frame)
{
  return frame->sequence;
}

void
lc_frame_set_sequence (LcFrame *frame,
                       guint64  sequence)
{
  frame->sequence = sequence;
}

/* The part of @frame inside the rectangle, clamped to the frame; NULL when nothing is left. */
LcFrame *
lc_frame_crop (const LcFrame *frame,
               int            x,
               int            y,
               int            width,
               int            height)
{
  int channels = lc_frame_get_channels (frame);
  const guint8 *src = lc_frame_get_pixels (frame);
  guint8 *dst;
  LcFrame *out;

  x = CLAMP (x, 0, frame->width);
  y = CLAMP (y, 0, frame->height);
  width = MIN (width, frame->width - x);
  height = MIN (height, frame->height - y);
  if (width <= 0 || height <= 0)
    return NULL;

  out = lc_frame_new_uninitialized (frame->format, width, height, &dst);
  for (int row = 0; row < height; row++)
    memcpy (dst + (gsize) row * width * channels,
            src + (gsize) (y + row) * frame->stride + (gsize) x * channels,
            (gsize) width * channels);
  out->timestamp = frame->timestamp;
  out->sequence = frame->sequence;
  return out;
}

/* ITU-R BT.601 luma weights in 8.8 fixed point, the same the cameras' own Mono modes use. */
LcFrame *
lc_frame_to_gray (LcFrame *frame)
{
  const guint8 *src = lc_frame_get_pixels (frame);
  guint8 *dst;
  LcFrame *out;

  if (frame->format == LC_FRAME_FORMAT_GRAY8)
    return lc_frame_ref (frame);

  out = lc_frame_new_uninitialized (LC_FRAME_FORMAT_GRAY8, frame->width, frame->height, &dst);
  for (int row = 0; row < frame->height; row++)
    {
      const guint8 *s = src + (gsize) row * frame->stride;
      guint8 *d = dst + (gsize) row * frame->width;

      for (int col = 0; col < frame->width; col++, s += 3)
        d[col] = (guint8) ((77 * s[0] + 150 * s[1] + 29 * s[2] + 128) >> 8);
    }
  out->timestamp = frame->timestamp;
  out->sequence = frame->sequence;
  return out;
}

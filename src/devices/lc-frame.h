#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the vision library consumes: 8-bit gray or 8-bit RGB (R, G, B in that byte order),
 * rows `stride` bytes apart. Every camera converts to one of these at the source. */
typedef enum
{
  LC_FRAME_FORMAT_GRAY8,
  LC_FRAME_FORMAT_RGB8,
} LcFrameFormat;

#define LC_TYPE_FRAME (lc_frame_get_type ())

/* One picture from a camera. Immutable once handed out and reference counted, so the live
 * view, a capture being saved and the vision engine can hold the same pixels at once. */
typedef struct _LcFrame LcFrame;

GType          lc_frame_get_type          (void) G_GNUC_CONST;

LcFrame       *lc_frame_new               (LcFrameFormat  format,
                                           int            width,
                                           int            height,
                                           int            stride,
                                           GBytes        *pixels,
                                           gint64         timestamp);
LcFrame       *lc_frame_new_uninitialized (LcFrameFormat  format,
                                           int            width,
                                           int            height,
                                           guint8       **pixels_out);
LcFrame       *lc_frame_ref               (LcFrame       *frame);
void           lc_frame_unref             (LcFrame       *frame);

LcFrameFormat  lc_frame_get_format        (const LcFrame *frame);
int            lc_frame_get_width         (const LcFrame *frame);
int            lc_frame_get_height        (const LcFrame *frame);
int            lc_frame_get_stride        (const LcFrame *frame);
int            lc_frame_get_channels      (const LcFrame *frame);
const guint8  *lc_frame_get_pixels        (const LcFrame *frame);
GBytes        *lc_frame_get_bytes         (const LcFrame *frame);

/* g_get_monotonic_time () when the picture reached this computer: capture-to-screen
 * latency is measured from here. */
gint64         lc_frame_get_timestamp     (const LcFrame *frame);
void           lc_frame_set_timestamp     (LcFrame       *frame,
                                           gint64         timestamp);
/* Counts the frames a started camera delivered, from 1; gaps mean frames were dropped
 * because nobody took them in time (the newest picture always wins). */
guint64        lc_frame_get_sequence      (const LcFrame *frame);
void           lc_frame_set_sequence      (LcFrame       *frame,
                                           guint64        sequence);

LcFrame       *lc_frame_crop              (const LcFrame *frame,
                                           int            x,
                                           int            y,
                                           int            width,
                                           int            height);
LcFrame       *lc_frame_to_gray           (LcFrame       *frame);

int            lc_frame_format_get_channels (LcFrameFormat format);
const char    *lc_frame_format_to_string    (LcFrameFormat format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcFrame, lc_frame_unref)

G_END_DECLS

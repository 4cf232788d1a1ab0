#pragma once

#include <gtk/gtk.h>

#include "lc-frame.h"

G_BEGIN_DECLS

#define LC_LIVE_VIEW_TEXTURES_ERROR (lc_live_view_textures_error_quark ())

typedef enum
{
  LC_LIVE_VIEW_TEXTURES_ERROR_NO_GL,        /* the window draws without OpenGL */
  LC_LIVE_VIEW_TEXTURES_ERROR_GL_TOO_OLD,   /* no texture swizzle (OpenGL < 3.3, GLES < 3.0) */
  LC_LIVE_VIEW_TEXTURES_ERROR_LAYOUT,       /* rows not a whole number of pixels apart */
} LcLiveViewTexturesError;

/* Camera frames uploaded straight into a few OpenGL textures that are used again and again.
 * A fresh GdkMemoryTexture per frame makes GTK's GL renderer allocate (and the driver
 * clear) a new GL texture for every frame, and gray frames had to be spread to RGB first;
 * here a gray frame is uploaded as it is, one byte per pixel, into a texture whose swizzle
 * reads it as gray, and an RGB frame as RGB, into storage allocated once. The textures live
 * in a GL context shared with the window's renderer, which then draws them without a copy.
 * Main thread only. */
typedef struct _LcLiveViewTextures LcLiveViewTextures;

GQuark              lc_live_view_textures_error_quark   (void);

/* Fails when @widget's window does not draw with OpenGL or the GL is too old: the caller
 * falls back to memory textures. */
LcLiveViewTextures *lc_live_view_textures_new           (GtkWidget           *widget,
                                                         GError             **error);
LcLiveViewTextures *lc_live_view_textures_ref           (LcLiveViewTextures  *self);
/* Textures handed out stay valid: their GL storage goes when the last one is released. */
void                lc_live_view_textures_unref         (LcLiveViewTextures  *self);

/* A texture showing @frame. The GL texture behind it goes back to the pool when the
 * GdkTexture is finalized. */
GdkTexture         *lc_live_view_textures_upload        (LcLiveViewTextures  *self,
                                                         LcFrame             *frame,
                                                         GError             **error);
/* How many GL textures were ever allocated: stays small while frames stream. */
guint               lc_live_view_textures_get_n_created (LcLiveViewTextures  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcLiveViewTextures, lc_live_view_textures_unref)

G_END_DECLS

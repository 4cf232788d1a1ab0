#include "lc-config.h"

#include <epoxy/gl.h>
#include <gtk/gtk.h>

#include "lc-live-view-textures.h"

/* Beyond this many idle textures the oldest are deleted: a view needs the one on screen,
 * the one being drawn and one spare. */
#define MAX_IDLE_TEXTURES 3

typedef struct
{
  LcLiveViewTextures *owner;     /* a reference while the texture is handed out */
  GLuint              id;
  int                 width;
  int                 height;
  LcFrameFormat       format;
} Slot;

struct _LcLiveViewTextures
{
  gatomicrefcount  ref_count;
  GdkGLContext    *context;
  GQueue           idle;         /* Slot, least recently released first */
  guint            n_created;
};

G_DEFINE_QUARK (lc-live-view-textures-error-quark, lc_live_view_textures_error)

static void
slot_delete (Slot *slot)
{
  gdk_gl_context_make_current (slot->owner->context);
  glDeleteTextures (1, &slot->id);
  g_free (slot);
}

LcLiveViewTextures *
lc_live_view_textures_new (GtkWidget  *widget,
                           GError    **error)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) gl_error = NULL;
  LcLiveViewTextures *self;
  int major, minor;

  /* By name: GTK 4.8's <gsk/gl/gskglrenderer.h> cannot be included from outside GTK. */
  if (renderer == NULL ||
      !g_type_is_a (G_OBJECT_TYPE (renderer), g_type_from_name ("GskGLRenderer")))
    {
      g_set_error (error, LC_LIVE_VIEW_TEXTURES_ERROR, LC_LIVE_VIEW_TEXTURES_ERROR_NO_GL,
                   "The window draws with %s, not OpenGL",
                   renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "nothing yet");
      return NULL;
    }

  context = gdk_surface_create_gl_context (gtk_native_get_surface (native), &gl_error);
  if (context == NULL || !gdk_gl_context_realize (context, &gl_error))
    {
      g_set_error (error, LC_LIVE_VIEW_TEXTURES_ERROR, LC_LIVE_VIEW_TEXTURES_ERROR_NO_GL,
                   "No OpenGL context for the live view: %s", gl_error->message);
      return NULL;
    }

  /* The gray swizzle needs GL 3.3 (ARB_texture_swizzle) or GLES 3.0. GDK reads the
   * version when the context is first made current. */
  gdk_gl_context_make_current (context);
  gdk_gl_context_get_version (context, &major, &minor);
  if (gdk_gl_context_get_use_es (context) ? major < 3
                                          : (major < 3 || (major == 3 && minor < 3)))
    {
      g_set_error (error, LC_LIVE_VIEW_TEXTURES_ERROR, LC_LIVE_VIEW_TEXTURES_ERROR_GL_TOO_OLD,
                   "OpenGL%s %d.%d has no texture swizzle",
                   gdk_gl_context_get_use_es (context) ? " ES" : "", major, minor);
      return NULL;
    }

  self = g_new0 (LcLiveViewTextures, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->context = g_steal_pointer (&context);
  g_queue_init (&self->idle);
  return self;
}

LcLiveViewTextures *
lc_live_view_textures_ref (LcLiveViewTextures *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lc_live_view_textures_unref (LcLiveViewTextures *self)
{
  Slot *slot;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* Idle slots hold no reference, so they can only be freed here. */
  while ((slot = g_queue_pop_head (&self->idle)) != NULL)
    slot_delete (slot);
  g_clear_object (&self->context);
  g_free (self);
}

static void
slot_released_cb (gpointer data)
{
  Slot *slot = data;
  LcLiveViewTextures *owner = slot->owner;

  /* GTK is done with the texture: its node is gone and the paint that used it finished.
   * If the view let the pool go meanwhile (unrealized), this was the last reference and
   * the unref deletes every idle texture, this one too. */
  g_queue_push_tail (&owner->idle, slot);
  while (owner->idle.length > MAX_IDLE_TEXTURES)
    slot_delete (g_queue_pop_head (&owner->idle));
  lc_live_view_textures_unref (owner);
}

static Slot *
take_slot (LcLiveViewTextures *self,
           LcFrame            *frame)
{
  int width = lc_frame_get_width (frame);
  int height = lc_frame_get_height (frame);
  LcFrameFormat format = lc_frame_get_format (frame);
  Slot *slot;

  for (GList *l = self->idle.head; l != NULL; l = l->next)
    {
      slot = l->data;
      if (slot->width == width && slot->height == height && slot->format == format)
        {
          g_queue_delete_link (&self->idle, l);
          return slot;
        }
    }

  slot = g_new0 (Slot, 1);
  slot->owner = self;
  slot->width = width;
  slot->height = height;
  slot->format = format;
  glGenTextures (1, &slot->id);
  glBindTexture (GL_TEXTURE_2D, slot->id);
  /* No mipmaps (the default minifying filter wants them and would leave the texture
   * incomplete), linear like GTK's own texture nodes. */
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  if (format == LC_FRAME_FORMAT_GRAY8)
    {
      /* Gray is uploaded one byte per pixel into the red channel and read back as
       * (g, g, g, 1): a third of the bytes of RGB and no conversion of ours. The storage
       * stays RGB because GTK 4.8 refuses GL textures in other formats (GL_R8). */
      GLint swizzle[4] = { GL_RED, GL_RED, GL_RED, GL_ONE };

      glTexParameteriv (GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    }
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGB8, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, NULL);
  self->n_created++;
  return slot;
}

GdkTexture *
lc_live_view_textures_upload (LcLiveViewTextures  *self,
                              LcFrame             *frame,
                              GError             **error)
{
  int channels = lc_frame_get_channels (frame);
  int stride = lc_frame_get_stride (frame);
  Slot *slot;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);

  /* Only desktop GL converts red-only uploads into RGB storage. */
  if (channels == 1 && gdk_gl_context_get_use_es (self->context))
    {
      g_set_error (error, LC_LIVE_VIEW_TEXTURES_ERROR, LC_LIVE_VIEW_TEXTURES_ERROR_LAYOUT,
                   "OpenGL ES cannot upload gray pixels into an RGB texture");
      return NULL;
    }
  if (stride % channels != 0)
    {
      g_set_error (error, LC_LIVE_VIEW_TEXTURES_ERROR, LC_LIVE_VIEW_TEXTURES_ERROR_LAYOUT,
                   "Rows %d bytes apart are not whole %d-byte pixels", stride, channels);
      return NULL;
    }

  gdk_gl_context_make_current (self->context);
  slot = take_slot (self, frame);
  glBindTexture (GL_TEXTURE_2D, slot->id);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, stride / channels);
  glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, slot->width, slot->height,
                   channels == 1 ? GL_RED : GL_RGB, GL_UNSIGNED_BYTE, lc_frame_get_pixels (frame));
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glBindTexture (GL_TEXTURE_2D, 0);
  /* The renderer's context reads the texture next: the upload must have left this one. */
  glFlush ();

  slot->owner = lc_live_view_textures_ref (self);
  return gdk_gl_texture_new (self->context, slot->id, slot->width, slot->height,
                             slot_released_cb, slot);
}

guint
lc_live_view_textures_get_n_created (LcLiveViewTextures *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_created;
}

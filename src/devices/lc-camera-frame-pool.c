#include "lc-config.h"

#include "lc-camera-frame-pool.h"

#if defined(__SANITIZE_ADDRESS__)
# include <sanitizer/asan_interface.h>
# define POISON(p, n)   ASAN_POISON_MEMORY_REGION ((p), (n))
# define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION ((p), (n))
#else
# define POISON(p, n)   ((void) (p), (void) (n))
# define UNPOISON(p, n) ((void) (p), (void) (n))
#endif

typedef struct
{
  LcCameraFramePool *pool;   /* a reference while the buffer is in a frame */
  gsize              size;
  guint8            *data;
} Buffer;

struct _LcCameraFramePool
{
  gatomicrefcount  ref_count;
  guint            max_idle;
  GMutex           mutex;
  GPtrArray       *idle;     /* Buffer, all of buffer_size */
  gsize            buffer_size;
  guint            n_allocated;
};

static void
buffer_free (Buffer *buffer)
{
  UNPOISON (buffer->data, buffer->size);
  g_free (buffer->data);
  g_free (buffer);
}

LcCameraFramePool *
lc_camera_frame_pool_new (guint max_idle)
{
  LcCameraFramePool *self = g_new0 (LcCameraFramePool, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->max_idle = max_idle;
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) buffer_free);
  return self;
}

LcCameraFramePool *
lc_camera_frame_pool_ref (LcCameraFramePool *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lc_camera_frame_pool_unref (LcCameraFramePool *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->idle);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* The GBytes' free function: the last holder of the frame let it go. */
static void
buffer_released (gpointer data)
{
  Buffer *buffer = data;
  LcCameraFramePool *pool = g_steal_pointer (&buffer->pool);
  gboolean kept = FALSE;

  g_mutex_lock (&pool->mutex);
  if (buffer->size == pool->buffer_size && pool->idle->len < pool->max_idle)
    {
      POISON (buffer->data, buffer->size);
      g_ptr_array_add (pool->idle, buffer);
      kept = TRUE;
    }
  g_mutex_unlock (&pool->mutex);
  if (!kept)
    buffer_free (buffer);
  lc_camera_frame_pool_unref (pool);
}

LcFrame *
lc_camera_frame_pool_new_frame (LcCameraFramePool  *self,
                                LcFrameFormat       format,
                                int                 width,
                                int                 height,
                                guint8            **pixels_out)
{
  int stride = width * lc_frame_format_get_channels (format);
  gsize size = (gsize) stride * height;
  g_autoptr(GBytes) bytes = NULL;
  Buffer *buffer = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (pixels_out != NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (size != self->buffer_size)
    {
      /* A new size (region of interest, pixel format): the old buffers are of no use. */
      g_ptr_array_set_size (self->idle, 0);
      self->buffer_size = size;
    }
  if (self->idle->len > 0)
    buffer = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  else
    self->n_allocated++;
  g_mutex_unlock (&self->mutex);

  if (buffer != NULL)
    UNPOISON (buffer->data, buffer->size);
  else
    {
      buffer = g_new0 (Buffer, 1);
      buffer->size = size;
      buffer->data = g_malloc (size);
    }
  buffer->pool = lc_camera_frame_pool_ref (self);

  bytes = g_bytes_new_with_free_func (buffer->data, size, buffer_released, buffer);
  *pixels_out = buffer->data;
  return lc_frame_new (format, width, height, stride, bytes, g_get_monotonic_time ());
}

guint
lc_camera_frame_pool_get_n_allocated (LcCameraFramePool *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  g_mutex_lock (&self->mutex);
  n = self->n_allocated;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
lc_camera_frame_pool_get_n_idle (LcCameraFramePool *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  g_mutex_lock (&self->mutex);
  n = self->idle->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

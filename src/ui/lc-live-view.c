#include "lc-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-live-view.h"
#include "lc-live-view-private.h"
#include "lc-live-view-textures.h"

#define MIN_ZOOM 0.02
#define MAX_ZOOM 32.0
#define ZOOM_STEP 1.25

typedef struct
{
  graphene_rect_t  rect;     /* picture coordinates */
  char            *label;
  GdkRGBA          colour;
} Box;

struct _LcLiveView
{
  GtkWidget   parent_instance;

  LcCamera   *camera;
  gulong      state_id;
  gulong      status_id;

  LcFrame    *frame;          /* newest frame received */
  LcFrame    *frozen;         /* shown instead while frozen */
  GdkTexture *texture;        /* of texture_frame, a memory texture made on demand */
  LcFrame    *texture_frame;
  GdkTexture *screen_texture; /* of screen_frame, made when drawn */
  LcFrame    *screen_frame;
  LcLiveViewTextures *gl_textures;  /* while realized with a GL renderer */
  gboolean    gl_tried;
  guint       tick_id;        /* while the camera is started */

  gboolean    fit;
  double      zoom;
  double      center_x;
  double      center_y;

  GdkTexture *heat_map;
  double      heat_map_opacity;
  GdkTexture *heat_map_drawn; /* heat_map with its opacity in its pixels, made once per map */
  GdkRectangle heat_map_area; /* where heat_map_drawn lies in heat_map's texels */
  gboolean    heat_map_baked; /* heat_map_drawn is made (NULL: nothing shows) */
  GskRenderNode *overlay_node;  /* ROI, boxes and labels, drawn for overlay_key */
  gboolean    overlay_valid;
  double      overlay_key[5]; /* scale, origin x and y, widget width and height */
  GPtrArray  *boxes;
  gboolean    has_roi;
  GdkRectangle roi;

  /* Gestures. */
  double      pointer_x;
  double      pointer_y;
  double      drag_center_x;
  double      drag_center_y;
  double      pinch_zoom;

  /* Frame-to-screen bookkeeping: the frame drawn in the last snapshot is reported after
   * the paint that put it on screen. */
  gulong      after_paint_id;
  LcFrame    *painted;
  LcFrame    *reported;
  guint64     frames_received;
  guint64     frames_shown;
};

G_DEFINE_FINAL_TYPE (LcLiveView, lc_live_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMERA,
  PROP_FROZEN,
  PROP_ZOOM,
  PROP_ZOOM_TO_FIT,
  N_PROPS
};

enum {
  FRAME_SHOWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
box_free (Box *box)
{
  g_free (box->label);
  g_free (box);
}

static LcFrame *
shown_frame (LcLiveView *self)
{
  return self->frozen != NULL ? self->frozen : self->frame;
}

/* Where OpenGL cannot take the frame as it is (the Cairo renderer, tests downloading the
 * texture): RGB frames are wrapped as they are; GTK 4.8 has no gray memory format, so gray
 * frames are spread to RGB. */
static GdkTexture *
memory_texture_for_frame (LcFrame *frame)
{
  int width = lc_frame_get_width (frame);
  int height = lc_frame_get_height (frame);
  int stride = lc_frame_get_stride (frame);
  const guint8 *src = lc_frame_get_pixels (frame);
  g_autoptr(GBytes) bytes = NULL;
  guint8 *rgb;

  if (lc_frame_get_format (frame) == LC_FRAME_FORMAT_RGB8)
    return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8,
                                   lc_frame_get_bytes (frame), stride);

  rgb = g_malloc ((gsize) width * height * 3);
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = src + (gsize) y * stride;
      guint8 *out = rgb + (gsize) y * width * 3;

      for (int x = 0; x < width; x++)
        {
          out[3 * x] = row[x];
          out[3 * x + 1] = row[x];
          out[3 * x + 2] = row[x];
        }
    }
  bytes = g_bytes_new_take (rgb, (gsize) width * height * 3);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, (gsize) width * 3);
}

/* The scale and the widget position of the picture's origin, fit resolved. */
static gboolean
get_transform (LcLiveView *self,
               double     *scale,
               double     *origin_x,
               double     *origin_y)
{
  LcFrame *frame = shown_frame (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double image_width, image_height, cx, cy, s;

  if (frame == NULL)
    return FALSE;
  image_width = lc_frame_get_width (frame);
  image_height = lc_frame_get_height (frame);
  if (self->fit)
    {
      s = MIN (width / image_width, height / image_height);
      if (s <= 0)
        s = 1;
      cx = image_width / 2;
      cy = image_height / 2;
    }
  else
    {
      s = self->zoom;
      cx = self->center_x;
      cy = self->center_y;
    }
  *scale = s;
  *origin_x = width / 2.0 - cx * s;
  *origin_y = height / 2.0 - cy * s;
  return TRUE;
}

/* Leaves fit mode keeping what is on screen, so a drag or zoom starts from it. */
static void
resolve_fit (LcLiveView *self)
{
  LcFrame *frame = shown_frame (self);
  double scale, ox, oy;

  if (!self->fit || !get_transform (self, &scale, &ox, &oy))
    return;
  self->fit = FALSE;
  self->zoom = scale;
  self->center_x = lc_frame_get_width (frame) / 2.0;
  self->center_y = lc_frame_get_height (frame) / 2.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_TO_FIT]);
}

static void
clamp_center (LcLiveView *self)
{
  LcFrame *frame = shown_frame (self);

  if (frame == NULL)
    return;
  self->center_x = CLAMP (self->center_x, 0, lc_frame_get_width (frame));
  self->center_y = CLAMP (self->center_y, 0, lc_frame_get_height (frame));
}

/* Zooms keeping the picture point under (@widget_x, @widget_y) where it is. */
static void
zoom_at (LcLiveView *self,
         double      zoom,
         double      widget_x,
         double      widget_y)
{
  double scale, ox, oy, image_x, image_y;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (!get_transform (self, &scale, &ox, &oy))
    {
      lc_live_view_set_zoom (self, zoom);
      return;
    }
  image_x = (widget_x - ox) / scale;
  image_y = (widget_y - oy) / scale;
  resolve_fit (self);
  self->zoom = zoom;
  self->center_x = image_x - (widget_x - width / 2.0) / zoom;
  self->center_y = image_y - (widget_y - height / 2.0) / zoom;
  clamp_center (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_texture_frame (LcLiveView *self,
                   LcFrame    *frame)
{
  if (self->texture_frame == frame)
    return;
  g_clear_object (&self->texture);
  g_clear_pointer (&self->texture_frame, lc_frame_unref);
  if (frame != NULL)
    {
      self->texture_frame = lc_frame_ref (frame);
      self->texture = memory_texture_for_frame (frame);
    }
}

/* The texture drawn on screen: uploaded into the pooled GL textures when the window draws
 * with OpenGL, a memory texture otherwise. */
static void
set_screen_frame (LcLiveView *self,
                  LcFrame    *frame)
{
  g_autoptr(GError) error = NULL;

  if (self->screen_frame == frame)
    return;
  g_clear_object (&self->screen_texture);
  g_clear_pointer (&self->screen_frame, lc_frame_unref);
  if (frame == NULL)
    return;

  self->screen_frame = lc_frame_ref (frame);
  if (!self->gl_tried && gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      self->gl_tried = TRUE;
      self->gl_textures = lc_live_view_textures_new (GTK_WIDGET (self), &error);
      if (self->gl_textures == NULL)
        {
          g_debug ("Live view without GL textures: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (self->gl_textures != NULL)
    {
      self->screen_texture = lc_live_view_textures_upload (self->gl_textures, frame, &error);
      if (self->screen_texture != NULL)
        return;
      g_debug ("Frame not uploaded to GL: %s", error->message);
    }
  /* Shared with lc_live_view_get_texture (): one conversion serves both. */
  set_texture_frame (self, frame);
  self->screen_texture = g_object_ref (self->texture);
}

/* ---- Drawing ---------------------------------------------------------------------------- */

static void
append_text (LcLiveView      *self,
             GtkSnapshot     *snapshot,
             const char      *text,
             double           x,
             double           y,
             gboolean         centred,
             const GdkRGBA   *background)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA white = { 1, 1, 1, 1 };
  int text_width, text_height;
  int max_width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 24, 40);

  pango_layout_set_width (layout, max_width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  if (centred)
    {
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      x -= text_width / 2.0;
      y -= text_height / 2.0;
    }
  if (background != NULL)
    gtk_snapshot_append_color (snapshot, background,
                               &GRAPHENE_RECT_INIT (x - 4, y - 2, text_width + 8, text_height + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                double                 line,
                const GdkRGBA         *colour)
{
  GskRoundedRect outline;
  float widths[4] = { line, line, line, line };
  GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
}

/* The four bands of @outer around @inner (which lies inside it). */
static void
append_surround (GtkSnapshot           *snapshot,
                 const GdkRGBA         *colour,
                 const graphene_rect_t *outer,
                 const graphene_rect_t *inner)
{
  float left = outer->origin.x, top = outer->origin.y;
  float right = left + outer->size.width, bottom = top + outer->size.height;
  float in_left = CLAMP (inner->origin.x, left, right);
  float in_top = CLAMP (inner->origin.y, top, bottom);
  float in_right = CLAMP (inner->origin.x + inner->size.width, in_left, right);
  float in_bottom = CLAMP (inner->origin.y + inner->size.height, in_top, bottom);

  if (in_top > top)
    gtk_snapshot_append_color (snapshot, colour,
                               &GRAPHENE_RECT_INIT (left, top, right - left, in_top - top));
  if (bottom > in_bottom)
    gtk_snapshot_append_color (snapshot, colour,
                               &GRAPHENE_RECT_INIT (left, in_bottom, right - left,
                                                    bottom - in_bottom));
  if (in_left > left)
    gtk_snapshot_append_color (snapshot, colour,
                               &GRAPHENE_RECT_INIT (left, in_top, in_left - left,
                                                    in_bottom - in_top));
  if (right > in_right)
    gtk_snapshot_append_color (snapshot, colour,
                               &GRAPHENE_RECT_INIT (in_right, in_top, right - in_right,
                                                    in_bottom - in_top));
}

static void
append_roi (LcLiveView            *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *picture,
            double                 scale,
            double                 ox,
            double                 oy)
{
  GdkRGBA dim = { 0, 0, 0, 0.5 };
  GdkRGBA line = { 0.2, 0.75, 1.0, 1 };
  graphene_rect_t roi = GRAPHENE_RECT_INIT (ox + self->roi.x * scale, oy + self->roi.y * scale,
                                            self->roi.width * scale, self->roi.height * scale);
  graphene_rect_t inside;

  if (!graphene_rect_intersection (&roi, picture, &inside))
    inside = GRAPHENE_RECT_INIT (picture->origin.x, picture->origin.y, 0, 0);
  /* Dim what lies outside the region. */
  append_surround (snapshot, &dim, picture, &inside);
  append_outline (snapshot, &roi, 2, &line);
}

/* The heat map's opacity put into its pixels once, so each frame draws one plain texture
 * instead of an opacity node over it; and only the part that is not fully transparent
 * (a model sees something in a few places): without a GPU, each texel blended over the
 * picture is paid for on the CPU, every frame. @area: that part, in @texture's texels, one
 * transparent texel wider on each side so the edges blend as the whole map would. NULL
 * when nothing shows. */
static GdkTexture *
bake_opacity (GdkTexture   *texture,
              double        opacity,
              GdkRectangle *area)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint8 *texels = g_malloc (stride * height);
  guint8 *cut;
  g_autoptr(GBytes) bytes = NULL;
  guint scale = (guint) lround (opacity * 256);
  int x0 = width, y0 = height, x1 = -1, y1 = -1;

  /* Premultiplied B, G, R, A: scaling all four is applying the opacity. */
  gdk_texture_download (texture, texels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *texel = texels + y * stride + 4 * x;

        for (int c = 0; c < 4; c++)
          texel[c] = (guint8) ((texel[c] * scale) >> 8);
        if (texel[3] != 0)
          {
            x0 = MIN (x0, x);
            x1 = MAX (x1, x);
            y0 = MIN (y0, y);
            y1 = MAX (y1, y);
          }
      }
  if (x1 < 0)
    return NULL;
  x0 = MAX (x0 - 1, 0);
  y0 = MAX (y0 - 1, 0);
  x1 = MIN (x1 + 1, width - 1);
  y1 = MIN (y1 + 1, height - 1);
  *area = (GdkRectangle) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };

  cut = g_malloc ((gsize) area->width * area->height * 4);
  for (int y = 0; y < area->height; y++)
    memcpy (cut + (gsize) y * area->width * 4, texels + (gsize) (y0 + y) * stride + 4 * x0,
            (gsize) area->width * 4);
  bytes = g_bytes_new_take (cut, (gsize) area->width * area->height * 4);
  return gdk_memory_texture_new (area->width, area->height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                 bytes, (gsize) area->width * 4);
}

static void
invalidate_overlays (LcLiveView *self)
{
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
  self->overlay_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ROI, boxes and their labels change with a prediction, not with a frame: drawn once
 * (Pango layouts and all) and replayed while the zoom, the pan and the size stay. */
static void
append_overlays (LcLiveView            *self,
                 GtkSnapshot           *snapshot,
                 const graphene_rect_t *picture,
                 double                 scale,
                 double                 ox,
                 double                 oy)
{
  double key[5] = { scale, ox, oy, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)) };
  GtkSnapshot *overlay;

  if (self->overlay_valid && memcmp (key, self->overlay_key, sizeof key) == 0)
    {
      if (self->overlay_node != NULL)
        gtk_snapshot_append_node (snapshot, self->overlay_node);
      return;
    }

  overlay = gtk_snapshot_new ();
  if (self->has_roi)
    append_roi (self, overlay, picture, scale, ox, oy);
  /* Boxes in screen pixels, so their lines and labels keep their size at any zoom. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (ox + box->rect.origin.x * scale,
                                                 oy + box->rect.origin.y * scale,
                                                 MAX (box->rect.size.width * scale, 2),
                                                 MAX (box->rect.size.height * scale, 2));

      append_outline (overlay, &rect, 2, &box->colour);
      if (box->label != NULL && *box->label != '\0')
        {
          GdkRGBA tag = box->colour;

          tag.alpha = 0.85;
          append_text (self, overlay, box->label, rect.origin.x + 4,
                       MAX (rect.origin.y - 22, 2), FALSE, &tag);
        }
    }
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
  self->overlay_node = gtk_snapshot_free_to_node (overlay);
  memcpy (self->overlay_key, key, sizeof key);
  self->overlay_valid = TRUE;
  if (self->overlay_node != NULL)
    gtk_snapshot_append_node (snapshot, self->overlay_node);
}

static void
lc_live_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LcLiveView *self = LC_LIVE_VIEW (widget);
  LcFrame *frame = shown_frame (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA background = { 0.11, 0.11, 0.12, 1 };
  GdkRGBA banner = { 0, 0, 0, 0.65 };
  double scale, ox, oy;
  graphene_rect_t picture;

  if (frame == NULL || !get_transform (self, &scale, &ox, &oy))
    {
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      const char *text = _("No picture yet");

      if (self->camera != NULL && lc_camera_get_state (self->camera) != LC_CAMERA_STATE_STREAMING)
        text = lc_camera_get_status (self->camera);
      append_text (self, snapshot, text, width / 2.0, height / 2.0, TRUE, NULL);
      return;
    }

  set_screen_frame (self, frame);
  picture = GRAPHENE_RECT_INIT (ox, oy, lc_frame_get_width (frame) * scale,
                                lc_frame_get_height (frame) * scale);

  /* The background only around the picture: without a GPU every pixel filled twice is
   * paid for on the CPU. */
  append_surround (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height), &picture);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, self->screen_texture, &picture);
  if (self->heat_map != NULL && self->heat_map_opacity > 0)
    {
      double sx = picture.size.width / gdk_texture_get_width (self->heat_map);
      double sy = picture.size.height / gdk_texture_get_height (self->heat_map);
      GdkRectangle *area = &self->heat_map_area;

      if (!self->heat_map_baked)
        {
          self->heat_map_drawn = bake_opacity (self->heat_map, self->heat_map_opacity, area);
          self->heat_map_baked = TRUE;
        }
      if (self->heat_map_drawn != NULL)
        gtk_snapshot_append_texture (snapshot, self->heat_map_drawn,
                                     &GRAPHENE_RECT_INIT (picture.origin.x + area->x * sx,
                                                          picture.origin.y + area->y * sy,
                                                          area->width * sx, area->height * sy));
    }
  append_overlays (self, snapshot, &picture, scale, ox, oy);
  gtk_snapshot_pop (snapshot);

  if (self->frozen != NULL)
    append_text (self, snapshot, _("Captured picture (live view paused)"), 12, 10, FALSE, &banner);
  if (self->camera != NULL && lc_camera_get_state (self->camera) == LC_CAMERA_STATE_LOST)
    append_text (self, snapshot, lc_camera_get_status (self->camera), 12, height - 34, FALSE, &banner);

  if (self->frozen == NULL && self->painted != frame)
    {
      g_clear_pointer (&self->painted, lc_frame_unref);
      self->painted = lc_frame_ref (frame);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                LcLiveView    *self)
{
  g_autoptr(LcFrame) frame = g_steal_pointer (&self->painted);
  gint64 latency;

  if (frame == NULL)
    return;
  /* A frame drawn twice (a resize, an overlay change) reached the screen once. */
  if (frame == self->reported)
    return;
  g_clear_pointer (&self->reported, lc_frame_unref);
  self->reported = lc_frame_ref (frame);
  self->frames_shown++;
  latency = g_get_monotonic_time () - lc_frame_get_timestamp (frame);
  g_signal_emit (self, signals[FRAME_SHOWN], 0, frame, latency);
}

static void
lc_live_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 128;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 512;
}

static void
lc_live_view_realize (GtkWidget *widget)
{
  LcLiveView *self = LC_LIVE_VIEW (widget);

  GTK_WIDGET_CLASS (lc_live_view_parent_class)->realize (widget);
  self->after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
}

static void
lc_live_view_unrealize (GtkWidget *widget)
{
  LcLiveView *self = LC_LIVE_VIEW (widget);

  g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  g_clear_pointer (&self->painted, lc_frame_unref);
  /* The GL context belongs to this window's surface; a new one is made when realized
   * again. Textures still on screen keep the pool alive until GTK lets them go. */
  g_clear_object (&self->screen_texture);
  g_clear_pointer (&self->screen_frame, lc_frame_unref);
  g_clear_pointer (&self->gl_textures, lc_live_view_textures_unref);
  self->gl_tried = FALSE;
  GTK_WIDGET_CLASS (lc_live_view_parent_class)->unrealize (widget);
}

/* ---- Gestures --------------------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LcLiveView               *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LcLiveView               *self)
{
  double scale, ox, oy;

  if (!get_transform (self, &scale, &ox, &oy) || dy == 0)
    return FALSE;
  zoom_at (self, scale * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LcLiveView     *self)
{
  if (shown_frame (self) == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  resolve_fit (self);
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                LcLiveView     *self)
{
  if (shown_frame (self) == NULL || self->fit)
    return;
  self->center_x = self->drag_center_x - offset_x / self->zoom;
  self->center_y = self->drag_center_y - offset_y / self->zoom;
  clamp_center (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                LcLiveView       *self)
{
  double scale, ox, oy;

  self->pinch_zoom = get_transform (self, &scale, &ox, &oy) ? scale : 1;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        LcLiveView     *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LcLiveView      *self)
{
  /* Double click (or tap) toggles between the whole picture and its pixels 1:1 there. */
  if (n_press != 2 || shown_frame (self) == NULL)
    return;
  if (self->fit)
    zoom_at (self, 1.0, x, y);
  else
    lc_live_view_zoom_to_fit (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcLiveView *self = LC_LIVE_VIEW (widget);
  double cx = gtk_widget_get_width (widget) / 2.0;
  double cy = gtk_widget_get_height (widget) / 2.0;
  double scale, ox, oy;

  if (g_str_equal (action_name, "live-view.zoom-fit"))
    lc_live_view_zoom_to_fit (self);
  else if (g_str_equal (action_name, "live-view.zoom-original"))
    zoom_at (self, 1.0, cx, cy);
  else if (get_transform (self, &scale, &ox, &oy))
    zoom_at (self, g_str_equal (action_name, "live-view.zoom-in") ? scale * ZOOM_STEP
                                                                   : scale / ZOOM_STEP, cx, cy);
}

/* ---- Camera ----------------------------------------------------------------------------- */

/* Once per frame clock tick, right before layout and paint: the camera's newest frame, if
 * it is new. Frames are taken when the screen can show them instead of being handed over
 * as they arrive, so the main loop never wakes up for a frame it cannot show. */
static gboolean
camera_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  LcLiveView *self = LC_LIVE_VIEW (widget);
  g_autoptr(LcFrame) latest = lc_camera_dup_latest_frame (self->camera);

  /* The view holds a reference to its frame, so an equal address is the same frame. */
  if (latest != NULL && latest != self->frame)
    lc_live_view_push_frame (self, latest);
  return G_SOURCE_CONTINUE;
}

/* Ticks only while the camera runs: an idle view costs nothing. */
static void
update_tick (LcLiveView *self)
{
  gboolean want = self->camera != NULL && lc_camera_is_started (self->camera);

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), camera_tick_cb, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
camera_state_cb (LcCamera   *camera,
                 GParamSpec *pspec,
                 LcLiveView *self)
{
  update_tick (self);
}

static void
camera_status_cb (LcCamera   *camera,
                  GParamSpec *pspec,
                  LcLiveView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lc_live_view_dispose (GObject *object)
{
  LcLiveView *self = LC_LIVE_VIEW (object);

  lc_live_view_set_camera (self, NULL);
  g_clear_pointer (&self->frame, lc_frame_unref);
  g_clear_pointer (&self->frozen, lc_frame_unref);
  g_clear_pointer (&self->painted, lc_frame_unref);
  g_clear_pointer (&self->reported, lc_frame_unref);
  set_texture_frame (self, NULL);
  set_screen_frame (self, NULL);
  g_clear_pointer (&self->gl_textures, lc_live_view_textures_unref);
  g_clear_object (&self->heat_map);
  g_clear_object (&self->heat_map_drawn);
  self->heat_map_baked = FALSE;
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);

  G_OBJECT_CLASS (lc_live_view_parent_class)->dispose (object);
}

static void
lc_live_view_finalize (GObject *object)
{
  LcLiveView *self = LC_LIVE_VIEW (object);

  g_clear_pointer (&self->boxes, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_live_view_parent_class)->finalize (object);
}

static void
lc_live_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LcLiveView *self = LC_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      g_value_set_object (value, self->camera);
      break;
    case PROP_FROZEN:
      g_value_set_boolean (value, lc_live_view_get_frozen (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, lc_live_view_get_zoom (self));
      break;
    case PROP_ZOOM_TO_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_live_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LcLiveView *self = LC_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      lc_live_view_set_camera (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      lc_live_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_ZOOM_TO_FIT:
      if (g_value_get_boolean (value))
        lc_live_view_zoom_to_fit (self);
      else
        resolve_fit (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_live_view_class_init (LcLiveViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_live_view_dispose;
  object_class->finalize = lc_live_view_finalize;
  object_class->get_property = lc_live_view_get_property;
  object_class->set_property = lc_live_view_set_property;

  widget_class->snapshot = lc_live_view_snapshot;
  widget_class->measure = lc_live_view_measure;
  widget_class->realize = lc_live_view_realize;
  widget_class->unrealize = lc_live_view_unrealize;

  properties[PROP_CAMERA] =
    g_param_spec_object ("camera", NULL, NULL, LC_TYPE_CAMERA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROZEN] =
    g_param_spec_boolean ("frozen", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM_TO_FIT] =
    g_param_spec_boolean ("zoom-to-fit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcLiveView::frame-shown:
   * @frame: the live frame that reached the screen
   * @latency: microseconds from its arrival at this computer to the end of that paint
   */
  signals[FRAME_SHOWN] =
    g_signal_new ("frame-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, LC_TYPE_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "live-view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "live-view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "live-view.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "live-view.zoom-original", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "live-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "live-view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "live-view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "live-view.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "live-view.zoom-original", NULL);

  gtk_widget_class_set_css_name (widget_class, "liveview");
}

static void
lc_live_view_init (LcLiveView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->fit = TRUE;
  self->zoom = 1.0;
  self->heat_map_opacity = 0.6;
  self->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) box_free);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

/* ---- Public API ------------------------------------------------------------------------- */

GtkWidget *
lc_live_view_new (void)
{
  return g_object_new (LC_TYPE_LIVE_VIEW, NULL);
}

void
lc_live_view_set_camera (LcLiveView *self,
                         LcCamera   *camera)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  g_return_if_fail (camera == NULL || LC_IS_CAMERA (camera));

  if (self->camera == camera)
    return;
  if (self->camera != NULL)
    {
      g_clear_signal_handler (&self->state_id, self->camera);
      g_clear_signal_handler (&self->status_id, self->camera);
      g_clear_object (&self->camera);
    }
  g_clear_pointer (&self->frame, lc_frame_unref);
  if (camera != NULL)
    {
      g_autoptr(LcFrame) latest = lc_camera_dup_latest_frame (camera);

      self->camera = g_object_ref (camera);
      self->state_id = g_signal_connect (camera, "notify::state",
                                         G_CALLBACK (camera_state_cb), self);
      self->status_id = g_signal_connect (camera, "notify::status",
                                          G_CALLBACK (camera_status_cb), self);
      if (latest != NULL && lc_camera_is_started (camera))
        self->frame = g_steal_pointer (&latest);
    }
  update_tick (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMERA]);
}

LcCamera *
lc_live_view_get_camera (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), NULL);
  return self->camera;
}

void
lc_live_view_push_frame (LcLiveView *self,
                         LcFrame    *frame)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  g_return_if_fail (frame != NULL);

  self->frames_received++;
  /* Only a reference is kept: the texture is made when the screen asks for it, so frames
   * that come faster than the screen cost nothing. */
  g_clear_pointer (&self->frame, lc_frame_unref);
  self->frame = lc_frame_ref (frame);
  if (self->frozen == NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

LcFrame *
lc_live_view_get_frame (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), NULL);
  return shown_frame (self);
}

GdkTexture *
lc_live_view_get_texture (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), NULL);
  set_texture_frame (self, shown_frame (self));
  return self->texture;
}

void
lc_live_view_freeze (LcLiveView *self,
                     LcFrame    *frame)
{
  gboolean was_frozen;

  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  was_frozen = self->frozen != NULL;
  if (frame == NULL)
    frame = shown_frame (self);
  if (frame == NULL)
    return;
  lc_frame_ref (frame);
  g_clear_pointer (&self->frozen, lc_frame_unref);
  self->frozen = frame;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!was_frozen)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROZEN]);
}

void
lc_live_view_release (LcLiveView *self)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  if (self->frozen == NULL)
    return;
  g_clear_pointer (&self->frozen, lc_frame_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROZEN]);
}

gboolean
lc_live_view_get_frozen (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), FALSE);
  return self->frozen != NULL;
}

void
lc_live_view_zoom_to_fit (LcLiveView *self)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  if (self->fit)
    return;
  self->fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_TO_FIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
lc_live_view_get_zoom_to_fit (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), TRUE);
  return self->fit;
}

void
lc_live_view_set_zoom (LcLiveView *self,
                       double      zoom)
{
  LcFrame *frame;

  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  frame = shown_frame (self);
  resolve_fit (self);
  if (self->fit)
    {
      /* No picture yet: zoom on its centre once it comes. */
      self->fit = FALSE;
      self->center_x = self->center_y = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_TO_FIT]);
    }
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (frame != NULL && self->center_x == 0 && self->center_y == 0)
    {
      self->center_x = lc_frame_get_width (frame) / 2.0;
      self->center_y = lc_frame_get_height (frame) / 2.0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
lc_live_view_get_zoom (LcLiveView *self)
{
  double scale, ox, oy;

  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), 1.0);
  if (self->fit)
    return get_transform (self, &scale, &ox, &oy) ? scale : 1.0;
  return self->zoom;
}

void
lc_live_view_set_center (LcLiveView *self,
                         double      x,
                         double      y)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  resolve_fit (self);
  self->center_x = x;
  self->center_y = y;
  clamp_center (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_live_view_get_center (LcLiveView *self,
                         double     *x,
                         double     *y)
{
  LcFrame *frame;

  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  frame = shown_frame (self);
  if (self->fit && frame != NULL)
    {
      *x = lc_frame_get_width (frame) / 2.0;
      *y = lc_frame_get_height (frame) / 2.0;
    }
  else
    {
      *x = self->center_x;
      *y = self->center_y;
    }
}

gboolean
lc_live_view_widget_to_image (LcLiveView *self,
                              double      widget_x,
                              double      widget_y,
                              double     *image_x,
                              double     *image_y)
{
  double scale, ox, oy;

  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), FALSE);
  if (!get_transform (self, &scale, &ox, &oy))
    return FALSE;
  *image_x = (widget_x - ox) / scale;
  *image_y = (widget_y - oy) / scale;
  return TRUE;
}

void
lc_live_view_set_heat_map (LcLiveView  *self,
                           const float *scores,
                           int          width,
                           int          height,
                           float        low,
                           float        high)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *rgba;
  float span = high > low ? high - low : 1;

  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  g_return_if_fail (scores != NULL && width > 0 && height > 0);

  /* Low scores see-through, rising through yellow to opaque red: the picture stays
   * readable where the model sees nothing. */
  rgba = g_malloc ((gsize) width * height * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      float t = isfinite (scores[i]) ? CLAMP ((scores[i] - low) / span, 0.f, 1.f) : 0.f;

      rgba[4 * i] = 255;
      rgba[4 * i + 1] = (guint8) (255 * (1 - t));
      rgba[4 * i + 2] = 0;
      rgba[4 * i + 3] = (guint8) (255 * t);
    }
  bytes = g_bytes_new_take (rgba, (gsize) width * height * 4);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);
  lc_live_view_set_heat_map_texture (self, texture);
}

void
lc_live_view_set_heat_map_texture (LcLiveView *self,
                                   GdkTexture *texture)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (g_set_object (&self->heat_map, texture))
    {
      g_clear_object (&self->heat_map_drawn);
      self->heat_map_baked = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

GdkTexture *
lc_live_view_get_heat_map_texture (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), NULL);
  return self->heat_map;
}

void
lc_live_view_set_heat_map_opacity (LcLiveView *self,
                                   double      opacity)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  self->heat_map_opacity = CLAMP (opacity, 0, 1);
  g_clear_object (&self->heat_map_drawn);
  self->heat_map_baked = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lc_live_view_add_box (LcLiveView    *self,
                      double         x,
                      double         y,
                      double         width,
                      double         height,
                      const char    *label,
                      const GdkRGBA *colour)
{
  Box *box;

  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  g_return_if_fail (colour != NULL);

  box = g_new0 (Box, 1);
  graphene_rect_init (&box->rect, x, y, width, height);
  box->label = g_strdup (label);
  box->colour = *colour;
  g_ptr_array_add (self->boxes, box);
  invalidate_overlays (self);
}

void
lc_live_view_clear_boxes (LcLiveView *self)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));
  if (self->boxes->len == 0)
    return;
  g_ptr_array_set_size (self->boxes, 0);
  invalidate_overlays (self);
}

guint
lc_live_view_get_n_boxes (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), 0);
  return self->boxes->len;
}

void
lc_live_view_set_roi (LcLiveView *self,
                      int         x,
                      int         y,
                      int         width,
                      int         height)
{
  g_return_if_fail (LC_IS_LIVE_VIEW (self));

  self->has_roi = width > 0 && height > 0;
  self->roi = (GdkRectangle) { x, y, MAX (width, 0), MAX (height, 0) };
  invalidate_overlays (self);
}

gboolean
lc_live_view_get_roi (LcLiveView   *self,
                      GdkRectangle *roi)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), FALSE);
  if (roi != NULL)
    *roi = self->roi;
  return self->has_roi;
}

guint64
lc_live_view_get_frames_received (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), 0);
  return self->frames_received;
}

guint64
lc_live_view_get_frames_shown (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), 0);
  return self->frames_shown;
}

guint
_lc_live_view_get_n_gl_textures (LcLiveView *self)
{
  g_return_val_if_fail (LC_IS_LIVE_VIEW (self), 0);
  return self->gl_textures != NULL ? lc_live_view_textures_get_n_created (self->gl_textures) : 0;
}

#pragma once

#include <gtk/gtk.h>

#include "lc-camera.h"
#include "lc-frame.h"

G_BEGIN_DECLS

#define LC_TYPE_LIVE_VIEW (lc_live_view_get_type ())
G_DECLARE_FINAL_TYPE (LcLiveView, lc_live_view, LC, LIVE_VIEW, GtkWidget)

/* The camera picture as the operator sees it: the newest frame of a camera (or frames
 * pushed by hand), zoomed and panned, with the model's overlays drawn over it in picture
 * coordinates. Frames that arrive faster than the screen redraws replace each other; only
 * the one on screen becomes a texture. A captured frame can be frozen on screen until it
 * is released. ::frame-shown (frame, latency in µs) follows each live frame that reached
 * the screen. Actions: live-view.zoom-in, live-view.zoom-out, live-view.zoom-fit,
 * live-view.zoom-original. */

GtkWidget  *lc_live_view_new                 (void);

/* Shows @camera's frames and, when it is lost, its status in words. The view neither
 * starts nor stops the camera. */
void        lc_live_view_set_camera          (LcLiveView    *self,
                                              LcCamera      *camera);
LcCamera   *lc_live_view_get_camera          (LcLiveView    *self);

/* A frame from elsewhere (a stored image, a test): shown like a camera frame. */
void        lc_live_view_push_frame          (LcLiveView    *self,
                                              LcFrame       *frame);
/* The frame on screen (the frozen one while frozen), or NULL. */
LcFrame    *lc_live_view_get_frame           (LcLiveView    *self);
/* The texture of that frame, made on demand. */
GdkTexture *lc_live_view_get_texture         (LcLiveView    *self);

/* Shows @frame (NULL: the frame on screen now) until lc_live_view_release (); frames
 * that arrive meanwhile are not shown. */
void        lc_live_view_freeze              (LcLiveView    *self,
                                              LcFrame       *frame);
void        lc_live_view_release             (LcLiveView    *self);
gboolean    lc_live_view_get_frozen          (LcLiveView    *self);

/* Zoom is screen pixels per picture pixel; "fit" follows the widget's size. The centre
 * is the picture point in the middle of the view. */
void        lc_live_view_zoom_to_fit         (LcLiveView    *self);
gboolean    lc_live_view_get_zoom_to_fit     (LcLiveView    *self);
void        lc_live_view_set_zoom            (LcLiveView    *self,
                                              double         zoom);
double      lc_live_view_get_zoom            (LcLiveView    *self);
void        lc_live_view_set_center          (LcLiveView    *self,
                                              double         x,
                                              double         y);
void        lc_live_view_get_center          (LcLiveView    *self,
                                              double        *x,
                                              double        *y);
/* Widget coordinates to picture coordinates; FALSE when no frame is shown. */
gboolean    lc_live_view_widget_to_image     (LcLiveView    *self,
                                              double         widget_x,
                                              double         widget_y,
                                              double        *image_x,
                                              double        *image_y);

/* A heat map stretched over the whole picture: @scores (@width × @height, row by row)
 * from @low (transparent) to @high (opaque red); copied. */
void        lc_live_view_set_heat_map        (LcLiveView    *self,
                                              const float   *scores,
                                              int            width,
                                              int            height,
                                              float          low,
                                              float          high);
/* Or a ready RGBA texture, stretched the same way. NULL clears the heat map. */
void        lc_live_view_set_heat_map_texture (LcLiveView   *self,
                                               GdkTexture   *texture);
GdkTexture *lc_live_view_get_heat_map_texture (LcLiveView   *self);
void        lc_live_view_set_heat_map_opacity (LcLiveView   *self,
                                               double        opacity);

/* Boxes in picture coordinates with a label (may be NULL) in their colour. */
void        lc_live_view_add_box             (LcLiveView    *self,
                                              double         x,
                                              double         y,
                                              double         width,
                                              double         height,
                                              const char    *label,
                                              const GdkRGBA *colour);
void        lc_live_view_clear_boxes         (LcLiveView    *self);
guint       lc_live_view_get_n_boxes         (LcLiveView    *self);

/* The region of interest: the rest of the picture is dimmed. @width or @height ≤ 0
 * clears it. */
void        lc_live_view_set_roi             (LcLiveView    *self,
                                              int            x,
                                              int            y,
                                              int            width,
                                              int            height);
gboolean    lc_live_view_get_roi             (LcLiveView    *self,
                                              GdkRectangle  *roi);

/* Frames received and frames that reached the screen since the view was made; the
 * difference were replaced by newer ones before the screen was ready. */
guint64     lc_live_view_get_frames_received (LcLiveView    *self);
guint64     lc_live_view_get_frames_shown    (LcLiveView    *self);

G_END_DECLS

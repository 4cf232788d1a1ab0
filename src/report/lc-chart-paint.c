#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lc-chart-paint.h"

/* Colours from the GNOME palette (the named colours libadwaita's style uses), so the charts
 * sit in the app as its own widgets do; the dark set keeps the same meanings at lower
 * brightness against a dark background. */
void
lc_chart_palette_init (LcChartPalette *palette,
                       gboolean        dark)
{
  static const LcChartPalette light = {
    .foreground = { 0.0, 0.0, 0.0, 0.80 },
    .background = { 1.0, 1.0, 1.0, 1.0 },
    .grid = { 0.0, 0.0, 0.0, 0.10 },
    .center = { 0.15, 0.64, 0.41, 1.0 },        /* green 4 */
    .limit = { 0.75, 0.11, 0.16, 1.0 },         /* red 4 */
    .zone = { 0.0, 0.0, 0.0, 0.22 },
    .spec = { 0.38, 0.21, 0.51, 1.0 },          /* purple 4 */
    .accent = { 0.11, 0.44, 0.85, 1.0 },        /* blue 3 */
    .violation = { 0.90, 0.38, 0.0, 1.0 },      /* orange 4 */
    .out_of_spec = { 0.88, 0.11, 0.14, 1.0 },   /* red 3 */
    .font_size = 9.0,
  };
  static const LcChartPalette dark_palette = {
    .foreground = { 1.0, 1.0, 1.0, 0.90 },
    .background = { 0.14, 0.14, 0.14, 1.0 },
    .grid = { 1.0, 1.0, 1.0, 0.10 },
    .center = { 0.34, 0.89, 0.54, 1.0 },        /* green 2 */
    .limit = { 0.96, 0.38, 0.32, 1.0 },         /* red 1 */
    .zone = { 1.0, 1.0, 1.0, 0.25 },
    .spec = { 0.86, 0.54, 0.87, 1.0 },          /* purple 1 */
    .accent = { 0.47, 0.68, 0.93, 1.0 },        /* blue 2 */
    .violation = { 1.0, 0.64, 0.28, 1.0 },      /* orange 2 */
    .out_of_spec = { 1.0, 0.48, 0.39, 1.0 },
    .font_size = 9.0,
  };

  *palette = dark ? dark_palette : light;
}

static void
set_color (cairo_t            *cr,
           const LcChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

double
lc_chart_paint_text (cairo_t              *cr,
           const LcChartPalette *palette,
           const LcChartColor   *color,
           double                x,
           double                y,
           double                xalign,
           double                yalign,
           double                scale,
           gboolean              bold,
           double                max_width,
           const char           *text)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, palette->font_size * scale * PANGO_SCALE * 96.0 / 72.0);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  set_color (cr, color);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return w;
}

static double
text_height (cairo_t              *cr,
             const LcChartPalette *palette,
             double                scale)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int h;

  pango_font_description_set_absolute_size (font, palette->font_size * scale * PANGO_SCALE * 96.0 / 72.0);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

/* A tick step of 1, 2 or 5 times a power of ten giving about @n ticks over [low, high]. */
static double
nice_step (double low,
           double high,
           int    n)
{
  double raw = (high - low) / MAX (n, 1);
  double magnitude, fraction;

  if (!(raw > 0) || !isfinite (raw))
    return 1.0;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction < 1.5)
    return magnitude;
  if (fraction < 3.5)
    return 2 * magnitude;
  if (fraction < 7.5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
format_value (char   *buffer,
              gsize   size,
              double  value,
              int     decimals)
{
  g_snprintf (buffer, size, "%.*f", MAX (decimals, 0), value);
}

static void
include (double *low,
         double *high,
         double  value)
{
  if (isnan (value) || isinf (value))
    return;
  *low = MIN (*low, value);
  *high = MAX (*high, value);
}

double
lc_chart_frame_x (const LcChartFrame *frame,
                  guint               index)
{
  double step = frame->width / MAX (frame->n_points, 1);
  return frame->x + step * (index + 0.5);
}

double
lc_chart_frame_y (const LcChartFrame *frame,
                  double              value)
{
  return frame->y + frame->height * (frame->high - value) / (frame->high - frame->low);
}

int
lc_chart_frame_index_at (const LcChartFrame *frame,
                         double              x)
{
  double step;
  int index;

  if (frame->n_points == 0 || x < frame->x || x > frame->x + frame->width)
    return -1;
  step = frame->width / frame->n_points;
  index = (int) floor ((x - frame->x) / step);
  return CLAMP (index, 0, (int) frame->n_points - 1);
}

static void
horizontal_grid (cairo_t              *cr,
                 const LcChartPalette *palette,
                 const LcChartFrame   *frame,
                 int                   decimals,
                 gboolean              labels)
{
  double step = nice_step (frame->low, frame->high, frame->height > 160 ? 6 : 3);
  int tick_decimals = MAX (decimals, (int) ceil (-log10 (step)));

  for (double v = ceil (frame->low / step) * step; v <= frame->high + step * 1e-9; v += step)
    {
      double y = round (lc_chart_frame_y (frame, v)) + 0.5;
      char text[64];

      set_color (cr, &palette->grid);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, frame->x, y);
      cairo_line_to (cr, frame->x + frame->width, y);
      cairo_stroke (cr);
      if (labels)
        {
          format_value (text, sizeof text, fabs (v) < step * 1e-9 ? 0.0 : v, tick_decimals);
          lc_chart_paint_text (cr, palette, &palette->foreground, frame->x - 4, y, 1.0, 0.5, 0.95, FALSE, 0, text);
        }
    }
}

/* A limit that may change from point to point, drawn as steps so each point's own limit
 * is level across its slot. */
typedef double (*LimitFunc) (const LcControlChartSpec *spec,
                             guint                     index,
                             double                    k);

static double
control_limit (const LcControlChartSpec *spec,
               guint                     index,
               double                    k)
{
  const LcChartPoint *p = &spec->points[index];
  double limit = k > 0 ? p->ucl : p->lcl;

  if (isnan (limit))
    return NAN;
  /* Zones at one and two thirds of the way to the limit: one and two sigma of the
   * plotted statistic (Western Electric Handbook, zones C, B, A). */
  return spec->center + (limit - spec->center) * fabs (k) / 3.0;
}

static void
step_line (cairo_t                  *cr,
           const LcChartFrame       *frame,
           const LcControlChartSpec *spec,
           LimitFunc                 func,
           double                    k)
{
  double step = frame->width / MAX (spec->n_points, 1);
  gboolean drawing = FALSE;

  for (guint i = 0; i < spec->n_points; i++)
    {
      double v = func (spec, i, k);
      double x0 = frame->x + step * i;

      if (isnan (v))
        {
          drawing = FALSE;
          continue;
        }
      if (!drawing)
        cairo_move_to (cr, x0, lc_chart_frame_y (frame, v));
      else
        cairo_line_to (cr, x0, lc_chart_frame_y (frame, v));
      cairo_line_to (cr, x0 + step, lc_chart_frame_y (frame, v));
      drawing = TRUE;
    }
  cairo_stroke (cr);
}

static void
level_line (cairo_t              *cr,
            const LcChartFrame   *frame,
            double                value)
{
  double y = lc_chart_frame_y (frame, value);

  cairo_move_to (cr, frame->x, y);
  cairo_line_to (cr, frame->x + frame->width, y);
  cairo_stroke (cr);
}

static void
right_label (cairo_t              *cr,
             const LcChartPalette *palette,
             const LcChartColor   *color,
             const LcChartFrame   *frame,
             double                value,
             const char           *name,
             int                   decimals,
             gboolean              compact)
{
  char number[64];
  g_autofree char *text = NULL;

  if (isnan (value))
    return;
  format_value (number, sizeof number, value, decimals);
  text = compact ? g_strdup (name) : g_strdup_printf ("%s %s", name, number);
  lc_chart_paint_text (cr, palette, color, frame->x + frame->width + 4, lc_chart_frame_y (frame, value),
             0.0, 0.5, 0.9, FALSE, 0, text);
}

void
lc_chart_paint_control (cairo_t                  *cr,
                        double                    width,
                        double                    height,
                        const LcChartPalette     *palette,
                        const LcControlChartSpec *spec,
                        int                       highlight,
                        LcChartFrame             *frame_out)
{
  LcChartFrame frame = { 0 };
  double low = INFINITY, high = -INFINITY;
  double line_height = text_height (cr, palette, 1.0);
  double top = spec->compact ? line_height * 0.5 : line_height * (spec->note != NULL ? 2.6 : 1.6);
  double bottom = line_height * 1.4;
  double left = spec->compact ? 8 : line_height * 4.2;
  double right = spec->compact ? line_height * 2.4 : line_height * 6.5;
  double radius = spec->compact ? 2.0 : 3.0;
  const LcChartPoint *last = spec->n_points > 0 ? &spec->points[spec->n_points - 1] : NULL;
  int decimals = (int) spec->decimals + 1;

  for (guint i = 0; i < spec->n_points; i++)
    {
      include (&low, &high, spec->points[i].value);
      include (&low, &high, spec->points[i].lcl);
      include (&low, &high, spec->points[i].ucl);
    }
  include (&low, &high, spec->center);
  include (&low, &high, spec->lsl);
  include (&low, &high, spec->usl);
  if (!(high > low))
    {
      double mid = isfinite (low) ? low : 0.0;
      low = mid - 1.0;
      high = mid + 1.0;
    }
  frame.low = low - (high - low) * 0.06;
  frame.high = high + (high - low) * 0.06;
  frame.x = left;
  frame.y = top;
  frame.width = MAX (width - left - right, 10);
  frame.height = MAX (height - top - bottom, 10);
  frame.n_points = spec->n_points;

  cairo_save (cr);
  if (!spec->compact)
    {
      lc_chart_paint_text (cr, palette, &palette->foreground, 0, 0, 0, 0, 1.15, TRUE, width, spec->title != NULL ? spec->title : "");
      if (spec->note != NULL)
        lc_chart_paint_text (cr, palette, &palette->foreground, 0, line_height * 1.35, 0, 0, 0.9, FALSE, width, spec->note);
    }
  horizontal_grid (cr, palette, &frame, decimals - 1, !spec->compact);

  /* Specification limits (individuals only: a mean is never compared with them). */
  cairo_set_line_width (cr, 1.2);
  cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
  set_color (cr, &palette->spec);
  if (!isnan (spec->lsl))
    level_line (cr, &frame, spec->lsl);
  if (!isnan (spec->usl))
    level_line (cr, &frame, spec->usl);

  if (spec->zones && spec->n_points > 0)
    {
      cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
      cairo_set_line_width (cr, 1.0);
      set_color (cr, &palette->zone);
      for (int k = -2; k <= 2; k++)
        if (k != 0)
          step_line (cr, &frame, spec, control_limit, k);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.5);
  set_color (cr, &palette->center);
  if (!isnan (spec->center))
    level_line (cr, &frame, spec->center);
  set_color (cr, &palette->limit);
  step_line (cr, &frame, spec, control_limit, 3);
  step_line (cr, &frame, spec, control_limit, -3);

  /* The data line, then the points over it. */
  set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, spec->compact ? 1.0 : 1.2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < spec->n_points; i++)
    {
      double x = lc_chart_frame_x (&frame, i), y = lc_chart_frame_y (&frame, spec->points[i].value);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < spec->n_points; i++)
    {
      const LcChartPoint *p = &spec->points[i];
      double x = lc_chart_frame_x (&frame, i), y = lc_chart_frame_y (&frame, p->value);
      gboolean flagged = p->violations != 0 || p->out_of_spec;

      set_color (cr, p->out_of_spec ? &palette->out_of_spec
                     : p->violations != 0 ? &palette->violation : &palette->accent);
      cairo_arc (cr, x, y, flagged ? radius * 1.45 : radius, 0, 2 * G_PI);
      cairo_fill (cr);
      if ((int) i == highlight)
        {
          set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, 1.5);
          cairo_arc (cr, x, y, radius * 2.6, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }

  if (last != NULL)
    {
      right_label (cr, palette, &palette->limit, &frame, last->ucl, C_("control limit", "UCL"), decimals, spec->compact);
      right_label (cr, palette, &palette->center, &frame, spec->center, C_("centre line", "CL"), decimals, spec->compact);
      right_label (cr, palette, &palette->limit, &frame, last->lcl, C_("control limit", "LCL"), decimals, spec->compact);
    }
  if (!spec->compact)
    {
      right_label (cr, palette, &palette->spec, &frame, spec->usl, C_("specification limit", "USL"), decimals, FALSE);
      right_label (cr, palette, &palette->spec, &frame, spec->lsl, C_("specification limit", "LSL"), decimals, FALSE);

      /* Subgroup numbers along the bottom, about one label per 60 pixels. */
      if (spec->n_points > 0)
        {
          guint every = MAX (1, (guint) ceil (spec->n_points / MAX (frame.width / 60.0, 1.0)));
          double step = nice_step (0, every * 5, 5);

          every = MAX (1, (guint) step);
          for (guint i = every - 1; i < spec->n_points; i += every)
            {
              char text[32];
              g_snprintf (text, sizeof text, "%u", i + 1);
              lc_chart_paint_text (cr, palette, &palette->foreground, lc_chart_frame_x (&frame, i),
                         frame.y + frame.height + 3, 0.5, 0, 0.9, FALSE, 0, text);
            }
        }
    }
  /* The frame of the plot. */
  set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, round (frame.x) + 0.5, round (frame.y) + 0.5, round (frame.width), round (frame.height));
  cairo_stroke (cr);
  cairo_restore (cr);

  if (frame_out != NULL)
    *frame_out = frame;
}

static void
vertical_marker (cairo_t              *cr,
                 const LcChartPalette *palette,
                 const LcChartColor   *color,
                 double                x,
                 double                top,
                 double                bottom,
                 const char           *label)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
  cairo_restore (cr);
  lc_chart_paint_text (cr, palette, color, x, top - 2, 0.5, 1.0, 0.9, FALSE, 0, label);
}

void
lc_chart_paint_histogram (cairo_t               *cr,
                          double                 width,
                          double                 height,
                          const LcChartPalette  *palette,
                          const LcHistogramSpec *spec)
{
  double line_height = text_height (cr, palette, 1.0);
  double top = line_height * 2.8, bottom = line_height * 1.6, left = line_height * 3.0, right = line_height;
  double low = INFINITY, high = -INFINITY, max_count = 1;
  double x0 = left, plot_w = MAX (width - left - right, 10);
  double y0 = top, plot_h = MAX (height - top - bottom, 10);
  double step;
  int decimals = (int) spec->decimals + 1;

  lc_chart_paint_text (cr, palette, &palette->foreground, 0, 0, 0, 0, 1.15, TRUE, width, spec->title != NULL ? spec->title : "");
  if (spec->n_bins == 0)
    return;
  include (&low, &high, spec->edges[0]);
  include (&low, &high, spec->edges[spec->n_bins]);
  include (&low, &high, spec->lsl);
  include (&low, &high, spec->usl);
  if (!isnan (spec->mean) && spec->sigma > 0)
    {
      include (&low, &high, spec->mean - 3.5 * spec->sigma);
      include (&low, &high, spec->mean + 3.5 * spec->sigma);
    }
  low -= (high - low) * 0.04;
  high += (high - low) * 0.04;
  for (guint i = 0; i < spec->n_bins; i++)
    max_count = MAX (max_count, spec->counts[i]);
  /* The fitted curve's peak must fit too: n·w·φ(0)/σ. */
  if (!isnan (spec->mean) && spec->sigma > 0)
    max_count = MAX (max_count, spec->n_values * (spec->edges[1] - spec->edges[0]) / (spec->sigma * sqrt (2 * G_PI)));
  max_count *= 1.08;

#define HX(v) (x0 + plot_w * ((v) - low) / (high - low))
#define HY(c) (y0 + plot_h * (1.0 - (c) / max_count))

  /* Count grid. */
  step = nice_step (0, max_count, plot_h > 160 ? 5 : 3);
  for (double c = 0; c <= max_count; c += step)
    {
      char text[32];
      double y = round (HY (c)) + 0.5;

      set_color (cr, &palette->grid);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + plot_w, y);
      cairo_stroke (cr);
      g_snprintf (text, sizeof text, "%.0f", c);
      lc_chart_paint_text (cr, palette, &palette->foreground, x0 - 4, y, 1.0, 0.5, 0.9, FALSE, 0, text);
    }

  for (guint i = 0; i < spec->n_bins; i++)
    {
      double a = HX (spec->edges[i]), b = HX (spec->edges[i + 1]);
      LcChartColor fill = palette->accent;

      fill.alpha = 0.55;
      set_color (cr, &fill);
      cairo_rectangle (cr, a + 0.5, HY (spec->counts[i]), MAX (b - a - 1.0, 0.5), HY (0) - HY (spec->counts[i]));
      cairo_fill (cr);
    }

  if (!isnan (spec->mean) && spec->sigma > 0)
    {
      double bin = spec->edges[1] - spec->edges[0];

      set_color (cr, &palette->foreground);
      cairo_set_line_width (cr, 1.8);
      for (int k = 0; k <= 200; k++)
        {
          double v = low + (high - low) * k / 200.0;
          double z = (v - spec->mean) / spec->sigma;
          /* Expected count in a bin of width w around v: n·w·φ(z)/σ. */
          double c = spec->n_values * bin * exp (-0.5 * z * z) / (spec->sigma * sqrt (2 * G_PI));
          if (k == 0)
            cairo_move_to (cr, HX (v), HY (c));
          else
            cairo_line_to (cr, HX (v), HY (c));
        }
      cairo_stroke (cr);
    }

  if (!isnan (spec->lsl))
    vertical_marker (cr, palette, &palette->spec, HX (spec->lsl), y0, y0 + plot_h, C_("specification limit", "LSL"));
  if (!isnan (spec->usl))
    vertical_marker (cr, palette, &palette->spec, HX (spec->usl), y0, y0 + plot_h, C_("specification limit", "USL"));
  if (!isnan (spec->target))
    vertical_marker (cr, palette, &palette->center, HX (spec->target), y0, y0 + plot_h, _("Target"));

  /* Value axis. */
  step = nice_step (low, high, plot_w > 300 ? 6 : 3);
  for (double v = ceil (low / step) * step; v <= high; v += step)
    {
      char text[64];
      format_value (text, sizeof text, v, MAX (decimals - 1, (int) ceil (-log10 (step))));
      lc_chart_paint_text (cr, palette, &palette->foreground, HX (v), y0 + plot_h + 3, 0.5, 0, 0.9, FALSE, 0, text);
    }
  set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, round (x0) + 0.5, round (y0) + 0.5, round (plot_w), round (plot_h));
  cairo_stroke (cr);
#undef HX
#undef HY
}

void
lc_chart_paint_pareto (cairo_t              *cr,
                       double                width,
                       double                height,
                       const LcChartPalette *palette,
                       const LcParetoSpec   *spec)
{
  double line_height = text_height (cr, palette, 1.0);
  double top = line_height * 2.2, bottom = line_height * 2.2;
  double left = line_height * 3.0, right = line_height * 3.0;
  double plot_w = MAX (width - left - right, 10), plot_h = MAX (height - top - bottom, 10);
  double max_count = 1, slot, step;

  lc_chart_paint_text (cr, palette, &palette->foreground, 0, 0, 0, 0, 1.15, TRUE, width, spec->title != NULL ? spec->title : "");
  if (spec->n_classes == 0)
    {
      lc_chart_paint_text (cr, palette, &palette->foreground, width / 2, height / 2, 0.5, 0.5, 1.0, FALSE, width,
                 _("No defects recorded"));
      return;
    }
  /* The bars share one count axis with the total, so the cumulative line ends at the top. */
  for (guint i = 0; i < spec->n_classes; i++)
    max_count += spec->counts[i];
  max_count -= 1;
  slot = plot_w / spec->n_classes;

#define PY(c) (top + plot_h * (1.0 - (c) / max_count))

  step = nice_step (0, max_count, 4);
  for (double c = 0; c <= max_count + step * 1e-9; c += step)
    {
      char text[32];
      double y = round (PY (c)) + 0.5;

      set_color (cr, &palette->grid);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      g_snprintf (text, sizeof text, "%.0f", c);
      lc_chart_paint_text (cr, palette, &palette->foreground, left - 4, y, 1.0, 0.5, 0.9, FALSE, 0, text);
    }
  for (int p = 0; p <= 100; p += 25)
    {
      char text[16];
      g_snprintf (text, sizeof text, "%d%%", p);
      lc_chart_paint_text (cr, palette, &palette->foreground, left + plot_w + 4, top + plot_h * (1.0 - p / 100.0),
                 0, 0.5, 0.9, FALSE, 0, text);
    }

  for (guint i = 0; i < spec->n_classes; i++)
    {
      double x = left + slot * i;
      char count[32];

      set_color (cr, spec->colors != NULL ? &spec->colors[i] : &palette->accent);
      cairo_rectangle (cr, x + slot * 0.15, PY (spec->counts[i]), slot * 0.7, PY (0) - PY (spec->counts[i]));
      cairo_fill (cr);
      g_snprintf (count, sizeof count, "%u", spec->counts[i]);
      lc_chart_paint_text (cr, palette, &palette->foreground, x + slot / 2, PY (spec->counts[i]) - 2, 0.5, 1.0, 0.9, FALSE, 0, count);
      lc_chart_paint_text (cr, palette, &palette->foreground, x + slot / 2, top + plot_h + 3, 0.5, 0, 0.9, FALSE,
                 slot - 2, spec->names[i]);
    }

  /* Cumulative percent on the right axis. */
  set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < spec->n_classes; i++)
    {
      double x = left + slot * (i + 0.5);
      double y = top + plot_h * (1.0 - spec->cumulative_percent[i] / 100.0);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < spec->n_classes; i++)
    {
      cairo_arc (cr, left + slot * (i + 0.5), top + plot_h * (1.0 - spec->cumulative_percent[i] / 100.0), 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, round (left) + 0.5, round (top) + 0.5, round (plot_w), round (plot_h));
  cairo_stroke (cr);
#undef PY
}

/* Density to colour: transparent where nothing was found, then yellow through orange to
 * red where most regions overlap (a sequential ramp that reads on grey parts). */
static guint32
heat_color (float t)
{
  double r, g, b, a;

  if (t <= 0.0f)
    return 0;
  t = MIN (t, 1.0f);
  r = 1.0;
  g = t < 0.5 ? 0.9 - 0.5 * t : 0.65 - 1.1 * (t - 0.5);
  b = 0.1;
  a = 0.35 + 0.55 * t;
  /* Premultiplied ARGB32. */
  return ((guint32) (a * 255) << 24) | ((guint32) (r * a * 255) << 16) |
         ((guint32) (MAX (g, 0) * a * 255) << 8) | (guint32) (b * a * 255);
}

void
lc_chart_paint_defect_map (cairo_t               *cr,
                           double                 width,
                           double                 height,
                           const LcChartPalette  *palette,
                           const LcDefectMapSpec *spec)
{
  double line_height = text_height (cr, palette, 1.0);
  double top = line_height * 2.2;
  double area_w = width, area_h = MAX (height - top, 10);
  double scale, x0, y0;
  float max = 0;
  g_autofree char *count = NULL;

  lc_chart_paint_text (cr, palette, &palette->foreground, 0, 0, 0, 0, 1.15, TRUE, width * 0.7, spec->title != NULL ? spec->title : "");
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u defect region", "%u defect regions", spec->n_regions),
                           spec->n_regions);
  lc_chart_paint_text (cr, palette, &palette->foreground, width, 0, 1.0, 0, 0.9, FALSE, 0, count);
  if (spec->image_width <= 0 || spec->image_height <= 0)
    return;

  scale = MIN (area_w / spec->image_width, area_h / spec->image_height);
  x0 = (area_w - spec->image_width * scale) / 2;
  y0 = top + (area_h - spec->image_height * scale) / 2;

  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, spec->image_width, spec->image_height);
  cairo_clip (cr);
  if (spec->reference != NULL)
    {
      double sx = (double) spec->image_width / cairo_image_surface_get_width (spec->reference);
      double sy = (double) spec->image_height / cairo_image_surface_get_height (spec->reference);

      cairo_save (cr);
      cairo_scale (cr, sx, sy);
      cairo_set_source_surface (cr, spec->reference, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    {
      LcChartColor plate = palette->grid;
      set_color (cr, &plate);
      cairo_paint (cr);
    }

  for (int i = 0; i < spec->grid_width * spec->grid_height; i++)
    max = MAX (max, spec->density[i]);
  if (max > 0)
    {
      cairo_surface_t *heat = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, spec->grid_width, spec->grid_height);
      guint8 *pixels = cairo_image_surface_get_data (heat);
      int stride = cairo_image_surface_get_stride (heat);
      cairo_pattern_t *pattern;
      cairo_matrix_t matrix;

      cairo_surface_flush (heat);
      for (int y = 0; y < spec->grid_height; y++)
        for (int x = 0; x < spec->grid_width; x++)
          ((guint32 *) (pixels + y * stride))[x] = heat_color (spec->density[y * spec->grid_width + x] / max);
      cairo_surface_mark_dirty (heat);
      pattern = cairo_pattern_create_for_surface (heat);
      cairo_matrix_init_scale (&matrix, (double) spec->grid_width / spec->image_width,
                               (double) spec->grid_height / spec->image_height);
      cairo_pattern_set_matrix (pattern, &matrix);
      cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
      cairo_set_source (cr, pattern);
      cairo_paint (cr);
      cairo_pattern_destroy (pattern);
      cairo_surface_destroy (heat);
    }
  cairo_restore (cr);
}

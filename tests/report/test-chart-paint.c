#include "lc-config.h"

#include <math.h>

#include "lc-chart-paint.h"

/* The charts are drawn where the data say: a point breaking a rule is painted in the
 * violation colour at its value, an ordinary one in the accent colour, and hover finds the
 * point under the pointer. */

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          double          *r,
          double          *g,
          double          *b)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = ((guint32 *) (data + (int) round (y) * stride))[(int) round (x)];
  *r = ((pixel >> 16) & 0xff) / 255.0;
  *g = ((pixel >> 8) & 0xff) / 255.0;
  *b = (pixel & 0xff) / 255.0;
}

static void
assert_color (cairo_surface_t    *surface,
              double              x,
              double              y,
              const LcChartColor *color)
{
  double r, g, b;

  pixel_at (surface, x, y, &r, &g, &b);
  g_assert_cmpfloat (fabs (r - color->red), <, 0.02);
  g_assert_cmpfloat (fabs (g - color->green), <, 0.02);
  g_assert_cmpfloat (fabs (b - color->blue), <, 0.02);
}

static void
test_control_chart_points (void)
{
  LcChartPoint points[10];
  LcControlChartSpec spec = { 0 };
  LcChartPalette palette;
  LcChartFrame frame;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (LcChartPoint) { 10.0 + (i % 2 ? 0.5 : -0.5), 7.0, 13.0, 0, FALSE };
  points[6].value = 14.0;                      /* beyond the UCL: rule 1 */
  points[6].violations = 1u << 0;
  spec.title = "Outer diameter";
  spec.unit = "mm";
  spec.decimals = 2;
  spec.center = 10.0;
  spec.points = points;
  spec.n_points = G_N_ELEMENTS (points);
  spec.lsl = NAN;
  spec.usl = NAN;
  spec.zones = TRUE;

  lc_chart_palette_init (&palette, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lc_chart_paint_control (cr, 600, 300, &palette, &spec, -1, &frame);

  g_assert_cmpuint (frame.n_points, ==, 10);
  g_assert_cmpfloat (frame.low, <, 7.0);
  g_assert_cmpfloat (frame.high, >, 14.0);
  /* Points are centred in equal slots; hover finds each one and nothing outside the plot. */
  g_assert_cmpfloat (fabs (lc_chart_frame_x (&frame, 1) - lc_chart_frame_x (&frame, 0) - frame.width / 10), <, 1e-9);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (lc_chart_frame_index_at (&frame, lc_chart_frame_x (&frame, i)), ==, i);
  g_assert_cmpint (lc_chart_frame_index_at (&frame, frame.x - 1), ==, -1);
  g_assert_cmpfloat (lc_chart_frame_y (&frame, 13.0), <, lc_chart_frame_y (&frame, 7.0));

  assert_color (surface, lc_chart_frame_x (&frame, 6), lc_chart_frame_y (&frame, 14.0), &palette.violation);
  assert_color (surface, lc_chart_frame_x (&frame, 2), lc_chart_frame_y (&frame, 9.5), &palette.accent);
  /* The UCL runs at 13 between the points: red there (antialiased, so not exactly the
   * palette's red), white a few pixels off it. */
  {
    double r, g, b, x = (lc_chart_frame_x (&frame, 2) + lc_chart_frame_x (&frame, 3)) / 2;

    pixel_at (surface, x, lc_chart_frame_y (&frame, 13.0), &r, &g, &b);
    g_assert_cmpfloat (r, >, g + 0.3);
    g_assert_cmpfloat (r, >, b + 0.3);
    pixel_at (surface, x, lc_chart_frame_y (&frame, 13.0) - 4, &r, &g, &b);
    g_assert_cmpfloat (r + g + b, >, 2.9);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_pareto_and_histogram_draw_bars (void)
{
  static const char * const names[] = { "Dent", "Scratch", "Burr" };
  static const guint counts[] = { 150, 20, 10 };
  static const double cumulative[] = { 150 / 1.8, 170 / 1.8, 100.0 };
  static const double edges[] = { 9.0, 9.5, 10.0, 10.5, 11.0 };
  static const guint bins[] = { 2, 10, 10, 2 };
  LcParetoSpec pareto = { "Defects", names, counts, cumulative, NULL, 3 };
  LcHistogramSpec histogram = { "Length", "mm", 2, edges, bins, 4, 24, 10.0, 0.4, 8.8, 11.2, 10.0 };
  LcChartPalette palette;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  double r, g, b;
  int accent_pixels = 0;

  lc_chart_palette_init (&palette, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lc_chart_paint_pareto (cr, 400, 300, &palette, &pareto);
  /* The first bar is the tallest: its slot is mostly accent colour near the bottom. */
  for (int x = 40; x < 360; x++)
    {
      pixel_at (surface, x, 240, &r, &g, &b);
      if (fabs (r - palette.accent.red) < 0.02 && fabs (b - palette.accent.blue) < 0.02)
        accent_pixels++;
    }
  g_assert_cmpint (accent_pixels, >, 60);   /* 0.7 of a third of the plot */

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lc_chart_paint_histogram (cr, 400, 300, &palette, &histogram);
  accent_pixels = 0;
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      {
        pixel_at (surface, x, y, &r, &g, &b);
        if (b > r + 0.2)
          accent_pixels++;
      }
  g_assert_cmpint (accent_pixels, >, 2000);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-paint/control-points-coloured-by-rule", test_control_chart_points);
  g_test_add_func ("/chart-paint/pareto-and-histogram-bars", test_pareto_and_histogram_draw_bars);

  return g_test_run ();
}

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The drawing of every chart, once, in Cairo: the widgets call it from their snapshot with
 * the colours of the current style, the PDF report with the printed page's colours. */

typedef struct
{
  double red, green, blue, alpha;
} LcChartColor;

typedef struct
{
  LcChartColor foreground;    /* text, axes, the data line */
  LcChartColor background;    /* behind the plot (the report paints it; widgets leave it) */
  LcChartColor grid;
  LcChartColor center;
  LcChartColor limit;         /* control limits */
  LcChartColor zone;          /* one- and two-sigma lines */
  LcChartColor spec;          /* specification limits */
  LcChartColor accent;        /* in-control points, bars */
  LcChartColor violation;     /* points breaking a run rule */
  LcChartColor out_of_spec;
  double       font_size;     /* points */
} LcChartPalette;

void lc_chart_palette_init (LcChartPalette     *palette,
                            gboolean            dark);

/* Text anchored at (x, y): @xalign 0 left … 1 right, @yalign 0 top … 1 bottom, at
 * @scale times the palette's size, cut with … beyond @max_width (0: never). Returns the
 * width drawn. */
double lc_chart_paint_text        (cairo_t              *cr,
                                   const LcChartPalette *palette,
                                   const LcChartColor   *color,
                                   double                x,
                                   double                y,
                                   double                xalign,
                                   double                yalign,
                                   double                scale,
                                   gboolean              bold,
                                   double                max_width,
                                   const char           *text);

/* One plotted statistic (a subgroup mean, an individual, a proportion). */
typedef struct
{
  double   value;
  double   lcl;          /* per point: variable limits; NAN when there is none */
  double   ucl;
  guint32  violations;   /* bit r-1 set: run rule r broken at this point */
  gboolean out_of_spec;
} LcChartPoint;

typedef struct
{
  const char         *title;
  const char         *unit;
  guint               decimals;
  double              center;
  const LcChartPoint *points;
  guint               n_points;
  double              lsl;            /* drawn when not NAN (individuals charts) */
  double              usl;
  const char         *note;           /* e.g. the sigma estimator, printed under the title */
  gboolean            zones;          /* draw the one- and two-sigma zone lines */
  gboolean            compact;        /* a tile: no title, fewer labels */
} LcControlChartSpec;

/* Where the plot landed, for hover hit-testing. */
typedef struct
{
  double x, y, width, height;   /* the plot area */
  double low, high;             /* value range of the y axis */
  guint  n_points;
} LcChartFrame;

void   lc_chart_paint_control     (cairo_t                  *cr,
                                   double                    width,
                                   double                    height,
                                   const LcChartPalette     *palette,
                                   const LcControlChartSpec *spec,
                                   int                       highlight,
                                   LcChartFrame             *frame);
double lc_chart_frame_x           (const LcChartFrame       *frame,
                                   guint                     index);
double lc_chart_frame_y           (const LcChartFrame       *frame,
                                   double                    value);
/* The point nearest to x (within half a step), or -1. */
int    lc_chart_frame_index_at    (const LcChartFrame       *frame,
                                   double                    x);

typedef struct
{
  const char   *title;
  const char   *unit;
  guint         decimals;
  const double *edges;          /* n_bins + 1 */
  const guint  *counts;         /* n_bins */
  guint         n_bins;
  guint         n_values;
  double        mean;           /* the fitted normal; NAN for none */
  double        sigma;
  double        lsl;
  double        usl;
  double        target;
} LcHistogramSpec;

void lc_chart_paint_histogram     (cairo_t                  *cr,
                                   double                    width,
                                   double                    height,
                                   const LcChartPalette     *palette,
                                   const LcHistogramSpec    *spec);

typedef struct
{
  const char          *title;
  const char * const  *names;
  const guint         *counts;              /* sorted, largest first */
  const double        *cumulative_percent;  /* 0…100 */
  const LcChartColor  *colors;              /* per bar; NULL: the accent */
  guint                n_classes;
} LcParetoSpec;

void lc_chart_paint_pareto        (cairo_t                  *cr,
                                   double                    width,
                                   double                    height,
                                   const LcChartPalette     *palette,
                                   const LcParetoSpec       *spec);

typedef struct
{
  const char      *title;
  cairo_surface_t *reference;     /* the part's reference picture, or NULL */
  int              image_width;   /* the pixel space of the density grid */
  int              image_height;
  const float     *density;       /* grid_width * grid_height, row by row */
  int              grid_width;
  int              grid_height;
  guint            n_regions;
} LcDefectMapSpec;

void lc_chart_paint_defect_map    (cairo_t                  *cr,
                                   double                    width,
                                   double                    height,
                                   const LcChartPalette     *palette,
                                   const LcDefectMapSpec    *spec);

G_END_DECLS

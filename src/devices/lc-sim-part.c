#include "lc-config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "lc-sim-part.h"

/* The parts are drawn in "part units": the picture's shorter side is 1, the part's centre
 * is the origin, y points down. Light comes from the upper left, as from the ring light's
 * brighter side on a real bench. */
#define LIGHT_ANGLE (-0.75 * G_PI)   /* direction towards the light */

typedef enum
{
  PART_GENERIC,
  PART_BUSHING,   /* BSH-2040: turned steel bushing seen from above */
  PART_BRACKET,   /* BRK-1150: stamped steel bracket, two holes and a bend */
  PART_CAP,       /* CAP-0032: moulded plastic cap with a knurled rim */
} PartKind;

struct _LcSimPart
{
  char            *code;
  PartKind         kind;
  int              width;
  int              height;
  double           unit;            /* pixels per part unit */

  cairo_surface_t *background;      /* RGB24: the bench */
  cairo_surface_t *part;            /* ARGB32: the part alone, in the reference pose */

  /* The placed part, as the pixels a camera would see without noise. */
  guint8          *placed_gray;
  guint8          *placed_rgb;

  /* Sensor noise, drawn once; each picture starts at another offset. */
  gint8           *noise;
  gsize            noise_len;
  double           noise_strength;
};

const char *
lc_sim_defect_class_to_string (LcSimDefectClass defect_class)
{
  switch (defect_class)
    {
    case LC_SIM_DEFECT_SCRATCH: return "scratch";
    case LC_SIM_DEFECT_DENT:    return "dent";
    case LC_SIM_DEFECT_SPOT:    return "spot";
    case LC_SIM_DEFECT_NONE:
    default:                    return "none";
    }
}

/* ---- Small helpers ------------------------------------------------------------------ */

static guint32
xorshift (guint32 *state)
{
  guint32 x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static double
uniform (GRand  *rand,
         double  low,
         double  high)
{
  return g_rand_double_range (rand, low, high);
}

/* A grain texture: an A8 mask of random values, painted faintly over a part. */
static cairo_surface_t *
make_grain (int     width,
            int     height,
            guint32 seed)
{
  cairo_surface_t *grain = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  int stride = cairo_image_surface_get_stride (grain);
  guint8 *data;
  guint32 state = seed | 1;

  cairo_surface_flush (grain);
  data = cairo_image_surface_get_data (grain);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      data[(gsize) y * stride + x] = (guint8) (xorshift (&state) >> 24);
  cairo_surface_mark_dirty (grain);
  return grain;
}

static void
annulus_path (cairo_t *cr,
              double   inner,
              double   outer)
{
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, outer, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, 0, 0, inner, 2 * G_PI, 0);
}

static void
paint_grain (cairo_t         *cr,
             cairo_surface_t *grain,
             double           alpha,
             double           unit)
{
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, alpha);
  cairo_mask_surface (cr, grain, 0, 0);
  cairo_restore (cr);
}

/* ---- The parts ---------------------------------------------------------------------- */

/* Bushing: outer radius, bore radius and chamfer width in part units. */
#define BSH_OUTER   0.36
#define BSH_BORE    0.155
#define BSH_CHAMFER 0.018

static void
bushing_silhouette (cairo_t *cr)
{
  annulus_path (cr, BSH_BORE, BSH_OUTER);
}

static void
draw_bushing (cairo_t         *cr,
              GRand           *rand,
              cairo_surface_t *grain,
              double           px)
{
  cairo_pattern_t *mesh;
  cairo_pattern_t *gradient;
  const int sectors = 120;

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  bushing_silhouette (cr);
  cairo_clip (cr);

  /* The faced top: steel gray with the lathe's concentric tool marks. */
  cairo_set_source_rgb (cr, 0.58, 0.59, 0.60);
  cairo_paint (cr);
  cairo_set_line_width (cr, px * 1.1);
  for (double r = BSH_BORE; r < BSH_OUTER; r += px * 0.8)
    {
      double v = 0.58 + g_rand_double_range (rand, -0.05, 0.05);

      cairo_set_source_rgba (cr, v, v, v + 0.01, 0.55);
      cairo_new_path (cr);
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  /* A turned face shines in a bow tie across the light: the grooves reflect most where
   * they run at right angles to the light's direction. */
  mesh = cairo_pattern_create_mesh ();
  for (int i = 0; i < sectors; i++)
    {
      double a0 = 2 * G_PI * i / sectors;
      double a1 = 2 * G_PI * (i + 1) / sectors;
      double s0 = pow (fabs (cos (a0 - LIGHT_ANGLE)), 6) * 0.38;
      double s1 = pow (fabs (cos (a1 - LIGHT_ANGLE)), 6) * 0.38;

      cairo_mesh_pattern_begin_patch (mesh);
      cairo_mesh_pattern_move_to (mesh, BSH_BORE * cos (a0), BSH_BORE * sin (a0));
      cairo_mesh_pattern_line_to (mesh, BSH_OUTER * cos (a0), BSH_OUTER * sin (a0));
      cairo_mesh_pattern_line_to (mesh, BSH_OUTER * cos (a1), BSH_OUTER * sin (a1));
      cairo_mesh_pattern_line_to (mesh, BSH_BORE * cos (a1), BSH_BORE * sin (a1));
      cairo_mesh_pattern_set_corner_color_rgba (mesh, 0, 1, 1, 1, s0 * 0.7);
      cairo_mesh_pattern_set_corner_color_rgba (mesh, 1, 1, 1, 1, s0);
      cairo_mesh_pattern_set_corner_color_rgba (mesh, 2, 1, 1, 1, s1);
      cairo_mesh_pattern_set_corner_color_rgba (mesh, 3, 1, 1, 1, s1 * 0.7);
      cairo_mesh_pattern_end_patch (mesh);
    }
  cairo_set_source (cr, mesh);
  cairo_paint (cr);
  cairo_pattern_destroy (mesh);

  paint_grain (cr, grain, 0.10, px);

  /* Outer chamfer: the slope towards the light is bright, the far one dark. */
  gradient = cairo_pattern_create_linear (-BSH_OUTER, -BSH_OUTER, BSH_OUTER, BSH_OUTER);
  cairo_pattern_add_color_stop_rgb (gradient, 0.0, 0.92, 0.92, 0.93);
  cairo_pattern_add_color_stop_rgb (gradient, 0.5, 0.55, 0.55, 0.56);
  cairo_pattern_add_color_stop_rgb (gradient, 1.0, 0.22, 0.22, 0.23);
  cairo_set_source (cr, gradient);
  annulus_path (cr, BSH_OUTER - BSH_CHAMFER, BSH_OUTER);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  /* The bore's chamfer slopes the other way. */
  gradient = cairo_pattern_create_linear (-BSH_BORE, -BSH_BORE, BSH_BORE, BSH_BORE);
  cairo_pattern_add_color_stop_rgb (gradient, 0.0, 0.20, 0.20, 0.21);
  cairo_pattern_add_color_stop_rgb (gradient, 0.5, 0.50, 0.50, 0.51);
  cairo_pattern_add_color_stop_rgb (gradient, 1.0, 0.90, 0.90, 0.91);
  cairo_set_source (cr, gradient);
  annulus_path (cr, BSH_BORE, BSH_BORE + BSH_CHAMFER * 0.8);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  /* Edges between face and chamfers catch a thin line of light. */
  cairo_set_line_width (cr, px * 1.2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, BSH_OUTER - BSH_CHAMFER, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, BSH_BORE + BSH_CHAMFER * 0.8, 0, 2 * G_PI);
  cairo_stroke (cr);
}

/* Bracket: plate size, hole radius and centres, bend line. */
#define BRK_HALF_W  0.37
#define BRK_HALF_H  0.23
#define BRK_CORNER  0.035
#define BRK_HOLE    0.048
#define BRK_HOLE_X  0.25
#define BRK_BEND_X0 0.06
#define BRK_BEND_X1 0.10

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
bracket_silhouette (cairo_t *cr)
{
  cairo_new_path (cr);
  rounded_rect (cr, -BRK_HALF_W, -BRK_HALF_H, 2 * BRK_HALF_W, 2 * BRK_HALF_H, BRK_CORNER);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, -BRK_HOLE_X, 0, BRK_HOLE, 2 * G_PI, 0);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, BRK_HOLE_X, 0, BRK_HOLE, 2 * G_PI, 0);
}

static void
draw_bracket (cairo_t         *cr,
              GRand           *rand,
              cairo_surface_t *grain,
              double           px)
{
  cairo_pattern_t *shade;

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  bracket_silhouette (cr);
  cairo_clip (cr);

  /* Flat part facing the camera, the bent flange tilted away from the light, and the
   * bend's radius catching it. */
  shade = cairo_pattern_create_linear (-BRK_HALF_W, 0, BRK_HALF_W, 0);
  cairo_pattern_add_color_stop_rgb (shade, 0.0, 0.60, 0.61, 0.62);
  cairo_pattern_add_color_stop_rgb (shade, (BRK_BEND_X0 + BRK_HALF_W) / (2 * BRK_HALF_W), 0.56, 0.57, 0.58);
  cairo_pattern_add_color_stop_rgb (shade, ((BRK_BEND_X0 + BRK_BEND_X1) / 2 + BRK_HALF_W) / (2 * BRK_HALF_W) - 0.01, 0.86, 0.86, 0.87);
  cairo_pattern_add_color_stop_rgb (shade, (BRK_BEND_X1 + BRK_HALF_W) / (2 * BRK_HALF_W), 0.42, 0.43, 0.44);
  cairo_pattern_add_color_stop_rgb (shade, 1.0, 0.38, 0.39, 0.40);
  cairo_set_source (cr, shade);
  cairo_paint (cr);
  cairo_pattern_destroy (shade);

  /* Cold-rolled sheet: fine streaks along the rolling direction. */
  cairo_set_line_width (cr, px);
  for (double y = -BRK_HALF_H; y < BRK_HALF_H; y += px)
    {
      double v = g_rand_double (rand) < 0.5 ? 0.0 : 1.0;

      cairo_set_source_rgba (cr, v, v, v, g_rand_double_range (rand, 0.0, 0.07));
      cairo_move_to (cr, -BRK_HALF_W, y);
      cairo_line_to (cr, BRK_HALF_W, y + g_rand_double_range (rand, -2, 2) * px);
      cairo_stroke (cr);
    }
  paint_grain (cr, grain, 0.12, px);

  /* Sheared edges: a bright line on the sides facing the light, dark on the others. */
  cairo_reset_clip (cr);
  shade = cairo_pattern_create_linear (-BRK_HALF_W, -BRK_HALF_H, BRK_HALF_W, BRK_HALF_H);
  cairo_pattern_add_color_stop_rgba (shade, 0, 1, 1, 1, 0.55);
  cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0.45);
  cairo_set_source (cr, shade);
  cairo_set_line_width (cr, px * 2.2);
  cairo_new_path (cr);
  rounded_rect (cr, -BRK_HALF_W + px, -BRK_HALF_H + px, 2 * BRK_HALF_W - 2 * px,
                2 * BRK_HALF_H - 2 * px, BRK_CORNER);
  cairo_stroke (cr);
  cairo_pattern_destroy (shade);

  /* Punched holes: the burnished wall shows as a ring lit on the far side. */
  for (int side = -1; side <= 1; side += 2)
    {
      double cx = side * BRK_HOLE_X;

      shade = cairo_pattern_create_linear (cx - BRK_HOLE, -BRK_HOLE, cx + BRK_HOLE, BRK_HOLE);
      cairo_pattern_add_color_stop_rgba (shade, 0, 0, 0, 0, 0.6);
      cairo_pattern_add_color_stop_rgba (shade, 1, 1, 1, 1, 0.6);
      cairo_set_source (cr, shade);
      cairo_set_line_width (cr, px * 3);
      cairo_new_path (cr);
      cairo_arc (cr, cx, 0, BRK_HOLE + px * 1.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_pattern_destroy (shade);
    }
}

/* Cap: outer radius, where the knurl starts, ridges around. */
#define CAP_OUTER   0.34
#define CAP_KNURL   0.296
#define CAP_RIDGES  96

static void
cap_silhouette (cairo_t *cr)
{
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, CAP_OUTER, 0, 2 * G_PI);
}

static void
draw_cap (cairo_t         *cr,
          GRand           *rand,
          cairo_surface_t *grain,
          double           px)
{
  const double base[3] = { 0.14, 0.34, 0.64 };   /* blue polypropylene */
  const double lx = cos (LIGHT_ANGLE), ly = sin (LIGHT_ANGLE);
  cairo_pattern_t *gradient;

  cap_silhouette (cr);
  cairo_clip (cr);

  /* Knurled rim: each ridge has two flanks; the one turned to the light is bright. */
  for (int i = 0; i < CAP_RIDGES; i++)
    {
      double a0 = 2 * G_PI * i / CAP_RIDGES;
      double am = 2 * G_PI * (i + 0.5) / CAP_RIDGES;
      double a1 = 2 * G_PI * (i + 1) / CAP_RIDGES;

      for (int flank = 0; flank < 2; flank++)
        {
          double from = flank == 0 ? a0 : am;
          double to = flank == 0 ? am : a1;
          /* The flank's normal leans along the tangent, one way or the other. */
          double tx = -sin (am) * (flank == 0 ? -1 : 1) * 0.7 + cos (am) * 0.3;
          double ty = cos (am) * (flank == 0 ? -1 : 1) * 0.7 + sin (am) * 0.3;
          double lit = 0.55 + 0.75 * MAX (0.0, tx * lx + ty * ly);

          cairo_set_source_rgb (cr, MIN (1, base[0] * lit), MIN (1, base[1] * lit),
                                MIN (1, base[2] * lit));
          cairo_new_path (cr);
          cairo_arc (cr, 0, 0, CAP_OUTER, from, to);
          cairo_arc_negative (cr, 0, 0, CAP_KNURL, to, from);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }

  /* The smooth top with a soft gloss towards the light. */
  cairo_set_source_rgb (cr, base[0], base[1], base[2]);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, CAP_KNURL, 0, 2 * G_PI);
  cairo_fill (cr);
  gradient = cairo_pattern_create_radial (-0.09, -0.11, 0.0, -0.06, -0.07, 0.27);
  cairo_pattern_add_color_stop_rgba (gradient, 0.0, 1, 1, 1, 0.45);
  cairo_pattern_add_color_stop_rgba (gradient, 0.5, 1, 1, 1, 0.12);
  cairo_pattern_add_color_stop_rgba (gradient, 1.0, 1, 1, 1, 0.0);
  cairo_set_source (cr, gradient);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, CAP_KNURL, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  /* A raised ring on the top and the rim's step: light above, shade below. */
  for (int ring = 0; ring < 2; ring++)
    {
      double r = ring == 0 ? 0.20 : CAP_KNURL;

      gradient = cairo_pattern_create_linear (-r, -r, r, r);
      cairo_pattern_add_color_stop_rgba (gradient, 0, 1, 1, 1, 0.5);
      cairo_pattern_add_color_stop_rgba (gradient, 1, 0, 0, 0, 0.5);
      cairo_set_source (cr, gradient);
      cairo_set_line_width (cr, px * 2.5);
      cairo_new_path (cr);
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_pattern_destroy (gradient);
    }

  /* The injection gate in the centre: a small dimple. */
  gradient = cairo_pattern_create_linear (-0.012, -0.012, 0.012, 0.012);
  cairo_pattern_add_color_stop_rgba (gradient, 0, 0, 0, 0, 0.45);
  cairo_pattern_add_color_stop_rgba (gradient, 1, 1, 1, 1, 0.35);
  cairo_set_source (cr, gradient);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, 0.012, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  /* Moulded plastic has little grain; a touch keeps it from looking drawn. */
  paint_grain (cr, grain, 0.04, px);
  (void) rand;
}

#define GEN_HALF   0.26
#define GEN_HOLE   0.07

static void
generic_silhouette (cairo_t *cr)
{
  cairo_new_path (cr);
  rounded_rect (cr, -GEN_HALF, -GEN_HALF, 2 * GEN_HALF, 2 * GEN_HALF, 0.04);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, 0, 0, GEN_HOLE, 2 * G_PI, 0);
}

static void
draw_generic (cairo_t         *cr,
              GRand           *rand,
              cairo_surface_t *grain,
              double           px)
{
  cairo_pattern_t *shade;

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  generic_silhouette (cr);
  cairo_clip (cr);

  shade = cairo_pattern_create_linear (-GEN_HALF, -GEN_HALF, GEN_HALF, GEN_HALF);
  cairo_pattern_add_color_stop_rgb (shade, 0, 0.66, 0.66, 0.67);
  cairo_pattern_add_color_stop_rgb (shade, 1, 0.46, 0.46, 0.47);
  cairo_set_source (cr, shade);
  cairo_paint (cr);
  cairo_pattern_destroy (shade);

  /* Brushed diagonally. */
  cairo_set_line_width (cr, px);
  for (double d = -2 * GEN_HALF; d < 2 * GEN_HALF; d += px * 1.2)
    {
      double v = g_rand_double (rand) < 0.5 ? 0.0 : 1.0;

      cairo_set_source_rgba (cr, v, v, v, g_rand_double_range (rand, 0.0, 0.06));
      cairo_move_to (cr, d - GEN_HALF, -GEN_HALF);
      cairo_line_to (cr, d + GEN_HALF, GEN_HALF);
      cairo_stroke (cr);
    }
  paint_grain (cr, grain, 0.10, px);

  shade = cairo_pattern_create_linear (-GEN_HOLE, -GEN_HOLE, GEN_HOLE, GEN_HOLE);
  cairo_pattern_add_color_stop_rgba (shade, 0, 0, 0, 0, 0.6);
  cairo_pattern_add_color_stop_rgba (shade, 1, 1, 1, 1, 0.6);
  cairo_set_source (cr, shade);
  cairo_set_line_width (cr, px * 4);
  cairo_new_path (cr);
  cairo_arc (cr, 0, 0, GEN_HOLE + 2 * px, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_pattern_destroy (shade);
}

static void
silhouette (LcSimPart *part,
            cairo_t   *cr)
{
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  switch (part->kind)
    {
    case PART_BUSHING: bushing_silhouette (cr); break;
    case PART_BRACKET: bracket_silhouette (cr); break;
    case PART_CAP:     cap_silhouette (cr); break;
    case PART_GENERIC:
    default:           generic_silhouette (cr); break;
    }
}

/* A point on the part's visible surface where a defect may sit (away from edges, holes,
 * chamfers and the knurl, where nobody could tell a defect from the shape). */
static void
pick_surface_point (LcSimPart *part,
                    GRand     *rand,
                    double    *x,
                    double    *y)
{
  double a, r;

  switch (part->kind)
    {
    case PART_BUSHING:
      a = uniform (rand, 0, 2 * G_PI);
      r = uniform (rand, BSH_BORE + BSH_CHAMFER + 0.04, BSH_OUTER - BSH_CHAMFER - 0.04);
      *x = r * cos (a);
      *y = r * sin (a);
      return;
    case PART_CAP:
      a = uniform (rand, 0, 2 * G_PI);
      r = uniform (rand, 0.04, CAP_KNURL - 0.05);
      *x = r * cos (a);
      *y = r * sin (a);
      return;
    case PART_BRACKET:
      do
        {
          *x = uniform (rand, -BRK_HALF_W + 0.06, BRK_HALF_W - 0.06);
          *y = uniform (rand, -BRK_HALF_H + 0.06, BRK_HALF_H - 0.06);
        }
      while (hypot (fabs (*x) - BRK_HOLE_X, *y) < BRK_HOLE + 0.06 ||
             (*x > BRK_BEND_X0 - 0.04 && *x < BRK_BEND_X1 + 0.04));
      return;
    case PART_GENERIC:
    default:
      do
        {
          *x = uniform (rand, -GEN_HALF + 0.06, GEN_HALF - 0.06);
          *y = uniform (rand, -GEN_HALF + 0.06, GEN_HALF - 0.06);
        }
      while (hypot (*x, *y) < GEN_HOLE + 0.06);
      return;
    }
}

/* ---- Defects ------------------------------------------------------------------------ */

/* Draws the defect in part units (cr's matrix maps them to the picture) and returns the
 * user-space extents it covers. */
static void
draw_defect (cairo_t          *cr,
             LcSimDefectClass  defect_class,
             GRand            *rand,
             double            cx,
             double            cy,
             double            px,
             double           *x1,
             double           *y1,
             double           *x2,
             double           *y2)
{
  cairo_pattern_t *pattern;

  switch (defect_class)
    {
    case LC_SIM_DEFECT_SCRATCH:
      {
        double length = uniform (rand, 0.05, 0.10);
        double angle = uniform (rand, 0, G_PI);
        double bend = uniform (rand, -0.2, 0.2) * length;
        double dx = cos (angle) * length / 2, dy = sin (angle) * length / 2;

        cairo_new_path (cr);
        cairo_move_to (cr, cx - dx, cy - dy);
        cairo_curve_to (cr, cx - dx / 3 - dy * bend / length, cy - dy / 3 + dx * bend / length,
                        cx + dx / 3 - dy * bend / length, cy + dy / 3 + dx * bend / length,
                        cx + dx, cy + dy);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        /* A scratch is a groove: a dark trough with a bright lip where metal was pushed up. */
        cairo_set_line_width (cr, px * 3.2);
        cairo_set_source_rgba (cr, 0.05, 0.05, 0.05, 0.65);
        cairo_stroke_preserve (cr);
        cairo_stroke_extents (cr, x1, y1, x2, y2);
        cairo_set_line_width (cr, px * 1.2);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_stroke (cr);
      }
      break;

    case LC_SIM_DEFECT_DENT:
      {
        double r = uniform (rand, 0.018, 0.03);

        /* A hollow lit from the upper left: its upper-left slope faces away and is dark,
         * its lower-right slope faces the light and is bright. */
        cairo_save (cr);
        cairo_new_path (cr);
        cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
        cairo_clip (cr);
        pattern = cairo_pattern_create_linear (cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7);
        cairo_pattern_add_color_stop_rgba (pattern, 0.0, 0, 0, 0, 0.75);
        cairo_pattern_add_color_stop_rgba (pattern, 0.45, 0, 0, 0, 0.1);
        cairo_pattern_add_color_stop_rgba (pattern, 0.6, 1, 1, 1, 0.1);
        cairo_pattern_add_color_stop_rgba (pattern, 1.0, 1, 1, 1, 0.75);
        cairo_set_source (cr, pattern);
        cairo_paint (cr);
        cairo_pattern_destroy (pattern);
        cairo_restore (cr);
        /* The raised rim around it. */
        cairo_new_path (cr);
        cairo_arc (cr, cx, cy, r + px, 0, 2 * G_PI);
        cairo_set_line_width (cr, px * 1.5);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.3);
        cairo_stroke_preserve (cr);
        cairo_stroke_extents (cr, x1, y1, x2, y2);
        cairo_new_path (cr);
      }
      break;

    case LC_SIM_DEFECT_SPOT:
      {
        double r = uniform (rand, 0.009, 0.017);

        /* Rust or burnt oil: overlapping soft dark-brown blobs. */
        *x1 = cx - r * 1.6;
        *y1 = cy - r * 1.6;
        *x2 = cx + r * 1.6;
        *y2 = cy + r * 1.6;
        for (int i = 0; i < 5; i++)
          {
            double bx = cx + uniform (rand, -0.6, 0.6) * r;
            double by = cy + uniform (rand, -0.6, 0.6) * r;
            double br = r * uniform (rand, 0.5, 0.9);

            pattern = cairo_pattern_create_radial (bx, by, 0, bx, by, br);
            cairo_pattern_add_color_stop_rgba (pattern, 0.0, 0.16, 0.09, 0.04, 0.7);
            cairo_pattern_add_color_stop_rgba (pattern, 0.7, 0.20, 0.12, 0.06, 0.45);
            cairo_pattern_add_color_stop_rgba (pattern, 1.0, 0.20, 0.12, 0.06, 0.0);
            cairo_set_source (cr, pattern);
            cairo_new_path (cr);
            cairo_arc (cr, bx, by, br, 0, 2 * G_PI);
            cairo_fill (cr);
            cairo_pattern_destroy (pattern);
          }
      }
      break;

    case LC_SIM_DEFECT_NONE:
    default:
      *x1 = *y1 = *x2 = *y2 = 0;
      break;
    }
}

/* ---- Rendering ---------------------------------------------------------------------- */

static PartKind
kind_for_code (const char *code)
{
  if (code == NULL)
    return PART_GENERIC;
  if (g_ascii_strcasecmp (code, "BSH-2040") == 0)
    return PART_BUSHING;
  if (g_ascii_strcasecmp (code, "BRK-1150") == 0)
    return PART_BRACKET;
  if (g_ascii_strcasecmp (code, "CAP-0032") == 0)
    return PART_CAP;
  return PART_GENERIC;
}

static void
set_part_units (LcSimPart *part,
                cairo_t   *cr)
{
  cairo_translate (cr, part->width / 2.0, part->height / 2.0);
  cairo_scale (cr, part->unit, part->unit);
}

static void
render_background (LcSimPart *part,
                   guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  cairo_surface_t *grain = make_grain (part->width, part->height, seed * 7 + 1);
  cairo_t *cr;
  cairo_pattern_t *vignette;
  double diag = hypot (part->width, part->height) / 2;

  part->background = cairo_image_surface_create (CAIRO_FORMAT_RGB24, part->width, part->height);
  cr = cairo_create (part->background);
  /* A matte dark bench mat under the ring light: brighter in the middle. */
  vignette = cairo_pattern_create_radial (part->width / 2.0, part->height / 2.0, 0,
                                          part->width / 2.0, part->height / 2.0, diag);
  cairo_pattern_add_color_stop_rgb (vignette, 0.0, 0.25, 0.25, 0.26);
  cairo_pattern_add_color_stop_rgb (vignette, 1.0, 0.13, 0.13, 0.14);
  cairo_set_source (cr, vignette);
  cairo_paint (cr);
  cairo_pattern_destroy (vignette);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_mask_surface (cr, grain, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (grain);
  (void) rand;
}

static void
render_part (LcSimPart *part)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (part->code));
  cairo_surface_t *grain = make_grain (part->width, part->height, g_str_hash (part->code) | 3);
  double px = 1.0 / part->unit;
  cairo_t *cr;

  part->part = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, part->width, part->height);
  cr = cairo_create (part->part);
  set_part_units (part, cr);
  switch (part->kind)
    {
    case PART_BUSHING: draw_bushing (cr, rand, grain, px); break;
    case PART_BRACKET: draw_bracket (cr, rand, grain, px); break;
    case PART_CAP:     draw_cap (cr, rand, grain, px); break;
    case PART_GENERIC:
    default:           draw_generic (cr, rand, grain, px); break;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (grain);
}

LcSimPart *
lc_sim_part_new (const char *part_code,
                 int         width,
                 int         height)
{
  LcSimPart *part;

  g_return_val_if_fail (width >= 16 && height >= 16, NULL);

  part = g_new0 (LcSimPart, 1);
  part->code = g_strdup (part_code != NULL ? part_code : "");
  part->kind = kind_for_code (part_code);
  part->width = width;
  part->height = height;
  part->unit = MIN (width, height);
  part->placed_gray = g_malloc ((gsize) width * height);
  part->placed_rgb = g_malloc ((gsize) width * height * 3);
  render_background (part, 20240);
  render_part (part);
  lc_sim_part_place (part, 0, NULL);
  return part;
}

void
lc_sim_part_free (LcSimPart *part)
{
  if (part == NULL)
    return;
  cairo_surface_destroy (part->background);
  cairo_surface_destroy (part->part);
  g_free (part->placed_gray);
  g_free (part->placed_rgb);
  g_free (part->noise);
  g_free (part->code);
  g_free (part);
}

const char *
lc_sim_part_get_code (LcSimPart *part)
{
  return part->code;
}

int
lc_sim_part_get_width (LcSimPart *part)
{
  return part->width;
}

int
lc_sim_part_get_height (LcSimPart *part)
{
  return part->height;
}

LcFrameFormat
lc_sim_part_get_natural_format (LcSimPart *part)
{
  return part->kind == PART_CAP ? LC_FRAME_FORMAT_RGB8 : LC_FRAME_FORMAT_GRAY8;
}

void
lc_sim_part_place (LcSimPart   *part,
                   guint32      seed,
                   LcSimDefect *defect)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_matrix_t pose;
  double angle = 0, dx = 0, dy = 0;
  const guint8 *data;
  int stride;

  /* A part put down by hand: a few millimetres off and a few degrees turned. */
  if (seed != 0)
    {
      angle = uniform (rand, -3, 3) * G_PI / 180;
      dx = uniform (rand, -0.02, 0.02) * part->unit;
      dy = uniform (rand, -0.02, 0.02) * part->unit;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, part->width, part->height);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, part->background, 0, 0);
  cairo_paint (cr);

  cairo_translate (cr, part->width / 2.0 + dx, part->height / 2.0 + dy);
  cairo_rotate (cr, angle);
  cairo_translate (cr, -part->width / 2.0, -part->height / 2.0);
  cairo_get_matrix (cr, &pose);

  /* A soft shadow down and to the right of the light: the part's outline, stacked. */
  for (int i = 1; i <= 4; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 0.004 * part->unit * i, 0.005 * part->unit * i);
      set_part_units (part, cr);
      silhouette (part, cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.13);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  cairo_set_source_surface (cr, part->part, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);

  if (defect != NULL && defect->defect_class != LC_SIM_DEFECT_NONE)
    {
      double cx, cy, x1, y1, x2, y2;
      double xs[4], ys[4];
      double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

      set_part_units (part, cr);
      pick_surface_point (part, rand, &cx, &cy);
      draw_defect (cr, defect->defect_class, rand, cx, cy, 1.0 / part->unit, &x1, &y1, &x2, &y2);

      /* The box in the picture: the defect's extents carried through the pose. */
      xs[0] = x1; ys[0] = y1; xs[1] = x2; ys[1] = y1;
      xs[2] = x1; ys[2] = y2; xs[3] = x2; ys[3] = y2;
      for (int i = 0; i < 4; i++)
        {
          cairo_user_to_device (cr, &xs[i], &ys[i]);
          left = MIN (left, xs[i]);
          right = MAX (right, xs[i]);
          top = MIN (top, ys[i]);
          bottom = MAX (bottom, ys[i]);
        }
      defect->x = CLAMP ((int) floor (left) - 1, 0, part->width - 1);
      defect->y = CLAMP ((int) floor (top) - 1, 0, part->height - 1);
      defect->width = CLAMP ((int) ceil (right) + 1, 0, part->width) - defect->x;
      defect->height = CLAMP ((int) ceil (bottom) + 1, 0, part->height) - defect->y;
    }
  else if (defect != NULL)
    {
      defect->x = defect->y = defect->width = defect->height = 0;
    }
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < part->height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
      guint8 *gray = part->placed_gray + (gsize) y * part->width;
      guint8 *rgb = part->placed_rgb + (gsize) y * part->width * 3;

      for (int x = 0; x < part->width; x++)
        {
          guint32 p = row[x];
          guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

          rgb[3 * x] = r;
          rgb[3 * x + 1] = g;
          rgb[3 * x + 2] = b;
          gray[x] = (guint8) ((77 * r + 150 * g + 29 * b + 128) >> 8);
        }
    }
  cairo_surface_destroy (surface);
}

/* Sensor noise is Gaussian (read noise) to a good approximation; the sum of four uniform
 * values is close enough and cheap. */
static void
make_noise (LcSimPart *part,
            double     strength)
{
  guint32 state = 0x9e3779b9u;

  part->noise_len = (gsize) part->width * part->height * 3 + 65536;
  g_free (part->noise);
  part->noise = g_malloc (part->noise_len);
  for (gsize i = 0; i < part->noise_len; i++)
    {
      int sum = 0;
      double v;

      for (int k = 0; k < 4; k++)
        sum += (int) (xorshift (&state) >> 24);
      /* Four uniforms on 0..255: mean 510, standard deviation 147.8. */
      v = (sum - 510) / 147.8 * strength;
      part->noise[i] = (gint8) CLAMP (lround (v), -127, 127);
    }
  part->noise_strength = strength;
}

LcFrame *
lc_sim_part_expose (LcSimPart     *part,
                    LcFrameFormat  format,
                    double         noise,
                    guint32        noise_seed)
{
  gsize n = (gsize) part->width * part->height * lc_frame_format_get_channels (format);
  const guint8 *src = format == LC_FRAME_FORMAT_RGB8 ? part->placed_rgb : part->placed_gray;
  guint8 *dst;
  LcFrame *frame = lc_frame_new_uninitialized (format, part->width, part->height, &dst);
  const gint8 *offset_noise;

  if (noise <= 0)
    {
      memcpy (dst, src, n);
      return frame;
    }
  if (part->noise == NULL || part->noise_strength != noise)
    make_noise (part, noise);

  offset_noise = part->noise + (noise_seed * 2654435761u) % 65536;
  for (gsize i = 0; i < n; i++)
    {
      int v = src[i] + offset_noise[i];

      dst[i] = (guint8) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
  return frame;
}

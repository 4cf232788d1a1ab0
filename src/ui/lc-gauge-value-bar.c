#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-value-bar.h"
#include "lc-inspect-session.h"

/* Drawn in one snapshot pass: a name and the value in large type, the bar with the
 * specification band (amber near the limits, grey outside them), a tick at nominal and a
 * marker at the value, the limits under the bar and the channel's state under them. */
struct _LcGaugeValueBar
{
  GtkWidget         parent_instance;

  LcCharacteristic *characteristic;
  LcGaugeChannel   *channel;
  double            manual_value;
  char             *manual_state;
  guint             tick_id;
};

G_DEFINE_FINAL_TYPE (LcGaugeValueBar, lc_gauge_value_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHARACTERISTIC,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PADDING        8
#define BAR_HEIGHT     14
#define GAP            4
/* Part of the tolerance shown beyond each limit, so an out-of-spec value still lands on the bar. */
#define OVERHANG       0.25
/* Within this part of the tolerance from a limit a good value is "near" (lc_spec_zone ()). */
#define NEAR_FRACTION  LC_SPEC_NEAR_FRACTION

static const GdkRGBA colour_in = { 0.180, 0.761, 0.494, 1.0 };    /* Adwaita green 3 */
static const GdkRGBA colour_near = { 0.898, 0.647, 0.039, 1.0 };  /* Adwaita yellow 5 */
static const GdkRGBA colour_out = { 0.878, 0.106, 0.141, 1.0 };   /* Adwaita red 3 */

LcGaugeZone
lc_gauge_zone_of (double value,
                  double lsl,
                  double usl)
{
  /* The Inspect page and the Devices page must colour a value alike: one rule, the library's. */
  G_STATIC_ASSERT ((int) LC_GAUGE_ZONE_NONE == (int) LC_SPEC_NONE && (int) LC_GAUGE_ZONE_IN == (int) LC_SPEC_IN &&
                   (int) LC_GAUGE_ZONE_NEAR == (int) LC_SPEC_NEAR && (int) LC_GAUGE_ZONE_OUT == (int) LC_SPEC_OUT);
  return (LcGaugeZone) lc_spec_zone (value, lsl, usl);
}

static double
spec_value (LcGaugeValueBar *self,
            double (*getter) (LcCharacteristic *))
{
  if (self->characteristic == NULL ||
      lc_characteristic_get_kind (self->characteristic) != LC_CHARACTERISTIC_VARIABLE)
    return NAN;
  return getter (self->characteristic);
}

double
lc_gauge_value_bar_get_value (LcGaugeValueBar *self)
{
  const LcGaugeReading *reading;

  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), NAN);

  if (self->channel == NULL)
    return self->manual_value;
  reading = lc_gauge_channel_get_last_reading (self->channel);
  return reading != NULL ? reading->value : NAN;
}

LcGaugeZone
lc_gauge_value_bar_get_zone (LcGaugeValueBar *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), LC_GAUGE_ZONE_NONE);

  return lc_gauge_zone_of (lc_gauge_value_bar_get_value (self),
                           spec_value (self, lc_characteristic_get_lsl),
                           spec_value (self, lc_characteristic_get_usl));
}

char *
lc_gauge_value_bar_dup_value_text (LcGaugeValueBar *self)
{
  double value;

  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), NULL);

  value = lc_gauge_value_bar_get_value (self);
  if (isnan (value))
    return g_strdup ("—");
  /* The characteristic's decimals and unit: the bar speaks the specification's language. */
  if (self->characteristic != NULL)
    {
      g_autofree char *number = lc_characteristic_format_value (self->characteristic, value);
      const char *unit = lc_characteristic_get_unit (self->characteristic);

      if (unit[0] == '\0')
        return g_steal_pointer (&number);
      return g_strdup_printf ("%s %s", number, unit);
    }
  if (self->channel != NULL)
    return lc_gauge_channel_format_value (self->channel);
  return lc_gauge_format_value (value, 3);
}

char *
lc_gauge_value_bar_dup_state_text (LcGaugeValueBar *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), NULL);

  if (self->channel != NULL)
    return lc_gauge_channel_describe_state (self->channel);
  return g_strdup (self->manual_state != NULL ? self->manual_state : _("Manual entry"));
}

static LcGaugeState
current_state (LcGaugeValueBar *self)
{
  if (self->channel != NULL)
    return lc_gauge_channel_get_state (self->channel);
  return isnan (self->manual_value) ? LC_GAUGE_STATE_WAITING : LC_GAUGE_STATE_LIVE;
}

static void
update_tooltip (LcGaugeValueBar *self)
{
  g_autofree char *value = lc_gauge_value_bar_dup_value_text (self);
  g_autofree char *state = lc_gauge_value_bar_dup_state_text (self);
  g_autofree char *spec = self->characteristic != NULL ? lc_characteristic_format_spec (self->characteristic) : NULL;
  g_autofree char *text = NULL;

  if (spec != NULL && spec[0] != '\0')
    text = g_strdup_printf ("%s — %s\n%s", value, spec, state);
  else
    text = g_strdup_printf ("%s\n%s", value, state);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
on_changed (LcGaugeValueBar *self)
{
  update_tooltip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The age in "Stale: last value 4 s old" grows without any notification. */
static gboolean
tick_cb (gpointer user_data)
{
  LcGaugeValueBar *self = user_data;
  LcGaugeState state = current_state (self);

  if (state == LC_GAUGE_STATE_STALE || state == LC_GAUGE_STATE_ERROR)
    on_changed (self);
  return G_SOURCE_CONTINUE;
}

static PangoLayout *
make_layout (LcGaugeValueBar *self,
             const char      *text,
             double           scale,
             gboolean         bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
lc_gauge_value_bar_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 180;
      *natural = 360;
    }
  else
    {
      g_autoptr(PangoLayout) big = make_layout (self, "0", 1.6, TRUE);
      g_autoptr(PangoLayout) small = make_layout (self, "0", PANGO_SCALE_SMALL, FALSE);

      *minimum = *natural = 2 * PADDING + layout_height (big) + GAP + BAR_HEIGHT + GAP
                            + 2 * layout_height (small) + GAP;
    }
}

/* The value range the bar spans: both limits with some room beyond them, or for a one-sided or
 * open specification whatever is known (limit, nominal, value) with room around it. */
static gboolean
bar_range (double  lsl,
           double  nominal,
           double  usl,
           double  value,
           double *low,
           double *high)
{
  double points[] = { lsl, nominal, usl, value };
  double lo = INFINITY, hi = -INFINITY, pad;

  if (!isnan (lsl) && !isnan (usl) && usl > lsl)
    {
      pad = (usl - lsl) * OVERHANG;
      *low = lsl - pad;
      *high = usl + pad;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (!isnan (points[i]))
      {
        lo = MIN (lo, points[i]);
        hi = MAX (hi, points[i]);
      }
  if (lo > hi)
    return FALSE;
  pad = hi > lo ? (hi - lo) * OVERHANG : MAX (fabs (hi) * 0.05, 0.001);
  *low = lo - pad;
  *high = hi + pad;
  return TRUE;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *colour)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *colour,
             double         x,
             double         y,
             double         width,
             double         height)
{
  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* A limit's label centred under its tick, kept inside the widget. */
static void
append_tick_label (LcGaugeValueBar *self,
                   GtkSnapshot     *snapshot,
                   const char      *text,
                   double           x,
                   double           y,
                   int              width,
                   const GdkRGBA   *colour)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, PANGO_SCALE_SMALL, FALSE);
  int text_width;

  pango_layout_get_pixel_size (layout, &text_width, NULL);
  x = CLAMP (x - text_width / 2.0, 0, MAX (0, width - text_width));
  append_text (snapshot, layout, x, y, colour);
}

static void
lc_gauge_value_bar_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (widget);
  int width = gtk_widget_get_width (widget);
  double lsl = spec_value (self, lc_characteristic_get_lsl);
  double usl = spec_value (self, lc_characteristic_get_usl);
  double nominal = spec_value (self, lc_characteristic_get_nominal);
  double value = lc_gauge_value_bar_get_value (self);
  LcGaugeZone zone = lc_gauge_value_bar_get_zone (self);
  LcGaugeState state = current_state (self);
  gboolean fresh = state == LC_GAUGE_STATE_LIVE;
  g_autofree char *value_text = lc_gauge_value_bar_dup_value_text (self);
  g_autofree char *state_text = lc_gauge_value_bar_dup_state_text (self);
  /* The demo's names are translated like any message; a name a user typed passes through. */
  const char *name = self->characteristic != NULL ? _(lc_characteristic_get_name (self->characteristic)) : "";
  g_autoptr(PangoLayout) name_layout = make_layout (self, name, 1.1, TRUE);
  g_autoptr(PangoLayout) value_layout = make_layout (self, value_text, 1.6, TRUE);
  g_autoptr(PangoLayout) state_layout = make_layout (self, state_text, PANGO_SCALE_SMALL, FALSE);
  GdkRGBA fg, dim, value_colour, marker_colour, track, band, near;
  int value_width, value_height, name_height, small_height;
  double bar_x = PADDING, bar_w = width - 2 * PADDING, y, low, high;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.55;
  track = fg;
  track.alpha *= 0.12;
  band = colour_in;
  band.alpha = 0.35;
  near = colour_near;
  near.alpha = 0.45;

  switch (zone)
    {
    case LC_GAUGE_ZONE_IN:   marker_colour = colour_in; break;
    case LC_GAUGE_ZONE_NEAR: marker_colour = colour_near; break;
    case LC_GAUGE_ZONE_OUT:  marker_colour = colour_out; break;
    case LC_GAUGE_ZONE_NONE:
    default:                 marker_colour = fg; break;
    }
  /* An old value is shown, but faded: nobody should take it for the part on the bench. */
  value_colour = zone == LC_GAUGE_ZONE_OUT ? colour_out : fg;
  if (!fresh)
    {
      value_colour.alpha *= 0.45;
      marker_colour.alpha *= 0.45;
    }

  /* Name and value. */
  pango_layout_get_pixel_size (value_layout, &value_width, &value_height);
  pango_layout_get_pixel_size (name_layout, NULL, &name_height);
  pango_layout_set_width (name_layout, MAX (0, width - 2 * PADDING - value_width - 12) * PANGO_SCALE);
  pango_layout_set_ellipsize (name_layout, PANGO_ELLIPSIZE_END);
  y = PADDING;
  append_text (snapshot, name_layout, PADDING, y + (value_height - name_height) / 2.0, &fg);
  append_text (snapshot, value_layout, width - PADDING - value_width, y, &value_colour);
  y += value_height + GAP;

  /* The bar. */
  append_rect (snapshot, &track, bar_x, y, bar_w, BAR_HEIGHT);
  if (bar_w > 0 && bar_range (lsl, nominal, usl, value, &low, &high))
    {
      g_autoptr(PangoLayout) probe = make_layout (self, "0", PANGO_SCALE_SMALL, FALSE);
      double span = high - low;
      double x_lsl = bar_x + (isnan (lsl) ? 0 : (lsl - low) / span * bar_w);
      double x_usl = bar_x + (isnan (usl) ? bar_w : (usl - low) / span * bar_w);
      double label_y = y + BAR_HEIGHT + 2;
      int decimals = self->characteristic != NULL ? (int) lc_characteristic_get_decimals (self->characteristic) : 3;

      append_rect (snapshot, &band, x_lsl, y, x_usl - x_lsl, BAR_HEIGHT);
      if (!isnan (lsl) && !isnan (usl))
        {
          double near_w = (x_usl - x_lsl) * NEAR_FRACTION;

          append_rect (snapshot, &near, x_lsl, y, near_w, BAR_HEIGHT);
          append_rect (snapshot, &near, x_usl - near_w, y, near_w, BAR_HEIGHT);
        }
      if (!isnan (lsl))
        {
          g_autofree char *label = NULL;
          g_autofree char *number = lc_gauge_format_value (lsl, decimals);

          append_rect (snapshot, &fg, x_lsl - 1, y - 2, 2, BAR_HEIGHT + 4);
          label = g_strdup_printf (_("LSL %s"), number);
          append_tick_label (self, snapshot, label, x_lsl, label_y, width, &dim);
        }
      if (!isnan (usl))
        {
          g_autofree char *label = NULL;
          g_autofree char *number = lc_gauge_format_value (usl, decimals);

          append_rect (snapshot, &fg, x_usl - 1, y - 2, 2, BAR_HEIGHT + 4);
          label = g_strdup_printf (_("USL %s"), number);
          append_tick_label (self, snapshot, label, x_usl, label_y, width, &dim);
        }
      if (!isnan (nominal) && nominal > low && nominal < high)
        {
          double x_nom = bar_x + (nominal - low) / span * bar_w;

          append_rect (snapshot, &dim, x_nom - 0.5, y, 1, BAR_HEIGHT);
          /* The nominal's label only where it does not run into a limit's. */
          if (x_nom - x_lsl > 90 && x_usl - x_nom > 90)
            {
              g_autofree char *number = lc_gauge_format_value (nominal, decimals);

              append_tick_label (self, snapshot, number, x_nom, label_y, width, &dim);
            }
        }
      if (!isnan (value))
        {
          /* Beyond the bar's ends the marker waits at the end, as a wider block. */
          double x = bar_x + (value - low) / span * bar_w;
          double marker_w = (x < bar_x || x > bar_x + bar_w) ? 8 : 4;

          x = CLAMP (x, bar_x + marker_w / 2, bar_x + bar_w - marker_w / 2);
          append_rect (snapshot, &marker_colour, x - marker_w / 2, y - 4, marker_w, BAR_HEIGHT + 8);
        }
      small_height = layout_height (probe);
      y = label_y + small_height + GAP;
    }
  else
    {
      g_autoptr(PangoLayout) probe = make_layout (self, "0", PANGO_SCALE_SMALL, FALSE);

      small_height = layout_height (probe);
      y += BAR_HEIGHT + 2 + small_height + GAP;
    }

  /* The state, in words. */
  pango_layout_set_width (state_layout, MAX (0, width - 2 * PADDING) * PANGO_SCALE);
  pango_layout_set_ellipsize (state_layout, PANGO_ELLIPSIZE_END);
  append_text (snapshot, state_layout, PADDING, y,
               state == LC_GAUGE_STATE_ERROR ? &colour_out : &dim);
}

static void
disconnect_channel (LcGaugeValueBar *self)
{
  if (self->channel == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->channel, self);
  g_clear_object (&self->channel);
}

static void
disconnect_characteristic (LcGaugeValueBar *self)
{
  if (self->characteristic == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->characteristic, self);
  g_clear_object (&self->characteristic);
}

static void
lc_gauge_value_bar_map (GtkWidget *widget)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (widget);

  GTK_WIDGET_CLASS (lc_gauge_value_bar_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
lc_gauge_value_bar_unmap (GtkWidget *widget)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (lc_gauge_value_bar_parent_class)->unmap (widget);
}

static void
lc_gauge_value_bar_dispose (GObject *object)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  disconnect_channel (self);
  disconnect_characteristic (self);
  g_clear_pointer (&self->manual_state, g_free);

  G_OBJECT_CLASS (lc_gauge_value_bar_parent_class)->dispose (object);
}

static void
lc_gauge_value_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (object);

  switch (prop_id)
    {
    case PROP_CHARACTERISTIC:
      g_value_set_object (value, self->characteristic);
      break;
    case PROP_CHANNEL:
      g_value_set_object (value, self->channel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_value_bar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LcGaugeValueBar *self = LC_GAUGE_VALUE_BAR (object);

  switch (prop_id)
    {
    case PROP_CHARACTERISTIC:
      lc_gauge_value_bar_set_characteristic (self, g_value_get_object (value));
      break;
    case PROP_CHANNEL:
      lc_gauge_value_bar_set_channel (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_value_bar_class_init (LcGaugeValueBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_gauge_value_bar_dispose;
  object_class->get_property = lc_gauge_value_bar_get_property;
  object_class->set_property = lc_gauge_value_bar_set_property;
  widget_class->measure = lc_gauge_value_bar_measure;
  widget_class->snapshot = lc_gauge_value_bar_snapshot;
  widget_class->map = lc_gauge_value_bar_map;
  widget_class->unmap = lc_gauge_value_bar_unmap;

  properties[PROP_CHARACTERISTIC] =
    g_param_spec_object ("characteristic", NULL, NULL, LC_TYPE_CHARACTERISTIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] =
    g_param_spec_object ("channel", NULL, NULL, LC_TYPE_GAUGE_CHANNEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lcgaugevaluebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
lc_gauge_value_bar_init (LcGaugeValueBar *self)
{
  self->manual_value = NAN;
  update_tooltip (self);
}

GtkWidget *
lc_gauge_value_bar_new (LcCharacteristic *characteristic)
{
  g_return_val_if_fail (characteristic == NULL || LC_IS_CHARACTERISTIC (characteristic), NULL);

  return g_object_new (LC_TYPE_GAUGE_VALUE_BAR, "characteristic", characteristic, NULL);
}

LcCharacteristic *
lc_gauge_value_bar_get_characteristic (LcGaugeValueBar *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), NULL);
  return self->characteristic;
}

void
lc_gauge_value_bar_set_characteristic (LcGaugeValueBar  *self,
                                       LcCharacteristic *characteristic)
{
  g_return_if_fail (LC_IS_GAUGE_VALUE_BAR (self));
  g_return_if_fail (characteristic == NULL || LC_IS_CHARACTERISTIC (characteristic));

  if (self->characteristic == characteristic)
    return;
  disconnect_characteristic (self);
  if (characteristic != NULL)
    {
      self->characteristic = g_object_ref (characteristic);
      /* The specification can be edited while the bar shows it. */
      g_signal_connect_swapped (characteristic, "notify", G_CALLBACK (on_changed), self);
    }
  on_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTERISTIC]);
}

LcGaugeChannel *
lc_gauge_value_bar_get_channel (LcGaugeValueBar *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_VALUE_BAR (self), NULL);
  return self->channel;
}

void
lc_gauge_value_bar_set_channel (LcGaugeValueBar *self,
                                LcGaugeChannel  *channel)
{
  g_return_if_fail (LC_IS_GAUGE_VALUE_BAR (self));
  g_return_if_fail (channel == NULL || LC_IS_GAUGE_CHANNEL (channel));

  if (self->channel == channel)
    return;
  disconnect_channel (self);
  if (channel != NULL)
    {
      self->channel = g_object_ref (channel);
      g_signal_connect_swapped (channel, "notify::value", G_CALLBACK (on_changed), self);
      g_signal_connect_swapped (channel, "notify::state", G_CALLBACK (on_changed), self);
      g_signal_connect_swapped (channel, "notify::last-error", G_CALLBACK (on_changed), self);
    }
  on_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

void
lc_gauge_value_bar_set_value (LcGaugeValueBar *self,
                              double           value)
{
  g_return_if_fail (LC_IS_GAUGE_VALUE_BAR (self));

  self->manual_value = value;
  if (self->channel == NULL)
    on_changed (self);
}

void
lc_gauge_value_bar_set_state_text (LcGaugeValueBar *self,
                                   const char      *text)
{
  g_return_if_fail (LC_IS_GAUGE_VALUE_BAR (self));

  if (g_strcmp0 (self->manual_state, text) == 0)
    return;
  g_free (self->manual_state);
  self->manual_state = g_strdup (text);
  if (self->channel == NULL)
    on_changed (self);
}

#include "lc-config.h"

#include <math.h>
#include <string.h>

#include "lc-channel-combo-row.h"
#include "lc-gauge-channel-row.h"
#include "lc-gauge-device.h"
#include "lc-gauge-value-bar.h"
#include "lc-gauges-view.h"
#include "lc-verdict-outputs-group.h"
#include "test-ui-helpers.h"

/* The gauge widgets on their own: made, shown and destroyed, and what they say. */

static LcCharacteristic *
bore_characteristic (void)
{
  LcCharacteristic *characteristic = lc_characteristic_new ("Bore");

  lc_characteristic_set_nominal (characteristic, 12.0);
  lc_characteristic_set_lsl (characteristic, 11.99);
  lc_characteristic_set_usl (characteristic, 12.01);
  lc_characteristic_set_unit (characteristic, "mm");
  lc_characteristic_set_decimals (characteristic, 3);
  return characteristic;
}

static void
test_value_bar_new_destroy (void)
{
  GtkWidget *bar = g_object_ref_sink (lc_gauge_value_bar_new (NULL));

  g_assert_true (isnan (lc_gauge_value_bar_get_value (LC_GAUGE_VALUE_BAR (bar))));
  g_assert_cmpint (lc_gauge_value_bar_get_zone (LC_GAUGE_VALUE_BAR (bar)), ==, LC_GAUGE_ZONE_NONE);
  g_assert_finalize_object (bar);
}

static void
test_zone_of (void)
{
  /* Tolerance 0.02: the tenth nearest each limit is "near". */
  g_assert_cmpint (lc_gauge_zone_of (12.000, 11.99, 12.01), ==, LC_GAUGE_ZONE_IN);
  g_assert_cmpint (lc_gauge_zone_of (12.009, 11.99, 12.01), ==, LC_GAUGE_ZONE_NEAR);
  g_assert_cmpint (lc_gauge_zone_of (11.991, 11.99, 12.01), ==, LC_GAUGE_ZONE_NEAR);
  g_assert_cmpint (lc_gauge_zone_of (12.011, 11.99, 12.01), ==, LC_GAUGE_ZONE_OUT);
  g_assert_cmpint (lc_gauge_zone_of (11.989, 11.99, 12.01), ==, LC_GAUGE_ZONE_OUT);
  /* One-sided: only in or out. */
  g_assert_cmpint (lc_gauge_zone_of (4.0, NAN, 5.0), ==, LC_GAUGE_ZONE_IN);
  /* One-sided: near within an eighth of the way from the limit to zero, as on the Inspect page. */
  g_assert_cmpint (lc_gauge_zone_of (4.99, NAN, 5.0), ==, LC_GAUGE_ZONE_NEAR);
  g_assert_cmpint (lc_gauge_zone_of (5.01, NAN, 5.0), ==, LC_GAUGE_ZONE_OUT);
  g_assert_cmpint (lc_gauge_zone_of (NAN, 11.99, 12.01), ==, LC_GAUGE_ZONE_NONE);
  g_assert_cmpint (lc_gauge_zone_of (3.0, NAN, NAN), ==, LC_GAUGE_ZONE_NONE);
}

static void
test_value_bar_manual (void)
{
  g_autoptr(LcCharacteristic) characteristic = bore_characteristic ();
  GtkWidget *window = gtk_window_new ();
  LcGaugeValueBar *bar = LC_GAUGE_VALUE_BAR (lc_gauge_value_bar_new (characteristic));
  g_autofree char *empty = NULL;
  g_autofree char *value = NULL;
  g_autofree char *state = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bar));
  gtk_window_present (GTK_WINDOW (window));
  empty = lc_gauge_value_bar_dup_value_text (bar);
  g_assert_cmpstr (empty, ==, "—");

  lc_gauge_value_bar_set_value (bar, 12.0123);
  lc_test_iterate (50);
  value = lc_gauge_value_bar_dup_value_text (bar);
  state = lc_gauge_value_bar_dup_state_text (bar);
  g_assert_cmpstr (value, ==, "12.012 mm");
  g_assert_cmpstr (state, ==, "Manual entry");
  g_assert_cmpint (lc_gauge_value_bar_get_zone (bar), ==, LC_GAUGE_ZONE_OUT);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (bar)), >, 40);

  /* Widening the specification recolours the same value. */
  lc_characteristic_set_usl (characteristic, 12.1);
  g_assert_cmpint (lc_gauge_value_bar_get_zone (bar), ==, LC_GAUGE_ZONE_IN);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_value_bar_follows_channel (void)
{
  g_autoptr(LcCharacteristic) characteristic = bore_characteristic ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Caliper", LC_GAUGE_KIND_KEYBOARD);
  g_autoptr(LcGaugeChannel) channel = lc_gauge_channel_new ("Value");
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  LcGaugeValueBar *bar = LC_GAUGE_VALUE_BAR (lc_gauge_value_bar_new (characteristic));
  g_autofree char *value = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_state = NULL;

  lc_gauge_channel_set_unit (channel, "mm");
  lc_gauge_device_add_channel (device, channel);
  lc_gauge_value_bar_set_channel (bar, channel);
  /* A hand-set value does not hide that the channel has none. */
  lc_gauge_value_bar_set_value (bar, 3.0);
  g_assert_true (isnan (lc_gauge_value_bar_get_value (bar)));

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bar));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (lc_gauge_channel_push_text (channel, "12.0087", &error));
  g_assert_no_error (error);
  lc_test_iterate (50);
  value = lc_gauge_value_bar_dup_value_text (bar);
  state = lc_gauge_value_bar_dup_state_text (bar);
  g_assert_cmpstr (value, ==, "12.009 mm");
  g_assert_cmpstr (state, ==, "Live");
  g_assert_cmpint (lc_gauge_value_bar_get_zone (bar), ==, LC_GAUGE_ZONE_NEAR);

  /* Garbage from the gauge: the last value stays, the state says why. */
  g_assert_false (lc_gauge_channel_push_text (channel, "ERR", &error));
  g_clear_error (&error);
  error_state = lc_gauge_value_bar_dup_state_text (bar);
  g_assert_true (g_str_has_prefix (error_state, "Error: "));
  g_assert_cmpfloat_with_epsilon (lc_gauge_value_bar_get_value (bar), 12.0087, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
  /* The bar let go of the channel's signals when it went. */
  g_assert_true (lc_gauge_channel_push_text (channel, "12.0", &error));
}

static void
test_channel_row_new_destroy (void)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Hub", LC_GAUGE_KIND_MODBUS_TCP);
  g_autoptr(LcGaugeChannel) channel = lc_gauge_channel_new ("Bore");
  LcGaugeRegister reg;
  GtkWidget *row;

  lc_gauge_register_init (&reg);
  reg.address = 99;
  lc_gauge_channel_set_register (channel, &reg);
  lc_gauge_device_add_channel (device, channel);
  row = g_object_ref_sink (lc_gauge_channel_row_new (bench, device, channel));
  g_assert_true (lc_gauge_channel_row_get_channel (LC_GAUGE_CHANNEL_ROW (row)) == channel);
  /* Both numbers, so nobody is off by one. */
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "40100 (address 99)"));
  g_assert_cmpstr (lc_gauge_channel_row_get_test_raw (LC_GAUGE_CHANNEL_ROW (row)), ==, "—");
  g_assert_finalize_object (row);
}

static void
test_gauges_view_new_destroy (void)
{
  GtkWidget *view = g_object_ref_sink (lc_gauges_view_new ());

  g_assert_null (lc_gauges_view_get_bench (LC_GAUGES_VIEW (view)));
  g_assert_finalize_object (view);
}

static void
test_channel_combo_row_new_destroy (void)
{
  GtkWidget *row = g_object_ref_sink (lc_channel_combo_row_new ());
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  /* Without a bench: manual entry only; an id it cannot find stays, named, not dropped. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 1);
  lc_channel_combo_row_set_channel_id (LC_CHANNEL_COMBO_ROW (row), 42);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_cmpint (lc_channel_combo_row_get_channel_id (LC_CHANNEL_COMBO_ROW (row)), ==, 42);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_cmpint (lc_channel_combo_row_get_channel_id (LC_CHANNEL_COMBO_ROW (row)), ==, 0);
  g_assert_finalize_object (row);
}

static void
test_verdict_outputs_group_new_destroy (void)
{
  g_autoptr(LcPartType) part = lc_part_type_new ("P-1", "Part");
  GtkWidget *group = g_object_ref_sink (lc_verdict_outputs_group_new ());

  lc_part_type_set_outputs (part, "{\"fail\": [{\"channel\": 7, \"value\": 1, \"pulse_ms\": 500}]}");
  lc_verdict_outputs_group_edit (LC_VERDICT_OUTPUTS_GROUP (group), NULL, part);
  /* Loading writes nothing back. */
  g_assert_cmpstr (lc_part_type_get_outputs (part), ==, "{\"fail\": [{\"channel\": 7, \"value\": 1, \"pulse_ms\": 500}]}");
  lc_verdict_outputs_group_edit (LC_VERDICT_OUTPUTS_GROUP (group), NULL, NULL);
  g_assert_finalize_object (group);
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add_func ("/gauge-widgets/value-bar/new-destroy", test_value_bar_new_destroy);
  g_test_add_func ("/gauge-widgets/value-bar/zone-of", test_zone_of);
  g_test_add_func ("/gauge-widgets/value-bar/manual-value", test_value_bar_manual);
  g_test_add_func ("/gauge-widgets/value-bar/follows-channel", test_value_bar_follows_channel);
  g_test_add_func ("/gauge-widgets/channel-row/new-destroy", test_channel_row_new_destroy);
  g_test_add_func ("/gauge-widgets/gauges-view/new-destroy", test_gauges_view_new_destroy);
  g_test_add_func ("/gauge-widgets/channel-combo-row/new-destroy", test_channel_combo_row_new_destroy);
  g_test_add_func ("/gauge-widgets/verdict-outputs-group/new-destroy", test_verdict_outputs_group_new_destroy);

  return g_test_run ();
}

#include "lc-config.h"

#include <sqlite3.h>
#include <string.h>

#include "lc-channel-combo-row.h"
#include "lc-characteristic-row.h"
#include "lc-gauge-channel-row.h"
#include "lc-gauges-view.h"
#include "lc-part-editor.h"
#include "lc-test-peers.h"
#include "test-ui-helpers.h"

/* Setting up a bench as an integrator does: a Modbus TCP gauge (a real libmodbus server on
 * loopback) added on the Gauges view, a channel tried with Test read, the device saved, and
 * a characteristic bound to the channel in the part editor; the database is checked. */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With LC_TEST_SHOTS=DIR, the screen (Xvfb) is saved as DIR/NAME to be looked at. */
static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *dir = g_getenv ("LC_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  lc_test_iterate (1500);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static gboolean
test_read_done (gpointer row)
{
  const char *decoded = lc_gauge_channel_row_get_test_decoded (row);

  return g_strcmp0 (decoded, "—") != 0 && g_strcmp0 (decoded, "Reading…") != 0;
}

static gint64
query_int (LcStore    *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, NULL);
  gint64 value = -1;

  g_assert_nonnull (stmt);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static char *
query_text (LcStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
test_add_modbus_gauge_test_read_and_bind (void)
{
  /* float32 123.456 in ABCD order at holding address 10 (manual: 40011). */
  const char *server_args[] = { "--set", "holding:10=0x42f6,0xe979", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, server_args);
  g_autofree char *dir = g_dir_make_tmp ("lc-test-gauges-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  g_autoptr(LcPartType) part = lc_part_type_new ("BSH-1", "Bushing");
  g_autoptr(LcCharacteristic) bore = lc_characteristic_new ("Bore");
  g_autoptr(LcPartType) reloaded = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *row, *editor, *characteristic_row;
  LcChannelComboRow *combo;
  LcGaugeChannel *channel;
  gint64 channel_id;

  g_assert_no_error (error);
  lc_characteristic_set_lsl (bore, 123.4);
  lc_characteristic_set_usl (bore, 123.5);
  lc_characteristic_set_unit (bore, "mm");
  lc_part_type_add_characteristic (part, bore);
  g_assert_true (lc_part_type_save (part, store, &error));
  g_assert_no_error (error);

  view = g_object_new (LC_TYPE_GAUGES_VIEW, "store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* Add a Modbus TCP gauge: it opens with its first channel. */
  g_assert_true (gtk_widget_activate_action (view, "gauges.add-device", "s", "modbus-tcp"));
  gtk_editable_set_text (GTK_EDITABLE (lc_test_child (view, LC_TYPE_GAUGES_VIEW, "name_row")), "Bore hub");
  gtk_editable_set_text (GTK_EDITABLE (lc_test_child (view, LC_TYPE_GAUGES_VIEW, "host_row")), "127.0.0.1");
  gtk_spin_button_set_value (lc_test_child (view, LC_TYPE_GAUGES_VIEW, "port_spin"), server->port);
  gtk_spin_button_set_value (lc_test_child (view, LC_TYPE_GAUGES_VIEW, "timeout_spin"), 2000);

  row = find_descendant (view, LC_TYPE_GAUGE_CHANNEL_ROW);
  g_assert_nonnull (row);
  channel = lc_gauge_channel_row_get_channel (LC_GAUGE_CHANNEL_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "name_row")), "Bore");
  gtk_spin_button_set_value (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "address_spin"), 10);
  adw_combo_row_set_selected (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "type_row"), LC_GAUGE_DATA_FLOAT32);
  adw_combo_row_set_selected (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "order_row"), LC_GAUGE_ORDER_ABCD);
  gtk_editable_set_text (GTK_EDITABLE (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "unit_row")), "mm");
  /* Both numbers are shown: 0-based 10 is the manual's 40011. */
  subtitle = g_strdup (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
  g_assert_nonnull (strstr (subtitle, "40011 (address 10)"));
  g_assert_nonnull (strstr (subtitle, "float32 ABCD"));

  /* Test read before saving: raw registers beside the decoded value. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_emit_by_name (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "test_button"), "clicked");
  if (!lc_test_wait_for (test_read_done, row))
    g_error ("Test read: raw “%s”, decoded “%s”", lc_gauge_channel_row_get_test_raw (LC_GAUGE_CHANNEL_ROW (row)), lc_gauge_channel_row_get_test_decoded (LC_GAUGE_CHANNEL_ROW (row)));
  g_assert_cmpstr (lc_gauge_channel_row_get_test_raw (LC_GAUGE_CHANNEL_ROW (row)), ==,
                   "17142 (0x42F6)\n59769 (0xE979)");
  g_assert_cmpstr (lc_gauge_channel_row_get_test_decoded (LC_GAUGE_CHANNEL_ROW (row)), ==, "123.456 mm");
  gtk_widget_grab_focus (GTK_WIDGET (lc_test_child (row, LC_TYPE_GAUGE_CHANNEL_ROW, "test_button")));
  save_shot (window, "gauges-test-read.png");

  /* Save: device and channel rows in the database. */
  g_assert_true (gtk_widget_activate_action (view, "gauges.save", NULL));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM device WHERE name = ? AND kind = 'modbus-tcp'", "Bore hub"), ==, 1);
  settings = query_text (store, "SELECT settings FROM device");
  g_assert_nonnull (strstr (settings, "127.0.0.1"));
  channel_id = lc_gauge_channel_get_id (channel);
  g_assert_cmpint (channel_id, >, 0);
  g_assert_cmpint (query_int (store, "SELECT address FROM channel WHERE name = ? AND data_type = 'float32'"
                                     " AND word_order = 'ABCD' AND register_table = 'holding'", "Bore"), ==, 10);

  /* Bind the characteristic to the channel in the part editor, and save the part type. */
  editor = lc_part_editor_new ();
  gtk_window_set_child (GTK_WINDOW (window), editor);
  lc_part_editor_set_store (LC_PART_EDITOR (editor), store);
  lc_part_editor_edit (LC_PART_EDITOR (editor), part);
  lc_test_iterate (50);
  characteristic_row = find_descendant (editor, LC_TYPE_CHARACTERISTIC_ROW);
  g_assert_nonnull (characteristic_row);
  combo = lc_test_child (characteristic_row, LC_TYPE_CHARACTERISTIC_ROW, "channel_row");
  g_assert_cmpint (lc_channel_combo_row_get_channel_id (combo), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (combo))), 1),
                   ==, "Bore hub · Bore");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  g_assert_true (lc_part_editor_is_dirty (LC_PART_EDITOR (editor)));
  g_assert_true (lc_part_editor_save (LC_PART_EDITOR (editor), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT channel_id FROM characteristic WHERE name = ?", "Bore"), ==, channel_id);
  reloaded = lc_part_type_load_by_code (store, "BSH-1", &error);
  g_assert_no_error (error);

  /* Back to manual entry. */
  lc_part_editor_edit (LC_PART_EDITOR (editor), reloaded);
  lc_test_iterate (50);
  characteristic_row = find_descendant (editor, LC_TYPE_CHARACTERISTIC_ROW);
  combo = lc_test_child (characteristic_row, LC_TYPE_CHARACTERISTIC_ROW, "channel_row");
  g_assert_cmpint (lc_channel_combo_row_get_channel_id (combo), ==, channel_id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  g_assert_true (lc_part_editor_save (LC_PART_EDITOR (editor), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM characteristic WHERE name = ? AND channel_id IS NULL", "Bore"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  lc_test_server_kill (server);
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add_func ("/ui/gauges/add-modbus-gauge-test-read-save-and-bind", test_add_modbus_gauge_test_read_and_bind);

  return g_test_run ();
}

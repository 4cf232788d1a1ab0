#include "lc-config.h"

#include <math.h>
#include <string.h>

#include "lc-control-chart.h"
#include "lc-dashboard-page.h"
#include "lc-defect-map-view.h"
#include "lc-demo.h"
#include "lc-operator.h"
#include "lc-pareto-chart.h"
#include "test-ui-helpers.h"
#include "../store/test-helpers.h"

/* The Dashboard page on the demo database under Xvfb: the drift and the shift show as rule
 * violations, the B-104 dents as one hot spot on the defect map, the filters change what is
 * shown, and a new record redraws the page by itself within a second. */

typedef struct
{
  char            *dir;
  LcStore         *store;
  GtkWindow       *window;
  LcDashboardPage *page;
} Fixture;

static gboolean
refreshed (gpointer data)
{
  return lc_dashboard_page_get_n_refreshes (data) > 0;
}

static void
show_part (Fixture    *fixture,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part = lc_part_type_load_by_code (fixture->store, code, &error);
  guint before = lc_dashboard_page_get_n_refreshes (fixture->page);

  g_assert_no_error (error);
  lc_page_set_part_type (LC_PAGE (fixture->page), part);
  while (lc_dashboard_page_get_n_refreshes (fixture->page) == before)
    lc_test_iterate (10);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("lc-test-dashboard-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_demo_seed (fixture->store, lc_store_now (), &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1366, 768);
  fixture->page = LC_DASHBOARD_PAGE (lc_dashboard_page_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  lc_page_set_store (LC_PAGE (fixture->page), fixture->store);
  gtk_window_present (fixture->window);
  show_part (fixture, LC_DEMO_BUSHING);
  g_assert_true (lc_test_wait_for (refreshed, fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  lc_test_iterate (20);
  g_clear_object (&fixture->store);
  lc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* With LC_TEST_SCREENSHOTS=DIR, the page as drawn is saved there, to be looked at. */
static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  const char *dir = g_getenv ("LC_TEST_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  lc_test_iterate (200);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Points of the full chart whose readout names @lot (NULL: any) and that break a rule. */
static guint
count_violations (LcControlChart *chart,
                  const char     *lot,
                  guint          *n_points)
{
  g_autofree char *needle = lot != NULL ? g_strdup_printf ("Lot %s\n", lot) : NULL;
  guint n = 0;

  *n_points = 0;
  for (guint i = 0; i < lc_control_chart_get_n_points (chart); i++)
    {
      const char *readout = lc_control_chart_get_readout (chart, i);

      if (needle != NULL && strstr (readout, needle) == NULL)
        continue;
      (*n_points)++;
      if (lc_control_chart_get_violations (chart, i) != 0)
        {
          /* The readout says which rule, in words. */
          g_assert_nonnull (strstr (readout, "Rule "));
          n++;
        }
    }
  return n;
}

static void
select_in_dropdown (GtkDropDown *dropdown,
                    const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      {
        gtk_drop_down_set_selected (dropdown, i);
        lc_test_iterate (50);
        return;
      }
  g_assert_not_reached ();
}

static void
test_drift_and_shift (Fixture       *fixture,
                      gconstpointer  data)
{
  LcControlChart *chart = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "detail_chart");
  GtkStack *stack = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "stack");
  guint early, late, n_early, n_late;

  save_screenshot (fixture, "dashboard-overview.png");
  /* The drift: tool wear pushes the outer diameter up through the last two lots. */
  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Outer diameter"));
  lc_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "detail");
  g_assert_cmpuint (lc_control_chart_get_n_points (chart), >, 200);
  late = count_violations (chart, "A-105", &n_late);
  early = count_violations (chart, "A-102", &n_early);
  g_assert_cmpuint (n_late, >, 30);
  g_assert_cmpuint (late, >, 10);
  /* Limits from all lots put the early lots below the centre too, so they carry some
   * run-rule points; the drifted lot carries far more. */
  g_assert_cmpfloat ((double) late / n_late, >, 1.5 * early / MAX (n_early, 1));

  /* The shift: the bore runs high from lot A-103 on. */
  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Bore diameter"));
  lc_test_iterate (50);
  late = count_violations (chart, "A-103", &n_late);
  g_assert_cmpuint (n_late, >, 30);
  g_assert_cmpuint (late, >, 3);
  g_assert_cmpuint (count_violations (chart, "A-104", &n_late) + count_violations (chart, "A-105", &n_late), >, 3);
  save_screenshot (fixture, "dashboard-detail.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "dashboard.back", NULL);
  lc_test_iterate (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "overview");
}

static void
test_dent_cluster_on_map (Fixture       *fixture,
                          gconstpointer  data)
{
  LcDefectMapView *map = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "defect_map");
  LcParetoChart *pareto = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "pareto_chart");
  GtkDropDown *lots = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "lot_dropdown");
  double x, y;
  float count;
  guint n;

  show_part (fixture, LC_DEMO_BRACKET);
  select_in_dropdown (lots, LC_DEMO_DENTED_LOT);

  /* Most of the lot's parts dented at one spot: the map's hottest cell holds nearly all. */
  n = lc_defect_map_view_get_n_regions (map);
  g_assert_cmpuint (n, >, 100);
  g_assert_true (lc_defect_map_view_get_peak (map, &x, &y, &count));
  g_assert_cmpfloat (count, >, 0.8 * n);
  g_assert_cmpstr (lc_pareto_chart_get_name (pareto, 0), ==, "Dent");
  save_screenshot (fixture, "dashboard-b104.png");

  /* Another lot: a handful of defects and no pile. */
  select_in_dropdown (lots, "B-102");
  g_assert_cmpuint (lc_defect_map_view_get_n_regions (map), <, 20);
  if (lc_defect_map_view_get_peak (map, &x, &y, &count))
    g_assert_cmpfloat (count, <=, 3.0f);
}

static void
test_filters_change_points (Fixture       *fixture,
                            gconstpointer  data)
{
  LcControlChart *chart = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "detail_chart");
  GtkDropDown *lots = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "lot_dropdown");
  GtkDropDown *range = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "range_dropdown");
  guint all, in_lot, n;

  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Length"));
  all = lc_control_chart_get_n_points (chart);

  select_in_dropdown (lots, "A-101");
  in_lot = lc_control_chart_get_n_points (chart);
  g_assert_cmpuint (in_lot, >, 20);
  g_assert_cmpuint (in_lot, <, all / 3);
  count_violations (chart, "A-101", &n);
  g_assert_cmpuint (n, ==, in_lot);   /* every point is of that lot */

  /* The last 24 hours hold fewer points than all time. */
  select_in_dropdown (lots, "All lots");
  gtk_drop_down_set_selected (range, 1);
  lc_test_iterate (50);
  g_assert_cmpuint (lc_control_chart_get_n_points (chart), <, all);
}

/* The controller of @type the chart reacts to taps or keys with. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;   /* the widget keeps its own reference */
    }
  g_assert_not_reached ();
}

/* A touch panel has no hover: a tap on a point shows its readout in the panel beside the
 * chart; the focused chart steps through the points with Left and Right. */
static void
test_tap_and_keys_read_points_out (Fixture       *fixture,
                                   gconstpointer  data)
{
  LcControlChart *chart = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "detail_chart");
  LcControlChart *ranges = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "dispersion_chart");
  GtkLabel *readout = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "readout_label");
  GtkEventController *click, *keys;
  int height, width, x, target;
  gboolean handled = FALSE;

  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Outer diameter"));
  lc_test_iterate (100);
  g_assert_cmpint (lc_control_chart_get_selected (chart), ==, -1);
  g_assert_null (strstr (gtk_label_get_text (readout), "Point"));

  /* Tap the point in the middle of the chart: find where it is drawn. */
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (width, >, 300);
  target = lc_control_chart_point_at (chart, width / 2.0, height / 2.0);
  g_assert_cmpint (target, >, 0);
  for (x = 0; x < width && lc_control_chart_point_at (chart, x, height / 2.0) != target; x++)
    ;
  click = find_controller (GTK_WIDGET (chart), GTK_TYPE_GESTURE_CLICK);
  g_signal_emit_by_name (click, "pressed", 1, (double) x, height / 2.0);
  lc_test_iterate (20);
  g_assert_cmpint (lc_control_chart_get_selected (chart), ==, target);
  g_assert_cmpstr (gtk_label_get_text (readout), ==, lc_control_chart_get_readout (chart, target));
  g_assert_nonnull (strstr (gtk_label_get_text (readout), "Lot A-"));
  g_assert_nonnull (strstr (gtk_label_get_text (readout), "Operator "));
  g_assert_nonnull (strstr (gtk_label_get_text (readout), "Serial A-"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));

  /* Right, Right, Left: one point on. */
  keys = find_controller (GTK_WIDGET (chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_cmpint (lc_control_chart_get_selected (chart), ==, target + 1);
  g_assert_cmpstr (gtk_label_get_text (readout), ==, lc_control_chart_get_readout (chart, target + 1));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, 0, &handled);
  g_assert_cmpint (lc_control_chart_get_selected (chart), ==, (int) lc_control_chart_get_n_points (chart) - 1);

  /* The range chart's points read out the same way; one point is read at a time. */
  lc_control_chart_select_point (ranges, 3);
  g_assert_cmpint (lc_control_chart_get_selected (chart), ==, -1);
  g_assert_cmpstr (gtk_label_get_text (readout), ==, lc_control_chart_get_readout (ranges, 3));
  save_screenshot (fixture, "dashboard-readout.png");
}

/* The QC lead, logged in. */
static gint64
log_in_lead (Fixture *fixture)
{
  gint64 lead = lc_test_query_int (fixture->store, "SELECT id FROM operator WHERE name = 'Zhang Min'");

  g_assert_cmpint (lead, >, 0);
  lc_store_set_actor (fixture->store, lead, "Zhang Min");
  lc_store_set_actor_role (fixture->store, LC_ROLE_LEAD);
  return lead;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The demo's history has run-rule alarms; the QC lead acknowledges the newest with a
 * comment: the store keeps who, when and what, and the list says so. */
static void
test_acknowledge_alarm (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkListBox *alarms = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "alarms_list");
  AdwMessageDialog *dialog = NULL;
  GtkWidget *button;
  gint64 lead = log_in_lead (fixture), before = lc_store_now (), event_id, open_before;
  g_autofree char *sql = NULL;

  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM event WHERE kind = 'spc-rule'"), >, 0);
  open_before = lc_test_query_int (fixture->store, "SELECT count(*) FROM event WHERE acknowledged_at IS NULL"
                                           " AND kind IN ('spc-rule', 'out-of-spec')");
  button = find_button (GTK_WIDGET (alarms), "Acknowledge");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (lc_test_wait_for (dialog_shown, &dialog));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Insert changed");
  adw_message_dialog_response (dialog, "acknowledge");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lc_test_iterate (100);

  event_id = lc_test_query_int (fixture->store, "SELECT id FROM event WHERE acknowledged_at IS NOT NULL");
  g_assert_cmpint (event_id, >, 0);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM event WHERE acknowledged_at IS NULL"
                                              " AND kind IN ('spc-rule', 'out-of-spec')"), ==, open_before - 1);
  sql = g_strdup_printf ("SELECT acknowledged_by FROM event WHERE id = %" G_GINT64_FORMAT, event_id);
  g_assert_cmpint (lc_test_query_int (fixture->store, sql), ==, lead);
  g_free (sql);
  sql = g_strdup_printf ("SELECT acknowledged_at >= %" G_GINT64_FORMAT " AND ack_comment = 'Insert changed'"
                         " FROM event WHERE id = %" G_GINT64_FORMAT, before, event_id);
  g_assert_cmpint (lc_test_query_int (fixture->store, sql), ==, 1);

  /* The list, redrawn by itself, shows who acknowledged it and why. */
  for (gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    lc_test_iterate (20);
  {
    gboolean shown = FALSE;
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (alarms)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_ACTION_ROW (row) && adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) != NULL &&
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "acknowledged by Zhang Min") != NULL &&
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Insert changed") != NULL)
        shown = TRUE;
    g_assert_true (shown);
  }
}

/* Freezing keeps the limits shown, with who and when; new points are then plotted against
 * them (Phase II), and unfreezing goes back to limits from the data. */
static void
test_freeze_and_unfreeze (Fixture       *fixture,
                          gconstpointer  data)
{
  LcControlChart *chart = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "detail_chart");
  GtkButton *freeze = lc_test_child (fixture->page, LC_TYPE_DASHBOARD_PAGE, "freeze_button");
  gint64 lead = log_in_lead (fixture), before = lc_store_now ();
  g_autofree char *sql = NULL;
  guint n_points;

  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Length"));
  lc_test_iterate (50);
  g_assert_cmpstr (gtk_button_get_label (freeze), ==, "Freeze Limits");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "dashboard.freeze", NULL);
  lc_test_iterate (50);
  sql = g_strdup_printf ("SELECT count(*) FROM control_limits WHERE active AND frozen_by = %" G_GINT64_FORMAT
                         " AND frozen_at >= %" G_GINT64_FORMAT " AND characteristic_id ="
                         " (SELECT c.id FROM characteristic c JOIN part_type p ON p.id = c.part_type_id"
                         " WHERE p.code = 'BSH-2040' AND c.name = 'Length')", lead, before);
  g_assert_cmpint (lc_test_query_int (fixture->store, sql), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (freeze), ==, "Unfreeze Limits");

  /* Five new parts far above the frozen centre: one new point, beyond the frozen UCL. */
  n_points = lc_control_chart_get_n_points (chart);
  g_assert_true (lc_store_exec (fixture->store,
                                "WITH p AS (SELECT id FROM part_type WHERE code = 'BSH-2040')"
                                " INSERT INTO inspection (part_type_id, serial, station, started_at, recorded_at, verdict)"
                                " SELECT p.id, 'NEW-' || x.n, 'Bench 1', 0, 1, 'pass' FROM p,"
                                " (SELECT 1 AS n UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5) x", NULL));
  g_assert_true (lc_store_exec (fixture->store,
                                "INSERT INTO measurement (inspection_id, characteristic_id, value, measured_at)"
                                " SELECT i.id, c.id, c.usl + 1.0, 1 FROM inspection i JOIN characteristic c"
                                " ON c.part_type_id = i.part_type_id WHERE i.serial LIKE 'NEW-%' AND c.name = 'Length'",
                                NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "dashboard.back", NULL);
  g_assert_true (lc_dashboard_page_open_characteristic (fixture->page, "Length"));
  lc_test_iterate (50);
  g_assert_cmpuint (lc_control_chart_get_n_points (chart), >=, n_points + 1);
  g_assert_cmpuint (lc_control_chart_get_violations (chart, lc_control_chart_get_n_points (chart) - 1) & LC_SPC_RULE_BIT (1), !=, 0);
  g_assert_nonnull (strstr (lc_control_chart_get_readout (chart, lc_control_chart_get_n_points (chart) - 1), "Rule 1"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "dashboard.freeze", NULL);
  lc_test_iterate (50);
  g_assert_cmpint (lc_test_query_int (fixture->store, sql), ==, 0);
  g_assert_cmpstr (gtk_button_get_label (freeze), ==, "Freeze Limits");
}

/* The Report item writes the capability report of what is shown: a PDF with its pages. */
static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert_true (lc_dashboard_page_save (fixture->page, "pdf", path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A PDF is binary: its objects are counted byte by byte, not as a C string. */
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  /* Summary, the bushing's four characteristics, defects. */
  g_assert_cmpuint (pages, ==, 6);

  /* And the DFQ export of the same filters. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fixture->dir, "export.dfq", NULL);
  g_assert_true (lc_dashboard_page_save (fixture->page, "dfq", path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "K0100 4\r\n"));
}

typedef struct
{
  LcDashboardPage *page;
  guint            before;
} RefreshWait;

static gboolean
refreshed_again (gpointer data)
{
  RefreshWait *wait = data;
  return lc_dashboard_page_get_n_refreshes (wait->page) > wait->before;
}

static void
test_updates_by_itself (Fixture       *fixture,
                        gconstpointer  data)
{
  RefreshWait wait = { fixture->page, lc_dashboard_page_get_n_refreshes (fixture->page) };

  /* A part recorded elsewhere (the inspection page, another process): the store says so. */
  g_assert_true (lc_store_exec (fixture->store,
                                "INSERT INTO inspection (part_type_id, serial, station, started_at, recorded_at,"
                                " verdict) SELECT id, 'NEW-1', 'Bench 1', 0, 1, 'pass' FROM part_type"
                                " WHERE code = 'BSH-2040'", NULL));
  /* How soon is a figure for bench/ (REFRESH_DELAY_MS plus lc-bench-spc's dashboard time), never a
   * timed assertion here: the test machines are shared and noisy. */
  lc_store_notify_changed (fixture->store, "inspection", lc_store_last_insert_id (fixture->store));
  g_assert_true (lc_test_wait_for (refreshed_again, &wait));
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add ("/ui/dashboard/drift-and-shift-are-rule-violations", Fixture, NULL, fixture_set_up,
              test_drift_and_shift, fixture_tear_down);
  g_test_add ("/ui/dashboard/b104-dents-one-spot-on-map", Fixture, NULL, fixture_set_up,
              test_dent_cluster_on_map, fixture_tear_down);
  g_test_add ("/ui/dashboard/filters-change-shown-points", Fixture, NULL, fixture_set_up,
              test_filters_change_points, fixture_tear_down);
  g_test_add ("/ui/dashboard/tap-and-arrow-keys-read-points-out", Fixture, NULL, fixture_set_up,
              test_tap_and_keys_read_points_out, fixture_tear_down);
  g_test_add ("/ui/dashboard/acknowledge-records-who-when-comment", Fixture, NULL, fixture_set_up,
              test_acknowledge_alarm, fixture_tear_down);
  g_test_add ("/ui/dashboard/freeze-and-unfreeze-limits", Fixture, NULL, fixture_set_up,
              test_freeze_and_unfreeze, fixture_tear_down);
  g_test_add ("/ui/dashboard/report-writes-a-pdf-with-pages", Fixture, NULL, fixture_set_up,
              test_report_pdf, fixture_tear_down);
  g_test_add ("/ui/dashboard/redraws-within-a-second-of-a-record", Fixture, NULL, fixture_set_up,
              test_updates_by_itself, fixture_tear_down);

  return g_test_run ();
}

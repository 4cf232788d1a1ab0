#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lc-demo.h"
#include "lc-inspect-page.h"
#include "lc-inspect-value-row.h"
#include "lc-inspection-search.h"
#include "lc-window.h"
#include "../store/test-helpers.h"
#include "test-ui-helpers.h"

/* The Inspect page on the demo database (simulated gauge and camera) under Xvfb: a slice
 * of a shift driven through the page's own widgets and actions, then every record checked
 * in the database. LC_SHOT_DIR=folder saves a picture of the page in each state. */

typedef struct
{
  char          *dir;
  LcStore       *store;
  LcWindow      *window;
  LcInspectPage *page;
} Fixture;

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const int *size = data;

  fixture->dir = g_dir_make_tmp ("lc-test-inspect-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_demo_open (path, &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref (lc_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), size != NULL ? size[0] : 1366,
                               size != NULL ? size[1] : 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->window));
  lc_window_set_page (fixture->window, "inspect");
  fixture->page = LC_INSPECT_PAGE (lc_window_get_page_widget (fixture->window, "inspect"));
  lc_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
  lc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
save_shot (Fixture    *fixture,
           const char *name)
{
  const char *dir = g_getenv ("LC_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  lc_test_iterate (300);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("inspect-%dx%d-%s.png", width, height, name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static LcInspectSession *
session (Fixture *fixture)
{
  return lc_inspect_page_get_session (fixture->page);
}

static gboolean
is_suggested (gpointer data)
{
  Fixture *fixture = data;
  return lc_inspect_session_get_state (session (fixture)) == LC_INSPECT_STATE_SUGGESTED;
}

static void
scan (Fixture    *fixture,
      const char *text)
{
  GtkEntry *entry = lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "scan_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  lc_test_iterate (50);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
  lc_test_iterate (20);
}

static void
inspect_and_wait (Fixture *fixture)
{
  activate (fixture, "inspect.run");
  g_assert_true (lc_test_wait_for (is_suggested, fixture));
  lc_test_iterate (20);
}

static AdwMessageDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (found);
  return found;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  lc_test_iterate (20);
}

static LcInspectValueRow *
value_row (Fixture    *fixture,
           const char *name)
{
  GtkWidget *list = lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "values_list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (LC_IS_INSPECT_VALUE_ROW (child) &&
        g_str_equal (lc_characteristic_get_name (lc_inspect_value_row_get_characteristic (LC_INSPECT_VALUE_ROW (child))),
                     name))
      return LC_INSPECT_VALUE_ROW (child);
  g_assert_not_reached ();
}

static void
remeasure (Fixture    *fixture,
           const char *characteristic,
           const char *reason)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkDropDown *which;
  GtkEditable *entry;
  GListModel *names;

  activate (fixture, "inspect.remeasure");
  dialog = find_dialog ();
  box = adw_message_dialog_get_extra_child (dialog);
  which = GTK_DROP_DOWN (gtk_widget_get_first_child (box));
  entry = GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (which)));
  names = gtk_drop_down_get_model (which);
  gtk_drop_down_set_selected (which, 0);
  for (guint i = 0; characteristic != NULL && i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), characteristic))
      gtk_drop_down_set_selected (which, i);
  gtk_editable_set_text (entry, reason);
  answer (dialog, "remeasure");
  g_assert_true (lc_test_wait_for (is_suggested, fixture));
}

/* A part the gauges call good: measured again (all) while anything is out. */
static void
make_good (Fixture *fixture)
{
  for (guint tries = 0; !lc_inspect_session_can_pass_at_once (session (fixture)); tries++)
    {
      g_assert_cmpuint (tries, <, 10);
      remeasure (fixture, NULL, "out of specification: measured again");
    }
}

static void
choose_defect (Fixture    *fixture,
               const char *name)
{
  GtkDropDown *dropdown = lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "defect_dropdown");
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_assert_not_reached ();
}

static gint64
count (Fixture    *fixture,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lc_test_query_int (fixture->store, sql);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_label (lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, name));
}

static void
test_shift_slice (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *lot = NULL;
  gint64 lot_id, fail_id = 0, corrected_id = 0, remeasured_id = 0;
  GtkRevealer *alarm = lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "alarm_revealer");

  save_shot (fixture, "0-start");
  /* Changeover by barcode: the scan field always listens. */
  scan (fixture, "BSH-2040");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "BSH-2040");
  g_assert_cmpstr (lc_part_type_get_code (lc_inspect_session_get_part_type (session (fixture))), ==, "BSH-2040");
  g_assert_cmpuint (lc_inspect_session_get_characteristics (session (fixture))->len, ==, 4);
  g_assert_false (gtk_widget_is_sensitive (lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "inspect_button")));
  lc_test_iterate (400);
  /* The value bars are live from the simulated gauge. */
  g_assert_cmpstr (lc_inspect_value_row_get_value_text (value_row (fixture, "Outer diameter")), !=, "—");

  /* A new lot with one action. */
  activate (fixture, "inspect.new-lot");
  lot = g_strdup (lc_inspect_session_get_lot_code (session (fixture)));
  g_assert_nonnull (lot);
  g_assert_cmpstr (label_text (fixture, "lot_label"), ==, lot);
  lot_id = lc_inspect_session_get_lot_id (session (fixture));
  save_shot (fixture, "1-lot");

  for (guint part = 1; part <= 10; part++)
    {
      if (part == 6)
        {
          /* The scan of the next serial inspects that part. */
          scan (fixture, "CUST-0042");
          g_assert_true (lc_test_wait_for (is_suggested, fixture));
        }
      else
        inspect_and_wait (fixture);
      if (part == 1)
        save_shot (fixture, "2-suggested");

      switch (part)
        {
        case 3:
          /* Re-measure one characteristic, keeping both readings with the reason. */
          remeasure (fixture, "Bore diameter", "part not seated");
          make_good (fixture);
          activate (fixture, "inspect.pass");
          remeasured_id = lc_inspect_session_get_last_inspection_id (session (fixture));
          break;

        case 4:
          {
            AdwMessageDialog *dialog;

            /* A fail: the operator types a value the gauge got wrong, out of specification. */
            make_good (fixture);
            g_signal_emit_by_name (lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "values_list"), "row-activated",
                                   value_row (fixture, "Outer diameter"));
            lc_test_iterate (50);
            dialog = find_dialog ();
            gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "20,035");
            answer (dialog, "enter");
            g_assert_cmpint (lc_inspect_value_row_get_zone (value_row (fixture, "Outer diameter")), ==, LC_SPEC_OUT);
            g_assert_cmpint (lc_inspect_session_get_suggestion (session (fixture))->verdict, ==, LC_VERDICT_FAIL);
            /* It cannot pass. */
            activate (fixture, "inspect.pass");
            g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_SUGGESTED);
            save_shot (fixture, "3-out-of-spec");
            activate (fixture, "inspect.fail");
            fail_id = lc_inspect_session_get_last_inspection_id (session (fixture));
            /* The out-of-specification alarm is on the banner until acknowledged. */
            g_assert_true (gtk_revealer_get_reveal_child (alarm));
            g_assert_nonnull (strstr (label_text (fixture, "alarm_label"), "out of specification"));
            save_shot (fixture, "4-alarm");
            activate (fixture, "inspect.acknowledge");
            g_assert_false (gtk_revealer_get_reveal_child (alarm));
          }
          break;

        case 5:
          /* The suggestion says pass; the operator sees a scratch: a correction. */
          make_good (fixture);
          g_assert_cmpint (lc_inspect_session_get_suggestion (session (fixture))->verdict, ==, LC_VERDICT_PASS);
          choose_defect (fixture, "Scratch");
          activate (fixture, "inspect.fail");
          corrected_id = lc_inspect_session_get_last_inspection_id (session (fixture));
          save_shot (fixture, "5-recorded-fail");
          break;

        default:
          make_good (fixture);
          activate (fixture, "inspect.pass");
          break;
        }
      g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_RECORDED);
    }
  save_shot (fixture, "6-after-ten");

  /* The counters on the page. */
  g_assert_cmpstr (label_text (fixture, "inspected_label"), ==, "Inspected: 10");
  g_assert_cmpstr (label_text (fixture, "passed_label"), ==, "Passed: 8");
  g_assert_cmpstr (label_text (fixture, "failed_label"), ==, "Failed: 2");
  g_assert_cmpstr (label_text (fixture, "yield_label"), ==, "Yield: 80.0 %");
  g_assert_nonnull (strstr (label_text (fixture, "defects_label"), "Scratch"));

  /* Every record in the database. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT, lot_id), ==, 10);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT
                                   " AND verdict = 'pass'", lot_id), ==, 8);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT
                                   " AND serial GLOB '%s-000[1-9]'", lot_id, lot), ==, 9);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT
                                   " AND serial = 'CUST-0042' AND verdict = 'pass'", lot_id), ==, 1);
  /* Each part: four current measurements from the gauge (or typed), each with its raw value. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM (SELECT i.id FROM inspection i JOIN measurement m"
                                   " ON m.inspection_id = i.id WHERE i.lot_id = %" G_GINT64_FORMAT
                                   " AND m.superseded = 0 AND m.raw != '' GROUP BY i.id HAVING count(*) = 4)", lot_id),
                   ==, 10);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement m JOIN characteristic c ON c.id = m.characteristic_id"
                                   " WHERE m.inspection_id = %" G_GINT64_FORMAT " AND c.name = 'Bore diameter'"
                                   " AND m.superseded = 1 AND m.reason = 'part not seated'", remeasured_id), ==, 1);
  /* The fail: suggested by the out-of-spec value, confirmed; the typed value beside the gauge's. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND verdict = 'fail' AND suggested_verdict = 'fail' AND decided_by = 'operator'",
                          fail_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND abs(value - 20.035) < 1e-9 AND superseded = 0 AND channel_id IS NULL", fail_id),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM event WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND kind = 'out-of-spec' AND acknowledged_at IS NOT NULL", fail_id), ==, 1);
  /* The corrected suggestion, in the review queue (and nothing else there from this lot). */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection i JOIN defect_class d ON d.id = i.defect_class_id"
                                   " WHERE i.id = %" G_GINT64_FORMAT " AND i.verdict = 'fail'"
                                   " AND i.suggested_verdict = 'pass' AND i.decided_by = 'operator-override'"
                                   " AND d.name = 'Scratch'", corrected_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE review = 1 AND inspection_id IN"
                                   " (SELECT id FROM inspection WHERE lot_id = %" G_GINT64_FORMAT ")", lot_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE review = 1 AND inspection_id = %" G_GINT64_FORMAT,
                          corrected_id), ==, 1);
  /* A picture of every part, on disk. */
  {
    sqlite3_stmt *stmt = lc_store_prepare (fixture->store,
                                           "SELECT file FROM image WHERE inspection_id IN"
                                           " (SELECT id FROM inspection WHERE lot_id = ?)", NULL);
    guint n = 0;

    sqlite3_bind_int64 (stmt, 1, lot_id);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *path = g_build_filename (lc_store_get_data_dir (fixture->store),
                                                  (const char *) sqlite3_column_text (stmt, 0), NULL);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        n++;
      }
    sqlite3_reset (stmt);
    g_assert_cmpuint (n, ==, 10);
  }

  /* The lot, found from the page, with everything about it. */
  activate (fixture, "inspect.search");
  {
    GList *toplevels = gtk_window_list_toplevels ();
    LcInspectionSearch *search = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (LC_IS_INSPECTION_SEARCH (l->data))
        search = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (search);
    lc_test_iterate (200);
    g_assert_cmpstr (gtk_label_get_label (lc_test_child (search, LC_TYPE_INSPECTION_SEARCH, "summary_label")), ==,
                     "10 inspections: 8 passed, 2 failed.");
    g_assert_cmpuint (lc_inspection_search_run (search, "CUST-0042", FALSE), ==, 1);
    g_assert_cmpuint (lc_inspection_search_run (search, "NO-SUCH-PART", FALSE), ==, 0);
    g_assert_nonnull (strstr (gtk_label_get_label (lc_test_child (search, LC_TYPE_INSPECTION_SEARCH, "summary_label")),
                              "Nothing was recorded"));
    gtk_window_destroy (GTK_WINDOW (search));
  }
}

static void
test_changeover_refused_while_half_done (Fixture       *fixture,
                                         gconstpointer  data)
{
  scan (fixture, "BSH-2040");
  activate (fixture, "inspect.new-lot");
  inspect_and_wait (fixture);
  /* Scanning another part number asks first; keeping on working keeps the part. */
  scan (fixture, "CAP-0032");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "BSH-2040");
  answer (find_dialog (), "cancel");
  g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_SUGGESTED);
  scan (fixture, "CAP-0032");
  save_shot (fixture, "7-changeover-refused");
  answer (find_dialog (), "discard");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "CAP-0032");
  g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_IDLE);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE station = ''"), ==, 0);
}

static void
test_value_row_new_destroy (void)
{
  g_autoptr(LcCharacteristic) characteristic = lc_characteristic_new ("Bore");
  GtkWidget *row;

  lc_characteristic_set_lsl (characteristic, 11.99);
  lc_characteristic_set_usl (characteristic, 12.01);
  row = g_object_ref_sink (lc_inspect_value_row_new (characteristic));
  lc_inspect_value_row_set_value (LC_INSPECT_VALUE_ROW (row), 12.0095, "live");
  g_assert_cmpint (lc_inspect_value_row_get_zone (LC_INSPECT_VALUE_ROW (row)), ==, LC_SPEC_NEAR);
  g_assert_true (gtk_widget_has_css_class (row, "lc-zone-near"));
  lc_inspect_value_row_set_value (LC_INSPECT_VALUE_ROW (row), 12.02, "live");
  g_assert_true (gtk_widget_has_css_class (row, "lc-zone-out"));
  g_assert_false (gtk_widget_has_css_class (row, "lc-zone-near"));
  g_assert_finalize_object (row);
}

static void
test_search_new_destroy (void)
{
  GtkWidget *search = lc_inspection_search_new (NULL);

  gtk_window_destroy (GTK_WINDOW (search));
}

int
main (int   argc,
      char *argv[])
{
  static const int small[] = { 1366, 768 };
  static const int large[] = { 1920, 1080 };

  lc_test_init (&argc, &argv);

  g_test_add_func ("/inspect-page/value-row/new-destroy", test_value_row_new_destroy);
  g_test_add_func ("/inspect-page/search/new-destroy", test_search_new_destroy);
  g_test_add ("/inspect-page/shift-slice-on-the-demo", Fixture, small, fixture_set_up, test_shift_slice,
              fixture_tear_down);
  g_test_add ("/inspect-page/changeover-refused-while-half-done", Fixture, small, fixture_set_up,
              test_changeover_refused_while_half_done, fixture_tear_down);
  if (g_getenv ("LC_SHOT_DIR") != NULL)
    g_test_add ("/inspect-page/shift-slice-1920x1080", Fixture, large, fixture_set_up, test_shift_slice,
                fixture_tear_down);

  return g_test_run ();
}

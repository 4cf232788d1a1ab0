#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lc-audit-window.h"
#include "lc-characteristic-row.h"
#include "lc-demo.h"
#include "lc-lock-screen.h"
#include "lc-operator.h"
#include "lc-part-editor.h"
#include "lc-part-switcher.h"
#include "lc-parts-page.h"
#include "lc-window.h"
#include "test-ui-helpers.h"

/* The shell on the demo database under Xvfb: every page opens, changeover by scanned code,
 * and a part type created through the Parts editor ends up in the database. */

typedef struct
{
  char     *dir;
  LcStore  *store;
  LcWindow *window;
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
  g_autoptr(LcOperator) operator = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("lc-test-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_demo_seed (fixture->store, lc_store_now (), &error));
  /* The demo's QC lead (PIN in the README): the tests edit part types. */
  operator = lc_operator_log_in (fixture->store, "Zhang Min", "3333", &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref (lc_window_new (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
}

static void
test_every_page_opens (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const names[] = { "inspect", "train", "dashboard", "parts", "devices" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page;

      lc_window_set_page (fixture->window, names[i]);
      lc_test_iterate (50);
      g_assert_cmpstr (lc_window_get_page (fixture->window), ==, names[i]);
      page = lc_window_get_page_widget (fixture->window, names[i]);
      g_assert_true (gtk_widget_get_mapped (page));
      /* Every page knows the store and the active part type. */
      g_assert_true (lc_page_get_store (LC_PAGE (page)) == fixture->store);
      g_assert_nonnull (lc_page_get_part_type (LC_PAGE (page)));
    }
}

static void
test_changeover_by_scanned_code (Fixture       *fixture,
                                 gconstpointer  data)
{
  LcPartSwitcher *switcher = lc_test_child (fixture->window, LC_TYPE_WINDOW, "part_switcher");
  GtkWidget *dashboard = lc_window_get_page_widget (fixture->window, "dashboard");

  /* A barcode scanner types the code (in any case) and Enter. */
  g_assert_true (lc_part_switcher_choose_code (switcher, "cap-0032"));
  lc_test_iterate (20);
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, LC_DEMO_CAP);
  g_assert_cmpstr (lc_part_type_get_code (lc_page_get_part_type (LC_PAGE (dashboard))), ==, LC_DEMO_CAP);
  g_assert_false (lc_part_switcher_choose_code (switcher, "NOT-A-PART"));
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, LC_DEMO_CAP);
}

static GPtrArray *
characteristic_rows (LcPartEditor *editor)
{
  GtkWidget *list = lc_test_child (editor, LC_TYPE_PART_EDITOR, "characteristics_list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LC_IS_CHARACTERISTIC_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static void
type_into (gpointer    row,
           GType       type,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (lc_test_child (row, type, name)), text);
  lc_test_iterate (10);
}

static void
test_parts_editor_creates_part_type (Fixture       *fixture,
                                     gconstpointer  data)
{
  LcPartsPage *parts_page;
  LcPartEditor *editor;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LcPartType) stored = NULL;
  g_autoptr(GError) error = NULL;
  LcCharacteristic *length, *burr;
  guint n_before;

  lc_window_set_page (fixture->window, "parts");
  lc_test_iterate (50);
  parts_page = LC_PARTS_PAGE (lc_window_get_page_widget (fixture->window, "parts"));
  editor = lc_parts_page_get_editor (parts_page);
  n_before = g_list_model_get_n_items (lc_parts_page_get_model (parts_page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (parts_page), "parts.new", NULL));
  lc_test_iterate (20);
  g_assert_nonnull (lc_part_editor_get_editing (editor));
  /* Empty: the editor says what is missing, and Save waits. */
  g_assert_nonnull (lc_part_editor_get_problem (editor));

  type_into (editor, LC_TYPE_PART_EDITOR, "code_row", "PIN-0815");
  type_into (editor, LC_TYPE_PART_EDITOR, "name_row", "Dowel pin");
  type_into (editor, LC_TYPE_PART_EDITOR, "revision_row", "A");
  g_assert_null (lc_part_editor_get_problem (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-characteristic", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-characteristic", NULL));
  lc_test_iterate (50);
  rows = characteristic_rows (editor);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Two new rows without names: not yet. */
  g_assert_nonnull (lc_part_editor_get_problem (editor));

  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "name_row", "Length");
  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "nominal_row", "24");
  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "lsl_row", "24,1");
  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "usl_row", "24.1");
  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "unit_row", "mm");
  type_into (rows->pdata[1], LC_TYPE_CHARACTERISTIC_ROW, "name_row", "Burr height");
  type_into (rows->pdata[1], LC_TYPE_CHARACTERISTIC_ROW, "usl_row", "0.05");

  /* LSL typed with a comma reads as 24.1 = USL: the editor explains, and refuses to save. */
  g_assert_nonnull (lc_part_editor_get_problem (editor));
  g_assert_nonnull (strstr (lc_part_editor_get_problem (editor), "LSL"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) &&
                  lc_part_editor_get_problem (editor) == NULL);
  g_assert_null (lc_part_type_load_by_code (fixture->store, "PIN-0815", NULL));

  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "lsl_row", "23.9x");
  g_assert_nonnull (strstr (lc_part_editor_get_problem (editor), "not a number"));
  type_into (rows->pdata[0], LC_TYPE_CHARACTERISTIC_ROW, "lsl_row", "23,9");
  g_assert_null (lc_part_editor_get_problem (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lc_test_iterate (50);
  g_assert_false (lc_part_editor_is_dirty (editor));

  stored = lc_part_type_load_by_code (fixture->store, "PIN-0815", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_part_type_get_name (stored), ==, "Dowel pin");
  g_assert_cmpuint (g_list_model_get_n_items (lc_part_type_get_characteristics (stored)), ==, 2);
  length = lc_part_type_find_characteristic (stored, "Length");
  burr = lc_part_type_find_characteristic (stored, "Burr height");
  g_assert_nonnull (length);
  g_assert_nonnull (burr);
  g_assert_cmpfloat_with_epsilon (lc_characteristic_get_lsl (length), 23.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_characteristic_get_usl (length), 24.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_characteristic_get_nominal (length), 24.0, 1e-12);
  g_assert_cmpstr (lc_characteristic_get_unit (length), ==, "mm");
  g_assert_true (isnan (lc_characteristic_get_lsl (burr)));
  g_assert_cmpfloat_with_epsilon (lc_characteristic_get_usl (burr), 0.05, 1e-12);

  /* The list and the header bar's switcher know the new part type. */
  g_assert_cmpuint (g_list_model_get_n_items (lc_parts_page_get_model (parts_page)), ==, n_before + 1);
  {
    LcPartSwitcher *switcher = lc_test_child (fixture->window, LC_TYPE_WINDOW, "part_switcher");
    g_assert_true (lc_part_switcher_choose_code (switcher, "PIN-0815"));
    g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "PIN-0815");
  }
}

static void
test_duplicate_and_archive (Fixture       *fixture,
                            gconstpointer  data)
{
  LcPartsPage *parts_page;
  LcPartEditor *editor;
  g_autoptr(LcPartType) copy = NULL;

  lc_window_set_page (fixture->window, "parts");
  parts_page = LC_PARTS_PAGE (lc_window_get_page_widget (fixture->window, "parts"));
  editor = lc_parts_page_get_editor (parts_page);
  g_assert_true (lc_parts_page_select_code (parts_page, LC_DEMO_BUSHING));
  lc_test_iterate (50);
  g_assert_cmpstr (lc_part_type_get_code (lc_part_editor_get_editing (editor)), ==, LC_DEMO_BUSHING);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.duplicate", NULL));
  lc_test_iterate (20);
  g_assert_cmpstr (lc_part_type_get_code (lc_part_editor_get_editing (editor)), ==, "BSH-2040-COPY");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  lc_test_iterate (50);
  copy = lc_part_type_load_by_code (fixture->store, "BSH-2040-COPY", NULL);
  g_assert_nonnull (copy);
  g_assert_cmpuint (g_list_model_get_n_items (lc_part_type_get_characteristics (copy)), ==, 4);

  /* The demo bushing has records: archiving keeps them and takes it out of the lists. */
  g_assert_true (lc_parts_page_select_code (parts_page, LC_DEMO_BUSHING));
  lc_test_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL));
  lc_test_iterate (50);
  {
    g_autoptr(LcPartType) bushing = lc_part_type_load_by_code (fixture->store, LC_DEMO_BUSHING, NULL);
    g_assert_true (lc_part_type_get_archived (bushing));
  }
}

static guint
lc_test_query_count (LcStore    *store,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
window_unlocked (gpointer data)
{
  return !lc_window_is_locked (LC_WINDOW (data));
}

/* Locks the window and picks @name on its lock screen; returns the lock screen. */
static GtkWidget *
lock_and_choose (Fixture    *fixture,
                 const char *name)
{
  GtkWidget *lock_screen;
  GObject *operator_row;
  GListModel *names;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL));
  lc_test_iterate (50);
  g_assert_true (lc_window_is_locked (fixture->window));
  g_assert_cmpint (lc_store_get_actor_role (fixture->store), ==, LC_ROLE_NONE);

  lock_screen = gtk_widget_get_last_child (GTK_WIDGET (lc_test_child (fixture->window, LC_TYPE_WINDOW, "lock_box")));
  g_assert_true (LC_IS_LOCK_SCREEN (lock_screen));
  g_assert_false (lc_lock_screen_is_first_run (LC_LOCK_SCREEN (lock_screen)));
  operator_row = lc_test_child (lock_screen, LC_TYPE_LOCK_SCREEN, "operator_row");
  names = adw_combo_row_get_model (ADW_COMBO_ROW (operator_row));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);
      if (g_str_equal (gtk_string_object_get_string (item), name))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (operator_row), position);
  return lock_screen;
}

/* Shift handover: the lead locks the station, an operator logs in with a PIN; the Parts and
 * Devices pages go away for the operator, and a wrong PIN keeps the station locked. */
static void
test_lock_and_switch_operator (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *lock_screen;
  GObject *pin_row, *error_label;
  AdwViewStack *stack = lc_test_child (fixture->window, LC_TYPE_WINDOW, "stack");

  g_assert_false (lc_window_is_locked (fixture->window));
  g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack,
                   lc_window_get_page_widget (fixture->window, "parts"))));
  lc_window_set_page (fixture->window, "parts");
  lock_screen = lock_and_choose (fixture, "Li Wei");
  pin_row = lc_test_child (lock_screen, LC_TYPE_LOCK_SCREEN, "pin_row");
  error_label = lc_test_child (lock_screen, LC_TYPE_LOCK_SCREEN, "error_label");

  gtk_editable_set_text (GTK_EDITABLE (pin_row), "1234");
  g_assert_true (gtk_widget_activate_action (lock_screen, "lock.unlock", NULL));
  g_assert_true (lc_window_is_locked (fixture->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "The name or the PIN is wrong.");

  gtk_editable_set_text (GTK_EDITABLE (pin_row), "1111");
  g_assert_true (gtk_widget_activate_action (lock_screen, "lock.unlock", NULL));
  g_assert_true (lc_test_wait_for (window_unlocked, fixture->window));
  g_assert_cmpstr (lc_store_get_actor_name (fixture->store), ==, "Li Wei");
  g_assert_cmpint (lc_store_get_actor_role (fixture->store), ==, LC_ROLE_OPERATOR);
  /* The operator does not get the Parts and Devices pages, nor the audit trail. */
  g_assert_false (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack,
                    lc_window_get_page_widget (fixture->window, "parts"))));
  g_assert_false (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack,
                    lc_window_get_page_widget (fixture->window, "devices"))));
  g_assert_cmpstr (lc_window_get_page (fixture->window), ==, "inspect");
  {
    GList *before = gtk_window_list_toplevels ();
    GList *after;

    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.audit", NULL);
    lc_test_iterate (50);
    after = gtk_window_list_toplevels ();
    g_assert_cmpuint (g_list_length (after), ==, g_list_length (before));
    g_list_free (before);
    g_list_free (after);
  }
}

/* Someone guessing PINs at the lock screen: after 5 wrong PINs the screen says in words how
 * long to wait, and even the right PIN does not open it until then. */
static void
test_wrong_pins_lock_out (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *lock_screen = lock_and_choose (fixture, "Anna Kowalski");
  GObject *pin_row = lc_test_child (lock_screen, LC_TYPE_LOCK_SCREEN, "pin_row");
  GtkLabel *error_label = lc_test_child (lock_screen, LC_TYPE_LOCK_SCREEN, "error_label");

  for (guint i = 0; i < LC_OPERATOR_PIN_TRIES - 1; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (pin_row), "9876");
      g_assert_true (gtk_widget_activate_action (lock_screen, "lock.unlock", NULL));
      g_assert_cmpstr (gtk_label_get_label (error_label), ==, "The name or the PIN is wrong.");
    }
  gtk_editable_set_text (GTK_EDITABLE (pin_row), "9876");
  g_assert_true (gtk_widget_activate_action (lock_screen, "lock.unlock", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, "Too many wrong PINs: try again in 30 s");

  gtk_editable_set_text (GTK_EDITABLE (pin_row), "2222");
  g_assert_true (gtk_widget_activate_action (lock_screen, "lock.unlock", NULL));
  lc_test_iterate (20);
  g_assert_true (lc_window_is_locked (fixture->window));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (error_label), "Too many wrong PINs: try again in "));
  g_assert_cmpint (lc_test_query_count (fixture->store, "SELECT count(*) FROM audit WHERE entity = 'operator'"
                                                        " AND action = 'pin-lockout'"), ==, 1);
}

/* The QC lead's audit view: the demo's setup by its admin, and the chain whole. */
static void
test_audit_window (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *audit = lc_audit_window_new (GTK_WINDOW (fixture->window), fixture->store);
  GtkLabel *chain = lc_test_child (audit, LC_TYPE_AUDIT_WINDOW, "chain_label");

  gtk_window_present (GTK_WINDOW (audit));
  lc_test_iterate (50);
  g_assert_cmpuint (lc_audit_window_get_n_rows (LC_AUDIT_WINDOW (audit)), ==,
                    lc_test_query_count (fixture->store, "SELECT count(*) FROM audit"));
  g_assert_cmpuint (lc_audit_window_get_n_rows (LC_AUDIT_WINDOW (audit)), >, 0);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (chain), "The audit trail is whole"));
  g_object_ref (audit);
  gtk_window_destroy (GTK_WINDOW (audit));
  g_assert_finalize_object (audit);
  /* The window's menu opens it for a lead. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.audit", NULL));
  lc_test_iterate (50);
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add ("/ui/shell/lock-and-switch-operator", Fixture, NULL, fixture_set_up,
              test_lock_and_switch_operator, fixture_tear_down);
  g_test_add ("/ui/shell/wrong-pins-lock-out", Fixture, NULL, fixture_set_up,
              test_wrong_pins_lock_out, fixture_tear_down);
  g_test_add ("/ui/shell/audit-window-for-leads", Fixture, NULL, fixture_set_up,
              test_audit_window, fixture_tear_down);
  g_test_add ("/ui/shell/every-page-opens", Fixture, NULL, fixture_set_up, test_every_page_opens,
              fixture_tear_down);
  g_test_add ("/ui/shell/changeover-by-scanned-code", Fixture, NULL, fixture_set_up,
              test_changeover_by_scanned_code, fixture_tear_down);
  g_test_add ("/ui/parts/editor-creates-part-type-with-two-characteristics", Fixture, NULL, fixture_set_up,
              test_parts_editor_creates_part_type, fixture_tear_down);
  g_test_add ("/ui/parts/duplicate-and-archive", Fixture, NULL, fixture_set_up, test_duplicate_and_archive,
              fixture_tear_down);

  return g_test_run ();
}

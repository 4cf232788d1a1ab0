#include "lc-audit-window.h"
#include "lc-lock-screen.h"
#include "lc-config.h"

#include <glib/gstdio.h>

#include "lc-cameras-view.h"
#include "lc-characteristic-row.h"
#include "lc-control-chart.h"
#include "lc-dashboard-page.h"
#include "lc-defect-class-row.h"
#include "lc-defect-map-view.h"
#include "lc-devices-page.h"
#include "lc-gauges-view.h"
#include "lc-histogram-chart.h"
#include "lc-inspect-page.h"
#include "lc-label-canvas.h"
#include "lc-live-view.h"
#include "lc-pareto-chart.h"
#include "lc-part-editor.h"
#include "lc-part-switcher.h"
#include "lc-parts-page.h"
#include "lc-preferences-window.h"
#include "lc-train-page.h"
#include "lc-window.h"
#include "test-ui-helpers.h"

/* Every widget can be made and destroyed on its own, leaving nothing behind. */

static void
test_widget_new_destroy (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_finalize_object (widget);
}

static void
test_characteristic_row (void)
{
  g_autoptr(LcCharacteristic) characteristic = lc_characteristic_new ("Bore");
  GtkWidget *row = g_object_ref_sink (lc_characteristic_row_new (characteristic));

  g_assert_true (lc_characteristic_row_get_characteristic (LC_CHARACTERISTIC_ROW (row)) == characteristic);
  g_assert_finalize_object (row);
}

static void
test_defect_class_row (void)
{
  g_autoptr(LcDefectClass) defect_class = lc_defect_class_new ("Dent", "#e01b24", LC_SEVERITY_MAJOR);
  GtkWidget *row = g_object_ref_sink (lc_defect_class_row_new (defect_class));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Dent");
  g_assert_finalize_object (row);
}

static void
test_page_with_store (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autofree char *dir = g_dir_make_tmp ("lc-test-widget-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
  g_autoptr(LcStore) store = lc_store_open (path, NULL);
  GtkWidget *page = g_object_ref_sink (g_object_new (type, "store", store, NULL));

  g_assert_true (lc_page_get_store (LC_PAGE (page)) == store);
  g_assert_finalize_object (page);
}

static void
test_window_new_destroy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
  g_autoptr(LcStore) store = lc_store_open (path, NULL);
  LcWindow *window = lc_window_new (NULL, store);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_lock_screen_and_audit_window_new_destroy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-test-lock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
  g_autoptr(LcStore) store = lc_store_open (path, NULL);
  GtkWidget *lock = g_object_ref_sink (lc_lock_screen_new (store));
  GtkWidget *audit = lc_audit_window_new (NULL, store);

  /* A new station: the lock screen creates the first admin. */
  g_assert_true (lc_lock_screen_is_first_run (LC_LOCK_SCREEN (lock)));
  g_assert_finalize_object (lock);
  g_assert_cmpuint (lc_audit_window_get_n_rows (LC_AUDIT_WINDOW (audit)), ==, 0);
  g_object_ref (audit);
  gtk_window_destroy (GTK_WINDOW (audit));
  g_assert_finalize_object (audit);
}

static void
test_preferences_window_new_destroy (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window = lc_preferences_window_new (settings);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int    argc,
      char **argv)
{
  struct { const char *path; GType type; } widgets[] = {
    { "/widgets/inspect-page/new-destroy", LC_TYPE_INSPECT_PAGE },
    { "/widgets/train-page/new-destroy", LC_TYPE_TRAIN_PAGE },
    { "/widgets/dashboard-page/new-destroy", LC_TYPE_DASHBOARD_PAGE },
    { "/widgets/parts-page/new-destroy", LC_TYPE_PARTS_PAGE },
    { "/widgets/devices-page/new-destroy", LC_TYPE_DEVICES_PAGE },
    { "/widgets/gauges-view/new-destroy", LC_TYPE_GAUGES_VIEW },
    { "/widgets/cameras-view/new-destroy", LC_TYPE_CAMERAS_VIEW },
    { "/widgets/part-editor/new-destroy", LC_TYPE_PART_EDITOR },
    { "/widgets/part-switcher/new-destroy", LC_TYPE_PART_SWITCHER },
    { "/widgets/label-canvas/new-destroy", LC_TYPE_LABEL_CANVAS },
    { "/widgets/live-view/new-destroy", LC_TYPE_LIVE_VIEW },
    { "/widgets/control-chart/new-destroy", LC_TYPE_CONTROL_CHART },
    { "/widgets/histogram-chart/new-destroy", LC_TYPE_HISTOGRAM_CHART },
    { "/widgets/pareto-chart/new-destroy", LC_TYPE_PARETO_CHART },
    { "/widgets/defect-map-view/new-destroy", LC_TYPE_DEFECT_MAP_VIEW },
  };
  struct { const char *path; GType type; } pages[] = {
    { "/widgets/parts-page/with-store", LC_TYPE_PARTS_PAGE },
    { "/widgets/devices-page/with-store", LC_TYPE_DEVICES_PAGE },
    { "/widgets/dashboard-page/with-store", LC_TYPE_DASHBOARD_PAGE },
    { "/widgets/train-page/with-store", LC_TYPE_TRAIN_PAGE },
  };

  lc_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    g_test_add_data_func (widgets[i].path, GSIZE_TO_POINTER (widgets[i].type), test_widget_new_destroy);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_test_add_data_func (pages[i].path, GSIZE_TO_POINTER (pages[i].type), test_page_with_store);
  g_test_add_func ("/widgets/characteristic-row/new-destroy", test_characteristic_row);
  g_test_add_func ("/widgets/defect-class-row/new-destroy", test_defect_class_row);
  g_test_add_func ("/widgets/window/new-destroy", test_window_new_destroy);
  g_test_add_func ("/widgets/preferences-window/new-destroy", test_preferences_window_new_destroy);
  g_test_add_func ("/widgets/lock-screen-and-audit-window/new-destroy", test_lock_screen_and_audit_window_new_destroy);

  return g_test_run ();
}

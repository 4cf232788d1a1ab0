#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lc-camera-sim.h"
#include "lc-demo.h"
#include "lc-inspect-vision.h"
#include "lc-label-image.h"
#include "lc-live-view.h"
#include "lc-operator.h"
#include "vision/lc-vision-model-store.h"
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

/* One event at a time: the live view keeps the frame clock busy, so draining the main
 * context until it is idle (lc_test_iterate) may never end on a slow machine. */
static void
iterate (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

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
  g_autoptr(LcOperator) operator = NULL;

  fixture->store = lc_demo_open (path, &error);
  g_assert_no_error (error);
  /* An operator's shift (demo PIN in the README). */
  operator = lc_operator_log_in (fixture->store, "Li Wei", "1111", &error);
  g_assert_no_error (error);
  fixture->window = g_object_ref (lc_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), size != NULL ? size[0] : 1366,
                               size != NULL ? size[1] : 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->window));
  lc_window_set_page (fixture->window, "inspect");
  fixture->page = LC_INSPECT_PAGE (lc_window_get_page_widget (fixture->window, "inspect"));
  iterate (100);
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
  iterate (300);
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
  iterate (50);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
  iterate (20);
}

static void
inspect_and_wait (Fixture *fixture)
{
  activate (fixture, "inspect.run");
  g_assert_true (lc_test_wait_for (is_suggested, fixture));
  iterate (20);
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
  iterate (20);
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

static gboolean
gauges_in_spec (Fixture *fixture)
{
  GPtrArray *characteristics = lc_inspect_session_get_characteristics (session (fixture));

  for (guint i = 0; i < characteristics->len; i++)
    {
      gint64 id = lc_characteristic_get_id (g_ptr_array_index (characteristics, i));

      if (isnan (lc_inspect_session_get_value (session (fixture), id)) ||
          lc_inspect_session_get_zone (session (fixture), id) == LC_SPEC_OUT)
        return FALSE;
    }
  return TRUE;
}

/* The simulated camera's share of parts with a defect. */
static void
set_defect_rate (Fixture *fixture,
                 double   rate)
{
  LcCamera *camera = lc_inspect_session_get_camera (session (fixture));

  g_assert_true (LC_IS_CAMERA_SIM (camera));
  lc_camera_sim_set_defect_rate (LC_CAMERA_SIM (camera), rate);
}

/* A part the gauges call good: measured again (all) while anything is out. */
static void
make_good (Fixture *fixture)
{
  for (guint tries = 0; !gauges_in_spec (fixture); tries++)
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
  LcLiveView *live_view = lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "live_view");
  g_autoptr(LcVisionModelRecord) anomaly = NULL;
  g_autoptr(LcVisionModelRecord) classifier = NULL;
  g_autoptr(GError) error = NULL;
  /* What each part's record must say, from what the model suggested for it. */
  gint64 ids[11] = { 0 };
  const char *decided[11] = { NULL };
  gboolean review[11] = { FALSE };
  gboolean ran[11] = { FALSE };
  guint n_pictures = 0;
  guint n_review = 0;
  LcVerdict model_verdict = LC_VERDICT_NONE;
  gint64 model_class = 0, operator_class = 0;
  guint n_regions = 0;

  save_shot (fixture, "0-start");
  /* Changeover by barcode: the scan field always listens. */
  scan (fixture, "BSH-2040");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "BSH-2040");
  g_assert_cmpstr (lc_part_type_get_code (lc_inspect_session_get_part_type (session (fixture))), ==, "BSH-2040");
  g_assert_cmpuint (lc_inspect_session_get_characteristics (session (fixture))->len, ==, 4);
  /* The demo's models of the part were loaded at changeover. */
  anomaly = lc_vision_model_store_get_active (fixture->store,
                                              lc_part_type_get_id (lc_inspect_session_get_part_type (session (fixture))),
                                              LC_VISION_MODEL_ANOMALY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (anomaly);
  classifier = lc_vision_model_store_get_active (fixture->store,
                                                 lc_part_type_get_id (lc_inspect_session_get_part_type (session (fixture))),
                                                 LC_VISION_MODEL_CLASSIFIER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (classifier);
  g_assert_cmpint (lc_inspect_session_get_model_id (session (fixture)), ==, anomaly->id);
  /* Good parts, but for the one the operator corrects the model on. */
  set_defect_rate (fixture, 0.0);
  g_assert_false (gtk_widget_is_sensitive (lc_test_child (fixture->page, LC_TYPE_INSPECT_PAGE, "inspect_button")));
  iterate (400);
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
      const LcInspectSuggestion *suggestion;
      LcVerdict verdict = LC_VERDICT_PASS;

      if (part == 5)
        set_defect_rate (fixture, 1.0);
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
      set_defect_rate (fixture, 0.0);
      suggestion = lc_inspect_session_get_suggestion (session (fixture));
      /* The model ran on every part with a picture (on a loaded machine the camera may miss
       * its 3 s; the part is then judged on its gauges), its overlay on the frozen picture. */
      ran[part] = lc_inspect_session_get_frame (session (fixture)) != NULL;
      if (part == 5)
        g_assert_true (ran[part]);
      g_assert_cmpint (suggestion->model_id, ==, ran[part] ? anomaly->id : 0);
      g_assert_true (lc_live_view_get_frozen (live_view) == ran[part]);
      g_assert_true ((lc_live_view_get_heat_map_texture (live_view) != NULL) == (suggestion->heat_map != NULL));
      g_assert_cmpuint (lc_live_view_get_n_boxes (live_view), ==, suggestion->regions != NULL ? suggestion->regions->len : 0);
      review[part] = ran[part] && suggestion->confidence < LC_INSPECT_VISION_CONFIDENT;

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
            iterate (50);
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
            /* Not by an operator: the banner says a QC lead must acknowledge it. */
            activate (fixture, "inspect.acknowledge");
            g_assert_true (gtk_revealer_get_reveal_child (alarm));
            g_assert_nonnull (strstr (label_text (fixture, "alarm_label"), "Only a QC lead can acknowledge"));
            g_assert_cmpint (count (fixture, "SELECT count(*) FROM event WHERE inspection_id = %" G_GINT64_FORMAT
                                             " AND acknowledged_at IS NULL", fail_id), >, 0);
            /* The QC lead steps in and acknowledges (as the station's actor, without the lock
             * screen of a full log-in, so the bench keeps running). */
            lc_store_set_actor (fixture->store, count (fixture, "SELECT id FROM operator WHERE name = 'Zhang Min'"),
                                "Zhang Min");
            lc_store_set_actor_role (fixture->store, LC_ROLE_LEAD);
            activate (fixture, "inspect.acknowledge");
            g_assert_false (gtk_revealer_get_reveal_child (alarm));
            g_assert_cmpint (count (fixture, "SELECT count(*) FROM event e JOIN operator o ON o.id = e.acknowledged_by"
                                             " WHERE e.inspection_id = %" G_GINT64_FORMAT " AND o.name = 'Zhang Min'",
                                    fail_id), >, 0);
            lc_store_set_actor (fixture->store, count (fixture, "SELECT id FROM operator WHERE name = 'Li Wei'"), "Li Wei");
            lc_store_set_actor_role (fixture->store, LC_ROLE_OPERATOR);
          }
          break;

        case 5:
          /* A part with a defect: the model's verdict, corrected by the operator. */
          make_good (fixture);
          model_verdict = suggestion->verdict;
          model_class = suggestion->defect_class_id;
          n_regions = suggestion->regions != NULL ? suggestion->regions->len : 0;
          if (model_verdict == LC_VERDICT_FAIL)
            {
              g_autofree char *found = lc_inspect_session_describe_defects (session (fixture));

              /* The suggestion names what it found with how sure it is, and prefills it. */
              g_assert_nonnull (strstr (found, "%"));
              g_assert_nonnull (strstr (label_text (fixture, "status_label"), found));
              save_shot (fixture, "5-suggested-defect");
            }
          if (model_verdict == LC_VERDICT_FAIL && model_class == 0)
            {
              /* A defect the model could not name: the operator sees none and passes. */
              activate (fixture, "inspect.pass");
              verdict = LC_VERDICT_PASS;
            }
          else
            {
              /* A pass, or the wrong defect: the operator fails it for what it is. */
              const char *name = model_verdict == LC_VERDICT_PASS ? "Scratch" : NULL;

              if (name == NULL)
                name = g_str_equal (lc_defect_class_get_name (lc_part_type_find_defect_class_by_id (
                                      lc_inspect_session_get_part_type (session (fixture)), model_class)), "Scratch")
                       ? "Burr" : "Scratch";
              operator_class = lc_defect_class_get_id (lc_part_type_find_defect_class (
                                 lc_inspect_session_get_part_type (session (fixture)), name));
              choose_defect (fixture, name);
              activate (fixture, "inspect.fail");
              verdict = LC_VERDICT_FAIL;
            }
          corrected_id = lc_inspect_session_get_last_inspection_id (session (fixture));
          save_shot (fixture, "5-recorded");
          break;

        default:
          make_good (fixture);
          activate (fixture, "inspect.pass");
          break;
        }
      g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_RECORDED);
      ids[part] = lc_inspect_session_get_last_inspection_id (session (fixture));
      if (part == 4)
        verdict = LC_VERDICT_FAIL;
      /* Confirmed: the model's verdict (and class) taken; otherwise a correction, for review. */
      if (part != 5 && suggestion->verdict == verdict)
        decided[part] = ran[part] ? "model" : "operator";
      else
        {
          decided[part] = "operator-override";
          review[part] = TRUE;
        }
      n_review += review[part];
    }
  save_shot (fixture, "6-after-ten");

  /* The counters on the page. */
  g_assert_cmpstr (label_text (fixture, "inspected_label"), ==, "Inspected: 10");
  if (operator_class != 0)
    {
      g_assert_cmpstr (label_text (fixture, "passed_label"), ==, "Passed: 8");
      g_assert_cmpstr (label_text (fixture, "failed_label"), ==, "Failed: 2");
      g_assert_cmpstr (label_text (fixture, "yield_label"), ==, "Yield: 80.0 %");
      g_assert_nonnull (strstr (label_text (fixture, "defects_label"),
                                lc_defect_class_get_name (lc_part_type_find_defect_class_by_id (
                                  lc_inspect_session_get_part_type (session (fixture)), operator_class))));
    }
  else
    g_assert_cmpstr (label_text (fixture, "passed_label"), ==, "Passed: 9");

  /* Each part: the model and its version, the model's verdict confirmed or corrected, and
   * the pictures of corrections and of parts the model was unsure about in the review
   * queue. */
  for (guint part = 1; part <= 10; part++)
    {
      if (ran[part])
        {
          g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection i JOIN model m ON m.id = i.model_id"
                                           " WHERE i.id = %" G_GINT64_FORMAT " AND m.version = %u AND i.decided_by = '%s'"
                                           " AND i.model_score IS NOT NULL", ids[part], anomaly->version, decided[part]),
                           ==, 1);
          g_assert_cmpint (count (fixture, "SELECT review FROM image WHERE inspection_id = %" G_GINT64_FORMAT, ids[part]),
                           ==, review[part]);
        }
      else
        g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                         " AND model_id IS NULL AND decided_by = '%s'", ids[part], decided[part]), ==, 1);
    }

  /* Every record in the database. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT, lot_id), ==, 10);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT
                                   " AND verdict = 'pass'", lot_id), ==, operator_class != 0 ? 8 : 9);
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
                                   " AND verdict = 'fail' AND suggested_verdict = 'fail' AND decided_by = '%s'",
                          fail_id, decided[4]), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM measurement WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND abs(value - 20.035) < 1e-9 AND superseded = 0 AND channel_id IS NULL", fail_id),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM event WHERE inspection_id = %" G_GINT64_FORMAT
                                   " AND kind = 'out-of-spec' AND acknowledged_at IS NOT NULL", fail_id), ==, 1);
  /* The corrected model verdict: what the model said (its verdict, score, regions by the
   * model with the model that drew or named each), what the operator decided, and how. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                   " AND verdict = '%s' AND suggested_verdict = '%s' AND decided_by = 'operator-override'"
                                   " AND coalesce(defect_class_id, 0) = %" G_GINT64_FORMAT " AND model_id = %" G_GINT64_FORMAT,
                          corrected_id, operator_class != 0 ? "fail" : "pass",
                          model_verdict == LC_VERDICT_FAIL ? "fail" : "pass", operator_class, anomaly->id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation a JOIN image i ON i.id = a.image_id"
                                   " WHERE i.inspection_id = %" G_GINT64_FORMAT " AND a.author = 'model'"
                                   " AND a.model_id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")"
                                   " AND a.shape = 'box' AND a.score > 0", corrected_id, anomaly->id, classifier->id),
                   ==, n_regions);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM annotation a JOIN image i ON i.id = a.image_id"
                                   " WHERE i.inspection_id = %" G_GINT64_FORMAT " AND a.author = 'model'"
                                   " AND coalesce(a.defect_class_id, 0) = %" G_GINT64_FORMAT, corrected_id, model_class),
                   >=, model_class != 0 ? 1 : 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM image WHERE review = 1 AND inspection_id IN"
                                   " (SELECT id FROM inspection WHERE lot_id = %" G_GINT64_FORMAT ")", lot_id), ==, n_review);
  /* The Label & Train page's review queue holds it. */
  {
    gint64 image_id = count (fixture, "SELECT id FROM image WHERE inspection_id = %" G_GINT64_FORMAT, corrected_id);
    g_autoptr(GListStore) queue = lc_label_image_query (fixture->store,
                                                        lc_part_type_get_id (lc_inspect_session_get_part_type (session (fixture))),
                                                        LC_IMAGE_FILTER_REVIEW, 0, &error);
    gboolean queued = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
      {
        g_autoptr(LcLabelImage) image = g_list_model_get_item (G_LIST_MODEL (queue), i);
        queued = queued || lc_label_image_get_id (image) == image_id;
      }
    g_assert_true (queued);
  }
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
    for (guint part = 1; part <= 10; part++)
      n_pictures += ran[part];
    g_assert_cmpuint (n, ==, n_pictures);
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
    iterate (200);
    g_assert_cmpstr (gtk_label_get_label (lc_test_child (search, LC_TYPE_INSPECTION_SEARCH, "summary_label")), ==,
                     operator_class != 0 ? "10 inspections: 8 passed, 2 failed." : "10 inspections: 9 passed, 1 failed.");
    g_assert_cmpuint (lc_inspection_search_run (search, "CUST-0042", FALSE), ==, 1);
    g_assert_cmpuint (lc_inspection_search_run (search, "NO-SUCH-PART", FALSE), ==, 0);
    g_assert_nonnull (strstr (gtk_label_get_label (lc_test_child (search, LC_TYPE_INSPECTION_SEARCH, "summary_label")),
                              "Nothing was recorded"));
    gtk_window_destroy (GTK_WINDOW (search));
  }

  /* Changeover while a part is half done: asked first; keeping on working keeps the part. */
  inspect_and_wait (fixture);
  scan (fixture, "CAP-0032");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "BSH-2040");
  answer (find_dialog (), "cancel");
  g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_SUGGESTED);
  scan (fixture, "CAP-0032");
  save_shot (fixture, "7-changeover-refused");
  answer (find_dialog (), "discard");
  g_assert_cmpstr (lc_part_type_get_code (lc_window_get_part_type (fixture->window)), ==, "CAP-0032");
  g_assert_cmpint (lc_inspect_session_get_state (session (fixture)), ==, LC_INSPECT_STATE_IDLE);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM inspection WHERE lot_id = %" G_GINT64_FORMAT, lot_id), ==, 10);
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
  if (g_getenv ("LC_SHOT_DIR") != NULL)
    g_test_add ("/inspect-page/shift-slice-1920x1080", Fixture, large, fixture_set_up, test_shift_slice,
                fixture_tear_down);

  return g_test_run ();
}

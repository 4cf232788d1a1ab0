#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-application.h"
#include "lc-inspect-page.h"
#include "lc-spc-alarms.h"
#include "lc-inspect-session.h"
#include "lc-inspect-value-row.h"
#include "lc-inspection-search.h"
#include "lc-live-view.h"
#include "lc-part-type.h"
#include "lc-window.h"

/* The operator's screen all shift: part type, lot and serial on top, the part's picture
 * beside its characteristics, one big Inspect action and the verdict buttons, alarms and
 * the shift's counters. The flow itself is LcInspectSession's; this page shows it and
 * turns buttons, keys, scans and the foot pedal into its calls. */

/* Live gauge values are redrawn this often. */
#define LIVE_REFRESH_MS 200

struct _LcInspectPage
{
  LcPage            parent_instance;

  GtkLabel         *part_label;
  GtkLabel         *lot_label;
  GtkLabel         *serial_label;
  GtkEntry         *scan_entry;
  GtkRevealer      *alarm_revealer;
  GtkLabel         *alarm_label;
  AdwBin           *camera_slot;
  LcLiveView       *live_view;
  GtkLabel         *no_picture_label;
  GtkListBox       *values_list;
  GtkLabel         *status_label;
  GtkButton        *inspect_button;
  GtkButton        *pass_button;
  GtkDropDown      *defect_dropdown;
  GtkLabel         *inspected_label;
  GtkLabel         *passed_label;
  GtkLabel         *failed_label;
  GtkLabel         *yield_label;
  GtkLabel         *defects_label;

  LcGaugeBench     *bench;
  LcInspectSession *session;
  GCancellable     *cancellable;
  GPtrArray        *defect_ids;       /* gint64 per dropdown item; item 0 is "no defect" */
  guint             refresh_id;
};

G_DEFINE_FINAL_TYPE (LcInspectPage, lc_inspect_page, LC_TYPE_PAGE)

static void
show_error (LcInspectPage *self,
            const char    *message)
{
  /* The status line over the big buttons says it in red; a toast would cover those buttons. */
  gtk_label_set_label (self->status_label, message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The live camera picture; the part's own picture frozen while its verdict is pending, with
 * the model's regions on it. */
static void
update_picture (LcInspectPage *self)
{
  LcCamera *camera = self->session != NULL ? lc_inspect_session_get_camera (self->session) : NULL;
  LcFrame *frame = self->session != NULL ? lc_inspect_session_get_frame (self->session) : NULL;
  gboolean suggested = self->session != NULL &&
                       lc_inspect_session_get_state (self->session) == LC_INSPECT_STATE_SUGGESTED;

  if (lc_live_view_get_camera (self->live_view) != camera)
    lc_live_view_set_camera (self->live_view, camera);
  if (suggested && frame != NULL)
    {
      const LcInspectSuggestion *suggestion = lc_inspect_session_get_suggestion (self->session);

      if (lc_live_view_get_frame (self->live_view) != frame || !lc_live_view_get_frozen (self->live_view))
        {
          lc_live_view_freeze (self->live_view, frame);
          lc_live_view_clear_boxes (self->live_view);
          /* The heat map in the model's units (1.0 = its threshold): clear below 0.7 of the
           * threshold, fully red from 1.5 times it, so what the model flags stands out. */
          if (suggestion->heat_map != NULL)
            lc_live_view_set_heat_map (self->live_view, g_bytes_get_data (suggestion->heat_map, NULL),
                                       suggestion->heat_width, suggestion->heat_height, 0.7f, 1.5f);
          else
            lc_live_view_set_heat_map_texture (self->live_view, NULL);
          for (guint i = 0; suggestion->regions != NULL && i < suggestion->regions->len; i++)
            {
              LcAnnotationRecord *region = g_ptr_array_index (suggestion->regions, i);
              g_autoptr(JsonNode) node = json_from_string (region->geometry, NULL);
              JsonObject *box = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
              LcDefectClass *defect_class = region->defect_class_id != 0
                ? lc_part_type_find_defect_class_by_id (lc_inspect_session_get_part_type (self->session),
                                                        region->defect_class_id)
                : NULL;
              GdkRGBA colour = { 0.88, 0.11, 0.14, 1.0 };
              g_autofree char *label = NULL;

              if (defect_class != NULL)
                {
                  g_autofree char *percent = g_strdup_printf ("%.0f", 100 * region->score);

                  gdk_rgba_parse (&colour, lc_defect_class_get_color (defect_class));
                  label = g_strdup_printf (_("%s (%s %%)"), _(lc_defect_class_get_name (defect_class)), percent);
                }
              if (box != NULL && g_strcmp0 (region->shape, "box") == 0)
                lc_live_view_add_box (self->live_view, json_object_get_double_member_with_default (box, "x", 0),
                                      json_object_get_double_member_with_default (box, "y", 0),
                                      json_object_get_double_member_with_default (box, "width", 0),
                                      json_object_get_double_member_with_default (box, "height", 0), label, &colour);
            }
        }
    }
  else if (lc_live_view_get_frozen (self->live_view) && !(self->session != NULL &&
                                                          lc_inspect_session_get_state (self->session) ==
                                                            LC_INSPECT_STATE_RECORDED))
    {
      lc_live_view_clear_boxes (self->live_view);
      lc_live_view_set_heat_map_texture (self->live_view, NULL);
      lc_live_view_release (self->live_view);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_picture_label),
                          lc_live_view_get_frame (self->live_view) == NULL && !lc_live_view_get_frozen (self->live_view));
}

static void
update_values (LcInspectPage *self)
{
  LcInspectState state = self->session != NULL ? lc_inspect_session_get_state (self->session)
                                               : LC_INSPECT_STATE_IDLE;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->values_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LcInspectValueRow *row;
      LcCharacteristic *characteristic;
      LcGaugeChannel *channel;
      gint64 id;

      if (!LC_IS_INSPECT_VALUE_ROW (child))
        continue;
      row = LC_INSPECT_VALUE_ROW (child);
      characteristic = lc_inspect_value_row_get_characteristic (row);
      id = lc_characteristic_get_id (characteristic);
      channel = lc_inspect_session_get_channel (self->session, id);

      /* The part on the bench shows what was measured; otherwise the gauges live. */
      if (state == LC_INSPECT_STATE_SUGGESTED)
        {
          double value = lc_inspect_session_get_value (self->session, id);
          GPtrArray *measurements = lc_inspect_session_get_measurements (self->session);
          const char *source = _("no value: tap to type it");

          for (guint i = measurements != NULL ? measurements->len : 0; i > 0; i--)
            {
              LcMeasurementRecord *m = g_ptr_array_index (measurements, i - 1);
              if (m->characteristic_id == id && !m->superseded)
                {
                  source = m->channel_id != 0 ? _("measured") : _("typed");
                  break;
                }
            }
          lc_inspect_value_row_set_value (row, value, source);
        }
      else if (channel != NULL)
        {
          g_autofree char *described = NULL;
          const char *error = lc_gauge_channel_get_last_error (channel);

          if (error != NULL)
            described = lc_gauge_channel_describe_state (channel);
          lc_inspect_value_row_set_value (row, lc_gauge_channel_get_last_reading (channel) != NULL
                                                 ? lc_gauge_channel_get_value (channel) : NAN,
                                          described != NULL ? described : _("live"));
        }
      else
        lc_inspect_value_row_set_value (row, NAN, _("typed by hand"));
    }
}

static gboolean
refresh_live (gpointer data)
{
  update_values (LC_INSPECT_PAGE (data));
  update_picture (LC_INSPECT_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
update_counters (LcInspectPage *self)
{
  const LcShiftCounters *counters = lc_inspect_session_get_counters (self->session);
  double yield = lc_shift_counters_get_yield (counters);
  g_autofree char *inspected = g_strdup_printf (_("Inspected: %u"), counters->inspected);
  g_autofree char *passed = g_strdup_printf (_("Passed: %u"), counters->passed);
  g_autofree char *failed = g_strdup_printf (_("Failed: %u"), counters->failed);
  g_autofree char *yield_text = isnan (yield) ? g_strdup (_("Yield: —"))
                                              : g_strdup_printf (_("Yield: %.1f %%"), yield * 100);
  g_autoptr(GString) defects = g_string_new (_("Last defects:"));

  for (guint i = 0; i < G_N_ELEMENTS (counters->last_defects) && counters->last_defects[i] != NULL; i++)
    g_string_append_printf (defects, "%s %s", i > 0 ? "," : "", _(counters->last_defects[i]));
  if (counters->last_defects[0] == NULL)
    g_string_append (defects, " —");
  gtk_label_set_label (self->inspected_label, inspected);
  gtk_label_set_label (self->passed_label, passed);
  gtk_label_set_label (self->failed_label, failed);
  gtk_label_set_label (self->yield_label, yield_text);
  gtk_label_set_label (self->defects_label, defects->str);
}

static void
select_defect (LcInspectPage *self,
               gint64         defect_class_id)
{
  for (guint i = 0; i < self->defect_ids->len; i++)
    if (*(gint64 *) g_ptr_array_index (self->defect_ids, i) == defect_class_id)
      {
        gtk_drop_down_set_selected (self->defect_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->defect_dropdown, 0);
}

static void
update_state (LcInspectPage *self)
{
  LcInspectState state = lc_inspect_session_get_state (self->session);
  LcPartType *part = lc_inspect_session_get_part_type (self->session);
  const LcInspectSuggestion *suggestion = lc_inspect_session_get_suggestion (self->session);
  const char *lot = lc_inspect_session_get_lot_code (self->session);
  const char *serial = lc_inspect_session_get_serial (self->session);
  gboolean suggested = state == LC_INSPECT_STATE_SUGGESTED;
  gboolean busy = lc_inspect_session_is_busy (self->session);
  g_autofree char *part_text = NULL;

  part_text = part != NULL ? g_strdup_printf ("%s · %s", lc_part_type_get_code (part), _(lc_part_type_get_name (part)))
                           : g_strdup (_("None"));
  gtk_label_set_label (self->part_label, part_text);
  gtk_label_set_label (self->lot_label, lot != NULL ? lot : _("None: scan or start one"));
  gtk_label_set_label (self->serial_label, serial[0] != '\0' ? serial : _("counted automatically"));
  gtk_label_set_label (self->status_label, lc_inspect_session_get_status (self->session));

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "lc-verdict-pass");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "lc-verdict-fail");
  if (suggested && suggestion->verdict != LC_VERDICT_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                              suggestion->verdict == LC_VERDICT_PASS ? "lc-verdict-pass" : "lc-verdict-fail");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.run",
                                 part != NULL && lot != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.pass", suggested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.fail", suggested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.remeasure", suggested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.new-lot", part != NULL && !busy);

  /* One-click pass: the Pass button stands out when nothing asks for a second look. */
  if (lc_inspect_session_can_pass_at_once (self->session))
    gtk_widget_add_css_class (GTK_WIDGET (self->pass_button), "lc-at-once");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->pass_button), "lc-at-once");
  if (suggested)
    select_defect (self, suggestion->defect_class_id);

  update_picture (self);
  update_values (self);
  update_counters (self);
}

static void
rebuild_part (LcInspectPage *self)
{
  LcPartType *part = lc_inspect_session_get_part_type (self->session);
  GPtrArray *characteristics = lc_inspect_session_get_characteristics (self->session);
  g_autoptr(GtkStringList) defects = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_list))) != NULL)
    gtk_list_box_remove (self->values_list, child);
  for (guint i = 0; i < characteristics->len; i++)
    gtk_list_box_append (self->values_list, lc_inspect_value_row_new (g_ptr_array_index (characteristics, i)));

  g_ptr_array_set_size (self->defect_ids, 0);
  gtk_string_list_append (defects, _("Defect…"));
  g_ptr_array_add (self->defect_ids, g_memdup2 (&(gint64) { 0 }, sizeof (gint64)));
  if (part != NULL)
    {
      GListModel *classes = lc_part_type_get_defect_classes (part);

      for (guint i = 0; i < g_list_model_get_n_items (classes); i++)
        {
          g_autoptr(LcDefectClass) defect = g_list_model_get_item (classes, i);
          gint64 id = lc_defect_class_get_id (defect);

          if (lc_defect_class_get_archived (defect))
            continue;
          gtk_string_list_append (defects, _(lc_defect_class_get_name (defect)));
          g_ptr_array_add (self->defect_ids, g_memdup2 (&id, sizeof id));
        }
    }
  gtk_drop_down_set_model (self->defect_dropdown, G_LIST_MODEL (defects));
  if (lc_live_view_get_frozen (self->live_view))
    lc_live_view_release (self->live_view);
  lc_live_view_clear_boxes (self->live_view);
  lc_live_view_set_heat_map_texture (self->live_view, NULL);
}

/* Alarms: a banner with a sound; the events stay until someone acknowledges them. */
static void
on_alarm (LcInspectPage    *self,
          const char       *kind,
          const char       *message,
          LcInspectSession *session)
{
  const char *shown = gtk_label_get_label (self->alarm_label);
  g_autofree char *text = NULL;

  if (gtk_revealer_get_reveal_child (self->alarm_revealer) && shown[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (shown, "\n", -1);

      /* The same rule broken again by the next part rings again, but is one line to read. */
      text = g_strv_contains ((const char * const *) lines, message) ? g_strdup (shown)
                                                                      : g_strdup_printf ("%s\n%s", shown, message);
    }
  else
    text = g_strdup (message);
  gtk_label_set_label (self->alarm_label, text);
  gtk_revealer_set_reveal_child (self->alarm_revealer, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (self));
  /* Who may clear it, said up front on a touch panel. */
  gtk_widget_set_tooltip_text (gtk_widget_get_last_child (gtk_widget_get_first_child (GTK_WIDGET (self->alarm_revealer))),
                               _("Only a QC lead can acknowledge alarms."));
}

static void
on_session_changed (LcInspectPage    *self,
                    LcInspectSession *session)
{
  update_state (self);
}

static void
on_inspected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LcInspectPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_inspect_session_inspect_finish (LC_INSPECT_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
on_remeasured (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LcInspectPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_inspect_session_remeasure_finish (LC_INSPECT_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
inspect (LcInspectPage *self)
{
  if (self->session == NULL)
    return;
  if (lc_inspect_session_is_busy (self->session))
    {
      show_error (self, _("This part has no verdict yet: pass, fail or re-measure it first."));
      return;
    }
  lc_inspect_session_inspect_async (self->session, self->cancellable, on_inspected, g_object_ref (self));
}

static void
confirm (LcInspectPage *self,
         LcVerdict      verdict)
{
  g_autoptr(GError) error = NULL;
  gint64 defect_class_id = 0;
  guint selected = gtk_drop_down_get_selected (self->defect_dropdown);

  if (verdict == LC_VERDICT_FAIL && selected != GTK_INVALID_LIST_POSITION && selected < self->defect_ids->len)
    defect_class_id = *(gint64 *) g_ptr_array_index (self->defect_ids, selected);
  if (!lc_inspect_session_confirm (self->session, verdict, defect_class_id, &error))
    {
      show_error (self, error->message);
      if (g_error_matches (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NEEDS_DEFECT))
        gtk_widget_grab_focus (GTK_WIDGET (self->defect_dropdown));
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
inspect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  inspect (LC_INSPECT_PAGE (widget));
}

static void
pass_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  confirm (LC_INSPECT_PAGE (widget), LC_VERDICT_PASS);
}

static void
fail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  confirm (LC_INSPECT_PAGE (widget), LC_VERDICT_FAIL);
}

static void
new_lot_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LcInspectPage *self = LC_INSPECT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!lc_inspect_session_open_lot (self->session, NULL, &error))
    show_error (self, error->message);
}

/* Re-measure: which characteristic (or all) and why, in one dialog. */
typedef struct
{
  LcInspectPage *page;
  GtkDropDown   *which;
  GtkEntry      *reason;
  GPtrArray     *ids;
} Remeasure;

static void
remeasure_free (Remeasure *remeasure)
{
  g_object_unref (remeasure->page);
  g_ptr_array_unref (remeasure->ids);
  g_free (remeasure);
}

static void
on_remeasure_response (AdwMessageDialog *dialog,
                       const char       *response,
                       Remeasure        *remeasure)
{
  LcInspectPage *self = remeasure->page;

  if (g_str_equal (response, "remeasure"))
    {
      guint selected = gtk_drop_down_get_selected (remeasure->which);
      gint64 id = selected < remeasure->ids->len ? *(gint64 *) g_ptr_array_index (remeasure->ids, selected) : 0;
      const char *reason = gtk_editable_get_text (GTK_EDITABLE (remeasure->reason));

      lc_inspect_session_remeasure_async (self->session, id, reason[0] != '\0' ? reason : _("Re-measured"),
                                          self->cancellable, on_remeasured, g_object_ref (self));
    }
  remeasure_free (remeasure);
}

static void
ask_remeasure (LcInspectPage *self,
               gint64         preselected)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *characteristics = lc_inspect_session_get_characteristics (self->session);
  Remeasure *remeasure = g_new0 (Remeasure, 1);
  GtkWidget *dialog, *box;
  guint selected = 0;

  remeasure->page = g_object_ref (self);
  remeasure->ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _("All characteristics"));
  g_ptr_array_add (remeasure->ids, g_memdup2 (&(gint64) { 0 }, sizeof (gint64)));
  for (guint i = 0; i < characteristics->len; i++)
    {
      LcCharacteristic *characteristic = g_ptr_array_index (characteristics, i);
      gint64 id = lc_characteristic_get_id (characteristic);

      if (lc_inspect_session_get_channel (self->session, id) == NULL)
        continue;
      if (id == preselected)
        selected = remeasure->ids->len;
      gtk_string_list_append (names, _(lc_characteristic_get_name (characteristic)));
      g_ptr_array_add (remeasure->ids, g_memdup2 (&id, sizeof id));
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Measure Again?"),
                                   _("The first reading is kept, marked superseded, with the reason."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  remeasure->which = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_drop_down_set_selected (remeasure->which, selected);
  remeasure->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (remeasure->reason, _("Reason, e.g. part not seated"));
  gtk_editable_set_text (GTK_EDITABLE (remeasure->reason), _("Part not seated"));
  gtk_entry_set_activates_default (remeasure->reason, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (remeasure->which));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (remeasure->reason));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remeasure", _("_Measure Again"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remeasure", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "remeasure");
  g_signal_connect (dialog, "response", G_CALLBACK (on_remeasure_response), remeasure);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remeasure_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_remeasure (LC_INSPECT_PAGE (widget), 0);
}

/* A value typed by hand: no gauge, or the gauge failed. */
typedef struct
{
  LcInspectPage *page;
  gint64         characteristic_id;
  GtkEntry      *entry;
} TypeValue;

static void
on_type_value_response (AdwMessageDialog *dialog,
                        const char       *response,
                        TypeValue        *typed)
{
  LcInspectPage *self = typed->page;

  if (g_str_equal (response, "remeasure"))
    ask_remeasure (self, typed->characteristic_id);
  else if (g_str_equal (response, "enter"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdelimit (g_strdup (gtk_editable_get_text (GTK_EDITABLE (typed->entry))), ",", '.');
      char *end = NULL;
      double value = g_ascii_strtod (g_strstrip (text), &end);

      if (end == text || *end != '\0')
        show_error (self, _("That is not a number."));
      else if (!lc_inspect_session_enter_value (self->session, typed->characteristic_id, value, _("Typed by the operator"),
                                                &error))
        show_error (self, error->message);
    }
  g_object_unref (typed->page);
  g_free (typed);
}

static void
on_value_row_activated (LcInspectPage *self,
                        GtkListBoxRow *row)
{
  LcCharacteristic *characteristic = lc_inspect_value_row_get_characteristic (LC_INSPECT_VALUE_ROW (row));
  gint64 id = lc_characteristic_get_id (characteristic);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  TypeValue *typed;
  GtkWidget *dialog;

  if (lc_inspect_session_get_state (self->session) != LC_INSPECT_STATE_SUGGESTED)
    return;
  /* Tapping a value: type it (no gauge, or the gauge cannot be trusted), or measure again. */
  typed = g_new0 (TypeValue, 1);
  typed->page = g_object_ref (self);
  typed->characteristic_id = id;
  heading = g_strdup_printf (_("Type the Value of %s"), _(lc_characteristic_get_name (characteristic)));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  typed->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (typed->entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (typed->entry, TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (typed->entry));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (lc_inspect_session_get_channel (self->session, id) != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "remeasure", _("_Measure Again…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "enter", _("_Enter"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "enter", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "enter");
  g_signal_connect (dialog, "response", G_CALLBACK (on_type_value_response), typed);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LcInspectPage *self = LC_INSPECT_PAGE (widget);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 inspection_id = self->session != NULL ? lc_inspect_session_get_last_inspection_id (self->session) : 0;

  /* Alarms are a QC lead's to acknowledge (DESIGN.md, roles): an operator is told, on the
   * banner itself, to call one. */
  if (store == NULL || lc_store_get_actor_role (store) < LC_ROLE_LEAD)
    {
      const char *shown = gtk_label_get_label (self->alarm_label);
      const char *hint = _("Only a QC lead can acknowledge this alarm: ask one to log in.");

      if (strstr (shown, hint) == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s\n%s", shown, hint);
          gtk_label_set_label (self->alarm_label, text);
        }
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* The alarms of the part just recorded, through the statistics library. */
  if (inspection_id != 0)
    {
      sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT id FROM event WHERE inspection_id = ?"
                                                    " AND acknowledged_at IS NULL ORDER BY id", &error);
      if (stmt == NULL)
        {
          show_error (self, error->message);
          return;
        }
      sqlite3_bind_int64 (stmt, 1, inspection_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_array_append_val (events, (gint64) { sqlite3_column_int64 (stmt, 0) });
      sqlite3_reset (stmt);
      for (guint i = 0; i < events->len; i++)
        if (!lc_spc_alarm_acknowledge (store, g_array_index (events, gint64, i), NULL, &error))
          {
            show_error (self, error->message);
            return;
          }
    }
  gtk_revealer_set_reveal_child (self->alarm_revealer, FALSE);
  gtk_label_set_label (self->alarm_label, "");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcInspectPage *self = LC_INSPECT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *search = lc_inspection_search_new (lc_page_get_store (LC_PAGE (self)));
  const char *lot = self->session != NULL ? lc_inspect_session_get_lot_code (self->session) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (search), GTK_WINDOW (root));
  /* The lot in work is the likeliest question. */
  if (lot != NULL)
    lc_inspection_search_run (LC_INSPECTION_SEARCH (search), lot, TRUE);
  gtk_window_present (GTK_WINDOW (search));
}

/* The scan field: a part number changes over, "LOT:" or no lot yet opens a lot, anything
 * else is the serial of the next part and inspects it. */
static void
handle_scan (LcInspectPage *self,
             const char    *text)
{
  g_autofree char *code = g_strstrip (g_strdup (text));
  g_autoptr(LcPartType) part = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LcStore *store = lc_page_get_store (LC_PAGE (self));

  if (code[0] == '\0' || self->session == NULL || store == NULL)
    return;

  part = lc_part_type_load_by_code (store, code, NULL);
  if (part != NULL && !lc_part_type_get_archived (part))
    {
      if (LC_IS_WINDOW (root))
        lc_window_set_part_type (LC_WINDOW (root), part);
      else
        lc_page_set_part_type (LC_PAGE (self), part);
      return;
    }
  if (g_ascii_strncasecmp (code, "LOT:", 4) == 0 || lc_inspect_session_get_lot_code (self->session) == NULL)
    {
      const char *lot = g_ascii_strncasecmp (code, "LOT:", 4) == 0 ? code + 4 : code;

      if (!lc_inspect_session_open_lot (self->session, lot, &error))
        show_error (self, error->message);
      return;
    }
  if (lc_inspect_session_is_busy (self->session))
    {
      show_error (self, _("This part has no verdict yet: pass, fail or re-measure it first."));
      return;
    }
  lc_inspect_session_set_serial (self->session, code);
  inspect (self);
}

static void
on_scan_activate (LcInspectPage *self,
                  GtkEntry      *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  handle_scan (self, text);
}

/* Space in an empty scan field inspects: the field keeps the focus for the scanner. */
static gboolean
on_scan_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             LcInspectPage         *self)
{
  if (keyval == GDK_KEY_space && (state & GDK_MODIFIER_MASK) == 0 &&
      gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))[0] == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "inspect.run", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
on_pedal (LcInspectPage  *self,
          LcGaugeChannel *channel,
          LcGaugeBench   *bench)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    inspect (self);
}

static void
stop_devices (LcInspectPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->bench != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->bench, self);
      lc_gauge_bench_stop (self->bench);
    }
  g_clear_object (&self->bench);
}

static void lc_inspect_page_part_type_changed (LcPage *page);

static void
lc_inspect_page_store_changed (LcPage *page)
{
  LcInspectPage *self = LC_INSPECT_PAGE (page);
  LcStore *store = lc_page_get_store (page);
  g_autoptr(GError) error = NULL;

  stop_devices (self);
  if (store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->bench = lc_gauge_bench_new ();
  if (!lc_gauge_bench_load (self->bench, store, &error))
    gtk_label_set_label (self->status_label, error->message);
  lc_gauge_bench_start (self->bench);
  g_signal_connect_object (self->bench, "trigger", G_CALLBACK (on_pedal), self, G_CONNECT_SWAPPED);

  self->session = lc_inspect_session_new (store, self->bench, NULL);
  g_signal_connect_object (self->session, "changed", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "alarm", G_CALLBACK (on_alarm), self, G_CONNECT_SWAPPED);
  lc_inspect_page_part_type_changed (page);
}

static void
lc_inspect_page_part_type_changed (LcPage *page)
{
  LcInspectPage *self = LC_INSPECT_PAGE (page);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  /* The window asked about unfinished work before it changed the part type. */
  if (!lc_inspect_session_change_part_type (self->session, lc_page_get_part_type (page), TRUE, &error))
    show_error (self, error->message);
  rebuild_part (self);
  update_state (self);
}

static char *
lc_inspect_page_changeover_blocked (LcPage *page)
{
  LcInspectPage *self = LC_INSPECT_PAGE (page);

  if (self->session == NULL || !lc_inspect_session_is_busy (self->session))
    return NULL;
  return g_strdup_printf (_("Part %s is being inspected and has no verdict yet. Changing the part type discards it: "
                            "nothing is recorded for it."),
                          lc_inspect_session_get_serial (self->session));
}

static void
lc_inspect_page_discard (LcPage *page)
{
  LcInspectPage *self = LC_INSPECT_PAGE (page);

  if (self->session != NULL)
    lc_inspect_session_discard (self->session);
}

static void
lc_inspect_page_map (GtkWidget *widget)
{
  LcInspectPage *self = LC_INSPECT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (lc_inspect_page_parent_class)->map (widget);

  if (self->session != NULL && GTK_IS_WINDOW (root) &&
      LC_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))))
    lc_inspect_session_set_station (self->session,
                                    lc_application_get_station (LC_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)))));
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (LIVE_REFRESH_MS, refresh_live, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
lc_inspect_page_unmap (GtkWidget *widget)
{
  LcInspectPage *self = LC_INSPECT_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (lc_inspect_page_parent_class)->unmap (widget);
}

static void
lc_inspect_page_dispose (GObject *object)
{
  LcInspectPage *self = LC_INSPECT_PAGE (object);

  stop_devices (self);
  g_clear_pointer (&self->defect_ids, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_INSPECT_PAGE);

  G_OBJECT_CLASS (lc_inspect_page_parent_class)->dispose (object);
}

static void
lc_inspect_page_class_init (LcInspectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_inspect_page_dispose;
  widget_class->map = lc_inspect_page_map;
  widget_class->unmap = lc_inspect_page_unmap;
  page_class->store_changed = lc_inspect_page_store_changed;
  page_class->part_type_changed = lc_inspect_page_part_type_changed;
  page_class->changeover_blocked = lc_inspect_page_changeover_blocked;
  page_class->discard = lc_inspect_page_discard;

  g_type_ensure (LC_TYPE_LIVE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-inspect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, part_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, lot_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, serial_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, alarm_revealer);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, camera_slot);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, live_view);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, no_picture_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, values_list);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, inspect_button);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, pass_button);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, defect_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, inspected_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, passed_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, failed_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, yield_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectPage, defects_label);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_value_row_activated);

  gtk_widget_class_install_action (widget_class, "inspect.run", NULL, inspect_action);
  gtk_widget_class_install_action (widget_class, "inspect.pass", NULL, pass_action);
  gtk_widget_class_install_action (widget_class, "inspect.fail", NULL, fail_action);
  gtk_widget_class_install_action (widget_class, "inspect.remeasure", NULL, remeasure_action);
  gtk_widget_class_install_action (widget_class, "inspect.new-lot", NULL, new_lot_action);
  gtk_widget_class_install_action (widget_class, "inspect.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "inspect.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "inspect.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "inspect.pass", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "inspect.fail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "inspect.remeasure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "inspect.search", NULL);
}

static void
lc_inspect_page_init (LcInspectPage *self)
{
  static gsize css_loaded = 0;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->defect_ids = g_ptr_array_new_with_free_func (g_free);

  if (g_once_init_enter (&css_loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      GdkDisplay *display = gdk_display_get_default ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/ui/lc-inspect-page.css");
      if (display != NULL)
        gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_scan_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scan_entry), keys);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.run", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.pass", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.fail", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.remeasure", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspect.new-lot", FALSE);
}

GtkWidget *
lc_inspect_page_new (void)
{
  return g_object_new (LC_TYPE_INSPECT_PAGE, NULL);
}

LcInspectSession *
lc_inspect_page_get_session (LcInspectPage *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_PAGE (self), NULL);
  return self->session;
}

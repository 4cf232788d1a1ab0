#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lc-channel-combo-row.h"
#include "lc-verdict-outputs-group.h"

/* One set of rows per verdict, built in code because the three are the same. Only the first
 * output of each verdict is edited here; further ones written by an integrator into the JSON
 * are kept as they are. */
typedef struct
{
  const char        *verdict;
  LcChannelComboRow *channel_row;
  GtkSpinButton     *value_spin;
  GtkSpinButton     *pulse_spin;
  AdwActionRow      *detail_row;
} VerdictRows;

#define N_VERDICTS 3

struct _LcVerdictOutputsGroup
{
  AdwPreferencesGroup  parent_instance;

  VerdictRows          rows[N_VERDICTS];
  LcPartType          *part_type;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (LcVerdictOutputsGroup, lc_verdict_outputs_group, ADW_TYPE_PREFERENCES_GROUP)

static JsonObject *
parse_outputs (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL))
    {
      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        return json_object_ref (json_node_get_object (root));
    }
  return json_object_new ();
}

static void
update_sensitivity (LcVerdictOutputsGroup *self)
{
  for (guint i = 0; i < N_VERDICTS; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->rows[i].detail_row),
                              lc_channel_combo_row_get_channel_id (self->rows[i].channel_row) > 0);
}

static void
on_changed (LcVerdictOutputsGroup *self)
{
  g_autoptr(JsonObject) outputs = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  update_sensitivity (self);
  if (self->loading || self->part_type == NULL)
    return;

  outputs = parse_outputs (lc_part_type_get_outputs (self->part_type));
  for (guint i = 0; i < N_VERDICTS; i++)
    {
      VerdictRows *rows = &self->rows[i];
      gint64 channel_id = lc_channel_combo_row_get_channel_id (rows->channel_row);
      JsonArray *old = json_object_has_member (outputs, rows->verdict)
                       ? json_object_get_array_member (outputs, rows->verdict) : NULL;
      JsonArray *list = json_array_new ();
      guint pulse = (guint) gtk_spin_button_get_value_as_int (rows->pulse_spin);

      if (channel_id > 0)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_int_member (entry, "channel", channel_id);
          json_object_set_double_member (entry, "value", gtk_spin_button_get_value (rows->value_spin));
          if (pulse > 0)
            json_object_set_int_member (entry, "pulse_ms", pulse);
          json_array_add_object_element (list, entry);
        }
      for (guint k = 1; old != NULL && k < json_array_get_length (old); k++)
        json_array_add_element (list, json_node_copy (json_array_get_element (old, k)));
      json_object_set_array_member (outputs, rows->verdict, list);
    }
  json_node_set_object (node, outputs);
  text = json_to_string (node, FALSE);
  lc_part_type_set_outputs (self->part_type, text);
}

static void
load (LcVerdictOutputsGroup *self)
{
  g_autoptr(JsonObject) outputs = parse_outputs (self->part_type != NULL ? lc_part_type_get_outputs (self->part_type) : NULL);

  self->loading = TRUE;
  for (guint i = 0; i < N_VERDICTS; i++)
    {
      VerdictRows *rows = &self->rows[i];
      JsonArray *list = json_object_has_member (outputs, rows->verdict)
                        ? json_object_get_array_member (outputs, rows->verdict) : NULL;
      JsonObject *first = list != NULL && json_array_get_length (list) > 0
                          ? json_array_get_object_element (list, 0) : NULL;

      lc_channel_combo_row_set_channel_id (rows->channel_row,
                                           first != NULL ? json_object_get_int_member_with_default (first, "channel", 0) : 0);
      gtk_spin_button_set_value (rows->value_spin,
                                 first != NULL ? json_object_get_double_member_with_default (first, "value", 1) : 1);
      gtk_spin_button_set_value (rows->pulse_spin,
                                 first != NULL ? json_object_get_int_member_with_default (first, "pulse_ms", 0) : 0);
    }
  self->loading = FALSE;
  update_sensitivity (self);
}

static GtkWidget *
spin_with_label (const char     *label,
                 double          upper,
                 GtkSpinButton **spin_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_box_append (GTK_BOX (box), spin);
  *spin_out = GTK_SPIN_BUTTON (spin);
  return box;
}

static void
lc_verdict_outputs_group_dispose (GObject *object)
{
  LcVerdictOutputsGroup *self = LC_VERDICT_OUTPUTS_GROUP (object);

  g_clear_object (&self->part_type);

  G_OBJECT_CLASS (lc_verdict_outputs_group_parent_class)->dispose (object);
}

static void
lc_verdict_outputs_group_class_init (LcVerdictOutputsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_verdict_outputs_group_dispose;
}

static void
lc_verdict_outputs_group_init (LcVerdictOutputsGroup *self)
{
  static const char * const verdicts[N_VERDICTS] = { "pass", "fail", "critical" };
  const char *titles[N_VERDICTS] = {
    _("On a pass"),
    _("On a fail (reject gate)"),
    _("On a critical defect (stop and alarm)"),
  };

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Verdict Outputs"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("A coil or register of a gauge or controller written when a part "
                                           "is recorded. Output channels are set up on the Devices page."));
  for (guint i = 0; i < N_VERDICTS; i++)
    {
      VerdictRows *rows = &self->rows[i];
      GtkWidget *detail = adw_action_row_new ();

      rows->verdict = verdicts[i];
      rows->channel_row = LC_CHANNEL_COMBO_ROW (lc_channel_combo_row_new ());
      lc_channel_combo_row_set_bench (rows->channel_row, NULL, LC_GAUGE_ROLE_OUTPUT);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->channel_row), titles[i]);
      rows->detail_row = ADW_ACTION_ROW (detail);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail), _("Value written"));
      adw_action_row_set_subtitle (rows->detail_row, _("Pulse: back to 0 after that many ms (0: stays on)"));
      adw_action_row_add_suffix (rows->detail_row, spin_with_label (_("Value"), 65535, &rows->value_spin));
      adw_action_row_add_suffix (rows->detail_row, spin_with_label (_("Pulse (ms)"), 60000, &rows->pulse_spin));
      gtk_spin_button_set_increments (rows->pulse_spin, 50, 500);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (rows->channel_row));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), detail);
      g_signal_connect_swapped (rows->channel_row, "notify::channel-id", G_CALLBACK (on_changed), self);
      g_signal_connect_swapped (rows->value_spin, "value-changed", G_CALLBACK (on_changed), self);
      g_signal_connect_swapped (rows->pulse_spin, "value-changed", G_CALLBACK (on_changed), self);
    }
  update_sensitivity (self);
}

GtkWidget *
lc_verdict_outputs_group_new (void)
{
  return g_object_new (LC_TYPE_VERDICT_OUTPUTS_GROUP, NULL);
}

void
lc_verdict_outputs_group_edit (LcVerdictOutputsGroup *self,
                               LcGaugeBench          *bench,
                               LcPartType            *part_type)
{
  g_return_if_fail (LC_IS_VERDICT_OUTPUTS_GROUP (self));

  g_set_object (&self->part_type, part_type);
  self->loading = TRUE;
  for (guint i = 0; i < N_VERDICTS; i++)
    lc_channel_combo_row_set_bench (self->rows[i].channel_row, bench, LC_GAUGE_ROLE_OUTPUT);
  self->loading = FALSE;
  load (self);
}

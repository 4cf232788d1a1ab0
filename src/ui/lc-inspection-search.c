#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-inspection-query.h"
#include "lc-inspection-search.h"

struct _LcInspectionSearch
{
  AdwWindow       parent_instance;

  GtkDropDown    *kind_dropdown;
  GtkSearchEntry *search_entry;
  GtkLabel       *summary_label;
  GtkListBox     *results_list;

  LcStore        *store;
};

G_DEFINE_FINAL_TYPE (LcInspectionSearch, lc_inspection_search, ADW_TYPE_WINDOW)

static const char *
text_member (JsonObject *object,
             const char *name)
{
  if (!json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return "";
  return json_object_get_string_member (object, name);
}

static const char *
verdict_label (const char *verdict)
{
  if (g_strcmp0 (verdict, "pass") == 0)
    return _("Pass");
  if (g_strcmp0 (verdict, "fail") == 0)
    return _("Fail");
  return "—";
}

static const char *
decided_by_label (const char *decided_by)
{
  if (g_strcmp0 (decided_by, "model") == 0)
    return _("confirmed the suggestion");
  if (g_strcmp0 (decided_by, "operator-override") == 0)
    return _("corrected the suggestion");
  return _("decided by the operator");
}

static GtkWidget *
measurement_row (JsonObject *measurement)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *value = g_strdup_printf ("%.6g %s", json_object_get_double_member (measurement, "value"),
                                            text_member (measurement, "unit"));
  g_autofree char *subtitle = NULL;

  if (json_object_get_boolean_member (measurement, "superseded"))
    subtitle = g_strdup_printf (_("Superseded (%s) · raw %s"), text_member (measurement, "reason"),
                                text_member (measurement, "raw"));
  else
    subtitle = g_strdup_printf (_("Raw %s"), text_member (measurement, "raw"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(text_member (measurement, "characteristic")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
  if (json_object_get_boolean_member (measurement, "superseded"))
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static GtkWidget *
images_row (JsonArray *images)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      JsonObject *image = json_array_get_object_element (images, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *picture = gtk_picture_new_for_filename (text_member (image, "path"));
      JsonArray *annotations = json_object_get_array_member (image, "annotations");
      g_autofree char *caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u region marked",
                                                               "%u regions marked",
                                                               json_array_get_length (annotations)),
                                                  json_array_get_length (annotations));
      GtkWidget *label;

      gtk_widget_set_size_request (picture, 200, 160);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_box_append (GTK_BOX (card), picture);
      if (json_object_get_boolean_member (image, "review"))
        {
          g_autofree char *both = g_strdup_printf ("%s · %s", caption, _("in the review queue"));
          label = gtk_label_new (both);
        }
      else
        label = gtk_label_new (caption);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (card), label);
      gtk_flow_box_append (GTK_FLOW_BOX (box), card);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
inspection_row (JsonObject *inspection)
{
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *measurements = json_object_get_array_member (inspection, "measurements");
  JsonArray *images = json_object_get_array_member (inspection, "images");
  const char *defect = text_member (inspection, "defect_class");
  g_autofree char *title = g_strdup_printf ("%s · %s%s%s", text_member (inspection, "serial"),
                                            verdict_label (text_member (inspection, "verdict")),
                                            defect[0] != '\0' ? " · " : "", defect[0] != '\0' ? _(defect) : "");
  g_autofree char *subtitle = g_strdup_printf (_("%s · lot %s · %s · %s · operator %s"),
                                               text_member (inspection, "recorded_at"),
                                               text_member (inspection, "lot"),
                                               text_member (inspection, "part_type"),
                                               decided_by_label (text_member (inspection, "decided_by")),
                                               text_member (inspection, "operator")[0] != '\0'
                                                 ? text_member (inspection, "operator") : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  for (guint i = 0; i < json_array_get_length (measurements); i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), measurement_row (json_array_get_object_element (measurements, i)));
  if (json_array_get_length (images) > 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), images_row (images));
  return row;
}

guint
lc_inspection_search_run (LcInspectionSearch *self,
                          const char         *text,
                          gboolean            by_lot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key = g_strstrip (g_strdup (text != NULL ? text : ""));
  JsonArray *inspections;
  GtkWidget *child;
  guint n, passed = 0;

  g_return_val_if_fail (LC_IS_INSPECTION_SEARCH (self), 0);

  gtk_drop_down_set_selected (self->kind_dropdown, by_lot ? 1 : 0);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), key) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), key);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  if (key[0] == '\0')
    {
      gtk_label_set_label (self->summary_label, "");
      return 0;
    }

  root = by_lot ? lc_inspection_query_lot (self->store, key, &error)
                : lc_inspection_query_serial (self->store, key, &error);
  if (root == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return 0;
    }
  inspections = json_node_get_array (root);
  n = json_array_get_length (inspections);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *inspection = json_array_get_object_element (inspections, i);
      GtkWidget *row = inspection_row (inspection);

      if (g_strcmp0 (text_member (inspection, "verdict"), "pass") == 0)
        passed++;
      /* One part: open it at once. */
      if (n == 1)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->results_list, row);
    }
  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u inspection: %u passed, %u failed.",
                                                             "%u inspections: %u passed, %u failed.", n),
                                                n, passed, n - passed);
    gtk_label_set_label (self->summary_label, summary);
  }
  return n;
}

static void
on_search_activate (LcInspectionSearch *self)
{
  lc_inspection_search_run (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                            gtk_drop_down_get_selected (self->kind_dropdown) == 1);
}

static void
lc_inspection_search_dispose (GObject *object)
{
  LcInspectionSearch *self = LC_INSPECTION_SEARCH (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_INSPECTION_SEARCH);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lc_inspection_search_parent_class)->dispose (object);
}

static void
lc_inspection_search_class_init (LcInspectionSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_inspection_search_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-inspection-search.ui");
  gtk_widget_class_bind_template_child (widget_class, LcInspectionSearch, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcInspectionSearch, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LcInspectionSearch, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LcInspectionSearch, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lc_inspection_search_init (LcInspectionSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_inspection_search_new (LcStore *store)
{
  LcInspectionSearch *self = g_object_new (LC_TYPE_INSPECTION_SEARCH, NULL);

  self->store = store != NULL ? g_object_ref (store) : NULL;
  return GTK_WIDGET (self);
}

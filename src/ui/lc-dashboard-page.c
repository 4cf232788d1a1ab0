#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-chart-data.h"
#include "lc-control-chart.h"
#include "lc-dashboard-page.h"
#include "lc-defect-pareto.h"
#include "lc-defect-map-view.h"
#include "lc-export.h"
#include "lc-histogram-chart.h"
#include "lc-pareto-chart.h"
#include "lc-report.h"
#include "lc-spc-alarms.h"
#include "lc-spc-capability.h"
#include "lc-spc-dashboard.h"
#include "lc-spc-histogram.h"
#include "lc-spc-limits.h"
#include "lc-spc-pareto.h"

/* The QC lead's page: per characteristic a tile with its latest chart, Cpk and status; a
 * click opens the full chart with histogram and capability; the defect Pareto and map; the
 * alarms to acknowledge. Everything follows the filters and redraws itself when the store
 * records something new. */

#define TILE_SUBGROUPS 30
#define DEFECT_MAP_CELLS 64
/* Records arrive in bursts (a part's measurements, then its inspection): one refresh after
 * the burst, well within the second the dashboard promises. */
#define REFRESH_DELAY_MS 250

struct _LcDashboardPage
{
  LcPage            parent_instance;

  GtkDropDown      *range_dropdown;
  GtkDropDown      *lot_dropdown;
  GtkDropDown      *operator_dropdown;
  GtkDropDown      *station_dropdown;
  GtkLabel         *problem_label;
  GtkStack         *stack;
  GtkFlowBox       *tiles;
  LcParetoChart    *pareto_chart;
  LcDefectMapView  *defect_map;
  GtkListBox       *alarms_list;
  GtkLabel         *detail_title;
  GtkButton        *freeze_button;
  LcControlChart   *detail_chart;
  LcControlChart   *dispersion_chart;
  GtkLabel         *readout_title;
  GtkLabel         *readout_label;
  LcHistogramChart *histogram_chart;
  GtkGrid          *capability_grid;
  GtkLabel         *normality_label;
  GtkListBox       *violations_list;

  GArray           *lot_ids;
  GPtrArray        *lot_codes;
  GArray           *operator_ids;
  GPtrArray        *stations;
  gboolean          filling_filters;

  GCancellable     *cancellable;
  guint             refresh_source;
  gulong            changed_handler;
  guint             n_refreshes;

  gint64            detail_id;         /* the characteristic shown full size, 0: overview */
  LcSpcChart       *detail;
  LcSpcSamples     *detail_samples;
  GdkTexture       *reference;
  gint64            reference_part_id;
  LcReport         *printing;
};

G_DEFINE_FINAL_TYPE (LcDashboardPage, lc_dashboard_page, LC_TYPE_PAGE)

static void refresh (LcDashboardPage *self);
static void load_detail (LcDashboardPage *self);

static void
show_problem (LcDashboardPage *self,
              const char      *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static LcCharacteristic *
find_characteristic (LcDashboardPage *self,
                     gint64           id)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));

  return part != NULL ? lc_part_type_find_characteristic_by_id (part, id) : NULL;
}

/* The filters as the statistics library takes them. */
static void
get_filter (LcDashboardPage *self,
            LcSpcFilter     *filter)
{
  static const gint64 hours[] = { 0, 24, 24 * 7, 24 * 30 };
  guint range = gtk_drop_down_get_selected (self->range_dropdown);
  guint lot = gtk_drop_down_get_selected (self->lot_dropdown);
  guint op = gtk_drop_down_get_selected (self->operator_dropdown);
  guint station = gtk_drop_down_get_selected (self->station_dropdown);

  lc_spc_filter_init (filter);
  if (range > 0 && range < G_N_ELEMENTS (hours))
    filter->from = lc_store_now () - hours[range] * 3600 * G_USEC_PER_SEC;
  if (lot > 0 && lot <= self->lot_ids->len)
    filter->lot_id = g_array_index (self->lot_ids, gint64, lot - 1);
  if (op > 0 && op <= self->operator_ids->len)
    filter->operator_id = g_array_index (self->operator_ids, gint64, op - 1);
  if (station > 0 && station <= self->stations->len)
    filter->station = g_ptr_array_index (self->stations, station - 1);
}

/* Exports, the report and the defect map follow every filter: time range, lot, operator
 * and station. The strings are borrowed from the filter lists. */
static void
get_range (LcDashboardPage *self,
           LcExportRange   *range)
{
  LcSpcFilter filter;
  guint lot = gtk_drop_down_get_selected (self->lot_dropdown);
  guint op = gtk_drop_down_get_selected (self->operator_dropdown);
  GListModel *operators = gtk_drop_down_get_model (self->operator_dropdown);

  get_filter (self, &filter);
  *range = LC_EXPORT_RANGE_ALL;
  range->from = filter.from;
  if (lot > 0 && lot <= self->lot_codes->len)
    range->lot = g_ptr_array_index (self->lot_codes, lot - 1);
  if (op > 0 && op <= self->operator_ids->len && GTK_IS_STRING_LIST (operators))
    range->operator_name = gtk_string_list_get_string (GTK_STRING_LIST (operators), op);
  range->station = filter.station;
}

static GtkStringList *
string_list_with_all (const char *all)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  return list;
}

static void
fill_filters (LcDashboardPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  g_autoptr(GtkStringList) lots = string_list_with_all (_("All lots"));
  g_autoptr(GtkStringList) operators = string_list_with_all (_("All operators"));
  g_autoptr(GtkStringList) stations = string_list_with_all (_("All stations"));
  sqlite3_stmt *stmt;

  g_array_set_size (self->lot_ids, 0);
  g_ptr_array_set_size (self->lot_codes, 0);
  g_array_set_size (self->operator_ids, 0);
  g_ptr_array_set_size (self->stations, 0);

  if (store != NULL && part != NULL)
    {
      gint64 part_id = lc_part_type_get_id (part);

      stmt = lc_store_prepare (store, "SELECT id, code FROM lot WHERE part_type_id = ? ORDER BY started_at, id", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, part_id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (self->lot_ids, id);
              g_ptr_array_add (self->lot_codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
              gtk_string_list_append (lots, (const char *) sqlite3_column_text (stmt, 1));
            }
          sqlite3_reset (stmt);
        }
      stmt = lc_store_prepare (store, "SELECT DISTINCT o.id, o.name FROM inspection i"
                                      " JOIN operator o ON o.id = i.operator_id"
                                      " WHERE i.part_type_id = ? ORDER BY o.name", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, part_id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (self->operator_ids, id);
              gtk_string_list_append (operators, (const char *) sqlite3_column_text (stmt, 1));
            }
          sqlite3_reset (stmt);
        }
      stmt = lc_store_prepare (store, "SELECT DISTINCT station FROM inspection"
                                      " WHERE part_type_id = ? AND station != '' ORDER BY station", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, part_id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_ptr_array_add (self->stations, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
              gtk_string_list_append (stations, (const char *) sqlite3_column_text (stmt, 0));
            }
          sqlite3_reset (stmt);
        }
    }

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (self->lot_dropdown, G_LIST_MODEL (lots));
  gtk_drop_down_set_model (self->operator_dropdown, G_LIST_MODEL (operators));
  gtk_drop_down_set_model (self->station_dropdown, G_LIST_MODEL (stations));
  gtk_drop_down_set_selected (self->lot_dropdown, 0);
  gtk_drop_down_set_selected (self->operator_dropdown, 0);
  gtk_drop_down_set_selected (self->station_dropdown, 0);
  self->filling_filters = FALSE;
}

static const char *
status_css_class (LcSpcStatus status)
{
  switch (status)
    {
    case LC_SPC_STATUS_IN_CONTROL:
      return "success";
    case LC_SPC_STATUS_RULE_BROKEN:
      return "warning";
    case LC_SPC_STATUS_OUT_OF_SPEC:
      return "error";
    case LC_SPC_STATUS_NO_DATA:
    default:
      return "dim-label";
    }
}

static GtkWidget *
make_tile (LcDashboardPage *self,
           const LcSpcTile *tile)
{
  LcCharacteristic *characteristic = find_characteristic (self, tile->characteristic_id);
  guint decimals = characteristic != NULL ? lc_characteristic_get_decimals (characteristic) : 3;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (tile->name);
  GtkWidget *status = gtk_label_new (lc_spc_status_get_label (tile->status));
  GtkWidget *chart = lc_control_chart_new (TRUE);
  g_autofree char *cpk_text = NULL;
  GtkWidget *cpk;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "lc-tile");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (status, status_css_class (tile->status));
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), status);
  gtk_box_append (GTK_BOX (box), header);

  if (tile->capability != NULL && !isnan (tile->capability->cpk.value))
    cpk_text = g_strdup_printf (_("Cpk %.2f · Ppk %.2f"), tile->capability->cpk.value, tile->capability->ppk.value);
  else if (tile->chart != NULL)
    cpk_text = g_strdup (lc_spc_chart_kind_get_title (tile->chart->kind));
  else
    cpk_text = g_strdup (_("Not enough measurements yet"));
  cpk = gtk_label_new (cpk_text);
  gtk_label_set_xalign (GTK_LABEL (cpk), 0);
  gtk_widget_add_css_class (cpk, "numeric");
  gtk_box_append (GTK_BOX (box), cpk);

  lc_control_chart_set_chart (LC_CONTROL_CHART (chart), tile->chart, tile->samples, tile->name, tile->unit,
                              decimals, tile->lsl, tile->usl);
  gtk_widget_set_size_request (chart, -1, 110);
  gtk_box_append (GTK_BOX (box), chart);
  g_object_set_data (G_OBJECT (box), "characteristic-id", GINT_TO_POINTER ((int) tile->characteristic_id));
  return box;
}

static void
on_dashboard_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcSpcDashboard) dashboard = lc_spc_dashboard_compute_finish (result, &error);
  GtkWidget *child;

  if (dashboard == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
  for (guint i = 0; i < dashboard->n_tiles; i++)
    gtk_flow_box_append (self->tiles, make_tile (self, &dashboard->tiles[i]));
  self->n_refreshes++;
}

static void
load_pareto (LcDashboardPage *self)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  g_autoptr(LcSpcPareto) pareto = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) colors = NULL;
  LcSpcFilter filter;

  get_filter (self, &filter);
  pareto = lc_defect_pareto_load (lc_page_get_store (LC_PAGE (self)), lc_part_type_get_id (part), filter.from,
                                  G_MAXINT64, filter.lot_id, filter.operator_id, filter.station, &colors, &error);
  if (pareto == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  lc_pareto_chart_set_pareto (self->pareto_chart, pareto, (const char * const *) colors, _("Defects by class"));
}

static void
load_defect_map (LcDashboardPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcDefectMap) map = NULL;
  g_autofree char *title = NULL;
  LcExportRange range;
  int width = 0, height = 0;

  if (self->reference_part_id != lc_part_type_get_id (part))
    {
      const char *file = lc_part_type_get_reference_image (part);

      g_clear_object (&self->reference);
      self->reference_part_id = lc_part_type_get_id (part);
      if (file != NULL)
        {
          g_autofree char *dir = lc_store_get_images_dir (store);
          g_autofree char *path = g_build_filename (dir, file, NULL);
          /* A missing picture only costs the background: the map is drawn on a plain plate. */
          self->reference = gdk_texture_new_from_filename (path, NULL);
        }
    }
  if (self->reference != NULL)
    {
      width = gdk_texture_get_width (self->reference);
      height = gdk_texture_get_height (self->reference);
    }
  get_range (self, &range);
  map = lc_defect_map_load (store, lc_part_type_get_id (part), &range, 0, width, height, DEFECT_MAP_CELLS, &error);
  if (map == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  title = range.lot != NULL ? g_strdup_printf (_("Defect locations, lot %s"), range.lot)
                            : g_strdup (_("Defect locations, all lots"));
  lc_defect_map_view_set_map (self->defect_map, map, self->reference, title);
}

static void
on_acknowledge_response (AdwMessageDialog *dialog,
                         const char       *response,
                         LcDashboardPage  *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 event_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "event-id"));
  const char *comment = gtk_editable_get_text (entry);

  if (!g_str_equal (response, "acknowledge"))
    return;
  if (!lc_spc_alarm_acknowledge (lc_page_get_store (LC_PAGE (self)), event_id,
                                 comment[0] != '\0' ? comment : NULL, &error))
    show_problem (self, error->message);
}

static void
on_acknowledge_clicked (GtkButton       *button,
                        LcDashboardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Acknowledge Alarm?"),
                                                       g_object_get_data (G_OBJECT (button), "message")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What was done (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "acknowledge", _("_Acknowledge"), NULL);
  adw_message_dialog_set_default_response (dialog, "acknowledge");
  adw_message_dialog_set_response_appearance (dialog, "acknowledge", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "event-id", g_object_get_data (G_OBJECT (button), "event-id"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_acknowledge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_alarms (LcDashboardPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcSpcFilter filter;
  sqlite3_stmt *stmt;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alarms_list))) != NULL)
    gtk_list_box_remove (self->alarms_list, child);

  get_filter (self, &filter);
  /* Open alarms first, newest first; then the last ones acknowledged, with who and when (a
   * history with hundreds of open alarms must not push them out of the list). */
#define ALARM_COLUMNS \
  " SELECT e.id, e.kind, e.message, e.created_at, e.acknowledged_at," \
  " coalesce (o.name, ''), coalesce (e.ack_comment, '')" \
  " FROM event e LEFT JOIN operator o ON o.id = e.acknowledged_by" \
  " LEFT JOIN inspection i ON i.id = e.inspection_id" \
  " WHERE e.part_type_id = ?1 AND e.kind IN ('" LC_SPC_ALARM_RULE "', '" LC_SPC_ALARM_OUT_OF_SPEC "')" \
  " AND e.created_at >= ?2 AND (?3 = 0 OR i.lot_id = ?3)" \
  " AND (?4 = 0 OR i.operator_id = ?4) AND (?5 IS NULL OR i.station = ?5)"
  stmt = lc_store_prepare (store,
                           "SELECT * FROM (" ALARM_COLUMNS " AND e.acknowledged_at IS NULL"
                           " ORDER BY e.created_at DESC, e.id DESC LIMIT 40)"
                           " UNION ALL SELECT * FROM (" ALARM_COLUMNS " AND e.acknowledged_at IS NOT NULL"
                           " ORDER BY e.acknowledged_at DESC, e.id DESC LIMIT 10)", NULL);
#undef ALARM_COLUMNS
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
  sqlite3_bind_int64 (stmt, 2, filter.from);
  sqlite3_bind_int64 (stmt, 3, filter.lot_id);
  sqlite3_bind_int64 (stmt, 4, filter.operator_id);
  lc_store_bind_text_or_null (stmt, 5, filter.station);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *message = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *when = lc_chart_format_time (sqlite3_column_int64 (stmt, 3));
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          g_autofree char *acked = lc_chart_format_time (sqlite3_column_int64 (stmt, 4));
          const char *comment = (const char *) sqlite3_column_text (stmt, 6);

          subtitle = g_strdup_printf (_("%s · acknowledged by %s at %s%s%s"), when,
                                      *(const char *) sqlite3_column_text (stmt, 5) != '\0'
                                        ? (const char *) sqlite3_column_text (stmt, 5) : _("nobody logged in"),
                                      acked, comment[0] != '\0' ? ": " : "", comment);
        }
      else
        {
          GtkWidget *button = gtk_button_new_with_label (_("Acknowledge"));

          subtitle = g_strdup (when);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (button), "event-id", GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
          g_object_set_data_full (G_OBJECT (button), "message", g_strdup (message), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_acknowledge_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
        }
      {
        g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      }
      gtk_list_box_append (self->alarms_list, row);
      n++;
    }
  sqlite3_reset (stmt);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No alarms in this range"));
      gtk_list_box_append (self->alarms_list, row);
    }
}

static void
refresh (LcDashboardPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcSpcFilter filter;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (store == NULL || part == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_problem (self, NULL);
  if (self->detail_id == 0)
    gtk_stack_set_visible_child_name (self->stack, "overview");

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  get_filter (self, &filter);
  lc_spc_dashboard_compute_async (lc_store_get_path (store), lc_part_type_get_id (part), &filter, TILE_SUBGROUPS,
                                  self->cancellable, on_dashboard_ready, g_object_ref (self));
  load_pareto (self);
  load_defect_map (self);
  load_alarms (self);
  if (self->detail_id != 0)
    load_detail (self);
}

static gboolean
refresh_later_cb (gpointer data)
{
  LcDashboardPage *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LcStore         *store,
                  const char      *table,
                  gint64           id,
                  LcDashboardPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_later_cb, self);
}

static void
on_filter_changed (LcDashboardPage *self)
{
  if (!self->filling_filters)
    refresh (self);
}

static void
add_capability_row (LcDashboardPage     *self,
                    int                  row,
                    const char          *name,
                    const LcSpcInterval *interval)
{
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *value = NULL;
  g_autofree char *ci = NULL;
  GtkWidget *value_label, *ci_label;

  if (isnan (interval->value))
    return;
  value = g_strdup_printf ("%.2f", interval->value);
  ci = isnan (interval->lower) ? g_strdup ("") : g_strdup_printf ("%.2f … %.2f", interval->lower, interval->upper);
  value_label = gtk_label_new (value);
  ci_label = gtk_label_new (ci);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_xalign (GTK_LABEL (ci_label), 0);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (ci_label, "numeric");
  gtk_widget_add_css_class (ci_label, "dim-label");
  gtk_grid_attach (self->capability_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->capability_grid, value_label, 1, row, 1, 1);
  gtk_grid_attach (self->capability_grid, ci_label, 2, row, 1, 1);
}

static void
add_text_row (LcDashboardPage *self,
              int              row,
              const char      *name,
              const char      *value)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_grid_attach (self->capability_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->capability_grid, value_label, 1, row, 2, 1);
}

static void
show_capability (LcDashboardPage       *self,
                 const LcSpcCapability *capability,
                 guint                  decimals,
                 const char            *unit)
{
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->capability_grid))) != NULL)
    gtk_grid_remove (self->capability_grid, child);
  gtk_label_set_text (self->normality_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->normality_label), "warning");
  if (capability == NULL)
    {
      add_text_row (self, 0, _("Capability"), _("Needs a specification limit and variable data"));
      return;
    }

  {
    /* xgettext:no-c-format */
    GtkWidget *head = gtk_label_new (_("95% confidence interval"));
    gtk_widget_add_css_class (head, "caption");
    gtk_widget_add_css_class (head, "dim-label");
    gtk_label_set_xalign (GTK_LABEL (head), 0);
    gtk_grid_attach (self->capability_grid, head, 2, 0, 1, 1);
  }
  add_capability_row (self, row++, "Cp", &capability->cp);
  add_capability_row (self, row++, "Cpk", &capability->cpk);
  add_capability_row (self, row++, "Cpl", &capability->cpl);
  add_capability_row (self, row++, "Cpu", &capability->cpu);
  add_capability_row (self, row++, "Cpm", &capability->cpm);
  add_capability_row (self, row++, "Pp", &capability->pp);
  add_capability_row (self, row++, "Ppk", &capability->ppk);
  {
    g_autofree char *n = g_strdup_printf ("%u", capability->n);
    g_autofree char *sigma = g_strdup_printf ("%s = %.*f %s", lc_spc_sigma_method_get_label (capability->sigma_method),
                                              (int) decimals + 2, capability->sigma_within, unit);
    g_autofree char *overall = g_strdup_printf ("%.*f %s", (int) decimals + 2, capability->sigma_overall, unit);
    g_autofree char *ppm = g_strdup_printf (_("%.0f below, %.0f above (observed %.0f, %.0f)"),
                                            isnan (capability->expected_within_ppm_below) ? 0 : capability->expected_within_ppm_below,
                                            isnan (capability->expected_within_ppm_above) ? 0 : capability->expected_within_ppm_above,
                                            isnan (capability->observed_ppm_below) ? 0 : capability->observed_ppm_below,
                                            isnan (capability->observed_ppm_above) ? 0 : capability->observed_ppm_above);

    add_text_row (self, row++, _("Values"), n);
    add_text_row (self, row++, _("σ within"), sigma);
    add_text_row (self, row++, _("σ overall"), overall);
    add_text_row (self, row++, _("Expected ppm"), ppm);
  }
  if (!capability->normal)
    {
      g_autofree char *text = g_strdup_printf (_("The values are not normally distributed (Anderson-Darling A² = %.2f, "
                                                 "p = %.3f): read the indices with care."),
                                               capability->ad_statistic, capability->ad_p_value);
      gtk_label_set_text (self->normality_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->normality_label), "warning");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Normal distribution fits (Anderson-Darling A² = %.2f, p = %.3f)."),
                                               capability->ad_statistic, capability->ad_p_value);
      gtk_label_set_text (self->normality_label, text);
    }
}

static void
show_violations (LcDashboardPage *self)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->violations_list))) != NULL)
    gtk_list_box_remove (self->violations_list, child);
  for (guint i = 0; self->detail != NULL && i < self->detail->n_points && n < 60; i++)
    {
      const LcSpcPoint *p = &self->detail->points[self->detail->n_points - 1 - i];   /* newest first */
      const LcSpcPointInfo *info = lc_spc_samples_get_info (self->detail_samples, p->subgroup);

      for (guint rule = 1; rule <= 8; rule++)
        if (p->violations & LC_SPC_RULE_BIT (rule))
          {
            GtkWidget *row = adw_action_row_new ();
            g_autofree char *title = g_strdup_printf (_("Point %u · rule %u: %s"), p->index, rule,
                                                      lc_spc_rule_describe (self->detail->rules, rule));
            g_autofree char *when = info != NULL && info->time != 0 ? lc_chart_format_time (info->time) : g_strdup ("");
            g_autofree char *subtitle = g_strdup_printf ("%s · %s %s", when, _("Lot"),
                                                         info != NULL && info->lot != NULL ? info->lot : "—");
            g_autofree char *escaped = g_markup_escape_text (title, -1);

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
            gtk_list_box_append (self->violations_list, row);
            n++;
          }
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No rule broken in the shown points"));
      gtk_list_box_append (self->violations_list, row);
    }
}

#define READOUT_HINT N_("Tap a point to read it out, or focus the chart and step with ← and →.")

/* The readout panel: what the tooltip says, for a touch panel that has no hover. */
static void
show_readout (LcDashboardPage *self,
              LcControlChart  *chart)
{
  int index = chart != NULL ? lc_control_chart_get_selected (chart) : -1;
  const LcSpcChart *which = NULL;

  /* Which chart the point is on: an X̄ and its subgroup's range read alike. */
  if (index >= 0 && self->detail != NULL)
    which = chart == self->dispersion_chart ? self->detail->dispersion : self->detail;
  gtk_label_set_text (self->readout_title, which != NULL ? lc_spc_chart_kind_get_title (which->kind) : _("Point"));
  gtk_label_set_text (self->readout_label, index >= 0 ? lc_control_chart_get_readout (chart, index)
                                                      : _(READOUT_HINT));
}

static void
on_point_selected (LcControlChart  *chart,
                   guint            index,
                   LcDashboardPage *self)
{
  /* One point read out at a time: the other chart lets go of its own. */
  LcControlChart *other = chart == self->detail_chart ? self->dispersion_chart : self->detail_chart;

  if (lc_control_chart_get_selected (other) >= 0)
    lc_control_chart_select_point (other, -1);
  show_readout (self, chart);
}

/* Another characteristic: nothing read out yet. */
static void
open_detail (LcDashboardPage *self,
             gint64           characteristic_id)
{
  self->detail_id = characteristic_id;
  lc_control_chart_select_point (self->detail_chart, -1);
  lc_control_chart_select_point (self->dispersion_chart, -1);
  load_detail (self);
}

static void
load_detail (LcDashboardPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  LcCharacteristic *characteristic = find_characteristic (self, self->detail_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcSpcCapability) capability = NULL;
  g_autoptr(LcSpcHistogram) histogram = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  LcSpcFilter filter;
  const char *name, *unit;
  guint decimals;
  double lsl, usl;

  g_clear_pointer (&self->detail, lc_spc_chart_free);
  g_clear_pointer (&self->detail_samples, lc_spc_samples_free);
  if (characteristic == NULL)
    {
      self->detail_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "overview");
      return;
    }
  name = lc_characteristic_get_name (characteristic);
  unit = lc_characteristic_get_unit (characteristic);
  decimals = lc_characteristic_get_decimals (characteristic);
  lsl = lc_characteristic_get_lsl (characteristic);
  usl = lc_characteristic_get_usl (characteristic);
  gtk_label_set_text (self->detail_title, name);
  gtk_stack_set_visible_child_name (self->stack, "detail");

  get_filter (self, &filter);
  self->detail = lc_spc_chart_load (store, self->detail_id, &filter, &self->detail_samples, &error);
  if (self->detail == NULL)
    {
      show_problem (self, error->message);
      lc_control_chart_set_chart (self->detail_chart, NULL, NULL, name, unit, decimals, lsl, usl);
      lc_control_chart_set_chart (self->dispersion_chart, NULL, NULL, NULL, unit, decimals, NAN, NAN);
      lc_histogram_chart_set_histogram (self->histogram_chart, NULL, NULL, unit, decimals, NAN);
      show_capability (self, NULL, decimals, unit);
      show_violations (self);
      show_readout (self, NULL);
      return;
    }
  lc_control_chart_set_chart (self->detail_chart, self->detail, self->detail_samples, name, unit, decimals, lsl, usl);
  gtk_widget_set_visible (GTK_WIDGET (self->dispersion_chart), self->detail->dispersion != NULL);
  if (self->detail->dispersion != NULL)
    lc_control_chart_set_chart (self->dispersion_chart, self->detail->dispersion, self->detail_samples,
                                lc_spc_chart_kind_get_title (self->detail->dispersion->kind), unit, decimals, NAN, NAN);

  if (!lc_spc_samples_is_attribute (self->detail_samples))
    {
      for (guint s = 0; s < lc_spc_samples_get_n_subgroups (self->detail_samples); s++)
        {
          guint n = 0;
          const double *v = lc_spc_samples_get_values (self->detail_samples, s, &n);
          g_array_append_vals (values, v, n);
        }
      histogram = lc_spc_histogram_new ((const double *) values->data, values->len, 0, lsl, usl);
      if (!isnan (lsl) || !isnan (usl))
        capability = lc_spc_capability_for_chart (self->detail, self->detail_samples, lsl, usl,
                                                  lc_characteristic_get_nominal (characteristic), NULL);
    }
  {
    g_autofree char *title = g_strdup_printf (_("Histogram of %u values"), values->len);
    lc_histogram_chart_set_histogram (self->histogram_chart, histogram, title, unit, decimals,
                                      lc_characteristic_get_nominal (characteristic));
  }
  show_capability (self, capability, decimals, unit);
  show_violations (self);
  /* A live redraw keeps the point being read (indices of the full chart do not move). */
  show_readout (self, lc_control_chart_get_selected (self->dispersion_chart) >= 0 ? self->dispersion_chart
                                                                                  : self->detail_chart);
  gtk_button_set_label (self->freeze_button, self->detail->frozen ? _("Unfreeze Limits") : _("Freeze Limits"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->freeze_button),
                               self->detail->frozen
                                 ? _("Go back to limits computed from the data (Phase I)")
                                 : _("Keep these limits and plot new points against them (Phase II)"));
}

static void
on_tile_activated (LcDashboardPage *self,
                   GtkFlowBoxChild *child)
{
  GtkWidget *tile = gtk_flow_box_child_get_child (child);

  open_detail (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (tile), "characteristic-id")));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (widget);

  self->detail_id = 0;
  g_clear_pointer (&self->detail, lc_spc_chart_free);
  g_clear_pointer (&self->detail_samples, lc_spc_samples_free);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}

static void
freeze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (widget);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->detail == NULL)
    return;
  if (self->detail->frozen)
    ok = lc_spc_limits_unfreeze (store, self->detail_id, &error);
  else
    {
      g_autoptr(LcSpcLimits) limits = lc_spc_limits_new_from_chart (self->detail);
      ok = lc_spc_limits_freeze (store, self->detail_id, limits, &error);
    }
  if (!ok)
    show_problem (self, error->message);
  else
    load_detail (self);
}

static char *
suggested_name (LcDashboardPage *self,
                const char      *extension)
{
  LcExportRange range;

  get_range (self, &range);
  return g_strdup_printf ("%s%s%s.%s", lc_part_type_get_code (lc_page_get_part_type (LC_PAGE (self))),
                          range.lot != NULL ? "-" : "", range.lot != NULL ? range.lot : "", extension);
}

gboolean
lc_dashboard_page_save (LcDashboardPage  *self,
                        const char       *what,
                        const char       *path,
                        GError          **error)
{
  LcPartType *part;
  LcStore *store;
  LcExportRange range;
  LcExportFormat format = LC_EXPORT_MEASUREMENTS_CSV;

  g_return_val_if_fail (LC_IS_DASHBOARD_PAGE (self), FALSE);
  g_return_val_if_fail (what != NULL && path != NULL, FALSE);

  part = lc_page_get_part_type (LC_PAGE (self));
  store = lc_page_get_store (LC_PAGE (self));
  g_return_val_if_fail (part != NULL && store != NULL, FALSE);
  get_range (self, &range);
  if (g_str_equal (what, "pdf"))
    {
      g_autoptr(LcReport) report = lc_report_new (store, part, &range, error);
      return report != NULL && lc_report_write_pdf (report, path, error);
    }
  if (g_str_equal (what, "dfq"))
    format = LC_EXPORT_DFQ;
  else if (g_str_equal (what, "inspections-csv"))
    format = LC_EXPORT_INSPECTIONS_CSV;
  return lc_export_to_file (store, part, &range, format, path, NULL, error);
}

static void
on_export_chosen (GtkNativeDialog *dialog,
                  int              response,
                  LcDashboardPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *what = g_strdup (g_object_get_data (G_OBJECT (dialog), "what"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || lc_page_get_part_type (LC_PAGE (self)) == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!lc_dashboard_page_save (self, what, path, &error))
    show_problem (self, error->message);
  else
    show_problem (self, NULL);
}

static void
choose_file (LcDashboardPage *self,
             const char      *title,
             const char      *what,
             const char      *extension)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (lc_page_get_part_type (LC_PAGE (self)) == NULL)
    return;
  name = suggested_name (self, extension);
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "what", g_strdup (what), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (widget);
  const char *what = g_variant_get_string (parameter, NULL);

  if (g_str_equal (what, "dfq"))
    choose_file (self, _("Export Measurements as Q-DAS DFQ"), "dfq", "dfq");
  else if (g_str_equal (what, "inspections-csv"))
    choose_file (self, _("Export Inspections as CSV"), "inspections-csv", "csv");
  else
    choose_file (self, _("Export Measurements as CSV"), "csv", "csv");
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (LC_DASHBOARD_PAGE (widget), _("Save Capability Report"), "pdf", "pdf");
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              LcDashboardPage   *self)
{
  lc_report_draw_page (self->printing, gtk_print_context_get_cairo_context (context),
                       gtk_print_context_get_width (context), gtk_print_context_get_height (context), page);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (widget);
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  LcExportRange range;

  if (part == NULL)
    return;
  get_range (self, &range);
  g_clear_pointer (&self->printing, lc_report_free);
  self->printing = lc_report_new (lc_page_get_store (LC_PAGE (self)), part, &range, &error);
  if (self->printing == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, lc_report_get_n_pages (self->printing));
  gtk_print_operation_set_job_name (operation, lc_part_type_get_code (part));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_problem (self, error->message);
}

static void
lc_dashboard_page_store_changed (LcPage *page)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (page);
  LcStore *store = lc_page_get_store (page);

  if (store != NULL && self->changed_handler == 0)
    self->changed_handler = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  fill_filters (self);
  refresh (self);
}

static void
lc_dashboard_page_part_type_changed (LcPage *page)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (page);

  self->detail_id = 0;
  fill_filters (self);
  refresh (self);
}

static void
lc_dashboard_page_dispose (GObject *object)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LC_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (lc_dashboard_page_parent_class)->dispose (object);
}

static void
lc_dashboard_page_finalize (GObject *object)
{
  LcDashboardPage *self = LC_DASHBOARD_PAGE (object);

  g_array_unref (self->lot_ids);
  g_ptr_array_unref (self->lot_codes);
  g_array_unref (self->operator_ids);
  g_ptr_array_unref (self->stations);
  g_clear_pointer (&self->detail, lc_spc_chart_free);
  g_clear_pointer (&self->detail_samples, lc_spc_samples_free);
  g_clear_pointer (&self->printing, lc_report_free);
  g_clear_object (&self->reference);

  G_OBJECT_CLASS (lc_dashboard_page_parent_class)->finalize (object);
}

static void
lc_dashboard_page_class_init (LcDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_dashboard_page_dispose;
  object_class->finalize = lc_dashboard_page_finalize;
  page_class->store_changed = lc_dashboard_page_store_changed;
  page_class->part_type_changed = lc_dashboard_page_part_type_changed;

  g_type_ensure (LC_TYPE_CONTROL_CHART);
  g_type_ensure (LC_TYPE_HISTOGRAM_CHART);
  g_type_ensure (LC_TYPE_PARETO_CHART);
  g_type_ensure (LC_TYPE_DEFECT_MAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, lot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, operator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, station_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, pareto_chart);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, defect_map);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, alarms_list);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, freeze_button);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, detail_chart);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, dispersion_chart);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, readout_title);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, readout_label);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, histogram_chart);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, capability_grid);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, normality_label);
  gtk_widget_class_bind_template_child (widget_class, LcDashboardPage, violations_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tile_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_point_selected);

  gtk_widget_class_install_action (widget_class, "dashboard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "dashboard.freeze", NULL, freeze_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "dashboard.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dashboard.back", NULL);
}

static void
lc_dashboard_page_init (LcDashboardPage *self)
{
  self->lot_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->lot_codes = g_ptr_array_new_with_free_func (g_free);
  self->operator_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->stations = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_filters (self);
}

GtkWidget *
lc_dashboard_page_new (void)
{
  return g_object_new (LC_TYPE_DASHBOARD_PAGE, NULL);
}

guint
lc_dashboard_page_get_n_refreshes (LcDashboardPage *self)
{
  g_return_val_if_fail (LC_IS_DASHBOARD_PAGE (self), 0);
  return self->n_refreshes;
}

gboolean
lc_dashboard_page_open_characteristic (LcDashboardPage *self,
                                       const char      *name)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcCharacteristic *characteristic;

  g_return_val_if_fail (LC_IS_DASHBOARD_PAGE (self), FALSE);
  characteristic = part != NULL ? lc_part_type_find_characteristic (part, name) : NULL;
  if (characteristic == NULL)
    return FALSE;
  open_detail (self, lc_characteristic_get_id (characteristic));
  return self->detail != NULL;
}

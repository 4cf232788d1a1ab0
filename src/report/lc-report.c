#include "lc-config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lc-chart-data.h"
#include "lc-chart-paint.h"
#include "lc-defect-map.h"
#include "lc-defect-pareto.h"
#include "lc-report.h"
#include "lc-spc-capability.h"
#include "lc-spc-histogram.h"
#include "lc-spc-pareto.h"
#include "lc-spc-series.h"

/* A4 in points. */
#define PAGE_WIDTH  595.28
#define PAGE_HEIGHT 841.89
#define MARGIN      42.0

typedef struct
{
  LcCharacteristic *characteristic;   /* owned by the part type */
  LcSpcChart       *chart;            /* NULL: not enough data */
  LcSpcSamples     *samples;
  LcSpcCapability  *capability;
  LcSpcHistogram   *histogram;
  char             *problem;          /* why there is no chart */
} ReportCharacteristic;

struct _LcReport
{
  LcPartType       *part_type;
  char             *range_text;
  char             *operator_text;
  char             *stations;
  char             *generated;
  guint             n_inspections;
  guint             n_failed;
  GArray           *characteristics;  /* ReportCharacteristic */
  LcSpcPareto      *pareto;
  GStrv             pareto_colors;
  LcDefectMap      *defect_map;
  cairo_surface_t  *reference;
};

static void
report_characteristic_clear (gpointer data)
{
  ReportCharacteristic *rc = data;

  g_clear_pointer (&rc->chart, lc_spc_chart_free);
  g_clear_pointer (&rc->samples, lc_spc_samples_free);
  g_clear_pointer (&rc->capability, lc_spc_capability_free);
  g_clear_pointer (&rc->histogram, lc_spc_histogram_free);
  g_clear_pointer (&rc->problem, g_free);
}

void
lc_report_free (LcReport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->part_type);
  g_free (self->range_text);
  g_free (self->operator_text);
  g_free (self->stations);
  g_free (self->generated);
  g_array_unref (self->characteristics);
  g_clear_pointer (&self->pareto, lc_spc_pareto_free);
  g_clear_pointer (&self->pareto_colors, g_strfreev);
  g_clear_pointer (&self->defect_map, lc_defect_map_free);
  g_clear_pointer (&self->reference, cairo_surface_destroy);
  g_free (self);
}

static char *
format_day_time (gint64 time)
{
  return lc_chart_format_time (time);
}

static gboolean
load_summary (LcReport             *self,
              LcStore              *store,
              const LcExportRange  *range,
              gint64               *lot_id,
              gint64               *operator_id,
              GError              **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) stations = g_string_new (NULL);
  gint64 first = 0, last = 0;
  int rc;

  if (!lc_export_range_resolve (store, self->part_type, range, lot_id, operator_id, error))
    return FALSE;

  stmt = lc_store_prepare (store,
                           "SELECT count (*), sum (i.verdict = 'fail'), min (i.recorded_at), max (i.recorded_at),"
                           " group_concat (DISTINCT nullif (i.station, ''))"
                           " FROM inspection i WHERE i.part_type_id = ?1 AND i.recorded_at BETWEEN ?2 AND ?3"
                           " AND (?4 = 0 OR i.lot_id = ?4) AND (?5 = 0 OR i.operator_id = ?5)"
                           " AND (?6 IS NULL OR i.station = ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (self->part_type));
  sqlite3_bind_int64 (stmt, 2, range->from);
  sqlite3_bind_int64 (stmt, 3, range->to);
  sqlite3_bind_int64 (stmt, 4, *lot_id);
  sqlite3_bind_int64 (stmt, 5, *operator_id);
  lc_store_bind_text_or_null (stmt, 6, range->station);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->n_inspections = sqlite3_column_int (stmt, 0);
      self->n_failed = sqlite3_column_int (stmt, 1);
      first = sqlite3_column_int64 (stmt, 2);
      last = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_text (stmt, 4) != NULL)
        g_string_append (stations, (const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return lc_store_set_error (store, rc, error);
  if (self->n_inspections == 0)
    {
      g_set_error (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_NO_RECORDS,
                   _("Nothing to report: part type %s has no records that match the time range, lot, "
                     "operator and station asked for."),
                   lc_part_type_get_code (self->part_type));
      return FALSE;
    }
  g_string_replace (stations, ",", ", ", 0);
  self->stations = g_strdup (stations->len > 0 ? stations->str : _("not recorded"));
  self->operator_text = g_strdup (range->operator_name != NULL ? range->operator_name : _("All operators"));
  {
    g_autofree char *from = format_day_time (first);
    g_autofree char *to = format_day_time (last);

    if (range->lot != NULL)
      self->range_text = g_strdup_printf (_("Lot %s, %s to %s"), range->lot, from, to);
    else
      self->range_text = g_strdup_printf (_("%s to %s"), from, to);
  }
  return TRUE;
}

static void
load_characteristic (LcStore              *store,
                     ReportCharacteristic *rc,
                     const LcSpcFilter    *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double lsl = lc_characteristic_get_lsl (rc->characteristic);
  double usl = lc_characteristic_get_usl (rc->characteristic);

  rc->chart = lc_spc_chart_load (store, lc_characteristic_get_id (rc->characteristic), filter, &rc->samples, &error);
  if (rc->chart == NULL)
    {
      rc->problem = g_strdup (error->message);
      return;
    }
  if (lc_spc_samples_is_attribute (rc->samples))
    return;
  for (guint s = 0; s < lc_spc_samples_get_n_subgroups (rc->samples); s++)
    {
      guint n = 0;
      const double *v = lc_spc_samples_get_values (rc->samples, s, &n);
      g_array_append_vals (values, v, n);
    }
  rc->histogram = lc_spc_histogram_new ((const double *) values->data, values->len, 0, lsl, usl);
  if (!isnan (lsl) || !isnan (usl))
    rc->capability = lc_spc_capability_for_chart (rc->chart, rc->samples, lsl, usl,
                                                  lc_characteristic_get_nominal (rc->characteristic), NULL);
}

LcReport *
lc_report_new (LcStore              *store,
               LcPartType           *part_type,
               const LcExportRange  *range,
               GError              **error)
{
  g_autoptr(LcReport) self = g_new0 (LcReport, 1);
  GListModel *characteristics = lc_part_type_get_characteristics (part_type);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  LcSpcFilter filter;
  gint64 lot_id, operator_id;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (LC_IS_PART_TYPE (part_type), NULL);

  self->part_type = g_object_ref (part_type);
  self->characteristics = g_array_new (FALSE, TRUE, sizeof (ReportCharacteristic));
  g_array_set_clear_func (self->characteristics, report_characteristic_clear);
  self->generated = g_date_time_format (now, "%Y-%m-%d %H:%M");
  if (!load_summary (self, store, range, &lot_id, &operator_id, error))
    return NULL;

  lc_spc_filter_init (&filter);
  filter.from = range->from;
  /* The statistics library's end is exclusive, the report's inclusive. */
  filter.to = range->to == G_MAXINT64 ? 0 : range->to + 1;
  filter.lot_id = lot_id;
  filter.operator_id = operator_id;
  filter.station = range->station;
  for (guint i = 0; i < g_list_model_get_n_items (characteristics); i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (characteristics, i);
      ReportCharacteristic rc = { 0 };

      if (lc_characteristic_get_archived (c))
        continue;
      rc.characteristic = c;
      load_characteristic (store, &rc, &filter);
      g_array_append_val (self->characteristics, rc);
    }

  self->pareto = lc_defect_pareto_load (store, lc_part_type_get_id (part_type), range->from, range->to, lot_id,
                                        operator_id, range->station, &self->pareto_colors, error);
  if (self->pareto == NULL)
    return NULL;
  {
    const char *file = lc_part_type_get_reference_image (part_type);
    int width = 0, height = 0;

    if (file != NULL)
      {
        g_autofree char *dir = lc_store_get_images_dir (store);
        g_autofree char *path = g_build_filename (dir, file, NULL);
        cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

        /* Reference pictures are stored as PNG; one that cannot be read leaves a plain plate. */
        if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
          {
            self->reference = surface;
            width = cairo_image_surface_get_width (surface);
            height = cairo_image_surface_get_height (surface);
          }
        else
          cairo_surface_destroy (surface);
      }
    self->defect_map = lc_defect_map_load (store, lc_part_type_get_id (part_type), range, 0, width, height, 64, error);
    if (self->defect_map == NULL)
      return NULL;
  }
  return g_steal_pointer (&self);
}

guint
lc_report_get_n_pages (LcReport *self)
{
  /* Summary, one page per characteristic, defects. */
  return 2 + self->characteristics->len;
}

static void
page_frame (LcReport             *self,
            cairo_t              *cr,
            const LcChartPalette *palette,
            double                width,
            double                height,
            guint                 page)
{
  g_autofree char *header = g_strdup_printf ("%s %s · %s", lc_part_type_get_code (self->part_type),
                                             lc_part_type_get_name (self->part_type), self->range_text);
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page + 1, lc_report_get_n_pages (self));
  g_autofree char *generated = g_strdup_printf (_("Linecheck capability report, made %s"), self->generated);

  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, MARGIN - 18, 0, 0, 0.9, FALSE,
                       width - 2 * MARGIN, header);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN - 4);
  cairo_line_to (cr, width - MARGIN, MARGIN - 4);
  cairo_stroke (cr);
  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, height - MARGIN + 10, 0, 0, 0.8, FALSE, 0, generated);
  lc_chart_paint_text (cr, palette, &palette->foreground, width - MARGIN, height - MARGIN + 10, 1, 0, 0.8, FALSE, 0, footer);
}

static void
format_limit (char   *buffer,
              gsize   size,
              double  value,
              guint   decimals)
{
  if (isnan (value))
    g_strlcpy (buffer, "—", size);
  else
    g_snprintf (buffer, size, "%.*f", decimals, value);
}

static void
format_index (char                *buffer,
              gsize                size,
              const LcSpcInterval *interval)
{
  if (isnan (interval->value))
    g_strlcpy (buffer, "—", size);
  else if (isnan (interval->lower))
    g_snprintf (buffer, size, "%.2f", interval->value);
  else
    g_snprintf (buffer, size, "%.2f (%.2f … %.2f)", interval->value, interval->lower, interval->upper);
}

static guint
count_violation_points (const LcSpcChart *chart)
{
  return chart != NULL ? lc_spc_chart_count_violations (chart, FALSE) : 0;
}

static void
draw_summary (LcReport             *self,
              cairo_t              *cr,
              const LcChartPalette *palette,
              double                width)
{
  static const double columns[] = { 0, 135, 250, 290, 395, 445 };
  double y = MARGIN + 10;
  g_autofree char *counts = g_strdup_printf (_("%u parts inspected, %u failed"), self->n_inspections, self->n_failed);
  g_autofree char *title = g_strdup_printf ("%s %s", lc_part_type_get_code (self->part_type),
                                            lc_part_type_get_name (self->part_type));
  struct { const char *label; const char *value; } facts[] = {
    { _("Part type"), title },
    { _("Revision"), lc_part_type_get_revision (self->part_type) },
    { _("Range"), self->range_text },
    { _("Station"), self->stations },
    { _("Operator"), self->operator_text },
    { _("Inspections"), counts },
  };
  /* xgettext:no-c-format */
  const char *cpk_head = _("Cpk (95% CI)");
  const char *head[] = { _("Characteristic"), _("Specification"), _("n"), cpk_head, _("Ppk"), _("Rule points") };

  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 2.0, TRUE, 0, _("Capability Report"));
  y += 44;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 1.1, TRUE, 0, facts[i].label);
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + 110, y, 0, 0, 1.1, FALSE,
                           width - 2 * MARGIN - 110, facts[i].value);
      y += 18;
    }
  y += 18;
  for (guint c = 0; c < G_N_ELEMENTS (head); c++)
    lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[c], y, 0, 0, 1.0, TRUE, 0, head[c]);
  y += 16;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, width - MARGIN, y);
  cairo_stroke (cr);
  y += 4;
  for (guint i = 0; i < self->characteristics->len; i++)
    {
      ReportCharacteristic *rc = &g_array_index (self->characteristics, ReportCharacteristic, i);
      guint decimals = lc_characteristic_get_decimals (rc->characteristic);
      char lsl[32], usl[32], cpk[64], ppk[64], n[32], rules[32];
      g_autofree char *spec = NULL;
      LcChartColor rule_color = palette->foreground;

      format_limit (lsl, sizeof lsl, lc_characteristic_get_lsl (rc->characteristic), decimals);
      format_limit (usl, sizeof usl, lc_characteristic_get_usl (rc->characteristic), decimals);
      spec = g_strdup_printf ("%s … %s %s", lsl, usl, lc_characteristic_get_unit (rc->characteristic));
      g_strlcpy (cpk, "—", sizeof cpk);
      g_strlcpy (ppk, "—", sizeof ppk);
      if (rc->capability != NULL)
        {
          format_index (cpk, sizeof cpk, &rc->capability->cpk);
          g_snprintf (ppk, sizeof ppk, isnan (rc->capability->ppk.value) ? "—" : "%.2f", rc->capability->ppk.value);
        }
      g_snprintf (n, sizeof n, "%u", rc->samples != NULL ? lc_spc_samples_get_n_values (rc->samples) : 0);
      g_snprintf (rules, sizeof rules, "%u", count_violation_points (rc->chart));
      if (count_violation_points (rc->chart) > 0)
        rule_color = palette->violation;

      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[0], y, 0, 0, 1.0, FALSE, 145,
                           lc_characteristic_get_name (rc->characteristic));
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[1], y, 0, 0, 1.0, FALSE, 115, spec);
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[2], y, 0, 0, 1.0, FALSE, 0, n);
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[3], y, 0, 0, 1.0, FALSE, 0, cpk);
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN + columns[4], y, 0, 0, 1.0, FALSE, 0, ppk);
      lc_chart_paint_text (cr, palette, &rule_color, MARGIN + columns[5], y, 0, 0, 1.0, FALSE, 0, rules);
      y += 18;
    }
  y += 18;
  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 0.85, FALSE, width - 2 * MARGIN,
                       _("Cpk and Cp use the within-subgroup sigma named on each chart; Ppk uses the overall "
                         "standard deviation."));
  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y + 12, 0, 0, 0.85, FALSE, width - 2 * MARGIN,
                       /* xgettext:no-c-format */
                       _("Intervals are two-sided 95% confidence intervals."));
}

static void
draw_characteristic (LcReport             *self,
                     cairo_t              *cr,
                     const LcChartPalette *palette,
                     double                width,
                     double                height,
                     ReportCharacteristic *rc)
{
  const char *name = lc_characteristic_get_name (rc->characteristic);
  const char *unit = lc_characteristic_get_unit (rc->characteristic);
  guint decimals = lc_characteristic_get_decimals (rc->characteristic);
  double lsl = lc_characteristic_get_lsl (rc->characteristic);
  double usl = lc_characteristic_get_usl (rc->characteristic);
  double inner = width - 2 * MARGIN;
  double y = MARGIN + 6;

  if (rc->chart == NULL)
    {
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 1.4, TRUE, inner, name);
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y + 30, 0, 0, 1.0, FALSE, inner,
                           rc->problem != NULL ? rc->problem : "");
      return;
    }

  /* The control chart and its dispersion chart. */
  {
    g_autofree LcChartPoint *points = lc_chart_points_from_spc (rc->chart, rc->samples, lsl, usl);
    g_autofree char *note = lc_chart_describe_limits (rc->chart, unit, decimals);
    g_autofree char *title = g_strdup_printf ("%s (%s)", name, unit);
    LcControlChartSpec spec = { title, unit, decimals, rc->chart->center, points, rc->chart->n_points,
                                rc->chart->kind == LC_SPC_CHART_IMR ? lsl : NAN,
                                rc->chart->kind == LC_SPC_CHART_IMR ? usl : NAN, note, TRUE, FALSE };

    cairo_save (cr);
    cairo_translate (cr, MARGIN, y);
    lc_chart_paint_control (cr, inner, 250, palette, &spec, -1, NULL);
    cairo_restore (cr);
    y += 258;
  }
  if (rc->chart->dispersion != NULL)
    {
      const LcSpcChart *d = rc->chart->dispersion;
      g_autofree LcChartPoint *points = lc_chart_points_from_spc (d, NULL, NAN, NAN);
      LcControlChartSpec spec = { lc_spc_chart_kind_get_title (d->kind), unit, decimals, d->center, points,
                                  d->n_points, NAN, NAN, NULL, FALSE, FALSE };

      cairo_save (cr);
      cairo_translate (cr, MARGIN, y);
      lc_chart_paint_control (cr, inner, 130, palette, &spec, -1, NULL);
      cairo_restore (cr);
      y += 140;
    }

  /* Histogram beside the capability table. */
  if (rc->histogram != NULL && rc->histogram->n_bins > 0)
    {
      g_autofree double *edges = g_new (double, rc->histogram->n_bins + 1);
      g_autofree char *title = g_strdup_printf (_("Histogram of %u values"), rc->histogram->n);
      LcHistogramSpec spec = { title, unit, decimals, edges, rc->histogram->counts, rc->histogram->n_bins,
                               rc->histogram->n, rc->histogram->mean, rc->histogram->sigma, lsl, usl,
                               lc_characteristic_get_nominal (rc->characteristic) };

      for (guint i = 0; i <= rc->histogram->n_bins; i++)
        edges[i] = rc->histogram->start + rc->histogram->bin_width * i;
      cairo_save (cr);
      cairo_translate (cr, MARGIN, y);
      lc_chart_paint_histogram (cr, inner * 0.55, 200, palette, &spec);
      cairo_restore (cr);
    }
  if (rc->capability != NULL)
    {
      const LcSpcCapability *cap = rc->capability;
      struct { const char *name; const LcSpcInterval *interval; } rows[] = {
        { "Cp", &cap->cp }, { "Cpk", &cap->cpk }, { "Cpl", &cap->cpl }, { "Cpu", &cap->cpu },
        { "Cpm", &cap->cpm }, { "Pp", &cap->pp }, { "Ppk", &cap->ppk },
      };
      double x = MARGIN + inner * 0.57, ty = y;
      char text[96];

      /* xgettext:no-c-format */
      const char *heading = _("Capability (95% CI)");

      lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 1.1, TRUE, 0, heading);
      ty += 18;
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          if (isnan (rows[i].interval->value))
            continue;
          format_index (text, sizeof text, rows[i].interval);
          lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 1.0, TRUE, 0, rows[i].name);
          lc_chart_paint_text (cr, palette, &palette->foreground, x + 40, ty, 0, 0, 1.0, FALSE, 0, text);
          ty += 14;
        }
      ty += 4;
      g_snprintf (text, sizeof text, "σ %s = %.*f  ·  σ %s = %.*f", lc_spc_sigma_method_get_label (cap->sigma_method),
                  (int) decimals + 2, cap->sigma_within, _("overall"), (int) decimals + 2, cap->sigma_overall);
      lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 0.9, FALSE, inner * 0.43, text);
      ty += 14;
      g_snprintf (text, sizeof text, _("Expected ppm: %.0f below, %.0f above"),
                  isnan (cap->expected_within_ppm_below) ? 0 : cap->expected_within_ppm_below,
                  isnan (cap->expected_within_ppm_above) ? 0 : cap->expected_within_ppm_above);
      lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 0.9, FALSE, inner * 0.43, text);
      ty += 14;
      g_snprintf (text, sizeof text, _("Observed ppm: %.0f below, %.0f above"),
                  isnan (cap->observed_ppm_below) ? 0 : cap->observed_ppm_below,
                  isnan (cap->observed_ppm_above) ? 0 : cap->observed_ppm_above);
      lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 0.9, FALSE, inner * 0.43, text);
      ty += 14;
      g_snprintf (text, sizeof text, "Anderson-Darling A² = %.2f, p = %.3f", cap->ad_statistic, cap->ad_p_value);
      lc_chart_paint_text (cr, palette, &palette->foreground, x, ty, 0, 0, 0.9, FALSE, inner * 0.43, text);
      ty += 14;
      if (!cap->normal)
        {
          lc_chart_paint_text (cr, palette, &palette->violation, x, ty, 0, 0, 0.9, TRUE, inner * 0.43,
                               _("Not normally distributed:"));
          lc_chart_paint_text (cr, palette, &palette->violation, x, ty + 12, 0, 0, 0.9, TRUE, inner * 0.43,
                               _("read the indices with care."));
        }
    }
  y += 212;

  /* The rule violations, newest last as on the chart. */
  {
    guint shown = 0, total = 0, room;

    lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 1.1, TRUE, 0, _("Rule Violations"));
    y += 18;
    /* As many lines as the page holds above the footer, one kept for "… and N more". */
    room = (guint) MAX ((height - MARGIN - 8 - y) / 13.0 - 1, 1);
    for (guint i = 0; i < rc->chart->n_points; i++)
      {
        const LcSpcPoint *p = &rc->chart->points[i];
        const LcSpcPointInfo *info = lc_spc_samples_get_info (rc->samples, p->subgroup);

        for (guint rule = 1; rule <= 8; rule++)
          if (p->violations & LC_SPC_RULE_BIT (rule))
            {
              total++;
              if (shown < room)
                {
                  g_autofree char *when = info != NULL && info->time != 0 ? lc_chart_format_time (info->time) : g_strdup ("");
                  g_autofree char *line = g_strdup_printf (_("Point %u (%s, lot %s): rule %u, %s"), p->index, when,
                                                           info != NULL && info->lot != NULL ? info->lot : "—", rule,
                                                           lc_spc_rule_describe (rc->chart->rules, rule));
                  lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 0.9, FALSE, inner, line);
                  y += 13;
                  shown++;
                }
            }
      }
    if (total == 0)
      lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 0.9, FALSE, inner,
                           _("None: the process stayed in control."));
    else if (total > shown)
      {
        g_autofree char *more = g_strdup_printf (_("… and %u more"), total - shown);
        lc_chart_paint_text (cr, palette, &palette->foreground, MARGIN, y, 0, 0, 0.9, FALSE, inner, more);
      }
  }
}

static void
draw_defects (LcReport             *self,
              cairo_t              *cr,
              const LcChartPalette *palette,
              double                width,
              double                height)
{
  double inner = width - 2 * MARGIN;
  guint n = 0;
  g_autofree const char **names = g_new0 (const char *, self->pareto->n_bars + 1);
  g_autofree guint *counts = g_new0 (guint, self->pareto->n_bars + 1);
  g_autofree double *cumulative = g_new0 (double, self->pareto->n_bars + 1);
  g_autofree LcChartColor *colors = g_new0 (LcChartColor, self->pareto->n_bars + 1);

  for (guint i = 0; i < self->pareto->n_bars; i++)
    {
      unsigned int r = 0, g = 0, b = 0;

      if (self->pareto->bars[i].count <= 0)
        continue;
      names[n] = self->pareto->bars[i].name;
      counts[n] = (guint) self->pareto->bars[i].count;
      cumulative[n] = self->pareto->bars[i].cumulative_percent;
      colors[n] = palette->accent;
      if (self->pareto_colors[i] != NULL && sscanf (self->pareto_colors[i], "#%02x%02x%02x", &r, &g, &b) == 3)
        colors[n] = (LcChartColor) { r / 255.0, g / 255.0, b / 255.0, 1.0 };
      n++;
    }
  {
    LcParetoSpec spec = { _("Defects by class"), names, counts, cumulative, colors, n };

    cairo_save (cr);
    cairo_translate (cr, MARGIN, MARGIN + 6);
    lc_chart_paint_pareto (cr, inner, 300, palette, &spec);
    cairo_restore (cr);
  }
  {
    LcDefectMapSpec spec = { _("Where the defects are on the part"), self->reference,
                             self->defect_map->image_width, self->defect_map->image_height,
                             self->defect_map->density, self->defect_map->grid_width,
                             self->defect_map->grid_height, self->defect_map->n_regions };

    cairo_save (cr);
    cairo_translate (cr, MARGIN, MARGIN + 330);
    lc_chart_paint_defect_map (cr, inner, height - 2 * MARGIN - 350, palette, &spec);
    cairo_restore (cr);
  }
}

void
lc_report_draw_page (LcReport *self,
                     cairo_t  *cr,
                     double    width,
                     double    height,
                     guint     page)
{
  LcChartPalette palette;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < lc_report_get_n_pages (self));

  /* Paper: the light colours, a bit larger text than on screen. */
  lc_chart_palette_init (&palette, FALSE);
  palette.font_size = 7.5;
  cairo_save (cr);
  page_frame (self, cr, &palette, width, height, page);
  if (page == 0)
    draw_summary (self, cr, &palette, width);
  else if (page <= self->characteristics->len)
    draw_characteristic (self, cr, &palette, width, height,
                         &g_array_index (self->characteristics, ReportCharacteristic, page - 1));
  else
    draw_defects (self, cr, &palette, width, height);
  cairo_restore (cr);
}

gboolean
lc_report_write_pdf (LcReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);

  surface = cairo_pdf_surface_create (tmp, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, lc_part_type_get_code (self->part_type));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Linecheck");
  cr = cairo_create (surface);
  for (guint page = 0; page < lc_report_get_n_pages (self); page++)
    {
      lc_report_draw_page (self, cr, PAGE_WIDTH, PAGE_HEIGHT, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the report to %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  /* Written whole, then put in place: a failed report never leaves half a file. */
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write the report to %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

#pragma once

#include <cairo.h>
#include <glib.h>

#include "lc-export.h"
#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The capability report a QC lead sends a customer: for a part type over a time range or a
 * lot, a cover with the part, the range and the station, then for each characteristic its
 * control chart, histogram, capability table and the rule violations, and last the defect
 * Pareto and the defect-location map. Computed once; pages are drawn into a PDF file or a
 * print job's pages with the same code. */
typedef struct _LcReport LcReport;

LcReport *lc_report_new          (LcStore              *store,
                                  LcPartType           *part_type,
                                  const LcExportRange  *range,
                                  GError              **error);
void      lc_report_free         (LcReport             *self);
guint     lc_report_get_n_pages  (LcReport             *self);
/* Draws page @page (0-based) on @cr, @width x @height in points (1/72 inch). */
void      lc_report_draw_page    (LcReport             *self,
                                  cairo_t              *cr,
                                  double                width,
                                  double                height,
                                  guint                 page);
/* A4 portrait, written atomically. */
gboolean  lc_report_write_pdf    (LcReport             *self,
                                  const char           *path,
                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcReport, lc_report_free)

G_END_DECLS

#pragma once

#include <gtk/gtk.h>

#include "lc-chart-paint.h"

G_BEGIN_DECLS

/* The chart colours of @widget's current style: its text colour, and libadwaita's named
 * accent, success, warning and error colours, which follow the light or dark scheme. */
void lc_chart_palette_from_widget (LcChartPalette *palette,
                                   GtkWidget      *widget);

G_END_DECLS

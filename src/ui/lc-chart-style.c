#include "lc-config.h"

#include <adwaita.h>

#include "lc-chart-style.h"

static void
lookup (GtkStyleContext *context,
        const char      *name,
        LcChartColor    *color)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    *color = (LcChartColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

void
lc_chart_palette_from_widget (LcChartPalette *palette,
                              GtkWidget      *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg;

  lc_chart_palette_init (palette, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (context, &fg);
  palette->foreground = (LcChartColor) { fg.red, fg.green, fg.blue, fg.alpha };
  palette->grid = (LcChartColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.12 };
  palette->zone = (LcChartColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.30 };
  lookup (context, "accent_color", &palette->accent);
  lookup (context, "success_color", &palette->center);
  lookup (context, "error_color", &palette->limit);
  lookup (context, "error_color", &palette->out_of_spec);
  lookup (context, "warning_color", &palette->violation);
  lookup (context, "window_bg_color", &palette->background);
}

#pragma once

#include <adwaita.h>

#include "lc-store.h"

/* Runs the main loop until @condition holds or a generous deadline passes (a shared CI
 * machine can be slow; the deadline only guards against hanging). */
static inline gboolean
lc_test_wait_for (gboolean (*condition) (gpointer),
                  gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static inline void
lc_test_iterate (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static inline gpointer
lc_test_child (gpointer    widget,
               GType       type,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static inline void
lc_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lc-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* Run from the build tree (./run-demo), the catalogues are in _build/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINECHECK_LOCALEDIR") != NULL ? g_getenv ("LINECHECK_LOCALEDIR")
                                                                            : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = lc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}

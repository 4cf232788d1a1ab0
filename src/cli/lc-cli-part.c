#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"

/* The part type commands land with the part type model (foundation issue, in progress). */
int
lc_cli_part (LcCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;

  if (lc_cli_get_store (cli, &error) == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  return lc_cli_usage_error ("part", "%s", _("not available yet"));
}

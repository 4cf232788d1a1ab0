#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-backup.h"
#include "lc-cli.h"

/* No login: a backup only reads, and anyone who can read the database file could copy it
 * with the sqlite3 tool anyway; asking for a PIN would only stop the nightly script. A
 * restore replaces every record, so the library asks for an admin (lc_backup_restore). */
int
lc_cli_backup (LcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *files_dir = NULL;
  LcStore *store;
  guint n_files = 0;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write the backup to FILE (its images go to FILE.files)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Copy the database (a consistent snapshot, safe while the "
                                           "app records) and the image and model files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("backup", "%s", error->message);
  if (out_path == NULL || argc != 1)
    return lc_cli_usage_error ("backup", "%s", _("say where to write the backup: --out FILE"));

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || !lc_backup_write (store, out_path, &n_files, &error))
    return lc_cli_fail (g_steal_pointer (&error));
  files_dir = lc_backup_files_dir (out_path);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Backup written to %s; %u new file copied to %s.\n",
                        "Backup written to %s; %u new files copied to %s.\n", n_files),
           out_path, n_files, files_dir);
  return 0;
}

int
lc_cli_restore (LcCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  LcStore *store;

  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Put the backup FILE (and its FILE.files) in place of the "
                                           "database. The database as it was is kept beside it first. "
                                           "Admins only: linecheck-cli --operator NAME restore FILE "
                                           "(the PIN is asked, or read from LINECHECK_PIN)."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("restore", "%s", error->message);
  if (argc != 2)
    return lc_cli_usage_error ("restore", "%s", _("say which backup file to restore"));

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || !lc_backup_restore (store, argv[1], &kept, &error))
    return lc_cli_fail (g_steal_pointer (&error));
  g_print (_("Restored %s. The database as it was before is kept as %s.\n"), argv[1], kept);
  return 0;
}

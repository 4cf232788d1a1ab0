#include "lc-config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lc-cli.h"

LcStore *
lc_cli_get_store (LcCli   *cli,
                  GError **error)
{
  if (cli->store == NULL)
    {
      g_autofree char *path = cli->db_path != NULL ? g_strdup (cli->db_path)
                                                   : lc_store_default_path ();
      cli->store = lc_store_open (path, error);
    }
  return cli->store;
}

int
lc_cli_fail (GError *error)
{
  g_printerr ("linecheck-cli: %s\n", error != NULL ? error->message : _("unknown error"));
  g_clear_error (&error);
  return 1;
}

int
lc_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("linecheck-cli %s: %s\n", command, message);
  g_printerr (_("Run “linecheck-cli %s --help” for usage.\n"), command);
  return 2;
}

void
lc_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

gboolean
lc_cli_write_json (JsonNode    *node,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_file (generator, path, error);
}

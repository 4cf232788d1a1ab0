#include "lc-config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "lc-cli.h"
#include "lc-operator.h"

LcStore *
lc_cli_get_store (LcCli   *cli,
                  GError **error)
{
  if (cli->store == NULL)
    {
      g_autofree char *path = cli->db_path != NULL ? g_strdup (cli->db_path)
                                                   : lc_store_default_path ();
      g_autoptr(LcStore) store = lc_store_open (path, error);
      g_autoptr(LcOperator) operator = NULL;
      g_autofree char *pin = NULL;

      if (store == NULL)
        return NULL;
      /* Without --operator the CLI works as nobody: it may read, and change only what a
       * station without operators lets anyone change (lc_store_require_role). */
      if (cli->operator_name != NULL)
        {
          pin = lc_cli_read_pin ("LINECHECK_PIN", _("PIN: "));
          operator = lc_operator_log_in (store, cli->operator_name, pin, error);
          if (operator == NULL)
            return NULL;
        }
      cli->store = g_steal_pointer (&store);
    }
  return cli->store;
}

char *
lc_cli_read_pin (const char *env_name,
                 const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char line[64] = "";

  if (g_getenv (env_name) != NULL)
    return g_strdup (g_getenv (env_name));
  if (tty)
    {
      g_printerr ("%s", prompt);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (line, sizeof line, stdin) == NULL)
    line[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  return g_strdup (g_strchomp (line));
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

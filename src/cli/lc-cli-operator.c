#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-operator.h"

static LcOperator *
find_operator (LcStore     *store,
               const char  *name,
               GError     **error)
{
  g_autoptr(GPtrArray) operators = lc_operator_list (store, TRUE, error);

  if (operators == NULL)
    return NULL;
  for (guint i = 0; i < operators->len; i++)
    {
      LcOperator *operator = g_ptr_array_index (operators, i);

      if (g_utf8_collate (lc_operator_get_name (operator), name) == 0 ||
          g_ascii_strcasecmp (lc_operator_get_name (operator), name) == 0)
        return g_object_ref (operator);
    }
  g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND, _("There is no operator “%s”."), name);
  return NULL;
}

static int
operator_list (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operators = lc_operator_list (store, TRUE, &error);

  if (operators == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (operators->len == 0)
    g_print ("%s\n", _("No operators yet. Create the first admin with: linecheck-cli operator add NAME --role admin"));
  for (guint i = 0; i < operators->len; i++)
    {
      LcOperator *operator = g_ptr_array_index (operators, i);

      g_print ("%-24s %-10s %s\n", lc_operator_get_name (operator),
               lc_role_get_label (lc_operator_get_role (operator)),
               lc_operator_get_active (operator) ? "" : _("disabled"));
    }
  return 0;
}

int
lc_cli_operator (LcCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role_text = NULL;
  g_autoptr(LcOperator) operator = NULL;
  LcStore *store;
  LcRole role = LC_ROLE_OPERATOR;
  const char *verb;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("add: operator, lead or admin"), N_("ROLE") },
    { NULL }
  };

  context = g_option_context_new (_("list | add NAME | set-pin NAME | set-role NAME ROLE | disable NAME | enable NAME"));
  g_option_context_set_summary (context, _("Manage who works at the station (admins only; on a new "
                                           "station, “add” creates the first admin). The new PIN is "
                                           "asked, or read from LINECHECK_NEW_PIN."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("operator", "%s", error->message);
  if (argc < 2)
    return lc_cli_usage_error ("operator", "%s", _("say what to do: list, add, set-pin, set-role, disable or enable"));
  verb = argv[1];
  if (role_text != NULL && !lc_role_from_string (role_text, &role))
    return lc_cli_usage_error ("operator", _("unknown role “%s” (operator, lead or admin)"), role_text);

  store = lc_cli_get_store (cli, &error);
  if (store == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  if (g_str_equal (verb, "list"))
    return operator_list (store);

  if (argc < 3)
    return lc_cli_usage_error ("operator", _("%s takes an operator’s name"), verb);

  if (g_str_equal (verb, "add"))
    {
      g_autofree char *pin = lc_cli_read_pin ("LINECHECK_NEW_PIN", _("New PIN: "));

      operator = lc_operator_create (store, argv[2], role, pin, &error);
      if (operator == NULL)
        return lc_cli_fail (g_steal_pointer (&error));
      g_print (_("Added %s (%s).\n"), lc_operator_get_name (operator),
               lc_role_get_label (lc_operator_get_role (operator)));
      return 0;
    }

  operator = find_operator (store, argv[2], &error);
  if (operator == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  if (g_str_equal (verb, "set-pin"))
    {
      g_autofree char *pin = lc_cli_read_pin ("LINECHECK_NEW_PIN", _("New PIN: "));

      if (!lc_operator_set_pin (store, lc_operator_get_id (operator), pin, &error))
        return lc_cli_fail (g_steal_pointer (&error));
    }
  else if (g_str_equal (verb, "set-role"))
    {
      if (argc != 4 || !lc_role_from_string (argv[3], &role))
        return lc_cli_usage_error ("operator", "%s", _("set-role takes a name and a role: operator, lead or admin"));
      if (!lc_operator_set_role (store, lc_operator_get_id (operator), role, &error))
        return lc_cli_fail (g_steal_pointer (&error));
    }
  else if (g_str_equal (verb, "disable") || g_str_equal (verb, "enable"))
    {
      if (!lc_operator_set_active (store, lc_operator_get_id (operator), g_str_equal (verb, "enable"), &error))
        return lc_cli_fail (g_steal_pointer (&error));
    }
  else
    return lc_cli_usage_error ("operator", _("unknown action “%s”"), verb);
  return 0;
}

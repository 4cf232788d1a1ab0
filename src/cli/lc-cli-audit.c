#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-audit.h"
#include "lc-cli.h"

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

static int
audit_verify (LcStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;
  guint n = 0;

  if (!lc_audit_verify (store, &n, &broken, &error))
    return lc_cli_fail (g_steal_pointer (&error));
  if (broken == 0)
    {
      LcAuditHeadState state;
      gint64 deleted_after = 0, anchored = 0;
      g_autofree char *problem = NULL;

      if (!lc_audit_check_head (store, &state, &deleted_after, &anchored, &error))
        return lc_cli_fail (g_steal_pointer (&error));
      if ((problem = lc_audit_describe_head (state, deleted_after, anchored)) != NULL)
        {
          g_printerr ("%s\n", problem);
          return 1;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "The audit trail is whole: %u entry checked.\n",
                            "The audit trail is whole: %u entries checked.\n", n), n);
      return 0;
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, broken);

    g_printerr (_("The audit trail was altered: entry %s does not match its hash chain. Entries "
                  "from %s on cannot be trusted.\n"), number, number);
  }
  return 1;
}

static void
add_text_or_null (JsonBuilder *builder,
                  const char  *name,
                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static int
audit_list (LcStore    *store,
            const char *entity,
            int         limit,
            gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lc_audit_list (store, entity, (guint) MAX (limit, 0), &error);

  if (entries == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          LcAuditEntry *entry = g_ptr_array_index (entries, i);
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (entry->at / G_USEC_PER_SEC);
          g_autofree char *iso = g_date_time_format_iso8601 (time);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, entry->id);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, iso);
          json_builder_set_member_name (builder, "operator");
          json_builder_add_string_value (builder, entry->operator_name);
          json_builder_set_member_name (builder, "entity");
          json_builder_add_string_value (builder, entry->entity);
          json_builder_set_member_name (builder, "entity_id");
          json_builder_add_int_value (builder, entry->entity_id);
          json_builder_set_member_name (builder, "action");
          json_builder_add_string_value (builder, entry->action);
          add_text_or_null (builder, "old", entry->old_value);
          add_text_or_null (builder, "new", entry->new_value);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, entry->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lc_cli_print_json (root);
      return 0;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LcAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_time (entry->at);

      g_print ("#%-5" G_GINT64_FORMAT " %s  %-16s %s %s #%" G_GINT64_FORMAT "%s%s\n", entry->id, when,
               *entry->operator_name != '\0' ? entry->operator_name : _("(nobody)"),
               entry->action, entry->entity, entry->entity_id,
               *entry->reason != '\0' ? "  — " : "", entry->reason);
      if (entry->old_value != NULL)
        g_print ("       %s %s\n", _("old:"), entry->old_value);
      if (entry->new_value != NULL)
        g_print ("       %s %s\n", _("new:"), entry->new_value);
    }
  return 0;
}

int
lc_cli_audit (LcCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entity = NULL;
  gboolean json = FALSE;
  int limit = 50;
  LcStore *store;
  GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity, N_("list: only changes to part_type, device, operator, …"), N_("KIND") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("list: the newest N entries (0 for all; 50 unless told)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("list | verify"));
  g_option_context_set_summary (context, _("Who changed which specification, device or operator, and "
                                           "when. “verify” checks every entry against the hash chain "
                                           "and names the first one altered."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("audit", "%s", error->message);
  if (argc != 2)
    return lc_cli_usage_error ("audit", "%s", _("say what to do: list or verify"));

  store = lc_cli_get_store (cli, &error);
  if (store == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (g_str_equal (argv[1], "verify"))
    return audit_verify (store);
  if (g_str_equal (argv[1], "list"))
    return audit_list (store, entity, limit, json);
  return lc_cli_usage_error ("audit", _("unknown action “%s”"), argv[1]);
}

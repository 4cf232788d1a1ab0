#include "lc-config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "lc-audit.h"
#include "lc-part-type.h"
#include "test-helpers.h"

/* The audit trail's hash chain: whole after ordinary changes, and an entry edited or removed
 * behind Linecheck's back (with the sqlite3 tool, as a forger would) is named by
 * `linecheck-cli audit verify`. */

static void
make_changes (LcStore *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *code = g_strdup_printf ("P-%u", i);
      g_autoptr(LcPartType) part = lc_part_type_new (code, "Part");
      g_autoptr(LcCharacteristic) c = lc_characteristic_new ("Length");

      lc_characteristic_set_lsl (c, 10.0);
      lc_characteristic_set_usl (c, 11.0);
      lc_part_type_add_characteristic (part, c);
      g_assert_true (lc_part_type_save (part, store, &error));
      g_assert_no_error (error);
      lc_part_type_set_name (part, "Part, revised");
      g_assert_true (lc_part_type_save (part, store, &error));
      g_assert_no_error (error);
    }
}

static int
run_tool (const char * const *argv,
          char              **out,
          char              **err)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
tamper (const char *db,
        const char *sql)
{
  const char *argv[] = { "sqlite3", db, sql, NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (argv, NULL, &err), ==, 0);
}

static int
cli_verify (const char  *db,
            char       **out,
            char       **err)
{
  const char *argv[] = { g_getenv ("LC_CLI"), "--db", db, "audit", "verify", NULL };

  return run_tool (argv, out, err);
}

static void
test_chain_whole (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 broken = -1;
  guint n = 0;

  make_changes (fixture->store);
  g_assert_true (lc_audit_verify (fixture->store, &n, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpint (broken, ==, 0);

  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "whole: 8 entries checked"));
}

static void
test_edited_entry_is_named (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 broken = 0;

  make_changes (fixture->store);
  /* Someone widens a limit after the fact and hides it in the trail. */
  tamper (fixture->path, "UPDATE audit SET new_value = replace (new_value, 'Part', 'Pert') WHERE id = 3");
  g_assert_true (lc_audit_verify (fixture->store, NULL, &broken, &error));
  g_assert_cmpint (broken, ==, 3);

  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "entry 3 does not match"));
}

static void
test_edited_entry_with_recomputed_hash_is_named (StoreFixture  *fixture,
                                                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_changes (fixture->store);
  /* A forger who also rewrites the entry's own hash still breaks the next link. */
  tamper (fixture->path, "UPDATE audit SET operator_name = 'Someone else', hash = 'f00d' WHERE id = 5");
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "entry 5 "));
}

static void
test_removed_entry_is_named (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 broken = 0;

  make_changes (fixture->store);
  tamper (fixture->path, "DELETE FROM audit WHERE id = 4");
  g_assert_true (lc_audit_verify (fixture->store, NULL, &broken, &error));
  g_assert_cmpint (broken, ==, 5);
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "entry 5 "));
}

static void
test_cli_list (StoreFixture  *fixture,
               gconstpointer  data)
{
  const char *argv[] = { g_getenv ("LC_CLI"), "--db", fixture->path, "audit", "list", "--json",
                         "--limit", "3", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  JsonObject *newest;

  make_changes (fixture->store);
  g_assert_cmpint (run_tool (argv, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  newest = json_array_get_object_element (entries, 0);
  g_assert_cmpint (json_object_get_int_member (newest, "id"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (newest, "entity"), ==, "part_type");
  g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "update");
  g_assert_nonnull (strstr (json_object_get_string_member (newest, "old"), "\"Part\""));
  g_assert_nonnull (strstr (json_object_get_string_member (newest, "new"), "Part, revised"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/audit/chain/whole-after-changes", StoreFixture, NULL,
              store_fixture_set_up, test_chain_whole, store_fixture_tear_down);
  g_test_add ("/audit/chain/tampered-value-names-the-entry", StoreFixture, NULL,
              store_fixture_set_up, test_edited_entry_is_named, store_fixture_tear_down);
  g_test_add ("/audit/chain/tampered-hash-names-the-entry", StoreFixture, NULL,
              store_fixture_set_up, test_edited_entry_with_recomputed_hash_is_named, store_fixture_tear_down);
  g_test_add ("/audit/chain/removed-entry-names-the-next", StoreFixture, NULL,
              store_fixture_set_up, test_removed_entry_is_named, store_fixture_tear_down);
  g_test_add ("/audit/cli/list-newest-first-with-old-and-new", StoreFixture, NULL,
              store_fixture_set_up, test_cli_list, store_fixture_tear_down);

  return g_test_run ();
}

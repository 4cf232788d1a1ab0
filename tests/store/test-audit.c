#include "lc-config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-audit.h"
#include "lc-camera-record.h"
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
  lc_test_tamper (fixture->path, "UPDATE audit SET new_value = replace (new_value, 'Part', 'Pert') WHERE id = 3");
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
  lc_test_tamper (fixture->path, "UPDATE audit SET operator_name = 'Someone else', hash = 'f00d' WHERE id = 5");
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
  lc_test_tamper (fixture->path, "DELETE FROM audit WHERE id = 4");
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

/* Checks the end of the trail against the head record; returns the last entry written. */
static gint64
assert_head (LcStore          *store,
             LcAuditHeadState  expected,
             gint64            expected_deleted_after)
{
  g_autoptr(GError) error = NULL;
  LcAuditHeadState state = LC_AUDIT_HEAD_WHOLE;
  gint64 deleted_after = -1, anchored = -1;

  g_assert_true (lc_audit_check_head (store, &state, &deleted_after, &anchored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, expected);
  if (expected == LC_AUDIT_HEAD_TRUNCATED)
    g_assert_cmpint (deleted_after, ==, expected_deleted_after);
  return anchored;
}

/* Deleting the newest entries leaves a shorter chain that is still whole: the head record
 * kept beside the database names where the trail was cut. */
static void
test_deleted_last_entry_is_reported (StoreFixture  *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *head = g_strconcat (fixture->path, ".audit-head", NULL);
  gint64 broken = -1;
  guint n = 0;

  make_changes (fixture->store);
  g_assert_true (g_file_test (head, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (assert_head (fixture->store, LC_AUDIT_HEAD_WHOLE, 0), ==, 8);

  lc_test_tamper (fixture->path, "DELETE FROM audit WHERE id = 8");
  g_assert_true (lc_audit_verify (fixture->store, &n, &broken, &error));
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (broken, ==, 0);
  g_assert_cmpint (assert_head (fixture->store, LC_AUDIT_HEAD_TRUNCATED, 7), ==, 8);
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "entries deleted after #7"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A later change does not paper over the cut: entry 8 is now another one, and the record
   * of the first entry 8 stays. */
  {
    g_autoptr(LcPartType) part = lc_part_type_new ("P-9", "Part");

    g_assert_true (lc_part_type_save (part, fixture->store, &error));
    g_assert_no_error (error);
  }
  g_assert_true (lc_audit_verify (fixture->store, &n, &broken, &error));
  g_assert_cmpint (broken, ==, 0);
  assert_head (fixture->store, LC_AUDIT_HEAD_TRUNCATED, 7);
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "entries deleted after #7"));
}

static void
test_missing_head_record_is_reported (StoreFixture  *fixture,
                                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *head = g_strconcat (fixture->path, ".audit-head", NULL);

  /* A new station: no entries, no record, nothing to report. */
  assert_head (fixture->store, LC_AUDIT_HEAD_WHOLE, 0);
  g_assert_false (g_file_test (head, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  make_changes (fixture->store);
  g_assert_cmpint (g_unlink (head), ==, 0);
  assert_head (fixture->store, LC_AUDIT_HEAD_UNANCHORED, 0);
  g_assert_cmpint (cli_verify (fixture->path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "record of the audit trail’s last entry is missing"));
}

/* An entry rolled back with the change it belonged to must not be anchored: the record
 * would then name an entry that never was, and every later check would cry wolf. */
static void
test_rolled_back_entry_is_not_anchored (StoreFixture  *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_changes (fixture->store);
  g_assert_true (lc_store_begin (fixture->store, &error));
  g_assert_true (lc_audit_record (fixture->store, "part_type", 1, "update", "a", "b", NULL, &error));
  g_assert_no_error (error);
  lc_store_rollback (fixture->store);
  g_assert_cmpint (assert_head (fixture->store, LC_AUDIT_HEAD_WHOLE, 0), ==, 8);
  g_assert_true (lc_audit_record (fixture->store, "part_type", 1, "update", "a", "b", NULL, &error));
  g_assert_cmpint (assert_head (fixture->store, LC_AUDIT_HEAD_WHOLE, 0), ==, 9);
}

/* Cameras are devices: adding one and changing its settings are audited with old and new. */
static void
test_camera_changes_are_audited (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCameraRecord) camera = lc_camera_record_new ("Bench camera", "sim://bench");
  g_autoptr(GPtrArray) entries = NULL;
  LcAuditEntry *entry;

  g_assert_true (lc_camera_record_save (fixture->store, camera, &error));
  g_assert_no_error (error);
  camera->settings->exposure_us = 8000;
  g_assert_true (lc_camera_record_save (fixture->store, camera, &error));
  g_assert_no_error (error);

  entries = lc_audit_list (fixture->store, "camera", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpint (entry->entity_id, ==, camera->id);
  g_assert_null (strstr (entry->old_value, "8000"));
  g_assert_nonnull (strstr (entry->new_value, "8000"));
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "create");
  g_assert_null (entry->old_value);
  g_assert_nonnull (strstr (entry->new_value, "sim://bench"));
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
  g_test_add ("/audit/head/deleted-last-entry-is-reported", StoreFixture, NULL,
              store_fixture_set_up, test_deleted_last_entry_is_reported, store_fixture_tear_down);
  g_test_add ("/audit/head/missing-record-is-reported", StoreFixture, NULL,
              store_fixture_set_up, test_missing_head_record_is_reported, store_fixture_tear_down);
  g_test_add ("/audit/head/rolled-back-entry-is-not-anchored", StoreFixture, NULL,
              store_fixture_set_up, test_rolled_back_entry_is_not_anchored, store_fixture_tear_down);
  g_test_add ("/audit/entries/camera-changes", StoreFixture, NULL,
              store_fixture_set_up, test_camera_changes_are_audited, store_fixture_tear_down);
  g_test_add ("/audit/cli/list-newest-first-with-old-and-new", StoreFixture, NULL,
              store_fixture_set_up, test_cli_list, store_fixture_tear_down);

  return g_test_run ();
}

#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lc-inspection.h"
#include "lc-part-type.h"
#include "../store/test-helpers.h"

/* Power cuts and full disks while inspections are recorded.
 *
 * The kill test: a child process (this program run with --child) records inspections with
 * measurements, an image and an annotation, and prints "recorded ID SERIAL" once
 * lc_inspection_record () returned. The parent SIGKILLs it at a random moment, many times
 * over, then checks that the database is whole, that every inspection the child reported is
 * there, and that every inspection there (reported or not) is whole: its three measurements
 * with the values its serial implies, its image row, its annotation and its image file with
 * the bytes its name promises. */

#define N_KILLS 120

/* What an inspection with serial S holds, so the parent can check it without a log. */
static double
value_for (guint64 serial,
           guint   k)
{
  return 20.0 + (double) ((serial * 7 + k * 13) % 1000) / 10000.0;
}

static GBytes *
image_for (guint64 serial)
{
  /* A few kilobytes, unique per serial: the file write takes real time to interrupt. */
  gsize size = 4096 + (serial % 7) * 1024;
  guint8 *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) ((serial * 31 + i * 17) >> 3);
  return g_bytes_new_take (bytes, size);
}

static int
run_child (const char *path,
           guint64     first_serial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  gint64 part_type_id;
  gint64 characteristic_ids[3];

  if (store == NULL)
    g_error ("child: %s", error->message);
  part_type_id = lc_test_query_int (store, "SELECT id FROM part_type");
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM characteristic ORDER BY id LIMIT 1 OFFSET %u", k);
      characteristic_ids[k] = lc_test_query_int (store, sql);
    }
  lc_store_set_reserved_space (store, 0);

  for (guint64 serial = first_serial;; serial++)
    {
      g_autoptr(LcInspection) inspection = lc_inspection_new (part_type_id);
      g_autoptr(GBytes) png = image_for (serial);
      g_autofree char *name = lc_inspection_store_image_png (store, png, &error);
      g_autofree char *serial_text = g_strdup_printf ("%" G_GUINT64_FORMAT, serial);
      g_autofree char *file = NULL;
      LcImageRecord *image;

      if (name == NULL)
        g_error ("child: %s", error->message);
      file = g_build_filename ("images", name, NULL);
      lc_inspection_set_serial (inspection, serial_text);
      for (guint k = 0; k < 3; k++)
        lc_inspection_add_measurement (inspection, characteristic_ids[k], value_for (serial, k), "",
                                       0, lc_store_now ());
      image = lc_inspection_add_image (inspection, file, 64, 48, "sim", lc_store_now ());
      lc_image_record_add_annotation (image, 0, "box", "{\"x\":1,\"y\":2,\"w\":3,\"h\":4}",
                                      "operator", 0, NAN);
      lc_inspection_set_verdict (inspection, LC_VERDICT_FAIL, LC_DECIDED_BY_OPERATOR);
      if (!lc_inspection_record (inspection, store, &error))
        g_error ("child: %s", error->message);
      printf ("recorded %" G_GINT64_FORMAT " %s\n", lc_inspection_get_id (inspection), serial_text);
      fflush (stdout);
    }
  return 0;
}

static void
set_up_part (LcStore *store)
{
  g_autoptr(LcPartType) part = lc_part_type_new ("BSH-1", "Bushing");
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("Diameter %u", k + 1);
      g_autoptr(LcCharacteristic) c = lc_characteristic_new (name);

      lc_characteristic_set_lsl (c, 19.9);
      lc_characteristic_set_usl (c, 20.1);
      lc_part_type_add_characteristic (part, c);
    }
  g_assert_true (lc_part_type_save (part, store, &error));
  g_assert_no_error (error);
}

static gboolean
check_image_file (const char *data_dir,
                  const char *file)
{
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *expected = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  expected = g_strconcat ("images/", checksum, ".png", NULL);
  return g_str_equal (expected, file);
}

/* Every inspection in the database is whole; returns how many there are. */
static guint
check_every_inspection_whole (LcStore *store)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store),
                                       "SELECT i.id, i.serial,"
                                       " (SELECT count(*) FROM measurement m WHERE m.inspection_id = i.id),"
                                       " (SELECT group_concat (m.value, ' ') FROM (SELECT value FROM measurement"
                                       "   WHERE inspection_id = i.id ORDER BY characteristic_id) AS m),"
                                       " (SELECT count(*) FROM image g WHERE g.inspection_id = i.id),"
                                       " (SELECT g.file FROM image g WHERE g.inspection_id = i.id),"
                                       " (SELECT count(*) FROM annotation a JOIN image g ON a.image_id = g.id"
                                       "   WHERE g.inspection_id = i.id)"
                                       " FROM inspection i ORDER BY i.id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint64 serial = g_ascii_strtoull ((const char *) sqlite3_column_text (stmt, 1), NULL, 10);
      g_autofree char *expected = g_strdup_printf ("%.17g %.17g %.17g", value_for (serial, 0),
                                                   value_for (serial, 1), value_for (serial, 2));
      g_auto(GStrv) got = g_strsplit ((const char *) sqlite3_column_text (stmt, 3), " ", -1);

      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 3);
      g_assert_cmpuint (g_strv_length (got), ==, 3);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (got[k], NULL), value_for (serial, k), 1e-12);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
      g_assert_true (check_image_file (lc_store_get_data_dir (store),
                                       (const char *) sqlite3_column_text (stmt, 5)));
      g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1);
      n++;
    }
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_integrity_ok (LcStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), "PRAGMA integrity_check", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

/* Files in the images folder that are not finished pictures (<sha256>.png). */
static guint
count_temporary_images (LcStore *store)
{
  g_autofree char *images = lc_store_get_images_dir (store);
  g_autoptr(GDir) dir = g_dir_open (images, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_suffix (name, ".png"))
      n++;
  return n;
}

static void
test_sigkill_while_recording (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(LcStore) after = NULL;
  g_autoptr(GError) error = NULL;
  guint64 next_serial = 1;
  guint n_kills = 0;
  gint32 max_delay = 150000;
  guint n_in_database, n_temporary, n_removed = 0;
  gint64 restarted_at;
  GHashTableIter iter;
  gpointer key, value;

  set_up_part (fixture->store);
  g_clear_object (&fixture->store);

  for (guint round = 0; round < N_KILLS; round++)
    {
      /* A slow machine (a sanitizer build, a busy CI) may need longer to get a first record
       * in: widen the window until kills land after records too. */
      if (round % 10 == 9 && g_hash_table_size (reported) == 0 && max_delay < 3000000)
        max_delay *= 2;
      g_autofree char *first = g_strdup_printf ("%" G_GUINT64_FORMAT, next_serial);
      const char *argv[] = { self_exe, "--child", fixture->path, first, NULL };
      g_autofree char *output = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_auto(GStrv) lines = NULL;
      GPid pid;
      int out_fd, status;
      gsize length;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Opening the store takes a few milliseconds, one record a few more (two fsyncs); the
       * range covers start-up, mid-transaction, mid-image-write and between records. A kill
       * during the commit's fsync leaves the transaction in the WAL (the kernel still writes
       * it out): committed, never reported, and it must be whole too. */
      g_usleep (g_rand_int_range (rand, 2000, max_delay));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        n_kills++;
      else
        g_error ("the child ended by itself (status %d)", status);

      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_to_end (channel, &output, &length, &error), ==, G_IO_STATUS_NORMAL);
      lines = g_strsplit (output, "\n", -1);
      /* The last piece is what followed the last newline: empty, or a line cut by the kill. */
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          gint64 id;
          char serial[32];

          if (sscanf (lines[i], "recorded %" G_GINT64_FORMAT " %31s", &id, serial) != 2)
            continue;
          g_hash_table_insert (reported, g_memdup2 (&id, sizeof id), g_strdup (serial));
          next_serial = MAX (next_serial, g_ascii_strtoull (serial, NULL, 10) + 1);
        }
      /* A serial the child may have started but not reported is skipped, never reused:
       * it may sit in the database, recorded but unreported. */
      next_serial += 1;
    }

  restarted_at = g_get_real_time ();
  after = lc_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_integrity_ok (after);
  n_in_database = check_every_inspection_whole (after);
  /* The restart removes the temporary pictures the kills left, as the app does at start. */
  n_temporary = count_temporary_images (after);
  g_assert_true (lc_inspection_remove_stray_image_files (after, restarted_at, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, n_temporary);
  g_assert_cmpuint (count_temporary_images (after), ==, 0);
  n_in_database = check_every_inspection_whole (after);

  g_hash_table_iter_init (&iter, reported);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM inspection WHERE id = %" G_GINT64_FORMAT
                                              " AND serial = '%s'", *(gint64 *) key, (const char *) value);
      g_assert_cmpint (lc_test_query_int (after, sql), ==, 1);
    }
  g_test_message ("%u SIGKILLs; %u inspections reported recorded, %u in the database (the rest were "
                  "committed but killed before the report), all whole; %u temporary pictures left by "
                  "the kills, removed at the restart",
                  n_kills, g_hash_table_size (reported), n_in_database, n_temporary);
  g_assert_cmpuint (n_kills, >=, 100);
  g_assert_cmpuint (g_hash_table_size (reported), >, 0);
  g_assert_cmpuint (n_in_database, >=, g_hash_table_size (reported));
  /* At most one commit per kill can be in the database without its report. */
  g_assert_cmpuint (n_in_database, <=, g_hash_table_size (reported) + n_kills);
}

/* A full database file: SQLite's max_page_count caps the file as a full disk would
 * (SQLITE_FULL at the same places); the store must say so, keep everything whole and record
 * again once there is room. */
static void
test_database_full_then_room_again (StoreFixture  *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 part_type_id, characteristic_id, pages;
  g_autofree char *cap = NULL;
  guint n_recorded = 0;
  gboolean full = FALSE;

  set_up_part (fixture->store);
  lc_store_set_reserved_space (fixture->store, 0);
  part_type_id = lc_test_query_int (fixture->store, "SELECT id FROM part_type");
  characteristic_id = lc_test_query_int (fixture->store, "SELECT min(id) FROM characteristic");
  pages = lc_test_query_int (fixture->store, "PRAGMA page_count");
  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);
  g_assert_true (lc_store_exec (fixture->store, cap, &error));

  for (guint i = 0; i < 10000 && !full; i++)
    {
      g_autoptr(LcInspection) inspection = lc_inspection_new (part_type_id);
      g_autofree char *serial = g_strdup_printf ("%u", i + 1);
      g_autofree char *note = g_strnfill (200, 'n');

      lc_inspection_set_serial (inspection, serial);
      lc_inspection_set_note (inspection, note);
      for (guint k = 0; k < 3; k++)
        lc_inspection_add_measurement (inspection, characteristic_id + k, value_for (i + 1, k), "", 0,
                                       lc_store_now ());
      lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);
      if (lc_inspection_record (inspection, fixture->store, &error))
        n_recorded++;
      else
        {
          g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL);
          g_assert_cmpstr (error->message, ==,
                           "The disk is full: nothing was recorded. Free some space and try again.");
          g_assert_cmpint (lc_inspection_get_id (inspection), ==, 0);
          g_clear_error (&error);
          full = TRUE;
        }
    }
  g_assert_true (full);
  g_assert_cmpuint (n_recorded, >, 0);
  /* Nothing half written: the inspections recorded are all there is, each with its three
   * measurements. */
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection"), ==, n_recorded);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM measurement"), ==, 3 * n_recorded);
  assert_integrity_ok (fixture->store);

  /* Space is back: the same store records again, with no restart. */
  g_assert_true (lc_store_exec (fixture->store, "PRAGMA max_page_count = 1073741823", &error));
  {
    g_autoptr(LcInspection) inspection = lc_inspection_new (part_type_id);

    lc_inspection_add_measurement (inspection, characteristic_id, 20.0, "", 0, lc_store_now ());
    lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);
    g_assert_true (lc_inspection_record (inspection, fixture->store, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection"), ==, n_recorded + 1);
  g_test_message ("%u inspections fitted before the cap", n_recorded);
}

/* The images folder's disk nearly full: the reserve check refuses before a byte is written,
 * like a quota would, and lets the image through once there is room again. */
static void
test_image_disk_full_then_room_again (StoreFixture  *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = image_for (42);
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autofree char *name = NULL;
  g_autoptr(LcInspection) inspection = NULL;
  struct statvfs info;
  g_autoptr(GDir) dir = NULL;

  set_up_part (fixture->store);
  g_assert_cmpint (statvfs (fixture->dir, &info), ==, 0);
  /* Ask for more reserve than the disk has free: to the store the disk is full. */
  lc_store_set_reserved_space (fixture->store, (guint64) info.f_bavail * info.f_frsize + 1);
  name = lc_inspection_store_image_png (fixture->store, png, &error);
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL);
  g_assert_null (name);
  g_clear_error (&error);
  /* No file, not even a temporary one. */
  dir = g_dir_open (images, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);

  inspection = lc_inspection_new (lc_test_query_int (fixture->store, "SELECT id FROM part_type"));
  lc_inspection_set_verdict (inspection, LC_VERDICT_PASS, LC_DECIDED_BY_OPERATOR);
  g_assert_false (lc_inspection_record (inspection, fixture->store, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);
  g_assert_cmpint (lc_test_query_int (fixture->store, "SELECT count(*) FROM inspection"), ==, 0);

  lc_store_set_reserved_space (fixture->store, 0);
  name = lc_inspection_store_image_png (fixture->store, png, &error);
  g_assert_no_error (error);
  g_assert_nonnull (name);
  g_assert_true (lc_inspection_record (inspection, fixture->store, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/inspect/crash/sigkill-while-recording-loses-nothing-reported", StoreFixture, NULL,
              store_fixture_set_up, test_sigkill_while_recording, store_fixture_tear_down);
  g_test_add ("/inspect/disk-full/database-full-then-room-again", StoreFixture, NULL,
              store_fixture_set_up, test_database_full_then_room_again, store_fixture_tear_down);
  g_test_add ("/inspect/disk-full/images-disk-full-then-room-again", StoreFixture, NULL,
              store_fixture_set_up, test_image_disk_full_then_room_again, store_fixture_tear_down);

  return g_test_run ();
}

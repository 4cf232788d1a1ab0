#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "lc-store.h"

/* A fresh store in a temporary folder, removed with everything in it afterwards. */
typedef struct
{
  char    *dir;
  char    *path;
  LcStore *store;
} StoreFixture;

static inline void
lc_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);
          lc_test_remove_tree (child);
          g_free (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  GError *error = NULL;

  fixture->dir = g_dir_make_tmp ("lc-test-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static inline void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_clear_object (&fixture->store);
  lc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static inline gint64
lc_test_query_int (LcStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The text in the first column of the first row @sql gives, NULL when none (free it). */
static inline char *
lc_test_query_text (LcStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

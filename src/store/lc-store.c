#include "lc-config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/statvfs.h>

#include "lc-store-private.h"

struct _LcStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  char         *data_dir;
  GHashTable   *statements;   /* SQL text -> sqlite3_stmt*, prepared once */
  GMainContext *context;      /* where "changed" is emitted */
  GThread      *owner;        /* the thread that opened the store */
  guint         depth;        /* nesting of lc_store_begin () */
  gint64        actor_id;
  char         *actor_name;
  LcRole        actor_role;
  guint64       reserved_space;
  gboolean      audit_pending; /* an audit entry awaits the outermost COMMIT */
};

G_DEFINE_FINAL_TYPE (LcStore, lc_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (lc-store-error-quark, lc_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
lc_store_finalize (GObject *object)
{
  LcStore *self = LC_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lc_store_parent_class)->finalize (object);
}

static void
lc_store_class_init (LcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_store_finalize;

  /**
   * LcStore::changed:
   * @table: the table whose rows changed ("inspection", "part_type", …)
   * @id: the row, or 0 when several changed
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
lc_store_init (LcStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
  self->reserved_space = 64 * 1024 * 1024;
}

char *
lc_store_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "linecheck", NULL);
}

char *
lc_store_default_path (void)
{
  g_autofree char *dir = lc_store_default_dir ();

  return g_build_filename (dir, "linecheck.db", NULL);
}

int
lc_store_latest_schema_version (void)
{
  guint n;
  const LcMigration *migrations = _lc_store_get_migrations (&n);

  return migrations[n - 1].version;
}

gboolean
lc_store_set_error (LcStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL,
                   _("The disk is full: nothing was recorded. Free some space and try again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_BUSY,
                   _("The database is busy in another program: %s"), detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CORRUPT,
                   _("The database file is damaged: %s"), detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CONSTRAINT,
                   _("The change breaks a rule of the database: %s"), detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_OPEN,
                   _("The database cannot be written: %s"), detail);
      break;
    default:
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_SQL,
                   _("Database error: %s"), detail);
      break;
    }
  return FALSE;
}

gboolean
lc_store_exec (LcStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  sqlite3_free (message);
  if (rc != SQLITE_OK)
    return lc_store_set_error (self, rc, error);
  return TRUE;
}

sqlite3_stmt *
lc_store_prepare (LcStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lc_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
lc_store_step_done (LcStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      lc_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Nested calls share the outermost transaction; only the outermost commit writes. */
gboolean
lc_store_begin (LcStore  *self,
                GError  **error)
{
  if (self->depth == 0 && !lc_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
lc_store_commit (LcStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  if (!lc_store_exec (self, "COMMIT", error))
    {
      /* A failed COMMIT (disk full) leaves the transaction open: undo it whole. */
      lc_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  if (self->audit_pending)
    {
      self->audit_pending = FALSE;
      /* The entries are committed; a head record that cannot be written (disk full) stays
       * behind the database, which the verifier accepts, and catches up at the next entry. */
      _lc_audit_write_head (self);
    }
  return TRUE;
}

void
_lc_store_mark_audit_pending (LcStore *self)
{
  self->audit_pending = TRUE;
}

void
lc_store_rollback (LcStore *self)
{
  if (self->depth == 0)
    return;
  self->depth = 0;
  self->audit_pending = FALSE;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
lc_store_last_insert_id (LcStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

void
lc_store_bind_text_or_null (sqlite3_stmt *stmt,
                            int           index,
                            const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
lc_store_bind_double_or_null (sqlite3_stmt *stmt,
                              int           index,
                              double        value)
{
  if (isfinite (value))
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

void
lc_store_bind_id_or_null (sqlite3_stmt *stmt,
                          int           index,
                          gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

double
lc_store_column_double_or_nan (sqlite3_stmt *stmt,
                               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

static int
read_user_version (LcStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Keep a copy of the database as it was before an upgrade, so a failed or unwanted upgrade
 * never costs records. VACUUM INTO writes a consistent copy even with a WAL present. */
static gboolean
backup_before_upgrade (LcStore  *self,
                       int       from_version,
                       GError  **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.schema-%d.bak", self->path, from_version);
  char *sql;
  gboolean ok;

  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  sql = sqlite3_mprintf ("VACUUM INTO %Q", backup);
  ok = lc_store_exec (self, sql, error);
  sqlite3_free (sql);
  return ok;
}

static gboolean
migrate (LcStore  *self,
         int       target,
         GError  **error)
{
  guint n;
  const LcMigration *migrations = _lc_store_get_migrations (&n);
  int current = read_user_version (self);

  if (current < 0)
    return lc_store_set_error (self, SQLITE_NOTADB, error);

  if (current > migrations[n - 1].version)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NEWER_SCHEMA,
                   _("The database %s was written by a newer Linecheck (schema %d; this one knows %d). "
                     "Update Linecheck to open it."),
                   self->path, current, migrations[n - 1].version);
      return FALSE;
    }

  if (current > 0 && current < target && !backup_before_upgrade (self, current, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[i].version <= current || migrations[i].version > target)
        continue;

      g_debug ("Upgrading %s to schema %d: %s", self->path, migrations[i].version,
               migrations[i].summary);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!lc_store_begin (self, error))
        return FALSE;
      if (!lc_store_exec (self, migrations[i].sql, error) ||
          !lc_store_exec (self, set_version, error) ||
          !lc_store_commit (self, error))
        {
          lc_store_rollback (self);
          g_prefix_error (error, _("Upgrading the database to schema %d failed: "),
                          migrations[i].version);
          return FALSE;
        }
    }
  return TRUE;
}

/* Durability: WAL with synchronous=FULL syncs the log at every commit, so a transaction that
 * lc_store_commit () reported is on disk before the screen says "recorded", and survives a
 * power cut; NORMAL would be faster but may lose the last commits. */
static const char open_pragmas[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = FULL;"
  "PRAGMA foreign_keys = ON;"
  "PRAGMA trusted_schema = OFF;";

LcStore *
lc_store_open_at_version (const char  *path,
                          int          version,
                          GError     **error)
{
  g_autoptr(LcStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  dir = g_path_get_dirname (path);
  self->data_dir = g_canonicalize_filename (dir, NULL);

  if (g_mkdir_with_parents (self->data_dir, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), self->data_dir, g_strerror (saved));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      lc_store_set_error (self, rc, error);
      g_prefix_error (error, _("Cannot open %s: "), path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!lc_store_exec (self, open_pragmas, error))
    {
      g_prefix_error (error, _("Cannot open %s: "), path);
      return NULL;
    }
  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

LcStore *
lc_store_open (const char  *path,
               GError     **error)
{
  return lc_store_open_at_version (path, lc_store_latest_schema_version (), error);
}

const char *
lc_store_get_path (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return self->path;
}

const char *
lc_store_get_data_dir (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return self->data_dir;
}

char *
lc_store_get_images_dir (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return g_build_filename (self->data_dir, "images", NULL);
}

char *
lc_store_get_models_dir (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return g_build_filename (self->data_dir, "models", NULL);
}

int
lc_store_get_schema_version (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), -1);
  return read_user_version (self);
}

sqlite3 *
lc_store_get_db (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), NULL);
  return self->db;
}

void
lc_store_set_actor (LcStore    *self,
                    gint64      operator_id,
                    const char *name)
{
  g_return_if_fail (LC_IS_STORE (self));
  self->actor_id = operator_id;
  g_free (self->actor_name);
  self->actor_name = g_strdup (name != NULL ? name : "");
  self->actor_role = LC_ROLE_NONE;
}

void
lc_store_set_actor_role (LcStore *self,
                         LcRole   role)
{
  g_return_if_fail (LC_IS_STORE (self));
  self->actor_role = role;
}

LcRole
lc_store_get_actor_role (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), LC_ROLE_NONE);
  return self->actor_role;
}

static const char * const role_names[] = { "", "operator", "lead", "admin" };

const char *
lc_role_to_string (LcRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), "");
  return role_names[role];
}

gboolean
lc_role_from_string (const char *text,
                     LcRole     *role)
{
  for (guint i = LC_ROLE_OPERATOR; i < G_N_ELEMENTS (role_names); i++)
    {
      if (g_strcmp0 (text, role_names[i]) == 0)
        {
          *role = (LcRole) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
lc_role_get_label (LcRole role)
{
  switch (role)
    {
    case LC_ROLE_OPERATOR:
      return _("Operator");
    case LC_ROLE_LEAD:
      return _("QC lead");
    case LC_ROLE_ADMIN:
      return _("Admin");
    case LC_ROLE_NONE:
    default:
      return _("Nobody");
    }
}

gboolean
lc_store_require_role (LcStore     *self,
                       LcRole       role,
                       const char  *what,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_operators;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);

  if (self->actor_role >= role)
    return TRUE;

  stmt = lc_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM operator WHERE active)", error);
  if (stmt == NULL)
    return FALSE;
  has_operators = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!has_operators)
    return TRUE;

  {
    g_autofree char *who_may = NULL;

    if (role == LC_ROLE_ADMIN)
      who_may = g_strdup_printf (_("only an admin may %s"), what);
    else if (role == LC_ROLE_LEAD)
      who_may = g_strdup_printf (_("only a QC lead or an admin may %s"), what);
    else
      who_may = g_strdup_printf (_("only someone logged in may %s"), what);

    if (self->actor_role == LC_ROLE_NONE)
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION,
                   _("Nobody is logged in, and %s. Log in first."), who_may);
    else
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION,
                   _("%s is logged in as %s, and %s."), self->actor_name,
                   lc_role_get_label (self->actor_role), who_may);
  }
  return FALSE;
}

void
lc_store_set_reserved_space (LcStore *self,
                             guint64  bytes)
{
  g_return_if_fail (LC_IS_STORE (self));
  self->reserved_space = bytes;
}

gboolean
lc_store_check_space (LcStore  *self,
                      guint64   needed,
                      GError  **error)
{
  struct statvfs info;
  guint64 available;

  g_return_val_if_fail (LC_IS_STORE (self), FALSE);

  /* A file system that cannot tell is not a reason to stop recording. */
  if (statvfs (self->data_dir, &info) != 0)
    return TRUE;
  available = (guint64) info.f_bavail * (guint64) info.f_frsize;
  if (available >= needed && available - needed >= self->reserved_space)
    return TRUE;
  g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_DISK_FULL,
               _("The disk is full: nothing was recorded. Free some space and try again."));
  return FALSE;
}

gint64
lc_store_get_actor_id (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), 0);
  return self->actor_id;
}

const char *
lc_store_get_actor_name (LcStore *self)
{
  g_return_val_if_fail (LC_IS_STORE (self), "");
  return self->actor_name != NULL ? self->actor_name : "";
}

typedef struct
{
  LcStore *store;
  char    *table;
  gint64   id;
} ChangedData;

static gboolean
emit_changed_cb (gpointer user_data)
{
  ChangedData *data = user_data;

  g_signal_emit (data->store, signals[CHANGED], g_quark_from_string (data->table),
                 data->table, data->id);
  g_object_unref (data->store);
  g_free (data->table);
  g_free (data);
  return G_SOURCE_REMOVE;
}

void
lc_store_notify_changed (LcStore    *self,
                         const char *table,
                         gint64      id)
{
  ChangedData *data;

  g_return_if_fail (LC_IS_STORE (self));
  g_return_if_fail (table != NULL);

  /* On the store's own thread, listeners hear at once; from a worker, the signal travels
   * to the store's main context (never emitted on the worker). */
  if (g_thread_self () == self->owner)
    {
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table, id);
      return;
    }
  data = g_new0 (ChangedData, 1);
  data->store = g_object_ref (self);
  data->table = g_strdup (table);
  data->id = id;
  {
    g_autoptr(GSource) source = g_idle_source_new ();
    g_source_set_callback (source, emit_changed_cb, data, NULL);
    g_source_set_static_name (source, "[linecheck] store changed");
    g_source_attach (source, self->context);
  }
}

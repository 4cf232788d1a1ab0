#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define LC_STORE_ERROR (lc_store_error_quark ())

typedef enum
{
  LC_STORE_ERROR_OPEN,          /* the file cannot be opened or is not a database */
  LC_STORE_ERROR_NEWER_SCHEMA,  /* made by a newer Linecheck */
  LC_STORE_ERROR_SQL,           /* anything else SQLite reports */
  LC_STORE_ERROR_DISK_FULL,     /* nothing was written; retry when space is back */
  LC_STORE_ERROR_BUSY,          /* another process holds the write lock too long */
  LC_STORE_ERROR_CORRUPT,
  LC_STORE_ERROR_CONSTRAINT,    /* a uniqueness or reference rule refused the change */
  LC_STORE_ERROR_NOT_FOUND,
  LC_STORE_ERROR_INVALID,       /* the value breaks a rule of the trade (LSL >= USL, …) */
  LC_STORE_ERROR_HAS_RECORDS,   /* refused: records refer to it; archive instead */
  LC_STORE_ERROR_PERMISSION,    /* the operator's role may not do this */
  LC_STORE_ERROR_LOCKED_OUT,    /* too many wrong PINs: this operator must wait */
} LcStoreError;

/* What the person at the station may do; each role may do what the roles below it may. */
typedef enum
{
  LC_ROLE_NONE,       /* nobody logged in */
  LC_ROLE_OPERATOR,   /* inspects and labels */
  LC_ROLE_LEAD,       /* QC lead: specifications, control limits, alarms, models */
  LC_ROLE_ADMIN,      /* operators and devices */
} LcRole;

#define LC_TYPE_STORE (lc_store_get_type ())
G_DECLARE_FINAL_TYPE (LcStore, lc_store, LC, STORE, GObject)

GQuark        lc_store_error_quark             (void);

char         *lc_store_default_dir             (void);
char         *lc_store_default_path            (void);
int           lc_store_latest_schema_version   (void);

LcStore      *lc_store_open                    (const char  *path,
                                                GError     **error);
LcStore      *lc_store_open_at_version         (const char  *path,
                                                int          version,
                                                GError     **error);
const char   *lc_store_get_path                (LcStore     *self);
const char   *lc_store_get_data_dir            (LcStore     *self);
char         *lc_store_get_images_dir          (LcStore     *self);
char         *lc_store_get_models_dir          (LcStore     *self);
int           lc_store_get_schema_version      (LcStore     *self);

/* For the library's own modules. An LcStore belongs to the thread that uses it; a worker
 * thread opens its own LcStore on the same file (WAL lets readers run beside the writer). */
sqlite3      *lc_store_get_db                  (LcStore     *self);
sqlite3_stmt *lc_store_prepare                 (LcStore     *self,
                                                const char  *sql,
                                                GError     **error);
gboolean      lc_store_exec                    (LcStore     *self,
                                                const char  *sql,
                                                GError     **error);
gboolean      lc_store_step_done               (LcStore     *self,
                                                sqlite3_stmt *stmt,
                                                GError     **error);
gboolean      lc_store_begin                   (LcStore     *self,
                                                GError     **error);
gboolean      lc_store_commit                  (LcStore     *self,
                                                GError     **error);
void          lc_store_rollback                (LcStore     *self);
gint64        lc_store_last_insert_id          (LcStore     *self);
gboolean      lc_store_set_error               (LcStore     *self,
                                                int          rc,
                                                GError     **error);
void          lc_store_bind_text_or_null       (sqlite3_stmt *stmt,
                                                int          index,
                                                const char  *text);
void          lc_store_bind_double_or_null     (sqlite3_stmt *stmt,
                                                int          index,
                                                double       value);
void          lc_store_bind_id_or_null         (sqlite3_stmt *stmt,
                                                int          index,
                                                gint64       id);
double        lc_store_column_double_or_nan    (sqlite3_stmt *stmt,
                                                int          column);

/* Disk space: before an image or a record is written the store checks that the data folder's
 * disk keeps @bytes free beyond what is written (64 MiB unless told). A nearly full disk is
 * refused with LC_STORE_ERROR_DISK_FULL while there is still room for SQLite's own journal,
 * so nothing is ever half written; recording resumes by itself once space is freed. */
void          lc_store_set_reserved_space      (LcStore     *self,
                                                guint64      bytes);
gboolean      lc_store_check_space             (LcStore     *self,
                                                guint64      needed,
                                                GError     **error);

/* Who is working at the station: recorded in the audit trail and on inspections.
 * 0 / NULL when nobody is logged in (the CLI, the first-run flow). */
void          lc_store_set_actor               (LcStore     *self,
                                                gint64       operator_id,
                                                const char  *name);
gint64        lc_store_get_actor_id            (LcStore     *self);
const char   *lc_store_get_actor_name          (LcStore     *self);
/* The actor's role; lc_store_set_actor () resets it to LC_ROLE_NONE, lc_operator_log_in ()
 * sets it from the operator table. */
void          lc_store_set_actor_role          (LcStore     *self,
                                                LcRole       role);
LcRole        lc_store_get_actor_role          (LcStore     *self);
/* Refuses with LC_STORE_ERROR_PERMISSION unless the actor's role is @role or above. While
 * the station has no operator at all (a new database before its first admin), everything is
 * allowed: there is nobody to ask. @what names the change for the message ("change a
 * specification"). */
gboolean      lc_store_require_role            (LcStore     *self,
                                                LcRole       role,
                                                const char  *what,
                                                GError     **error);
const char   *lc_role_to_string                (LcRole       role);
gboolean      lc_role_from_string              (const char  *text,
                                                LcRole      *role);
/* "QC lead", translated. */
const char   *lc_role_get_label                (LcRole       role);

/* Tell listeners (dashboard, counters, lists) that rows of TABLE changed. Safe from any
 * thread: the signal is emitted on the thread-default main context the store was opened on. */
void          lc_store_notify_changed          (LcStore     *self,
                                                const char  *table,
                                                gint64       id);

static inline gint64
lc_store_now (void)
{
  return g_get_real_time ();
}

G_END_DECLS

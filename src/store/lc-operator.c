#include "lc-config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "lc-audit.h"
#include "lc-operator.h"

/* Argon2id at 3 passes over 32 MiB: on this class of PC (two cores, shared with the camera
 * and the gauges) one hash or one check takes about 0.1-0.2 s, so a shift handover feels
 * instant, yet every guess at a stolen database costs the same 32 MiB and 0.1 s. libsodium's
 * INTERACTIVE preset (64 MiB) took 0.45 s here under load. The parameters live in the hash
 * string, so a later change applies on each operator's next login (see log_in). */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (32u * 1024u * 1024u)

struct _LcOperator
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  LcRole   role;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (LcOperator, lc_operator, G_TYPE_OBJECT)

static void
lc_operator_finalize (GObject *object)
{
  LcOperator *self = LC_OPERATOR (object);

  g_free (self->name);
  G_OBJECT_CLASS (lc_operator_parent_class)->finalize (object);
}

static void
lc_operator_class_init (LcOperatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_operator_finalize;
}

static void
lc_operator_init (LcOperator *self)
{
  self->active = TRUE;
}

gint64
lc_operator_get_id (LcOperator *self)
{
  g_return_val_if_fail (LC_IS_OPERATOR (self), 0);
  return self->id;
}

const char *
lc_operator_get_name (LcOperator *self)
{
  g_return_val_if_fail (LC_IS_OPERATOR (self), NULL);
  return self->name;
}

LcRole
lc_operator_get_role (LcOperator *self)
{
  g_return_val_if_fail (LC_IS_OPERATOR (self), LC_ROLE_NONE);
  return self->role;
}

gboolean
lc_operator_get_active (LcOperator *self)
{
  g_return_val_if_fail (LC_IS_OPERATOR (self), FALSE);
  return self->active;
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_SQL,
                 _("The PIN checker (libsodium) could not start."));
  return ok;
}

gboolean
lc_operator_check_pin (const char  *pin,
                       GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;

  if (length < LC_OPERATOR_PIN_MIN || length > LC_OPERATOR_PIN_MAX)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                   _("A PIN has %d to %d digits."), LC_OPERATOR_PIN_MIN, LC_OPERATOR_PIN_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        {
          g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                       _("A PIN has digits only (0 to 9)."));
          return FALSE;
        }
    }
  return TRUE;
}

char *
lc_operator_hash_pin (const char  *pin,
                      GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!lc_operator_check_pin (pin, error) || !ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str (hash, pin, strlen (pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_SQL,
                   _("Not enough memory to protect the PIN."));
      return NULL;
    }
  return g_strdup (hash);
}

static LcOperator *
operator_from_row (sqlite3_stmt *stmt)
{
  LcOperator *self = g_object_new (LC_TYPE_OPERATOR, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (!lc_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &self->role))
    self->role = LC_ROLE_OPERATOR;
  self->active = sqlite3_column_int (stmt, 3) != 0;
  return self;
}

GPtrArray *
lc_operator_list (LcStore   *store,
                  gboolean   include_disabled,
                  GError   **error)
{
  g_autoptr(GPtrArray) operators = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lc_store_prepare (store,
                           "SELECT id, name, role, active FROM operator WHERE active OR ?"
                           " ORDER BY name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_disabled);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (operators, operator_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&operators);
}

static LcOperator *
load_where (LcStore     *store,
            const char  *sql,
            gint64       id,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, sql, error);
  LcOperator *self = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self = operator_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                 _("There is no operator “%s”."), name != NULL ? name : "");
  else
    lc_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return self;
}

LcOperator *
lc_operator_load (LcStore  *store,
                  gint64    id,
                  GError  **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  GError *local = NULL;
  LcOperator *self = load_where (store, "SELECT id, name, role, active FROM operator WHERE id = ?",
                                 id, NULL, &local);

  if (self == NULL && g_error_matches (local, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      g_set_error (&local, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no operator number %s."), number);
    }
  if (local != NULL)
    g_propagate_error (error, local);
  return self;
}

gboolean
lc_operator_needs_first_admin (LcStore   *store,
                               gboolean  *needs,
                               GError   **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM operator WHERE active)",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *needs = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

static char *
operator_to_json_text (const char *name,
                       LcRole      role,
                       gboolean    active)
{
  g_autoptr(GString) text = g_string_new ("{\"name\":\"");
  g_autofree char *escaped = g_strescape (name, NULL);

  g_string_append_printf (text, "%s\",\"role\":\"%s\",\"active\":%s}", escaped,
                          lc_role_to_string (role), active ? "true" : "false");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
count_active_admins (LcStore  *store,
                     gint64   *n,
                     GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "SELECT count(*) FROM operator WHERE active AND role = 'admin'",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return lc_store_set_error (store, rc, error);
  return TRUE;
}

LcOperator *
lc_operator_create (LcStore     *store,
                    const char  *name,
                    LcRole       role,
                    const char  *pin,
                    GError     **error)
{
  g_autoptr(LcOperator) self = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *hash = NULL;
  g_autofree char *json = NULL;
  gboolean first = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  if (*clean_name == '\0')
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("An operator needs a name."));
      return NULL;
    }
  if (role < LC_ROLE_OPERATOR || role > LC_ROLE_ADMIN)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("Choose a role."));
      return NULL;
    }
  hash = lc_operator_hash_pin (pin, error);
  if (hash == NULL)
    return NULL;

  if (!lc_store_begin (store, error))
    return NULL;
  if (!lc_operator_needs_first_admin (store, &first, error) ||
      !lc_store_require_role (store, LC_ROLE_ADMIN, _("add operators"), error))
    goto fail;
  if (first && role != LC_ROLE_ADMIN)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                   _("The first operator of a station must be an admin: someone has to be able "
                     "to add the others."));
      goto fail;
    }
  stmt = lc_store_prepare (store, "SELECT 1 FROM operator WHERE name = ? COLLATE NOCASE", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_CONSTRAINT,
                   _("There is already an operator called “%s”."), clean_name);
      goto fail;
    }
  sqlite3_reset (stmt);

  stmt = lc_store_prepare (store,
                           "INSERT INTO operator (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lc_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, lc_store_now ());
  if (!lc_store_step_done (store, stmt, error))
    goto fail;

  self = g_object_new (LC_TYPE_OPERATOR, NULL);
  self->id = lc_store_last_insert_id (store);
  self->name = g_steal_pointer (&clean_name);
  self->role = role;
  json = operator_to_json_text (self->name, role, TRUE);
  if (!lc_audit_record (store, "operator", self->id, "create", NULL, json, NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "operator", self->id);
  return g_steal_pointer (&self);

fail:
  lc_store_rollback (store);
  return NULL;
}

gboolean
lc_operator_set_pin (LcStore     *store,
                     gint64       id,
                     const char  *pin,
                     GError     **error)
{
  g_autoptr(LcOperator) target = NULL;
  g_autofree char *hash = lc_operator_hash_pin (pin, error);
  sqlite3_stmt *stmt;

  if (hash == NULL)
    return FALSE;
  if (!lc_store_begin (store, error))
    return FALSE;
  target = lc_operator_load (store, id, error);
  if (target == NULL)
    goto fail;
  /* Everyone may change their own PIN; only an admin someone else's. */
  if (lc_store_get_actor_id (store) != id &&
      !lc_store_require_role (store, LC_ROLE_ADMIN, _("change another operator’s PIN"), error))
    goto fail;
  stmt = lc_store_prepare (store, "UPDATE operator SET pin_hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!lc_store_step_done (store, stmt, error) ||
      !lc_audit_record (store, "operator", id, "set-pin", NULL, NULL, NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "operator", id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

/* Role and active flag share the checks: admin only, and never leave the station without an
 * active admin. */
static gboolean
update_operator (LcStore     *store,
                 gint64       id,
                 LcRole       role,
                 gboolean     active,
                 const char  *action,
                 GError     **error)
{
  g_autoptr(LcOperator) before = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  sqlite3_stmt *stmt;

  if (role < LC_ROLE_OPERATOR || role > LC_ROLE_ADMIN)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID, _("Choose a role."));
      return FALSE;
    }
  if (!lc_store_begin (store, error))
    return FALSE;
  if (!lc_store_require_role (store, LC_ROLE_ADMIN, _("manage operators"), error))
    goto fail;
  before = lc_operator_load (store, id, error);
  if (before == NULL)
    goto fail;
  if (before->role == LC_ROLE_ADMIN && before->active && (role != LC_ROLE_ADMIN || !active))
    {
      gint64 n_admins = 0;

      if (!count_active_admins (store, &n_admins, error))
        goto fail;
      if (n_admins <= 1)
        {
          g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_INVALID,
                       _("%s is the only admin: make someone else an admin first."), before->name);
          goto fail;
        }
    }
  stmt = lc_store_prepare (store, "UPDATE operator SET role = ?, active = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, lc_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, active);
  sqlite3_bind_int64 (stmt, 3, id);
  old_json = operator_to_json_text (before->name, before->role, before->active);
  new_json = operator_to_json_text (before->name, role, active);
  if (!lc_store_step_done (store, stmt, error) ||
      (g_strcmp0 (old_json, new_json) != 0 &&
       !lc_audit_record (store, "operator", id, action, old_json, new_json, NULL, error)) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "operator", id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

gboolean
lc_operator_set_role (LcStore  *store,
                      gint64    id,
                      LcRole    role,
                      GError  **error)
{
  g_autoptr(LcOperator) current = lc_operator_load (store, id, error);

  if (current == NULL)
    return FALSE;
  return update_operator (store, id, role, current->active, "set-role", error);
}

gboolean
lc_operator_set_active (LcStore   *store,
                        gint64     id,
                        gboolean   active,
                        GError   **error)
{
  g_autoptr(LcOperator) current = lc_operator_load (store, id, error);

  if (current == NULL)
    return FALSE;
  return update_operator (store, id, current->role, active, active ? "enable" : "disable", error);
}

/* Wrong PINs: a 4-digit PIN has 10,000 values, so guessing at the lock screen must cost
 * time. After LC_OPERATOR_PIN_TRIES wrong PINs in a row the operator is locked for 30 s, and
 * each further wrong PIN doubles that, up to 15 min (a shift colleague who mistypes waits
 * half a minute; a guesser needs weeks). Kept in the operator's row, so restarting the app
 * resets nothing; a right PIN clears it. An unknown name has no row and no lockout, but it
 * also never logs anyone in. */
#define LOCKOUT_FIRST_US   (30 * G_USEC_PER_SEC)
#define LOCKOUT_MAX_US     (15 * 60 * G_USEC_PER_SEC)

static gint64
lockout_for (gint64 failed_pins)
{
  gint64 lockout = LOCKOUT_FIRST_US;

  for (gint64 i = LC_OPERATOR_PIN_TRIES; i < failed_pins && lockout < LOCKOUT_MAX_US; i++)
    lockout *= 2;
  return MIN (lockout, LOCKOUT_MAX_US);
}

static void
set_locked_out_error (GError **error,
                      gint64   remaining_us)
{
  guint seconds = (guint) ((remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  if (seconds < 120)
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_LOCKED_OUT,
                 _("Too many wrong PINs: try again in %u s"), seconds);
  else
    g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_LOCKED_OUT,
                 _("Too many wrong PINs: try again in %u min"), (seconds + 59) / 60);
}

/* Counts a wrong PIN for @self; when it starts a lockout, writes an audit entry and returns
 * the lockout's length (0 otherwise). */
static gint64
count_wrong_pin (LcStore    *store,
                 LcOperator *self,
                 gint64      failed_pins)
{
  g_autofree char *new_value = NULL;
  gint64 failed = failed_pins + 1;
  gint64 lockout = failed >= LC_OPERATOR_PIN_TRIES ? lockout_for (failed) : 0;
  sqlite3_stmt *stmt;

  if (!lc_store_begin (store, NULL))
    return 0;
  stmt = lc_store_prepare (store, "UPDATE operator SET failed_pins = ?1, locked_until = ?2 WHERE id = ?3", NULL);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, failed);
  if (lockout > 0)
    sqlite3_bind_int64 (stmt, 2, lc_store_now () + lockout);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, self->id);
  if (!lc_store_step_done (store, stmt, NULL))
    goto fail;
  new_value = g_strdup_printf ("{\"wrong_pins\":%" G_GINT64_FORMAT ",\"locked_seconds\":%" G_GINT64_FORMAT "}",
                               failed, lockout / G_USEC_PER_SEC);
  if (lockout > 0 && !lc_audit_record (store, "operator", self->id, "pin-lockout", NULL, new_value, NULL, NULL))
    goto fail;
  if (!lc_store_commit (store, NULL))
    return 0;
  return lockout;

fail:
  lc_store_rollback (store);
  return 0;
}

LcOperator *
lc_operator_log_in (LcStore     *store,
                    const char  *name,
                    const char  *pin,
                    GError     **error)
{
  g_autoptr(LcOperator) self = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean verified;
  gint64 failed_pins = 0, locked_until = 0, now;
  int rc;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  if (!ensure_sodium (error))
    return NULL;
  stmt = lc_store_prepare (store,
                           "SELECT id, name, role, active, pin_hash, failed_pins, locked_until FROM operator"
                           " WHERE name = ? COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name != NULL ? name : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self = operator_from_row (stmt);
      hash = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      failed_pins = sqlite3_column_int64 (stmt, 5);
      locked_until = sqlite3_column_int64 (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lc_store_set_error (store, rc, error);
      return NULL;
    }

  /* While locked out the PIN is not even checked: a right guess must not get through. */
  now = lc_store_now ();
  if (self != NULL && locked_until > now)
    {
      set_locked_out_error (error, locked_until - now);
      return NULL;
    }

  /* An unknown name, a missing hash and a wrong PIN read the same: the message must not
   * tell someone guessing which names exist. */
  verified = self != NULL && self->active && hash != NULL && pin != NULL &&
             crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
  if (!verified)
    {
      gint64 lockout = self != NULL ? count_wrong_pin (store, self, failed_pins) : 0;

      if (lockout > 0)
        set_locked_out_error (error, lockout);
      else
        g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION,
                     _("The name or the PIN is wrong."));
      return NULL;
    }
  if (failed_pins > 0 || locked_until > 0)
    {
      stmt = lc_store_prepare (store, "UPDATE operator SET failed_pins = 0, locked_until = NULL WHERE id = ?", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, self->id);
          lc_store_step_done (store, stmt, NULL);
        }
    }

  /* Older, cheaper parameters are upgraded while the PIN is at hand; failing that is no
   * reason to refuse the login. */
  if (crypto_pwhash_str_needs_rehash (hash, PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
    {
      g_autofree char *rehashed = lc_operator_hash_pin (pin, NULL);

      stmt = rehashed != NULL ? lc_store_prepare (store, "UPDATE operator SET pin_hash = ? WHERE id = ?", NULL)
                              : NULL;
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, rehashed, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, self->id);
          lc_store_step_done (store, stmt, NULL);
        }
    }

  lc_store_set_actor (store, self->id, self->name);
  lc_store_set_actor_role (store, self->role);
  return g_steal_pointer (&self);
}

void
lc_operator_log_out (LcStore *store)
{
  g_return_if_fail (LC_IS_STORE (store));
  lc_store_set_actor (store, 0, NULL);
}

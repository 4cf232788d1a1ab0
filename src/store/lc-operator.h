#pragma once

#include <glib-object.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* The people who work at the station: a name, a role and a PIN. The PIN is kept only as an
 * Argon2id hash (libsodium crypto_pwhash_str); see lc-operator.c for the cost chosen. */

#define LC_OPERATOR_PIN_MIN 4
#define LC_OPERATOR_PIN_MAX 12
/* Wrong PINs in a row before an operator is locked out (30 s, doubling; lc-operator.c). */
#define LC_OPERATOR_PIN_TRIES 5

#define LC_TYPE_OPERATOR (lc_operator_get_type ())
G_DECLARE_FINAL_TYPE (LcOperator, lc_operator, LC, OPERATOR, GObject)

gint64      lc_operator_get_id        (LcOperator   *self);
const char *lc_operator_get_name      (LcOperator   *self);
LcRole      lc_operator_get_role      (LcOperator   *self);
gboolean    lc_operator_get_active    (LcOperator   *self);

/* A PIN is 4 to 12 digits: typed with gloves on a touch keypad. */
gboolean    lc_operator_check_pin     (const char   *pin,
                                       GError      **error);
char       *lc_operator_hash_pin      (const char   *pin,
                                       GError      **error);

/* Operators by name; disabled ones only with @include_disabled. */
GPtrArray  *lc_operator_list          (LcStore      *store,
                                       gboolean      include_disabled,
                                       GError      **error);
LcOperator *lc_operator_load          (LcStore      *store,
                                       gint64        id,
                                       GError      **error);
/* TRUE when the station has no operator yet: the first-run flow creates the first admin. */
gboolean    lc_operator_needs_first_admin (LcStore  *store,
                                       gboolean     *needs,
                                       GError      **error);

/* Admin only (the first operator of a new station is created by anyone and must be an
 * admin). Every change is written to the audit trail, never the PIN or its hash. */
LcOperator *lc_operator_create        (LcStore      *store,
                                       const char   *name,
                                       LcRole        role,
                                       const char   *pin,
                                       GError      **error);
/* An admin, or the operator for their own PIN. */
gboolean    lc_operator_set_pin       (LcStore      *store,
                                       gint64        id,
                                       const char   *pin,
                                       GError      **error);
gboolean    lc_operator_set_role      (LcStore      *store,
                                       gint64        id,
                                       LcRole        role,
                                       GError      **error);
/* Disabled operators cannot log in; their records keep their name. The last active admin
 * cannot be disabled or demoted: nobody could manage operators any more. */
gboolean    lc_operator_set_active    (LcStore      *store,
                                       gint64        id,
                                       gboolean      active,
                                       GError      **error);

/* Checks the PIN and makes the operator the store's actor (audit entries, inspections,
 * permissions). A wrong name or PIN gives LC_STORE_ERROR_PERMISSION; the wrong PIN that
 * reaches LC_OPERATOR_PIN_TRIES, and any attempt while locked, LC_STORE_ERROR_LOCKED_OUT
 * ("Too many wrong PINs: try again in 30 s"). */
LcOperator *lc_operator_log_in        (LcStore      *store,
                                       const char   *name,
                                       const char   *pin,
                                       GError      **error);
void        lc_operator_log_out       (LcStore      *store);

G_END_DECLS

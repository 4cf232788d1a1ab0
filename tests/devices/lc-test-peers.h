#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The real peers the gauge tests talk to: lc-test-modbus-server on loopback TCP or on a
 * serial line, and socat pty pairs. Every peer dies with the test process (PR_SET_PDEATHSIG),
 * so a failed assertion leaves nothing running; tests still stop them on success. */

typedef struct
{
  GSubprocess *process;
  guint        port;       /* TCP */
  char        *log_path;   /* "served N" and "write …" lines */
} LcTestServer;

LcTestServer *lc_test_server_start_tcp (guint               port,
                                        const char *const  *extra_args);
LcTestServer *lc_test_server_start_rtu (const char         *path,
                                        const char *const  *extra_args);
void          lc_test_server_kill      (LcTestServer       *self);
void          lc_test_server_free      (LcTestServer       *self);
char         *lc_test_server_url       (LcTestServer       *self);
/* The counter values the server served, in order. */
GArray       *lc_test_server_served    (LcTestServer       *self);
char         *lc_test_server_read_log  (LcTestServer       *self);

typedef struct
{
  GSubprocess *socat;
  char        *dir;
  char        *a;          /* one end (the gauge's side) */
  char        *b;          /* the other (Linecheck's side) */
} LcTestPtyPair;

LcTestPtyPair *lc_test_pty_pair_new  (void);
void           lc_test_pty_pair_free (LcTestPtyPair *self);

/* Runs linecheck-cli with ARGS (NULL-terminated, without the program); returns stdout. */
char          *lc_test_run_cli       (const char *const  *args,
                                      char              **stderr_text,
                                      int                *exit_status);

/* Whether a program is on PATH; tests that need it skip otherwise. */
gboolean       lc_test_have_program  (const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcTestServer, lc_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcTestPtyPair, lc_test_pty_pair_free)

G_END_DECLS

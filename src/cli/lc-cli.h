#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lc-export.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* What every command of linecheck-cli shares: the global options and the store, opened on
 * first use so that commands which need no database (spc, train, gauge read) never make one. */
typedef struct
{
  char    *db_path;   /* --db, or NULL for the default location */
  char    *operator_name;  /* --operator: who is working; the PIN comes from LINECHECK_PIN or a prompt */
  LcStore *store;
} LcCli;

typedef int (*LcCliCommandFunc) (LcCli  *cli,
                                 int     argc,
                                 char  **argv);

LcStore *lc_cli_get_store  (LcCli       *cli,
                            GError     **error);
int      lc_cli_fail       (GError      *error);
/* Reads a PIN: the variable @env_name when set (scripts, tests), else a line typed without echo. */
char    *lc_cli_read_pin   (const char  *env_name,
                            const char  *prompt);
int      lc_cli_usage_error (const char *command,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);
void     lc_cli_print_json (JsonNode    *node);
gboolean lc_cli_write_json (JsonNode    *node,
                            const char  *path,
                            GError     **error);

/* The commands; each lives in its own lc-cli-COMMAND.c. */
int lc_cli_part (LcCli *cli, int argc, char **argv);
int lc_cli_gauge (LcCli *cli, int argc, char **argv);
int lc_cli_camera (LcCli *cli, int argc, char **argv);
int lc_cli_train (LcCli *cli, int argc, char **argv);
int lc_cli_eval (LcCli *cli, int argc, char **argv);
int lc_cli_predict (LcCli *cli, int argc, char **argv);
int lc_cli_inspection (LcCli *cli, int argc, char **argv);
int lc_cli_spc (LcCli *cli, int argc, char **argv);
int lc_cli_operator (LcCli *cli, int argc, char **argv);
int lc_cli_audit (LcCli *cli, int argc, char **argv);
int lc_cli_backup (LcCli *cli, int argc, char **argv);
int lc_cli_restore (LcCli *cli, int argc, char **argv);
int lc_cli_export (LcCli *cli, int argc, char **argv);
int lc_cli_report (LcCli *cli, int argc, char **argv);

/* --from, --to, --lot, --operator and --station of export and report, read into a range
 * of records (the strings are borrowed). */
gboolean lc_cli_parse_range (const char     *from_text,
                             const char     *to_text,
                             const char     *lot,
                             const char     *operator_name,
                             const char     *station,
                             LcExportRange  *range,
                             GError        **error);
int lc_cli_label (LcCli *cli, int argc, char **argv);

G_END_DECLS

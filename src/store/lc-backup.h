#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* A backup is the database copied with SQLite's online backup (a consistent snapshot, taken
 * while the app keeps recording: WAL lets the copy read beside the writer) into FILE, and the
 * image and model files copied into the folder FILE.files beside it. */

char     *lc_backup_files_dir (const char  *backup_path);

gboolean  lc_backup_write     (LcStore     *store,
                               const char  *backup_path,
                               guint       *n_files,
                               GError     **error);

/* Checks the backup (a Linecheck database, not damaged, not from a newer Linecheck), keeps
 * the current database as PATH.before-restore-TIME.bak, then copies the backup over the
 * store's database in one step and puts back the files it holds that are missing. Files are
 * never deleted: images are named by their content, so one that exists is the same image. */
gboolean  lc_backup_restore   (LcStore     *store,
                               const char  *backup_path,
                               char       **safety_copy,
                               GError     **error);

G_END_DECLS

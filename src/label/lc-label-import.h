#pragma once

#include <gio/gio.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* Import of a folder of pictures sorted the way other tools and public data sets keep them:
 *   DIR/good/…          good parts (the folder's name is configurable: "Free", "ok", …)
 *   DIR/<class>/…       parts with that defect (matched to the part type's defect classes,
 *                       ignoring case, "_" and "-")
 *   DIR/<class>/X.mask.png  the defect's pixels in X.jpg (white = defect)
 *   DIR/…               loose pictures: imported unlabelled
 * Pictures are copied into the store's images folder under the SHA-256 of their bytes, so a
 * picture imported twice is stored once and listed once. A defect picture without a mask
 * gets a box over the whole picture (the class names the picture, as in NEU). */

#define LC_LABEL_IMPORT_DEFAULT_GOOD "good"

typedef enum
{
  LC_LABEL_IMPORT_NONE        = 0,
  /* Folders that name no defect class of the part type become new classes (otherwise the
   * import stops before anything is copied). */
  LC_LABEL_IMPORT_ADD_CLASSES = 1 << 0,
} LcLabelImportFlags;

typedef struct
{
  guint      n_imported;     /* new pictures */
  guint      n_good;
  guint      n_defect;
  guint      n_unlabelled;
  guint      n_masks;        /* defect pictures that came with a mask */
  guint      n_duplicates;   /* already in the store: left as they were */
  guint      n_ignored;      /* files that are not pictures (README, …) */
  GPtrArray *damaged;        /* "Crack/x.jpg: why", pictures that could not be read */
  GPtrArray *added_classes;  /* names of defect classes the import created */
  gboolean   cancelled;      /* stopped early; what was imported stays */
} LcLabelImportResult;

void                 lc_label_import_result_free     (LcLabelImportResult *result);
/* A paragraph for the operator: "Imported 120 pictures: 80 good, 40 with defects…". */
char                *lc_label_import_result_describe (LcLabelImportResult *result);

/* Called with the pictures done so far and the total. */
typedef void (*LcLabelImportProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* Blocks: the CLI and worker threads. @progress is called on the calling thread. */
LcLabelImportResult *lc_label_import                 (LcStore               *store,
                                                      gint64                 part_type_id,
                                                      const char            *dir,
                                                      const char            *good_name,
                                                      LcLabelImportFlags     flags,
                                                      LcLabelImportProgress  progress,
                                                      gpointer               progress_data,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
/* The same on a worker thread with its own connection to @store's file; @progress is
 * called on the caller's main context. The store emits "changed::image" when done. */
void                 lc_label_import_async           (LcStore               *store,
                                                      gint64                 part_type_id,
                                                      const char            *dir,
                                                      const char            *good_name,
                                                      LcLabelImportFlags     flags,
                                                      LcLabelImportProgress  progress,
                                                      gpointer               progress_data,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
LcLabelImportResult *lc_label_import_finish          (LcStore               *store,
                                                      GAsyncResult          *result,
                                                      GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcLabelImportResult, lc_label_import_result_free)

G_END_DECLS

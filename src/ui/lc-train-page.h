#pragma once

#include "lc-label-canvas.h"
#include "lc-label-import.h"
#include "lc-label-session.h"
#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_TRAIN_PAGE (lc_train_page_get_type ())
G_DECLARE_FINAL_TYPE (LcTrainPage, lc_train_page, LC, TRAIN_PAGE, LcPage)

/* The Label & Train page: the active part type's pictures with filters, the canvas and its
 * tools, the defect classes, import of class folders, and training of the part's model. */
GtkWidget      *lc_train_page_new              (void);

LcLabelCanvas  *lc_train_page_get_canvas       (LcTrainPage       *self);
LcLabelSession *lc_train_page_get_session      (LcTrainPage       *self);
/* The picture on the canvas, or NULL. */
LcLabelImage   *lc_train_page_get_current      (LcTrainPage       *self);
/* What the Import dialog starts: the folder is imported on a worker. */
void            lc_train_page_import_folder    (LcTrainPage       *self,
                                                const char        *dir,
                                                const char        *good_name,
                                                LcLabelImportFlags flags);
gboolean        lc_train_page_is_busy          (LcTrainPage       *self);
/* Runs the page's keyboard shortcut for @keyval + @modifiers as a key press would; FALSE
 * when the page has none. */
gboolean        lc_train_page_activate_key     (LcTrainPage       *self,
                                                guint              keyval,
                                                GdkModifierType    modifiers);

G_END_DECLS

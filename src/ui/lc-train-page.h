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
/* What the Train button does: trains the part type's models on a worker; the result is a
 * new model version, shown with its validation, that Activate makes the active one. */
void            lc_train_page_train            (LcTrainPage       *self);
gboolean        lc_train_page_is_training      (LcTrainPage       *self);
/* The version the last training recorded (a model row id), or 0. */
gint64          lc_train_page_get_trained_model_id (LcTrainPage   *self);
GtkAdjustment  *lc_train_page_get_threshold_adjustment (LcTrainPage *self);
/* The validation in plain words, as shown. */
const char     *lc_train_page_get_validation_text (LcTrainPage    *self);
/* Runs the page's keyboard shortcut for @keyval + @modifiers as a key press would; FALSE
 * when the page has none. */
gboolean        lc_train_page_activate_key     (LcTrainPage       *self,
                                                guint              keyval,
                                                GdkModifierType    modifiers);

G_END_DECLS

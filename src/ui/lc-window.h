#pragma once

#include <adwaita.h>

#include "lc-application.h"
#include "lc-part-type.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW (lc_window_get_type ())
G_DECLARE_FINAL_TYPE (LcWindow, lc_window, LC, WINDOW, AdwApplicationWindow)

LcWindow   *lc_window_new              (LcApplication *application,
                                        LcStore       *store);
LcStore    *lc_window_get_store        (LcWindow      *self);
LcPartType *lc_window_get_part_type    (LcWindow      *self);
/* Changeover. Returns FALSE when a page refuses (an inspection is half done). */
gboolean    lc_window_set_part_type    (LcWindow      *self,
                                        LcPartType    *part_type);
gboolean    lc_window_select_part_code (LcWindow      *self,
                                        const char    *code);
void        lc_window_set_page         (LcWindow      *self,
                                        const char    *name);
const char *lc_window_get_page         (LcWindow      *self);
GtkWidget  *lc_window_get_page_widget  (LcWindow      *self,
                                        const char    *name);
void        lc_window_show_toast       (LcWindow      *self,
                                        const char    *message);

/* Logs the operator out and shows the lock screen (shift handover, idle lock). */
void        lc_window_lock             (LcWindow      *self);
gboolean    lc_window_is_locked        (LcWindow      *self);

G_END_DECLS

#pragma once

#include <adwaita.h>

#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_PART_EDITOR (lc_part_editor_get_type ())
G_DECLARE_FINAL_TYPE (LcPartEditor, lc_part_editor, LC, PART_EDITOR, AdwBin)

GtkWidget  *lc_part_editor_new         (void);
void        lc_part_editor_set_store   (LcPartEditor *self,
                                        LcStore      *store);
/* Edits a copy of @part_type (NULL: nothing to edit). */
void        lc_part_editor_edit        (LcPartEditor *self,
                                        LcPartType   *part_type);
void        lc_part_editor_edit_new    (LcPartEditor *self);
LcPartType *lc_part_editor_get_editing (LcPartEditor *self);
gboolean    lc_part_editor_is_dirty    (LcPartEditor *self);
/* The sentence explaining what is wrong, or NULL when the part type can be saved. */
const char *lc_part_editor_get_problem (LcPartEditor *self);
gboolean    lc_part_editor_save        (LcPartEditor *self,
                                        GError      **error);

G_END_DECLS

#pragma once

#include <gio/gio.h>

#include "lc-annotation.h"
#include "lc-label-image.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_LABEL_SESSION (lc_label_session_get_type ())
G_DECLARE_FINAL_TYPE (LcLabelSession, lc_label_session, LC, LABEL_SESSION, GObject)

/* An operator's labelling: every change is written to the store at once (nothing to save,
 * nothing lost when the station is switched off) and kept on a list of commands that undo
 * and redo walk, each in one transaction. Emits "changed" (image id) after every change,
 * undo and redo, and the store's "changed::image" / "changed::annotation". */
LcLabelSession *lc_label_session_new              (LcStore        *store);
LcStore        *lc_label_session_get_store        (LcLabelSession *self);

/* Draws @annotation (a copy is kept) on the picture: the picture becomes defective. */
gboolean        lc_label_session_add_annotation   (LcLabelSession *self,
                                                   gint64          image_id,
                                                   LcAnnotation   *annotation,
                                                   GError        **error);
/* Takes a region off; a picture with no region left is unlabelled again. */
gboolean        lc_label_session_remove_annotation (LcLabelSession *self,
                                                    gint64          annotation_id,
                                                    GError        **error);
/* One step: @old_id's region gives way to @annotation (a repainted mask); @annotation NULL
 * removes, @old_id 0 adds. */
gboolean        lc_label_session_replace_annotation (LcLabelSession *self,
                                                     gint64          image_id,
                                                     gint64          old_id,
                                                     LcAnnotation   *annotation,
                                                     GError        **error);
/* A good part: the operator's regions go, the picture is labelled good. */
gboolean        lc_label_session_mark_good        (LcLabelSession *self,
                                                   gint64          image_id,
                                                   GError        **error);
/* Forgets the operator's labels of the picture: regions and verdict. */
gboolean        lc_label_session_clear            (LcLabelSession *self,
                                                   gint64          image_id,
                                                   GError        **error);

gboolean        lc_label_session_can_undo         (LcLabelSession *self);
gboolean        lc_label_session_can_redo         (LcLabelSession *self);
/* What undo / redo would do, in words ("Undo box"), or NULL. */
const char     *lc_label_session_get_undo_label   (LcLabelSession *self);
gboolean        lc_label_session_undo             (LcLabelSession *self,
                                                   GError        **error);
gboolean        lc_label_session_redo             (LcLabelSession *self,
                                                   GError        **error);
/* Forgets the commands (another part type, another operator). */
void            lc_label_session_reset            (LcLabelSession *self);

G_END_DECLS

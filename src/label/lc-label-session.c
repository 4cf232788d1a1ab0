#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-label-session.h"

/* The undo list keeps this many commands; older ones are simply forgotten (their changes
 * stay in the database). */
#define MAX_COMMANDS 200

typedef enum
{
  OP_INSERT,      /* annotation appears */
  OP_DELETE,      /* annotation goes */
  OP_SET_LABEL,   /* image label (and who labelled it, when) */
} OpKind;

typedef struct
{
  LcImageLabel label;
  gint64       labelled_at;   /* 0: never labelled (NULL) */
  gint64       labelled_by;
} LabelState;

typedef struct
{
  OpKind        kind;
  gint64        image_id;
  LcAnnotation *annotation;
  LabelState    before;
  LabelState    after;
} Op;

typedef struct
{
  char      *description;
  gint64     image_id;
  GArray    *ops;   /* Op */
} Command;

struct _LcLabelSession
{
  GObject    parent_instance;

  LcStore   *store;
  GPtrArray *undo;   /* Command, newest last */
  GPtrArray *redo;   /* Command, next to redo last */
};

G_DEFINE_FINAL_TYPE (LcLabelSession, lc_label_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->annotation);
}

static Command *
command_new (const char *description,
             gint64      image_id)
{
  Command *command = g_new0 (Command, 1);

  command->description = g_strdup (description);
  command->image_id = image_id;
  command->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (command->ops, op_clear);
  return command;
}

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->description);
  g_array_unref (command->ops);
  g_free (command);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

static void
lc_label_session_finalize (GObject *object)
{
  LcLabelSession *self = LC_LABEL_SESSION (object);

  g_clear_object (&self->store);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);

  G_OBJECT_CLASS (lc_label_session_parent_class)->finalize (object);
}

static void
lc_label_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LcLabelSession *self = LC_LABEL_SESSION (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lc_label_session_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, lc_label_session_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_label_session_class_init (LcLabelSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_label_session_finalize;
  object_class->get_property = lc_label_session_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcLabelSession::changed:
   * @image_id: the picture whose labels changed
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
lc_label_session_init (LcLabelSession *self)
{
  self->undo = g_ptr_array_new_with_free_func (command_free);
  self->redo = g_ptr_array_new_with_free_func (command_free);
}

LcLabelSession *
lc_label_session_new (LcStore *store)
{
  LcLabelSession *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_LABEL_SESSION, NULL);
  self->store = g_object_ref (store);
  return self;
}

LcStore *
lc_label_session_get_store (LcLabelSession *self)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), NULL);
  return self->store;
}

static gboolean
read_label_state (LcLabelSession  *self,
                  gint64           image_id,
                  LabelState      *state,
                  int             *width,
                  int             *height,
                  GError         **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (self->store,
                                         "SELECT label, labelled_at, labelled_by, width, height"
                                         " FROM image WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, image_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (!lc_image_label_from_string ((const char *) sqlite3_column_text (stmt, 0), &state->label))
        state->label = LC_IMAGE_LABEL_UNLABELLED;
      state->labelled_at = sqlite3_column_int64 (stmt, 1);
      state->labelled_by = sqlite3_column_int64 (stmt, 2);
      if (width != NULL)
        *width = sqlite3_column_int (stmt, 3);
      if (height != NULL)
        *height = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_NOT_FOUND,
                   _("The picture is no longer in the database."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return lc_store_set_error (self->store, rc, error);
  return TRUE;
}

static gboolean
write_label_state (LcLabelSession    *self,
                   gint64             image_id,
                   const LabelState  *state,
                   GError           **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (self->store,
                                         "UPDATE image SET label = ?, labelled_at = ?, labelled_by = ?"
                                         " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lc_image_label_to_string (state->label), -1, SQLITE_STATIC);
  lc_store_bind_id_or_null (stmt, 2, state->labelled_at);
  lc_store_bind_id_or_null (stmt, 3, state->labelled_by);
  sqlite3_bind_int64 (stmt, 4, image_id);
  return lc_store_step_done (self->store, stmt, error);
}

static gboolean
apply_op (LcLabelSession  *self,
          Op              *op,
          gboolean         forward,
          GError         **error)
{
  gboolean insert;

  if (op->kind == OP_SET_LABEL)
    return write_label_state (self, op->image_id, forward ? &op->after : &op->before, error);

  insert = (op->kind == OP_INSERT) == forward;
  if (insert)
    return lc_annotation_insert (op->annotation, self->store, op->image_id, error);
  return lc_annotation_delete (op->annotation, self->store, error);
}

static void
notify_change (LcLabelSession *self,
               gint64          image_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  lc_store_notify_changed (self->store, "annotation", image_id);
  lc_store_notify_changed (self->store, "image", image_id);
  g_signal_emit (self, signals[CHANGED], 0, image_id);
}

/* Runs the command's ops (all forward, or all backward in reverse order) in one
 * transaction: either the whole step lands or nothing does. */
static gboolean
run_command (LcLabelSession  *self,
             Command         *command,
             gboolean         forward,
             GError         **error)
{
  if (!lc_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < command->ops->len; i++)
    {
      guint index = forward ? i : command->ops->len - 1 - i;

      if (!apply_op (self, &g_array_index (command->ops, Op, index), forward, error))
        {
          lc_store_rollback (self->store);
          return FALSE;
        }
    }
  return lc_store_commit (self->store, error);
}

static gboolean
do_command (LcLabelSession  *self,
            Command         *command,
            GError         **error)
{
  if (!run_command (self, command, TRUE, error))
    return FALSE;
  g_ptr_array_add (self->undo, command);
  if (self->undo->len > MAX_COMMANDS)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_change (self, command->image_id);
  return TRUE;
}

static void
add_annotation_op (Command      *command,
                   OpKind        kind,
                   gint64        image_id,
                   LcAnnotation *annotation)
{
  Op op = { kind, image_id, g_object_ref (annotation) };

  g_array_append_val (command->ops, op);
}

static void
add_label_op (Command          *command,
              gint64            image_id,
              const LabelState *before,
              const LabelState *after)
{
  Op op = { OP_SET_LABEL, image_id, NULL, *before, *after };

  g_array_append_val (command->ops, op);
}

static LabelState
labelled_now (LcLabelSession *self,
              LcImageLabel    label)
{
  LabelState state = { label, lc_store_now (), lc_store_get_actor_id (self->store) };

  if (label == LC_IMAGE_LABEL_UNLABELLED)
    state.labelled_at = state.labelled_by = 0;
  return state;
}

/* The operator's regions of a picture, as they are in the store. */
static GPtrArray *
operator_annotations (LcLabelSession  *self,
                      gint64           image_id,
                      GError         **error)
{
  g_autoptr(GListStore) all = lc_annotation_list_for_image (self->store, image_id, error);
  GPtrArray *mine;

  if (all == NULL)
    return NULL;
  mine = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(LcAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (all), i);
      if (lc_annotation_is_operator (annotation))
        g_ptr_array_add (mine, g_steal_pointer (&annotation));
    }
  return mine;
}

gboolean
lc_label_session_replace_annotation (LcLabelSession  *self,
                                     gint64           image_id,
                                     gint64           old_id,
                                     LcAnnotation    *annotation,
                                     GError         **error)
{
  g_autoptr(Command) command = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  LcAnnotation *old = NULL;
  LabelState before, after;
  int width = 0, height = 0;
  guint remaining;

  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  g_return_val_if_fail (annotation == NULL || LC_IS_ANNOTATION (annotation), FALSE);

  if (!read_label_state (self, image_id, &before, &width, &height, error))
    return FALSE;
  if (annotation != NULL && !lc_annotation_validate (annotation, width, height, error))
    return FALSE;
  mine = operator_annotations (self, image_id, error);
  if (mine == NULL)
    return FALSE;
  for (guint i = 0; i < mine->len && old_id != 0; i++)
    if (lc_annotation_get_id (g_ptr_array_index (mine, i)) == old_id)
      old = g_ptr_array_index (mine, i);
  if (old_id != 0 && old == NULL)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_NOT_FOUND,
                   _("The region is no longer on the picture."));
      return FALSE;
    }

  command = command_new (annotation == NULL ? C_("undo step", "remove region")
                         : old != NULL ? C_("undo step", "change region")
                         : lc_annotation_get_shape (annotation) == LC_ANNOTATION_SHAPE_BOX ? C_("undo step", "box")
                         : lc_annotation_get_shape (annotation) == LC_ANNOTATION_SHAPE_POLYGON ? C_("undo step", "outline")
                         : C_("undo step", "brush"), image_id);
  if (old != NULL)
    add_annotation_op (command, OP_DELETE, image_id, old);
  if (annotation != NULL)
    {
      g_autoptr(LcAnnotation) copy = lc_annotation_copy (annotation);
      add_annotation_op (command, OP_INSERT, image_id, copy);
    }
  remaining = mine->len - (old != NULL ? 1 : 0) + (annotation != NULL ? 1 : 0);
  after = labelled_now (self, remaining > 0 ? LC_IMAGE_LABEL_DEFECT : LC_IMAGE_LABEL_UNLABELLED);
  add_label_op (command, image_id, &before, &after);
  if (!do_command (self, command, error))
    return FALSE;
  g_steal_pointer (&command);
  return TRUE;
}

gboolean
lc_label_session_add_annotation (LcLabelSession  *self,
                                 gint64           image_id,
                                 LcAnnotation    *annotation,
                                 GError         **error)
{
  g_return_val_if_fail (annotation != NULL, FALSE);
  return lc_label_session_replace_annotation (self, image_id, 0, annotation, error);
}

gboolean
lc_label_session_remove_annotation (LcLabelSession  *self,
                                    gint64           annotation_id,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 image_id = 0;

  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);

  stmt = lc_store_prepare (self->store, "SELECT image_id FROM annotation WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    image_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (image_id == 0)
    {
      g_set_error (error, LC_LABEL_ERROR, LC_LABEL_ERROR_NOT_FOUND,
                   _("The region is no longer on the picture."));
      return FALSE;
    }
  return lc_label_session_replace_annotation (self, image_id, annotation_id, NULL, error);
}

static gboolean
relabel_whole (LcLabelSession  *self,
               gint64           image_id,
               LcImageLabel     label,
               const char      *description,
               GError         **error)
{
  g_autoptr(Command) command = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  LabelState before, after;

  if (!read_label_state (self, image_id, &before, NULL, NULL, error))
    return FALSE;
  mine = operator_annotations (self, image_id, error);
  if (mine == NULL)
    return FALSE;
  if (before.label == label && mine->len == 0)
    return TRUE;   /* nothing would change: no empty step on the undo list */

  command = command_new (description, image_id);
  for (guint i = 0; i < mine->len; i++)
    add_annotation_op (command, OP_DELETE, image_id, g_ptr_array_index (mine, i));
  after = labelled_now (self, label);
  add_label_op (command, image_id, &before, &after);
  if (!do_command (self, command, error))
    return FALSE;
  g_steal_pointer (&command);
  return TRUE;
}

gboolean
lc_label_session_mark_good (LcLabelSession  *self,
                            gint64           image_id,
                            GError         **error)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return relabel_whole (self, image_id, LC_IMAGE_LABEL_GOOD, C_("undo step", "good"), error);
}

gboolean
lc_label_session_clear (LcLabelSession  *self,
                        gint64           image_id,
                        GError         **error)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return relabel_whole (self, image_id, LC_IMAGE_LABEL_UNLABELLED, C_("undo step", "clear labels"), error);
}

gboolean
lc_label_session_can_undo (LcLabelSession *self)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return self->undo->len > 0;
}

gboolean
lc_label_session_can_redo (LcLabelSession *self)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return self->redo->len > 0;
}

const char *
lc_label_session_get_undo_label (LcLabelSession *self)
{
  Command *command;

  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  command = g_ptr_array_index (self->undo, self->undo->len - 1);
  return command->description;
}

static gboolean
step (LcLabelSession  *self,
      GPtrArray       *from,
      GPtrArray       *to,
      gboolean         forward,
      GError         **error)
{
  Command *command;
  gint64 image_id;

  if (from->len == 0)
    return TRUE;
  command = g_ptr_array_index (from, from->len - 1);
  if (!run_command (self, command, forward, error))
    return FALSE;
  image_id = command->image_id;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_change (self, image_id);
  return TRUE;
}

gboolean
lc_label_session_undo (LcLabelSession  *self,
                       GError         **error)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return step (self, self->undo, self->redo, FALSE, error);
}

gboolean
lc_label_session_redo (LcLabelSession  *self,
                       GError         **error)
{
  g_return_val_if_fail (LC_IS_LABEL_SESSION (self), FALSE);
  return step (self, self->redo, self->undo, TRUE, error);
}

void
lc_label_session_reset (LcLabelSession *self)
{
  g_return_if_fail (LC_IS_LABEL_SESSION (self));
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

#pragma once

#include "lc-store.h"
#include "lc-vision-model.h"

G_BEGIN_DECLS

/* A model version as the store keeps it (the model table). */
typedef struct
{
  gint64             id;
  gint64             part_type_id;
  guint              version;       /* 1, 2, … per part type */
  LcVisionModelKind  kind;
  char              *file;          /* the model file, absolute */
  gint64             created_at;    /* µs UTC */
  gboolean           active;
} LcVisionModelRecord;

void lc_vision_model_record_free (LcVisionModelRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVisionModelRecord, lc_vision_model_record_free)

/* Saves MODEL under the store's models folder as the next version for PART_TYPE_ID and adds
 * its row (kind, parameters, training set and metrics JSON from the model, created by the
 * store's actor, with a "train-model" audit entry). The new version is not active: the previous one stays in use until
 * lc_vision_model_store_activate (). */
LcVisionModelRecord *lc_vision_model_store_register  (LcStore        *store,
                                                      gint64          part_type_id,
                                                      LcVisionModel  *model,
                                                      GError        **error);
/* Makes MODEL_ID the active model of its kind for its part type (the other versions of that
 * kind become inactive; the part type's active_model_id points at it), with an
 * "activate-model" audit entry on the part type (old and new model ids, the kind). */
gboolean             lc_vision_model_store_activate  (LcStore        *store,
                                                      gint64          model_id,
                                                      GError        **error);
/* One version by its id; LC_STORE_ERROR_NOT_FOUND when there is no such row. */
LcVisionModelRecord *lc_vision_model_store_get       (LcStore        *store,
                                                      gint64          model_id,
                                                      GError        **error);
/* The active model of KIND for PART_TYPE_ID, or NULL without error when there is none. */
LcVisionModelRecord *lc_vision_model_store_get_active (LcStore           *store,
                                                       gint64             part_type_id,
                                                       LcVisionModelKind  kind,
                                                       GError           **error);
/* Every version for PART_TYPE_ID, newest first (LcVisionModelRecord *). */
GPtrArray           *lc_vision_model_store_list      (LcStore        *store,
                                                      gint64          part_type_id,
                                                      GError        **error);

G_END_DECLS

#pragma once

#include <gio/gio.h>

#include "lc-characteristic.h"
#include "lc-defect-class.h"
#include "lc-part-error.h"
#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_PART_TYPE (lc_part_type_get_type ())
G_DECLARE_FINAL_TYPE (LcPartType, lc_part_type, LC, PART_TYPE, GObject)

/* A part type and what inspects it: its characteristics (in order) and defect classes.
 * Editors work on a copy (lc_part_type_copy) and save it whole. */
LcPartType       *lc_part_type_new                     (const char  *code,
                                                        const char  *name);
LcPartType       *lc_part_type_copy                    (LcPartType  *self);
LcPartType       *lc_part_type_duplicate               (LcPartType  *self,
                                                        const char  *code,
                                                        const char  *name);

gint64            lc_part_type_get_id                  (LcPartType  *self);
void              lc_part_type_set_id                  (LcPartType  *self,
                                                        gint64       id);
const char       *lc_part_type_get_code                (LcPartType  *self);
void              lc_part_type_set_code                (LcPartType  *self,
                                                        const char  *code);
const char       *lc_part_type_get_name                (LcPartType  *self);
void              lc_part_type_set_name                (LcPartType  *self,
                                                        const char  *name);
const char       *lc_part_type_get_revision            (LcPartType  *self);
void              lc_part_type_set_revision            (LcPartType  *self,
                                                        const char  *revision);
const char       *lc_part_type_get_description         (LcPartType  *self);
void              lc_part_type_set_description         (LcPartType  *self,
                                                        const char  *description);
/* A file name in the store's images folder, or NULL. */
const char       *lc_part_type_get_reference_image     (LcPartType  *self);
void              lc_part_type_set_reference_image     (LcPartType  *self,
                                                        const char  *file);
gboolean          lc_part_type_get_archived            (LcPartType  *self);
void              lc_part_type_set_archived            (LcPartType  *self,
                                                        gboolean     archived);
gint64            lc_part_type_get_active_model_id     (LcPartType  *self);
void              lc_part_type_set_active_model_id     (LcPartType  *self,
                                                        gint64       model_id);
gint64            lc_part_type_get_camera_id           (LcPartType  *self);
void              lc_part_type_set_camera_id           (LcPartType  *self,
                                                        gint64       camera_id);
/* JSON objects, owned by the camera and gauge engineers' code. */
const char       *lc_part_type_get_camera_settings     (LcPartType  *self);
void              lc_part_type_set_camera_settings     (LcPartType  *self,
                                                        const char  *json);
const char       *lc_part_type_get_outputs             (LcPartType  *self);
void              lc_part_type_set_outputs             (LcPartType  *self,
                                                        const char  *json);
gint64            lc_part_type_get_updated_at          (LcPartType  *self);

/* GListModel of LcCharacteristic / LcDefectClass; archived ones included, flagged. */
GListModel       *lc_part_type_get_characteristics     (LcPartType  *self);
GListModel       *lc_part_type_get_defect_classes      (LcPartType  *self);
void              lc_part_type_add_characteristic      (LcPartType  *self,
                                                        LcCharacteristic *characteristic);
void              lc_part_type_remove_characteristic   (LcPartType  *self,
                                                        LcCharacteristic *characteristic);
void              lc_part_type_add_defect_class        (LcPartType  *self,
                                                        LcDefectClass *defect_class);
void              lc_part_type_remove_defect_class     (LcPartType  *self,
                                                        LcDefectClass *defect_class);
LcCharacteristic *lc_part_type_find_characteristic     (LcPartType  *self,
                                                        const char  *name);
LcCharacteristic *lc_part_type_find_characteristic_by_id (LcPartType *self,
                                                          gint64      id);
LcDefectClass    *lc_part_type_find_defect_class       (LcPartType  *self,
                                                        const char  *name);
LcDefectClass    *lc_part_type_find_defect_class_by_id (LcPartType  *self,
                                                        gint64       id);

gboolean          lc_part_type_validate                (LcPartType  *self,
                                                        GError     **error);

/* In the store (lc-part-type-store.c). */
GListStore       *lc_part_type_list                    (LcStore     *store,
                                                        gboolean     include_archived,
                                                        GError     **error);
LcPartType       *lc_part_type_load                    (LcStore     *store,
                                                        gint64       id,
                                                        GError     **error);
LcPartType       *lc_part_type_load_by_code            (LcStore     *store,
                                                        const char  *code,
                                                        GError     **error);
gboolean          lc_part_type_save                    (LcPartType  *self,
                                                        LcStore     *store,
                                                        GError     **error);
gboolean          lc_part_type_set_archived_in_store   (LcPartType  *self,
                                                        LcStore     *store,
                                                        gboolean     archived,
                                                        GError     **error);
gboolean          lc_part_type_delete                  (LcPartType  *self,
                                                        LcStore     *store,
                                                        GError     **error);
gboolean          lc_part_type_count_records           (LcStore     *store,
                                                        gint64       part_type_id,
                                                        gint64      *n_inspections,
                                                        GError     **error);

G_END_DECLS

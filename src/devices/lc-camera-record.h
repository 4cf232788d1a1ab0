#pragma once

#include <glib.h>

#include "lc-camera-settings.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* A camera set up at this station (a row of the camera table): the name the operator
 * knows it by, the address lc_camera_new_for_uri () takes and its own settings. Part types
 * point at one of these and keep their own settings for it. */
typedef struct
{
  gint64            id;         /* 0 until saved */
  char             *name;
  char             *uri;
  LcCameraSettings *settings;
} LcCameraRecord;

LcCameraRecord *lc_camera_record_new    (const char      *name,
                                         const char      *uri);
void            lc_camera_record_free   (LcCameraRecord  *record);

/* Every configured camera, by name. */
GPtrArray      *lc_camera_record_list   (LcStore         *store,
                                         GError         **error);
/* Adds the camera (@record->id is set) or updates it; a name already taken by another
 * camera is refused in words. Emits the store's "changed::camera". */
gboolean        lc_camera_record_save   (LcStore         *store,
                                         LcCameraRecord  *record,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCameraRecord, lc_camera_record_free)

G_END_DECLS

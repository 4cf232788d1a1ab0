#pragma once

#include <gio/gio.h>

#include "lc-frame.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* Captures kept with the inspection: a lossless PNG in the store's images folder, named by
 * the SHA-256 of its bytes (so the same picture is stored once and a changed file is
 * noticed), written to a temporary file, synced and renamed (never half a file after a
 * power cut), and a row in the image table. image.file is relative to the data folder:
 * "images/<sha256>.png". */

/* Encodes @frame as PNG and writes it atomically to @path. Any thread. */
gboolean lc_camera_capture_write_png   (LcFrame              *frame,
                                        const char           *path,
                                        GError              **error);
/* Keeps already encoded PNG bytes in @images_dir under their content hash, atomically and
 * synced; returns the file's name ("<sha256>.png"). The one way Linecheck stores a
 * picture: captures and inspections both come here. Any thread. */
char    *lc_camera_capture_store_png_bytes (GBytes          *png,
                                            const char      *images_dir,
                                            GError         **error);
/* Encodes @frame as PNG and stores it as lc_camera_capture_store_png_bytes () does. */
char    *lc_camera_capture_store_png   (LcFrame              *frame,
                                        const char           *images_dir,
                                        GError              **error);

/* All of it: the file, then the image row (@inspection_id 0 when the inspection is not
 * recorded yet). Returns the image id, 0 on error. Blocks on the disk: the main thread
 * uses the _async form. */
gint64   lc_camera_capture_save        (LcStore              *store,
                                        LcFrame              *frame,
                                        gint64                part_type_id,
                                        gint64                inspection_id,
                                        const char           *camera,
                                        char                **file,
                                        GError              **error);
/* The PNG is encoded and written on a worker thread; the row is added on the caller's
 * thread, in finish, with the caller's store. */
void     lc_camera_capture_save_async  (LcStore              *store,
                                        LcFrame              *frame,
                                        gint64                part_type_id,
                                        gint64                inspection_id,
                                        const char           *camera,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gint64   lc_camera_capture_save_finish (LcStore              *store,
                                        GAsyncResult         *result,
                                        char                **file,
                                        GError              **error);
/* Ties captures made before the inspection was recorded to it. */
gboolean lc_camera_capture_link        (LcStore              *store,
                                        gint64                image_id,
                                        gint64                inspection_id,
                                        GError              **error);

G_END_DECLS

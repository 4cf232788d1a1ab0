#pragma once

#include <gio/gio.h>

#include "lc-vision-model.h"
#include "lc-vision-training-set.h"
#include "lc-vision-validation.h"

G_BEGIN_DECLS

/* Called with the share done (0..1) and what is being done, in words for a progress bar. The
 * async call invokes it on the thread-default main context of the caller of _async; the
 * synchronous call on the calling thread. */
typedef void (*LcVisionProgressFunc) (double      fraction,
                                      const char *stage,
                                      gpointer    user_data);

/* What to train. GOOD_CLASS names the good parts' class: an anomaly model learns from those
 * images only (the others are used to validate); a classifier treats it as one more class.
 * N_FOLDS blocks for the cross-validation (0 = 5; 1 = no validation). */
typedef struct
{
  LcVisionModelKind  kind;
  const char        *good_class;
  guint              n_folds;
} LcVisionTrainingOptions;

/* Trains a new model from SET: features of every image once, then the cross-validation folds,
 * then the final model on all images. Cancelling stops between images or folds with
 * G_IO_ERROR_CANCELLED. On success *VALIDATION (nullable) receives the held-out figures and
 * the model's threshold is the recommended one. Uses at most 2 threads. */
LcVisionModel *lc_vision_train        (LcVisionTrainingSet            *set,
                                       const LcVisionTrainingOptions  *options,
                                       LcVisionProgressFunc            progress,
                                       gpointer                        progress_data,
                                       GCancellable                   *cancellable,
                                       LcVisionValidation            **validation,
                                       GError                        **error);

/* The same in a worker thread (GTask). SET is taken over (freed when done); PROGRESS is
 * called on the caller's main context until the callback runs. */
void           lc_vision_train_async  (LcVisionTrainingSet            *set,
                                       const LcVisionTrainingOptions  *options,
                                       LcVisionProgressFunc            progress,
                                       gpointer                        progress_data,
                                       GDestroyNotify                  progress_data_free,
                                       GCancellable                   *cancellable,
                                       GAsyncReadyCallback             callback,
                                       gpointer                        user_data);
LcVisionModel *lc_vision_train_finish (GAsyncResult                   *result,
                                       LcVisionValidation            **validation,
                                       GError                        **error);

G_END_DECLS

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every failure of src/vision/ is reported in this domain; the messages are written for the
 * person at the bench (what went wrong and what to do), the codes for the code that shows them. */
#define LC_VISION_ERROR (lc_vision_error_quark ())

typedef enum
{
  LC_VISION_ERROR_IMAGE,         /* an image file is missing, unreadable or not an image */
  LC_VISION_ERROR_MODEL_FILE,    /* a model file is damaged or is not a Linecheck model */
  LC_VISION_ERROR_MODEL_VERSION, /* a model file written by a newer Linecheck, or too old to use */
  LC_VISION_ERROR_TRAINING_SET,  /* too few images or classes to train, no good images… */
  LC_VISION_ERROR_WRONG_KIND,    /* a classifier asked for an anomaly figure, or the reverse */
  LC_VISION_ERROR_CANCELLED,     /* never used: cancelling gives G_IO_ERROR_CANCELLED */
  LC_VISION_ERROR_FAILED,        /* OpenCV failed in a way we did not foresee */
} LcVisionError;

GQuark lc_vision_error_quark (void);

G_END_DECLS

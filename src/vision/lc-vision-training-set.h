#pragma once

#include <glib.h>

#include "lc-vision-error.h"

G_BEGIN_DECLS

/* The labelled images a model is trained from, in the order they were taken. The order
 * matters: validation holds out blocks of consecutive images, because neighbouring images
 * come from the same part, strip or tile and a random split would flatter the model. */
typedef struct _LcVisionTrainingSet LcVisionTrainingSet;

LcVisionTrainingSet *lc_vision_training_set_new        (void);
void                 lc_vision_training_set_free       (LcVisionTrainingSet *self);

/* Adds an image file labelled CLASS_NAME (a defect class, or the good class); MASK_PATH
 * (nullable) is its defect mask (white = defect), used only to score localisation. */
void                 lc_vision_training_set_add_file   (LcVisionTrainingSet *self,
                                                        const char          *path,
                                                        const char          *class_name,
                                                        const char          *mask_path);
/* Adds a labelled region (an annotation's bounding box, image pixels) of an image file. */
void                 lc_vision_training_set_add_region (LcVisionTrainingSet *self,
                                                        const char          *path,
                                                        const char          *class_name,
                                                        int                  x,
                                                        int                  y,
                                                        int                  width,
                                                        int                  height);

/* A folder with one sub-folder per class (how public data sets and other tools store them);
 * files named *.mask.png are the masks of the image with the same stem. Files are taken in
 * natural order (img2 before img10). An empty folder is an LC_VISION_ERROR_TRAINING_SET. */
LcVisionTrainingSet *lc_vision_training_set_new_from_folder (const char *folder,
                                                             GError    **error);

guint                lc_vision_training_set_get_n_items    (const LcVisionTrainingSet *self);
/* Class names in the order they first appear (folders: natural order). */
const char * const  *lc_vision_training_set_get_classes    (const LcVisionTrainingSet *self,
                                                            guint                     *n_classes);
guint                lc_vision_training_set_count_class    (const LcVisionTrainingSet *self,
                                                            const char                *class_name);
/* Item I: its file, class, mask (or NULL) and region (width 0 = the whole image). */
const char          *lc_vision_training_set_get_path       (const LcVisionTrainingSet *self,
                                                            guint                      index);
const char          *lc_vision_training_set_get_class      (const LcVisionTrainingSet *self,
                                                            guint                      index);
const char          *lc_vision_training_set_get_mask       (const LcVisionTrainingSet *self,
                                                            guint                      index);
void                 lc_vision_training_set_get_region     (const LcVisionTrainingSet *self,
                                                            guint                      index,
                                                            int                       *x,
                                                            int                       *y,
                                                            int                       *width,
                                                            int                       *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVisionTrainingSet, lc_vision_training_set_free)

G_END_DECLS

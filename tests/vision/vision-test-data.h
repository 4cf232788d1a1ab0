#pragma once

/* Helpers of the vision tests: subsets of the shared data sets (LC_DATASETS) as folders of
 * symbolic links, so a test can train on a few dozen images without copying any. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "test-helpers.h"
#include "vision/lc-vision-training.h"

static inline char *
vision_dataset (const char *name)
{
  return g_build_filename (g_getenv ("LC_DATASETS"), name, NULL);
}

/* Links files FIRST .. FIRST+COUNT-1 (natural order, images only) of CLASS of data set
 * DATASET into DEST/CLASS, with their masks. */
static inline void
vision_link_subset (const char *dataset,
                    const char *class_name,
                    guint       first,
                    guint       count,
                    const char *dest)
{
  g_autofree char *root = vision_dataset (dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcVisionTrainingSet) all = lc_vision_training_set_new_from_folder (root, &error);
  g_autofree char *folder = g_build_filename (dest, class_name, NULL);
  guint seen = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  for (guint i = 0; i < lc_vision_training_set_get_n_items (all); i++)
    {
      const char *path = lc_vision_training_set_get_path (all, i);
      const char *mask = lc_vision_training_set_get_mask (all, i);

      if (!g_str_equal (lc_vision_training_set_get_class (all, i), class_name))
        continue;
      if (seen >= first && seen < first + count)
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *link = g_build_filename (folder, base, NULL);
          g_assert_cmpint (symlink (path, link), ==, 0);
          if (mask != NULL)
            {
              g_autofree char *mask_base = g_path_get_basename (mask);
              g_autofree char *mask_link = g_build_filename (folder, mask_base, NULL);
              g_assert_cmpint (symlink (mask, mask_link), ==, 0);
            }
        }
      seen++;
    }
}

/* Copies model file FROM to TO as if an older Linecheck had written it: the format version
 * (after the 8-byte magic) set to VERSION and the trailing SHA-256 redone. */
static inline void
vision_rewrite_model_version (const char *from,
                              const char *to,
                              guint8      version)
{
  g_autofree char *contents = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  gsize length, digest_length = 32;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8 + 4 + 32);
  contents[8] = (char) version;
  g_checksum_update (checksum, (const guchar *) contents, length - 32);
  g_checksum_get_digest (checksum, (guint8 *) contents + length - 32, &digest_length);
  g_assert_true (g_file_set_contents (to, contents, length, &error));
}

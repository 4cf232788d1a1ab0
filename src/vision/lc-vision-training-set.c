/* LcVisionTrainingSet: labelled images in the order they were taken. */

#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-vision-training-set.h"

typedef struct
{
  char *path;
  char *class_name;
  char *mask;
  int   x, y, width, height;
} Item;

struct _LcVisionTrainingSet
{
  GArray    *items;
  GPtrArray *classes;   /* NULL-terminated */
};

static void
item_clear (Item *item)
{
  g_free (item->path);
  g_free (item->class_name);
  g_free (item->mask);
}

LcVisionTrainingSet *
lc_vision_training_set_new (void)
{
  LcVisionTrainingSet *self = g_new0 (LcVisionTrainingSet, 1);

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  self->classes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->classes, NULL);
  return self;
}

void
lc_vision_training_set_free (LcVisionTrainingSet *self)
{
  g_array_unref (self->items);
  g_ptr_array_unref (self->classes);
  g_free (self);
}

static void
add_class (LcVisionTrainingSet *self,
           const char          *class_name)
{
  for (guint i = 0; i + 1 < self->classes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->classes, i), class_name))
      return;
  g_ptr_array_insert (self->classes, (int) self->classes->len - 1, g_strdup (class_name));
}

void
lc_vision_training_set_add_region (LcVisionTrainingSet *self,
                                   const char          *path,
                                   const char          *class_name,
                                   int                  x,
                                   int                  y,
                                   int                  width,
                                   int                  height)
{
  Item item = { g_strdup (path), g_strdup (class_name), NULL, x, y, width, height };

  g_return_if_fail (path != NULL && class_name != NULL);
  g_array_append_val (self->items, item);
  add_class (self, class_name);
}

void
lc_vision_training_set_add_file (LcVisionTrainingSet *self,
                                 const char          *path,
                                 const char          *class_name,
                                 const char          *mask_path)
{
  lc_vision_training_set_add_region (self, path, class_name, 0, 0, 0, 0);
  g_array_index (self->items, Item, self->items->len - 1).mask = g_strdup (mask_path);
}

/* img2 before img10: files of a data set are numbered in the order they were taken. */
static int
natural_compare (gconstpointer a,
                 gconstpointer b)
{
  const char *s = *(const char * const *) a, *t = *(const char * const *) b;

  while (*s != '\0' && *t != '\0')
    {
      if (g_ascii_isdigit (*s) && g_ascii_isdigit (*t))
        {
          const char *s_end = s, *t_end = t;
          while (*s == '0' && g_ascii_isdigit (s[1])) s++;
          while (*t == '0' && g_ascii_isdigit (t[1])) t++;
          for (s_end = s; g_ascii_isdigit (*s_end); s_end++) ;
          for (t_end = t; g_ascii_isdigit (*t_end); t_end++) ;
          if (s_end - s != t_end - t)
            return (int) ((s_end - s) - (t_end - t));
          for (; s < s_end; s++, t++)
            if (*s != *t)
              return *s - *t;
          continue;
        }
      if (*s != *t)
        return (unsigned char) *s - (unsigned char) *t;
      s++, t++;
    }
  return (unsigned char) *s - (unsigned char) *t;
}

static GPtrArray *
sorted_entries (const char *folder,
                gboolean    want_folders,
                GError    **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      if (name[0] == '.' || g_file_test (path, G_FILE_TEST_IS_DIR) != want_folders)
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, natural_compare);
  return g_steal_pointer (&names);
}

LcVisionTrainingSet *
lc_vision_training_set_new_from_folder (const char *folder,
                                        GError    **error)
{
  g_autoptr(LcVisionTrainingSet) self = lc_vision_training_set_new ();
  g_autoptr(GPtrArray) classes = sorted_entries (folder, TRUE, error);

  if (classes == NULL)
    return NULL;
  for (guint c = 0; c < classes->len; c++)
    {
      const char *class_name = g_ptr_array_index (classes, c);
      g_autofree char *class_folder = g_build_filename (folder, class_name, NULL);
      g_autoptr(GPtrArray) files = sorted_entries (class_folder, FALSE, error);

      if (files == NULL)
        return NULL;
      for (guint f = 0; f < files->len; f++)
        {
          const char *file = g_ptr_array_index (files, f);
          const char *dot = strrchr (file, '.');
          g_autofree char *path = g_build_filename (class_folder, file, NULL);
          g_autofree char *stem = NULL;
          g_autofree char *mask = NULL;

          if (g_str_has_suffix (file, ".mask.png") || dot == NULL)
            continue;
          stem = g_strndup (file, dot - file);
          mask = g_strdup_printf ("%s/%s.mask.png", class_folder, stem);
          lc_vision_training_set_add_file (self, path, class_name,
                                           g_file_test (mask, G_FILE_TEST_IS_REGULAR) ? mask : NULL);
        }
    }
  if (self->items->len == 0)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                   _("There are no pictures in “%s”. It needs one folder per class with the pictures of that class in it."),
                   folder);
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint
lc_vision_training_set_get_n_items (const LcVisionTrainingSet *self)
{
  return self->items->len;
}

const char * const *
lc_vision_training_set_get_classes (const LcVisionTrainingSet *self,
                                    guint                     *n_classes)
{
  if (n_classes != NULL)
    *n_classes = self->classes->len - 1;
  return (const char * const *) self->classes->pdata;
}

guint
lc_vision_training_set_count_class (const LcVisionTrainingSet *self,
                                    const char                *class_name)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += g_str_equal (g_array_index (self->items, Item, i).class_name, class_name);
  return n;
}

const char *
lc_vision_training_set_get_path (const LcVisionTrainingSet *self,
                                 guint                      index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).path;
}

const char *
lc_vision_training_set_get_class (const LcVisionTrainingSet *self,
                                  guint                      index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).class_name;
}

const char *
lc_vision_training_set_get_mask (const LcVisionTrainingSet *self,
                                 guint                      index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).mask;
}

void
lc_vision_training_set_get_region (const LcVisionTrainingSet *self,
                                   guint                      index,
                                   int                       *x,
                                   int                       *y,
                                   int                       *width,
                                   int                       *height)
{
  const Item *item;

  g_return_if_fail (index < self->items->len);
  item = &g_array_index (self->items, Item, index);
  *x = item->x;
  *y = item->y;
  *width = item->width;
  *height = item->height;
}

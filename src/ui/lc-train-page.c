#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-label-training.h"
#include "lc-train-page.h"
#include "vision/lc-vision-model-store.h"
#include "vision/lc-vision-training.h"

#define THUMBNAIL_SIZE 128

/* The filters of the picture browser, in the order of the drop-down; one entry per defect
 * class comes after "With defects". */
typedef struct
{
  LcImageFilter filter;
  gint64        defect_class_id;
} FilterEntry;

struct _LcTrainPage
{
  LcPage              parent_instance;

  GtkStack           *stack;
  GtkDropDown        *filter_dropdown;
  GtkGridView        *grid_view;
  GtkLabel           *count_label;
  GtkBox             *import_box;
  GtkProgressBar     *import_progress;
  GtkButton          *import_button;
  GtkAdjustment      *brush_adjustment;
  GtkStack           *canvas_stack;
  AdwStatusPage      *empty_status;
  LcLabelCanvas      *canvas;
  GtkLabel           *position_label;
  GtkLabel           *verdict_label;
  GtkListBox         *classes_list;
  GtkListBox         *regions_list;
  GtkBox             *side_box;
  GtkLabel           *active_model_label;
  GtkButton          *train_button;
  GtkBox             *train_box;
  GtkProgressBar     *train_progress;
  GtkBox             *result_box;
  GtkLabel           *result_title;
  GtkLabel           *result_words;
  GtkAdjustment      *threshold_adjustment;
  GtkButton          *recommended_button;
  GtkLabel           *classifier_words;
  GtkGrid            *confusion_grid;
  GtkButton          *activate_button;

  /* Training: the two models of a run, their validations, and the version recorded. */
  GCancellable       *train_cancellable;
  LcVisionTrainingSet *pending_classifier_set;
  LcVisionModel      *anomaly;
  LcVisionValidation *anomaly_validation;
  LcVisionModel      *classifier;
  LcVisionValidation *classifier_validation;
  char               *classifier_note;
  gint64              trained_model_id;
  gint64              trained_classifier_id;
  int                 trained_version;

  GListStore         *images;
  GtkSingleSelection *selection;
  GArray             *filters;          /* FilterEntry, parallel to the drop-down */
  gboolean            updating;         /* rebuilding lists: ignore their signals */
  LcLabelSession     *session;
  GtkShortcutController *shortcuts;
  GHashTable         *thumbnails;       /* path -> GdkTexture */
  GHashTable         *masks;            /* mask file -> cairo_surface_t, current picture */
  GListStore         *annotations;      /* LcAnnotation, current picture */
  gint64              shown_image_id;   /* the picture whose pixels are on the canvas */
  GCancellable       *load_cancellable;
  GCancellable       *import_cancellable;
  gint64              defect_class_id;  /* the class new regions get */
  char               *tool;
};

G_DEFINE_FINAL_TYPE (LcTrainPage, lc_train_page, LC_TYPE_PAGE)

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_current (LcTrainPage *self);
static void reload_images   (LcTrainPage *self,
                             gint64       keep_id);

static void
show_error (LcTrainPage *self,
            const char  *heading,
            const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gint64
part_type_id (LcTrainPage *self)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));

  return part != NULL ? lc_part_type_get_id (part) : 0;
}

/* The part type's classes that are not archived: the ones keys 1-9 pick. */
static GListModel *
live_classes (LcTrainPage *self)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  GListStore *live = g_list_store_new (LC_TYPE_DEFECT_CLASS);
  GListModel *all;

  if (part == NULL)
    return G_LIST_MODEL (live);
  all = lc_part_type_get_defect_classes (part);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LcDefectClass) dc = g_list_model_get_item (all, i);
      if (!lc_defect_class_get_archived (dc))
        g_list_store_append (live, dc);
    }
  return G_LIST_MODEL (live);
}

static const char *
class_name (LcTrainPage *self,
            gint64       defect_class_id)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcDefectClass *dc = part != NULL ? lc_part_type_find_defect_class_by_id (part, defect_class_id) : NULL;

  return dc != NULL ? lc_defect_class_get_name (dc) : _("Unknown class");
}

static const char *
class_color (LcTrainPage *self,
             gint64       defect_class_id)
{
  LcPartType *part = lc_page_get_part_type (LC_PAGE (self));
  LcDefectClass *dc = part != NULL ? lc_part_type_find_defect_class_by_id (part, defect_class_id) : NULL;

  return dc != NULL ? lc_defect_class_get_color (dc) : "#9a9996";
}

LcLabelImage *
lc_train_page_get_current (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Swatches: a rounded square (or a strip of them) in the classes' colours. */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *colors = g_object_get_data (G_OBJECT (area), "colors");
  g_auto(GStrv) list = g_strsplit (colors != NULL ? colors : "", " ", -1);
  guint n = g_strv_length (list);

  for (guint i = 0; i < n; i++)
    {
      GdkRGBA rgba;

      if (!gdk_rgba_parse (&rgba, list[i]))
        continue;
      gdk_cairo_set_source_rgba (cr, &rgba);
      cairo_rectangle (cr, (double) width * i / n, 0, (double) width / n, height);
      cairo_fill (cr);
    }
}

static void
set_swatch_colors (GtkWidget  *area,
                   const char *colors)
{
  g_object_set_data_full (G_OBJECT (area), "colors", g_strdup (colors), g_free);
  gtk_widget_queue_draw (area);
}

static GtkWidget *
swatch_new (const char *colors,
            int         width,
            int         height)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  set_swatch_colors (area, colors);
  return area;
}

/* Thumbnails, decoded off the main thread and kept for the page's life. */

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (task_data, THUMBNAIL_SIZE, THUMBNAIL_SIZE,
                                                         TRUE, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  const char *path = g_task_get_task_data (G_TASK (result));
  LcTrainPage *self = LC_TRAIN_PAGE (source);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    {
      g_debug ("No thumbnail for %s", path);
      return;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_hash_table_insert (self->thumbnails, g_strdup (path), g_object_ref (texture));
  /* The cell may show another picture by now (the grid recycles its cells). */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (picture), "path"), path) == 0)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
request_thumbnail (LcTrainPage *self,
                   GtkPicture  *picture,
                   const char  *path)
{
  GdkTexture *cached = g_hash_table_lookup (self->thumbnails, path);
  g_autoptr(GTask) task = NULL;

  g_object_set_data_full (G_OBJECT (picture), "path", g_strdup (path), g_free);
  gtk_picture_set_paintable (picture, cached != NULL ? GDK_PAINTABLE (cached) : NULL);
  if (cached != NULL)
    return;
  task = g_task_new (self, NULL, on_thumbnail_loaded, g_object_ref (picture));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

static void
on_item_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LcTrainPage              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *swatch = swatch_new ("", THUMBNAIL_SIZE, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE - 12, THUMBNAIL_SIZE - 30);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_hexpand (swatch, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
on_item_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LcTrainPage              *self)
{
  LcLabelImage *image = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *swatch = gtk_widget_get_next_sibling (picture);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  GArray *ids = lc_label_image_get_defect_class_ids (image);
  g_autoptr(GString) colors = g_string_new (NULL);
  const char *text;

  request_thumbnail (self, GTK_PICTURE (picture), lc_label_image_get_path (image));
  switch (lc_label_image_get_label (image))
    {
    case LC_IMAGE_LABEL_GOOD:
      g_string_append (colors, "#2ec27e");
      text = C_("train page", "Good");
      break;
    case LC_IMAGE_LABEL_DEFECT:
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (colors, "%s%s", i > 0 ? " " : "", class_color (self, g_array_index (ids, gint64, i)));
      text = ids->len > 0 ? class_name (self, g_array_index (ids, gint64, 0)) : C_("train page", "Defect");
      break;
    case LC_IMAGE_LABEL_UNLABELLED:
    default:
      g_string_append (colors, "rgba(154,153,150,0.35)");
      text = C_("train page", "Unlabelled");
      break;
    }
  set_swatch_colors (swatch, colors->str);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (box, lc_label_image_get_original_name (image)[0] != '\0'
                                      ? lc_label_image_get_original_name (image) : NULL);
}

/* The filter drop-down, with the number of pictures in each. */

static void
rebuild_filters (LcTrainPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) classes = live_classes (self);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  FilterEntry previous = { LC_IMAGE_FILTER_ALL, 0 };
  gint64 part = part_type_id (self);

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->filters->len)
    previous = g_array_index (self->filters, FilterEntry, selected);
  g_array_set_size (self->filters, 0);

#define ADD_FILTER(f, id, label) G_STMT_START {                                          \
    FilterEntry entry = { f, id };                                                       \
    gint64 n = store != NULL && part != 0 ? lc_label_image_count (store, part, f, id, NULL) : 0; \
    g_autofree char *text = g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", label, MAX (n, 0)); \
    g_array_append_val (self->filters, entry);                                           \
    gtk_string_list_append (names, text);                                                \
  } G_STMT_END

  ADD_FILTER (LC_IMAGE_FILTER_ALL, 0, _("All pictures"));
  ADD_FILTER (LC_IMAGE_FILTER_UNLABELLED, 0, C_("train page", "Unlabelled"));
  ADD_FILTER (LC_IMAGE_FILTER_GOOD, 0, C_("train page", "Good"));
  ADD_FILTER (LC_IMAGE_FILTER_DEFECT, 0, _("With defects"));
  for (guint i = 0; i < g_list_model_get_n_items (classes); i++)
    {
      g_autoptr(LcDefectClass) dc = g_list_model_get_item (classes, i);
      g_autofree char *label = g_strdup_printf ("  %s", lc_defect_class_get_name (dc));
      ADD_FILTER (LC_IMAGE_FILTER_DEFECT_CLASS, lc_defect_class_get_id (dc), label);
    }
  ADD_FILTER (LC_IMAGE_FILTER_DISAGREE, 0, _("Model disagrees"));
  ADD_FILTER (LC_IMAGE_FILTER_REVIEW, 0, _("Review queue"));
#undef ADD_FILTER

  self->updating = TRUE;
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (names));
  selected = 0;
  for (guint i = 0; i < self->filters->len; i++)
    {
      FilterEntry *entry = &g_array_index (self->filters, FilterEntry, i);
      if (entry->filter == previous.filter && entry->defect_class_id == previous.defect_class_id)
        selected = i;
    }
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  self->updating = FALSE;
}

static FilterEntry
current_filter (LcTrainPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  FilterEntry all = { LC_IMAGE_FILTER_ALL, 0 };

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->filters->len)
    return all;
  return g_array_index (self->filters, FilterEntry, selected);
}

static void
update_position (LcTrainPage *self)
{
  LcLabelImage *image = lc_train_page_get_current (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->images));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u picture in this view", "%u pictures in this view", n), n);

  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->canvas_stack, image != NULL ? "canvas" : "empty");
  if (image == NULL)
    {
      gtk_label_set_text (self->position_label, "");
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("%u of %u — %s"),
                                             gtk_single_selection_get_selected (self->selection) + 1, n,
                                             lc_label_image_get_original_name (image)[0] != '\0'
                                               ? lc_label_image_get_original_name (image)
                                               : lc_label_image_get_file (image));
    gtk_label_set_text (self->position_label, text);
  }
}

static void
reload_images (LcTrainPage *self,
               gint64       keep_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) images = NULL;
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  FilterEntry filter = current_filter (self);
  guint keep = GTK_INVALID_LIST_POSITION;
  guint n;

  if (store == NULL || part_type_id (self) == 0)
    {
      g_list_store_remove_all (self->images);
      update_position (self);
      return;
    }
  images = lc_label_image_query (store, part_type_id (self), filter.filter, filter.defect_class_id, &error);
  if (images == NULL)
    {
      g_warning ("Cannot list pictures: %s", error->message);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (images));
  for (guint i = 0; i < n && keep_id != 0; i++)
    {
      g_autoptr(LcLabelImage) image = g_list_model_get_item (G_LIST_MODEL (images), i);
      if (lc_label_image_get_id (image) == keep_id)
        keep = i;
    }

  self->updating = TRUE;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (images), i));
    g_list_store_splice (self->images, 0, g_list_model_get_n_items (G_LIST_MODEL (self->images)),
                         items->pdata, items->len);
  }
  gtk_single_selection_set_selected (self->selection, keep != GTK_INVALID_LIST_POSITION ? keep : 0);
  self->updating = FALSE;
  refresh_current (self);
}

/* Replaces the row of one picture after its labels changed, keeping the selection. */
static gboolean
refresh_item (LcTrainPage *self,
              gint64       image_id)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->images));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcLabelImage) old = g_list_model_get_item (G_LIST_MODEL (self->images), i);
      g_autoptr(LcLabelImage) fresh = NULL;
      guint selected;

      if (lc_label_image_get_id (old) != image_id)
        continue;
      fresh = lc_label_image_load (store, image_id, NULL);
      if (fresh == NULL)
        return FALSE;
      selected = gtk_single_selection_get_selected (self->selection);
      self->updating = TRUE;
      g_list_store_splice (self->images, i, 1, (gpointer *) &fresh, 1);
      gtk_single_selection_set_selected (self->selection, selected);
      self->updating = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The current picture: its pixels and masks decoded off the main thread. */

typedef struct
{
  char       *path;          /* the picture, or NULL when already shown */
  GPtrArray  *mask_files;    /* relative names */
  char       *data_dir;
  GdkPixbuf  *pixbuf;
  GHashTable *masks;         /* file -> cairo_surface_t */
  gint64      image_id;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->path);
  g_ptr_array_unref (d->mask_files);
  g_free (d->data_dir);
  g_clear_object (&d->pixbuf);
  g_hash_table_unref (d->masks);
  g_free (d);
}

static cairo_surface_t *
mask_surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      out[y * stride + x] = pixels[y * rowstride + x * channels] != 0 ? 255 : 0;
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  GError *error = NULL;

  if (d->path != NULL)
    {
      d->pixbuf = gdk_pixbuf_new_from_file (d->path, &error);
      if (d->pixbuf == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  for (guint i = 0; i < d->mask_files->len; i++)
    {
      const char *file = g_ptr_array_index (d->mask_files, i);
      g_autofree char *path = g_build_filename (d->data_dir, file, NULL);
      g_autoptr(GdkPixbuf) mask = gdk_pixbuf_new_from_file (path, NULL);

      /* A missing mask file draws as its outline only; the row stays. */
      if (mask != NULL)
        g_hash_table_insert (d->masks, g_strdup (file), mask_surface_from_pixbuf (mask));
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_annotations (LcTrainPage *self)
{
  lc_label_canvas_set_annotations (self->canvas, G_LIST_MODEL (self->annotations), self->masks);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LcTrainPage *self = LC_TRAIN_PAGE (source);
  LoadData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The picture cannot be shown: %s"), error->message);
          lc_label_canvas_set_picture (self->canvas, NULL);
          gtk_label_set_text (self->verdict_label, message);
        }
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  if (d->pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (d->pixbuf);
      lc_label_canvas_set_picture (self->canvas, texture);
      self->shown_image_id = d->image_id;
    }
  g_hash_table_iter_init (&iter, d->masks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->masks, g_strdup (key), cairo_surface_reference (value));
  show_annotations (self);
}

static void
rebuild_regions (LcTrainPage *self);

static void
update_verdict (LcTrainPage *self)
{
  LcLabelImage *image = lc_train_page_get_current (self);
  const char *text = "";

  if (image != NULL)
    switch (lc_label_image_get_label (image))
      {
      case LC_IMAGE_LABEL_GOOD:
        text = _("Labelled: good part.");
        break;
      case LC_IMAGE_LABEL_DEFECT:
        text = _("Labelled: defective part.");
        break;
      case LC_IMAGE_LABEL_UNLABELLED:
      default:
        text = _("Not labelled yet: press G for a good part, or draw the defects.");
        break;
      }
  gtk_label_set_text (self->verdict_label, text);
}

/* Shows the selected picture: its row's labels, its regions, and its pixels (loaded only
 * when another picture was shown). */
static void
refresh_current (LcTrainPage *self)
{
  LcLabelImage *image = lc_train_page_get_current (self);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) annotations = NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *d;
  gboolean new_picture;

  update_position (self);
  update_verdict (self);
  if (image == NULL || store == NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      lc_label_canvas_set_picture (self->canvas, NULL);
      g_list_store_remove_all (self->annotations);
      self->shown_image_id = 0;
      rebuild_regions (self);
      return;
    }

  new_picture = lc_label_image_get_id (image) != self->shown_image_id;
  annotations = lc_annotation_list_for_image (store, lc_label_image_get_id (image), &error);
  if (annotations == NULL)
    {
      g_warning ("Cannot read the regions of picture %" G_GINT64_FORMAT ": %s",
                 lc_label_image_get_id (image), error->message);
      annotations = g_list_store_new (LC_TYPE_ANNOTATION);
    }
  g_list_store_remove_all (self->annotations);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (annotations)); i++)
    {
      g_autoptr(LcAnnotation) a = g_list_model_get_item (G_LIST_MODEL (annotations), i);
      g_list_store_append (self->annotations, a);
    }
  rebuild_regions (self);

  if (new_picture)
    {
      g_hash_table_remove_all (self->masks);
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      self->load_cancellable = g_cancellable_new ();
    }

  d = g_new0 (LoadData, 1);
  d->path = new_picture ? g_strdup (lc_label_image_get_path (image)) : NULL;
  d->mask_files = g_ptr_array_new_with_free_func (g_free);
  d->data_dir = g_strdup (lc_store_get_data_dir (store));
  d->masks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cairo_surface_destroy);
  d->image_id = lc_label_image_get_id (image);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->annotations)); i++)
    {
      g_autoptr(LcAnnotation) a = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      const char *file = lc_annotation_get_mask_file (a);

      if (file != NULL && !g_hash_table_contains (self->masks, file))
        g_ptr_array_add (d->mask_files, g_strdup (file));
    }
  if (d->path == NULL && d->mask_files->len == 0)
    {
      load_data_free (d);
      show_annotations (self);
      return;
    }
  if (!new_picture)
    show_annotations (self);
  task = g_task_new (self, self->load_cancellable, on_loaded, NULL);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
on_selection_changed (LcTrainPage *self)
{
  if (self->updating)
    return;
  refresh_current (self);
}

/* Defect classes and regions in the side panel. */

static void
on_class_row_selected (LcTrainPage   *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  if (row == NULL || self->updating)
    return;
  self->defect_class_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "defect-class-id"));
  lc_label_canvas_set_defect_class_id (self->canvas, self->defect_class_id);
}

static void
rebuild_classes (LcTrainPage *self)
{
  g_autoptr(GListModel) classes = live_classes (self);
  GtkWidget *child;
  GtkListBoxRow *select = NULL;
  guint n = g_list_model_get_n_items (classes);

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->classes_list))) != NULL)
    gtk_list_box_remove (self->classes_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) dc = g_list_model_get_item (classes, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      g_autofree char *key = i < 9 ? g_strdup_printf ("%u", i + 1) : g_strdup ("");
      GtkWidget *key_label = gtk_label_new (key);
      GtkWidget *name = gtk_label_new (lc_defect_class_get_name (dc));

      gtk_widget_add_css_class (key_label, "dim-label");
      gtk_widget_add_css_class (key_label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (key_label), 2);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_box_append (GTK_BOX (box), key_label);
      gtk_box_append (GTK_BOX (box), swatch_new (lc_defect_class_get_color (dc), 20, 20));
      gtk_box_append (GTK_BOX (box), name);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "defect-class-id", GSIZE_TO_POINTER (lc_defect_class_get_id (dc)));
      gtk_list_box_append (self->classes_list, row);
      if (lc_defect_class_get_id (dc) == self->defect_class_id || select == NULL)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (n == 0)
    {
      GtkWidget *row = gtk_label_new (_("This part type has no defect classes: add them on the Parts page."));
      gtk_label_set_wrap (GTK_LABEL (row), TRUE);
      gtk_widget_set_margin_top (row, 12);
      gtk_widget_set_margin_bottom (row, 12);
      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_list_box_append (self->classes_list, row);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (row)), FALSE);
    }
  self->updating = FALSE;
  self->defect_class_id = 0;
  if (select != NULL)
    {
      gtk_list_box_select_row (self->classes_list, select);
      on_class_row_selected (self, select, self->classes_list);
    }
  lc_label_canvas_set_defect_classes (self->canvas, lc_page_get_part_type (LC_PAGE (self)) != NULL
                                        ? lc_part_type_get_defect_classes (lc_page_get_part_type (LC_PAGE (self)))
                                        : NULL);
}

static void
on_remove_region_clicked (GtkButton   *button,
                          LcTrainPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "annotation-id"));

  if (!lc_label_session_remove_annotation (self->session, id, &error))
    show_error (self, _("The Region Was Not Removed"), error->message);
}

static const char *
shape_label (LcAnnotationShape shape)
{
  switch (shape)
    {
    case LC_ANNOTATION_SHAPE_POLYGON:
      return C_("train page", "outline");
    case LC_ANNOTATION_SHAPE_MASK:
      return C_("train page", "painted");
    case LC_ANNOTATION_SHAPE_BOX:
    default:
      return C_("train page", "box");
    }
}

static void
rebuild_regions (LcTrainPage *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->regions_list))) != NULL)
    gtk_list_box_remove (self->regions_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcAnnotation) a = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (lc_annotation_is_operator (a))
        text = g_strdup_printf ("%s — %s", class_name (self, lc_annotation_get_defect_class_id (a)),
                                shape_label (lc_annotation_get_shape (a)));
      else
        /* Translators: a region a model found, with its score (0 to 1). */
        text = g_strdup_printf (_("%s — found by the model (%.2f)"),
                                class_name (self, lc_annotation_get_defect_class_id (a)),
                                lc_annotation_get_score (a));
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 4);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), swatch_new (class_color (self, lc_annotation_get_defect_class_id (a)), 14, 14));
      gtk_box_append (GTK_BOX (box), label);
      if (lc_annotation_is_operator (a))
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_size_request (remove, 44, 40);
          gtk_widget_set_tooltip_text (remove, _("Remove this region"));
          gtk_widget_add_css_class (remove, "flat");
          g_object_set_data (G_OBJECT (remove), "annotation-id", GSIZE_TO_POINTER (lc_annotation_get_id (a)));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_region_clicked), self);
          gtk_box_append (GTK_BOX (box), remove);
        }
      gtk_list_box_append (self->regions_list, box);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *label = gtk_label_new (C_("train page", "None"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 10);
      gtk_widget_set_margin_bottom (label, 10);
      gtk_list_box_append (self->regions_list, label);
    }
}

/* What the canvas drew becomes a region, saved at once. */

static gboolean
check_class (LcTrainPage *self)
{
  if (self->defect_class_id != 0)
    return TRUE;
  show_error (self, _("No Defect Class"),
              _("Add the part type's defect classes on the Parts page, then choose one here before drawing."));
  return FALSE;
}

static void
add_region (LcTrainPage  *self,
            LcAnnotation *annotation)
{
  LcLabelImage *image = lc_train_page_get_current (self);
  g_autoptr(GError) error = NULL;

  if (image == NULL || !check_class (self))
    {
      refresh_current (self);
      return;
    }
  if (!lc_label_session_add_annotation (self->session, lc_label_image_get_id (image), annotation, &error))
    {
      show_error (self, _("The Region Was Not Saved"), error->message);
      refresh_current (self);
    }
}

static void
on_box_drawn (LcTrainPage   *self,
              double         x,
              double         y,
              double         width,
              double         height,
              LcLabelCanvas *canvas)
{
  g_autoptr(LcAnnotation) box = lc_annotation_new_box (self->defect_class_id, x, y, width, height);

  add_region (self, box);
}

static void
on_polygon_drawn (LcTrainPage   *self,
                  gpointer       points,
                  guint          n_points,
                  LcLabelCanvas *canvas)
{
  g_autoptr(LcAnnotation) polygon = lc_annotation_new_polygon (self->defect_class_id, points, n_points);

  add_region (self, polygon);
}

static void
on_mask_drawn (LcTrainPage   *self,
               gint64         replaces,
               gpointer       surface_pointer,
               LcLabelCanvas *canvas)
{
  cairo_surface_t *surface = surface_pointer;
  LcLabelImage *image = lc_train_page_get_current (self);
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcAnnotation) mask = NULL;
  g_autofree char *file = NULL;
  int x, y, width, height;

  if (image == NULL || !check_class (self))
    {
      refresh_current (self);
      return;
    }
  cairo_surface_flush (surface);
  file = lc_annotation_store_mask (store, cairo_image_surface_get_data (surface),
                                   cairo_image_surface_get_width (surface),
                                   cairo_image_surface_get_height (surface),
                                   cairo_image_surface_get_stride (surface),
                                   &x, &y, &width, &height, &error);
  if (file == NULL)
    {
      show_error (self, _("The Painted Region Was Not Saved"), error->message);
      refresh_current (self);
      return;
    }
  /* The canvas has the pixels already: no need to read the file back. */
  g_hash_table_insert (self->masks, g_strdup (file), cairo_surface_reference (surface));
  if (width > 0 && height > 0)
    mask = lc_annotation_new_mask (self->defect_class_id, file, x, y, width, height);
  if (mask == NULL && replaces == 0)
    {
      refresh_current (self);
      return;
    }
  if (!lc_label_session_replace_annotation (self->session, lc_label_image_get_id (image), replaces, mask, &error))
    {
      show_error (self, _("The Painted Region Was Not Saved"), error->message);
      refresh_current (self);
    }
}

/* After every change, undo and redo: the picture it touched is shown as it is now. */
static void
on_session_changed (LcTrainPage    *self,
                    gint64          image_id,
                    LcLabelSession *session)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->images));
  LcLabelImage *current;

  /* The row is replaced: read the current picture after. */
  refresh_item (self, image_id);
  current = lc_train_page_get_current (self);
  if (current == NULL || lc_label_image_get_id (current) != image_id)
    {
      /* Undo shows what it undid. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LcLabelImage) image = g_list_model_get_item (G_LIST_MODEL (self->images), i);
          if (lc_label_image_get_id (image) == image_id)
            {
              gtk_single_selection_set_selected (self->selection, i);
              gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", i);
            }
        }
    }
  refresh_current (self);
  rebuild_filters (self);
}

static void
on_store_changed (LcTrainPage *self,
                  const char  *table,
                  gint64       id,
                  LcStore     *store)
{
  LcLabelImage *current = lc_train_page_get_current (self);

  /* The session's own changes are handled in on_session_changed. */
  if (id != 0 && g_str_equal (table, "image"))
    {
      g_autoptr(LcLabelImage) image = lc_label_image_load (store, id, NULL);

      if (image == NULL || lc_label_image_get_part_type_id (image) != part_type_id (self))
        return;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->images)); i++)
        {
          g_autoptr(LcLabelImage) shown = g_list_model_get_item (G_LIST_MODEL (self->images), i);
          if (lc_label_image_get_id (shown) == id)
            return;
        }
    }
  if (g_str_equal (table, "image") || g_str_equal (table, "inspection"))
    {
      rebuild_filters (self);
      reload_images (self, current != NULL ? lc_label_image_get_id (current) : 0);
    }
}

static void
on_filter_changed (LcTrainPage *self)
{
  if (self->updating)
    return;
  reload_images (self, 0);
}

static void
on_brush_size_changed (LcTrainPage *self,
                       GtkRange    *range)
{
  lc_label_canvas_set_brush_radius (self->canvas, gtk_range_get_value (range));
}

/* Import. */

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  LcTrainPage *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%u of %u pictures"), done, total);

  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->import_progress, text);
}

static void on_add_classes_response (AdwMessageDialog *dialog,
                                     const char       *response,
                                     LcTrainPage      *self);

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcTrainPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcLabelImportResult) import = lc_label_import_finish (LC_STORE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *dir = g_object_get_data (G_OBJECT (self), "import-dir");
  GtkWidget *dialog;

  g_clear_object (&self->import_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->import_box), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (import == NULL && g_error_matches (error, LC_LABEL_ERROR, LC_LABEL_ERROR_UNKNOWN_CLASS))
    {
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Folders Without a Defect Class"), error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "add", _("_Add Classes and Import"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "import-dir", g_strdup (dir), g_free);
      g_object_set_data_full (G_OBJECT (dialog), "good-name",
                              g_strdup (g_object_get_data (G_OBJECT (self), "import-good")), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_classes_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (import == NULL)
    {
      show_error (self, _("The Folder Was Not Imported"), error->message);
      return;
    }
  {
    g_autofree char *text = lc_label_import_result_describe (import);
    g_object_set_data_full (G_OBJECT (self), "import-summary", g_strdup (text), g_free);
    dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     _("Pictures Imported"), text);
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
  if (import->added_classes->len > 0)
    {
      /* The classes are the part type's now: reload it as changeover would. */
      g_autoptr(LcPartType) part = lc_part_type_load (lc_page_get_store (LC_PAGE (self)), part_type_id (self), NULL);
      if (part != NULL)
        lc_page_set_part_type (LC_PAGE (self), part);
    }
  rebuild_filters (self);
  reload_images (self, 0);
}

void
lc_train_page_import_folder (LcTrainPage       *self,
                             const char        *dir,
                             const char        *good_name,
                             LcLabelImportFlags flags)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));

  g_return_if_fail (LC_IS_TRAIN_PAGE (self));
  if (store == NULL || part_type_id (self) == 0 || self->import_cancellable != NULL)
    return;

  g_object_set_data_full (G_OBJECT (self), "import-dir", g_strdup (dir), g_free);
  g_object_set_data_full (G_OBJECT (self), "import-good", g_strdup (good_name), g_free);
  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Reading the folder…"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_box), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  lc_label_import_async (store, part_type_id (self), dir, good_name, flags, on_import_progress, self,
                         self->import_cancellable, on_imported, g_object_ref (self));
}

static void
on_add_classes_response (AdwMessageDialog *dialog,
                         const char       *response,
                         LcTrainPage      *self)
{
  if (g_str_equal (response, "add"))
    lc_train_page_import_folder (self, g_object_get_data (G_OBJECT (dialog), "import-dir"),
                                 g_object_get_data (G_OBJECT (dialog), "good-name"),
                                 LC_LABEL_IMPORT_ADD_CLASSES);
}

gboolean
lc_train_page_is_busy (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), FALSE);
  return self->import_cancellable != NULL;
}

/* A subfolder named like the good parts' folder of common data sets, to offer first. */
static char *
guess_good_folder (const char *dir)
{
  static const char * const names[] = { "good", "ok", "pass", "free", "normal", "no_defect" };
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_ascii_strcasecmp (name, names[i]) == 0)
        return g_strdup (name);
  return g_strdup (LC_LABEL_IMPORT_DEFAULT_GOOD);
}

static void
on_good_name_response (AdwMessageDialog *dialog,
                       const char       *response,
                       LcTrainPage      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "import"))
    lc_train_page_import_folder (self, g_object_get_data (G_OBJECT (dialog), "import-dir"),
                                 gtk_editable_get_text (entry), LC_LABEL_IMPORT_NONE);
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  LcTrainPage     *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *good = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (folder == NULL || (dir = g_file_get_path (folder)) == NULL)
    return;

  good = guess_good_folder (dir);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   C_("train page", "Import Pictures"),
                                   _("Each subfolder holds the pictures of one defect class, named like the class. "
                                     "Which subfolder holds the good parts?"));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), good);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", C_("train page", "_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_object_set_data_full (G_OBJECT (dialog), "import-dir", g_strdup (dir), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_good_name_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}


/* Training. */

static void
update_active_model (LcTrainPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  int version = store != NULL && part_type_id (self) != 0 ? lc_label_get_active_version (store, part_type_id (self), NULL) : 0;
  g_autofree char *text = NULL;

  if (version > 0)
    text = g_strdup_printf (_("Active model: version %d. The inspection uses it until another version is activated."), version);
  else
    text = g_strdup (_("No model is active yet: label good parts and defects, then train."));
  gtk_label_set_text (self->active_model_label, text);
}

static void
clear_training (LcTrainPage *self)
{
  g_clear_pointer (&self->pending_classifier_set, lc_vision_training_set_free);
  g_clear_pointer (&self->anomaly, lc_vision_model_unref);
  g_clear_pointer (&self->anomaly_validation, lc_vision_validation_free);
  g_clear_pointer (&self->classifier, lc_vision_model_unref);
  g_clear_pointer (&self->classifier_validation, lc_vision_validation_free);
  g_clear_pointer (&self->classifier_note, g_free);
  self->trained_model_id = 0;
  self->trained_classifier_id = 0;
  self->trained_version = 0;
}

static void
on_threshold_changed (LcTrainPage *self)
{
  double threshold = gtk_adjustment_get_value (self->threshold_adjustment);
  g_autofree char *words = NULL;

  if (self->anomaly == NULL || self->anomaly_validation == NULL)
    return;
  /* The figures follow the slider: what this threshold would have done on held-out parts. */
  lc_vision_model_set_threshold (self->anomaly, threshold);
  words = lc_vision_validation_describe (self->anomaly_validation, threshold);
  gtk_label_set_text (self->result_words, words);
}

static GtkWidget *
grid_cell (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_size_request (label, 34, 28);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Rows: the true class; columns: what the model named; the last column: per-class accuracy. */
static void
show_confusion (LcTrainPage *self)
{
  GtkWidget *child;
  const char * const *classes;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->confusion_grid))) != NULL)
    gtk_grid_remove (self->confusion_grid, child);
  if (self->classifier_validation == NULL)
    return;
  classes = lc_vision_validation_get_classes (self->classifier_validation, &n);
  gtk_grid_attach (self->confusion_grid, grid_cell (_("True \\ named"), "dim-label"), 0, 0, 1, 1);
  for (guint j = 0; j < n; j++)
    {
      GtkWidget *header = grid_cell (classes[j], "caption-heading");
      gtk_widget_set_tooltip_text (header, classes[j]);
      gtk_grid_attach (self->confusion_grid, header, j + 1, 0, 1, 1);
    }
  gtk_grid_attach (self->confusion_grid, grid_cell (C_("train page", "Right"), "caption-heading"), n + 1, 0, 1, 1);
  for (guint i = 0; i < n; i++)
    {
      double accuracy = lc_vision_validation_get_class_accuracy (self->classifier_validation, i);
      g_autofree char *percent = isnan (accuracy) ? g_strdup ("—") : g_strdup_printf ("%.0f %%", 100 * accuracy);
      GtkWidget *name = grid_cell (classes[i], "caption-heading");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_tooltip_text (name, classes[i]);
      gtk_grid_attach (self->confusion_grid, name, 0, i + 1, 1, 1);
      for (guint j = 0; j < n; j++)
        {
          guint count = lc_vision_validation_get_confusion (self->classifier_validation, i, j);
          g_autofree char *text = g_strdup_printf ("%u", count);
          gtk_grid_attach (self->confusion_grid,
                           grid_cell (text, i == j ? "success" : count > 0 ? "error" : "dim-label"), j + 1, i + 1, 1, 1);
        }
      gtk_grid_attach (self->confusion_grid, grid_cell (percent, NULL), n + 1, i + 1, 1, 1);
    }
}

static void
show_results (LcTrainPage *self)
{
  g_autofree char *title = g_strdup_printf (_("Version %d, checked on pictures it did not learn from"), self->trained_version);
  g_autofree char *activate = g_strdup_printf (_("_Activate Version %d"), self->trained_version);
  g_autofree char *recommended = NULL;
  guint n_good = 0, n_defective = 0;
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE, threshold;
  const double *scores;

  gtk_label_set_text (self->result_title, title);
  scores = lc_vision_validation_get_good_scores (self->anomaly_validation, &n_good);
  for (guint i = 0; i < n_good; i++)
    low = MIN (low, scores[i]), high = MAX (high, scores[i]);
  scores = lc_vision_validation_get_defective_scores (self->anomaly_validation, &n_defective);
  for (guint i = 0; i < n_defective; i++)
    low = MIN (low, scores[i]), high = MAX (high, scores[i]);
  threshold = lc_vision_validation_get_recommended_threshold (self->anomaly_validation);
  low = MIN (low, threshold);
  high = MAX (high, threshold);
  if (!(high > low))
    high = low + 1;
  /* A little room past the scores seen, both ways. */
  gtk_adjustment_configure (self->threshold_adjustment, threshold, low - 0.05 * (high - low),
                            high + 0.1 * (high - low), (high - low) / 100, (high - low) / 10, 0);
  recommended = g_strdup_printf (_("Use the Recommended Threshold (%.3f)"), threshold);
  gtk_button_set_label (self->recommended_button, recommended);
  on_threshold_changed (self);

  if (self->classifier_validation != NULL && lc_vision_validation_get_n_images (self->classifier_validation) == 0)
    gtk_label_set_text (self->classifier_words,
                        _("The defect classes could not be checked on held-out regions: there are too few. "
                          "Label more defects of each class to see how well it names them."));
  else if (self->classifier_validation != NULL)
    {
      g_autofree char *words = g_strdup_printf (_("Naming the defect: right on %.0f %% of %u held-out regions."),
                                                100 * lc_vision_validation_get_accuracy (self->classifier_validation),
                                                lc_vision_validation_get_n_images (self->classifier_validation));
      gtk_label_set_text (self->classifier_words, words);
    }
  else
    gtk_label_set_text (self->classifier_words, self->classifier_note != NULL ? self->classifier_note : "");
  show_confusion (self);
  gtk_button_set_label (self->activate_button, activate);
  gtk_button_set_use_underline (self->activate_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), TRUE);
  /* The figures are below the classes: the focus scrolls the side panel down to them. */
  gtk_widget_grab_focus (GTK_WIDGET (self->activate_button));
}

static void
end_training (LcTrainPage *self)
{
  g_clear_object (&self->train_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->train_box), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->train_button), TRUE);
}

static void
finish_training (LcTrainPage *self)
{
  g_autoptr(GError) error = NULL;
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(LcVisionModelRecord) anomaly = NULL;
  g_autoptr(LcVisionModelRecord) classifier = NULL;

  /* One convention for every model: a row and a version each, through the vision store (the
   * Inspect page reads the active ones back from it). */
  anomaly = lc_vision_model_store_register (store, part_type_id (self), self->anomaly, &error);
  if (anomaly != NULL && self->classifier != NULL)
    classifier = lc_vision_model_store_register (store, part_type_id (self), self->classifier, &error);
  end_training (self);
  if (anomaly == NULL || (self->classifier != NULL && classifier == NULL))
    {
      show_error (self, _("The New Model Was Not Saved"), error->message);
      clear_training (self);
      return;
    }
  self->trained_model_id = anomaly->id;
  self->trained_classifier_id = classifier != NULL ? classifier->id : 0;
  self->trained_version = (int) anomaly->version;
  show_results (self);
}

static void
on_train_progress (double      fraction,
                   const char *stage,
                   gpointer    user_data)
{
  LcTrainPage *self = user_data;
  /* The anomaly model takes the first half of the bar when a classifier follows. */
  double share = self->anomaly == NULL && self->pending_classifier_set != NULL ? 0.5 : 1.0;
  double offset = self->anomaly != NULL ? 0.5 : 0.0;

  gtk_progress_bar_set_fraction (self->train_progress, offset + share * CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->train_progress, stage);
}

static void on_classifier_trained (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);

static void
on_anomaly_trained (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcTrainPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LcVisionModel *model = lc_vision_train_finish (result, &self->anomaly_validation, &error);

  if (model == NULL)
    {
      end_training (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, C_("train page", "Training Failed"), error->message);
      clear_training (self);
      return;
    }
  self->anomaly = model;
  if (self->pending_classifier_set != NULL && !g_cancellable_is_cancelled (self->train_cancellable))
    {
      LcVisionTrainingOptions options = { LC_VISION_MODEL_CLASSIFIER, NULL, 0 };

      lc_vision_train_async (g_steal_pointer (&self->pending_classifier_set), &options, on_train_progress, self, NULL,
                             self->train_cancellable, on_classifier_trained, g_object_ref (self));
      /* The slot is empty now: progress runs from one half to the end. */
      return;
    }
  finish_training (self);
}

static void
on_classifier_trained (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LcTrainPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->classifier = lc_vision_train_finish (result, &self->classifier_validation, &error);
  if (self->classifier == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          end_training (self);
          clear_training (self);
          return;
        }
      /* The anomaly model still judges good from bad: keep it, say why no names. */
      self->classifier_note = g_strdup_printf (_("No defect names this time: %s"), error->message);
    }
  finish_training (self);
}

void
lc_train_page_train (LcTrainPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) classifier_error = NULL;
  g_autoptr(LcVisionTrainingSet) anomaly_set = NULL;
  LcVisionTrainingOptions options = { LC_VISION_MODEL_ANOMALY, LC_LABEL_GOOD_CLASS, 0 };

  g_return_if_fail (LC_IS_TRAIN_PAGE (self));
  if (store == NULL || part_type_id (self) == 0 || self->train_cancellable != NULL)
    return;

  clear_training (self);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), FALSE);
  anomaly_set = lc_label_training_set_new (store, part_type_id (self), LC_VISION_MODEL_ANOMALY, &error);
  if (anomaly_set == NULL)
    {
      show_error (self, _("Not Enough Labelled Pictures"), error->message);
      return;
    }
  self->pending_classifier_set = lc_label_training_set_new (store, part_type_id (self), LC_VISION_MODEL_CLASSIFIER,
                                                            &classifier_error);
  if (self->pending_classifier_set == NULL)
    self->classifier_note = g_strdup_printf (_("No defect names this time: %s"), classifier_error->message);

  self->train_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->train_progress, 0);
  gtk_progress_bar_set_text (self->train_progress, C_("train page", "Starting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->train_box), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->train_button), FALSE);
  lc_vision_train_async (g_steal_pointer (&anomaly_set), &options, on_train_progress, self, NULL,
                         self->train_cancellable, on_anomaly_trained, g_object_ref (self));
}

gboolean
lc_train_page_is_training (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), FALSE);
  return self->train_cancellable != NULL;
}

gint64
lc_train_page_get_trained_model_id (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), 0);
  return self->trained_model_id;
}

GtkAdjustment *
lc_train_page_get_threshold_adjustment (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), NULL);
  return self->threshold_adjustment;
}

const char *
lc_train_page_get_validation_text (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), NULL);
  return gtk_label_get_text (self->result_words);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  lc_train_page_train (LC_TRAIN_PAGE (widget));
}

static void
cancel_training_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);

  if (self->train_cancellable != NULL)
    g_cancellable_cancel (self->train_cancellable);
}

static void
recommended_threshold_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);

  if (self->anomaly_validation != NULL)
    gtk_adjustment_set_value (self->threshold_adjustment,
                              lc_vision_validation_get_recommended_threshold (self->anomaly_validation));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->trained_model_id == 0)
    return;
  if (!lc_label_activate_model (lc_page_get_store (LC_PAGE (self)), part_type_id (self), self->trained_model_id,
                                self->anomaly, self->trained_classifier_id, &error))
    {
      show_error (self, _("The Model Was Not Activated"), error->message);
      return;
    }
  update_active_model (self);
}

/* Actions. */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Folder of Pictures"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stop_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
run_or_show (LcTrainPage *self,
             gboolean     ok,
             GError      *error)
{
  if (!ok)
    {
      show_error (self, _("The Labels Were Not Changed"), error->message);
      g_error_free (error);
    }
}

static void
good_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  LcLabelImage *image = lc_train_page_get_current (self);
  GError *error = NULL;

  if (image != NULL)
    run_or_show (self, lc_label_session_mark_good (self->session, lc_label_image_get_id (image), &error), error);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  LcLabelImage *image = lc_train_page_get_current (self);
  GError *error = NULL;

  if (image != NULL)
    run_or_show (self, lc_label_session_clear (self->session, lc_label_image_get_id (image), &error), error);
}

static void
whole_picture_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  LcLabelImage *image = lc_train_page_get_current (self);
  g_autoptr(LcAnnotation) box = NULL;

  if (image == NULL)
    return;
  box = lc_annotation_new_box (self->defect_class_id, 0, 0, lc_label_image_get_width (image),
                               lc_label_image_get_height (image));
  add_region (self, box);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  GError *error = NULL;

  lc_label_canvas_cancel (self->canvas);
  run_or_show (self, lc_label_session_undo (self->session, &error), error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  GError *error = NULL;

  run_or_show (self, lc_label_session_redo (self->session, &error), error);
}

static void
step (LcTrainPage *self,
      int          delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->images));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  if ((delta < 0 && selected == 0) || (delta > 0 && selected + 1 >= n))
    return;
  next = selected + delta;
  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", next);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (LC_TRAIN_PAGE (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (LC_TRAIN_PAGE (widget), -1);
}

static void
class_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->classes_list, g_variant_get_int32 (parameter) - 1);

  if (row != NULL && gtk_list_box_row_get_selectable (row))
    gtk_list_box_select_row (self->classes_list, row);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcTrainPage *self = LC_TRAIN_PAGE (widget);
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  double x = gtk_widget_get_width (canvas) / 2.0, y = gtk_widget_get_height (canvas) / 2.0;

  if (g_str_equal (action_name, "label.zoom-in"))
    lc_label_canvas_zoom_at (self->canvas, 1.5, x, y);
  else if (g_str_equal (action_name, "label.zoom-out"))
    lc_label_canvas_zoom_at (self->canvas, 1 / 1.5, x, y);
  else
    lc_label_canvas_fit (self->canvas);
}

static void
finish_outline_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lc_label_canvas_finish_polygon (LC_TRAIN_PAGE (widget)->canvas);
}

static void
cancel_drawing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lc_label_canvas_cancel (LC_TRAIN_PAGE (widget)->canvas);
}

static const struct
{
  const char  *name;
  LcLabelTool  tool;
} tools[] = {
  { "box", LC_LABEL_TOOL_BOX },
  { "polygon", LC_LABEL_TOOL_POLYGON },
  { "brush", LC_LABEL_TOOL_BRUSH },
  { "eraser", LC_LABEL_TOOL_ERASER },
  { "pan", LC_LABEL_TOOL_PAN },
};

static void
set_tool (LcTrainPage *self,
          const char  *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (g_strcmp0 (name, tools[i].name) == 0)
      {
        g_free (self->tool);
        self->tool = g_strdup (name);
        lc_label_canvas_set_tool (self->canvas, tools[i].tool);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
        return;
      }
}

gboolean
lc_train_page_activate_key (LcTrainPage     *self,
                            guint            keyval,
                            GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  GListModel *list = G_LIST_MODEL (self->shortcuts);

  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (list, i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (self),
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
}

static void
add_shortcut (LcTrainPage     *self,
              guint            keyval,
              GdkModifierType  modifiers,
              const char      *action,
              GVariant        *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (self->shortcuts, shortcut);
}

static void
setup_shortcuts (LcTrainPage *self)
{
  static const guint digit_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4, GDK_KEY_5,
                                      GDK_KEY_6, GDK_KEY_7, GDK_KEY_8, GDK_KEY_9 };

  self->shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  /* Before the grid and the buttons: arrows step through pictures wherever the focus is. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->shortcuts), GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (digit_keys); i++)
    {
      add_shortcut (self, digit_keys[i], 0, "label.class", g_variant_new_int32 (i + 1));
      add_shortcut (self, GDK_KEY_KP_1 + i, 0, "label.class", g_variant_new_int32 (i + 1));
    }
  add_shortcut (self, GDK_KEY_g, 0, "label.good", NULL);
  add_shortcut (self, GDK_KEY_Right, 0, "label.next", NULL);
  add_shortcut (self, GDK_KEY_Left, 0, "label.previous", NULL);
  add_shortcut (self, GDK_KEY_z, GDK_CONTROL_MASK, "label.undo", NULL);
  add_shortcut (self, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "label.redo", NULL);
  add_shortcut (self, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "label.redo", NULL);
  add_shortcut (self, GDK_KEY_Return, 0, "label.finish-outline", NULL);
  add_shortcut (self, GDK_KEY_Escape, 0, "label.cancel-drawing", NULL);
  add_shortcut (self, GDK_KEY_b, 0, "label.tool", g_variant_new_string ("box"));
  add_shortcut (self, GDK_KEY_o, 0, "label.tool", g_variant_new_string ("polygon"));
  add_shortcut (self, GDK_KEY_r, 0, "label.tool", g_variant_new_string ("brush"));
  add_shortcut (self, GDK_KEY_e, 0, "label.tool", g_variant_new_string ("eraser"));
  add_shortcut (self, GDK_KEY_h, 0, "label.tool", g_variant_new_string ("pan"));
  add_shortcut (self, GDK_KEY_plus, 0, "label.zoom-in", NULL);
  add_shortcut (self, GDK_KEY_equal, 0, "label.zoom-in", NULL);
  add_shortcut (self, GDK_KEY_minus, 0, "label.zoom-out", NULL);
  add_shortcut (self, GDK_KEY_0, 0, "label.zoom-fit", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->shortcuts));
}

static void
update_actions (LcTrainPage *self)
{
  gboolean has_picture = lc_train_page_get_current (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.undo",
                                 self->session != NULL && lc_label_session_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.redo",
                                 self->session != NULL && lc_label_session_can_redo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.good", has_picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.clear", has_picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.whole-picture", has_picture);
}

/* LcPage. */

static void
part_or_store_changed (LcTrainPage *self)
{
  LcStore *store = lc_page_get_store (LC_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, store != NULL && part_type_id (self) != 0 ? "label" : "no-part");
  if (store != NULL && self->session == NULL)
    {
      self->session = lc_label_session_new (store);
      g_signal_connect_object (self->session, "changed", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }
  if (self->session != NULL)
    lc_label_session_reset (self->session);
  if (self->train_cancellable != NULL)
    g_cancellable_cancel (self->train_cancellable);
  clear_training (self);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), FALSE);
  rebuild_classes (self);
  rebuild_filters (self);
  reload_images (self, 0);
  update_actions (self);
  update_active_model (self);
}

static void
lc_train_page_store_changed (LcPage *page)
{
  LcTrainPage *self = LC_TRAIN_PAGE (page);
  LcStore *store = lc_page_get_store (page);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::image", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::inspection", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  part_or_store_changed (self);
}

static void
lc_train_page_part_type_changed (LcPage *page)
{
  part_or_store_changed (LC_TRAIN_PAGE (page));
}

/* An import under way would land in the part type it started for; say so. */
static char *
lc_train_page_changeover_blocked (LcPage *page)
{
  LcTrainPage *self = LC_TRAIN_PAGE (page);

  if (self->train_cancellable != NULL)
    return g_strdup (_("A model is being trained for this part type; changeover stops the training."));
  if (self->import_cancellable == NULL)
    return NULL;
  return g_strdup (_("A folder of pictures is being imported for this part type; changeover stops the import "
                     "(the pictures imported so far are kept)."));
}

static void
lc_train_page_discard (LcPage *page)
{
  LcTrainPage *self = LC_TRAIN_PAGE (page);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->train_cancellable != NULL)
    g_cancellable_cancel (self->train_cancellable);
}

LcLabelCanvas *
lc_train_page_get_canvas (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), NULL);
  return self->canvas;
}

LcLabelSession *
lc_train_page_get_session (LcTrainPage *self)
{
  g_return_val_if_fail (LC_IS_TRAIN_PAGE (self), NULL);
  return self->session;
}

static void
lc_train_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LcTrainPage *self = LC_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_train_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LcTrainPage *self = LC_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      set_tool (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_train_page_dispose (GObject *object)
{
  LcTrainPage *self = LC_TRAIN_PAGE (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->train_cancellable != NULL)
    g_cancellable_cancel (self->train_cancellable);
  g_clear_object (&self->train_cancellable);
  clear_training (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_TRAIN_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->images);
  g_clear_object (&self->annotations);
  g_clear_object (&self->session);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->masks, g_hash_table_unref);

  G_OBJECT_CLASS (lc_train_page_parent_class)->dispose (object);
}

static void
lc_train_page_finalize (GObject *object)
{
  LcTrainPage *self = LC_TRAIN_PAGE (object);

  g_array_unref (self->filters);
  g_free (self->tool);

  G_OBJECT_CLASS (lc_train_page_parent_class)->finalize (object);
}

static void
lc_train_page_class_init (LcTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LcPageClass *page_class = LC_PAGE_CLASS (klass);

  object_class->dispose = lc_train_page_dispose;
  object_class->finalize = lc_train_page_finalize;
  object_class->get_property = lc_train_page_get_property;
  object_class->set_property = lc_train_page_set_property;
  page_class->store_changed = lc_train_page_store_changed;
  page_class->part_type_changed = lc_train_page_part_type_changed;
  page_class->changeover_blocked = lc_train_page_changeover_blocked;
  page_class->discard = lc_train_page_discard;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "box",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LC_TYPE_LABEL_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, import_box);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, brush_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, classes_list);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, regions_list);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, side_box);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, active_model_label);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, train_box);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, train_progress);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, result_words);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, recommended_button);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, classifier_words);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, confusion_grid);
  gtk_widget_class_bind_template_child (widget_class, LcTrainPage, activate_button);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_brush_size_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_box_drawn);
  gtk_widget_class_bind_template_callback (widget_class, on_polygon_drawn);
  gtk_widget_class_bind_template_callback (widget_class, on_mask_drawn);
  gtk_widget_class_bind_template_callback (widget_class, on_class_row_selected);

  gtk_widget_class_install_property_action (widget_class, "label.tool", "tool");
  gtk_widget_class_install_action (widget_class, "label.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "label.stop-import", NULL, stop_import_action);
  gtk_widget_class_install_action (widget_class, "label.good", NULL, good_action);
  gtk_widget_class_install_action (widget_class, "label.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "label.whole-picture", NULL, whole_picture_action);
  gtk_widget_class_install_action (widget_class, "label.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "label.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "label.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "label.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "label.class", "i", class_action);
  gtk_widget_class_install_action (widget_class, "label.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "label.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "label.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "label.finish-outline", NULL, finish_outline_action);
  gtk_widget_class_install_action (widget_class, "label.cancel-drawing", NULL, cancel_drawing_action);
  gtk_widget_class_install_action (widget_class, "label.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "label.cancel-training", NULL, cancel_training_action);
  gtk_widget_class_install_action (widget_class, "label.recommended-threshold", NULL, recommended_threshold_action);
  gtk_widget_class_install_action (widget_class, "label.activate", NULL, activate_action);
}

static void
lc_train_page_init (LcTrainPage *self)
{
  GtkListItemFactory *factory;

  self->tool = g_strdup ("box");
  self->filters = g_array_new (FALSE, FALSE, sizeof (FilterEntry));
  self->images = g_list_store_new (LC_TYPE_LABEL_IMAGE);
  self->annotations = g_list_store_new (LC_TYPE_ANNOTATION);
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->masks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cairo_surface_destroy);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->images)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));

  setup_shortcuts (self);
  lc_label_canvas_set_brush_radius (self->canvas, gtk_adjustment_get_value (self->brush_adjustment));
  rebuild_filters (self);
  rebuild_regions (self);
  update_position (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "no-part");
}

GtkWidget *
lc_train_page_new (void)
{
  return g_object_new (LC_TYPE_TRAIN_PAGE, NULL);
}

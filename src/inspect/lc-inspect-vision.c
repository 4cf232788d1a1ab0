#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-inspect-vision.h"
#include "vision/lc-vision-model-store.h"

struct _LcInspectVision
{
  GObject        parent_instance;

  LcPartType    *part_type;
  LcVisionModel *anomaly;
  gint64         anomaly_id;
  int            anomaly_version;
  LcVisionModel *classifier;
  gint64         classifier_id;
  int            classifier_version;
  GString       *problem;
};

G_DEFINE_FINAL_TYPE (LcInspectVision, lc_inspect_vision, G_TYPE_OBJECT)

static void
lc_inspect_vision_finalize (GObject *object)
{
  LcInspectVision *self = LC_INSPECT_VISION (object);

  g_clear_object (&self->part_type);
  g_clear_pointer (&self->anomaly, lc_vision_model_unref);
  g_clear_pointer (&self->classifier, lc_vision_model_unref);
  g_string_free (self->problem, TRUE);

  G_OBJECT_CLASS (lc_inspect_vision_parent_class)->finalize (object);
}

static void
lc_inspect_vision_class_init (LcInspectVisionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_inspect_vision_finalize;
}

static void
lc_inspect_vision_init (LcInspectVision *self)
{
  self->problem = g_string_new (NULL);
}

/* Loads the active model of @kind; a file that cannot be used is a problem in words, not an
 * error: the part is still inspected on its gauges. FALSE only for a database error. */
static gboolean
load_active (LcInspectVision    *self,
             LcStore            *store,
             LcVisionModelKind   kind,
             LcVisionModel     **model,
             gint64             *id,
             int                *version,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LcVisionModelRecord) record = NULL;
  LcVisionModel *loaded;

  record = lc_vision_model_store_get_active (store, lc_part_type_get_id (self->part_type), kind, error);
  if (record == NULL)
    return error == NULL || *error == NULL;

  if (!g_file_test (record->file, G_FILE_TEST_EXISTS))
    g_set_error (&local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 _("its file %s is missing"), record->file);
  loaded = local_error == NULL ? lc_vision_model_load (record->file, &local_error) : NULL;
  if (loaded == NULL)
    {
      if (self->problem->len > 0)
        g_string_append_c (self->problem, ' ');
      g_string_append_printf (self->problem,
                              kind == LC_VISION_MODEL_ANOMALY
                                ? _("The defect-finding model (version %u) cannot be used: %s.")
                                : _("The defect-naming model (version %u) cannot be used: %s."),
                              record->version, local_error->message);
      return TRUE;
    }
  *model = loaded;
  *id = record->id;
  *version = (int) record->version;
  return TRUE;
}

LcInspectVision *
lc_inspect_vision_new_for_part_type (LcStore     *store,
                                     LcPartType  *part_type,
                                     GError     **error)
{
  g_autoptr(LcInspectVision) self = NULL;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);
  g_return_val_if_fail (LC_IS_PART_TYPE (part_type), NULL);

  self = g_object_new (LC_TYPE_INSPECT_VISION, NULL);
  self->part_type = g_object_ref (part_type);
  if (!load_active (self, store, LC_VISION_MODEL_ANOMALY, &self->anomaly, &self->anomaly_id,
                    &self->anomaly_version, error) ||
      !load_active (self, store, LC_VISION_MODEL_CLASSIFIER, &self->classifier, &self->classifier_id,
                    &self->classifier_version, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
lc_inspect_vision_has_model (LcInspectVision *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VISION (self), FALSE);
  return self->anomaly != NULL || self->classifier != NULL;
}

const char *
lc_inspect_vision_get_problem (LcInspectVision *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VISION (self), NULL);
  return self->problem->len > 0 ? self->problem->str : NULL;
}

gint64
lc_inspect_vision_get_model_id (LcInspectVision *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VISION (self), 0);
  return self->anomaly != NULL ? self->anomaly_id : self->classifier_id;
}

int
lc_inspect_vision_get_model_version (LcInspectVision *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VISION (self), 0);
  return self->anomaly != NULL ? self->anomaly_version : self->classifier_version;
}

gint64
lc_inspect_vision_get_classifier_id (LcInspectVision *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_VISION (self), 0);
  return self->classifier != NULL ? self->classifier_id : 0;
}

guint8 *
lc_inspect_vision_cut_patch (const guint8 *gray,
                             int           width,
                             int           height,
                             int           stride,
                             double        cx,
                             double        cy)
{
  const int n = LC_INSPECT_VISION_PATCH;
  double side = MAX (height * LC_INSPECT_VISION_PATCH_SHARE, 1.0);
  double step = side / n;
  double x0 = cx - side / 2;
  double y0 = cy - side / 2;
  guint8 *patch = g_malloc (n * n);

  /* A box filter: each patch pixel is the mean of the picture pixels it covers (at least
   * one), which is what an area resize does. */
  for (int j = 0; j < n; j++)
    {
      int ya = (int) floor (y0 + j * step);
      int yb = MAX ((int) floor (y0 + (j + 1) * step), ya + 1);

      for (int i = 0; i < n; i++)
        {
          int xa = (int) floor (x0 + i * step);
          int xb = MAX ((int) floor (x0 + (i + 1) * step), xa + 1);
          guint sum = 0;
          guint count = 0;

          for (int y = ya; y < yb; y++)
            {
              const guint8 *row = gray + (gsize) CLAMP (y, 0, height - 1) * stride;

              for (int x = xa; x < xb; x++)
                sum += row[CLAMP (x, 0, width - 1)];
              count += xb - xa;
            }
          patch[j * n + i] = (guint8) (sum / count);
        }
    }
  return patch;
}

static LcAnnotationRecord *
region_new (const LcVisionRegion *region,
            gint64                defect_class_id,
            gint64                model_id,
            double                score)
{
  LcAnnotationRecord *record = g_new0 (LcAnnotationRecord, 1);

  record->defect_class_id = defect_class_id;
  record->shape = g_strdup ("box");
  record->geometry = g_strdup_printf ("{\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d}",
                                      region->x, region->y, region->width, region->height);
  record->author = g_strdup ("model");
  record->model_id = model_id;
  record->score = score;
  return record;
}

/* The classifier's classes are the part type's defect class names (as stored, untranslated). */
static LcDefectClass *
class_of (LcInspectVision          *self,
          const LcVisionPrediction *prediction)
{
  const char *name = lc_vision_prediction_get_class_name (prediction);

  return name != NULL ? lc_part_type_find_defect_class (self->part_type, name) : NULL;
}

gboolean
lc_inspect_vision_analyze (LcFrame              *frame,
                           gint64                model_id,
                           LcInspectSuggestion  *suggestion,
                           gpointer              user_data,
                           GError              **error)
{
  LcInspectVision *self = LC_INSPECT_VISION (user_data);
  g_autoptr(LcFrame) gray = lc_frame_to_gray (frame);
  const guint8 *pixels = lc_frame_get_pixels (gray);
  int width = lc_frame_get_width (gray);
  int height = lc_frame_get_height (gray);
  int stride = lc_frame_get_stride (gray);
  g_autoptr(LcVisionPrediction) found = NULL;
  double best_heat = -1;

  suggestion->model_id = lc_inspect_vision_get_model_id (self);
  suggestion->regions = g_ptr_array_new_with_free_func (lc_annotation_record_free);

  if (self->anomaly == NULL)
    {
      /* A classifier alone names what the whole picture shows; it cannot say "good". */
      g_autoptr(LcVisionPrediction) named = lc_vision_model_predict_gray (self->classifier, pixels, width, height,
                                                                          stride, error);
      LcDefectClass *defect_class;
      LcVisionRegion whole = { 0, 0, width, height, 1.0, 0 };

      if (named == NULL)
        return FALSE;
      defect_class = class_of (self, named);
      suggestion->confidence = lc_vision_prediction_get_confidence (named);
      suggestion->score = lc_vision_prediction_get_score (named);
      suggestion->confident = suggestion->confidence >= LC_INSPECT_VISION_CONFIDENT;
      suggestion->verdict = defect_class != NULL ? LC_VERDICT_FAIL : LC_VERDICT_PASS;
      if (defect_class != NULL)
        {
          suggestion->defect_class_id = lc_defect_class_get_id (defect_class);
          g_ptr_array_add (suggestion->regions, region_new (&whole, suggestion->defect_class_id,
                                                            self->classifier_id, suggestion->confidence));
        }
      return TRUE;
    }

  found = lc_vision_model_predict_gray (self->anomaly, pixels, width, height, stride, error);
  if (found == NULL)
    return FALSE;
  suggestion->score = lc_vision_prediction_get_score (found);
  suggestion->confidence = lc_vision_prediction_get_confidence (found);
  suggestion->confident = suggestion->confidence >= LC_INSPECT_VISION_CONFIDENT;
  suggestion->verdict = lc_vision_prediction_is_defective (found) ? LC_VERDICT_FAIL : LC_VERDICT_PASS;
  {
    int heat_width = 0, heat_height = 0;
    const float *heat = lc_vision_prediction_get_heat_map (found, &heat_width, &heat_height);

    if (heat != NULL && heat_width > 0 && heat_height > 0)
      {
        suggestion->heat_map = g_bytes_new (heat, sizeof (float) * heat_width * heat_height);
        suggestion->heat_width = heat_width;
        suggestion->heat_height = heat_height;
      }
  }

  /* Each suspicious region is named by the classifier from a patch around it; the hottest
   * region's class is the one the fail is prefilled with. */
  for (guint i = 0; i < lc_vision_prediction_get_n_regions (found); i++)
    {
      const LcVisionRegion *region = lc_vision_prediction_get_region (found, i);
      LcDefectClass *defect_class = NULL;
      double score = region->score;
      gint64 by = self->anomaly_id;

      if (self->classifier != NULL)
        {
          g_autofree guint8 *patch = lc_inspect_vision_cut_patch (pixels, width, height, stride,
                                                                  region->x + region->width / 2.0,
                                                                  region->y + region->height / 2.0);
          g_autoptr(LcVisionPrediction) named = lc_vision_model_predict_gray (self->classifier, patch,
                                                                              LC_INSPECT_VISION_PATCH,
                                                                              LC_INSPECT_VISION_PATCH,
                                                                              LC_INSPECT_VISION_PATCH, error);
          if (named == NULL)
            return FALSE;
          defect_class = class_of (self, named);
          score = lc_vision_prediction_get_confidence (named);
          by = self->classifier_id;
        }
      g_ptr_array_add (suggestion->regions,
                       region_new (region, defect_class != NULL ? lc_defect_class_get_id (defect_class) : 0, by, score));
      if (region->score > best_heat && suggestion->verdict == LC_VERDICT_FAIL)
        {
          best_heat = region->score;
          suggestion->defect_class_id = defect_class != NULL ? lc_defect_class_get_id (defect_class) : 0;
        }
    }
  return TRUE;
}

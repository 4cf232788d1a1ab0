/* LcVisionValidation: held-out figures of a trained model, in numbers and in plain words. */

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lc-vision-model.h"
#include "lc-vision-validation.h"

struct _LcVisionValidation
{
  LcVisionModelKind kind;
  GStrv             classes;
  guint             n_classes;
  int               good_index;   /* classifier: the good class, or -1 */
  guint             n_folds;
  guint            *confusion;
  GArray           *good_scores;
  GArray           *defective_scores;
  double            recommended;
};

/* Declared for the C++ trainer in lc-vision-private.hpp. */
LcVisionValidation *_lc_vision_validation_new (LcVisionModelKind   kind,
                                               const char * const *classes,
                                               int                 good_index,
                                               guint               n_folds);
void _lc_vision_validation_add_prediction (LcVisionValidation *self,
                                           guint               true_class,
                                           guint               predicted_class);
void _lc_vision_validation_add_score (LcVisionValidation *self,
                                      gboolean            defective,
                                      double              score);
void _lc_vision_validation_finish (LcVisionValidation *self);

LcVisionValidation *
_lc_vision_validation_new (LcVisionModelKind   kind,
                           const char * const *classes,
                           int                 good_index,
                           guint               n_folds)
{
  LcVisionValidation *self = g_new0 (LcVisionValidation, 1);

  self->kind = kind;
  self->classes = g_strdupv ((char **) classes);
  self->n_classes = g_strv_length (self->classes);
  self->good_index = good_index;
  self->n_folds = n_folds;
  self->confusion = g_new0 (guint, self->n_classes * self->n_classes);
  self->good_scores = g_array_new (FALSE, FALSE, sizeof (double));
  self->defective_scores = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
lc_vision_validation_free (LcVisionValidation *self)
{
  g_strfreev (self->classes);
  g_free (self->confusion);
  g_array_unref (self->good_scores);
  g_array_unref (self->defective_scores);
  g_free (self);
}

void
_lc_vision_validation_add_prediction (LcVisionValidation *self,
                                      guint               true_class,
                                      guint               predicted_class)
{
  g_return_if_fail (true_class < self->n_classes && predicted_class < self->n_classes);
  self->confusion[true_class * self->n_classes + predicted_class]++;
}

void
_lc_vision_validation_add_score (LcVisionValidation *self,
                                 gboolean            defective,
                                 double              score)
{
  g_array_append_val (defective ? self->defective_scores : self->good_scores, score);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

void
_lc_vision_validation_finish (LcVisionValidation *self)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  double best_cost = G_MAXDOUBLE;
  guint missed, n_defective, rejected, n_good;

  if (self->kind != LC_VISION_MODEL_ANOMALY || self->good_scores->len == 0)
    return;
  g_array_sort (self->good_scores, compare_doubles);
  g_array_sort (self->defective_scores, compare_doubles);

  /* No defects to tune with: just above the highest held-out good score (5% above, so that a
   * good part a little rougher than any seen is not rejected at once). */
  self->recommended = g_array_index (self->good_scores, double, self->good_scores->len - 1) * 1.05;
  if (self->defective_scores->len > 0)
    {
      g_array_append_vals (all, self->good_scores->data, self->good_scores->len);
      g_array_append_vals (all, self->defective_scores->data, self->defective_scores->len);
      g_array_sort (all, compare_doubles);
      /* A missed defect reaches the customer, a rejected good part costs a second look: the
       * recommended threshold weighs a miss twice. Candidates lie between neighbouring scores. */
      for (guint i = 0; i < all->len; i++)
        {
          double t = i + 1 < all->len ? (g_array_index (all, double, i) + g_array_index (all, double, i + 1)) / 2
                                      : g_array_index (all, double, i) * 1.05;
          double cost;
          lc_vision_validation_count_at (self, t, &missed, &n_defective, &rejected, &n_good);
          cost = 2.0 * missed + rejected;
          if (cost < best_cost)
            {
              best_cost = cost;
              self->recommended = t;
            }
        }
    }
  lc_vision_validation_count_at (self, self->recommended, &missed, &n_defective, &rejected, &n_good);
  memset (self->confusion, 0, sizeof (guint) * 4);
  self->confusion[0] = n_good - rejected;
  self->confusion[1] = rejected;
  self->confusion[2] = missed;
  self->confusion[3] = n_defective - missed;
}

const char * const *
lc_vision_validation_get_classes (const LcVisionValidation *self,
                                  guint                    *n_classes)
{
  if (n_classes != NULL)
    *n_classes = self->n_classes;
  return (const char * const *) self->classes;
}

guint
lc_vision_validation_get_confusion (const LcVisionValidation *self,
                                    guint                     true_class,
                                    guint                     predicted_class)
{
  g_return_val_if_fail (true_class < self->n_classes && predicted_class < self->n_classes, 0);
  return self->confusion[true_class * self->n_classes + predicted_class];
}

double
lc_vision_validation_get_class_accuracy (const LcVisionValidation *self,
                                         guint                     class_index)
{
  guint total = 0;

  g_return_val_if_fail (class_index < self->n_classes, NAN);
  for (guint j = 0; j < self->n_classes; j++)
    total += self->confusion[class_index * self->n_classes + j];
  return total > 0 ? (double) self->confusion[class_index * self->n_classes + class_index] / total : NAN;
}

guint
lc_vision_validation_get_n_images (const LcVisionValidation *self)
{
  guint total = 0;

  for (guint i = 0; i < self->n_classes * self->n_classes; i++)
    total += self->confusion[i];
  return total;
}

double
lc_vision_validation_get_accuracy (const LcVisionValidation *self)
{
  guint total = lc_vision_validation_get_n_images (self), right = 0;

  for (guint i = 0; i < self->n_classes; i++)
    right += self->confusion[i * self->n_classes + i];
  return total > 0 ? (double) right / total : NAN;
}

guint
lc_vision_validation_get_n_folds (const LcVisionValidation *self)
{
  return self->n_folds;
}

const double *
lc_vision_validation_get_good_scores (const LcVisionValidation *self,
                                      guint                    *n)
{
  *n = self->good_scores->len;
  return (const double *) self->good_scores->data;
}

const double *
lc_vision_validation_get_defective_scores (const LcVisionValidation *self,
                                           guint                    *n)
{
  *n = self->defective_scores->len;
  return (const double *) self->defective_scores->data;
}

/* The Mann-Whitney statistic: the chance that a defective part scores above a good one. */
double
lc_vision_validation_get_auroc (const LcVisionValidation *self)
{
  double sum = 0;

  if (self->good_scores->len == 0 || self->defective_scores->len == 0)
    return NAN;
  for (guint i = 0; i < self->defective_scores->len; i++)
    for (guint j = 0; j < self->good_scores->len; j++)
      {
        double d = g_array_index (self->defective_scores, double, i), g = g_array_index (self->good_scores, double, j);
        sum += d > g ? 1.0 : d == g ? 0.5 : 0.0;
      }
  return sum / ((double) self->good_scores->len * self->defective_scores->len);
}

double
lc_vision_validation_get_recommended_threshold (const LcVisionValidation *self)
{
  return self->recommended;
}

void
lc_vision_validation_count_at (const LcVisionValidation *self,
                               double                    threshold,
                               guint                    *missed,
                               guint                    *n_defective,
                               guint                    *rejected,
                               guint                    *n_good)
{
  *missed = *rejected = *n_defective = *n_good = 0;
  if (self->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      /* Without scores to move, a classifier's figures are its confusion matrix read as
       * good against any defect class. */
      guint g = (guint) self->good_index;
      if (self->good_index < 0)
        return;
      for (guint i = 0; i < self->n_classes; i++)
        for (guint j = 0; j < self->n_classes; j++)
          {
            guint n = self->confusion[i * self->n_classes + j];
            if (i == g)
              *n_good += n, *rejected += j != g ? n : 0;
            else
              *n_defective += n, *missed += j == g ? n : 0;
          }
      return;
    }
  for (guint i = 0; i < self->good_scores->len; i++)
    *rejected += g_array_index (self->good_scores, double, i) >= threshold;
  for (guint i = 0; i < self->defective_scores->len; i++)
    *missed += g_array_index (self->defective_scores, double, i) < threshold;
  *n_good = self->good_scores->len;
  *n_defective = self->defective_scores->len;
}

char *
lc_vision_validation_describe (const LcVisionValidation *self,
                               double                    threshold)
{
  guint missed, n_defective, rejected, n_good;
  GString *text = g_string_new (NULL);

  lc_vision_validation_count_at (self, threshold, &missed, &n_defective, &rejected, &n_good);
  if (self->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      guint total = lc_vision_validation_get_n_images (self);
      g_string_append_printf (text, _("On %u pictures it had not trained on, it named the right class for %u (%.0f%%)."),
                              total, (guint) lround (lc_vision_validation_get_accuracy (self) * total),
                              100.0 * lc_vision_validation_get_accuracy (self));
      if (self->good_index < 0)
        return g_string_free (text, FALSE);
      g_string_append_c (text, ' ');
    }
  if (n_defective > 0)
    g_string_append_printf (text, _("Of %u defective parts it would have missed %u; of %u good parts it would have rejected %u."),
                            n_defective, missed, n_good, rejected);
  else
    {
      /* With no rejections among n good parts, the exact one-sided 95% upper bound of the
       * rejection rate is 1 - 0.05^(1/n) (Clopper-Pearson; about 3/n, the "rule of three"). */
      double bound = n_good > 0 ? 100.0 * (1.0 - pow (0.05, 1.0 / n_good)) : 100.0;
      g_string_append_printf (text, _("Of %u good parts it would have rejected %u."), n_good, rejected);
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              _("There were no pictures of defective parts, so nobody knows yet how many defects it would miss; the threshold comes from the good parts only. With %u good pictures we can only be 95%% sure that fewer than %.0f%% of good parts would be rejected: label defects and more good parts to be surer."),
                              n_good, rejected == 0 ? bound : 100.0 * MIN (1.0, (rejected + 3.0) / MAX (n_good, 1)));
    }
  return g_string_free (text, FALSE);
}

JsonNode *
lc_vision_validation_to_json (const LcVisionValidation *self,
                              double                    threshold)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *summary = lc_vision_validation_describe (self, threshold);
  guint missed, n_defective, rejected, n_good, n;
  const double *scores;
  double auroc = lc_vision_validation_get_auroc (self);

  lc_vision_validation_count_at (self, threshold, &missed, &n_defective, &rejected, &n_good);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lc_vision_model_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "folds");
  json_builder_add_int_value (builder, self->n_folds);
  json_builder_set_member_name (builder, "images");
  json_builder_add_int_value (builder, lc_vision_validation_get_n_images (self));
  json_builder_set_member_name (builder, "accuracy");
  json_builder_add_double_value (builder, lc_vision_validation_get_accuracy (self));
  json_builder_set_member_name (builder, "classes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_classes; i++)
    json_builder_add_string_value (builder, self->classes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "per_class");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->n_classes; i++)
    {
      double a = lc_vision_validation_get_class_accuracy (self, i);
      json_builder_set_member_name (builder, self->classes[i]);
      if (isnan (a))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, a);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "confusion");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_classes; i++)
    {
      json_builder_begin_array (builder);
      for (guint j = 0; j < self->n_classes; j++)
        json_builder_add_int_value (builder, self->confusion[i * self->n_classes + j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "missed");
  json_builder_add_int_value (builder, missed);
  json_builder_set_member_name (builder, "defective");
  json_builder_add_int_value (builder, n_defective);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, rejected);
  json_builder_set_member_name (builder, "good");
  json_builder_add_int_value (builder, n_good);
  if (self->kind == LC_VISION_MODEL_ANOMALY)
    {
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_double_value (builder, threshold);
      json_builder_set_member_name (builder, "recommended_threshold");
      json_builder_add_double_value (builder, self->recommended);
      json_builder_set_member_name (builder, "auroc");
      if (isnan (auroc))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, auroc);
      scores = lc_vision_validation_get_good_scores (self, &n);
      json_builder_set_member_name (builder, "good_scores");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        json_builder_add_double_value (builder, scores[i]);
      json_builder_end_array (builder);
      scores = lc_vision_validation_get_defective_scores (self, &n);
      json_builder_set_member_name (builder, "defective_scores");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        json_builder_add_double_value (builder, scores[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* LcVisionModel: the trained model, its file, and inference. */

#include "lc-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "lc-vision-private.hpp"

/* The file starts with this magic and ends with the SHA-256 of everything before it, so a
 * damaged or foreign file is refused before any of it is parsed. */
static const char model_magic[8] = { 'L', 'C', 'V', 'I', 'S', 'I', 'O', 'N' };
#define CHECKSUM_LENGTH 32

LcVisionModel *
_lc_vision_model_new (LcVisionModelKind kind)
{
  LcVisionModel *self = new _LcVisionModel ();

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->threshold = 0;
  self->parameters_json = "{}";
  self->training_set_json = "{}";
  self->metrics_json = "{}";
  return self;
}

void
_lc_vision_model_set_classes (LcVisionModel                  *self,
                              const std::vector<std::string> &classes)
{
  self->classes = classes;
  self->class_ptrs.clear ();
  for (const std::string &name : self->classes)
    self->class_ptrs.push_back (name.c_str ());
  self->class_ptrs.push_back (nullptr);
}

LcVisionModel *
lc_vision_model_ref (LcVisionModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lc_vision_model_unref (LcVisionModel *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    delete self;
}

LcVisionModelKind
lc_vision_model_get_kind (LcVisionModel *self)
{
  return self->kind;
}

const char *
lc_vision_model_kind_to_string (LcVisionModelKind kind)
{
  return kind == LC_VISION_MODEL_ANOMALY ? "anomaly" : "classifier";
}

gboolean
lc_vision_model_kind_from_string (const char        *text,
                                  LcVisionModelKind *kind)
{
  if (g_strcmp0 (text, "anomaly") == 0)
    *kind = LC_VISION_MODEL_ANOMALY;
  else if (g_strcmp0 (text, "classifier") == 0)
    *kind = LC_VISION_MODEL_CLASSIFIER;
  else
    return FALSE;
  return TRUE;
}

const char * const *
lc_vision_model_get_classes (LcVisionModel *self,
                             guint         *n_classes)
{
  if (n_classes != NULL)
    *n_classes = (guint) self->classes.size ();
  return self->class_ptrs.data ();
}

double
lc_vision_model_get_threshold (LcVisionModel *self)
{
  return self->threshold;
}

void
lc_vision_model_set_threshold (LcVisionModel *self,
                               double         threshold)
{
  self->threshold = threshold;
}

const char *
lc_vision_model_get_parameters_json (LcVisionModel *self)
{
  return self->parameters_json.c_str ();
}

const char *
lc_vision_model_get_training_set_json (LcVisionModel *self)
{
  return self->training_set_json.c_str ();
}

const char *
lc_vision_model_get_metrics_json (LcVisionModel *self)
{
  return self->metrics_json.c_str ();
}

/* ---- the file ---- */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_blob (GByteArray  *out,
          const void  *data,
          gsize        length)
{
  put_u32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) data, (guint) length);
}

static void
put_matrix (GByteArray    *out,
            const cv::Mat &matrix)
{
  cv::Mat m = matrix.isContinuous () ? matrix : matrix.clone ();
  put_u32 (out, (guint32) m.rows);
  put_u32 (out, (guint32) m.cols);
  put_blob (out, m.data, m.total () * sizeof (float));
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static gboolean
get_u32 (Reader  *reader,
         guint32 *value)
{
  guint32 le;
  if (reader->length - reader->offset < 4)
    return FALSE;
  memcpy (&le, reader->data + reader->offset, 4);
  reader->offset += 4;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
get_blob (Reader        *reader,
          const guint8 **data,
          gsize         *length)
{
  guint32 n;
  if (!get_u32 (reader, &n) || reader->length - reader->offset < n)
    return FALSE;
  *data = reader->data + reader->offset;
  *length = n;
  reader->offset += n;
  return TRUE;
}

static gboolean
get_matrix (Reader  *reader,
            cv::Mat *matrix)
{
  guint32 rows, cols;
  const guint8 *data;
  gsize length;

  if (!get_u32 (reader, &rows) || !get_u32 (reader, &cols) || !get_blob (reader, &data, &length))
    return FALSE;
  if (rows > (1u << 24) || cols > (1u << 16) || (gsize) rows * cols * sizeof (float) != length)
    return FALSE;
  *matrix = cv::Mat ((int) rows, (int) cols, CV_32F);
  if (length > 0)
    memcpy (matrix->data, data, length);
  return TRUE;
}

static char *
header_json (LcVisionModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  struct { const char *key; const std::string *text; } parts[] = {
    { "parameters", &self->parameters_json },
    { "training_set", &self->training_set_json },
    { "metrics", &self->metrics_json },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lc_vision_model_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "classes");
  json_builder_begin_array (builder);
  for (const std::string &name : self->classes)
    json_builder_add_string_value (builder, name.c_str ());
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, self->threshold);
  json_builder_set_member_name (builder, "svm_labels");
  json_builder_begin_array (builder);
  for (int label : self->svm_labels)
    json_builder_add_int_value (builder, label);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "texture_max_side");
  json_builder_add_int_value (builder, self->texture.max_side);
  json_builder_set_member_name (builder, "patch_max_side");
  json_builder_add_int_value (builder, self->patch.max_side);
  json_builder_set_member_name (builder, "patch_stride");
  json_builder_add_int_value (builder, self->patch.stride);
  json_builder_set_member_name (builder, "patch_score_margin");
  json_builder_add_int_value (builder, self->patch.score_margin);
  json_builder_set_member_name (builder, "knn_scale");
  json_builder_add_double_value (builder, self->knn_scale);
  json_builder_set_member_name (builder, "mlp_scale");
  json_builder_add_double_value (builder, self->mlp_scale);
  for (auto &part : parts)
    {
      JsonNode *node = json_from_string (part.text->c_str (), NULL);
      json_builder_set_member_name (builder, part.key);
      json_builder_add_value (builder, node != NULL ? node : json_node_new (JSON_NODE_NULL));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
lc_vision_model_save (LcVisionModel *self,
                      const char    *path,
                      GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *header = header_json (self);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[CHECKSUM_LENGTH];
  gsize digest_length = sizeof digest;

  g_byte_array_append (out, (const guint8 *) model_magic, sizeof model_magic);
  put_u32 (out, LC_VISION_MODEL_FORMAT_VERSION);
  put_blob (out, header, strlen (header));
  if (self->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      std::string svm_text;
      try
        {
          cv::FileStorage storage (".yml", cv::FileStorage::WRITE | cv::FileStorage::MEMORY);
          self->svm->write (storage);
          svm_text = storage.releaseAndGetString ();
        }
      catch (const cv::Exception &e)
        {
          g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_FAILED,
                       _("Could not write the model: %s"), e.what ());
          return FALSE;
        }
      put_blob (out, svm_text.data (), svm_text.size ());
    }
  else
    {
      put_matrix (out, self->feature_mean);
      put_matrix (out, self->feature_scale);
      put_matrix (out, self->bank);
      put_matrix (out, self->mlp_hidden);
      put_matrix (out, self->mlp_out);
    }
  g_checksum_update (checksum, out->data, out->len);
  g_checksum_get_digest (checksum, digest, &digest_length);
  g_byte_array_append (out, digest, CHECKSUM_LENGTH);

  if (!g_file_set_contents (path, (const char *) out->data, out->len, error))
    return FALSE;
  return TRUE;
}

/* The perceptron's layers must chain: features (+ bias) -> hidden (+ bias) -> one output,
 * with finite weights; or be absent altogether. */
static gboolean
perceptron_matches (LcVisionModel *self)
{
  if (self->mlp_hidden.empty () && self->mlp_out.empty ())
    return TRUE;
  return self->mlp_hidden.rows == self->feature_mean.cols + 1 && self->mlp_hidden.cols >= 1 &&
         self->mlp_out.rows == self->mlp_hidden.cols + 1 && self->mlp_out.cols == 1 &&
         cv::checkRange (self->mlp_hidden) && cv::checkRange (self->mlp_out);
}

static gboolean
damaged (GError    **error,
         const char *path)
{
  g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_FILE,
               _("“%s” is not a Linecheck model file, or it is damaged. Train the model again or pick another file."),
               path);
  return FALSE;
}

static std::string
member_json (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "{}";
  text = json_to_string (node, FALSE);
  return text;
}

/* _lc_vision_model_classify () evaluates the SVM's one-against-one decision functions itself,
 * indexing its kernel values by each function's support-vector indices: a damaged file must
 * not be able to point those outside the support vectors (found by the model-file fuzzer). */
static gboolean
svm_matches_labels (const cv::Ptr<cv::ml::SVM> &svm,
                    size_t                      n_labels)
{
  cv::Mat support = svm->getSupportVectors ();
  size_t n_pairs = n_labels * (n_labels - 1) / 2;

  if (svm->getKernelType () != cv::ml::SVM::RBF || support.type () != CV_32F || n_labels < 2)
    return FALSE;
  for (size_t pair = 0; pair < n_pairs; pair++)
    {
      cv::Mat alpha, index;

      svm->getDecisionFunction ((int) pair, alpha, index);
      if (alpha.type () != CV_64F || index.type () != CV_32S || alpha.total () != index.total ())
        return FALSE;
      for (size_t k = 0; k < index.total (); k++)
        if (index.at<int> ((int) k) < 0 || index.at<int> ((int) k) >= support.rows)
          return FALSE;
    }
  return TRUE;
}

static gboolean
parse_header (LcVisionModel *self,
              const guint8  *data,
              gsize          length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *classes, *labels;
  std::vector<std::string> names;

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) length, NULL))
    return FALSE;
  /* An empty or blank header parses to no root at all (found by the model-file fuzzer). */
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!lc_vision_model_kind_from_string (json_object_get_string_member_with_default (root, "kind", ""),
                                         &self->kind))
    return FALSE;
  if (!json_object_has_member (root, "classes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "classes")) ||
      !json_object_has_member (root, "svm_labels") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "svm_labels")))
    return FALSE;
  classes = json_object_get_array_member (root, "classes");
  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      const char *name = json_node_get_string (json_array_get_element (classes, i));
      if (name == NULL)
        return FALSE;
      names.push_back (name);
    }
  if (names.size () < 2)
    return FALSE;
  _lc_vision_model_set_classes (self, names);
  labels = json_object_get_array_member (root, "svm_labels");
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      gint64 label = json_array_get_int_element (labels, i);
      if (label < 0 || label >= (gint64) names.size ())
        return FALSE;
      self->svm_labels.push_back ((int) label);
    }
  self->threshold = json_object_get_double_member_with_default (root, "threshold", 0);
  self->texture.max_side = (int) json_object_get_int_member_with_default (root, "texture_max_side", 0);
  self->patch.max_side = (int) json_object_get_int_member_with_default (root, "patch_max_side", 0);
  self->patch.stride = (int) json_object_get_int_member_with_default (root, "patch_stride", 0);
  self->patch.score_margin = (int) json_object_get_int_member_with_default (root, "patch_score_margin", 0);
  self->knn_scale = json_object_get_double_member_with_default (root, "knn_scale", 1.0);
  self->mlp_scale = json_object_get_double_member_with_default (root, "mlp_scale", 1.0);
  if (!(self->knn_scale > 1e-9 && self->knn_scale < 1e9) || !(self->mlp_scale > 1e-9 && self->mlp_scale < 1e9))
    return FALSE;
  if (self->texture.max_side < 32 || self->texture.max_side > 4096 ||
      self->patch.max_side < 32 || self->patch.max_side > 4096 ||
      self->patch.stride < 1 || self->patch.stride > 64 ||
      self->patch.score_margin < 0 || self->patch.score_margin > 64 || !std::isfinite (self->threshold))
    return FALSE;
  self->parameters_json = member_json (root, "parameters");
  self->training_set_json = member_json (root, "training_set");
  self->metrics_json = member_json (root, "metrics");
  return TRUE;
}

LcVisionModel *
lc_vision_model_load (const char *path,
                      GError    **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[CHECKSUM_LENGTH];
  gsize digest_length = sizeof digest;
  Reader reader;
  guint32 version = 0;
  const guint8 *header;
  gsize header_length;
  LcVisionModel *self;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length < sizeof model_magic + 4 + CHECKSUM_LENGTH ||
      memcmp (contents, model_magic, sizeof model_magic) != 0)
    return (damaged (error, path), nullptr);
  g_checksum_update (checksum, (const guint8 *) contents, length - CHECKSUM_LENGTH);
  g_checksum_get_digest (checksum, digest, &digest_length);
  if (memcmp (digest, contents + length - CHECKSUM_LENGTH, CHECKSUM_LENGTH) != 0)
    return (damaged (error, path), nullptr);

  reader = { (const guint8 *) contents, length - CHECKSUM_LENGTH, sizeof model_magic };
  get_u32 (&reader, &version);
  if (version > LC_VISION_MODEL_FORMAT_VERSION)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_VERSION,
                   _("The model “%s” was made by a newer Linecheck (model format %u). Update Linecheck to use it."),
                   path, version);
      return NULL;
    }
  if (version < 1)
    return (damaged (error, path), nullptr);
  if (version == 2)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_MODEL_FILE,
                   _("The model “%s” was made by a test version of Linecheck whose models are no longer read. Train the model again."),
                   path);
      return NULL;
    }

  self = _lc_vision_model_new (LC_VISION_MODEL_CLASSIFIER);
  if (!get_blob (&reader, &header, &header_length) || !parse_header (self, header, header_length))
    goto fail;
  if (self->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      const guint8 *svm_data;
      gsize svm_length;
      if (!get_blob (&reader, &svm_data, &svm_length))
        goto fail;
      try
        {
          std::string text ((const char *) svm_data, svm_length);
          cv::FileStorage storage (text, cv::FileStorage::READ | cv::FileStorage::MEMORY);
          self->svm = cv::ml::SVM::create ();
          self->svm->read (storage.root ());
          if (!self->svm->isTrained () || self->svm->getSupportVectors ().empty () ||
              !svm_matches_labels (self->svm, self->svm_labels.size ()))
            goto fail;
        }
      catch (const cv::Exception &)
        {
          goto fail;
        }
      if (self->svm_labels.size () < 2)
        goto fail;
    }
  else
    {
      if (!get_matrix (&reader, &self->feature_mean) ||
          !get_matrix (&reader, &self->feature_scale) ||
          !get_matrix (&reader, &self->bank) ||
          /* a bank of cells without features threw from OpenCV out of load */
          self->feature_mean.rows != 1 || self->feature_mean.cols < 1 || self->bank.rows < 1 ||
          self->feature_scale.size () != self->feature_mean.size () ||
          self->bank.cols != self->feature_mean.cols)
        goto fail;
      /* format 1 models have no perceptron: they keep scoring by the bank alone */
      if (version >= 3 &&
          (!get_matrix (&reader, &self->mlp_hidden) || !get_matrix (&reader, &self->mlp_out) ||
           !perceptron_matches (self)))
        goto fail;
      _lc_vision_bank_index (self->bank, self->bank_index);
    }
  if (reader.offset != reader.length)
    goto fail;
  return self;

fail:
  lc_vision_model_unref (self);
  return (damaged (error, path), nullptr);
}

/* ---- inference ---- */

int
_lc_vision_model_classify (LcVisionModel       *self,
                           const cv::Mat       &row,
                           std::vector<double> &probabilities)
{
  const int n_labels = (int) self->svm_labels.size ();
  cv::Mat support = self->svm->getSupportVectors ();
  double gamma = self->svm->getGamma ();
  std::vector<double> kernel (support.rows);
  std::vector<double> pair_sum (n_labels, 0.0);
  std::vector<int> votes (n_labels, 0);
  int best = 0;

  for (int s = 0; s < support.rows; s++)
    kernel[s] = std::exp (-gamma * cv::norm (row, support.row (s), cv::NORM_L2SQR));

  /* The one-against-one decision functions as OpenCV's SVM::predict evaluates them (class i
   * wins pair (i, j) when the decision value is positive). Their values are coupled into class
   * probabilities by averaging the pairwise logistic estimates (Wu, Lin and Weng, "Probability
   * estimates for multi-class classification by pairwise coupling", JMLR 5, 2004, method 1). */
  for (int i = 0, pair = 0; i < n_labels; i++)
    for (int j = i + 1; j < n_labels; j++, pair++)
      {
        cv::Mat alpha, index;
        double rho = self->svm->getDecisionFunction (pair, alpha, index);
        double sum = -rho;
        for (int k = 0; k < index.cols * index.rows; k++)
          sum += alpha.at<double> (k) * kernel[index.at<int> (k)];
        double p = 1.0 / (1.0 + std::exp (-2.0 * sum));
        pair_sum[i] += p;
        pair_sum[j] += 1.0 - p;
        votes[sum > 0 ? i : j]++;
      }

  probabilities.assign (self->classes.size (), 0.0);
  for (int i = 0; i < n_labels; i++)
    {
      probabilities[self->svm_labels[i]] = pair_sum[i] / (n_labels - 1);
      if (votes[i] > votes[best] || (votes[i] == votes[best] && pair_sum[i] > pair_sum[best]))
        best = i;
    }
  return self->svm_labels[best];
}

cv::Mat
_lc_vision_model_anomaly_heat (LcVisionModel *self,
                               const cv::Mat &gray,
                               double        *score)
{
  cv::Size grid;
  cv::Mat features = _lc_vision_patch_features (gray, self->patch, &grid);

  return _lc_vision_model_anomaly_heat_from_features (self, features, grid, score);
}

/* ---- nearest good cell ---- */

/* The bank is padded to a whole number of BANK_PADDING cells; the search takes the queries
 * QUERY_BLOCK at a time and the bank two vectors at a time: 4 x 2 running sums, 4 running
 * minima, the bank's two vectors and a query's feature fill the 16 vector registers. */
#define BANK_PADDING 16
#define QUERY_BLOCK 4

void
_lc_vision_bank_index (const cv::Mat     &bank,
                       LcVisionBankIndex &index)
{
  const int n_padded = (bank.rows + BANK_PADDING - 1) / BANK_PADDING * BANK_PADDING;

  index.columns = cv::Mat::zeros (bank.cols, n_padded, CV_32F);
  cv::Mat (bank.t ()).copyTo (index.columns (cv::Rect (0, 0, bank.rows, bank.cols)));
  /* padding cells: a norm no real distance comes near, so they are never the nearest */
  index.norms = cv::Mat (1, n_padded, CV_32F, cv::Scalar::all (G_MAXFLOAT));
  cv::Mat norms;
  cv::reduce (bank.mul (bank), norms, 1, cv::REDUCE_SUM);
  cv::Mat (norms.t ()).copyTo (index.norms (cv::Rect (0, 0, bank.rows, 1)));
}

/* GCC and clang vector extensions: 4 floats (SSE2 on x86-64, NEON on ARM), or 8 where the CPU
 * has AVX2 (chosen at run time: 3 times faster here). Each lane adds the same products in the
 * same order and AVX2 alone has no fused multiply-add, so both give the same bits (checked on
 * a tile's heat map): a model scores alike on every station. */
typedef float Lanes4 __attribute__ ((vector_size (16)));
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LC_VISION_HAVE_AVX2 1
typedef float Lanes8 __attribute__ ((vector_size (32)));
#endif

/* an unaligned load (a template argument loses a typedef's alignment attribute) */
template <typename Lanes>
static inline __attribute__ ((always_inline)) void
load_lanes (Lanes       &lanes,
            const float *from)
{
  memcpy (&lanes, from, sizeof lanes);
}

/* For QUERY_BLOCK queries (each feature already times -2), the least of |b|² - 2 q.b over the
 * bank; |q|² added later makes it the squared distance to the nearest cell. */
template <typename Lanes>
static inline __attribute__ ((always_inline)) void
nearest_block (const float             *queries,
               int                      dims,
               const LcVisionBankIndex &index,
               float                   *least)
{
  enum { WIDTH = sizeof (Lanes) / sizeof (float), STEP = 2 * WIDTH };
  static_assert (BANK_PADDING % STEP == 0, "the bank's padding is a whole number of steps");
  const int n_padded = index.columns.cols;
  const float *norms = index.norms.ptr<float> ();
  Lanes best[QUERY_BLOCK];

#pragma GCC unroll 4
  for (int q = 0; q < QUERY_BLOCK; q++)
    best[q] = Lanes {} + G_MAXFLOAT;
  for (int j = 0; j < n_padded; j += STEP)
    {
      Lanes sum[QUERY_BLOCK][2], norm[2];
      load_lanes (norm[0], norms + j);
      load_lanes (norm[1], norms + j + WIDTH);
#pragma GCC unroll 4
      for (int q = 0; q < QUERY_BLOCK; q++)
        sum[q][0] = norm[0], sum[q][1] = norm[1];
      for (int d = 0; d < dims; d++)
        {
          const float *column = index.columns.ptr<float> (d) + j;
          Lanes bank[2];
          load_lanes (bank[0], column);
          load_lanes (bank[1], column + WIDTH);
#pragma GCC unroll 4
          for (int q = 0; q < QUERY_BLOCK; q++)
            {
              sum[q][0] += queries[q * dims + d] * bank[0];
              sum[q][1] += queries[q * dims + d] * bank[1];
            }
        }
#pragma GCC unroll 4
      for (int q = 0; q < QUERY_BLOCK; q++)
        {
          Lanes low = sum[q][0] < sum[q][1] ? sum[q][0] : sum[q][1];
          best[q] = low < best[q] ? low : best[q];
        }
    }
  for (int q = 0; q < QUERY_BLOCK; q++)
    {
      least[q] = G_MAXFLOAT;
      for (int l = 0; l < WIDTH; l++)
        least[q] = std::min (least[q], best[q][l]);
    }
}

static void
nearest_block_portable (const float *queries, int dims, const LcVisionBankIndex &index, float *least)
{
  nearest_block<Lanes4> (queries, dims, index, least);
}

#ifdef LC_VISION_HAVE_AVX2
__attribute__ ((target ("avx2")))
static void
nearest_block_avx2 (const float *queries, int dims, const LcVisionBankIndex &index, float *least)
{
  nearest_block<Lanes8> (queries, dims, index, least);
}
#endif

void
_lc_vision_nearest_distances (const cv::Mat           &cells,
                              const cv::Mat           &mean,
                              const cv::Mat           &scale,
                              const LcVisionBankIndex &index,
                              cv::Mat                 &distances)
{
  const int dims = cells.cols, n = cells.rows;
  auto block = nearest_block_portable;

#ifdef LC_VISION_HAVE_AVX2
  if (__builtin_cpu_supports ("avx2"))
    block = nearest_block_avx2;
#endif
  CV_Assert (index.columns.rows == dims && mean.cols == dims && scale.cols == dims);
  distances.create (n, 1, CV_32F);
  /* |x - b|² = |x|² + (|b|² - 2 x.b), the bracket's least over the bank from the blocks;
   * bands of cells shared by the cores */
  cv::parallel_for_ (cv::Range (0, (n + QUERY_BLOCK - 1) / QUERY_BLOCK), [&] (const cv::Range &range) {
    std::vector<float> queries (QUERY_BLOCK * dims);
    float norm[QUERY_BLOCK], least[QUERY_BLOCK];

    for (int b = range.start; b < range.end; b++)
      {
        for (int q = 0; q < QUERY_BLOCK; q++)
          {
            int i = std::min (b * QUERY_BLOCK + q, n - 1);   /* the last block repeats a cell */
            const float *x = cells.ptr<float> (i);
            norm[q] = 0;
            for (int d = 0; d < dims; d++)
              {
                float standard = (x[d] - mean.at<float> (d)) / scale.at<float> (d);
                norm[q] += standard * standard;
                queries[q * dims + d] = -2 * standard;
              }
          }
        block (queries.data (), dims, index, least);
        for (int q = 0; q < QUERY_BLOCK && b * QUERY_BLOCK + q < n; q++)
          distances.at<float> (b * QUERY_BLOCK + q) = std::sqrt (std::max (0.f, least[q] + norm[q]));
      }
  }, 8);
}

/* One layer of the perceptron as OpenCV's ANN_MLP computes it with the symmetric sigmoid at
 * alpha = beta = 1: f(x.W + b) with f(t) = (1 - e^-t) / (1 + e^-t) = tanh (t / 2); the bias
 * is the last row of WEIGHTS. */
static cv::Mat
perceptron_layer (const cv::Mat &in,
                  const cv::Mat &weights)
{
  cv::Mat out;

  cv::gemm (in, weights.rowRange (0, weights.rows - 1), 1.0,
            cv::repeat (weights.row (weights.rows - 1), in.rows, 1), 1.0, out);
  float *v = out.ptr<float> ();
  for (size_t i = 0; i < out.total (); i++)
    v[i] = std::tanh (0.5f * v[i]);
  return out;
}

void
_lc_vision_model_anomaly_maps (LcVisionModel *self,
                               const cv::Mat &features,
                               cv::Size       grid,
                               cv::Mat       &distance,
                               cv::Mat       &defect)
{
  _lc_vision_nearest_distances (features, self->feature_mean, self->feature_scale, self->bank_index, distance);
  distance = distance.reshape (1, grid.height);
  if (self->mlp_hidden.empty ())
    {
      defect.release ();
      return;
    }
  cv::Mat standard = (features - cv::repeat (self->feature_mean, features.rows, 1)) /
                     cv::repeat (self->feature_scale, features.rows, 1);
  defect = perceptron_layer (perceptron_layer (standard, self->mlp_hidden), self->mlp_out);
  defect = (defect + 1.0) * 0.5;
  defect = defect.reshape (1, grid.height);
}

double
_lc_vision_model_heat_score (LcVisionModel *self,
                             cv::Mat       &heat)
{
  double max_heat;
  int m = self->patch.score_margin;

  cv::GaussianBlur (heat, heat, cv::Size (), 1.0, 1.0, cv::BORDER_REFLECT);
  /* The crop edges of a good part (cut tile, shadow, background) are its most unusual cells;
   * leaving two cells along them out of the image score lifted the magnetic-tile AUROC from
   * 0.57 to 0.68 (block 5-fold, bench/vision). The heat map still covers them. */
  if (heat.rows > 2 * m + 2 && heat.cols > 2 * m + 2)
    cv::minMaxLoc (heat (cv::Rect (m, m, heat.cols - 2 * m, heat.rows - 2 * m)), nullptr, &max_heat);
  else
    cv::minMaxLoc (heat, nullptr, &max_heat);
  return max_heat;
}

/* The two maps added, each in units of its typical maximum on good pictures: a cell may stand
 * out by being far from every good cell, or by looking like damage to the perceptron. */
cv::Mat
_lc_vision_model_anomaly_heat_from_features (LcVisionModel *self,
                                             const cv::Mat &features,
                                             cv::Size       grid,
                                             double        *score)
{
  cv::Mat distance, defect, heat;

  _lc_vision_model_anomaly_maps (self, features, grid, distance, defect);
  heat = distance / self->knn_scale;
  if (!defect.empty ())
    heat += defect / self->mlp_scale;
  *score = _lc_vision_model_heat_score (self, heat);
  return heat;
}

static LcVisionPrediction *
predict (LcVisionModel *self,
         const cv::Mat &gray,
         GError       **error)
{
  LcVisionPrediction *prediction = new _LcVisionPrediction ();

  prediction->image_width = gray.cols;
  prediction->image_height = gray.rows;
  try
    {
      if (self->kind == LC_VISION_MODEL_CLASSIFIER)
        {
          std::vector<float> features;
          std::vector<double> probabilities;
          _lc_vision_texture_features (gray, self->texture, features);
          int cls = _lc_vision_model_classify (self, cv::Mat (1, (int) features.size (), CV_32F, features.data ()),
                                               probabilities);
          prediction->class_index = cls;
          prediction->class_name = self->classes[cls];
          prediction->score = probabilities[cls];
          prediction->confidence = probabilities[cls];
          prediction->regions.push_back ({ 0, 0, gray.cols, gray.rows, probabilities[cls], cls });
        }
      else
        {
          double score, threshold = self->threshold > 0 ? self->threshold : 1.0;
          cv::Mat heat = _lc_vision_model_anomaly_heat (self, gray, &score);
          cv::Mat above, labels, stats, centroids;
          double sx = (double) gray.cols / heat.cols, sy = (double) gray.rows / heat.rows;

          prediction->heat = heat / threshold;
          prediction->score = score;
          prediction->defective = score >= self->threshold;
          prediction->class_index = prediction->defective ? 1 : 0;
          prediction->class_name = self->classes[prediction->class_index];
          /* A logistic in the log of the score's ratio to the threshold: 0.5 at the threshold,
           * 0.9 at twice (or half) of it. */
          double z = std::log (std::max (score, 1e-9) / threshold) * std::log (9.0) / std::log (2.0);
          prediction->confidence = 1.0 / (1.0 + std::exp (-std::fabs (z)));
          above = prediction->heat >= 1.0f;
          int n = cv::connectedComponentsWithStats (above, labels, stats, centroids, 8, CV_32S);
          for (int i = 1; i < n; i++)
            {
              int x = stats.at<int> (i, cv::CC_STAT_LEFT), y = stats.at<int> (i, cv::CC_STAT_TOP);
              int w = stats.at<int> (i, cv::CC_STAT_WIDTH), h = stats.at<int> (i, cv::CC_STAT_HEIGHT);
              double peak;
              cv::minMaxLoc (prediction->heat (cv::Rect (x, y, w, h)), nullptr, &peak, nullptr, nullptr,
                             labels (cv::Rect (x, y, w, h)) == i);
              prediction->regions.push_back ({ (int) (x * sx), (int) (y * sy), (int) std::ceil (w * sx),
                                               (int) std::ceil (h * sy), peak, -1 });
            }
        }
    }
  catch (const cv::Exception &e)
    {
      delete prediction;
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_FAILED,
                   _("The model could not look at this picture: %s"), e.what ());
      return NULL;
    }
  return prediction;
}

LcVisionPrediction *
lc_vision_model_predict_file (LcVisionModel *self,
                              const char    *path,
                              GError       **error)
{
  cv::Mat gray = _lc_vision_read_gray (path, error);

  if (gray.empty ())
    return NULL;
  return predict (self, gray, error);
}

LcVisionPrediction *
lc_vision_model_predict_gray (LcVisionModel *self,
                              const guint8  *pixels,
                              int            width,
                              int            height,
                              int            stride,
                              GError       **error)
{
  if (pixels == NULL || width < 16 || height < 16 || stride < width)
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE,
                   _("The picture is too small to inspect (%d × %d pixels)."), width, height);
      return NULL;
    }
  return predict (self, cv::Mat (height, width, CV_8U, (void *) pixels, (size_t) stride), error);
}

/* ---- LcVisionPrediction ---- */

void
lc_vision_prediction_free (LcVisionPrediction *self)
{
  delete self;
}

int
lc_vision_prediction_get_class_index (const LcVisionPrediction *self)
{
  return self->class_index;
}

const char *
lc_vision_prediction_get_class_name (const LcVisionPrediction *self)
{
  return self->class_name.c_str ();
}

double
lc_vision_prediction_get_score (const LcVisionPrediction *self)
{
  return self->score;
}

double
lc_vision_prediction_get_confidence (const LcVisionPrediction *self)
{
  return self->confidence;
}

gboolean
lc_vision_prediction_is_defective (const LcVisionPrediction *self)
{
  return self->defective;
}

const float *
lc_vision_prediction_get_heat_map (const LcVisionPrediction *self,
                                   int                      *width,
                                   int                      *height)
{
  if (width != NULL)
    *width = self->heat.cols;
  if (height != NULL)
    *height = self->heat.rows;
  return self->heat.empty () ? NULL : self->heat.ptr<float> ();
}

void
lc_vision_prediction_get_image_size (const LcVisionPrediction *self,
                                     int                      *width,
                                     int                      *height)
{
  *width = self->image_width;
  *height = self->image_height;
}

guint
lc_vision_prediction_get_n_regions (const LcVisionPrediction *self)
{
  return (guint) self->regions.size ();
}

const LcVisionRegion *
lc_vision_prediction_get_region (const LcVisionPrediction *self,
                                 guint                     index)
{
  g_return_val_if_fail (index < self->regions.size (), NULL);
  return &self->regions[index];
}

gboolean
lc_vision_prediction_save_heat_map (const LcVisionPrediction *self,
                                    const char               *path,
                                    GError                  **error)
{
  cv::Mat scaled, bytes, colour;

  if (self->heat.empty ())
    {
      g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_WRONG_KIND,
                   _("A defect classifier makes no heat map; use an anomaly model."));
      return FALSE;
    }
  /* 0 .. 2 x threshold over the colour map, so the threshold sits at its middle */
  cv::resize (self->heat, scaled, cv::Size (self->image_width, self->image_height), 0, 0, cv::INTER_LINEAR);
  scaled.convertTo (bytes, CV_8U, 255.0 / 2.0);
  cv::applyColorMap (bytes, colour, cv::COLORMAP_JET);
  try
    {
      if (cv::imwrite (path, colour))
        return TRUE;
    }
  catch (const cv::Exception &)
    {
    }
  g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_IMAGE,
               _("Could not write the heat map to “%s”."), path);
  return FALSE;
}

/* ---- evaluation on a held-out set ---- */

/* Pixel ROC from two histograms of heat (1.0 = threshold) over [0, 8): exact enough for an
 * AUROC at 1/512 of the threshold, and constant memory however many pixels come in. */
#define PIXEL_BINS 4096
#define PIXEL_RANGE 8.0

static double
histogram_auroc (const std::vector<double> &negative,
                 const std::vector<double> &positive)
{
  double n_neg = 0, n_pos = 0, area = 0, neg_below = 0;

  for (int b = 0; b < PIXEL_BINS; b++)
    n_neg += negative[b], n_pos += positive[b];
  if (n_neg == 0 || n_pos == 0)
    return NAN;
  for (int b = 0; b < PIXEL_BINS; b++)
    {
      area += positive[b] * (neg_below + negative[b] / 2);
      neg_below += negative[b];
    }
  return area / (n_neg * n_pos);
}

LcVisionValidation *
lc_vision_model_evaluate (LcVisionModel       *self,
                          LcVisionTrainingSet *set,
                          const char          *good_class,
                          GCancellable        *cancellable,
                          double              *pixel_auroc,
                          double              *ms_per_image,
                          GError             **error)
{
  const guint n = lc_vision_training_set_get_n_items (set);
  std::vector<double> negative (PIXEL_BINS, 0), positive (PIXEL_BINS, 0);
  LcVisionValidation *validation;
  gboolean any_mask = FALSE;
  gint64 busy = 0;

  if (self->kind == LC_VISION_MODEL_CLASSIFIER)
    {
      /* a class the model does not know cannot be scored */
      for (guint i = 0; i < n; i++)
        {
          const char *name = lc_vision_training_set_get_class (set, i);
          if (std::find (self->classes.begin (), self->classes.end (), name) == self->classes.end ())
            {
              g_autofree char *known = g_strjoinv (", ", (char **) self->class_ptrs.data ());
              g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                           _("The model does not know the class “%s”; it knows: %s."), name, known);
              return NULL;
            }
        }
      int good_index = -1;
      for (size_t c = 0; c < self->classes.size (); c++)
        if (g_strcmp0 (good_class, self->classes[c].c_str ()) == 0)
          good_index = (int) c;
      validation = _lc_vision_validation_new (self->kind, self->class_ptrs.data (), good_index, 0);
    }
  else
    {
      if (good_class == NULL || lc_vision_training_set_count_class (set, good_class) == 0)
        {
          g_set_error (error, LC_VISION_ERROR, LC_VISION_ERROR_TRAINING_SET,
                       _("There are no pictures of good parts (class “%s”) to check the model with."),
                       good_class != NULL ? good_class : "");
          return NULL;
        }
      validation = _lc_vision_validation_new (self->kind, self->class_ptrs.data (), -1, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *name = lc_vision_training_set_get_class (set, i);
      const char *mask_path = lc_vision_training_set_get_mask (set, i);
      cv::Mat gray;
      gint64 start;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (gray = _lc_vision_read_gray (lc_vision_training_set_get_path (set, i), error)).empty ())
        {
          lc_vision_validation_free (validation);
          return NULL;
        }
      start = g_get_monotonic_time ();
      g_autoptr(LcVisionPrediction) prediction = predict (self, gray, error);
      busy += g_get_monotonic_time () - start;
      if (prediction == NULL)
        {
          lc_vision_validation_free (validation);
          return NULL;
        }
      if (self->kind == LC_VISION_MODEL_CLASSIFIER)
        {
          guint truth = (guint) (std::find (self->classes.begin (), self->classes.end (), name) - self->classes.begin ());
          _lc_vision_validation_add_prediction (validation, truth, prediction->class_index);
          continue;
        }
      _lc_vision_validation_add_score (validation, !g_str_equal (name, good_class), prediction->score);
      if (mask_path != NULL)
        {
          cv::Mat mask = cv::imread (mask_path, cv::IMREAD_GRAYSCALE), heat;
          if (mask.size () != gray.size ())
            continue;
          any_mask = TRUE;
          cv::resize (prediction->heat, heat, gray.size (), 0, 0, cv::INTER_LINEAR);
          for (int y = 0; y < heat.rows; y++)
            {
              const float *h = heat.ptr<float> (y);
              const guint8 *m = mask.ptr<guint8> (y);
              for (int x = 0; x < heat.cols; x++)
                {
                  int bin = (int) std::min<double> (PIXEL_BINS - 1, std::max (0.0, h[x] * (PIXEL_BINS / PIXEL_RANGE)));
                  (m[x] > 127 ? positive : negative)[bin] += 1;
                }
            }
        }
    }
  _lc_vision_validation_finish (validation);
  if (pixel_auroc != NULL)
    *pixel_auroc = any_mask ? histogram_auroc (negative, positive) : NAN;
  if (ms_per_image != NULL)
    *ms_per_image = n > 0 ? busy / 1000.0 / n : 0;
  return validation;
}

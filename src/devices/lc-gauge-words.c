#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lc-gauge-words.h"

guint
lc_gauge_data_type_n_words (LcGaugeDataType type)
{
  switch (type)
    {
    case LC_GAUGE_DATA_BOOL:
    case LC_GAUGE_DATA_INT16:
    case LC_GAUGE_DATA_UINT16:
      return 1;
    case LC_GAUGE_DATA_INT32:
    case LC_GAUGE_DATA_UINT32:
    case LC_GAUGE_DATA_FLOAT32:
      return 2;
    case LC_GAUGE_DATA_FLOAT64:
      return 4;
    default:
      g_return_val_if_reached (1);
    }
}

/* BYTES holds the value big-endian (A first); WORDS the registers as they travel. */
static void
bytes_to_words (const guint8     *bytes,
                guint             n_words,
                LcGaugeWordOrder  order,
                guint16          *words)
{
  gboolean reverse = order == LC_GAUGE_ORDER_CDAB || order == LC_GAUGE_ORDER_DCBA;
  gboolean swap = order == LC_GAUGE_ORDER_BADC || order == LC_GAUGE_ORDER_DCBA;

  for (guint i = 0; i < n_words; i++)
    {
      guint src = reverse ? n_words - 1 - i : i;
      guint8 hi = bytes[2 * src];
      guint8 lo = bytes[2 * src + 1];

      words[i] = swap ? (guint16) (lo << 8 | hi) : (guint16) (hi << 8 | lo);
    }
}

/* The inverse of bytes_to_words (): both steps are their own inverse. */
static void
words_to_bytes (const guint16    *words,
                guint             n_words,
                LcGaugeWordOrder  order,
                guint8           *bytes)
{
  gboolean reverse = order == LC_GAUGE_ORDER_CDAB || order == LC_GAUGE_ORDER_DCBA;
  gboolean swap = order == LC_GAUGE_ORDER_BADC || order == LC_GAUGE_ORDER_DCBA;

  for (guint i = 0; i < n_words; i++)
    {
      guint dst = reverse ? n_words - 1 - i : i;
      guint16 w = words[i];

      bytes[2 * dst] = swap ? (guint8) (w & 0xff) : (guint8) (w >> 8);
      bytes[2 * dst + 1] = swap ? (guint8) (w >> 8) : (guint8) (w & 0xff);
    }
}

static guint64
bytes_to_uint (const guint8 *bytes,
               guint         n_bytes)
{
  guint64 v = 0;

  for (guint i = 0; i < n_bytes; i++)
    v = v << 8 | bytes[i];
  return v;
}

static void
uint_to_bytes (guint64  v,
               guint    n_bytes,
               guint8  *bytes)
{
  for (guint i = n_bytes; i > 0; i--)
    {
      bytes[i - 1] = (guint8) (v & 0xff);
      v >>= 8;
    }
}

gboolean
lc_gauge_words_decode (LcGaugeDataType    type,
                       LcGaugeWordOrder   order,
                       const guint16     *words,
                       double            *value,
                       GError           **error)
{
  guint n_words = lc_gauge_data_type_n_words (type);
  guint8 bytes[2 * LC_GAUGE_MAX_WORDS];
  guint64 bits;
  double result;

  g_return_val_if_fail (words != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (type == LC_GAUGE_DATA_BOOL)
    {
      *value = words[0] != 0 ? 1.0 : 0.0;
      return TRUE;
    }

  words_to_bytes (words, n_words, order, bytes);
  bits = bytes_to_uint (bytes, 2 * n_words);

  switch (type)
    {
    case LC_GAUGE_DATA_INT16:
      result = (gint16) (guint16) bits;
      break;
    case LC_GAUGE_DATA_UINT16:
      result = (guint16) bits;
      break;
    case LC_GAUGE_DATA_INT32:
      result = (gint32) (guint32) bits;
      break;
    case LC_GAUGE_DATA_UINT32:
      result = (guint32) bits;
      break;
    case LC_GAUGE_DATA_FLOAT32:
      {
        guint32 b32 = (guint32) bits;
        float f;

        memcpy (&f, &b32, sizeof f);
        result = f;
      }
      break;
    case LC_GAUGE_DATA_FLOAT64:
      memcpy (&result, &bits, sizeof result);
      break;
    case LC_GAUGE_DATA_BOOL:
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!isfinite (result))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NOT_A_NUMBER,
                   _("The gauge sent a value that is not a number (%s): it may be showing an error or be out of its range."),
                   isnan (result) ? "NaN" : (result > 0 ? "+∞" : "−∞"));
      return FALSE;
    }
  *value = result;
  return TRUE;
}

static gboolean
check_integer (double       value,
               double       lowest,
               double       highest,
               const char  *type_name,
               double      *rounded,
               GError     **error)
{
  double r = round (value);

  if (!isfinite (value) || r < lowest || r > highest)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE,
                   _("The value %g does not fit a %s register (from %.0f to %.0f)."),
                   value, type_name, lowest, highest);
      return FALSE;
    }
  *rounded = r;
  return TRUE;
}

gboolean
lc_gauge_words_encode (LcGaugeDataType    type,
                       LcGaugeWordOrder   order,
                       double             value,
                       guint16           *words,
                       GError           **error)
{
  guint n_words = lc_gauge_data_type_n_words (type);
  guint8 bytes[2 * LC_GAUGE_MAX_WORDS];
  guint64 bits = 0;
  double r;

  g_return_val_if_fail (words != NULL, FALSE);

  switch (type)
    {
    case LC_GAUGE_DATA_BOOL:
      if (!isfinite (value))
        return check_integer (value, 0, 1, "bool", &r, error);
      words[0] = value != 0.0 ? 1 : 0;
      return TRUE;
    case LC_GAUGE_DATA_INT16:
      if (!check_integer (value, G_MININT16, G_MAXINT16, "int16", &r, error))
        return FALSE;
      bits = (guint16) (gint16) r;
      break;
    case LC_GAUGE_DATA_UINT16:
      if (!check_integer (value, 0, G_MAXUINT16, "uint16", &r, error))
        return FALSE;
      bits = (guint16) r;
      break;
    case LC_GAUGE_DATA_INT32:
      if (!check_integer (value, G_MININT32, G_MAXINT32, "int32", &r, error))
        return FALSE;
      bits = (guint32) (gint32) r;
      break;
    case LC_GAUGE_DATA_UINT32:
      if (!check_integer (value, 0, G_MAXUINT32, "uint32", &r, error))
        return FALSE;
      bits = (guint32) r;
      break;
    case LC_GAUGE_DATA_FLOAT32:
      {
        float f = (float) value;
        guint32 b32;

        if (!isfinite (value) || !isfinite (f))
          {
            g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE,
                         _("The value %g does not fit a float32 register."), value);
            return FALSE;
          }
        memcpy (&b32, &f, sizeof b32);
        bits = b32;
      }
      break;
    case LC_GAUGE_DATA_FLOAT64:
      if (!isfinite (value))
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE,
                       _("The value %g does not fit a float64 register."), value);
          return FALSE;
        }
      memcpy (&bits, &value, sizeof bits);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  uint_to_bytes (bits, 2 * n_words, bytes);
  bytes_to_words (bytes, n_words, order, words);
  return TRUE;
}

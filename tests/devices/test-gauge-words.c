#include "lc-config.h"

#include <math.h>

#include "lc-gauge-words.h"

#include "lc-test-vectors.h"

#define vectors lc_test_vectors

static void
test_decode_fixed_vectors_all_orders (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (vectors); v++)
    for (guint order = LC_GAUGE_ORDER_ABCD; order <= LC_GAUGE_ORDER_DCBA; order++)
      {
        g_autoptr(GError) error = NULL;
        double value = NAN;

        g_test_message ("%s %s", vectors[v].name, lc_gauge_word_order_to_string (order));
        g_assert_true (lc_gauge_words_decode (vectors[v].type, order, vectors[v].words[order],
                                              &value, &error));
        g_assert_no_error (error);
        g_assert_cmpfloat (value, ==, vectors[v].value);
      }
}

static void
test_encode_fixed_vectors_all_orders (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (vectors); v++)
    for (guint order = LC_GAUGE_ORDER_ABCD; order <= LC_GAUGE_ORDER_DCBA; order++)
      {
        g_autoptr(GError) error = NULL;
        guint16 words[LC_GAUGE_MAX_WORDS] = { 0 };
        guint n = lc_gauge_data_type_n_words (vectors[v].type);

        g_test_message ("%s %s", vectors[v].name, lc_gauge_word_order_to_string (order));
        g_assert_true (lc_gauge_words_encode (vectors[v].type, order, vectors[v].value, words,
                                              &error));
        g_assert_no_error (error);
        for (guint i = 0; i < n; i++)
          g_assert_cmphex (words[i], ==, vectors[v].words[order][i]);
      }
}

/* Every type and order, over values at the edges of each type: encode then decode gives the
 * value back bit for bit. */
static void
test_round_trip_extremes_all_types_and_orders (void)
{
  static const struct { LcGaugeDataType type; double values[6]; } cases[] = {
    { LC_GAUGE_DATA_INT16, { G_MININT16, -1, 0, 1, 12345, G_MAXINT16 } },
    { LC_GAUGE_DATA_UINT16, { 0, 1, 255, 256, 40000, G_MAXUINT16 } },
    { LC_GAUGE_DATA_INT32, { G_MININT32, -65536, -1, 0, 65536, G_MAXINT32 } },
    { LC_GAUGE_DATA_UINT32, { 0, 1, 65535, 65536, 2147483648.0, G_MAXUINT32 } },
    { LC_GAUGE_DATA_FLOAT32, { -3.4e38f, -1.5f, 0.0f, 1.17549435e-38f, 12.345f, 3.4e38f } },
    { LC_GAUGE_DATA_FLOAT64, { -1.7e308, -0.1, 0.0, 4.9e-324, 25.4000001, 1.7e308 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint k = 0; k < G_N_ELEMENTS (cases[c].values); k++)
      for (guint order = LC_GAUGE_ORDER_ABCD; order <= LC_GAUGE_ORDER_DCBA; order++)
        {
          guint16 words[LC_GAUGE_MAX_WORDS];
          double back = NAN;

          g_assert_true (lc_gauge_words_encode (cases[c].type, order, cases[c].values[k], words,
                                                NULL));
          g_assert_true (lc_gauge_words_decode (cases[c].type, order, words, &back, NULL));
          g_assert_cmpfloat (back, ==, cases[c].values[k]);
        }
}

static void
test_decode_nan_is_refused_not_a_reading (void)
{
  static const guint16 nan32[] = { 0x7fc0, 0x0000 };
  static const guint16 inf32[] = { 0x7f80, 0x0000 };
  static const guint16 nan64[] = { 0x7ff8, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  double value = 42.0;

  g_assert_false (lc_gauge_words_decode (LC_GAUGE_DATA_FLOAT32, LC_GAUGE_ORDER_ABCD, nan32,
                                         &value, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NOT_A_NUMBER);
  g_assert_cmpfloat (value, ==, 42.0);
  g_clear_error (&error);
  g_assert_false (lc_gauge_words_decode (LC_GAUGE_DATA_FLOAT32, LC_GAUGE_ORDER_ABCD, inf32,
                                         &value, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NOT_A_NUMBER);
  g_clear_error (&error);
  g_assert_false (lc_gauge_words_decode (LC_GAUGE_DATA_FLOAT64, LC_GAUGE_ORDER_ABCD, nan64,
                                         &value, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NOT_A_NUMBER);
}

static void
test_encode_out_of_range_is_refused (void)
{
  guint16 words[LC_GAUGE_MAX_WORDS] = { 0xaaaa, 0xaaaa, 0xaaaa, 0xaaaa };
  g_autoptr(GError) error = NULL;

  g_assert_false (lc_gauge_words_encode (LC_GAUGE_DATA_UINT16, LC_GAUGE_ORDER_ABCD, 65536,
                                         words, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (lc_gauge_words_encode (LC_GAUGE_DATA_INT16, LC_GAUGE_ORDER_ABCD, -32769,
                                         words, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (lc_gauge_words_encode (LC_GAUGE_DATA_UINT32, LC_GAUGE_ORDER_ABCD, -1,
                                         words, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (lc_gauge_words_encode (LC_GAUGE_DATA_FLOAT32, LC_GAUGE_ORDER_ABCD, 1e39,
                                         words, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_OUT_OF_RANGE);
  g_assert_cmphex (words[0], ==, 0xaaaa);
}

static void
test_bool_is_zero_or_one (void)
{
  static const guint16 on[] = { 1 }, off[] = { 0 }, any[] = { 0xff00 };
  double value;

  g_assert_true (lc_gauge_words_decode (LC_GAUGE_DATA_BOOL, LC_GAUGE_ORDER_DCBA, on, &value, NULL));
  g_assert_cmpfloat (value, ==, 1.0);
  g_assert_true (lc_gauge_words_decode (LC_GAUGE_DATA_BOOL, LC_GAUGE_ORDER_ABCD, off, &value, NULL));
  g_assert_cmpfloat (value, ==, 0.0);
  g_assert_true (lc_gauge_words_decode (LC_GAUGE_DATA_BOOL, LC_GAUGE_ORDER_ABCD, any, &value, NULL));
  g_assert_cmpfloat (value, ==, 1.0);
}

static void
test_reference_numbers_are_one_based (void)
{
  static const struct { LcGaugeTable table; guint address; const char *text; } cases[] = {
    { LC_GAUGE_TABLE_HOLDING, 0, "40001" },
    { LC_GAUGE_TABLE_HOLDING, 99, "40100" },
    { LC_GAUGE_TABLE_INPUT, 0, "30001" },
    { LC_GAUGE_TABLE_COIL, 9, "00010" },
    { LC_GAUGE_TABLE_DISCRETE, 4, "10005" },
    { LC_GAUGE_TABLE_HOLDING, 9998, "49999" },
    { LC_GAUGE_TABLE_HOLDING, 9999, "410000" },
    { LC_GAUGE_TABLE_INPUT, 65535, "365536" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lc_gauge_format_reference (cases[i].table, cases[i].address);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_enum_text_round_trips (void)
{
  LcGaugeTable table;
  LcGaugeDataType type;
  LcGaugeWordOrder order;
  LcGaugeKind kind;

  g_assert_true (lc_gauge_table_from_string ("Discrete", &table));
  g_assert_cmpint (table, ==, LC_GAUGE_TABLE_DISCRETE);
  g_assert_false (lc_gauge_table_from_string ("holdings", &table));
  g_assert_true (lc_gauge_data_type_from_string ("float64", &type));
  g_assert_cmpstr (lc_gauge_data_type_to_string (type), ==, "float64");
  g_assert_true (lc_gauge_word_order_from_string ("cdab", &order));
  g_assert_cmpint (order, ==, LC_GAUGE_ORDER_CDAB);
  g_assert_false (lc_gauge_word_order_from_string ("ACBD", &order));
  g_assert_true (lc_gauge_kind_from_string ("serial-ascii", &kind));
  g_assert_cmpint (kind, ==, LC_GAUGE_KIND_SERIAL_ASCII);
  g_assert_false (lc_gauge_kind_from_string (NULL, &kind));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gauge/words/decode-fixed-vectors-all-orders", test_decode_fixed_vectors_all_orders);
  g_test_add_func ("/gauge/words/encode-fixed-vectors-all-orders", test_encode_fixed_vectors_all_orders);
  g_test_add_func ("/gauge/words/round-trip-extremes-all-types-and-orders", test_round_trip_extremes_all_types_and_orders);
  g_test_add_func ("/gauge/words/nan-and-infinity-are-refused", test_decode_nan_is_refused_not_a_reading);
  g_test_add_func ("/gauge/words/encode-out-of-range-is-refused", test_encode_out_of_range_is_refused);
  g_test_add_func ("/gauge/words/bool-is-zero-or-one", test_bool_is_zero_or_one);
  g_test_add_func ("/gauge/types/reference-numbers-are-one-based", test_reference_numbers_are_one_based);
  g_test_add_func ("/gauge/types/enum-text-round-trips", test_enum_text_round_trips);

  return g_test_run ();
}

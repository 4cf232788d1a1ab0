#include "lc-config.h"

#include "lc-gauge-types.h"

G_DEFINE_QUARK (lc-gauge-error-quark, lc_gauge_error)

static const char *const table_names[] = { "holding", "input", "coil", "discrete" };
static const char *const data_type_names[] = {
  "bool", "int16", "uint16", "int32", "uint32", "float32", "float64",
};
static const char *const order_names[] = { "ABCD", "CDAB", "BADC", "DCBA" };
static const char *const kind_names[] = {
  "modbus-tcp", "modbus-rtu", "serial-ascii", "keyboard", "simulated",
};
static const char *const role_names[] = { "measure", "trigger", "output" };
static const char *const state_names[] = { "off", "waiting", "live", "stale", "error" };

static gboolean
lookup (const char *const *names,
        guint               n_names,
        const char         *text,
        gboolean            ignore_case,
        int                *value)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    {
      if (ignore_case ? g_ascii_strcasecmp (names[i], text) == 0 : g_str_equal (names[i], text))
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_ENUM_TEXT(prefix, Type, names, ignore_case)                       \
  const char *                                                                   \
  prefix##_to_string (Type value)                                                \
  {                                                                              \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);          \
    return names[value];                                                         \
  }                                                                              \
  gboolean                                                                       \
  prefix##_from_string (const char *text,                                        \
                        Type       *value)                                       \
  {                                                                              \
    int found;                                                                   \
    if (!lookup (names, G_N_ELEMENTS (names), text, ignore_case, &found))       \
      return FALSE;                                                              \
    *value = (Type) found;                                                       \
    return TRUE;                                                                 \
  }

DEFINE_ENUM_TEXT (lc_gauge_table, LcGaugeTable, table_names, TRUE)
DEFINE_ENUM_TEXT (lc_gauge_data_type, LcGaugeDataType, data_type_names, TRUE)
DEFINE_ENUM_TEXT (lc_gauge_word_order, LcGaugeWordOrder, order_names, TRUE)
DEFINE_ENUM_TEXT (lc_gauge_kind, LcGaugeKind, kind_names, FALSE)
DEFINE_ENUM_TEXT (lc_gauge_role, LcGaugeRole, role_names, FALSE)

const char *
lc_gauge_state_to_string (LcGaugeState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

gboolean
lc_gauge_table_is_bits (LcGaugeTable table)
{
  return table == LC_GAUGE_TABLE_COIL || table == LC_GAUGE_TABLE_DISCRETE;
}

gboolean
lc_gauge_kind_is_modbus (LcGaugeKind kind)
{
  return kind == LC_GAUGE_KIND_MODBUS_TCP || kind == LC_GAUGE_KIND_MODBUS_RTU;
}

char *
lc_gauge_format_reference (LcGaugeTable table,
                           guint        address)
{
  static const char prefix[] = { '4', '3', '0', '1' };

  g_return_val_if_fail ((guint) table < G_N_ELEMENTS (prefix), NULL);
  g_return_val_if_fail (address <= 65535, NULL);

  if (address + 1 <= 9999)
    return g_strdup_printf ("%c%04u", prefix[table], address + 1);
  return g_strdup_printf ("%c%05u", prefix[table], address + 1);
}

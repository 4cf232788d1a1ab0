#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The vocabulary every gauge file shares: what can go wrong, which Modbus table, how a value
 * sits in the registers, what a channel is for and how alive it is. Each enum has a stable
 * text form: that is what the store (device.kind, channel.register_table, …) and the CLI use. */

#define LC_GAUGE_ERROR (lc_gauge_error_quark ())

typedef enum
{
  LC_GAUGE_ERROR_INVALID,        /* a setting is wrong (address out of range, bad URL, …) */
  LC_GAUGE_ERROR_CONNECT,        /* nothing answers at the address, or the port cannot be opened */
  LC_GAUGE_ERROR_DISCONNECTED,   /* the link was lost: cable pulled, gateway restarted */
  LC_GAUGE_ERROR_TIMEOUT,        /* the device did not answer in time */
  LC_GAUGE_ERROR_EXCEPTION,      /* the device answered with a Modbus exception */
  LC_GAUGE_ERROR_GARBAGE,        /* the answer or line made no sense */
  LC_GAUGE_ERROR_NOT_A_NUMBER,   /* the device sent NaN or infinity */
  LC_GAUGE_ERROR_NO_VALUE,       /* no fresh value arrived in time */
  LC_GAUGE_ERROR_UNSTABLE,       /* the reading did not settle in time */
  LC_GAUGE_ERROR_OUT_OF_RANGE,   /* a value does not fit the register type when writing */
  LC_GAUGE_ERROR_STOPPED,        /* the gauge was stopped or removed while waiting */
  LC_GAUGE_ERROR_WRONG_UNIT,     /* a text gauge sent another unit than the channel's */
} LcGaugeError;

GQuark lc_gauge_error_quark (void);

typedef enum
{
  LC_GAUGE_TABLE_HOLDING,        /* 4xxxx, read/write registers */
  LC_GAUGE_TABLE_INPUT,          /* 3xxxx, read-only registers */
  LC_GAUGE_TABLE_COIL,           /* 0xxxx, read/write bits */
  LC_GAUGE_TABLE_DISCRETE,       /* 1xxxx, read-only bits */
} LcGaugeTable;

typedef enum
{
  LC_GAUGE_DATA_BOOL,
  LC_GAUGE_DATA_INT16,
  LC_GAUGE_DATA_UINT16,
  LC_GAUGE_DATA_INT32,
  LC_GAUGE_DATA_UINT32,
  LC_GAUGE_DATA_FLOAT32,
  LC_GAUGE_DATA_FLOAT64,
} LcGaugeDataType;

/* Bytes of a value from most to least significant are A B C D (E F G H for 64 bits).
 * The name lists them in the order they travel, two bytes per register, first register
 * first; see lc-gauge-words.h for 16 and 64 bits. */
typedef enum
{
  LC_GAUGE_ORDER_ABCD,           /* big-endian, the Modbus norm */
  LC_GAUGE_ORDER_CDAB,           /* words swapped (many PLCs, "little-endian word swap") */
  LC_GAUGE_ORDER_BADC,           /* bytes swapped within each word */
  LC_GAUGE_ORDER_DCBA,           /* little-endian */
} LcGaugeWordOrder;

typedef enum
{
  LC_GAUGE_KIND_MODBUS_TCP,
  LC_GAUGE_KIND_MODBUS_RTU,
  LC_GAUGE_KIND_SERIAL_ASCII,    /* sends a text line per reading, e.g. "+012.345 mm" */
  LC_GAUGE_KIND_KEYBOARD,        /* a USB gauge that types digits and Enter */
  LC_GAUGE_KIND_SIMULATED,       /* noise, drift and occasional out-of-spec values, for demos */
} LcGaugeKind;

/* What a channel is for; channel.settings "role". */
typedef enum
{
  LC_GAUGE_ROLE_MEASURE,         /* a value measured on the part */
  LC_GAUGE_ROLE_TRIGGER,         /* a foot pedal or button (coil/discrete input): rising edge = take */
  LC_GAUGE_ROLE_OUTPUT,          /* written on a verdict (reject gate, alarm); never polled */
} LcGaugeRole;

typedef enum
{
  LC_GAUGE_STATE_OFF,            /* not polled: device disabled, bench stopped, or an output */
  LC_GAUGE_STATE_WAITING,        /* polling started, nothing heard yet */
  LC_GAUGE_STATE_LIVE,           /* the last poll gave this value */
  LC_GAUGE_STATE_STALE,          /* the value is older than it should be; see its age */
  LC_GAUGE_STATE_ERROR,          /* the last poll failed; see the reason */
} LcGaugeState;

const char *lc_gauge_table_to_string      (LcGaugeTable      table);
gboolean    lc_gauge_table_from_string    (const char       *text,
                                           LcGaugeTable     *table);
gboolean    lc_gauge_table_is_bits        (LcGaugeTable      table);
const char *lc_gauge_data_type_to_string  (LcGaugeDataType   type);
gboolean    lc_gauge_data_type_from_string (const char      *text,
                                           LcGaugeDataType  *type);
const char *lc_gauge_word_order_to_string (LcGaugeWordOrder  order);
gboolean    lc_gauge_word_order_from_string (const char     *text,
                                           LcGaugeWordOrder *order);
const char *lc_gauge_kind_to_string       (LcGaugeKind       kind);
gboolean    lc_gauge_kind_from_string     (const char       *text,
                                           LcGaugeKind      *kind);
gboolean    lc_gauge_kind_is_modbus       (LcGaugeKind       kind);
const char *lc_gauge_role_to_string       (LcGaugeRole       role);
gboolean    lc_gauge_role_from_string     (const char       *text,
                                           LcGaugeRole      *role);
const char *lc_gauge_state_to_string      (LcGaugeState      state);

/* The conventional 1-based reference an operator's manual prints: holding address 0 is 40001,
 * input 0 is 30001, coil 0 is 00001, discrete 0 is 10001. Addresses above 9998 use the
 * six-digit form (400001…465536) so the table stays visible. */
char       *lc_gauge_format_reference     (LcGaugeTable      table,
                                           guint             address);

G_END_DECLS

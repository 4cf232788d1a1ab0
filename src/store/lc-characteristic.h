#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LC_CHARACTERISTIC_VARIABLE,   /* measured: a number with a unit */
  LC_CHARACTERISTIC_ATTRIBUTE,  /* counted: conforming or not, number of defects */
} LcCharacteristicKind;

#define LC_TYPE_CHARACTERISTIC_KIND (lc_characteristic_kind_get_type ())
GType lc_characteristic_kind_get_type (void);

const char           *lc_characteristic_kind_to_string   (LcCharacteristicKind kind);
gboolean              lc_characteristic_kind_from_string (const char          *text,
                                                          LcCharacteristicKind *kind);

#define LC_TYPE_CHARACTERISTIC (lc_characteristic_get_type ())
G_DECLARE_FINAL_TYPE (LcCharacteristic, lc_characteristic, LC, CHARACTERISTIC, GObject)

/* Specification limits and nominal are NAN when absent: a one-sided specification has
 * only LSL (a minimum) or only USL (a maximum, e.g. runout). */
LcCharacteristic     *lc_characteristic_new              (const char          *name);
LcCharacteristic     *lc_characteristic_copy             (LcCharacteristic    *self);

gint64                lc_characteristic_get_id           (LcCharacteristic    *self);
void                  lc_characteristic_set_id           (LcCharacteristic    *self,
                                                          gint64               id);
const char           *lc_characteristic_get_name         (LcCharacteristic    *self);
void                  lc_characteristic_set_name         (LcCharacteristic    *self,
                                                          const char          *name);
LcCharacteristicKind  lc_characteristic_get_kind         (LcCharacteristic    *self);
void                  lc_characteristic_set_kind         (LcCharacteristic    *self,
                                                          LcCharacteristicKind kind);
double                lc_characteristic_get_nominal      (LcCharacteristic    *self);
void                  lc_characteristic_set_nominal      (LcCharacteristic    *self,
                                                          double               nominal);
double                lc_characteristic_get_lsl          (LcCharacteristic    *self);
void                  lc_characteristic_set_lsl          (LcCharacteristic    *self,
                                                          double               lsl);
double                lc_characteristic_get_usl          (LcCharacteristic    *self);
void                  lc_characteristic_set_usl          (LcCharacteristic    *self,
                                                          double               usl);
const char           *lc_characteristic_get_unit         (LcCharacteristic    *self);
void                  lc_characteristic_set_unit         (LcCharacteristic    *self,
                                                          const char          *unit);
guint                 lc_characteristic_get_decimals     (LcCharacteristic    *self);
void                  lc_characteristic_set_decimals     (LcCharacteristic    *self,
                                                          guint                decimals);
guint                 lc_characteristic_get_subgroup_size (LcCharacteristic   *self);
void                  lc_characteristic_set_subgroup_size (LcCharacteristic   *self,
                                                           guint               size);
gint64                lc_characteristic_get_channel_id   (LcCharacteristic    *self);
void                  lc_characteristic_set_channel_id   (LcCharacteristic    *self,
                                                          gint64               channel_id);
const char           *lc_characteristic_get_chart        (LcCharacteristic    *self);
void                  lc_characteristic_set_chart        (LcCharacteristic    *self,
                                                          const char          *chart);
const char           *lc_characteristic_get_rules        (LcCharacteristic    *self);
void                  lc_characteristic_set_rules        (LcCharacteristic    *self,
                                                          const char          *rules);
gboolean              lc_characteristic_get_archived     (LcCharacteristic    *self);
void                  lc_characteristic_set_archived     (LcCharacteristic    *self,
                                                          gboolean             archived);

gboolean              lc_characteristic_validate         (LcCharacteristic    *self,
                                                          GError             **error);
char                 *lc_characteristic_format_value     (LcCharacteristic    *self,
                                                          double               value);
char                 *lc_characteristic_format_spec      (LcCharacteristic    *self);
gboolean              lc_characteristic_in_spec          (LcCharacteristic    *self,
                                                          double               value);

G_END_DECLS

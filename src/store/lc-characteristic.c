#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-characteristic.h"
#include "lc-part-error.h"

struct _LcCharacteristic
{
  GObject              parent_instance;

  gint64               id;
  char                *name;
  LcCharacteristicKind kind;
  double               nominal;
  double               lsl;
  double               usl;
  char                *unit;
  guint                decimals;
  guint                subgroup_size;
  gint64               channel_id;
  char                *chart;
  char                *rules;
  gboolean             archived;
};

G_DEFINE_FINAL_TYPE (LcCharacteristic, lc_characteristic, G_TYPE_OBJECT)
G_DEFINE_QUARK (lc-part-error-quark, lc_part_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_NOMINAL,
  PROP_LSL,
  PROP_USL,
  PROP_UNIT,
  PROP_DECIMALS,
  PROP_SUBGROUP_SIZE,
  PROP_CHANNEL_ID,
  PROP_CHART,
  PROP_RULES,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
lc_characteristic_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LC_CHARACTERISTIC_VARIABLE, "LC_CHARACTERISTIC_VARIABLE", "variable" },
        { LC_CHARACTERISTIC_ATTRIBUTE, "LC_CHARACTERISTIC_ATTRIBUTE", "attribute" },
        { 0, NULL, NULL }
      };
      g_once_init_leave (&type_id, g_enum_register_static ("LcCharacteristicKind", values));
    }
  return type_id;
}

const char *
lc_characteristic_kind_to_string (LcCharacteristicKind kind)
{
  return kind == LC_CHARACTERISTIC_ATTRIBUTE ? "attribute" : "variable";
}

gboolean
lc_characteristic_kind_from_string (const char           *text,
                                    LcCharacteristicKind *kind)
{
  if (g_strcmp0 (text, "variable") == 0)
    *kind = LC_CHARACTERISTIC_VARIABLE;
  else if (g_strcmp0 (text, "attribute") == 0)
    *kind = LC_CHARACTERISTIC_ATTRIBUTE;
  else
    return FALSE;
  return TRUE;
}

static void
lc_characteristic_finalize (GObject *object)
{
  LcCharacteristic *self = LC_CHARACTERISTIC (object);

  g_free (self->name);
  g_free (self->unit);
  g_free (self->chart);
  g_free (self->rules);

  G_OBJECT_CLASS (lc_characteristic_parent_class)->finalize (object);
}

static void
lc_characteristic_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LcCharacteristic *self = LC_CHARACTERISTIC (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_NOMINAL: g_value_set_double (value, self->nominal); break;
    case PROP_LSL: g_value_set_double (value, self->lsl); break;
    case PROP_USL: g_value_set_double (value, self->usl); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_DECIMALS: g_value_set_uint (value, self->decimals); break;
    case PROP_SUBGROUP_SIZE: g_value_set_uint (value, self->subgroup_size); break;
    case PROP_CHANNEL_ID: g_value_set_int64 (value, self->channel_id); break;
    case PROP_CHART: g_value_set_string (value, self->chart); break;
    case PROP_RULES: g_value_set_string (value, self->rules); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_characteristic_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LcCharacteristic *self = LC_CHARACTERISTIC (object);

  switch (prop_id)
    {
    case PROP_ID: lc_characteristic_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: lc_characteristic_set_name (self, g_value_get_string (value)); break;
    case PROP_KIND: lc_characteristic_set_kind (self, g_value_get_enum (value)); break;
    case PROP_NOMINAL: lc_characteristic_set_nominal (self, g_value_get_double (value)); break;
    case PROP_LSL: lc_characteristic_set_lsl (self, g_value_get_double (value)); break;
    case PROP_USL: lc_characteristic_set_usl (self, g_value_get_double (value)); break;
    case PROP_UNIT: lc_characteristic_set_unit (self, g_value_get_string (value)); break;
    case PROP_DECIMALS: lc_characteristic_set_decimals (self, g_value_get_uint (value)); break;
    case PROP_SUBGROUP_SIZE: lc_characteristic_set_subgroup_size (self, g_value_get_uint (value)); break;
    case PROP_CHANNEL_ID: lc_characteristic_set_channel_id (self, g_value_get_int64 (value)); break;
    case PROP_CHART: lc_characteristic_set_chart (self, g_value_get_string (value)); break;
    case PROP_RULES: lc_characteristic_set_rules (self, g_value_get_string (value)); break;
    case PROP_ARCHIVED: lc_characteristic_set_archived (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_characteristic_class_init (LcCharacteristicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lc_characteristic_finalize;
  object_class->get_property = lc_characteristic_get_property;
  object_class->set_property = lc_characteristic_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, LC_TYPE_CHARACTERISTIC_KIND,
                                             LC_CHARACTERISTIC_VARIABLE, flags);
  properties[PROP_NOMINAL] = g_param_spec_double ("nominal", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_LSL] = g_param_spec_double ("lsl", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_USL] = g_param_spec_double ("usl", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, "", flags);
  properties[PROP_DECIMALS] = g_param_spec_uint ("decimals", NULL, NULL, 0, 9, 3, flags);
  properties[PROP_SUBGROUP_SIZE] = g_param_spec_uint ("subgroup-size", NULL, NULL, 1, 25, 1, flags);
  properties[PROP_CHANNEL_ID] = g_param_spec_int64 ("channel-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHART] = g_param_spec_string ("chart", NULL, NULL, "", flags);
  properties[PROP_RULES] = g_param_spec_string ("rules", NULL, NULL, "nelson", flags);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_characteristic_init (LcCharacteristic *self)
{
  self->name = g_strdup ("");
  self->unit = g_strdup ("");
  self->chart = g_strdup ("");
  self->rules = g_strdup ("nelson");
  self->nominal = NAN;
  self->lsl = NAN;
  self->usl = NAN;
  self->decimals = 3;
  self->subgroup_size = 1;
}

LcCharacteristic *
lc_characteristic_new (const char *name)
{
  return g_object_new (LC_TYPE_CHARACTERISTIC, "name", name != NULL ? name : "", NULL);
}

LcCharacteristic *
lc_characteristic_copy (LcCharacteristic *self)
{
  LcCharacteristic *copy;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), NULL);

  copy = lc_characteristic_new (self->name);
  copy->id = self->id;
  copy->kind = self->kind;
  copy->nominal = self->nominal;
  copy->lsl = self->lsl;
  copy->usl = self->usl;
  g_free (copy->unit);
  copy->unit = g_strdup (self->unit);
  copy->decimals = self->decimals;
  copy->subgroup_size = self->subgroup_size;
  copy->channel_id = self->channel_id;
  g_free (copy->chart);
  copy->chart = g_strdup (self->chart);
  g_free (copy->rules);
  copy->rules = g_strdup (self->rules);
  copy->archived = self->archived;
  return copy;
}

#define DEFINE_STRING_PROPERTY(field, PROP)                                     \
const char *                                                                    \
lc_characteristic_get_##field (LcCharacteristic *self)                          \
{                                                                               \
  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), NULL);                     \
  return self->field;                                                           \
}                                                                               \
void                                                                            \
lc_characteristic_set_##field (LcCharacteristic *self,                          \
                               const char       *value)                         \
{                                                                               \
  g_return_if_fail (LC_IS_CHARACTERISTIC (self));                               \
  if (value == NULL)                                                            \
    value = "";                                                                 \
  if (g_strcmp0 (self->field, value) == 0)                                      \
    return;                                                                     \
  g_free (self->field);                                                         \
  self->field = g_strdup (value);                                               \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                 \
}

#define DEFINE_SCALAR_PROPERTY(type, field, PROP)                               \
type                                                                            \
lc_characteristic_get_##field (LcCharacteristic *self)                          \
{                                                                               \
  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), (type) 0);                 \
  return self->field;                                                           \
}                                                                               \
void                                                                            \
lc_characteristic_set_##field (LcCharacteristic *self,                          \
                               type              value)                         \
{                                                                               \
  g_return_if_fail (LC_IS_CHARACTERISTIC (self));                               \
  if (self->field == value)                                                     \
    return;                                                                     \
  self->field = value;                                                          \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                 \
}

/* NAN means "no limit": compare so that NAN == NAN and no notification storms. */
#define DEFINE_OPTIONAL_DOUBLE_PROPERTY(field, PROP)                            \
double                                                                          \
lc_characteristic_get_##field (LcCharacteristic *self)                          \
{                                                                               \
  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), NAN);                      \
  return self->field;                                                           \
}                                                                               \
void                                                                            \
lc_characteristic_set_##field (LcCharacteristic *self,                          \
                               double            value)                         \
{                                                                               \
  g_return_if_fail (LC_IS_CHARACTERISTIC (self));                               \
  if (!isfinite (value))                                                        \
    value = NAN;                                                                \
  if ((isnan (self->field) && isnan (value)) || self->field == value)           \
    return;                                                                     \
  self->field = value;                                                          \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                 \
}

DEFINE_SCALAR_PROPERTY (gint64, id, PROP_ID)
DEFINE_STRING_PROPERTY (name, PROP_NAME)
DEFINE_SCALAR_PROPERTY (LcCharacteristicKind, kind, PROP_KIND)
DEFINE_OPTIONAL_DOUBLE_PROPERTY (nominal, PROP_NOMINAL)
DEFINE_OPTIONAL_DOUBLE_PROPERTY (lsl, PROP_LSL)
DEFINE_OPTIONAL_DOUBLE_PROPERTY (usl, PROP_USL)
DEFINE_STRING_PROPERTY (unit, PROP_UNIT)
DEFINE_SCALAR_PROPERTY (guint, decimals, PROP_DECIMALS)
DEFINE_SCALAR_PROPERTY (guint, subgroup_size, PROP_SUBGROUP_SIZE)
DEFINE_SCALAR_PROPERTY (gint64, channel_id, PROP_CHANNEL_ID)
DEFINE_STRING_PROPERTY (chart, PROP_CHART)
DEFINE_STRING_PROPERTY (rules, PROP_RULES)
DEFINE_SCALAR_PROPERTY (gboolean, archived, PROP_ARCHIVED)

gboolean
lc_characteristic_validate (LcCharacteristic  *self,
                            GError           **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), FALSE);

  name = g_strstrip (g_strdup (self->name));
  if (name[0] == '\0')
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_NAME,
                   _("Every characteristic needs a name."));
      return FALSE;
    }
  if (self->subgroup_size < 1 || self->subgroup_size > 25)
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_SUBGROUP,
                   _("“%s”: the subgroup size must be between 1 and 25."), name);
      return FALSE;
    }
  if (self->decimals > 9)
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_DECIMALS,
                   _("“%s”: at most 9 decimals."), name);
      return FALSE;
    }
  /* Attribute characteristics are counted, not measured: they have no limits. */
  if (self->kind == LC_CHARACTERISTIC_ATTRIBUTE)
    return TRUE;

  if (isnan (self->lsl) && isnan (self->usl))
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_LIMITS,
                   _("“%s”: give at least one specification limit (LSL, USL or both)."), name);
      return FALSE;
    }
  if (!isnan (self->lsl) && !isnan (self->usl) && !(self->lsl < self->usl))
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_LIMITS,
                   _("“%s”: the lower limit (LSL) must be below the upper limit (USL)."), name);
      return FALSE;
    }
  if (!isnan (self->nominal) &&
      ((!isnan (self->lsl) && self->nominal < self->lsl) ||
       (!isnan (self->usl) && self->nominal > self->usl)))
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_NOMINAL,
                   _("“%s”: the nominal value must lie between the limits."), name);
      return FALSE;
    }
  return TRUE;
}

char *
lc_characteristic_format_value (LcCharacteristic *self,
                                double            value)
{
  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), NULL);

  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", (int) self->decimals, value);
}

char *
lc_characteristic_format_spec (LcCharacteristic *self)
{
  int d;

  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), NULL);

  d = (int) self->decimals;
  if (self->kind == LC_CHARACTERISTIC_ATTRIBUTE)
    return g_strdup (_("attribute"));
  if (!isnan (self->lsl) && !isnan (self->usl))
    return g_strdup_printf ("%.*f … %.*f %s", d, self->lsl, d, self->usl, self->unit);
  if (!isnan (self->lsl))
    return g_strdup_printf ("≥ %.*f %s", d, self->lsl, self->unit);
  return g_strdup_printf ("≤ %.*f %s", d, self->usl, self->unit);
}

gboolean
lc_characteristic_in_spec (LcCharacteristic *self,
                           double            value)
{
  g_return_val_if_fail (LC_IS_CHARACTERISTIC (self), FALSE);

  if (!isfinite (value))
    return FALSE;
  if (!isnan (self->lsl) && value < self->lsl)
    return FALSE;
  if (!isnan (self->usl) && value > self->usl)
    return FALSE;
  return TRUE;
}

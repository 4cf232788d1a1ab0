#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-part-type-private.h"

struct _LcPartType
{
  GObject     parent_instance;

  gint64      id;
  char       *code;
  char       *name;
  char       *revision;
  char       *description;
  char       *reference_image;
  gboolean    archived;
  gint64      active_model_id;
  gint64      camera_id;
  char       *camera_settings;
  char       *outputs;
  gint64      updated_at;

  GListStore *characteristics;
  GListStore *defect_classes;
};

G_DEFINE_FINAL_TYPE (LcPartType, lc_part_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_REVISION,
  PROP_DESCRIPTION,
  PROP_REFERENCE_IMAGE,
  PROP_ARCHIVED,
  PROP_ACTIVE_MODEL_ID,
  PROP_CAMERA_ID,
  PROP_CAMERA_SETTINGS,
  PROP_OUTPUTS,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lc_part_type_finalize (GObject *object)
{
  LcPartType *self = LC_PART_TYPE (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->revision);
  g_free (self->description);
  g_free (self->reference_image);
  g_free (self->camera_settings);
  g_free (self->outputs);
  g_clear_object (&self->characteristics);
  g_clear_object (&self->defect_classes);

  G_OBJECT_CLASS (lc_part_type_parent_class)->finalize (object);
}

static char *
make_title (LcPartType *self)
{
  return g_strdup_printf ("%s · %s", self->code, self->name);
}

static void
lc_part_type_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LcPartType *self = LC_PART_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_REVISION: g_value_set_string (value, self->revision); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_REFERENCE_IMAGE: g_value_set_string (value, self->reference_image); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_ACTIVE_MODEL_ID: g_value_set_int64 (value, self->active_model_id); break;
    case PROP_CAMERA_ID: g_value_set_int64 (value, self->camera_id); break;
    case PROP_CAMERA_SETTINGS: g_value_set_string (value, self->camera_settings); break;
    case PROP_OUTPUTS: g_value_set_string (value, self->outputs); break;
    case PROP_TITLE: g_value_take_string (value, make_title (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_part_type_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LcPartType *self = LC_PART_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID: lc_part_type_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CODE: lc_part_type_set_code (self, g_value_get_string (value)); break;
    case PROP_NAME: lc_part_type_set_name (self, g_value_get_string (value)); break;
    case PROP_REVISION: lc_part_type_set_revision (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: lc_part_type_set_description (self, g_value_get_string (value)); break;
    case PROP_REFERENCE_IMAGE: lc_part_type_set_reference_image (self, g_value_get_string (value)); break;
    case PROP_ARCHIVED: lc_part_type_set_archived (self, g_value_get_boolean (value)); break;
    case PROP_ACTIVE_MODEL_ID: lc_part_type_set_active_model_id (self, g_value_get_int64 (value)); break;
    case PROP_CAMERA_ID: lc_part_type_set_camera_id (self, g_value_get_int64 (value)); break;
    case PROP_CAMERA_SETTINGS: lc_part_type_set_camera_settings (self, g_value_get_string (value)); break;
    case PROP_OUTPUTS: lc_part_type_set_outputs (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_part_type_class_init (LcPartTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lc_part_type_finalize;
  object_class->get_property = lc_part_type_get_property;
  object_class->set_property = lc_part_type_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, "", flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_REVISION] = g_param_spec_string ("revision", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_REFERENCE_IMAGE] = g_param_spec_string ("reference-image", NULL, NULL, NULL, flags);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_ACTIVE_MODEL_ID] = g_param_spec_int64 ("active-model-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CAMERA_ID] = g_param_spec_int64 ("camera-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CAMERA_SETTINGS] = g_param_spec_string ("camera-settings", NULL, NULL, "{}", flags);
  properties[PROP_OUTPUTS] = g_param_spec_string ("outputs", NULL, NULL, "{}", flags);
  /* "CODE · Name", for lists and the header bar's switcher. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_part_type_init (LcPartType *self)
{
  self->code = g_strdup ("");
  self->name = g_strdup ("");
  self->revision = g_strdup ("");
  self->description = g_strdup ("");
  self->camera_settings = g_strdup ("{}");
  self->outputs = g_strdup ("{}");
  self->characteristics = g_list_store_new (LC_TYPE_CHARACTERISTIC);
  self->defect_classes = g_list_store_new (LC_TYPE_DEFECT_CLASS);
}

LcPartType *
lc_part_type_new (const char *code,
                  const char *name)
{
  return g_object_new (LC_TYPE_PART_TYPE,
                       "code", code != NULL ? code : "",
                       "name", name != NULL ? name : "",
                       NULL);
}

LcPartType *
lc_part_type_copy (LcPartType *self)
{
  LcPartType *copy;
  guint n;

  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);

  copy = lc_part_type_new (self->code, self->name);
  copy->id = self->id;
  lc_part_type_set_revision (copy, self->revision);
  lc_part_type_set_description (copy, self->description);
  lc_part_type_set_reference_image (copy, self->reference_image);
  copy->archived = self->archived;
  copy->active_model_id = self->active_model_id;
  copy->camera_id = self->camera_id;
  lc_part_type_set_camera_settings (copy, self->camera_settings);
  lc_part_type_set_outputs (copy, self->outputs);
  copy->updated_at = self->updated_at;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->characteristics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);
      g_autoptr(LcCharacteristic) c2 = lc_characteristic_copy (c);
      g_list_store_append (copy->characteristics, c2);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->defect_classes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (G_LIST_MODEL (self->defect_classes), i);
      g_autoptr(LcDefectClass) d2 = lc_defect_class_copy (d);
      g_list_store_append (copy->defect_classes, d2);
    }
  return copy;
}

/* A new part type with the same specification: nothing of the original's identity,
 * history or trained model comes along. */
LcPartType *
lc_part_type_duplicate (LcPartType *self,
                        const char *code,
                        const char *name)
{
  LcPartType *copy;
  guint n;

  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);

  copy = lc_part_type_copy (self);
  copy->id = 0;
  copy->archived = FALSE;
  copy->active_model_id = 0;
  copy->updated_at = 0;
  lc_part_type_set_code (copy, code);
  lc_part_type_set_name (copy, name);

  n = g_list_model_get_n_items (G_LIST_MODEL (copy->characteristics));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (G_LIST_MODEL (copy->characteristics), i - 1);
      if (lc_characteristic_get_archived (c))
        g_list_store_remove (copy->characteristics, i - 1);
      else
        lc_characteristic_set_id (c, 0);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (copy->defect_classes));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (G_LIST_MODEL (copy->defect_classes), i - 1);
      if (lc_defect_class_get_archived (d))
        g_list_store_remove (copy->defect_classes, i - 1);
      else
        lc_defect_class_set_id (d, 0);
    }
  return copy;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

#define DEFINE_STRING_PROPERTY(field, PROP, fallback)                           \
const char *                                                                    \
lc_part_type_get_##field (LcPartType *self)                                     \
{                                                                               \
  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);                          \
  return self->field;                                                           \
}                                                                               \
void                                                                            \
lc_part_type_set_##field (LcPartType *self,                                     \
                          const char *value)                                    \
{                                                                               \
  g_return_if_fail (LC_IS_PART_TYPE (self));                                    \
  if (replace_string (&self->field, value != NULL ? value : fallback))          \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);               \
}

#define DEFINE_SCALAR_PROPERTY(type, field, PROP)                               \
type                                                                            \
lc_part_type_get_##field (LcPartType *self)                                     \
{                                                                               \
  g_return_val_if_fail (LC_IS_PART_TYPE (self), (type) 0);                      \
  return self->field;                                                           \
}                                                                               \
void                                                                            \
lc_part_type_set_##field (LcPartType *self,                                     \
                          type        value)                                    \
{                                                                               \
  g_return_if_fail (LC_IS_PART_TYPE (self));                                    \
  if (self->field == value)                                                     \
    return;                                                                     \
  self->field = value;                                                          \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                 \
}

DEFINE_SCALAR_PROPERTY (gint64, id, PROP_ID)
DEFINE_STRING_PROPERTY (revision, PROP_REVISION, "")
DEFINE_STRING_PROPERTY (description, PROP_DESCRIPTION, "")
DEFINE_STRING_PROPERTY (reference_image, PROP_REFERENCE_IMAGE, NULL)
DEFINE_SCALAR_PROPERTY (gboolean, archived, PROP_ARCHIVED)
DEFINE_SCALAR_PROPERTY (gint64, active_model_id, PROP_ACTIVE_MODEL_ID)
DEFINE_SCALAR_PROPERTY (gint64, camera_id, PROP_CAMERA_ID)
DEFINE_STRING_PROPERTY (camera_settings, PROP_CAMERA_SETTINGS, "{}")
DEFINE_STRING_PROPERTY (outputs, PROP_OUTPUTS, "{}")

const char *
lc_part_type_get_code (LcPartType *self)
{
  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);
  return self->code;
}

void
lc_part_type_set_code (LcPartType *self,
                       const char *code)
{
  g_return_if_fail (LC_IS_PART_TYPE (self));
  if (!replace_string (&self->code, code != NULL ? code : ""))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
lc_part_type_get_name (LcPartType *self)
{
  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);
  return self->name;
}

void
lc_part_type_set_name (LcPartType *self,
                       const char *name)
{
  g_return_if_fail (LC_IS_PART_TYPE (self));
  if (!replace_string (&self->name, name != NULL ? name : ""))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gint64
lc_part_type_get_updated_at (LcPartType *self)
{
  g_return_val_if_fail (LC_IS_PART_TYPE (self), 0);
  return self->updated_at;
}

void
_lc_part_type_set_updated_at (LcPartType *self,
                              gint64      updated_at)
{
  self->updated_at = updated_at;
}

GListModel *
lc_part_type_get_characteristics (LcPartType *self)
{
  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);
  return G_LIST_MODEL (self->characteristics);
}

GListModel *
lc_part_type_get_defect_classes (LcPartType *self)
{
  g_return_val_if_fail (LC_IS_PART_TYPE (self), NULL);
  return G_LIST_MODEL (self->defect_classes);
}

void
lc_part_type_add_characteristic (LcPartType       *self,
                                 LcCharacteristic *characteristic)
{
  g_return_if_fail (LC_IS_PART_TYPE (self));
  g_return_if_fail (LC_IS_CHARACTERISTIC (characteristic));
  g_list_store_append (self->characteristics, characteristic);
}

void
lc_part_type_remove_characteristic (LcPartType       *self,
                                    LcCharacteristic *characteristic)
{
  guint position;

  g_return_if_fail (LC_IS_PART_TYPE (self));
  if (g_list_store_find (self->characteristics, characteristic, &position))
    g_list_store_remove (self->characteristics, position);
}

void
lc_part_type_add_defect_class (LcPartType    *self,
                               LcDefectClass *defect_class)
{
  g_return_if_fail (LC_IS_PART_TYPE (self));
  g_return_if_fail (LC_IS_DEFECT_CLASS (defect_class));
  g_list_store_append (self->defect_classes, defect_class);
}

void
lc_part_type_remove_defect_class (LcPartType    *self,
                                  LcDefectClass *defect_class)
{
  guint position;

  g_return_if_fail (LC_IS_PART_TYPE (self));
  if (g_list_store_find (self->defect_classes, defect_class, &position))
    g_list_store_remove (self->defect_classes, position);
}

LcCharacteristic *
lc_part_type_find_characteristic (LcPartType *self,
                                  const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->characteristics));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);
      if (g_strcmp0 (lc_characteristic_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

LcCharacteristic *
lc_part_type_find_characteristic_by_id (LcPartType *self,
                                        gint64      id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->characteristics));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);
      if (lc_characteristic_get_id (c) == id)
        return c;
    }
  return NULL;
}

LcDefectClass *
lc_part_type_find_defect_class (LcPartType *self,
                                const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->defect_classes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (G_LIST_MODEL (self->defect_classes), i);
      if (g_strcmp0 (lc_defect_class_get_name (d), name) == 0)
        return d;
    }
  return NULL;
}

LcDefectClass *
lc_part_type_find_defect_class_by_id (LcPartType *self,
                                      gint64      id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->defect_classes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (G_LIST_MODEL (self->defect_classes), i);
      if (lc_defect_class_get_id (d) == id)
        return d;
    }
  return NULL;
}

/* Names compare as people read them: "Bore Ø" and "bore ø " are the same characteristic. */
static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  return g_utf8_casefold (stripped, -1);
}

gboolean
lc_part_type_validate (LcPartType  *self,
                       GError     **error)
{
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  guint n;

  g_return_val_if_fail (LC_IS_PART_TYPE (self), FALSE);

  code = g_strstrip (g_strdup (self->code));
  name = g_strstrip (g_strdup (self->name));
  if (code[0] == '\0')
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_CODE,
                   _("The part type needs a code (the part number on the drawing or barcode)."));
      return FALSE;
    }
  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_CODE,
                       _("The code “%s” has a space in it; a barcode scanner could not select it."),
                       code);
          return FALSE;
        }
    }
  if (name[0] == '\0')
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_NAME, _("The part type needs a name."));
      return FALSE;
    }

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->characteristics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcCharacteristic) c = g_list_model_get_item (G_LIST_MODEL (self->characteristics), i);
      char *key;

      if (!lc_characteristic_validate (c, error))
        return FALSE;
      key = name_key (lc_characteristic_get_name (c));
      if (!g_hash_table_add (names, key))
        {
          g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_DUPLICATE,
                       _("Two characteristics are named “%s”; names must differ."),
                       lc_characteristic_get_name (c));
          return FALSE;
        }
    }

  g_hash_table_remove_all (names);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->defect_classes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcDefectClass) d = g_list_model_get_item (G_LIST_MODEL (self->defect_classes), i);
      char *key;

      if (!lc_defect_class_validate (d, error))
        return FALSE;
      key = name_key (lc_defect_class_get_name (d));
      if (!g_hash_table_add (names, key))
        {
          g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_DUPLICATE,
                       _("Two defect classes are named “%s”; names must differ."),
                       lc_defect_class_get_name (d));
          return FALSE;
        }
    }
  return TRUE;
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lc-defect-class.h"
#include "lc-part-error.h"

struct _LcDefectClass
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  char       *color;
  LcSeverity  severity;
  gboolean    archived;
};

G_DEFINE_FINAL_TYPE (LcDefectClass, lc_defect_class, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_SEVERITY,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const severity_names[] = { "critical", "major", "minor" };

GType
lc_severity_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LC_SEVERITY_CRITICAL, "LC_SEVERITY_CRITICAL", "critical" },
        { LC_SEVERITY_MAJOR, "LC_SEVERITY_MAJOR", "major" },
        { LC_SEVERITY_MINOR, "LC_SEVERITY_MINOR", "minor" },
        { 0, NULL, NULL }
      };
      g_once_init_leave (&type_id, g_enum_register_static ("LcSeverity", values));
    }
  return type_id;
}

const char *
lc_severity_to_string (LcSeverity severity)
{
  g_return_val_if_fail (severity <= LC_SEVERITY_MINOR, "major");
  return severity_names[severity];
}

gboolean
lc_severity_from_string (const char *text,
                         LcSeverity *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (g_strcmp0 (text, severity_names[i]) == 0)
        {
          *severity = (LcSeverity) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
lc_severity_get_label (LcSeverity severity)
{
  switch (severity)
    {
    case LC_SEVERITY_CRITICAL: return _("Critical");
    case LC_SEVERITY_MAJOR: return _("Major");
    case LC_SEVERITY_MINOR: return _("Minor");
    default: return "";
    }
}

/* replace_string () is GLib 2.76; we target 2.74. */
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

static void
lc_defect_class_finalize (GObject *object)
{
  LcDefectClass *self = LC_DEFECT_CLASS (object);

  g_free (self->name);
  g_free (self->color);

  G_OBJECT_CLASS (lc_defect_class_parent_class)->finalize (object);
}

static void
lc_defect_class_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LcDefectClass *self = LC_DEFECT_CLASS (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_COLOR: g_value_set_string (value, self->color); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_defect_class_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LcDefectClass *self = LC_DEFECT_CLASS (object);

  switch (prop_id)
    {
    case PROP_ID: lc_defect_class_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: lc_defect_class_set_name (self, g_value_get_string (value)); break;
    case PROP_COLOR: lc_defect_class_set_color (self, g_value_get_string (value)); break;
    case PROP_SEVERITY: lc_defect_class_set_severity (self, g_value_get_enum (value)); break;
    case PROP_ARCHIVED: lc_defect_class_set_archived (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_defect_class_class_init (LcDefectClassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lc_defect_class_finalize;
  object_class->get_property = lc_defect_class_get_property;
  object_class->set_property = lc_defect_class_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "#e01b24", flags);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, LC_TYPE_SEVERITY,
                                                 LC_SEVERITY_MAJOR, flags);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_defect_class_init (LcDefectClass *self)
{
  self->name = g_strdup ("");
  self->color = g_strdup ("#e01b24");
  self->severity = LC_SEVERITY_MAJOR;
}

LcDefectClass *
lc_defect_class_new (const char *name,
                     const char *color,
                     LcSeverity  severity)
{
  return g_object_new (LC_TYPE_DEFECT_CLASS,
                       "name", name != NULL ? name : "",
                       "color", color != NULL ? color : "#e01b24",
                       "severity", severity,
                       NULL);
}

LcDefectClass *
lc_defect_class_copy (LcDefectClass *self)
{
  LcDefectClass *copy;

  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), NULL);

  copy = lc_defect_class_new (self->name, self->color, self->severity);
  copy->id = self->id;
  copy->archived = self->archived;
  return copy;
}

gint64
lc_defect_class_get_id (LcDefectClass *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), 0);
  return self->id;
}

void
lc_defect_class_set_id (LcDefectClass *self,
                        gint64         id)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lc_defect_class_get_name (LcDefectClass *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), NULL);
  return self->name;
}

void
lc_defect_class_set_name (LcDefectClass *self,
                          const char    *name)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS (self));
  if (replace_string (&self->name, name != NULL ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lc_defect_class_get_color (LcDefectClass *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), NULL);
  return self->color;
}

void
lc_defect_class_set_color (LcDefectClass *self,
                           const char    *color)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS (self));
  if (replace_string (&self->color, color != NULL ? color : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

LcSeverity
lc_defect_class_get_severity (LcDefectClass *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), LC_SEVERITY_MAJOR);
  return self->severity;
}

void
lc_defect_class_set_severity (LcDefectClass *self,
                              LcSeverity     severity)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS (self));
  if (self->severity == severity)
    return;
  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

gboolean
lc_defect_class_get_archived (LcDefectClass *self)
{
  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), FALSE);
  return self->archived;
}

void
lc_defect_class_set_archived (LcDefectClass *self,
                              gboolean       archived)
{
  g_return_if_fail (LC_IS_DEFECT_CLASS (self));
  archived = !!archived;
  if (self->archived == archived)
    return;
  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

/* A colour the overlay and the Pareto can paint: #rrggbb. */
static gboolean
is_hex_color (const char *text)
{
  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
lc_defect_class_validate (LcDefectClass  *self,
                          GError        **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LC_IS_DEFECT_CLASS (self), FALSE);

  name = g_strstrip (g_strdup (self->name));
  if (name[0] == '\0')
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_NAME,
                   _("Every defect class needs a name."));
      return FALSE;
    }
  if (!is_hex_color (self->color))
    {
      g_set_error (error, LC_PART_ERROR, LC_PART_ERROR_COLOR,
                   _("Defect class “%s”: the colour must look like #e01b24."), name);
      return FALSE;
    }
  return TRUE;
}

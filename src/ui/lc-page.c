#include "lc-config.h"

#include "lc-page.h"

typedef struct
{
  LcStore    *store;
  LcPartType *part_type;
} LcPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LcPage, lc_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PART_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lc_page_dispose (GObject *object)
{
  LcPagePrivate *priv = lc_page_get_instance_private (LC_PAGE (object));

  g_clear_object (&priv->store);
  g_clear_object (&priv->part_type);

  G_OBJECT_CLASS (lc_page_parent_class)->dispose (object);
}

static void
lc_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LcPagePrivate *priv = lc_page_get_instance_private (LC_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, priv->store); break;
    case PROP_PART_TYPE: g_value_set_object (value, priv->part_type); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE: lc_page_set_store (LC_PAGE (object), g_value_get_object (value)); break;
    case PROP_PART_TYPE: lc_page_set_part_type (LC_PAGE (object), g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_page_class_init (LcPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_page_dispose;
  object_class->get_property = lc_page_get_property;
  object_class->set_property = lc_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PART_TYPE] =
    g_param_spec_object ("part-type", NULL, NULL, LC_TYPE_PART_TYPE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_page_init (LcPage *self)
{
}

LcStore *
lc_page_get_store (LcPage *self)
{
  LcPagePrivate *priv = lc_page_get_instance_private (self);

  g_return_val_if_fail (LC_IS_PAGE (self), NULL);
  return priv->store;
}

void
lc_page_set_store (LcPage  *self,
                   LcStore *store)
{
  LcPagePrivate *priv = lc_page_get_instance_private (self);

  g_return_if_fail (LC_IS_PAGE (self));

  if (!g_set_object (&priv->store, store))
    return;
  if (LC_PAGE_GET_CLASS (self)->store_changed != NULL)
    LC_PAGE_GET_CLASS (self)->store_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

LcPartType *
lc_page_get_part_type (LcPage *self)
{
  LcPagePrivate *priv = lc_page_get_instance_private (self);

  g_return_val_if_fail (LC_IS_PAGE (self), NULL);
  return priv->part_type;
}

void
lc_page_set_part_type (LcPage     *self,
                       LcPartType *part_type)
{
  LcPagePrivate *priv = lc_page_get_instance_private (self);

  g_return_if_fail (LC_IS_PAGE (self));

  if (!g_set_object (&priv->part_type, part_type))
    return;
  if (LC_PAGE_GET_CLASS (self)->part_type_changed != NULL)
    LC_PAGE_GET_CLASS (self)->part_type_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PART_TYPE]);
}

char *
lc_page_changeover_blocked (LcPage *self)
{
  g_return_val_if_fail (LC_IS_PAGE (self), NULL);

  if (LC_PAGE_GET_CLASS (self)->changeover_blocked == NULL)
    return NULL;
  return LC_PAGE_GET_CLASS (self)->changeover_blocked (self);
}

void
lc_page_discard (LcPage *self)
{
  g_return_if_fail (LC_IS_PAGE (self));

  if (LC_PAGE_GET_CLASS (self)->discard != NULL)
    LC_PAGE_GET_CLASS (self)->discard (self);
}

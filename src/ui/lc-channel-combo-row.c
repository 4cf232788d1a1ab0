#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-channel-combo-row.h"

struct _LcChannelComboRow
{
  AdwComboRow    parent_instance;

  GtkStringList *names;
  GArray        *ids;          /* gint64 per entry of names; 0 first */
  LcGaugeBench  *bench;
  LcGaugeRole    role;
  gint64         channel_id;
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (LcChannelComboRow, lc_channel_combo_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_CHANNEL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fill (LcChannelComboRow *self)
{
  GListModel *devices = self->bench != NULL ? lc_gauge_bench_get_devices (self->bench) : NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gint64 none = 0;

  g_array_set_size (self->ids, 0);
  g_array_append_val (self->ids, none);
  g_ptr_array_add (names, g_strdup (self->role == LC_GAUGE_ROLE_OUTPUT ? _("Nothing") : _("Manual entry")));
  for (guint d = 0; devices != NULL && d < g_list_model_get_n_items (devices); d++)
    {
      g_autoptr(LcGaugeDevice) device = g_list_model_get_item (devices, d);
      GListModel *channels = lc_gauge_device_get_channels (device);

      for (guint c = 0; c < g_list_model_get_n_items (channels); c++)
        {
          g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, c);
          gint64 id = lc_gauge_channel_get_id (channel);

          /* Only saved channels can be bound; a foot pedal measures nothing. */
          if (id <= 0 || lc_gauge_channel_get_role (channel) != self->role)
            continue;
          if (id == self->channel_id)
            selected = self->ids->len;
          g_array_append_val (self->ids, id);
          g_ptr_array_add (names, g_strdup_printf ("%s · %s", lc_gauge_device_get_name (device),
                                                   lc_gauge_channel_get_name (channel)));
        }
    }
  if (self->channel_id > 0 && selected == 0)
    {
      selected = self->ids->len;
      g_array_append_val (self->ids, self->channel_id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->channel_id);

      g_ptr_array_add (names, g_strdup_printf (_("Channel %s (gauge not found)"), id));
    }
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->names, 0, n_old, (const char * const *) names->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), selected);
  self->filling = FALSE;
}

static void
on_selected (LcChannelComboRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  gint64 id;

  if (self->filling || selected >= self->ids->len)
    return;
  id = g_array_index (self->ids, gint64, selected);
  if (id == self->channel_id)
    return;
  self->channel_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

static void
lc_channel_combo_row_dispose (GObject *object)
{
  LcChannelComboRow *self = LC_CHANNEL_COMBO_ROW (object);

  g_clear_object (&self->bench);

  G_OBJECT_CLASS (lc_channel_combo_row_parent_class)->dispose (object);
}

static void
lc_channel_combo_row_finalize (GObject *object)
{
  LcChannelComboRow *self = LC_CHANNEL_COMBO_ROW (object);

  g_clear_object (&self->names);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (lc_channel_combo_row_parent_class)->finalize (object);
}

static void
lc_channel_combo_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LcChannelComboRow *self = LC_CHANNEL_COMBO_ROW (object);

  switch (prop_id)
    {
    case PROP_CHANNEL_ID:
      g_value_set_int64 (value, self->channel_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_channel_combo_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LcChannelComboRow *self = LC_CHANNEL_COMBO_ROW (object);

  switch (prop_id)
    {
    case PROP_CHANNEL_ID:
      lc_channel_combo_row_set_channel_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_channel_combo_row_class_init (LcChannelComboRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_channel_combo_row_dispose;
  object_class->finalize = lc_channel_combo_row_finalize;
  object_class->get_property = lc_channel_combo_row_get_property;
  object_class->set_property = lc_channel_combo_row_set_property;

  properties[PROP_CHANNEL_ID] =
    g_param_spec_int64 ("channel-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_channel_combo_row_init (LcChannelComboRow *self)
{
  self->names = gtk_string_list_new (NULL);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->role = LC_GAUGE_ROLE_MEASURE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (self->names));
  g_signal_connect (self, "notify::selected", G_CALLBACK (on_selected), NULL);
  fill (self);
}

GtkWidget *
lc_channel_combo_row_new (void)
{
  return g_object_new (LC_TYPE_CHANNEL_COMBO_ROW, NULL);
}

void
lc_channel_combo_row_set_bench (LcChannelComboRow *self,
                                LcGaugeBench      *bench,
                                LcGaugeRole        role)
{
  g_return_if_fail (LC_IS_CHANNEL_COMBO_ROW (self));
  g_return_if_fail (bench == NULL || LC_IS_GAUGE_BENCH (bench));

  g_set_object (&self->bench, bench);
  self->role = role;
  fill (self);
}

gint64
lc_channel_combo_row_get_channel_id (LcChannelComboRow *self)
{
  g_return_val_if_fail (LC_IS_CHANNEL_COMBO_ROW (self), 0);
  return self->channel_id;
}

void
lc_channel_combo_row_set_channel_id (LcChannelComboRow *self,
                                     gint64             channel_id)
{
  g_return_if_fail (LC_IS_CHANNEL_COMBO_ROW (self));

  if (self->channel_id == channel_id)
    return;
  self->channel_id = channel_id;
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

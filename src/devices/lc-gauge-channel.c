#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-channel-private.h"
#include "lc-gauge-line-pattern.h"
#include "lc-gauge-stable.h"

/* Readings kept for the stable-reading check: enough for any sensible settling window. */
#define HISTORY_US (30 * G_USEC_PER_SEC)
#define DEFAULT_TAKE_TIMEOUT_MS 5000
#define DEFAULT_STABLE_TAKE_TIMEOUT_MS 10000

typedef struct
{
  gint64 monotonic;
  double value;
} Point;

struct _LcGaugeChannel
{
  GObject              parent_instance;

  gint64               id;
  gint64               device_id;
  char                *name;
  LcGaugeRegister      reg;
  char                *unit;
  int                  decimals;
  JsonObject          *settings;
  LcGaugeLinePattern  *pattern;      /* keyboard channels, made on first use */
  LcGaugeKind          kind;         /* of its device */

  LcGaugeState         state;
  LcGaugeReading      *last_reading;
  char                *last_error;
  gint64               poll_period;  /* µs */
  GArray              *history;      /* Point, oldest first */
};

G_DEFINE_FINAL_TYPE (LcGaugeChannel, lc_gauge_channel, G_TYPE_OBJECT)

/* g_set_str () is GLib 2.76. */
static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  PROP_VALUE,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  READING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
lc_gauge_channel_finalize (GObject *object)
{
  LcGaugeChannel *self = LC_GAUGE_CHANNEL (object);

  g_free (self->name);
  g_free (self->unit);
  g_clear_pointer (&self->settings, json_object_unref);
  g_clear_pointer (&self->pattern, lc_gauge_line_pattern_free);
  g_clear_pointer (&self->last_reading, lc_gauge_reading_free);
  g_free (self->last_error);
  g_array_unref (self->history);

  G_OBJECT_CLASS (lc_gauge_channel_parent_class)->finalize (object);
}

static void
lc_gauge_channel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LcGaugeChannel *self = LC_GAUGE_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_VALUE:
      g_value_set_double (value, lc_gauge_channel_get_value (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_channel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LcGaugeChannel *self = LC_GAUGE_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lc_gauge_channel_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_gauge_channel_class_init (LcGaugeChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_gauge_channel_finalize;
  object_class->get_property = lc_gauge_channel_get_property;
  object_class->set_property = lc_gauge_channel_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An LcGaugeState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LC_GAUGE_STATE_OFF, LC_GAUGE_STATE_ERROR,
                      LC_GAUGE_STATE_OFF, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcGaugeChannel::reading:
   * @reading: an #LcGaugeReading, every one the gauge sent, in order
   */
  signals[READING] =
    g_signal_new ("reading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LC_TYPE_GAUGE_READING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lc_gauge_channel_init (LcGaugeChannel *self)
{
  lc_gauge_register_init (&self->reg);
  self->unit = g_strdup ("");
  self->decimals = 3;
  self->settings = json_object_new ();
  self->poll_period = 500 * G_TIME_SPAN_MILLISECOND;
  self->history = g_array_new (FALSE, FALSE, sizeof (Point));
}

LcGaugeChannel *
lc_gauge_channel_new (const char *name)
{
  LcGaugeChannel *self = g_object_new (LC_TYPE_GAUGE_CHANNEL, NULL);

  self->name = g_strdup (name != NULL ? name : "");
  return self;
}

gint64
lc_gauge_channel_get_id (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), 0);
  return self->id;
}

gint64
lc_gauge_channel_get_device_id (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), 0);
  return self->device_id;
}

void
_lc_gauge_channel_set_ids (LcGaugeChannel *self,
                           gint64          id,
                           gint64          device_id)
{
  self->id = id;
  self->device_id = device_id;
}

const char *
lc_gauge_channel_get_name (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return self->name;
}

void
lc_gauge_channel_set_name (LcGaugeChannel *self,
                           const char     *name)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  if (set_str (&self->name, name != NULL ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const LcGaugeRegister *
lc_gauge_channel_get_register (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return &self->reg;
}

void
lc_gauge_channel_set_register (LcGaugeChannel        *self,
                               const LcGaugeRegister *reg)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  self->reg = *reg;
}

const char *
lc_gauge_channel_get_unit (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return self->unit;
}

void
lc_gauge_channel_set_unit (LcGaugeChannel *self,
                           const char     *unit)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  set_str (&self->unit, unit != NULL ? unit : "");
  g_clear_pointer (&self->pattern, lc_gauge_line_pattern_free);
}

int
lc_gauge_channel_get_decimals (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), 3);
  return self->decimals;
}

void
lc_gauge_channel_set_decimals (LcGaugeChannel *self,
                               int             decimals)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  self->decimals = CLAMP (decimals, 0, 9);
}

JsonObject *
lc_gauge_channel_get_settings (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return self->settings;
}

void
lc_gauge_channel_set_settings (LcGaugeChannel *self,
                               JsonObject     *settings)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  g_return_if_fail (settings != NULL);
  if (settings == self->settings)
    return;
  json_object_ref (settings);
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = settings;
  g_clear_pointer (&self->pattern, lc_gauge_line_pattern_free);
}

LcGaugeRole
lc_gauge_channel_get_role (LcGaugeChannel *self)
{
  LcGaugeRole role = LC_GAUGE_ROLE_MEASURE;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), role);
  lc_gauge_role_from_string (json_object_get_string_member_with_default (self->settings, "role",
                                                                          "measure"),
                             &role);
  return role;
}

void
lc_gauge_channel_set_role (LcGaugeChannel *self,
                           LcGaugeRole     role)
{
  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  json_object_set_string_member (self->settings, "role", lc_gauge_role_to_string (role));
}

static JsonObject *
stable_settings (LcGaugeChannel *self)
{
  JsonNode *node = json_object_get_member (self->settings, "stable");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

double
lc_gauge_channel_get_stable_tolerance (LcGaugeChannel *self)
{
  JsonObject *stable;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NAN);
  stable = stable_settings (self);
  if (stable == NULL || !json_object_has_member (stable, "tolerance"))
    return NAN;
  return json_object_get_double_member (stable, "tolerance");
}

guint
lc_gauge_channel_get_stable_time_ms (LcGaugeChannel *self)
{
  JsonObject *stable;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), 0);
  stable = stable_settings (self);
  if (stable == NULL)
    return 0;
  return (guint) CLAMP (json_object_get_int_member_with_default (stable, "time_ms", 500), 0, 60000);
}

void
lc_gauge_channel_set_stable (LcGaugeChannel *self,
                             double          tolerance,
                             guint           time_ms)
{
  JsonObject *stable;

  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));
  if (!isfinite (tolerance))
    {
      json_object_remove_member (self->settings, "stable");
      return;
    }
  stable = json_object_new ();
  json_object_set_double_member (stable, "tolerance", tolerance);
  json_object_set_int_member (stable, "time_ms", time_ms);
  json_object_set_object_member (self->settings, "stable", stable);
}

gboolean
lc_gauge_channel_validate (LcGaugeChannel  *self,
                           LcGaugeKind      kind,
                           GError         **error)
{
  LcGaugeRole role;
  double tolerance;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), FALSE);

  if (self->name == NULL || self->name[0] == '\0')
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID, _("A channel needs a name."));
      return FALSE;
    }
  if (!lc_gauge_role_from_string (json_object_get_string_member_with_default (self->settings,
                                                                               "role", "measure"),
                                  &role))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Channel “%s”: the role must be measure, trigger or output."), self->name);
      return FALSE;
    }
  tolerance = lc_gauge_channel_get_stable_tolerance (self);
  if (stable_settings (self) != NULL && !(tolerance >= 0))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Channel “%s”: a stable reading needs a tolerance of 0 or more."), self->name);
      return FALSE;
    }
  if (lc_gauge_kind_is_modbus (kind))
    {
      if (!lc_gauge_register_validate (&self->reg, error))
        {
          g_prefix_error (error, _("Channel “%s”: "), self->name);
          return FALSE;
        }
      if (role == LC_GAUGE_ROLE_TRIGGER && self->reg.type != LC_GAUGE_DATA_BOOL)
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("Channel “%s”: a foot pedal or button is a coil or discrete input of type bool."),
                       self->name);
          return FALSE;
        }
      if (role == LC_GAUGE_ROLE_OUTPUT && (self->reg.table == LC_GAUGE_TABLE_INPUT ||
                                           self->reg.table == LC_GAUGE_TABLE_DISCRETE))
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("Channel “%s”: an output must be a coil or a holding register."),
                       self->name);
          return FALSE;
        }
    }
  else if (kind == LC_GAUGE_KIND_SERIAL_ASCII || kind == LC_GAUGE_KIND_KEYBOARD)
    {
      g_autoptr(LcGaugeLinePattern) pattern =
        lc_gauge_line_pattern_new (json_object_get_string_member_with_default (self->settings,
                                                                               "pattern", NULL),
                                   self->unit, error);
      if (pattern == NULL)
        {
          g_prefix_error (error, _("Channel “%s”: "), self->name);
          return FALSE;
        }
      if (role != LC_GAUGE_ROLE_MEASURE)
        {
          g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                       _("Channel “%s”: a serial or keyboard gauge can only measure."), self->name);
          return FALSE;
        }
    }
  return TRUE;
}

LcGaugeState
lc_gauge_channel_get_state (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), LC_GAUGE_STATE_OFF);
  return self->state;
}

const LcGaugeReading *
lc_gauge_channel_get_last_reading (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return self->last_reading;
}

double
lc_gauge_channel_get_value (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NAN);
  return self->last_reading != NULL ? self->last_reading->value : NAN;
}

const char *
lc_gauge_channel_get_last_error (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  return self->last_error;
}

gint64
lc_gauge_channel_get_age (LcGaugeChannel *self)
{
  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), -1);
  if (self->last_reading == NULL)
    return -1;
  return g_get_monotonic_time () - self->last_reading->monotonic;
}

static char *
format_age (gint64 age)
{
  gint64 seconds = age / G_USEC_PER_SEC;

  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", seconds),
                            (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", seconds / 60),
                            (int) (seconds / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", seconds / 3600),
                          (int) (seconds / 3600));
}

char *
lc_gauge_channel_describe_state (LcGaugeChannel *self)
{
  g_autofree char *age = NULL;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);

  switch (self->state)
    {
    case LC_GAUGE_STATE_OFF:
      return g_strdup (_("Off"));
    case LC_GAUGE_STATE_WAITING:
      return g_strdup (_("Waiting for the first value"));
    case LC_GAUGE_STATE_LIVE:
      return g_strdup (_("Live"));
    case LC_GAUGE_STATE_STALE:
      age = format_age (lc_gauge_channel_get_age (self));
      return g_strdup_printf (_("Stale: last value %s old"), age);
    case LC_GAUGE_STATE_ERROR:
    default:
      if (self->last_reading == NULL)
        return g_strdup_printf (_("Error: %s"), self->last_error);
      age = format_age (lc_gauge_channel_get_age (self));
      return g_strdup_printf (_("Error: %s (last value %s old)"), self->last_error, age);
    }
}

char *
lc_gauge_channel_format_value (LcGaugeChannel *self)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), NULL);
  if (self->last_reading == NULL)
    return g_strdup ("—");
  number = lc_gauge_format_value (self->last_reading->value, self->decimals);
  if (self->unit[0] == '\0')
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, self->unit);
}

void
_lc_gauge_channel_set_kind (LcGaugeChannel *self,
                            LcGaugeKind     kind)
{
  self->kind = kind;
}

void
_lc_gauge_channel_set_poll_period (LcGaugeChannel *self,
                                   gint64          period_us)
{
  self->poll_period = MAX (period_us, 10 * G_TIME_SPAN_MILLISECOND);
}

void
_lc_gauge_channel_set_state (LcGaugeChannel *self,
                             LcGaugeState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gint64
stale_after (LcGaugeChannel *self)
{
  return MAX (3 * self->poll_period, G_USEC_PER_SEC);
}

void
_lc_gauge_channel_check_age (LcGaugeChannel *self)
{
  if (self->state == LC_GAUGE_STATE_LIVE && lc_gauge_channel_get_age (self) > stale_after (self))
    _lc_gauge_channel_set_state (self, LC_GAUGE_STATE_STALE);
}

void
_lc_gauge_channel_deliver_reading (LcGaugeChannel       *self,
                                   const LcGaugeReading *reading)
{
  Point p = { reading->monotonic, reading->value };
  guint drop = 0;

  g_clear_pointer (&self->last_reading, lc_gauge_reading_free);
  self->last_reading = lc_gauge_reading_copy (reading);
  self->last_reading->channel_id = self->id;

  g_array_append_val (self->history, p);
  while (drop < self->history->len &&
         g_array_index (self->history, Point, drop).monotonic < p.monotonic - HISTORY_US)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->history, 0, drop);

  if (self->last_error != NULL)
    {
      g_clear_pointer (&self->last_error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
  _lc_gauge_channel_set_state (self, LC_GAUGE_STATE_LIVE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[READING], 0, self->last_reading);
}

void
_lc_gauge_channel_deliver_error (LcGaugeChannel *self,
                                 const GError   *error)
{
  /* After an error the history no longer shows an unbroken settled stretch. */
  g_array_set_size (self->history, 0);
  if (set_str (&self->last_error, error->message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  _lc_gauge_channel_set_state (self, LC_GAUGE_STATE_ERROR);
}

gboolean
lc_gauge_channel_push_text (LcGaugeChannel  *self,
                            const char      *text,
                            GError         **error)
{
  g_autoptr(LcGaugeReading) reading = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LC_IS_GAUGE_CHANNEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->pattern == NULL)
    {
      self->pattern = lc_gauge_line_pattern_new (
        json_object_get_string_member_with_default (self->settings, "pattern", NULL),
        self->unit, error);
      if (self->pattern == NULL)
        return FALSE;
    }
  reading = lc_gauge_line_pattern_parse (self->pattern, self->id, text, &local_error);
  if (reading == NULL)
    {
      _lc_gauge_channel_deliver_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _lc_gauge_channel_deliver_reading (self, reading);
  return TRUE;
}

/* Taking a measurement. */

typedef struct
{
  LcGaugeStable *stable;
  gulong         reading_id;
  gulong         cancelled_id;
  guint          timeout_id;
  guint          timeout_ms;
  gboolean       done;        /* the task has returned; late callbacks do nothing */
} TakeData;

static void
take_data_free (TakeData *data)
{
  g_clear_pointer (&data->stable, lc_gauge_stable_free);
  g_free (data);
}

static void
take_disconnect (GTask *task)
{
  LcGaugeChannel *self = g_task_get_source_object (task);
  TakeData *data = g_task_get_task_data (task);

  data->done = TRUE;
  g_clear_signal_handler (&data->reading_id, self);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
      data->cancelled_id = 0;
    }
}

static void
take_on_reading (LcGaugeChannel *self,
                 LcGaugeReading *reading,
                 GTask          *task)
{
  TakeData *data = g_task_get_task_data (task);

  if (data->stable != NULL)
    {
      lc_gauge_stable_add (data->stable, reading->monotonic, reading->value);
      if (!lc_gauge_stable_is_settled (data->stable))
        return;
    }
  take_disconnect (task);
  g_task_return_pointer (task, lc_gauge_reading_copy (reading),
                         (GDestroyNotify) lc_gauge_reading_free);
  g_object_unref (task);
}

static gboolean
take_on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  LcGaugeChannel *self = g_task_get_source_object (task);
  TakeData *data = g_task_get_task_data (task);
  double seconds = data->timeout_ms / 1000.0;

  data->timeout_id = 0;
  take_disconnect (task);

  if (data->stable != NULL && self->state == LC_GAUGE_STATE_LIVE)
    {
      g_autofree char *spread = lc_gauge_format_value (lc_gauge_stable_get_spread (data->stable),
                                                       self->decimals + 1);
      g_autofree char *allowed = lc_gauge_format_value (lc_gauge_channel_get_stable_tolerance (self),
                                                        self->decimals + 1);
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_UNSTABLE,
                               _("“%s” did not settle within %.1f s: it still moves by %s %s (%s allowed). Hold the part still."),
                               self->name, seconds, spread, self->unit, allowed);
    }
  else if (self->state == LC_GAUGE_STATE_ERROR && self->last_error != NULL)
    g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NO_VALUE,
                             _("No value from “%s” within %.1f s: %s"),
                             self->name, seconds, self->last_error);
  else
    g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NO_VALUE,
                             _("No value from “%s” within %.1f s: is the gauge connected and switched on?"),
                             self->name, seconds);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
take_on_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  TakeData *data = g_task_get_task_data (task);

  if (data->done)
    return G_SOURCE_REMOVE;
  take_disconnect (task);
  g_task_return_error_if_cancelled (task);
  /* The reference the pending take held. */
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
take_on_cancelled (GCancellable *cancellable,
                   GTask        *task)
{
  /* Not from inside the handler: g_cancellable_disconnect () would deadlock there. */
  g_idle_add_full (G_PRIORITY_DEFAULT, take_on_cancelled_idle, g_object_ref (task),
                   g_object_unref);
}

void
lc_gauge_channel_take_async (LcGaugeChannel      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TakeData *data;
  double tolerance;
  /* A keyboard gauge's last value was typed for the previous part: wait for the next. */
  gboolean typed;

  g_return_if_fail (LC_IS_GAUGE_CHANNEL (self));

  typed = self->kind == LC_GAUGE_KIND_KEYBOARD;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_gauge_channel_take_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (lc_gauge_channel_get_role (self) == LC_GAUGE_ROLE_OUTPUT)
    {
      g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                               _("“%s” is an output: it is written, not measured."), self->name);
      return;
    }

  data = g_new0 (TakeData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) take_data_free);
  tolerance = lc_gauge_channel_get_stable_tolerance (self);
  data->timeout_ms = (guint) json_object_get_int_member_with_default (
    self->settings, "take_timeout_ms",
    isfinite (tolerance) ? DEFAULT_STABLE_TAKE_TIMEOUT_MS : DEFAULT_TAKE_TIMEOUT_MS);

  if (isfinite (tolerance))
    {
      data->stable = lc_gauge_stable_new (tolerance, (gint64) lc_gauge_channel_get_stable_time_ms (self)
                                                     * G_TIME_SPAN_MILLISECOND);
      /* Readings already in hand count: a part that has sat still for a second is settled. */
      for (guint i = 0; self->state == LC_GAUGE_STATE_LIVE && i < self->history->len; i++)
        lc_gauge_stable_add (data->stable, g_array_index (self->history, Point, i).monotonic,
                             g_array_index (self->history, Point, i).value);
      if (self->state == LC_GAUGE_STATE_LIVE && lc_gauge_stable_is_settled (data->stable))
        {
          g_task_return_pointer (task, lc_gauge_reading_copy (self->last_reading),
                                 (GDestroyNotify) lc_gauge_reading_free);
          return;
        }
    }
  else if (!typed && self->state == LC_GAUGE_STATE_LIVE && self->last_reading != NULL &&
           lc_gauge_channel_get_age (self) <= stale_after (self))
    {
      g_task_return_pointer (task, lc_gauge_reading_copy (self->last_reading),
                             (GDestroyNotify) lc_gauge_reading_free);
      return;
    }

  /* The task holds itself until a reading, the timeout or a cancel ends it. */
  data->reading_id = g_signal_connect (self, "reading", G_CALLBACK (take_on_reading), task);
  data->timeout_id = g_timeout_add (data->timeout_ms, take_on_timeout, task);
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (take_on_cancelled),
                                                task, NULL);
  g_steal_pointer (&task);
}

LcGaugeReading *
lc_gauge_channel_take_finish (LcGaugeChannel  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

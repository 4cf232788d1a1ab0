#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lc-gauge-bus.h"
#include "lc-gauge-channel-private.h"
#include "lc-gauge-device-private.h"
#include "lc-gauge-line-pattern.h"
#include "lc-gauge-modbus.h"
#include "lc-gauge-serial.h"
#include "lc-gauge-simulated.h"

#define BACKOFF_FIRST_MS 100
#define BACKOFF_MAX_MS 1000
/* How often a serial worker looks at its queue while waiting for a line. */
#define SERIAL_SLICE_MS 50

typedef enum
{
  JOB_STOP,
  JOB_WRITE,
  JOB_READ,
} JobKind;

typedef struct
{
  JobKind          kind;
  guint            unit;
  guint            timeout_ms;
  LcGaugeRegister  reg;
  double           value;
  GTask           *task;
} Job;

/* What the worker knows of a channel: a copy made at start, never the live object. */
typedef struct
{
  LcGaugeChannel     *channel;   /* only handed back to the main thread, never touched */
  gint64              id;
  LcGaugeRole         role;
  LcGaugeRegister     reg;
  LcGaugeSimulated   *simulated;
  LcGaugeLinePattern *pattern;
} BusChannel;

typedef struct
{
  LcGaugeDevice *device;        /* ditto */
  guint          generation;
  guint          unit;
  guint          timeout_ms;
  gint64         poll_us;
  gint64         next_due;
  char          *request;
  GPtrArray     *channels;      /* BusChannel, polled ones only */
} BusDevice;

struct _LcGaugeBus
{
  char          *key;
  LcGaugeKind    kind;
  LcGaugeLink   *link;
  GMainContext  *context;
  GAsyncQueue   *jobs;
  GThread       *thread;
  GPtrArray     *devices;       /* BusDevice */
};

/* One poll's worth of news for the main thread. */
typedef struct
{
  LcGaugeChannel *channel;
  LcGaugeReading *reading;
  GError         *error;
} BatchItem;

typedef struct
{
  LcGaugeDevice *device;
  guint          generation;
  gboolean       has_state;
  LcGaugeState   state;
  char          *message;
  GArray        *items;         /* BatchItem */
} Batch;

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job);
}

static void
bus_channel_free (BusChannel *bc)
{
  g_clear_object (&bc->channel);
  g_clear_pointer (&bc->simulated, lc_gauge_simulated_free);
  g_clear_pointer (&bc->pattern, lc_gauge_line_pattern_free);
  g_free (bc);
}

static void
bus_device_free (BusDevice *bd)
{
  g_clear_object (&bd->device);
  g_free (bd->request);
  g_ptr_array_unref (bd->channels);
  g_free (bd);
}

static void
batch_item_clear (BatchItem *item)
{
  g_clear_object (&item->channel);
  g_clear_pointer (&item->reading, lc_gauge_reading_free);
  g_clear_error (&item->error);
}

static Batch *
batch_new (BusDevice *bd)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->device = g_object_ref (bd->device);
  batch->generation = bd->generation;
  batch->items = g_array_new (FALSE, TRUE, sizeof (BatchItem));
  g_array_set_clear_func (batch->items, (GDestroyNotify) batch_item_clear);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_object_unref (batch->device);
  g_free (batch->message);
  g_array_unref (batch->items);
  g_free (batch);
}

static void
batch_set_state (Batch        *batch,
                 LcGaugeState  state,
                 const char   *message)
{
  batch->has_state = TRUE;
  batch->state = state;
  g_free (batch->message);
  batch->message = g_strdup (message);
}

static void
batch_add_reading (Batch          *batch,
                   BusChannel     *bc,
                   LcGaugeReading *reading)
{
  BatchItem item = { g_object_ref (bc->channel), reading, NULL };

  reading->channel_id = bc->id;
  g_array_append_val (batch->items, item);
}

static void
batch_add_error (Batch        *batch,
                 BusChannel   *bc,
                 const GError *error)
{
  BatchItem item = { g_object_ref (bc->channel), NULL, g_error_copy (error) };

  g_array_append_val (batch->items, item);
}

/* Main thread. */
static gboolean
deliver_cb (gpointer user_data)
{
  Batch *batch = user_data;

  /* From a worker that has been stopped or restarted since: not current any more. */
  if (batch->generation != _lc_gauge_device_get_generation (batch->device))
    return G_SOURCE_REMOVE;

  if (batch->has_state)
    _lc_gauge_device_set_state (batch->device, batch->state, batch->message);
  for (guint i = 0; i < batch->items->len; i++)
    {
      BatchItem *item = &g_array_index (batch->items, BatchItem, i);

      if (item->reading != NULL)
        _lc_gauge_channel_deliver_reading (item->channel, item->reading);
      else
        _lc_gauge_channel_deliver_error (item->channel, item->error);
    }
  return G_SOURCE_REMOVE;
}

static void
deliver (LcGaugeBus *self,
         Batch      *batch)
{
  /* Always through a source: g_main_context_invoke () would run deliver_cb right here, on the
   * worker, whenever no thread happens to be iterating the context at that moment. */
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, batch, (GDestroyNotify) batch_free);
  g_source_set_static_name (source, "[linecheck] gauge readings");
  g_source_attach (source, self->context);
}

/* Tells every device of the bus that the connection failed, each polled channel too. */
static void
deliver_connection_error (LcGaugeBus   *self,
                          const GError *error)
{
  for (guint d = 0; d < self->devices->len; d++)
    {
      BusDevice *bd = g_ptr_array_index (self->devices, d);
      Batch *batch = batch_new (bd);

      batch_set_state (batch, LC_GAUGE_STATE_ERROR, error->message);
      for (guint c = 0; c < bd->channels->len; c++)
        batch_add_error (batch, g_ptr_array_index (bd->channels, c), error);
      deliver (self, batch);
    }
}

static guint
next_backoff (guint backoff_ms)
{
  return backoff_ms == 0 ? BACKOFF_FIRST_MS : MIN (backoff_ms * 2, BACKOFF_MAX_MS);
}

static guint
max_timeout (LcGaugeBus *self)
{
  guint timeout = 0;

  for (guint d = 0; d < self->devices->len; d++)
    timeout = MAX (timeout, ((BusDevice *) g_ptr_array_index (self->devices, d))->timeout_ms);
  return timeout > 0 ? timeout : 1000;
}

/* The earliest poll due, or G_MAXINT64. */
static gint64
next_due (LcGaugeBus *self)
{
  gint64 due = G_MAXINT64;

  for (guint d = 0; d < self->devices->len; d++)
    {
      BusDevice *bd = g_ptr_array_index (self->devices, d);
      if (bd->channels->len > 0 || bd->request != NULL)
        due = MIN (due, bd->next_due);
    }
  return due;
}

static void
schedule_next (BusDevice *bd,
               gint64     now)
{
  bd->next_due += bd->poll_us;
  /* Late by more than a period (a slow device): start afresh rather than rush to catch up. */
  if (bd->next_due < now)
    bd->next_due = now + bd->poll_us;
}

static Job *
wait_for_job (LcGaugeBus *self,
              gint64      until)
{
  gint64 now = g_get_monotonic_time ();

  if (until <= now)
    return g_async_queue_try_pop (self->jobs);
  if (until == G_MAXINT64)
    return g_async_queue_pop (self->jobs);
  return g_async_queue_timeout_pop (self->jobs, (guint64) (until - now));
}

static gboolean
stop_error (GTask *task)
{
  g_task_return_new_error (task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_STOPPED,
                           _("The gauge was stopped before it could answer."));
  return TRUE;
}

/* Modbus. */

static gboolean
is_connection_fault (const GError *error)
{
  return g_error_matches (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT) ||
         g_error_matches (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_DISCONNECTED) ||
         g_error_matches (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_TIMEOUT);
}

static void
modbus_job (LcGaugeModbus *modbus,
            Job           *job)
{
  g_autoptr(GError) error = NULL;
  guint16 words[LC_GAUGE_MAX_WORDS];
  double value;

  if (job->kind == JOB_WRITE)
    {
      if (lc_gauge_modbus_write (modbus, job->unit, job->timeout_ms, &job->reg, job->value, &error))
        g_task_return_boolean (job->task, TRUE);
      else
        g_task_return_error (job->task, g_steal_pointer (&error));
      return;
    }

  if (lc_gauge_modbus_read (modbus, job->unit, job->timeout_ms, &job->reg, words, &value, &error))
    {
      LcGaugeReading *reading = lc_gauge_reading_new (0, value);

      reading->n_words = lc_gauge_register_n_words (&job->reg);
      memcpy (reading->words, words, sizeof words);
      g_task_return_pointer (job->task, reading, (GDestroyNotify) lc_gauge_reading_free);
    }
  else
    g_task_return_error (job->task, g_steal_pointer (&error));
}

static void
modbus_poll_device (LcGaugeBus    *self,
                    LcGaugeModbus *modbus,
                    BusDevice     *bd)
{
  Batch *batch = batch_new (bd);
  g_autoptr(GError) first_error = NULL;
  guint n_good = 0;

  for (guint c = 0; c < bd->channels->len; c++)
    {
      BusChannel *bc = g_ptr_array_index (bd->channels, c);
      g_autoptr(GError) error = NULL;
      guint16 words[LC_GAUGE_MAX_WORDS];
      double value;

      /* After a timeout or a lost link the device will not answer the rest of this round
       * either: report them with the same reason instead of waiting out each timeout. */
      if (first_error != NULL && is_connection_fault (first_error))
        {
          batch_add_error (batch, bc, first_error);
          continue;
        }
      if (lc_gauge_modbus_read (modbus, bd->unit, bd->timeout_ms, &bc->reg, words, &value, &error))
        {
          LcGaugeReading *reading = lc_gauge_reading_new (bc->id, value);

          reading->n_words = lc_gauge_register_n_words (&bc->reg);
          memcpy (reading->words, words, sizeof words);
          batch_add_reading (batch, bc, reading);
          n_good++;
        }
      else
        {
          batch_add_error (batch, bc, error);
          if (first_error == NULL)
            first_error = g_steal_pointer (&error);
        }
    }

  if (n_good > 0 || first_error == NULL)
    batch_set_state (batch, LC_GAUGE_STATE_LIVE, first_error != NULL ? first_error->message : NULL);
  else
    batch_set_state (batch, LC_GAUGE_STATE_ERROR, first_error->message);
  deliver (self, batch);
}

static gpointer
modbus_worker (gpointer user_data)
{
  LcGaugeBus *self = user_data;
  g_autoptr(LcGaugeModbus) modbus = lc_gauge_modbus_new (self->link);
  guint backoff_ms = 0;
  gint64 retry_at = 0;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean connected = lc_gauge_modbus_is_connected (modbus);
      Job *job;

      if (!connected && now >= retry_at)
        {
          g_autoptr(GError) error = NULL;

          if (lc_gauge_modbus_connect (modbus, max_timeout (self), &error))
            {
              backoff_ms = 0;
              connected = TRUE;
            }
          else
            {
              deliver_connection_error (self, error);
              backoff_ms = next_backoff (backoff_ms);
              retry_at = g_get_monotonic_time () + backoff_ms * G_TIME_SPAN_MILLISECOND;
            }
        }

      job = wait_for_job (self, connected ? next_due (self) : retry_at);
      if (job != NULL)
        {
          if (job->kind == JOB_STOP)
            {
              job_free (job);
              break;
            }
          modbus_job (modbus, job);
          job_free (job);
          continue;
        }
      if (!lc_gauge_modbus_is_connected (modbus))
        continue;

      now = g_get_monotonic_time ();
      for (guint d = 0; d < self->devices->len && lc_gauge_modbus_is_connected (modbus); d++)
        {
          BusDevice *bd = g_ptr_array_index (self->devices, d);

          if (bd->channels->len == 0 || bd->next_due > now)
            continue;
          modbus_poll_device (self, modbus, bd);
          schedule_next (bd, g_get_monotonic_time ());
        }
      /* A poll that lost the connection reconnects at once; only failed connects back off. */
      if (!lc_gauge_modbus_is_connected (modbus))
        retry_at = 0;
    }
  return NULL;
}

/* Simulated gauges. */

static gpointer
simulated_worker (gpointer user_data)
{
  LcGaugeBus *self = user_data;

  for (;;)
    {
      Job *job = wait_for_job (self, next_due (self));
      gint64 now;

      if (job != NULL)
        {
          gboolean stop = job->kind == JOB_STOP;

          if (job->kind == JOB_WRITE)
            g_task_return_boolean (job->task, TRUE);   /* a simulated output always obeys */
          else if (job->kind == JOB_READ)
            g_task_return_new_error (job->task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                                     _("A simulated gauge has no registers to read: watch its live values."));
          job_free (job);
          if (stop)
            break;
          continue;
        }

      now = g_get_monotonic_time ();
      for (guint d = 0; d < self->devices->len; d++)
        {
          BusDevice *bd = g_ptr_array_index (self->devices, d);
          Batch *batch;

          if (bd->channels->len == 0 || bd->next_due > now)
            continue;
          batch = batch_new (bd);
          for (guint c = 0; c < bd->channels->len; c++)
            {
              BusChannel *bc = g_ptr_array_index (bd->channels, c);
              double value = bc->reg.type == LC_GAUGE_DATA_BOOL
                             ? 0.0 : lc_gauge_simulated_next (bc->simulated, now);

              batch_add_reading (batch, bc, lc_gauge_reading_new (bc->id, value));
            }
          batch_set_state (batch, LC_GAUGE_STATE_LIVE, NULL);
          deliver (self, batch);
          schedule_next (bd, now);
        }
    }
  return NULL;
}

/* Serial ASCII gauges: one gauge per port, sending a line per reading. */

static void
serial_deliver_line (LcGaugeBus *self,
                     BusDevice  *bd,
                     const char *line)
{
  Batch *batch = batch_new (bd);

  for (guint c = 0; c < bd->channels->len; c++)
    {
      BusChannel *bc = g_ptr_array_index (bd->channels, c);
      g_autoptr(GError) error = NULL;
      LcGaugeReading *reading = lc_gauge_line_pattern_parse (bc->pattern, bc->id, line, &error);

      if (reading != NULL)
        batch_add_reading (batch, bc, reading);
      else
        batch_add_error (batch, bc, error);
    }
  batch_set_state (batch, LC_GAUGE_STATE_LIVE, NULL);
  deliver (self, batch);
}

static gpointer
serial_worker (gpointer user_data)
{
  LcGaugeBus *self = user_data;
  BusDevice *bd = self->devices->len > 0 ? g_ptr_array_index (self->devices, 0) : NULL;
  g_autoptr(LcGaugeSerial) serial = NULL;
  guint backoff_ms = 0;
  gint64 retry_at = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gint64 now = g_get_monotonic_time ();
      gint64 until;
      g_autofree char *line = NULL;
      Job *job;

      if (serial == NULL && now >= retry_at && bd != NULL)
        {
          serial = lc_gauge_serial_open (self->link, &error);
          if (serial == NULL)
            {
              deliver_connection_error (self, error);
              g_clear_error (&error);
              backoff_ms = next_backoff (backoff_ms);
              retry_at = g_get_monotonic_time () + backoff_ms * G_TIME_SPAN_MILLISECOND;
            }
          else
            {
              Batch *batch = batch_new (bd);

              backoff_ms = 0;
              batch_set_state (batch, LC_GAUGE_STATE_LIVE, NULL);
              deliver (self, batch);
            }
        }

      until = bd == NULL ? G_MAXINT64 : serial != NULL ? now : retry_at;
      if (until != G_MAXINT64)
        until = MIN (until, now + SERIAL_SLICE_MS * G_TIME_SPAN_MILLISECOND);
      job = wait_for_job (self, until);
      if (job != NULL)
        {
          gboolean stop = job->kind == JOB_STOP;

          if (!stop)
            g_task_return_new_error (job->task, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                                     _("A serial gauge sends its readings by itself: press its send button and watch the live value."));
          job_free (job);
          if (stop)
            break;
          continue;
        }
      if (serial == NULL)
        continue;

      if (bd->request != NULL && g_get_monotonic_time () >= bd->next_due)
        {
          if (!lc_gauge_serial_write (serial, bd->request, &error))
            goto lost;
          schedule_next (bd, g_get_monotonic_time ());
        }

      line = lc_gauge_serial_read_line (serial, SERIAL_SLICE_MS, &error);
      if (line != NULL)
        {
          serial_deliver_line (self, bd, line);
          continue;
        }
      if (error == NULL)
        continue;

    lost:
      deliver_connection_error (self, error);
      g_clear_pointer (&serial, lc_gauge_serial_free);
      retry_at = 0;
    }
  return NULL;
}

/* Setting up. */

LcGaugeBus *
_lc_gauge_bus_new (const char        *key,
                   LcGaugeKind        kind,
                   const LcGaugeLink *link,
                   GMainContext      *context)
{
  LcGaugeBus *self = g_new0 (LcGaugeBus, 1);

  self->key = g_strdup (key);
  self->kind = kind;
  self->link = link != NULL ? lc_gauge_link_copy (link) : NULL;
  self->context = g_main_context_ref (context);
  self->jobs = g_async_queue_new_full ((GDestroyNotify) job_free);
  self->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) bus_device_free);
  return self;
}

const char *
_lc_gauge_bus_get_key (LcGaugeBus *self)
{
  return self->key;
}

gboolean
_lc_gauge_bus_has_device (LcGaugeBus    *self,
                          LcGaugeDevice *device)
{
  for (guint d = 0; d < self->devices->len; d++)
    if (((BusDevice *) g_ptr_array_index (self->devices, d))->device == device)
      return TRUE;
  return FALSE;
}

void
_lc_gauge_bus_add_device (LcGaugeBus    *self,
                          LcGaugeDevice *device)
{
  BusDevice *bd = g_new0 (BusDevice, 1);
  GListModel *channels = lc_gauge_device_get_channels (device);
  JsonObject *settings = lc_gauge_device_get_settings (device);
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (self->thread == NULL);

  bd->device = g_object_ref (device);
  bd->generation = _lc_gauge_device_next_generation (device);
  bd->unit = lc_gauge_device_get_unit (device);
  bd->timeout_ms = lc_gauge_device_get_timeout_ms (device);
  bd->poll_us = (gint64) lc_gauge_device_get_poll_ms (device) * G_TIME_SPAN_MILLISECOND;
  bd->next_due = now;
  if (json_object_has_member (settings, "request"))
    {
      const char *request = json_object_get_string_member_with_default (settings, "request", "");
      if (request != NULL && request[0] != '\0')
        bd->request = g_strdup (request);
    }
  bd->channels = g_ptr_array_new_with_free_func ((GDestroyNotify) bus_channel_free);

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
      JsonObject *channel_settings = lc_gauge_channel_get_settings (channel);
      BusChannel *bc;

      _lc_gauge_channel_set_poll_period (channel, bd->poll_us);
      if (lc_gauge_channel_get_role (channel) == LC_GAUGE_ROLE_OUTPUT)
        {
          _lc_gauge_channel_set_state (channel, LC_GAUGE_STATE_OFF);
          continue;
        }
      _lc_gauge_channel_set_state (channel, LC_GAUGE_STATE_WAITING);

      bc = g_new0 (BusChannel, 1);
      bc->channel = g_object_ref (channel);
      bc->id = lc_gauge_channel_get_id (channel);
      bc->role = lc_gauge_channel_get_role (channel);
      bc->reg = *lc_gauge_channel_get_register (channel);
      if (self->kind == LC_GAUGE_KIND_SIMULATED)
        {
          LcGaugeSimulatedSettings sim;

          if (!lc_gauge_simulated_settings_from_json (&sim, channel_settings, NULL))
            lc_gauge_simulated_settings_init (&sim);
          bc->simulated = lc_gauge_simulated_new (&sim, now);
        }
      else if (self->kind == LC_GAUGE_KIND_SERIAL_ASCII)
        {
          bc->pattern = lc_gauge_line_pattern_new (
            json_object_get_string_member_with_default (channel_settings, "pattern", NULL),
            lc_gauge_channel_get_unit (channel), NULL);
          if (bc->pattern == NULL)   /* refused by validation before we get here */
            bc->pattern = lc_gauge_line_pattern_new (NULL, NULL, NULL);
        }
      g_ptr_array_add (bd->channels, bc);
    }

  _lc_gauge_device_set_state (device, LC_GAUGE_STATE_WAITING, NULL);
  g_ptr_array_add (self->devices, bd);
}

void
_lc_gauge_bus_start (LcGaugeBus *self)
{
  GThreadFunc func;
  g_autofree char *name = NULL;

  g_return_if_fail (self->thread == NULL);

  switch (self->kind)
    {
    case LC_GAUGE_KIND_MODBUS_TCP:
    case LC_GAUGE_KIND_MODBUS_RTU:
      func = modbus_worker;
      break;
    case LC_GAUGE_KIND_SERIAL_ASCII:
      func = serial_worker;
      break;
    case LC_GAUGE_KIND_SIMULATED:
      func = simulated_worker;
      break;
    case LC_GAUGE_KIND_KEYBOARD:
    default:
      g_return_if_reached ();
    }
  /* Thread names are limited to 15 characters on Linux. */
  name = g_strdup_printf ("lc-bus-%.8s", self->key);
  self->thread = g_thread_new (name, func, self);
}

static void
push_job (LcGaugeBus *self,
          Job        *job)
{
  if (self->thread == NULL)
    {
      if (job->task != NULL)
        stop_error (job->task);
      job_free (job);
      return;
    }
  g_async_queue_push (self->jobs, job);
}

void
_lc_gauge_bus_free (LcGaugeBus *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      Job *stop = g_new0 (Job, 1);

      stop->kind = JOB_STOP;
      /* Behind pending writes: outputs asked for before the stop still go out. */
      g_async_queue_push (self->jobs, stop);
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  /* Jobs that came in after the stop. */
  for (Job *job; (job = g_async_queue_try_pop (self->jobs)) != NULL;)
    {
      if (job->task != NULL)
        stop_error (job->task);
      job_free (job);
    }
  for (guint d = 0; d < self->devices->len; d++)
    {
      BusDevice *bd = g_ptr_array_index (self->devices, d);
      GListModel *channels = lc_gauge_device_get_channels (bd->device);

      _lc_gauge_device_next_generation (bd->device);
      _lc_gauge_device_set_state (bd->device, LC_GAUGE_STATE_OFF, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
        {
          g_autoptr(LcGaugeChannel) channel = g_list_model_get_item (channels, i);
          _lc_gauge_channel_set_state (channel, LC_GAUGE_STATE_OFF);
        }
    }
  g_async_queue_unref (self->jobs);
  g_ptr_array_unref (self->devices);
  lc_gauge_link_free (self->link);
  g_main_context_unref (self->context);
  g_free (self->key);
  g_free (self);
}

void
_lc_gauge_bus_write (LcGaugeBus             *self,
                     guint                   unit,
                     guint                   timeout_ms,
                     const LcGaugeRegister  *reg,
                     double                  value,
                     GTask                  *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_WRITE;
  job->unit = unit;
  job->timeout_ms = timeout_ms;
  job->reg = *reg;
  job->value = value;
  job->task = g_object_ref (task);
  push_job (self, job);
}

void
_lc_gauge_bus_read (LcGaugeBus             *self,
                    guint                   unit,
                    guint                   timeout_ms,
                    const LcGaugeRegister  *reg,
                    GTask                  *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_READ;
  job->unit = unit;
  job->timeout_ms = timeout_ms;
  job->reg = *reg;
  job->task = g_object_ref (task);
  push_job (self, job);
}

typedef struct
{
  LcGaugeLink     *link;
  guint            unit;
  guint            timeout_ms;
  LcGaugeRegister  reg;
} ThreadRead;

static void
thread_read_free (ThreadRead *data)
{
  lc_gauge_link_free (data->link);
  g_free (data);
}

static void
thread_read (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ThreadRead *data = task_data;
  g_autoptr(LcGaugeModbus) modbus = lc_gauge_modbus_new (data->link);
  Job job = { JOB_READ, data->unit, data->timeout_ms, data->reg, 0, task };

  modbus_job (modbus, &job);
}

void
_lc_gauge_modbus_read_in_thread (const LcGaugeLink     *link,
                                 guint                  unit,
                                 guint                  timeout_ms,
                                 const LcGaugeRegister *reg,
                                 GTask                 *task)
{
  ThreadRead *data = g_new0 (ThreadRead, 1);

  data->link = lc_gauge_link_copy (link);
  data->unit = unit;
  data->timeout_ms = timeout_ms;
  data->reg = *reg;
  g_task_set_task_data (task, data, (GDestroyNotify) thread_read_free);
  g_task_run_in_thread (task, thread_read);
}

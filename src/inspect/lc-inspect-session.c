#include "lc-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lc-camera-capture.h"
#include "lc-camera-settings.h"
#include "lc-camera-sim.h"
#include "lc-inspect-session.h"
#include "lc-inspect-vision.h"
#include "lc-spc-alarms.h"
#include "lc-lot.h"

/* How long a picture may take before the part is inspected without one. A picture is evidence
 * of the part: a camera that answers at all answers well within this, and on a busy 2-core
 * station 3 s was seen to pass without one (the shift-slice test under load). */
#define GRAB_TIMEOUT_MS 10000

struct _LcInspectSession
{
  GObject              parent_instance;

  LcStore             *store;
  LcGaugeBench        *bench;
  LcCamera            *camera;
  gboolean             own_camera;       /* opened by the session for a part type */
  LcInspectAnalyzer    analyzer;
  gpointer             analyzer_data;
  GDestroyNotify       analyzer_destroy;
  char                *station;

  LcPartType          *part_type;
  GPtrArray           *characteristics;  /* LcCharacteristic, not archived */
  GHashTable          *channels;         /* characteristic id -> LcGaugeChannel (borrowed) */
  LcInspectVision     *vision;           /* the part type's models, without an analyzer of one's own */
  gint64               model_id;
  int                  model_version;
  gint64               changeover_time;

  gint64               lot_id;
  char                *lot_code;
  char                *serial;           /* scanned or typed for the next part; "" counts */

  LcInspectState       state;
  char                *status;
  guint                generation;       /* bumped by discard: late device answers are dropped */
  GCancellable        *cancellable;
  LcInspection        *current;
  LcFrame             *frame;
  struct _ImageSave   *image_save;       /* the current part's picture going to disk */
  LcInspectSuggestion  suggestion;
  LcInspectSuggestion  model;            /* what the model alone said */
  gboolean             model_ran;
  GString             *problems;         /* what went wrong while acquiring, for the status */
  gint64               last_inspection_id;

  LcShiftCounters      counters;
};

G_DEFINE_FINAL_TYPE (LcInspectSession, lc_inspect_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (lc-inspect-error-quark, lc_inspect_error)

/* The picture is written (PNG, synced) beside the suggestion, not before it: the operator
 * sees the verdict sooner, and the record waits for the file only if it is not there yet.
 * Shared with the writing thread (atomic reference count). */
typedef struct _ImageSave
{
  GMutex   mutex;
  GCond    cond;
  gboolean done;
  LcFrame *frame;
  char    *images_dir;
  char    *file;         /* "<sha256>.png" once written */
  GError  *error;
  LcStore *discarded;    /* set when the part was discarded: the file goes unless recorded */
  GMainContext *context; /* the store's thread, where that is checked */
} ImageSave;

static void
image_save_clear (gpointer data)
{
  ImageSave *save = data;

  g_mutex_clear (&save->mutex);
  g_cond_clear (&save->cond);
  g_clear_pointer (&save->frame, lc_frame_unref);
  g_free (save->images_dir);
  g_free (save->file);
  g_clear_error (&save->error);
  g_clear_object (&save->discarded);
  g_clear_pointer (&save->context, g_main_context_unref);
}

static void
image_save_release (ImageSave *save)
{
  g_atomic_rc_box_release_full (save, image_save_clear);
}

/* On the store's thread: the picture of a discarded part is removed, unless a record uses
 * the same file (files are named by their content, so one may be shared). */
static gboolean
image_save_remove_unused (gpointer data)
{
  ImageSave *save = data;
  g_autofree char *relative = NULL;
  sqlite3_stmt *stmt;
  gboolean used = TRUE;

  if (save->file == NULL || save->discarded == NULL)
    return G_SOURCE_REMOVE;
  relative = g_build_filename ("images", save->file, NULL);
  stmt = lc_store_prepare (save->discarded, "SELECT count(*) FROM image WHERE file = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, relative, -1, SQLITE_TRANSIENT);
      used = sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) > 0;
      sqlite3_reset (stmt);
    }
  if (!used)
    {
      g_autofree char *path = g_build_filename (save->images_dir, save->file, NULL);
      g_unlink (path);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
image_save_thread (gpointer data)
{
  ImageSave *save = data;
  g_autoptr(GError) error = NULL;
  char *file = lc_camera_capture_store_png (save->frame, save->images_dir, &error);
  gboolean discarded;

  g_mutex_lock (&save->mutex);
  save->file = file;
  save->error = g_steal_pointer (&error);
  save->done = TRUE;
  discarded = save->discarded != NULL;
  g_cond_broadcast (&save->cond);
  g_mutex_unlock (&save->mutex);
  if (discarded)
    g_main_context_invoke_full (save->context, G_PRIORITY_DEFAULT, image_save_remove_unused,
                                g_atomic_rc_box_acquire (save), (GDestroyNotify) image_save_release);
  image_save_release (save);
  return NULL;
}

/* The part will not be recorded: its picture is removed once written. */
static void
image_save_discard (ImageSave *save,
                    LcStore   *store)
{
  gboolean done;

  g_mutex_lock (&save->mutex);
  save->discarded = g_object_ref (store);
  save->context = g_main_context_ref_thread_default ();
  done = save->done;
  g_mutex_unlock (&save->mutex);
  if (done)
    image_save_remove_unused (save);
}

static ImageSave *
image_save_start (LcFrame    *frame,
                  const char *images_dir)
{
  ImageSave *save = g_atomic_rc_box_new0 (ImageSave);

  g_mutex_init (&save->mutex);
  g_cond_init (&save->cond);
  save->frame = lc_frame_ref (frame);
  save->images_dir = g_strdup (images_dir);
  g_thread_unref (g_thread_new ("lc-image-save", image_save_thread, g_atomic_rc_box_acquire (save)));
  return save;
}

/* Blocks until the file is on disk (or failed); returns "images/<sha>.png" or NULL. */
static char *
image_save_wait (ImageSave  *save,
                 GError    **error)
{
  char *relative = NULL;

  g_mutex_lock (&save->mutex);
  while (!save->done)
    g_cond_wait (&save->cond, &save->mutex);
  if (save->file != NULL)
    relative = g_build_filename ("images", save->file, NULL);
  else
    g_propagate_error (error, g_error_copy (save->error));
  g_mutex_unlock (&save->mutex);
  return relative;
}

enum { SIGNAL_CHANGED, SIGNAL_ALARM, N_SIGNALS };
static guint signals[N_SIGNALS];

LcSpecZone
lc_spec_zone (double value,
              double lsl,
              double usl)
{
  double margin;

  if (isnan (value))
    return LC_SPEC_NONE;
  if ((!isnan (lsl) && value < lsl) || (!isnan (usl) && value > usl))
    return LC_SPEC_OUT;
  if (isnan (lsl) && isnan (usl))
    return LC_SPEC_NONE;
  /* One-sided: the warning band is an eighth of the distance from the limit to zero. */
  margin = LC_SPEC_NEAR_FRACTION * ((!isnan (lsl) && !isnan (usl)) ? usl - lsl : fabs (isnan (usl) ? lsl : usl));
  if ((!isnan (lsl) && value < lsl + margin) || (!isnan (usl) && value > usl - margin))
    return LC_SPEC_NEAR;
  return LC_SPEC_IN;
}

double
lc_shift_counters_get_yield (const LcShiftCounters *counters)
{
  if (counters->inspected == 0)
    return NAN;
  return (double) counters->passed / counters->inspected;
}

static void
suggestion_clear (LcInspectSuggestion *suggestion)
{
  g_clear_pointer (&suggestion->regions, g_ptr_array_unref);
  g_clear_pointer (&suggestion->heat_map, g_bytes_unref);
  memset (suggestion, 0, sizeof *suggestion);
  suggestion->score = NAN;
  suggestion->confidence = NAN;
}

static void
counters_clear (LcShiftCounters *counters)
{
  for (guint i = 0; i < G_N_ELEMENTS (counters->last_defects); i++)
    g_clear_pointer (&counters->last_defects[i], g_free);
}

static void
set_status (LcInspectSession *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status != NULL ? status : "");
}

static void
emit_changed (LcInspectSession *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
reset_part (LcInspectSession *self)
{
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->current);
  g_clear_pointer (&self->frame, lc_frame_unref);
  /* The picture of a part that was not recorded goes (once written, if nothing uses it). */
  if (self->image_save != NULL && self->current != NULL)
    image_save_discard (self->image_save, self->store);
  g_clear_pointer (&self->image_save, image_save_release);
  suggestion_clear (&self->suggestion);
  suggestion_clear (&self->model);
  self->model_ran = FALSE;
  g_string_truncate (self->problems, 0);
}

static void
lc_inspect_session_finalize (GObject *object)
{
  LcInspectSession *self = LC_INSPECT_SESSION (object);

  reset_part (self);
  if (self->analyzer_destroy != NULL)
    self->analyzer_destroy (self->analyzer_data);
  g_clear_object (&self->store);
  g_clear_object (&self->bench);
  if (self->own_camera && self->camera != NULL)
    lc_camera_stop (self->camera);
  g_clear_object (&self->camera);
  g_clear_object (&self->part_type);
  g_clear_object (&self->vision);
  g_ptr_array_unref (self->characteristics);
  g_hash_table_unref (self->channels);
  g_free (self->station);
  g_free (self->lot_code);
  g_free (self->serial);
  g_free (self->status);
  g_string_free (self->problems, TRUE);
  counters_clear (&self->counters);

  G_OBJECT_CLASS (lc_inspect_session_parent_class)->finalize (object);
}

static void
lc_inspect_session_class_init (LcInspectSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_inspect_session_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_ALARM] =
    g_signal_new ("alarm", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
lc_inspect_session_init (LcInspectSession *self)
{
  self->characteristics = g_ptr_array_new_with_free_func (g_object_unref);
  self->channels = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->station = g_strdup ("");
  self->serial = g_strdup ("");
  self->status = g_strdup ("");
  self->problems = g_string_new (NULL);
  self->suggestion.score = NAN;
  self->suggestion.confidence = NAN;
  self->model.score = NAN;
  self->model.confidence = NAN;
}

static void refresh_counters (LcInspectSession *self);
static LcDefectClass *find_defect_class (LcInspectSession *self,
                                         gint64            id);

LcInspectSession *
lc_inspect_session_new (LcStore      *store,
                        LcGaugeBench *bench,
                        LcCamera     *camera)
{
  LcInspectSession *self;

  g_return_val_if_fail (LC_IS_STORE (store), NULL);

  self = g_object_new (LC_TYPE_INSPECT_SESSION, NULL);
  self->store = g_object_ref (store);
  self->bench = bench != NULL ? g_object_ref (bench) : NULL;
  self->camera = camera != NULL ? g_object_ref (camera) : NULL;
  refresh_counters (self);
  set_status (self, _("Choose a part type to start."));
  return self;
}

LcStore *
lc_inspect_session_get_store (LcInspectSession *self)
{
  return self->store;
}

LcGaugeBench *
lc_inspect_session_get_bench (LcInspectSession *self)
{
  return self->bench;
}

LcCamera *
lc_inspect_session_get_camera (LcInspectSession *self)
{
  return self->camera;
}

void
lc_inspect_session_set_analyzer (LcInspectSession  *self,
                                 LcInspectAnalyzer  analyzer,
                                 gpointer           user_data,
                                 GDestroyNotify     destroy)
{
  g_return_if_fail (LC_IS_INSPECT_SESSION (self));

  if (self->analyzer_destroy != NULL)
    self->analyzer_destroy (self->analyzer_data);
  self->analyzer = analyzer;
  self->analyzer_data = user_data;
  self->analyzer_destroy = destroy;
}

void
lc_inspect_session_set_station (LcInspectSession *self,
                                const char       *station)
{
  g_return_if_fail (LC_IS_INSPECT_SESSION (self));
  g_free (self->station);
  self->station = g_strdup (station != NULL ? station : "");
  refresh_counters (self);
  emit_changed (self);
}

gboolean
lc_inspect_session_is_busy (LcInspectSession *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);
  return self->state == LC_INSPECT_STATE_ACQUIRING || self->state == LC_INSPECT_STATE_SUGGESTED;
}

/* Shifts start at 06:00, 14:00 and 22:00 local time. */
static gint64
shift_start (gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) start = NULL;
  int hour = g_date_time_get_hour (local);
  int start_hour = hour >= 22 ? 22 : hour >= 14 ? 14 : hour >= 6 ? 6 : -2;

  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  start = g_date_time_add_hours (midnight, start_hour);
  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

static void
refresh_counters (LcInspectSession *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  counters_clear (&self->counters);
  memset (&self->counters, 0, sizeof self->counters);
  self->counters.shift_start = shift_start (lc_store_now ());

  stmt = lc_store_prepare (self->store,
                           "SELECT count(*), coalesce(sum(verdict = 'pass'), 0) FROM inspection"
                           " WHERE recorded_at >= ? AND station = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, self->counters.shift_start);
  sqlite3_bind_text (stmt, 2, self->station, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->counters.inspected = sqlite3_column_int (stmt, 0);
      self->counters.passed = sqlite3_column_int (stmt, 1);
      self->counters.failed = self->counters.inspected - self->counters.passed;
    }
  sqlite3_reset (stmt);

  stmt = lc_store_prepare (self->store,
                           "SELECT d.name FROM inspection i JOIN defect_class d ON d.id = i.defect_class_id"
                           " WHERE i.recorded_at >= ? AND i.station = ? AND i.verdict = 'fail'"
                           " ORDER BY i.recorded_at DESC, i.id DESC LIMIT 3", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, self->counters.shift_start);
  sqlite3_bind_text (stmt, 2, self->station, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW && n < G_N_ELEMENTS (self->counters.last_defects))
    self->counters.last_defects[n++] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
}

const LcShiftCounters *
lc_inspect_session_get_counters (LcInspectSession *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), NULL);
  return &self->counters;
}

static gboolean
check_not_busy (LcInspectSession  *self,
                GError           **error)
{
  if (!lc_inspect_session_is_busy (self))
    return TRUE;
  g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_BUSY,
               _("A part is being inspected: give it a verdict or discard it first."));
  return FALSE;
}

static gboolean
load_model (LcInspectSession  *self,
            GError           **error)
{
  sqlite3_stmt *stmt;

  self->model_id = 0;
  self->model_version = 0;
  g_clear_object (&self->vision);
  if (self->part_type == NULL)
    return TRUE;
  /* Without an analyzer of its own the session runs the part type's vision models: loaded
   * here, so the changeover time counts them and the first part waits for nothing. */
  if (self->analyzer == NULL)
    {
      self->vision = lc_inspect_vision_new_for_part_type (self->store, self->part_type, error);
      if (self->vision == NULL)
        return FALSE;
      self->model_id = lc_inspect_vision_get_model_id (self->vision);
      self->model_version = lc_inspect_vision_get_model_version (self->vision);
      return TRUE;
    }
  if (lc_part_type_get_active_model_id (self->part_type) == 0)
    return TRUE;
  stmt = lc_store_prepare (self->store, "SELECT id, version FROM model WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_active_model_id (self->part_type));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->model_id = sqlite3_column_int64 (stmt, 0);
      self->model_version = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_camera (LcInspectSession  *self,
             GError           **error)
{
  g_autoptr(LcCameraSettings) settings = NULL;
  gint64 camera_id = 0;

  if (self->part_type == NULL)
    return TRUE;
  if (!lc_camera_settings_load_for_part_type (self->store, lc_part_type_get_id (self->part_type),
                                              &camera_id, &settings, error))
    return FALSE;

  if (camera_id != 0)
    {
      sqlite3_stmt *stmt = lc_store_prepare (self->store, "SELECT uri FROM camera WHERE id = ?", error);
      g_autofree char *uri = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, camera_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        uri = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);

      /* The part type is inspected with another camera: switch to it. */
      if (uri != NULL && (self->camera == NULL || g_strcmp0 (lc_camera_get_uri (self->camera), uri) != 0))
        {
          g_autoptr(LcCamera) camera = lc_camera_new_for_uri (uri, error);

          if (camera == NULL)
            return FALSE;
          /* A camera the session opened is the session's: it streams while it is in use. */
          if (self->camera != NULL)
            lc_camera_stop (self->camera);
          g_set_object (&self->camera, camera);
          self->own_camera = TRUE;
          lc_camera_start (self->camera);
        }
    }

  if (self->camera == NULL)
    return TRUE;
  if (settings != NULL)
    lc_camera_set_settings (self->camera, settings);
  /* The demo's camera lays parts of the chosen type on the bench. */
  if (LC_IS_CAMERA_SIM (self->camera))
    lc_camera_sim_set_part_code (LC_CAMERA_SIM (self->camera), lc_part_type_get_code (self->part_type));
  /* A triggered camera takes one picture now, so the first part is not slower than the rest
   * (the new settings, and for the simulator the new part's drawing, are set up here). */
  if (settings != NULL && settings->trigger == LC_CAMERA_TRIGGER_SOFTWARE && lc_camera_is_started (self->camera))
    lc_camera_trigger (self->camera);
  return TRUE;
}

gboolean
lc_inspect_session_change_part_type (LcInspectSession  *self,
                                     LcPartType        *part_type,
                                     gboolean           discard,
                                     GError           **error)
{
  gint64 started = g_get_monotonic_time ();
  GListModel *list;

  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);

  if (!discard && !check_not_busy (self, error))
    return FALSE;
  reset_part (self);
  self->state = LC_INSPECT_STATE_IDLE;

  g_set_object (&self->part_type, part_type);
  g_ptr_array_set_size (self->characteristics, 0);
  g_hash_table_remove_all (self->channels);
  self->lot_id = 0;
  g_clear_pointer (&self->lot_code, g_free);
  g_free (self->serial);
  self->serial = g_strdup ("");

  if (part_type != NULL)
    {
      list = lc_part_type_get_characteristics (part_type);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(LcCharacteristic) characteristic = g_list_model_get_item (list, i);
          LcGaugeChannel *channel = NULL;

          if (lc_characteristic_get_archived (characteristic))
            continue;
          g_ptr_array_add (self->characteristics, g_object_ref (characteristic));
          if (self->bench != NULL && lc_characteristic_get_channel_id (characteristic) != 0)
            channel = lc_gauge_bench_find_channel (self->bench, lc_characteristic_get_channel_id (characteristic));
          if (channel != NULL)
            {
              gint64 *key = g_new (gint64, 1);
              *key = lc_characteristic_get_id (characteristic);
              /* The key lives as long as the characteristic is in the list. */
              g_object_set_data_full (G_OBJECT (characteristic), "lc-inspect-key", key, g_free);
              g_hash_table_insert (self->channels, key, channel);
            }
        }
    }

  if (!load_model (self, error) || !load_camera (self, error))
    {
      set_status (self, error != NULL && *error != NULL ? (*error)->message : NULL);
      emit_changed (self);
      return FALSE;
    }

  self->changeover_time = g_get_monotonic_time () - started;
  if (part_type == NULL)
    set_status (self, _("Choose a part type to start."));
  else
    {
      g_autoptr(GString) status = g_string_new (_("Scan or start a lot, then inspect the first part."));

      if (self->vision != NULL && lc_inspect_vision_get_problem (self->vision) != NULL)
        g_string_append_printf (status, " %s %s", lc_inspect_vision_get_problem (self->vision),
                                lc_inspect_vision_has_model (self->vision)
                                  ? "" : _("Parts are judged on their gauges alone."));
      else if (self->vision != NULL && !lc_inspect_vision_has_model (self->vision))
        g_string_append_printf (status, " %s", _("This part type has no vision model yet: parts are judged on their gauges alone."));
      set_status (self, status->str);
    }
  emit_changed (self);
  return TRUE;
}

LcPartType *
lc_inspect_session_get_part_type (LcInspectSession *self)
{
  return self->part_type;
}

GPtrArray *
lc_inspect_session_get_characteristics (LcInspectSession *self)
{
  return self->characteristics;
}

LcGaugeChannel *
lc_inspect_session_get_channel (LcInspectSession *self,
                                gint64            characteristic_id)
{
  return g_hash_table_lookup (self->channels, &characteristic_id);
}

gint64
lc_inspect_session_get_model_id (LcInspectSession *self)
{
  return self->model_id;
}

int
lc_inspect_session_get_model_version (LcInspectSession *self)
{
  return self->model_version;
}

gint64
lc_inspect_session_get_changeover_time (LcInspectSession *self)
{
  return self->changeover_time;
}

gboolean
lc_inspect_session_open_lot (LcInspectSession  *self,
                             const char        *code,
                             GError           **error)
{
  g_autofree char *suggested = NULL;
  g_autofree char *stored = NULL;
  gint64 lot_id;

  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);

  if (self->part_type == NULL)
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_PART_TYPE,
                   _("Choose a part type before the lot."));
      return FALSE;
    }
  if (!check_not_busy (self, error))
    return FALSE;
  if (code == NULL)
    {
      suggested = lc_lot_suggest_code (self->store, lc_part_type_get_id (self->part_type), lc_store_now (), error);
      if (suggested == NULL)
        return FALSE;
      code = suggested;
    }
  lot_id = lc_lot_open (self->store, lc_part_type_get_id (self->part_type), code, error);
  if (lot_id == 0)
    return FALSE;
  stored = lc_lot_get_code (self->store, lot_id, error);
  if (stored == NULL)
    return FALSE;
  self->lot_id = lot_id;
  g_free (self->lot_code);
  self->lot_code = g_steal_pointer (&stored);
  {
    g_autofree char *status = g_strdup_printf (_("Lot %s: put a part on the bench and inspect it."),
                                               self->lot_code);
    set_status (self, status);
  }
  emit_changed (self);
  return TRUE;
}

gint64
lc_inspect_session_get_lot_id (LcInspectSession *self)
{
  return self->lot_id;
}

const char *
lc_inspect_session_get_lot_code (LcInspectSession *self)
{
  return self->lot_code;
}

void
lc_inspect_session_set_serial (LcInspectSession *self,
                               const char       *serial)
{
  g_autofree char *stripped = g_strstrip (g_strdup (serial != NULL ? serial : ""));

  g_return_if_fail (LC_IS_INSPECT_SESSION (self));
  g_free (self->serial);
  self->serial = g_steal_pointer (&stripped);
  /* A serial scanned while the part is on the bench names that part. */
  if (self->current != NULL && self->serial[0] != '\0')
    lc_inspection_set_serial (self->current, self->serial);
  emit_changed (self);
}

const char *
lc_inspect_session_get_serial (LcInspectSession *self)
{
  if (self->current != NULL)
    return lc_inspection_get_serial (self->current);
  return self->serial;
}

LcInspectState
lc_inspect_session_get_state (LcInspectSession *self)
{
  return self->state;
}

const char *
lc_inspect_session_get_status (LcInspectSession *self)
{
  return self->status;
}

static LcCharacteristic *
find_characteristic (LcInspectSession *self,
                     gint64            characteristic_id)
{
  for (guint i = 0; i < self->characteristics->len; i++)
    {
      LcCharacteristic *characteristic = g_ptr_array_index (self->characteristics, i);
      if (lc_characteristic_get_id (characteristic) == characteristic_id)
        return characteristic;
    }
  return NULL;
}

static LcMeasurementRecord *
current_reading (LcInspectSession *self,
                 gint64            characteristic_id)
{
  GPtrArray *measurements;

  if (self->current == NULL)
    return NULL;
  measurements = lc_inspection_get_measurements (self->current);
  for (guint i = measurements->len; i > 0; i--)
    {
      LcMeasurementRecord *m = g_ptr_array_index (measurements, i - 1);
      if (m->characteristic_id == characteristic_id && !m->superseded)
        return m;
    }
  return NULL;
}

double
lc_inspect_session_get_value (LcInspectSession *self,
                              gint64            characteristic_id)
{
  LcMeasurementRecord *m = current_reading (self, characteristic_id);

  return m != NULL ? m->value : NAN;
}

LcSpecZone
lc_inspect_session_get_zone (LcInspectSession *self,
                             gint64            characteristic_id)
{
  LcCharacteristic *characteristic = find_characteristic (self, characteristic_id);

  if (characteristic == NULL)
    return LC_SPEC_NONE;
  return lc_spec_zone (lc_inspect_session_get_value (self, characteristic_id),
                       lc_characteristic_get_lsl (characteristic), lc_characteristic_get_usl (characteristic));
}

GPtrArray *
lc_inspect_session_get_measurements (LcInspectSession *self)
{
  return self->current != NULL ? lc_inspection_get_measurements (self->current) : NULL;
}

const LcInspectSuggestion *
lc_inspect_session_get_suggestion (LcInspectSession *self)
{
  return &self->suggestion;
}

LcFrame *
lc_inspect_session_get_frame (LcInspectSession *self)
{
  return self->frame;
}

gint64
lc_inspect_session_get_last_inspection_id (LcInspectSession *self)
{
  return self->last_inspection_id;
}

/* The gauges say fail when a value is out; pass when all are there and in; nothing when a
 * value is missing. The model can only make it worse: its fail wins. */
static void
suggest (LcInspectSession *self)
{
  gboolean missing = FALSE;
  gboolean out = FALSE;
  LcVerdict gauges;

  for (guint i = 0; i < self->characteristics->len; i++)
    {
      gint64 id = lc_characteristic_get_id (g_ptr_array_index (self->characteristics, i));
      LcSpecZone zone = lc_inspect_session_get_zone (self, id);

      if (current_reading (self, id) == NULL)
        missing = TRUE;
      else if (zone == LC_SPEC_OUT)
        out = TRUE;
    }
  gauges = out ? LC_VERDICT_FAIL : missing ? LC_VERDICT_NONE : LC_VERDICT_PASS;

  suggestion_clear (&self->suggestion);
  self->suggestion.verdict = gauges;
  self->suggestion.confident = !missing;
  if (self->model_ran)
    {
      self->suggestion.model_id = self->model.model_id;
      self->suggestion.score = self->model.score;
      self->suggestion.defect_class_id = self->model.defect_class_id;
      self->suggestion.confident = self->suggestion.confident && self->model.confident;
      self->suggestion.confidence = self->model.confidence;
      if (self->model.regions != NULL)
        self->suggestion.regions = g_ptr_array_ref (self->model.regions);
      if (self->model.heat_map != NULL)
        self->suggestion.heat_map = g_bytes_ref (self->model.heat_map);
      self->suggestion.heat_width = self->model.heat_width;
      self->suggestion.heat_height = self->model.heat_height;
      if (self->model.verdict == LC_VERDICT_FAIL)
        self->suggestion.verdict = LC_VERDICT_FAIL;
      else if (self->model.verdict == LC_VERDICT_NONE && gauges == LC_VERDICT_PASS)
        self->suggestion.verdict = LC_VERDICT_NONE;
    }
  if (self->current != NULL)
    lc_inspection_set_suggestion (self->current, self->suggestion.verdict, self->suggestion.model_id,
                                  self->suggestion.score);
}

char *
lc_inspect_session_describe_defects (LcInspectSession *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *regions = self->model_ran ? self->model.regions : NULL;

  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), NULL);

  for (guint i = 0; regions != NULL && i < regions->len; i++)
    {
      LcAnnotationRecord *region = g_ptr_array_index (regions, i);
      LcDefectClass *defect_class = find_defect_class (self, region->defect_class_id);
      /* A named region's score is the classifier's confidence; an unnamed one is only as
       * sure as the whole picture's verdict. */
      double confidence = defect_class != NULL ? region->score : self->model.confidence;
      g_autofree char *percent = g_strdup_printf ("%.0f", 100 * (isnan (confidence) ? 0.5 : confidence));

      if (text->len > 0)
        g_string_append (text, _(", "));
      /* TRANSLATORS: a defect the model found and how sure it is, e.g. "Dent (82 %)". */
      g_string_append_printf (text, _("%s (%s %%)"),
                              defect_class != NULL ? _(lc_defect_class_get_name (defect_class)) : _("Unknown defect"),
                              percent);
    }
  if (text->len == 0 && self->model_ran && self->model.verdict == LC_VERDICT_FAIL)
    {
      g_autofree char *percent = g_strdup_printf ("%.0f", 100 * (isnan (self->model.confidence) ? 0.5 : self->model.confidence));
      g_string_append_printf (text, _("%s (%s %%)"), _("Unknown defect"), percent);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_suggestion (LcInspectSession *self)
{
  g_autoptr(GString) status = g_string_new (NULL);

  switch (self->suggestion.verdict)
    {
    case LC_VERDICT_PASS:
      g_string_append (status, self->model_ran ? _("Suggested: pass. Everything is in specification and the model sees no defect.")
                                               : _("Suggested: pass. Everything is in specification."));
      break;
    case LC_VERDICT_FAIL:
      g_string_append (status, _("Suggested: fail."));
      for (guint i = 0; i < self->characteristics->len; i++)
        {
          LcCharacteristic *characteristic = g_ptr_array_index (self->characteristics, i);
          if (lc_inspect_session_get_zone (self, lc_characteristic_get_id (characteristic)) == LC_SPEC_OUT)
            g_string_append_printf (status, " %s", _(lc_characteristic_get_name (characteristic)));
        }
      if (self->model_ran && self->model.verdict == LC_VERDICT_FAIL)
        {
          g_autofree char *found = lc_inspect_session_describe_defects (self);
          g_string_append_printf (status, " %s", found);
        }
      break;
    case LC_VERDICT_NONE:
    default:
      g_string_append (status, _("Some values are missing: re-measure or type them, then decide."));
      break;
    }
  if (self->vision != NULL && !lc_inspect_vision_has_model (self->vision))
    g_string_append_printf (status, " %s", _("No vision model: judged on the gauges alone."));
  if (self->model_ran && !self->model.confident)
    g_string_append_printf (status, " %s", _("The model is unsure: look closely; the picture goes to the review queue."));
  if (self->problems->len > 0)
    g_string_append_printf (status, " %s", self->problems->str);
  set_status (self, status->str);
}

/* Inspect and re-measure: everything that is taken, gathered. */

typedef struct
{
  LcInspectSession *session;
  guint             generation;
  guint             pending;
  gboolean          with_picture;
} Acquire;

static void
acquire_free (Acquire *acquire)
{
  g_object_unref (acquire->session);
  g_free (acquire);
}

static void
add_problem (LcInspectSession *self,
             const char       *what,
             const char       *message)
{
  if (self->problems->len > 0)
    g_string_append_c (self->problems, ' ');
  g_string_append_printf (self->problems, "%s: %s", what, message);
}

/* The banner and its sound for values out of specification (of one characteristic, or all
 * with 0). */
static void
alarm_out_of_spec (LcInspectSession *self,
                   gint64            only_id)
{
  for (guint i = 0; i < self->characteristics->len; i++)
    {
      LcCharacteristic *characteristic = g_ptr_array_index (self->characteristics, i);
      gint64 id = lc_characteristic_get_id (characteristic);

      if ((only_id == 0 || id == only_id) && lc_inspect_session_get_zone (self, id) == LC_SPEC_OUT)
        {
          g_autofree char *value = lc_characteristic_format_value (characteristic,
                                                                   lc_inspect_session_get_value (self, id));
          g_autofree char *spec = lc_characteristic_format_spec (characteristic);
          g_autofree char *message = g_strdup_printf (_("%s is out of specification: %s (%s)."),
                                                      _(lc_characteristic_get_name (characteristic)),
                                                      value, spec);
          g_signal_emit (self, signals[SIGNAL_ALARM], 0, "out-of-spec", message);
        }
    }
}

static void
acquire_step_done (GTask *task)
{
  Acquire *acquire = g_task_get_task_data (task);
  LcInspectSession *self = acquire->session;

  if (--acquire->pending > 0)
    return;
  if (acquire->generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The inspection was discarded."));
      return;
    }

  suggest (self);
  self->state = LC_INSPECT_STATE_SUGGESTED;
  describe_suggestion (self);

  alarm_out_of_spec (self, 0);
  emit_changed (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_taken (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Acquire *acquire = g_task_get_task_data (task);
  LcInspectSession *self = acquire->session;
  LcGaugeChannel *channel = LC_GAUGE_CHANNEL (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeReading) reading = lc_gauge_channel_take_finish (channel, result, &error);

  if (acquire->generation == self->generation && self->current != NULL)
    {
      gint64 id = 0;

      for (guint i = 0; i < self->characteristics->len && id == 0; i++)
        {
          LcCharacteristic *characteristic = g_ptr_array_index (self->characteristics, i);
          if (lc_inspect_session_get_channel (self, lc_characteristic_get_id (characteristic)) == channel &&
              current_reading (self, lc_characteristic_get_id (characteristic)) == NULL)
            id = lc_characteristic_get_id (characteristic);
        }
      if (reading != NULL && id != 0)
        {
          g_autofree char *raw = lc_gauge_reading_format_raw (reading);
          lc_inspection_add_measurement (self->current, id, reading->value, raw, reading->channel_id,
                                         reading->time);
        }
      else if (error != NULL)
        {
          LcCharacteristic *characteristic = NULL;

          for (guint i = 0; i < self->characteristics->len && characteristic == NULL; i++)
            {
              LcCharacteristic *c = g_ptr_array_index (self->characteristics, i);
              if (lc_inspect_session_get_channel (self, lc_characteristic_get_id (c)) == channel)
                characteristic = c;
            }
          add_problem (self, characteristic != NULL ? _(lc_characteristic_get_name (characteristic))
                                                    : lc_gauge_channel_get_name (channel), error->message);
          g_signal_emit (self, signals[SIGNAL_ALARM], 0, "device", error->message);
        }
    }
  acquire_step_done (task);
}

typedef struct
{
  LcFrame            *frame;
  LcInspectAnalyzer   analyzer;
  gpointer            analyzer_data;
  GObject            *vision;         /* kept while the worker uses it (a changeover may drop it) */
  gint64              model_id;
  /* out */
  LcInspectSuggestion model;
  GError             *model_error;
  gboolean            model_ran;
} Picture;

static void
picture_free (Picture *picture)
{
  lc_frame_unref (picture->frame);
  g_clear_object (&picture->vision);
  g_clear_error (&picture->model_error);
  suggestion_clear (&picture->model);
  g_free (picture);
}

/* On a worker: the model looks at the picture. */
static void
picture_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Picture *picture = task_data;

  picture->model.score = NAN;
  picture->model.confidence = NAN;
  picture->model.model_id = picture->model_id;
  picture->model_ran = picture->analyzer (picture->frame, picture->model_id, &picture->model,
                                          picture->analyzer_data, &picture->model_error);
  /* The regions are the session's from here on. */
  if (picture->model.regions != NULL)
    g_ptr_array_set_free_func (picture->model.regions, lc_annotation_record_free);
  g_task_return_boolean (task, TRUE);
}

static void
on_picture_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Acquire *acquire = g_task_get_task_data (task);
  LcInspectSession *self = acquire->session;
  Picture *picture = g_task_get_task_data (G_TASK (result));

  if (acquire->generation == self->generation && self->current != NULL)
    {
      if (picture->model_ran)
        {
          self->model = picture->model;
          memset (&picture->model, 0, sizeof picture->model);
          self->model_ran = TRUE;
        }
      else if (picture->model_error != NULL)
        add_problem (self, _("Model"), picture->model_error->message);
    }
  acquire_step_done (task);
}

static void
on_grabbed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Acquire *acquire = g_task_get_task_data (task);
  LcInspectSession *self = acquire->session;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = lc_camera_grab_finish (LC_CAMERA (source), result, &error);

  if (acquire->generation == self->generation && self->current != NULL)
    {
      if (frame != NULL)
        {
          g_autofree char *images_dir = lc_store_get_images_dir (self->store);
          Picture *picture;
          GTask *worker;

          self->frame = lc_frame_ref (frame);
          self->image_save = image_save_start (frame, images_dir);
          if (self->model_id == 0 || (self->analyzer == NULL && self->vision == NULL))
            {
              acquire_step_done (task);
              return;
            }
          picture = g_new0 (Picture, 1);
          worker = g_task_new (NULL, NULL, on_picture_done, g_steal_pointer (&task));
          picture->frame = lc_frame_ref (frame);
          if (self->analyzer != NULL)
            {
              picture->analyzer = self->analyzer;
              picture->analyzer_data = self->analyzer_data;
            }
          else
            {
              picture->vision = g_object_ref (G_OBJECT (self->vision));
              picture->analyzer = lc_inspect_vision_analyze;
              picture->analyzer_data = picture->vision;
            }
          picture->model_id = self->model_id;
          g_task_set_task_data (worker, picture, (GDestroyNotify) picture_free);
          g_task_run_in_thread (worker, picture_thread);
          g_object_unref (worker);
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_problem (self, _("Camera"), _("no picture came in time; the part was inspected without one."));
      else
        add_problem (self, _("Camera"), error->message);
      g_signal_emit (self, signals[SIGNAL_ALARM], 0, "device", self->problems->str);
    }
  acquire_step_done (task);
}

static void
cancel_grab (GCancellable *cancellable,
             gpointer      grab_cancellable)
{
  g_cancellable_cancel (grab_cancellable);
}

static gboolean
grab_timed_out (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static void
take_channels (LcInspectSession *self,
               GTask            *task,
               gint64            only_id)
{
  Acquire *acquire = g_task_get_task_data (task);

  for (guint i = 0; i < self->characteristics->len; i++)
    {
      gint64 id = lc_characteristic_get_id (g_ptr_array_index (self->characteristics, i));
      LcGaugeChannel *channel = lc_inspect_session_get_channel (self, id);

      if (channel == NULL || (only_id != 0 && id != only_id))
        continue;
      acquire->pending++;
      lc_gauge_channel_take_async (channel, self->cancellable, on_taken, g_object_ref (task));
    }
}

static void
destroy_and_unref_source (gpointer source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

void
lc_inspect_session_inspect_async (LcInspectSession    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;
  Acquire *acquire;

  g_return_if_fail (LC_IS_INSPECT_SESSION (self));
  g_task_set_source_tag (task, lc_inspect_session_inspect_async);

  if (self->part_type == NULL)
    {
      g_task_return_new_error (task, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_PART_TYPE,
                               _("Choose a part type first."));
      return;
    }
  if (self->lot_id == 0)
    {
      g_task_return_new_error (task, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_LOT,
                               _("Scan or start a lot first."));
      return;
    }
  if (!check_not_busy (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->serial[0] != '\0')
    serial = g_strdup (self->serial);
  else if ((serial = lc_lot_next_serial (self->store, self->lot_id, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reset_part (self);
  self->cancellable = g_cancellable_new ();
  if (self->vision != NULL && lc_inspect_vision_get_problem (self->vision) != NULL)
    add_problem (self, _("Model"), lc_inspect_vision_get_problem (self->vision));
  self->current = lc_inspection_new (lc_part_type_get_id (self->part_type));
  lc_inspection_set_lot_id (self->current, self->lot_id);
  lc_inspection_set_serial (self->current, serial);
  lc_inspection_set_station (self->current, self->station);
  lc_inspection_set_operator_id (self->current, lc_store_get_actor_id (self->store));
  self->state = LC_INSPECT_STATE_ACQUIRING;
  set_status (self, _("Inspecting: taking the picture and waiting for stable gauge readings…"));

  acquire = g_new0 (Acquire, 1);
  acquire->session = g_object_ref (self);
  acquire->generation = self->generation;
  /* One step of our own, so nothing finishes before everything has started. */
  acquire->pending = 1;
  g_task_set_task_data (task, acquire, (GDestroyNotify) acquire_free);

  if (self->camera != NULL && lc_camera_is_started (self->camera))
    {
      g_autoptr(GCancellable) grab_cancellable = g_cancellable_new ();
      GSource *timeout = g_timeout_source_new (GRAB_TIMEOUT_MS);

      g_source_set_callback (timeout, grab_timed_out, g_object_ref (grab_cancellable), g_object_unref);
      g_source_attach (timeout, g_main_context_get_thread_default ());
      g_cancellable_connect (self->cancellable, G_CALLBACK (cancel_grab),
                             g_object_ref (grab_cancellable), g_object_unref);
      /* The task keeps its own reference: a timeout that fired is already destroyed and,
       * without it, freed before the task lets go of it. */
      g_object_set_data_full (G_OBJECT (task), "lc-grab-timeout", timeout,
                              destroy_and_unref_source);
      acquire->pending++;
      lc_camera_grab_async (self->camera, grab_cancellable, on_grabbed, g_object_ref (task));
    }
  else
    add_problem (self, _("Camera"), _("none is running; the part was inspected without a picture."));

  take_channels (self, task, 0);
  emit_changed (self);
  acquire_step_done (task);
}

gboolean
lc_inspect_session_inspect_finish (LcInspectSession  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lc_inspect_session_remeasure_async (LcInspectSession    *self,
                                    gint64               characteristic_id,
                                    const char          *reason,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Acquire *acquire;
  guint n = 0;

  g_return_if_fail (LC_IS_INSPECT_SESSION (self));
  g_task_set_source_tag (task, lc_inspect_session_remeasure_async);

  if (self->state != LC_INSPECT_STATE_SUGGESTED)
    {
      g_task_return_new_error (task, LC_INSPECT_ERROR, LC_INSPECT_ERROR_WRONG_STATE,
                               _("Only an inspected part can be measured again."));
      return;
    }
  if (characteristic_id != 0 && lc_inspect_session_get_channel (self, characteristic_id) == NULL)
    {
      LcCharacteristic *characteristic = find_characteristic (self, characteristic_id);
      g_task_return_new_error (task, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_GAUGE,
                               _("%s has no gauge: type its value."),
                               characteristic != NULL ? _(lc_characteristic_get_name (characteristic)) : "?");
      return;
    }

  for (guint i = 0; i < self->characteristics->len; i++)
    {
      gint64 id = lc_characteristic_get_id (g_ptr_array_index (self->characteristics, i));

      if ((characteristic_id == 0 || id == characteristic_id) && lc_inspect_session_get_channel (self, id) != NULL)
        {
          lc_inspection_supersede (self->current, id, reason != NULL ? reason : "");
          n++;
        }
    }
  if (n == 0)
    {
      g_task_return_new_error (task, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NO_GAUGE,
                               _("No characteristic of this part has a gauge: type the values."));
      return;
    }

  g_string_truncate (self->problems, 0);
  self->state = LC_INSPECT_STATE_ACQUIRING;
  set_status (self, _("Measuring again: waiting for stable gauge readings…"));
  acquire = g_new0 (Acquire, 1);
  acquire->session = g_object_ref (self);
  acquire->generation = self->generation;
  acquire->pending = 1;
  g_task_set_task_data (task, acquire, (GDestroyNotify) acquire_free);
  take_channels (self, task, characteristic_id);
  emit_changed (self);
  acquire_step_done (task);
}

gboolean
lc_inspect_session_remeasure_finish (LcInspectSession  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lc_inspect_session_enter_value (LcInspectSession  *self,
                                gint64             characteristic_id,
                                double             value,
                                const char        *reason,
                                GError           **error)
{
  g_autofree char *raw = NULL;

  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);

  if (self->state != LC_INSPECT_STATE_SUGGESTED)
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_WRONG_STATE,
                   _("Inspect the part before typing its values."));
      return FALSE;
    }
  if (find_characteristic (self, characteristic_id) == NULL || !isfinite (value))
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_MISSING_VALUE,
                   _("That is not a value of this part."));
      return FALSE;
    }
  lc_inspection_supersede (self->current, characteristic_id, reason != NULL ? reason : "");
  raw = g_strdup_printf ("%.*g (typed)", 17, value);
  lc_inspection_add_measurement (self->current, characteristic_id, value, raw, 0, lc_store_now ());
  suggest (self);
  describe_suggestion (self);
  alarm_out_of_spec (self, characteristic_id);
  emit_changed (self);
  return TRUE;
}

gboolean
lc_inspect_session_can_pass_at_once (LcInspectSession *self)
{
  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);
  return self->state == LC_INSPECT_STATE_SUGGESTED && self->suggestion.verdict == LC_VERDICT_PASS &&
         self->suggestion.confident;
}

static LcDefectClass *
find_defect_class (LcInspectSession *self,
                   gint64            id)
{
  if (self->part_type == NULL || id == 0)
    return NULL;
  return lc_part_type_find_defect_class_by_id (self->part_type, id);
}

/* Alarms come from the statistics library, evaluated as each result arrives: an out-of-spec
 * value and a run rule broken by the new point become rows of the event table. The banner
 * already showed the out-of-spec values while the part was measured; a broken run rule is
 * only known now, so it rings here. */
static void
evaluate_alarms (LcInspectSession *self,
                 gint64            inspection_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n_alarms = 0;

  if (!lc_spc_alarms_evaluate_inspection (self->store, inspection_id, &n_alarms, &error))
    {
      g_warning ("Cannot evaluate the control chart rules: %s", error->message);
      return;
    }
  if (n_alarms == 0)
    return;
  stmt = lc_store_prepare (self->store, "SELECT message FROM event WHERE inspection_id = ? AND kind = ?"
                                        " ORDER BY id", &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read the new alarms: %s", error->message);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, inspection_id);
  sqlite3_bind_text (stmt, 2, LC_SPC_ALARM_RULE, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *message = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_signal_emit (self, signals[SIGNAL_ALARM], 0, LC_SPC_ALARM_RULE, message);
    }
  sqlite3_reset (stmt);
}

static void
on_outputs_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcInspectSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_gauge_bench_apply_verdict_finish (LC_GAUGE_BENCH (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The verdict output was not written: %s"), error->message);
      g_signal_emit (self, signals[SIGNAL_ALARM], 0, "output", message);
    }
}

gboolean
lc_inspect_session_confirm (LcInspectSession  *self,
                            LcVerdict          verdict,
                            gint64             defect_class_id,
                            GError           **error)
{
  LcDefectClass *defect_class;
  LcDecidedBy decided_by;
  gboolean out = FALSE;
  gboolean override;
  const char *outputs;

  g_return_val_if_fail (LC_IS_INSPECT_SESSION (self), FALSE);
  g_return_val_if_fail (verdict != LC_VERDICT_NONE, FALSE);

  if (self->state != LC_INSPECT_STATE_SUGGESTED)
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_WRONG_STATE,
                   self->state == LC_INSPECT_STATE_ACQUIRING ? _("Wait until the part is measured.")
                                                             : _("Inspect the part first."));
      return FALSE;
    }

  for (guint i = 0; i < self->characteristics->len; i++)
    {
      LcCharacteristic *characteristic = g_ptr_array_index (self->characteristics, i);
      gint64 id = lc_characteristic_get_id (characteristic);

      if (lc_inspect_session_get_zone (self, id) == LC_SPEC_OUT)
        out = TRUE;
      if (verdict == LC_VERDICT_PASS && current_reading (self, id) == NULL)
        {
          g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_MISSING_VALUE,
                       _("%s has no value yet: re-measure it or type it."), _(lc_characteristic_get_name (characteristic)));
          return FALSE;
        }
    }
  if (verdict == LC_VERDICT_PASS && out)
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_OUT_OF_SPEC,
                   _("A value is out of specification: this part cannot pass. Re-measure it or fail the part."));
      return FALSE;
    }
  defect_class = verdict == LC_VERDICT_FAIL ? find_defect_class (self, defect_class_id) : NULL;
  if (verdict == LC_VERDICT_FAIL && defect_class == NULL && !out)
    {
      g_set_error (error, LC_INSPECT_ERROR, LC_INSPECT_ERROR_NEEDS_DEFECT,
                   _("Choose the defect this part has."));
      return FALSE;
    }

  /* A correction of the suggestion: another verdict, or another defect than the model named. */
  override = self->suggestion.verdict != LC_VERDICT_NONE &&
             (verdict != self->suggestion.verdict ||
              (verdict == LC_VERDICT_FAIL && self->suggestion.defect_class_id != 0 &&
               self->suggestion.defect_class_id != defect_class_id));
  if (override)
    decided_by = LC_DECIDED_BY_OPERATOR_OVERRIDE;
  else if (self->suggestion.model_id != 0 && self->suggestion.verdict == verdict)
    decided_by = LC_DECIDED_BY_MODEL;
  else
    decided_by = LC_DECIDED_BY_OPERATOR;

  lc_inspection_set_verdict (self->current, verdict, decided_by);
  lc_inspection_set_defect_class_id (self->current, defect_class != NULL ? lc_defect_class_get_id (defect_class) : 0);
  if (self->image_save != NULL && lc_inspection_get_images (self->current)->len == 0)
    {
      g_autoptr(GError) save_error = NULL;
      g_autofree char *file = image_save_wait (self->image_save, &save_error);
      LcImageRecord *image;

      if (file == NULL)
        {
          /* The values are recorded all the same; the operator hears why there is no picture. */
          g_autofree char *message = g_strdup_printf (_("The picture was not saved: %s"), save_error->message);
          g_signal_emit (self, signals[SIGNAL_ALARM], 0, "device", message);
          g_clear_pointer (&self->image_save, image_save_release);
          goto record;
        }
      image = lc_inspection_add_image (self->current, file,
                                                      lc_frame_get_width (self->frame),
                                                      lc_frame_get_height (self->frame),
                                                      self->camera != NULL ? lc_camera_get_uri (self->camera) : "",
                                                      lc_store_now ());
      if (self->suggestion.regions != NULL)
        for (guint i = 0; i < self->suggestion.regions->len; i++)
          {
            LcAnnotationRecord *region = g_ptr_array_index (self->suggestion.regions, i);
            lc_image_record_add_annotation (image, region->defect_class_id, region->shape, region->geometry,
                                            "model", region->model_id != 0 ? region->model_id : self->suggestion.model_id,
                                            region->score);
          }
    }
record:
  /* The images of a corrected verdict, and those the model was unsure about, wait in the
   * review queue for a QC lead, and become training data for the next model. */
  for (guint i = 0; i < lc_inspection_get_images (self->current)->len; i++)
    ((LcImageRecord *) g_ptr_array_index (lc_inspection_get_images (self->current), i))->review =
      override || (self->model_ran && !self->model.confident);

  if (!lc_inspection_record (self->current, self->store, error))
    {
      set_status (self, (error != NULL && *error != NULL) ? (*error)->message : NULL);
      emit_changed (self);
      return FALSE;
    }

  self->last_inspection_id = lc_inspection_get_id (self->current);
  evaluate_alarms (self, self->last_inspection_id);

  outputs = lc_part_type_get_outputs (self->part_type);
  if (self->bench != NULL && outputs != NULL && g_strcmp0 (outputs, "{}") != 0)
    {
      const char *which = verdict == LC_VERDICT_PASS ? "pass"
                          : (defect_class != NULL && lc_defect_class_get_severity (defect_class) == LC_SEVERITY_CRITICAL)
                            ? "critical" : "fail";
      lc_gauge_bench_apply_verdict_async (self->bench, outputs, which, NULL, on_outputs_written,
                                          g_object_ref (self));
    }

  {
    g_autofree char *status = NULL;

    if (verdict == LC_VERDICT_PASS)
      status = g_strdup_printf (_("Recorded: %s passed."), lc_inspection_get_serial (self->current));
    else
      status = g_strdup_printf (_("Recorded: %s failed (%s)."), lc_inspection_get_serial (self->current),
                                defect_class != NULL ? _(lc_defect_class_get_name (defect_class))
                                                     : _("out of specification"));
    set_status (self, status);
  }

  g_clear_object (&self->cancellable);
  g_clear_object (&self->current);
  self->state = LC_INSPECT_STATE_RECORDED;
  g_free (self->serial);
  self->serial = g_strdup ("");
  refresh_counters (self);
  emit_changed (self);
  return TRUE;
}

void
lc_inspect_session_discard (LcInspectSession *self)
{
  g_return_if_fail (LC_IS_INSPECT_SESSION (self));

  if (!lc_inspect_session_is_busy (self))
    return;
  reset_part (self);
  self->state = LC_INSPECT_STATE_IDLE;
  set_status (self, _("The part was discarded; nothing was recorded."));
  emit_changed (self);
}

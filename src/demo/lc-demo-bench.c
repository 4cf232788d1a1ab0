#include "lc-config.h"

#include <math.h>

#include "lc-camera-settings.h"
#include "lc-demo-bench.h"
#include "lc-gauge-bench.h"
#include "lc-gauge-channel.h"
#include "lc-gauge-device.h"
#include "lc-part-type.h"

#define DEMO_GAUGE_NAME  "Demo gauges"
#define DEMO_CAMERA_NAME "Demo camera"

static gboolean
already_equipped (LcStore  *store,
                  gboolean *equipped,
                  GError  **error)
{
  sqlite3_stmt *stmt = lc_store_prepare (store, "SELECT 1 FROM device WHERE name = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, DEMO_GAUGE_NAME, -1, SQLITE_STATIC);
  *equipped = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Where the simulated values sit: on the nominal (or mid-tolerance), with a spread that
 * keeps most parts in, and now and then one thrown just past a limit, so the demo shows
 * every colour of the value bars. */
static void
simulate_characteristic (LcCharacteristic *characteristic,
                         JsonObject       *settings,
                         guint             seed)
{
  double lsl = lc_characteristic_get_lsl (characteristic);
  double usl = lc_characteristic_get_usl (characteristic);
  double nominal = lc_characteristic_get_nominal (characteristic);
  double tolerance, mean;

  if (!isnan (lsl) && !isnan (usl))
    {
      tolerance = usl - lsl;
      mean = !isnan (nominal) ? nominal : (lsl + usl) / 2;
    }
  else
    {
      tolerance = !isnan (usl) ? usl : fabs (lsl);
      mean = !isnan (usl) ? usl / 3 : lsl * 1.5;
    }
  json_object_set_double_member (settings, "mean", mean);
  json_object_set_double_member (settings, "sigma", tolerance / 14);
  json_object_set_double_member (settings, "out_of_spec_rate", 0.02);
  json_object_set_double_member (settings, "out_of_spec_offset", tolerance * 0.6);
  json_object_set_int_member (settings, "seed", seed);
}

gboolean
lc_demo_bench_equip (LcStore  *store,
                     GError  **error)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new (DEMO_GAUGE_NAME, LC_GAUGE_KIND_SIMULATED);
  g_autoptr(GListStore) parts = NULL;
  g_autoptr(LcCameraSettings) camera_settings = lc_camera_settings_new ();
  g_autoptr(GPtrArray) bound = g_ptr_array_new_with_free_func (g_object_unref);  /* characteristic, channel, … */
  gboolean equipped = FALSE;
  sqlite3_stmt *stmt;
  gint64 camera_id;
  guint address = 0;

  if (!already_equipped (store, &equipped, error))
    return FALSE;
  if (equipped)
    return TRUE;
  parts = lc_part_type_list (store, FALSE, error);
  if (parts == NULL)
    return FALSE;

  /* Fast polling keeps the value bars live and a stable reading quick to reach. */
  json_object_set_int_member (lc_gauge_device_get_settings (device), "poll_ms", 50);
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (parts)); p++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), p);
      GListModel *characteristics = lc_part_type_get_characteristics (part);

      for (guint c = 0; c < g_list_model_get_n_items (characteristics); c++)
        {
          g_autoptr(LcCharacteristic) characteristic = g_list_model_get_item (characteristics, c);
          g_autofree char *name = g_strdup_printf ("%s %s", lc_part_type_get_code (part),
                                                   lc_characteristic_get_name (characteristic));
          g_autoptr(LcGaugeChannel) channel = lc_gauge_channel_new (name);
          LcGaugeRegister reg;
          double lsl = lc_characteristic_get_lsl (characteristic);
          double usl = lc_characteristic_get_usl (characteristic);
          double tolerance = !isnan (lsl) && !isnan (usl) ? usl - lsl : !isnan (usl) ? usl : fabs (lsl);

          lc_gauge_register_init (&reg);
          reg.table = LC_GAUGE_TABLE_HOLDING;
          reg.address = address;
          reg.type = LC_GAUGE_DATA_FLOAT64;
          address += 4;
          lc_gauge_channel_set_register (channel, &reg);
          lc_gauge_channel_set_unit (channel, lc_characteristic_get_unit (characteristic));
          lc_gauge_channel_set_decimals (channel, lc_characteristic_get_decimals (characteristic));
          simulate_characteristic (characteristic, lc_gauge_channel_get_settings (channel), address);
          /* A measurement waits until the gauge has settled, as a real one would. */
          lc_gauge_channel_set_stable (channel, tolerance / 2, 100);
          lc_gauge_device_add_channel (device, channel);
          g_ptr_array_add (bound, g_object_ref (characteristic));
          g_ptr_array_add (bound, g_object_ref (channel));
        }
    }
  if (!lc_gauge_bench_save_device (bench, store, device, error))
    return FALSE;

  if (!lc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < bound->len; i += 2)
    {
      LcCharacteristic *characteristic = g_ptr_array_index (bound, i);
      LcGaugeChannel *channel = g_ptr_array_index (bound, i + 1);

      stmt = lc_store_prepare (store, "UPDATE characteristic SET channel_id = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, lc_gauge_channel_get_id (channel));
      sqlite3_bind_int64 (stmt, 2, lc_characteristic_get_id (characteristic));
      if (!lc_store_step_done (store, stmt, error))
        goto fail;
    }

  stmt = lc_store_prepare (store, "INSERT INTO camera (name, uri, settings, created_at) VALUES (?, ?, '{}', ?)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, DEMO_CAMERA_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "sim:" "BSH-2040", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, lc_store_now ());
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  camera_id = lc_store_last_insert_id (store);
  /* One part laid down per inspection. */
  camera_settings->trigger = LC_CAMERA_TRIGGER_SOFTWARE;
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (parts)); p++)
    {
      g_autoptr(LcPartType) part = g_list_model_get_item (G_LIST_MODEL (parts), p);

      if (!lc_camera_settings_save_for_part_type (store, lc_part_type_get_id (part), camera_id,
                                                  camera_settings, error))
        goto fail;
    }
  if (!lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "part_type", 0);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

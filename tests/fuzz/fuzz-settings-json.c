#include "lc-config.h"

#include <json-glib/json-glib.h>

#include "fuzz-target.h"
#include "lc-camera-settings.h"
#include "lc-gauge-link.h"

/* The settings JSON kept in the database for cameras (camera.settings,
 * part_type.camera_settings) and gauge devices (device.settings): a restored or hand-edited
 * database can hold anything there. The first byte picks the reader: bit 7 the camera
 * settings, else the gauge link of kind Modbus TCP, Modbus RTU or serial text line. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  lc_fuzz_abort_on_criticals ();
  if (size == 0)
    return 0;
  text = g_strndup ((const char *) data + 1, size - 1);
  if (data[0] & 0x80)
    {
      g_autoptr(LcCameraSettings) settings = lc_camera_settings_from_string (text, &error);
      g_autoptr(LcCameraSettings) again = NULL;
      g_autofree char *json = NULL;

      if (settings == NULL)
        {
          g_assert (error != NULL);
          return 0;
        }
      /* What was accepted writes back and reads again as the same settings. */
      json = lc_camera_settings_to_string (settings);
      again = lc_camera_settings_from_string (json, &error);
      g_assert (again != NULL);
      g_assert (lc_camera_settings_equal (settings, again));
    }
  else
    {
      static const LcGaugeKind kinds[] = { LC_GAUGE_KIND_MODBUS_TCP, LC_GAUGE_KIND_MODBUS_RTU,
                                           LC_GAUGE_KIND_SERIAL_ASCII };
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      g_autoptr(LcGaugeLink) link = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return 0;
      link = lc_gauge_link_new_from_json (kinds[data[0] % G_N_ELEMENTS (kinds)], json_node_get_object (node),
                                          &error);
      if (link == NULL)
        {
          g_assert (error != NULL);
          return 0;
        }
      if (lc_gauge_link_validate (link, NULL))
        {
          g_autofree char *describe = lc_gauge_link_describe (link);
          g_autofree char *url = lc_gauge_link_to_url (link);
          g_autofree char *key = lc_gauge_link_bus_key (link);
          g_autoptr(JsonObject) out = json_object_new ();

          g_assert (describe != NULL && url != NULL && key != NULL);
          lc_gauge_link_to_json (link, out);
        }
    }
  return 0;
}

#include "lc-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-camera.h"
#include "lc-audit.h"
#include "lc-camera-settings.h"

G_DEFINE_BOXED_TYPE (LcCameraSettings, lc_camera_settings,
                     lc_camera_settings_copy, lc_camera_settings_free)

LcCameraSettings *
lc_camera_settings_new (void)
{
  LcCameraSettings *settings = g_new0 (LcCameraSettings, 1);

  settings->exposure_us = NAN;
  settings->gain_db = NAN;
  settings->frame_rate = NAN;
  settings->trigger = LC_CAMERA_TRIGGER_FREE_RUN;
  return settings;
}

LcCameraSettings *
lc_camera_settings_copy (const LcCameraSettings *settings)
{
  LcCameraSettings *copy = g_memdup2 (settings, sizeof *settings);

  copy->pixel_format = g_strdup (settings->pixel_format);
  copy->trigger_source = g_strdup (settings->trigger_source);
  return copy;
}

void
lc_camera_settings_free (LcCameraSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->pixel_format);
  g_free (settings->trigger_source);
  g_free (settings);
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

gboolean
lc_camera_settings_equal (const LcCameraSettings *a,
                          const LcCameraSettings *b)
{
  return same_number (a->exposure_us, b->exposure_us) &&
         same_number (a->gain_db, b->gain_db) &&
         same_number (a->frame_rate, b->frame_rate) &&
         g_strcmp0 (a->pixel_format, b->pixel_format) == 0 &&
         a->roi_x == b->roi_x && a->roi_y == b->roi_y &&
         a->roi_width == b->roi_width && a->roi_height == b->roi_height &&
         a->trigger == b->trigger &&
         g_strcmp0 (a->trigger_source, b->trigger_source) == 0;
}

static const char * const trigger_names[] = { "free-run", "software", "hardware" };

const char *
lc_camera_trigger_to_string (LcCameraTrigger trigger)
{
  g_return_val_if_fail (trigger <= LC_CAMERA_TRIGGER_HARDWARE, "free-run");
  return trigger_names[trigger];
}

gboolean
lc_camera_trigger_from_string (const char      *text,
                               LcCameraTrigger *trigger)
{
  for (guint i = 0; i < G_N_ELEMENTS (trigger_names); i++)
    {
      if (g_strcmp0 (text, trigger_names[i]) == 0)
        {
          *trigger = (LcCameraTrigger) i;
          return TRUE;
        }
    }
  return FALSE;
}

JsonNode *
lc_camera_settings_to_json (const LcCameraSettings *settings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (!isnan (settings->exposure_us))
    {
      json_builder_set_member_name (builder, "exposure_us");
      json_builder_add_double_value (builder, settings->exposure_us);
    }
  if (!isnan (settings->gain_db))
    {
      json_builder_set_member_name (builder, "gain_db");
      json_builder_add_double_value (builder, settings->gain_db);
    }
  if (!isnan (settings->frame_rate))
    {
      json_builder_set_member_name (builder, "frame_rate");
      json_builder_add_double_value (builder, settings->frame_rate);
    }
  if (settings->pixel_format != NULL)
    {
      json_builder_set_member_name (builder, "pixel_format");
      json_builder_add_string_value (builder, settings->pixel_format);
    }
  if (settings->roi_width > 0 && settings->roi_height > 0)
    {
      json_builder_set_member_name (builder, "roi");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, settings->roi_x);
      json_builder_add_int_value (builder, settings->roi_y);
      json_builder_add_int_value (builder, settings->roi_width);
      json_builder_add_int_value (builder, settings->roi_height);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "trigger");
  json_builder_add_string_value (builder, lc_camera_trigger_to_string (settings->trigger));
  if (settings->trigger_source != NULL)
    {
      json_builder_set_member_name (builder, "trigger_source");
      json_builder_add_string_value (builder, settings->trigger_source);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
lc_camera_settings_to_string (const LcCameraSettings *settings)
{
  g_autoptr(JsonNode) node = lc_camera_settings_to_json (settings);

  return json_to_string (node, FALSE);
}

static gboolean
read_number (JsonObject  *object,
             const char  *name,
             double       low,
             double       high,
             double      *value,
             GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (json_node_get_value_type (member) != G_TYPE_DOUBLE &&
      json_node_get_value_type (member) != G_TYPE_INT64)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The camera setting “%s” must be a number."), name);
      return FALSE;
    }
  *value = json_node_get_double (member);
  if (!(*value >= low && *value <= high))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The camera setting “%s” is out of range (%g to %g)."), name, low, high);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **value,
             GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The camera setting “%s” must be text."), name);
      return FALSE;
    }
  g_free (*value);
  *value = json_node_dup_string (member);
  return TRUE;
}

LcCameraSettings *
lc_camera_settings_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  g_autofree char *trigger = NULL;
  JsonObject *object;
  JsonNode *roi;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The camera settings are not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_number (object, "exposure_us", 1, 60e6, &settings->exposure_us, error) ||
      !read_number (object, "gain_db", -20, 60, &settings->gain_db, error) ||
      !read_number (object, "frame_rate", 0.1, 1000, &settings->frame_rate, error) ||
      !read_string (object, "pixel_format", &settings->pixel_format, error) ||
      !read_string (object, "trigger", &trigger, error) ||
      !read_string (object, "trigger_source", &settings->trigger_source, error))
    return NULL;

  if (trigger != NULL && !lc_camera_trigger_from_string (trigger, &settings->trigger))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("Unknown trigger mode “%s” (use free-run, software or hardware)."), trigger);
      return NULL;
    }

  roi = json_object_get_member (object, "roi");
  if (roi != NULL && !JSON_NODE_HOLDS_NULL (roi))
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (roi) ? json_node_get_array (roi) : NULL;
      gint64 v[4];

      if (array == NULL || json_array_get_length (array) != 4)
        {
          g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                       _("The region of interest must be four numbers: x, y, width, height."));
          return NULL;
        }
      for (guint i = 0; i < 4; i++)
        {
          v[i] = json_array_get_int_element (array, i);
          if (v[i] < 0 || v[i] > 65535 || (i >= 2 && v[i] == 0))
            {
              g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                           _("The region of interest must lie on the sensor, with a width and height above zero."));
              return NULL;
            }
        }
      settings->roi_x = (int) v[0];
      settings->roi_y = (int) v[1];
      settings->roi_width = (int) v[2];
      settings->roi_height = (int) v[3];
    }
  return g_steal_pointer (&settings);
}

LcCameraSettings *
lc_camera_settings_from_string (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (json == NULL || *json == '\0')
    return lc_camera_settings_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING,
                   _("The camera settings cannot be read: %s"), local_error->message);
      return NULL;
    }
  return lc_camera_settings_from_json (json_parser_get_root (parser), error);
}

gboolean
lc_camera_settings_load_for_part_type (LcStore            *store,
                                       gint64              part_type_id,
                                       gint64             *camera_id,
                                       LcCameraSettings  **settings,
                                       GError            **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(LcCameraSettings) loaded = NULL;
  int rc;

  stmt = lc_store_prepare (store, "SELECT camera_id, camera_settings FROM part_type WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no part type number %lld."), (long long) part_type_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return lc_store_set_error (store, rc, error);
    }
  if (camera_id != NULL)
    *camera_id = sqlite3_column_int64 (stmt, 0);
  loaded = lc_camera_settings_from_string ((const char *) sqlite3_column_text (stmt, 1), error);
  sqlite3_reset (stmt);
  if (loaded == NULL)
    return FALSE;
  if (settings != NULL)
    *settings = g_steal_pointer (&loaded);
  return TRUE;
}

gboolean
lc_camera_settings_save_for_part_type (LcStore                *store,
                                       gint64                  part_type_id,
                                       gint64                  camera_id,
                                       const LcCameraSettings *settings,
                                       GError                **error)
{
  g_autofree char *json = lc_camera_settings_to_string (settings);
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  sqlite3_stmt *stmt;

  if (!lc_store_begin (store, error))
    return FALSE;
  if (!lc_store_require_role (store, LC_ROLE_LEAD, _("change the camera settings of a part type"), error))
    goto fail;
  stmt = lc_store_prepare (store,
                           "SELECT json_object ('camera_id', camera_id, 'camera_settings', json (camera_settings))"
                           " FROM part_type WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, part_type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (old_value == NULL)
    {
      g_set_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND,
                   _("There is no part type number %lld."), (long long) part_type_id);
      goto fail;
    }

  stmt = lc_store_prepare (store,
                           "UPDATE part_type SET camera_id = ?, camera_settings = ?, updated_at = ? "
                           "WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  lc_store_bind_id_or_null (stmt, 1, camera_id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, lc_store_now ());
  sqlite3_bind_int64 (stmt, 4, part_type_id);
  if (!lc_store_step_done (store, stmt, error))
    goto fail;
  if (camera_id > 0)
    new_value = g_strdup_printf ("{\"camera_id\":%" G_GINT64_FORMAT ",\"camera_settings\":%s}",
                                 camera_id, json);
  else
    new_value = g_strdup_printf ("{\"camera_id\":null,\"camera_settings\":%s}", json);
  if (!lc_audit_record (store, "part_type", part_type_id, "camera-settings", old_value, new_value,
                        NULL, error) ||
      !lc_store_commit (store, error))
    goto fail;
  lc_store_notify_changed (store, "part_type", part_type_id);
  return TRUE;

fail:
  lc_store_rollback (store);
  return FALSE;
}

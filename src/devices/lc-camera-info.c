#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-camera-aravis.h"
#include "lc-camera-info.h"
#include "lc-camera-v4l2.h"

LcCameraInfo *
lc_camera_info_new (void)
{
  return g_new0 (LcCameraInfo, 1);
}

void
lc_camera_info_free (LcCameraInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uri);
  g_free (info->kind);
  g_free (info->name);
  g_free (info->serial);
  g_free (info->detail);
  g_free (info);
}

JsonNode *
lc_camera_info_to_json (const LcCameraInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, info->uri);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, info->kind);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, info->name != NULL ? info->name : "");
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, info->serial != NULL ? info->serial : "");
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, info->detail != NULL ? info->detail : "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
lc_camera_discover (void)
{
  g_autoptr(GPtrArray) aravis = lc_camera_aravis_discover ();
  g_autoptr(GPtrArray) v4l2 = lc_camera_v4l2_discover ();
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_camera_info_free);
  LcCameraInfo *sim;

  g_ptr_array_extend_and_steal (all, g_steal_pointer (&aravis));
  g_ptr_array_extend_and_steal (all, g_steal_pointer (&v4l2));

  sim = lc_camera_info_new ();
  sim->uri = g_strdup ("sim:");
  sim->kind = g_strdup ("sim");
  sim->name = g_strdup (_("Simulated camera"));
  sim->detail = g_strdup (_("Renders parts of the active part type (sim:PART-CODE for another)"));
  g_ptr_array_add (all, sim);
  return all;
}

#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-demo.h"
#include "lc-demo-bench.h"
#include "lc-operator.h"
#include "lc-spc-alarms.h"
#include "lc-demo-private.h"
#include "lc-part-type.h"

/* The demo is a small factory's last four weeks at one inspection bench: three part types
 * made in lots in turn, with what a QC lead should find in them:
 *   - BSH-2040 outer diameter drifts up through the last lots (tool wear),
 *   - BSH-2040 bore diameter shifts up from the third lot on (a new insert, set high),
 *   - BRK-1150 lot B-104 fails for a dent at the same spot of nearly every part (a damaged die),
 *   - BSH-2040 runout is one-sided and skewed (not normal), CAP-0032 weight sits off centre.
 * Everything comes from a fixed random seed, so the same "now" always gives the same data. */

#define DEMO_SEED 20261123
#define DEMO_LOTS_PER_PART 5
#define DEMO_DENTED_LOT_INDEX 3   /* B-104 */

typedef enum
{
  PROCESS_NORMAL,
  PROCESS_DRIFT,       /* mean rises through the last two lots */
  PROCESS_SHIFT,       /* mean steps up from the third lot on */
  PROCESS_SKEWED,      /* positive, right-skewed (runout, flatness) */
} Process;

typedef struct
{
  const char *name;
  double      nominal, lsl, usl;   /* NAN when absent */
  const char *unit;
  guint       decimals;
  guint       subgroup_size;
  double      mean;                /* where the process runs */
  double      sigma;
  Process     process;
} DemoCharacteristic;

typedef struct
{
  const char *name;
  const char *color;
  LcSeverity  severity;
  double      rate;                /* share of parts with this defect, outside the dented lot */
} DemoDefectClass;

typedef struct
{
  const char               *code;
  const char               *name;
  const char               *revision;
  const char               *description;
  char                      lot_letter;
  guint                     parts_per_lot;
  const DemoCharacteristic *characteristics;
  guint                     n_characteristics;
  const DemoDefectClass    *defect_classes;
  guint                     n_defect_classes;
} DemoPart;

static const DemoCharacteristic bushing_characteristics[] = {
  { N_("Outer diameter"), 20.000, 19.980, 20.020, "mm", 3, 5, 19.999, 0.0042, PROCESS_DRIFT },
  { N_("Bore diameter"), 12.009, 12.000, 12.018, "mm", 3, 5, 12.008, 0.0019, PROCESS_SHIFT },
  { N_("Length"), 40.00, 39.95, 40.05, "mm", 2, 5, 40.003, 0.0095, PROCESS_NORMAL },
  { N_("Runout"), NAN, NAN, 0.010, "mm", 3, 1, 0.0035, 0.0014, PROCESS_SKEWED },
};

static const DemoDefectClass bushing_defects[] = {
  { N_("Scratch"), "#e5a50a", LC_SEVERITY_MINOR, 0.010 },
  { N_("Burr"), "#c64600", LC_SEVERITY_MAJOR, 0.006 },
  { N_("Chatter marks"), "#9141ac", LC_SEVERITY_MINOR, 0.004 },
};

static const DemoCharacteristic bracket_characteristics[] = {
  { N_("Hole spacing"), 50.00, 49.90, 50.10, "mm", 2, 5, 50.004, 0.021, PROCESS_NORMAL },
  { N_("Thickness"), 1.500, 1.450, 1.550, "mm", 3, 5, 1.506, 0.0145, PROCESS_NORMAL },
  { N_("Flatness"), NAN, NAN, 0.20, "mm", 2, 1, 0.07, 0.03, PROCESS_SKEWED },
  { N_("Bend angle"), 90.0, 89.5, 90.5, "°", 1, 5, 90.02, 0.12, PROCESS_NORMAL },
};

static const DemoDefectClass bracket_defects[] = {
  { N_("Dent"), "#e01b24", LC_SEVERITY_MAJOR, 0.008 },
  { N_("Scratch"), "#e5a50a", LC_SEVERITY_MINOR, 0.012 },
  { N_("Crack"), "#1c71d8", LC_SEVERITY_CRITICAL, 0.002 },
  { N_("Burr"), "#c64600", LC_SEVERITY_MINOR, 0.006 },
};

static const DemoCharacteristic cap_characteristics[] = {
  { N_("Outer diameter"), 32.00, 31.85, 32.15, "mm", 2, 5, 32.01, 0.032, PROCESS_NORMAL },
  { N_("Height"), 12.00, 11.90, 12.10, "mm", 2, 5, 11.99, 0.024, PROCESS_NORMAL },
  { N_("Weight"), 4.20, 4.12, 4.28, "g", 3, 5, 4.228, 0.016, PROCESS_NORMAL },
};

static const DemoDefectClass cap_defects[] = {
  { N_("Short shot"), "#e01b24", LC_SEVERITY_CRITICAL, 0.004 },
  { N_("Flash"), "#ff7800", LC_SEVERITY_MAJOR, 0.010 },
  { N_("Sink mark"), "#9141ac", LC_SEVERITY_MINOR, 0.008 },
  { N_("Black spot"), "#241f31", LC_SEVERITY_MINOR, 0.008 },
};

static const DemoPart demo_parts[] = {
  { LC_DEMO_BUSHING, N_("Turned bushing"), "C", N_("Steel bushing, turned and ground; bore H7."), 'A', 240,
    bushing_characteristics, G_N_ELEMENTS (bushing_characteristics),
    bushing_defects, G_N_ELEMENTS (bushing_defects) },
  { LC_DEMO_BRACKET, N_("Stamped bracket"), "B", N_("Mounting bracket, 1.5 mm steel, stamped and bent."), 'B', 220,
    bracket_characteristics, G_N_ELEMENTS (bracket_characteristics),
    bracket_defects, G_N_ELEMENTS (bracket_defects) },
  { LC_DEMO_CAP, N_("Moulded cap"), "A", N_("Polypropylene cap, 32 mm, injection moulded."), 'C', 260,
    cap_characteristics, G_N_ELEMENTS (cap_characteristics),
    cap_defects, G_N_ELEMENTS (cap_defects) },
};

typedef struct
{
  const char *name;
  const char *role;
  /* The PINs are in the README (1111, 2222, 3333, 9999): the demo is for trying every role.
   * Hashed once with lc_operator_hash_pin ()'s parameters, so a demo is seeded without four
   * Argon2id runs (the UI tests seed one per test); a login checks them like any other. */
  const char *pin_hash;
} DemoOperator;

static const DemoOperator demo_operators[] = {
  { "Li Wei", "operator",
    "$argon2id$v=19$m=32768,t=3,p=1$uRhPW68L8fJAIJoD/Kl7Zg$fDYjLElhOw2KmMW+JwB2y9AuPCJj93DLENnUmD8SYMA" },
  { "Anna Kowalski", "operator",
    "$argon2id$v=19$m=32768,t=3,p=1$hEebGeVklJVVsv431DoLbw$QROw3M3IHtaWhvraVp5Hb1J3b08vOUSJht9FOP2tZlU" },
  { "Zhang Min", "lead",
    "$argon2id$v=19$m=32768,t=3,p=1$Td8p9X0ZlsSskfQHvTSkQw$/nAUPkqJzrTFPmTexnGNM5lkwzHGEPYUB7/chZ3rdoE" },
  { "Admin", "admin",
    "$argon2id$v=19$m=32768,t=3,p=1$W+/z+oa3ZL+hwxQXobur8g$U98xtEJaEyjrEqRi9nmuaTeO+iE3yJ0VWCjsOpdSdQU" },
};

char *
lc_demo_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "linecheck", "demo", "linecheck.db", NULL);
}

/* Box-Muller; GRand gives the uniform variates, so the sequence depends on the seed only. */
static double
normal (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static gboolean
create_part_types (LcStore     *store,
                   GPtrArray   *parts,
                   GError     **error)
{
  for (guint p = 0; p < G_N_ELEMENTS (demo_parts); p++)
    {
      const DemoPart *demo = &demo_parts[p];
      /* The demo speaks the language it was first started in, as a factory's own data would. */
      g_autoptr(LcPartType) part = lc_part_type_new (demo->code, _(demo->name));

      lc_part_type_set_revision (part, demo->revision);
      lc_part_type_set_description (part, _(demo->description));
      for (guint i = 0; i < demo->n_characteristics; i++)
        {
          const DemoCharacteristic *dc = &demo->characteristics[i];
          g_autoptr(LcCharacteristic) c = lc_characteristic_new (_(dc->name));

          lc_characteristic_set_nominal (c, dc->nominal);
          lc_characteristic_set_lsl (c, dc->lsl);
          lc_characteristic_set_usl (c, dc->usl);
          lc_characteristic_set_unit (c, dc->unit);
          lc_characteristic_set_decimals (c, dc->decimals);
          lc_characteristic_set_subgroup_size (c, dc->subgroup_size);
          lc_part_type_add_characteristic (part, c);
        }
      for (guint i = 0; i < demo->n_defect_classes; i++)
        {
          const DemoDefectClass *dd = &demo->defect_classes[i];
          g_autoptr(LcDefectClass) d = lc_defect_class_new (_(dd->name), dd->color, dd->severity);
          lc_part_type_add_defect_class (part, d);
        }
      if (!lc_part_type_save (part, store, error))
        return FALSE;
      g_ptr_array_add (parts, g_steal_pointer (&part));
    }
  return TRUE;
}

static gboolean
create_operators (LcStore  *store,
                  gint64    now,
                  gint64   *operator_ids,
                  GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_operators); i++)
    {
      sqlite3_stmt *stmt = lc_store_prepare (store,
                               "INSERT INTO operator (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, demo_operators[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, demo_operators[i].role, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, demo_operators[i].pin_hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      operator_ids[i] = lc_store_last_insert_id (store);
    }
  return TRUE;
}

/* The inspection times, walking back from @now through two shifts a day (06:00-22:00),
 * Monday to Saturday, one part every few minutes, with a pause at each changeover. */
static GArray *
plan_times (GRand  *rand,
            gint64  now,
            guint   n_lots,
            guint  *lot_sizes)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) cursor = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC - 3600);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total = 0;

  for (guint l = 0; l < n_lots; l++)
    total += lot_sizes[l];
  g_array_set_size (times, total);

  for (guint l = n_lots, index = total; l > 0; l--)
    {
      for (guint k = 0; k < lot_sizes[l - 1]; k++)
        {
          GDateTime *earlier;
          int hour, weekday;

          earlier = g_date_time_add_seconds (cursor, -(120.0 + g_rand_double_range (rand, 0, 300)));
          g_date_time_unref (cursor);
          cursor = earlier;
          hour = g_date_time_get_hour (cursor);
          weekday = g_date_time_get_day_of_week (cursor);
          while (hour < 6 || hour >= 22 || weekday == 7)
            {
              /* Night or Sunday: go back to the end of the last working shift. */
              GDateTime *day = hour >= 22 && weekday != 7 ? g_date_time_ref (cursor)
                                                          : g_date_time_add_days (cursor, -1);
              GDateTime *shift_end = g_date_time_new (tz, g_date_time_get_year (day),
                                                      g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day),
                                                      21, 58, 0.0);
              g_date_time_unref (day);
              g_date_time_unref (cursor);
              cursor = shift_end;
              hour = g_date_time_get_hour (cursor);
              weekday = g_date_time_get_day_of_week (cursor);
            }
          g_array_index (times, gint64, --index) = g_date_time_to_unix (cursor) * G_USEC_PER_SEC;
        }
      /* Changeover: set-up, first-off approval. */
      {
        GDateTime *earlier = g_date_time_add_minutes (cursor, -40);
        g_date_time_unref (cursor);
        cursor = earlier;
      }
    }
  return times;
}

static double
characteristic_value (GRand                    *rand,
                      const DemoCharacteristic *dc,
                      guint                     lot_index,
                      guint                     n_lots,
                      double                    progress)   /* 0..1 through the lot */
{
  double mean = dc->mean;
  double x;

  switch (dc->process)
    {
    case PROCESS_DRIFT:
      /* Tool wear in the last two lots: up to three sigma over a lot. */
      if (lot_index + 2 >= n_lots)
        mean += dc->sigma * (lot_index + 2 == n_lots ? 1.2 : 3.0) * progress;
      x = mean + dc->sigma * normal (rand);
      break;
    case PROCESS_SHIFT:
      if (lot_index >= 2)
        mean += 1.6 * dc->sigma;
      x = mean + dc->sigma * normal (rand);
      break;
    case PROCESS_SKEWED:
      /* Lognormal with the given mean and spread: never negative, long right tail. */
      {
        double s2 = log (1.0 + (dc->sigma * dc->sigma) / (dc->mean * dc->mean));
        double mu = log (dc->mean) - s2 / 2.0;
        x = exp (mu + sqrt (s2) * normal (rand));
      }
      break;
    case PROCESS_NORMAL:
    default:
      x = mean + dc->sigma * normal (rand);
      break;
    }
  /* Gauges report what they display. */
  return round (x * pow (10, dc->decimals + 1)) / pow (10, dc->decimals + 1);
}

static gboolean
in_spec (const DemoCharacteristic *dc,
         double                    value)
{
  return !(!isnan (dc->lsl) && value < dc->lsl) && !(!isnan (dc->usl) && value > dc->usl);
}

static gboolean
insert_history (LcStore     *store,
                GPtrArray   *parts,
                gint64      *operator_ids,
                gint64       now,
                GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  guint n_lots = DEMO_LOTS_PER_PART * G_N_ELEMENTS (demo_parts);
  g_autofree guint *lot_sizes = g_new0 (guint, n_lots);
  g_autoptr(GArray) times = NULL;
  guint index = 0;

  /* Lots of the three part types in turn: A-101, B-101, C-101, A-102, … */
  for (guint l = 0; l < n_lots; l++)
    {
      const DemoPart *demo = &demo_parts[l % G_N_ELEMENTS (demo_parts)];
      lot_sizes[l] = demo->parts_per_lot - 20 + (guint) g_rand_int_range (rand, 0, 41);
    }
  times = plan_times (rand, now, n_lots, lot_sizes);

  for (guint l = 0; l < n_lots; l++)
    {
      guint p = l % G_N_ELEMENTS (demo_parts);
      guint lot_index = l / G_N_ELEMENTS (demo_parts);
      const DemoPart *demo = &demo_parts[p];
      LcPartType *part = g_ptr_array_index (parts, p);
      GListModel *characteristics = lc_part_type_get_characteristics (part);
      GListModel *defect_classes = lc_part_type_get_defect_classes (part);
      g_autofree char *lot_code = g_strdup_printf ("%c-%03u", demo->lot_letter, 101 + lot_index);
      gboolean dented_lot = p == 1 && lot_index == DEMO_DENTED_LOT_INDEX;
      g_autoptr(LcDefectClass) dent = g_list_model_get_item (defect_classes, 0);
      gint64 operator_id = operator_ids[lot_index % 2];
      gint64 lot_id;
      sqlite3_stmt *stmt;

      stmt = lc_store_prepare (store,
                               "INSERT INTO lot (part_type_id, code, started_at, ended_at) VALUES (?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
      sqlite3_bind_text (stmt, 2, lot_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_array_index (times, gint64, index));
      sqlite3_bind_int64 (stmt, 4, g_array_index (times, gint64, index + lot_sizes[l] - 1));
      if (!lc_store_step_done (store, stmt, error))
        return FALSE;
      lot_id = lc_store_last_insert_id (store);

      for (guint k = 0; k < lot_sizes[l]; k++, index++)
        {
          gint64 at = g_array_index (times, gint64, index);
          g_autofree char *serial = g_strdup_printf ("%s-%04u", lot_code, k + 1);
          gint64 defect_class_id = 0;
          gboolean all_in_spec = TRUE;
          gint64 inspection_id;
          guint n_chars = g_list_model_get_n_items (characteristics);
          double values[8];

          for (guint c = 0; c < n_chars; c++)
            {
              values[c] = characteristic_value (rand, &demo->characteristics[c], lot_index,
                                                DEMO_LOTS_PER_PART, (double) k / lot_sizes[l]);
              all_in_spec = all_in_spec && in_spec (&demo->characteristics[c], values[c]);
            }

          /* Two in three parts of the dented lot carry the dent; elsewhere defects are rare
           * and scattered. */
          if (dented_lot && g_rand_double (rand) < 0.66)
            defect_class_id = lc_defect_class_get_id (dent);
          else
            for (guint d = 0; d < demo->n_defect_classes && defect_class_id == 0; d++)
              if (g_rand_double (rand) < demo->defect_classes[d].rate)
                {
                  g_autoptr(LcDefectClass) dc = g_list_model_get_item (defect_classes, d);
                  defect_class_id = lc_defect_class_get_id (dc);
                }

          stmt = lc_store_prepare (store,
                                   "INSERT INTO inspection (part_type_id, lot_id, serial, operator_id, station,"
                                   " started_at, recorded_at, verdict, decided_by, defect_class_id)"
                                   " VALUES (?, ?, ?, ?, 'Bench 1', ?, ?, ?, 'operator', ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
          sqlite3_bind_int64 (stmt, 2, lot_id);
          sqlite3_bind_text (stmt, 3, serial, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 4, operator_id);
          sqlite3_bind_int64 (stmt, 5, at - 25 * G_USEC_PER_SEC);
          sqlite3_bind_int64 (stmt, 6, at);
          sqlite3_bind_text (stmt, 7, all_in_spec && defect_class_id == 0 ? "pass" : "fail", -1, SQLITE_STATIC);
          lc_store_bind_id_or_null (stmt, 8, defect_class_id);
          if (!lc_store_step_done (store, stmt, error))
            return FALSE;
          inspection_id = lc_store_last_insert_id (store);

          for (guint c = 0; c < n_chars; c++)
            {
              g_autoptr(LcCharacteristic) characteristic = g_list_model_get_item (characteristics, c);
              char raw[G_ASCII_DTOSTR_BUF_SIZE];

              stmt = lc_store_prepare (store,
                                       "INSERT INTO measurement (inspection_id, characteristic_id, value, raw,"
                                       " measured_at) VALUES (?, ?, ?, ?, ?)", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, inspection_id);
              sqlite3_bind_int64 (stmt, 2, lc_characteristic_get_id (characteristic));
              sqlite3_bind_double (stmt, 3, values[c]);
              sqlite3_bind_text (stmt, 4, g_ascii_dtostr (raw, sizeof raw, values[c]), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 5, at - 10 * G_USEC_PER_SEC);
              if (!lc_store_step_done (store, stmt, error))
                return FALSE;

              if (!in_spec (&demo->characteristics[c], values[c]))
                {
                  g_autofree char *message =
                    g_strdup_printf (_("%s out of specification: %s %s (part %s)"),
                                     lc_characteristic_get_name (characteristic), raw,
                                     lc_characteristic_get_unit (characteristic), serial);
                  stmt = lc_store_prepare (store,
                                           "INSERT INTO event (kind, part_type_id, characteristic_id,"
                                           " inspection_id, measurement_id, message, created_at)"
                                           " VALUES ('out-of-spec', ?, ?, ?, ?, ?, ?)", error);
                  if (stmt == NULL)
                    return FALSE;
                  sqlite3_bind_int64 (stmt, 1, lc_part_type_get_id (part));
                  sqlite3_bind_int64 (stmt, 2, lc_characteristic_get_id (characteristic));
                  sqlite3_bind_int64 (stmt, 3, inspection_id);
                  sqlite3_bind_int64 (stmt, 4, lc_store_last_insert_id (store));
                  sqlite3_bind_text (stmt, 5, message, -1, SQLITE_TRANSIENT);
                  sqlite3_bind_int64 (stmt, 6, at);
                  if (!lc_store_step_done (store, stmt, error))
                    return FALSE;
                }
            }
        }
    }
  return TRUE;
}

/* The run-rule alarms the live system would have raised while the history was recorded (the
 * drift and the shift trip rules), judged by the statistics library as it judges each new
 * point, so that the demo's dashboard has real rule violations to acknowledge. */
static gboolean
raise_history_alarms (LcStore    *store,
                      GPtrArray  *parts,
                      GError    **error)
{
  for (guint p = 0; p < parts->len; p++)
    if (!lc_spc_alarms_evaluate_history (store, lc_part_type_get_id (g_ptr_array_index (parts, p)), NULL, error))
      return FALSE;
  return TRUE;
}

gboolean
lc_demo_seed (LcStore  *store,
              gint64    now,
              GError  **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 operator_ids[G_N_ELEMENTS (demo_operators)];
  gint64 actor_id;
  g_autofree char *actor_name = NULL;
  LcRole actor_role;
  gboolean ok;

  g_return_val_if_fail (LC_IS_STORE (store), FALSE);

  if (!lc_store_begin (store, error))
    return FALSE;
  /* The demo's admin sets the part types up, as on a real station: the audit trail says so. */
  actor_id = lc_store_get_actor_id (store);
  actor_name = g_strdup (lc_store_get_actor_name (store));
  actor_role = lc_store_get_actor_role (store);
  ok = create_operators (store, now, operator_ids, error);
  if (ok)
    {
      lc_store_set_actor (store, operator_ids[G_N_ELEMENTS (demo_operators) - 1],
                          demo_operators[G_N_ELEMENTS (demo_operators) - 1].name);
      lc_store_set_actor_role (store, LC_ROLE_ADMIN);
    }
  ok = ok && create_part_types (store, parts, error) &&
       insert_history (store, parts, operator_ids, now, error) &&
       raise_history_alarms (store, parts, error) &&
       _lc_demo_add_pictures (store, operator_ids[2], error) &&
       lc_store_commit (store, error);
  lc_store_set_actor (store, actor_id, actor_name);
  lc_store_set_actor_role (store, actor_role);
  if (!ok)
    {
      lc_store_rollback (store);
      return FALSE;
    }
  lc_store_notify_changed (store, "inspection", 0);
  return TRUE;
}

/* Setting up the demo's gauges, camera and vision models is an admin's work; the demo's
 * admin does it, and whoever was logged in before is logged in again afterwards. */
static gboolean
equip_bench_as_admin (LcStore  *store,
                      gboolean  with_models,
                      GError  **error)
{
  gint64 actor_id = lc_store_get_actor_id (store);
  g_autofree char *actor_name = g_strdup (lc_store_get_actor_name (store));
  LcRole actor_role = lc_store_get_actor_role (store);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = lc_store_prepare (store, "SELECT id, name FROM operator WHERE role = 'admin' AND active"
                                  " ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      lc_store_set_actor (store, sqlite3_column_int64 (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));
      lc_store_set_actor_role (store, LC_ROLE_ADMIN);
    }
  sqlite3_reset (stmt);
  ok = lc_demo_bench_equip (store, error) && (!with_models || lc_demo_add_models (store, error));
  lc_store_set_actor (store, actor_id, actor_name);
  lc_store_set_actor_role (store, actor_role);
  return ok;
}

LcStore *
lc_demo_open (const char  *path,
              GError     **error)
{
  g_autoptr(LcStore) store = lc_store_open (path, error);
  sqlite3_stmt *stmt;
  gboolean empty;

  if (store == NULL)
    return NULL;
  stmt = lc_store_prepare (store, "SELECT count(*) FROM part_type", error);
  if (stmt == NULL)
    return NULL;
  empty = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (empty && !lc_demo_seed (store, lc_store_now (), error))
    {
      g_prefix_error (error, _("Cannot create the demo database: "));
      return NULL;
    }
  /* A new demo trains its vision models once, as an admin would on the Label & Train page. */
  if (!equip_bench_as_admin (store, empty, error))
    {
      g_prefix_error (error, _("Cannot create the demo database: "));
      return NULL;
    }
  return g_steal_pointer (&store);
}

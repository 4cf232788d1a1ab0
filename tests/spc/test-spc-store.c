#include <math.h>

#include "lc-audit.h"
#include "lc-demo.h"
#include "lc-spc-alarms.h"
#include "lc-spc-dashboard.h"
#include "lc-spc-limits.h"
#include "lc-spc-series.h"
#include "../store/test-helpers.h"

/* A part type with one characteristic measured in subgroups of 5 (spec 9.9 … 10.1), two
 * lots, a lead and an operator. */
typedef struct
{
  StoreFixture base;
  gint64       part_id;
  gint64       characteristic_id;
  gint64       lot_a, lot_b;
  gint64       lead_id, operator_id;
  guint        n_inspections;
} Fixture;

static gint64
insert (LcStore    *store,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (lc_store_exec (store, sql, &error));
  g_assert_no_error (error);
  return lc_store_last_insert_id (store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sql = NULL;

  store_fixture_set_up (&f->base, data);
  f->part_id = insert (f->base.store, "INSERT INTO part_type (code, name, created_at, updated_at) VALUES ('P-1', 'Pin', 0, 0)");
  sql = g_strdup_printf ("INSERT INTO characteristic (part_type_id, name, lsl, usl, nominal, subgroup_size, rules)"
                         " VALUES (%" G_GINT64_FORMAT ", 'Length', 9.9, 10.1, 10.0, 5, 'nelson')", f->part_id);
  f->characteristic_id = insert (f->base.store, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO lot (part_type_id, code, started_at) VALUES (%" G_GINT64_FORMAT ", 'L-1', 0)", f->part_id);
  f->lot_a = insert (f->base.store, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO lot (part_type_id, code, started_at) VALUES (%" G_GINT64_FORMAT ", 'L-2', 0)", f->part_id);
  f->lot_b = insert (f->base.store, sql);
  f->lead_id = insert (f->base.store, "INSERT INTO operator (name, role, created_at) VALUES ('Li Na', 'lead', 0)");
  f->operator_id = insert (f->base.store, "INSERT INTO operator (name, role, created_at) VALUES ('Wang Wei', 'operator', 0)");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  store_fixture_tear_down (&f->base, data);
}

/* Records one inspection with one measurement @value at minute @n of the day. */
static gint64
record (Fixture *f,
        gint64   lot,
        double   value)
{
  g_autofree char *sql = NULL;
  gint64 inspection, at = (gint64) ++f->n_inspections * 60 * G_USEC_PER_SEC;

  sql = g_strdup_printf ("INSERT INTO inspection (part_type_id, lot_id, serial, operator_id, station, started_at,"
                         " recorded_at, verdict) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'S-%u', %"
                         G_GINT64_FORMAT ", 'Bench 1', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'pass')",
                         f->part_id, lot, f->n_inspections, f->operator_id, at, at);
  inspection = insert (f->base.store, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO measurement (inspection_id, characteristic_id, value, measured_at)"
                         " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %.6f, %" G_GINT64_FORMAT ")",
                         inspection, f->characteristic_id, value, at);
  insert (f->base.store, sql);
  return inspection;
}

/* Normal noise around 10.0 (σ = 0.02), the same on every run: an in-control process. */
static double
steady (guint i)
{
  static double noise[512];
  static gboolean ready;

  if (!ready)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (20402);
      for (guint j = 0; j < G_N_ELEMENTS (noise); j++)
        {
          /* Box-Muller. */
          double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
          noise[j] = sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);
        }
      ready = TRUE;
    }
  return 10.0 + 0.02 * noise[i % G_N_ELEMENTS (noise)];
}

/* Subgroups are consecutive inspections, superseded readings are left out, the unfinished
 * last subgroup waits, and each point carries its last inspection's time, lot, operator and
 * serial. Filters and last-N keep the same subgroup boundaries. */
static void
test_load_subgroups (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LcSpcSamples) all = NULL;
  g_autoptr(LcSpcSamples) last = NULL;
  g_autoptr(LcSpcSamples) lot_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const LcSpcPointInfo *info;
  LcSpcFilter filter;
  const double *v;
  guint n;

  for (guint i = 0; i < 23; i++)
    record (f, i < 10 ? f->lot_a : f->lot_b, 10.0 + i / 1000.0);
  /* Inspection 2 was re-measured: its first reading stays in the table, superseded. */
  sql = g_strdup_printf ("INSERT INTO measurement (inspection_id, characteristic_id, value, measured_at, superseded, reason)"
                         " VALUES (2, %" G_GINT64_FORMAT ", 99.0, 0, 1, 'gauge slipped')", f->characteristic_id);
  insert (f->base.store, sql);

  all = lc_spc_samples_load (f->base.store, f->characteristic_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_spc_samples_get_n_subgroups (all), ==, 4);
  v = lc_spc_samples_get_values (all, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (v[0], ==, 10.000);
  g_assert_cmpfloat (v[1], ==, 10.001);
  g_assert_cmpfloat (v[4], ==, 10.004);
  info = lc_spc_samples_get_info (all, 3);
  g_assert_cmpstr (info->lot, ==, "L-2");
  g_assert_cmpstr (info->operator_name, ==, "Wang Wei");
  g_assert_cmpstr (info->serial, ==, "S-20");
  g_assert_cmpstr (info->station, ==, "Bench 1");
  g_assert_cmpint (info->time, ==, 20 * 60 * G_USEC_PER_SEC);

  lc_spc_filter_init (&filter);
  filter.last_subgroups = 2;
  last = lc_spc_samples_load (f->base.store, f->characteristic_id, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_spc_samples_get_n_subgroups (last), ==, 2);
  v = lc_spc_samples_get_values (last, 0, &n);
  g_assert_cmpfloat (v[0], ==, 10.010);

  /* A reading superseded afterwards leaves the chart and moves the boundaries with it (the
   * count kept by migration 6's triggers follows). */
  insert (f->base.store, "UPDATE measurement SET superseded = 1, reason = 'typo' WHERE id = 1");
  g_clear_pointer (&all, lc_spc_samples_free);
  all = lc_spc_samples_load (f->base.store, f->characteristic_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_spc_samples_get_n_subgroups (all), ==, 4);
  v = lc_spc_samples_get_values (all, 0, &n);
  g_assert_cmpfloat (v[0], ==, 10.001);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT n FROM spc_measurement_count"), ==, 22);
  insert (f->base.store, "UPDATE measurement SET superseded = 0 WHERE id = 1");
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT n FROM spc_measurement_count"), ==, 23);

  lc_spc_filter_init (&filter);
  filter.lot_id = f->lot_b;
  lot_b = lc_spc_samples_load (f->base.store, f->characteristic_id, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_spc_samples_get_n_subgroups (lot_b), ==, 2);
  v = lc_spc_samples_get_values (lot_b, 0, &n);
  g_assert_cmpfloat (v[0], ==, 10.010);
}

/* Freezing records who and when and makes later charts Phase II against those limits; an
 * operator may not freeze; the change is in the audit trail. */
static void
test_freeze_limits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LcSpcChart) phase1 = NULL;
  g_autoptr(LcSpcChart) phase2 = NULL;
  g_autoptr(LcSpcLimits) limits = NULL;
  g_autoptr(LcSpcLimits) active = NULL;
  g_autoptr(GError) error = NULL;
  guint n_entries = 0;
  gint64 broken = -1;

  for (guint i = 0; i < 100; i++)
    record (f, f->lot_a, steady (i));
  phase1 = lc_spc_chart_load (f->base.store, f->characteristic_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (phase1->frozen);
  g_assert_cmpuint (phase1->n_points, ==, 20);
  limits = lc_spc_limits_new_from_chart (phase1);

  lc_store_set_actor (f->base.store, f->operator_id, "Wang Wei");
  g_assert_false (lc_spc_limits_freeze (f->base.store, f->characteristic_id, limits, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  lc_store_set_actor (f->base.store, f->lead_id, "Li Na");
  g_assert_true (lc_spc_limits_freeze (f->base.store, f->characteristic_id, limits, &error));
  g_assert_no_error (error);
  active = lc_spc_limits_load_active (f->base.store, f->characteristic_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (active);
  g_assert_cmpint (active->frozen_by, ==, f->lead_id);
  g_assert_cmpstr (active->frozen_by_name, ==, "Li Na");
  g_assert_cmpint (active->frozen_at, >, 0);
  g_assert_cmpint (active->kind, ==, LC_SPC_CHART_XBAR_R);
  g_assert_cmpfloat (active->ucl, ==, phase1->ucl);
  g_assert_cmpfloat (active->dispersion_ucl, ==, phase1->dispersion->ucl);

  /* The process moves up 0.05: Phase II points are judged against the frozen limits. */
  for (guint i = 0; i < 25; i++)
    record (f, f->lot_b, steady (i) + 0.05);
  phase2 = lc_spc_chart_load (f->base.store, f->characteristic_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (phase2->frozen);
  g_assert_cmpfloat (phase2->center, ==, phase1->center);
  g_assert_cmpfloat (phase2->ucl, ==, phase1->ucl);
  g_assert_false (phase2->points[0].phase1);
  g_assert_cmpuint (phase2->points[24].violations & LC_SPC_RULE_BIT (1), !=, 0);

  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT COUNT(*) FROM audit WHERE entity = 'control_limits' AND action = 'freeze'"), ==, 1);
  g_assert_true (lc_audit_verify (f->base.store, &n_entries, &broken, &error));
  g_assert_cmpint (broken, ==, 0);

  g_assert_true (lc_spc_limits_unfreeze (f->base.store, f->characteristic_id, &error));
  g_clear_pointer (&active, lc_spc_limits_free);
  active = lc_spc_limits_load_active (f->base.store, f->characteristic_id, &error);
  g_assert_no_error (error);
  g_assert_null (active);
}

/* Run rules evaluated as data arrives: an out-of-spec value gives an alarm at once; a shift
 * gives a rule alarm when the inspection that completes the subgroup is recorded; a second
 * call for the same inspection adds nothing; an alarm is acknowledged once. */
static void
test_alarms_as_data_arrives (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 inspection = 0, event_id;
  guint n_alarms = 0, total_rule = 0;

  for (guint i = 0; i < 100; i++)
    {
      inspection = record (f, f->lot_a, steady (i));
      g_assert_true (lc_spc_alarms_evaluate_inspection (f->base.store, inspection, &n_alarms, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_alarms, ==, 0);
    }

  inspection = record (f, f->lot_a, 10.2);
  g_assert_true (lc_spc_alarms_evaluate_inspection (f->base.store, inspection, &n_alarms, &error));
  g_assert_cmpuint (n_alarms, ==, 1);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT COUNT(*) FROM event WHERE kind = 'out-of-spec'"), ==, 1);
  g_assert_true (lc_spc_alarms_evaluate_inspection (f->base.store, inspection, &n_alarms, &error));
  g_assert_cmpuint (n_alarms, ==, 0);

  /* A 0.04 shift up (within spec): within a few subgroups the X̄ points go beyond 2σ. */
  for (guint i = 0; i < 4 + 50; i++)
    {
      inspection = record (f, f->lot_b, steady (i) + 0.04);
      g_assert_true (lc_spc_alarms_evaluate_inspection (f->base.store, inspection, &n_alarms, &error));
      g_assert_no_error (error);
      /* Only the inspection that completes a subgroup can raise a rule alarm. */
      if (n_alarms > 0)
        g_assert_cmpuint (f->n_inspections % 5, ==, 0);
      total_rule += n_alarms;
    }
  g_assert_cmpuint (total_rule, >, 0);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT COUNT(*) FROM event WHERE kind = 'spc-rule'"), ==, total_rule);

  event_id = lc_test_query_int (f->base.store, "SELECT MIN(id) FROM event WHERE kind = 'spc-rule'");
  lc_store_set_actor (f->base.store, f->lead_id, "Li Na");
  g_assert_true (lc_spc_alarm_acknowledge (f->base.store, event_id, "Tool changed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT acknowledged_by FROM event WHERE acknowledged_at IS NOT NULL"), ==, f->lead_id);
  g_assert_false (lc_spc_alarm_acknowledge (f->base.store, event_id, NULL, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND);
}

/* The rule alarms of a history recorded without the inspection page, evaluated afterwards,
 * are the ones the live evaluation raised as each inspection arrived: same inspections, same
 * rules and points, dated with the inspection. A second pass adds nothing. */
static void
test_alarms_history_replays_live (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;
  g_autofree char *replayed = NULL;
  g_autofree char *lot_b = NULL;
  const char *rule_alarms = "SELECT group_concat (inspection_id || ':' || detail, ' ') FROM"
                            " (SELECT inspection_id, detail FROM event WHERE kind = 'spc-rule'"
                            " ORDER BY inspection_id, detail)";
  guint n_alarms = 0, n_live;

  for (guint i = 0; i < 160; i++)
    {
      /* In control, then a 0.04 shift up (2σ) from the 100th part on. */
      gint64 inspection = record (f, i < 100 ? f->lot_a : f->lot_b, steady (i) + (i < 100 ? 0.0 : 0.04));
      g_assert_true (lc_spc_alarms_evaluate_inspection (f->base.store, inspection, NULL, &error));
      g_assert_no_error (error);
    }
  n_live = lc_test_query_int (f->base.store, "SELECT count(*) FROM event WHERE kind = 'spc-rule'");
  g_assert_cmpuint (n_live, >, 0);
  live = lc_test_query_text (f->base.store, rule_alarms);

  g_assert_true (lc_store_exec (f->base.store, "DELETE FROM event", &error));
  g_assert_true (lc_spc_alarms_evaluate_history (f->base.store, f->part_id, &n_alarms, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_alarms, ==, n_live);
  replayed = lc_test_query_text (f->base.store, rule_alarms);
  g_assert_cmpstr (replayed, ==, live);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT count(*) FROM event e JOIN inspection i"
                                                     " ON i.id = e.inspection_id WHERE e.created_at != i.recorded_at"), ==, 0);
  lot_b = g_strdup_printf ("SELECT count(*) FROM event e JOIN inspection i ON i.id = e.inspection_id"
                           " WHERE i.lot_id = %" G_GINT64_FORMAT, f->lot_b);
  g_assert_cmpint (lc_test_query_int (f->base.store, lot_b), ==, n_live);

  g_assert_true (lc_spc_alarms_evaluate_history (f->base.store, f->part_id, &n_alarms, &error));
  g_assert_cmpuint (n_alarms, ==, 0);
  g_assert_cmpint (lc_test_query_int (f->base.store, "SELECT count(*) FROM event"), ==, n_live);
}

static gint64
lot_rule_alarms (LcStore    *store,
                 const char *characteristic,
                 const char *lots)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM event e JOIN characteristic c"
                                          " ON c.id = e.characteristic_id JOIN inspection i ON i.id = e.inspection_id"
                                          " JOIN lot l ON l.id = i.lot_id WHERE e.kind = 'spc-rule'"
                                          " AND c.name = '%s' AND l.code IN (%s)", characteristic, lots);
  return lc_test_query_int (store, sql);
}

/* The demo: BSH-2040's Outer diameter drifts and its Bore diameter shifts from lot A-103;
 * the dashboard shows both as broken rules (or out of specification), with a Cpk. */
static void
test_dashboard_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-spc-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  g_autoptr(LcSpcDashboard) dashboard = NULL;
  gint64 part_id;
  gboolean saw_outer = FALSE, saw_bore = FALSE;

  g_assert_no_error (error);
  g_assert_true (lc_demo_seed (store, 1763899200LL * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  part_id = lc_test_query_int (store, "SELECT id FROM part_type WHERE code = '" LC_DEMO_BUSHING "'");
  dashboard = lc_spc_dashboard_compute (store, part_id, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dashboard->n_tiles, >=, 2);
  for (guint i = 0; i < dashboard->n_tiles; i++)
    {
      LcSpcTile *tile = &dashboard->tiles[i];
      g_test_message ("%s: %s, %u rule points, %u out of spec, Cpk %g", tile->name,
                      lc_spc_status_to_string (tile->status), tile->n_rule_points, tile->n_out_of_spec,
                      tile->capability != NULL ? tile->capability->cpk.value : NAN);
      if (g_str_equal (tile->name, "Outer diameter") || g_str_equal (tile->name, "Bore diameter"))
        {
          g_assert_cmpint (tile->status, >=, LC_SPC_STATUS_RULE_BROKEN);
          g_assert_cmpuint (tile->n_rule_points, >, 0);
          g_assert_nonnull (tile->capability);
          g_assert_true (isfinite (tile->capability->cpk.value));
          g_assert_cmpuint (tile->chart->n_points, ==, 100);
          saw_outer = saw_outer || g_str_equal (tile->name, "Outer diameter");
          saw_bore = saw_bore || g_str_equal (tile->name, "Bore diameter");
        }
    }
  g_assert_true (saw_outer && saw_bore);

  /* The demo's history carries the alarms the live system raised: the shift of the bore from
   * lot A-103 and the drift of the outer diameter in the last two lots. */
  g_assert_cmpint (lot_rule_alarms (store, "Bore diameter", "'A-101', 'A-102'"), ==, 0);
  g_assert_cmpint (lot_rule_alarms (store, "Bore diameter", "'A-103'"), >=, 10);
  g_assert_cmpint (lot_rule_alarms (store, "Outer diameter", "'A-101', 'A-102'"), <=, 2);
  g_assert_cmpint (lot_rule_alarms (store, "Outer diameter", "'A-104', 'A-105'"), >=, 20);
  g_clear_object (&store);
  lc_test_remove_tree (dir);
}

static void
dashboard_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LcSpcDashboard **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lc_spc_dashboard_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* The same off the main thread, from the database file. */
static void
test_dashboard_async (Fixture       *f,
                      gconstpointer  data)
{
  LcSpcDashboard *dashboard = NULL;

  for (guint i = 0; i < 60; i++)
    record (f, f->lot_a, steady (i));
  lc_spc_dashboard_compute_async (f->base.path, f->part_id, NULL, 25, NULL, dashboard_done, &dashboard);
  while (dashboard == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dashboard->n_tiles, ==, 1);
  g_assert_cmpint (dashboard->tiles[0].status, ==, LC_SPC_STATUS_IN_CONTROL);
  g_assert_cmpuint (dashboard->tiles[0].chart->n_points, ==, 12);
  lc_spc_dashboard_free (dashboard);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/spc/store/subgroups-in-inspection-order-without-superseded", Fixture, NULL,
              fixture_set_up, test_load_subgroups, fixture_tear_down);
  g_test_add ("/spc/store/freeze-limits-records-who-when-phase-two", Fixture, NULL,
              fixture_set_up, test_freeze_limits, fixture_tear_down);
  g_test_add ("/spc/store/alarms-evaluated-as-data-arrives", Fixture, NULL,
              fixture_set_up, test_alarms_as_data_arrives, fixture_tear_down);
  g_test_add ("/spc/store/alarms-history-replays-live-evaluation", Fixture, NULL,
              fixture_set_up, test_alarms_history_replays_live, fixture_tear_down);
  g_test_add_func ("/spc/store/dashboard-demo-drift-and-shift-break-rules", test_dashboard_demo);
  g_test_add ("/spc/store/dashboard-async", Fixture, NULL,
              fixture_set_up, test_dashboard_async, fixture_tear_down);
  return g_test_run ();
}

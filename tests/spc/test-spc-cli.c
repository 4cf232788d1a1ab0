#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "spc-test-data.h"

/* `linecheck-cli spc` on the shared data files gives the numbers of the library tests
 * (test-spc-charts.c and test-spc-capability.c say where each comes from). */

static char *
data_path (const char *file)
{
  return g_build_filename (g_getenv ("LC_DATASETS"), "spc", file, NULL);
}

/* Runs the CLI; returns its parsed JSON output when it succeeds, NULL otherwise with
 * @status and @err set. */
static JsonObject *
run_cli (const char * const *args,
         int                *status,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("LC_CLI"));
  g_ptr_array_add (argv, (char *) "spc");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--format");
  g_ptr_array_add (argv, (char *) "json");
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (*status != 0)
    return NULL;
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
run_ok (const char * const *args)
{
  g_autofree char *err = NULL;
  int status;
  JsonObject *root = run_cli (args, &status, &err);

  if (root == NULL)
    g_error ("linecheck-cli spc failed (%d): %s", status, err);
  return root;
}

static JsonObject *
point (JsonObject *chart,
       guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (chart, "points"), index - 1);
}

static gboolean
has_violation (JsonObject *p,
               gint64      rule)
{
  JsonArray *rules = json_object_get_array_member (p, "violations");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    if (json_array_get_int_element (rules, i) == rule)
      return TRUE;
  return FALSE;
}

static void
test_cli_xbar_r_capability (void)
{
  g_autofree char *file = data_path ("pistonrings.txt");
  const char *args[] = { "xbar-r", "--input", file, "--value", "diameter", "--subgroup", "sample",
                         "--phase1", "trial", "--lsl", "73.95", "--usl", "74.05", NULL };
  g_autoptr(JsonObject) root = run_ok (args);
  JsonObject *range = json_object_get_object_member (root, "range_chart");
  JsonObject *cap = json_object_get_object_member (root, "capability");
  JsonArray *cp_ci = json_object_get_array_member (json_object_get_object_member (cap, "ci"), "cp");

  assert_close (json_object_get_double_member (root, "center"), 74.001176, 1e-6);
  assert_close (json_object_get_double_member (root, "ucl"), 74.01430441, 1e-7);
  assert_close (json_object_get_double_member (root, "lcl"), 73.98804759, 1e-7);
  assert_close (json_object_get_double_member (root, "sigma"), 0.02276 / 2.325929, 1e-9);
  assert_close (json_object_get_double_member (range, "center"), 0.02276, 1e-9);
  assert_close (json_object_get_double_member (range, "ucl"), 0.048126, 1e-6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "points")), ==, 40);
  g_assert_cmpint (json_object_get_int_member (point (root, 37), "index"), ==, 37);
  g_assert_true (has_violation (point (root, 37), 1));
  g_assert_false (has_violation (point (root, 36), 1));
  assert_close (json_object_get_double_member (cap, "cp"), 1.703229, 1e-6);
  assert_close (json_object_get_double_member (cap, "cpk"), 1.663169, 1e-6);
  assert_close (json_object_get_double_member (cap, "ppk"), 1.616159, 1e-6);
  assert_close (json_object_get_double_member (cap, "cpm"), 1.6439142489, 1e-8);
  g_assert_cmpfloat (json_array_get_double_element (cp_ci, 0), <, 1.703229);
  g_assert_cmpfloat (json_array_get_double_element (cp_ci, 1), >, 1.703229);
}

static void
test_cli_xbar_s (void)
{
  g_autofree char *file = data_path ("pistonrings.txt");
  const char *args[] = { "xbar-s", "--input", file, "--value", "diameter", "--subgroup", "sample",
                         "--phase1", "trial", NULL };
  g_autoptr(JsonObject) root = run_ok (args);
  JsonObject *s = json_object_get_object_member (root, "s_chart");

  assert_close (json_object_get_double_member (root, "ucl"), 74.01436430, 1e-7);
  assert_close (json_object_get_double_member (s, "center"), 0.00924004, 1e-8);
  assert_close (json_object_get_double_member (s, "ucl"), 0.01930242, 1e-7);
}

static void
test_cli_attributes (void)
{
  g_autofree char *juice = data_path ("orangejuice.txt");
  g_autofree char *circuit = data_path ("circuit.txt");
  g_autofree char *computers = data_path ("pcmanufact.txt");
  g_autofree char *cloth = data_path ("dyedcloth.txt");
  const char *p_args[] = { "p", "--input", juice, "--value", "D", "--size", "size", "--phase1", "trial", NULL };
  const char *np_args[] = { "np", "--input", juice, "--value", "D", "--size", "size", "--phase1", "trial", NULL };
  const char *c_args[] = { "c", "--input", circuit, "--value", "x", "--phase1", "trial", NULL };
  const char *u_args[] = { "u", "--input", computers, "--value", "x", "--size", "size", NULL };
  const char *cloth_args[] = { "u", "--input", cloth, "--value", "x", "--size", "size", NULL };
  g_autoptr(JsonObject) p = run_ok (p_args);
  g_autoptr(JsonObject) np = run_ok (np_args);
  g_autoptr(JsonObject) c = run_ok (c_args);
  g_autoptr(JsonObject) u = run_ok (u_args);
  g_autoptr(JsonObject) u_var = run_ok (cloth_args);
  JsonArray *ucl;

  assert_close (json_object_get_double_member (p, "center"), 347.0 / 1500.0, 1e-12);
  assert_close (json_object_get_double_member (p, "ucl"), 0.4102391186, 1e-9);
  assert_close (json_object_get_double_member (p, "lcl"), 0.0524275481, 1e-9);
  g_assert_true (has_violation (point (p, 15), 1) && has_violation (point (p, 23), 1));
  assert_close (json_object_get_double_member (np, "ucl"), 20.51195592973692, 1e-9);
  assert_close (json_object_get_double_member (c, "center"), 516.0 / 26.0, 1e-12);
  assert_close (json_object_get_double_member (c, "ucl"), 33.2108605251, 1e-9);
  g_assert_true (has_violation (point (c, 6), 1) && has_violation (point (c, 20), 1));
  assert_close (json_object_get_double_member (u, "ucl"), 3.7938669480, 1e-9);
  /* Variable n: one centre line, limits per point. */
  assert_close (json_object_get_double_member (u_var, "center"), 153.0 / 107.5, 1e-12);
  ucl = json_object_get_array_member (u_var, "ucl");
  g_assert_cmpuint (json_array_get_length (ucl), ==, 10);
  assert_close (json_array_get_double_element (ucl, 2), 2.4158941913, 1e-9);
  assert_close (json_object_get_double_member (point (u_var, 2), "lcl"), 0.1578852000, 1e-9);
}

static void
test_cli_imr (void)
{
  g_autofree char *file = data_path ("viscosity.txt");
  const char *args[] = { "imr", "--input", file, "--value", "viscosity", "--phase1", "trial", "--sigma", "mr-bar", NULL };
  g_autoptr(JsonObject) root = run_ok (args);

  assert_close (json_object_get_double_member (root, "ucl"), 35.6104445710, 1e-8);
  assert_close (json_object_get_double_member (root, "lcl"), 32.5655554290, 1e-8);
  assert_close (json_object_get_double_member (json_object_get_object_member (root, "mr_chart"), "ucl"), 1.8705186206, 1e-6);
  g_assert_cmpstr (json_object_get_string_member (root, "sigma_method"), ==, "mr-bar");
  g_assert_true (has_violation (point (root, 4), 1));
}

/* Montgomery Table 9.1 written to a file the way a script would, then EWMA (λ 0.1, L 2.7) and
 * CUSUM (k 0.5, h 5) with the known σ = 1 and target 10 of Examples 9.1 and 9.2. */
static void
test_cli_ewma_cusum (void)
{
  static const double x[] = {
    9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34,
    9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84,
    10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
  };
  g_autoptr(GString) text = g_string_new ("obs,x\n");
  g_autofree char *dir = g_dir_make_tmp ("lc-spc-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "table-9-1.csv", NULL);
  const char *ewma_args[] = { "ewma", "--input", file, "--value", "x", "--lambda", "0.1", "--L", "2.7",
                              "--target", "10", "--sigma-value", "1", NULL };
  const char *cusum_args[] = { "cusum", "--input", file, "--value", "x", "--k", "0.5", "--h", "5",
                               "--target", "10", "--sigma-value", "1", NULL };
  g_autoptr(JsonObject) ewma = NULL;
  g_autoptr(JsonObject) cusum = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    g_string_append_printf (text, "%u,%.2f\n", i + 1, x[i]);
  g_assert_true (g_file_set_contents (file, text->str, -1, NULL));
  ewma = run_ok (ewma_args);
  cusum = run_ok (cusum_args);

  assert_close (json_object_get_double_member (point (ewma, 1), "value"), 9.945, 1e-9);
  assert_close (json_object_get_double_member (point (ewma, 29), "value"), 10.6468, 1e-4);
  assert_close (json_object_get_double_member (point (ewma, 29), "ucl"), 10.6187, 1e-4);
  g_assert_true (has_violation (point (ewma, 29), 1));
  g_assert_false (has_violation (point (ewma, 28), 1));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ewma, "ucl")), ==, 30);
  assert_close (json_object_get_double_member (point (cusum, 29), "upper"), 5.28, 1e-9);
  assert_close (json_object_get_double_member (point (cusum, 2), "lower"), 1.56, 1e-9);
  g_assert_true (has_violation (point (cusum, 29), 1));
  g_assert_false (has_violation (point (cusum, 28), 1));
  g_unlink (file);
  g_rmdir (dir);
}

/* A malformed file is refused with a message naming the line and the column. */
static void
test_cli_malformed_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-spc-cli-XXXXXX", NULL);
  g_autofree char *bad_number = g_build_filename (dir, "bad-number.txt", NULL);
  g_autofree char *short_row = g_build_filename (dir, "short-row.txt", NULL);
  const char *number_args[] = { "imr", "--input", bad_number, "--value", "viscosity", NULL };
  const char *row_args[] = { "imr", "--input", short_row, "--value", "viscosity", NULL };
  const char *column_args[] = { "imr", "--input", bad_number, "--value", "diameter", NULL };
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_file_set_contents (bad_number, "batch viscosity\n1 34.05\n2 34,40\n3 33.59\n", -1, NULL));
  g_assert_true (g_file_set_contents (short_row, "batch viscosity\n1 34.05\n2\n", -1, NULL));

  g_assert_null (run_cli (number_args, &status, &err));
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "Line 3"));
  g_assert_nonnull (strstr (err, "34,40"));
  g_assert_nonnull (strstr (err, "viscosity"));
  g_clear_pointer (&err, g_free);

  g_assert_null (run_cli (row_args, &status, &err));
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "Line 3 has 1 fields"));
  g_clear_pointer (&err, g_free);

  g_assert_null (run_cli (column_args, &status, &err));
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no column “diameter”"));

  g_unlink (bad_number);
  g_unlink (short_row);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spc/cli/xbar-r-piston-rings-with-capability", test_cli_xbar_r_capability);
  g_test_add_func ("/spc/cli/xbar-s-piston-rings", test_cli_xbar_s);
  g_test_add_func ("/spc/cli/p-np-c-u-textbook-limits", test_cli_attributes);
  g_test_add_func ("/spc/cli/imr-viscosity", test_cli_imr);
  g_test_add_func ("/spc/cli/ewma-cusum-montgomery-table-9-1", test_cli_ewma_cusum);
  g_test_add_func ("/spc/cli/malformed-input-names-the-line", test_cli_malformed_input);
  return g_test_run ();
}

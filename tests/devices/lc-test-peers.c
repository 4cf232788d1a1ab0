#include "lc-config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lc-test-peers.h"

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static char *
server_path (void)
{
  const char *build = g_getenv ("LC_BUILD_ROOT");

  g_assert_nonnull (build);
  return g_build_filename (build, "tests", "devices", "lc-test-modbus-server", NULL);
}

static LcTestServer *
start (GPtrArray *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  LcTestServer *self = g_new0 (LcTestServer, 1);
  g_autofree char *log_dir = g_dir_make_tmp ("lc-modbus-XXXXXX", &error);

  g_assert_no_error (error);
  self->log_path = g_build_filename (log_dir, "server.log", NULL);
  g_ptr_array_add (argv, g_strdup ("--log"));
  g_ptr_array_add (argv, g_strdup (self->log_path));
  g_ptr_array_add (argv, NULL);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  if (g_str_has_prefix (line, "PORT "))
    self->port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  else
    g_assert_cmpstr (line, ==, "READY");
  return self;
}

LcTestServer *
lc_test_server_start_tcp (guint              port,
                          const char *const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, server_path ());
  g_ptr_array_add (argv, g_strdup ("--tcp-port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  return start (argv);
}

LcTestServer *
lc_test_server_start_rtu (const char        *path,
                          const char *const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, server_path ());
  g_ptr_array_add (argv, g_strdup ("--rtu"));
  g_ptr_array_add (argv, g_strdup (path));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  return start (argv);
}

void
lc_test_server_kill (LcTestServer *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

char *
lc_test_server_read_log (LcTestServer *self)
{
  char *text = NULL;

  if (!g_file_get_contents (self->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

void
lc_test_server_free (LcTestServer *self)
{
  g_autofree char *dir = NULL;

  if (self == NULL)
    return;
  lc_test_server_kill (self);
  dir = g_path_get_dirname (self->log_path);
  g_unlink (self->log_path);
  g_rmdir (dir);
  g_free (self->log_path);
  g_free (self);
}

char *
lc_test_server_url (LcTestServer *self)
{
  return g_strdup_printf ("modbus+tcp://127.0.0.1:%u", self->port);
}

GArray *
lc_test_server_served (LcTestServer *self)
{
  g_autofree char *text = lc_test_server_read_log (self);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *served = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "served "))
      {
        guint v = (guint) g_ascii_strtoull (lines[i] + 7, NULL, 10);
        g_array_append_val (served, v);
      }
  return served;
}

LcTestPtyPair *
lc_test_pty_pair_new (void)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *end_a = NULL, *end_b = NULL;
  LcTestPtyPair *self = g_new0 (LcTestPtyPair, 1);

  self->dir = g_dir_make_tmp ("lc-pty-XXXXXX", &error);
  g_assert_no_error (error);
  self->a = g_build_filename (self->dir, "gauge", NULL);
  self->b = g_build_filename (self->dir, "linecheck", NULL);
  end_a = g_strdup_printf ("pty,raw,echo=0,link=%s", self->a);
  end_b = g_strdup_printf ("pty,raw,echo=0,link=%s", self->b);
  self->socat = g_subprocess_launcher_spawn (launcher, &error, "socat", end_a, end_b, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 500; i++)
    {
      if (g_file_test (self->a, G_FILE_TEST_EXISTS) && g_file_test (self->b, G_FILE_TEST_EXISTS))
        return self;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("socat did not make a pty pair within 5 s");
}

void
lc_test_pty_pair_free (LcTestPtyPair *self)
{
  if (self == NULL)
    return;
  if (self->socat != NULL)
    {
      g_subprocess_force_exit (self->socat);
      g_subprocess_wait (self->socat, NULL, NULL);
      g_object_unref (self->socat);
    }
  g_unlink (self->a);
  g_unlink (self->b);
  g_rmdir (self->dir);
  g_free (self->a);
  g_free (self->b);
  g_free (self->dir);
  g_free (self);
}

char *
lc_test_run_cli (const char *const  *args,
                 char              **stderr_text,
                 int                *exit_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, die_with_parent, NULL,
                &out, stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

gboolean
lc_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

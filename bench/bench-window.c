/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <adwaita.h>

#include "rc-application.h"
#include "rc-client-row.h"
#include "rc-i18n.h"
#include "rc-store.h"
#include "rc-window.h"

/* How long the app takes to show its window on a database, as a whole
 * process, against a bare libadwaita window timed in the same run.
 *
 *   xvfb-run -a _build/bench/bench-window [--rounds N] DATABASE
 *
 * Each sample is a child process, this program run again with a mode:
 *   bare       an AdwApplication with RcApplication's flags, showing an
 *              empty AdwApplicationWindow of the same size;
 *   titled     the same window with a header bar and its title, the least
 *              a libadwaita window shows (and the first text drawn, which
 *              loads the fonts an empty window never needs);
 *   app PATH   RcApplication, launched as `recovery-capital --database
 *              PATH` is, through its command line;
 * each calls _exit(0) right after its first frame is drawn, and is timed
 * from the spawn to its exit: linking, GTK's start-up and the D-Bus name
 * included, since a user waits for those too. The two kinds alternate,
 * which goes first changing every round, so that a drift of the
 * machine's speed falls on both. An app child whose first frame shows no
 * client rows fails the run: a window that drew its frame before
 * listing anyone would be quick for nothing.
 *
 * Last, a child (mode search) reports how long reading the search index
 * takes once the window is up: the app does that at idle, before anyone
 * can type. */

#define WINDOW_WIDTH 1100
#define WINDOW_HEIGHT 760

/* What the child does once its first frame is drawn. */
typedef enum
{
  MODE_BARE,
  MODE_APP,
  MODE_SEARCH,
} Mode;

static Mode mode;
static gboolean titled;

static guint
count_drawn_rows (GtkWidget *widget)
{
  guint n = RC_IS_CLIENT_ROW (widget) && gtk_widget_get_mapped (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_drawn_rows (child);
  return n;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (mode == MODE_BARE)
    _exit (0);

  if (count_drawn_rows (window) == 0)
    {
      g_printerr ("bench-window: the first frame showed no client rows\n");
      _exit (3);
    }
  if (mode == MODE_SEARCH)
    {
      RcApplication *application = RC_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
      gint64 begin = g_get_monotonic_time ();

      if (!rc_store_prepare_search (rc_application_get_store (application), NULL))
        _exit (4);
      g_print ("%.1f\n", (g_get_monotonic_time () - begin) / 1000.0);
      fflush (stdout);
    }
  _exit (0);
}

static void
window_mapped_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}

static int
bare_command_line_cb (GApplication            *application,
                      GApplicationCommandLine *command_line)
{
  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
bare_activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  if (titled)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *header = adw_header_bar_new ();

      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                       adw_window_title_new ("Recovery Capital", NULL));
      gtk_box_append (GTK_BOX (box), header);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *program,
           const char *kind,
           const char *application_id,
           const char *database)
{
  g_autoptr(GApplication) application = NULL;

  if (g_str_equal (kind, "bare") || g_str_equal (kind, "titled"))
    {
      titled = g_str_equal (kind, "titled");
      /* RcApplication's flags and session registration (see
       * rc_application_new()); only its window is left out. */
      mode = MODE_BARE;
      application = G_APPLICATION (g_object_new (ADW_TYPE_APPLICATION,
                                                 "application-id", application_id,
                                                 "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                                                 "register-session", TRUE,
                                                 NULL));
      g_signal_connect (application, "command-line", G_CALLBACK (bare_command_line_cb), NULL);
      g_signal_connect (application, "activate", G_CALLBACK (bare_activate_cb), NULL);
      g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
      return g_application_run (application, 1, (char *[]) { (char *) program, NULL });
    }

  mode = g_str_equal (kind, "search") ? MODE_SEARCH : MODE_APP;
  /* As main.c does. */
  signal (SIGXFSZ, SIG_IGN);
  rc_i18n_init ();
  application = G_APPLICATION (rc_application_new (NULL));
  g_application_set_application_id (application, application_id);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (application, 3,
                            (char *[]) { (char *) program, (char *) "--database",
                                         (char *) database, NULL });
}

/* Each child owns an application id of its own, the app's with a suffix:
 * both kinds stay unique applications, as the app is (asking the bus for
 * their name and handling the command line in the primary instance),
 * but a child never finds the name still held by the previous one, or
 * by a copy of the app running in the same session, and becomes a
 * remote instance that shows nothing. */
static char *
child_application_id (guint sample)
{
  return g_strdup_printf ("%s.Bench%d_%u", APP_ID, (int) getpid (), sample);
}

static double
timeval_ms (const struct timeval *time)
{
  return time->tv_sec * 1000.0 + time->tv_usec / 1000.0;
}

/* Milliseconds from spawning the child to its exit; @cpu_ms, the
 * processor time it used (all its threads, user and system), which a
 * busy machine changes less. */
static double
time_child (const char *program,
            const char *kind,
            const char *database,
            guint       sample,
            double     *cpu_ms)
{
  g_autofree char *id = child_application_id (sample);
  const char *argv[] = { program, "--child", kind, id, database, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;
  gint64 start = g_get_monotonic_time ();
  double wall_ms;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                      &error))
    g_error ("Cannot start %s: %s", program, error->message);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("Cannot wait for the child: %s", g_strerror (errno));
  wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-window: the %s child failed (status %d)\n", kind, status);
      exit (2);
    }
  if (cpu_ms != NULL)
    *cpu_ms = timeval_ms (&usage.ru_utime) + timeval_ms (&usage.ru_stime);
  return wall_ms;
}

static double
search_ready_ms (const char *program,
                 const char *database,
                 guint       sample)
{
  g_autofree char *id = child_application_id (sample);
  const char *argv[] = { program, "--child", "search", id, database, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error))
    g_error ("Cannot start %s: %s", program, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-window: the search child failed: %s\n", error->message);
      exit (2);
    }
  return g_ascii_strtod (output, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static void
report (const char *what,
        GArray     *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);
  g_print ("%-38s median %7.1f ms   min %7.1f   max %7.1f   (n=%u)\n", what, median (values),
           g_array_index (sorted, double, 0), g_array_index (sorted, double, sorted->len - 1),
           sorted->len);
}

/* The kinds of child, timed in turn each round. */
static const char * const kinds[] = { "bare", "titled", "app" };
enum { BARE, TITLED, APP, N_KINDS };

int
main (int    argc,
      char **argv)
{
  GArray *times[N_KINDS], *cpu[N_KINDS];
  g_autoptr(GArray) search_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *program = NULL;
  const char *database;
  guint rounds = 11;
  guint sample = 0;

  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[0], argv[2], argv[3], argc > 4 ? argv[4] : NULL);

  if (argc == 4 && g_str_equal (argv[1], "--rounds"))
    {
      rounds = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      argv += 2;
      argc -= 2;
    }
  if (argc != 2 || rounds == 0)
    {
      g_printerr ("usage: %s [--rounds N] DATABASE\n", argv[0]);
      return 1;
    }
  database = argv[1];
  if (!g_file_test (database, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("%s: no such database\n", database);
      return 1;
    }
  /* The children are this program again, wherever it was started from. */
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program == NULL)
    program = g_strdup (argv[0]);

  /* One of each first, not counted: the files they read come into the
   * page cache, and the session starts what a first window asks for
   * (the accessibility bus). */
  for (guint k = 0; k < N_KINDS; k++)
    {
      time_child (program, kinds[k], database, sample++, NULL);
      times[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* Which kind goes first turns each round, so that a drift of the
   * machine's speed falls on all. */
  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < N_KINDS; i++)
      {
        guint k = (i + round) % N_KINDS;
        double cpu_ms;
        double wall_ms = time_child (program, kinds[k], database, sample++, &cpu_ms);

        g_array_append_val (times[k], wall_ms);
        g_array_append_val (cpu[k], cpu_ms);
      }
  for (guint i = 0; i < 3; i++)
    g_array_append_vals (search_times, (double[]) { search_ready_ms (program, database,
                                                                     sample++) }, 1);

  g_print ("whole process, spawn to exit after the first frame, %u rounds:\n", rounds);
  report ("baseline: bare libadwaita window", times[BARE]);
  report ("baseline: the same with a header bar", times[TITLED]);
  report ("app window on the database", times[APP]);
  g_print ("ratio of the medians: %.2f to the bare window, %.2f to the one with a header bar\n",
           median (times[APP]) / median (times[BARE]),
           median (times[APP]) / median (times[TITLED]));
  report ("processor time, bare window", cpu[BARE]);
  report ("processor time, with a header bar", cpu[TITLED]);
  report ("processor time, app window", cpu[APP]);
  g_print ("ratio of the processor time medians: %.2f and %.2f\n",
           median (cpu[APP]) / median (cpu[BARE]), median (cpu[APP]) / median (cpu[TITLED]));
  g_print ("search index read after the first frame: median %.1f ms of %u (at idle, before "
           "typing)\n", median (search_times), search_times->len);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_array_unref (times[k]);
      g_array_unref (cpu[k]);
    }
  return 0;
}

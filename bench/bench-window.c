/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rc-application.h"
#include "rc-window.h"

/* How long the main window takes to appear on a database, from
 * activation to its first frame drawn with the client list filled, and
 * until the search index is ready for the first keystroke. Needs a
 * display: run it under xvfb-run on the database bench-search leaves,
 *   xvfb-run -a _build/bench/bench-window /tmp/bench.db
 * The baseline is the same window on an empty database, in the same run. */

static gint64 start;

static void
after_paint_cb (GdkFrameClock *clock,
                double        *frame_ms)
{
  if (*frame_ms < 0)
    *frame_ms = (g_get_monotonic_time () - start) / 1000.0;
}

/* From activation to the first frame drawn after the window is mapped. */
static double
time_window (RcApplication *application,
             const char    *database)
{
  double frame_ms = -1;
  GtkWindow *window;
  gulong handler;

  g_object_set (application, "database-path", database, NULL);
  start = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (application));
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (after_paint_cb), &frame_ms);
  while (frame_ms < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);
  return frame_ms;
}

static double
time_search_ready (RcApplication *application)
{
  gint64 begin = g_get_monotonic_time ();

  rc_store_prepare_search (rc_application_get_store (application), NULL);
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static void
close_windows (RcApplication *application)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (windows->data);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(RcApplication) application = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GError) error = NULL;
  double baseline, measured, search;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 1;
    }
  gtk_init ();
  adw_init ();
  tmpdir = g_dir_make_tmp ("rc-bench-XXXXXX", &error);
  g_assert_no_error (error);
  empty = g_build_filename (tmpdir, "empty.db", NULL);

  application = rc_application_new (NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* The first window of a process also loads the theme: not counted. */
  time_window (application, empty);
  close_windows (application);
  baseline = time_window (application, empty);
  close_windows (application);
  measured = time_window (application, argv[1]);
  search = time_search_ready (application);
  close_windows (application);

  g_print ("baseline: window on an empty database  %8.1f ms to first frame\n", baseline);
  g_print ("window on %s  %8.1f ms to first frame (ratio %.2f)\n", argv[1], measured,
           measured / baseline);
  g_print ("search index ready after a further      %8.1f ms (read at idle, before typing)\n",
           search);
  return 0;
}

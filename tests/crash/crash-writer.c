/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rc-core.h"
#include "rc-assessment-private.h"

#include "crash-content.h"

/* crash-writer DATABASE: saves drafts into DATABASE the way the app's
 * autosave does (rc-assessment-editor.c: rc_store_save_assessment() on
 * the open draft, its revision counting the saves; the store opened,
 * with a short busy timeout and the app's lock, as rc-application.c
 * does), as fast as it can, until it is killed. Each draft is completed
 * at its CRASH_CONTENT_COMPLETE_AT'th save and the next one begun, for a
 * new client every third time. A draft left by the last run is carried
 * on, as the app reopens it after a crash.
 *
 * Standard output, one line per event, each written with one write(2)
 * only once the store call that made it durable has returned:
 *   ready
 *   resume ASSESSMENT CLIENT REVISION    (a draft found as stored)
 *   client CLIENT CODE                   (a client committed)
 *   save ASSESSMENT CLIENT REVISION      (a save committed)
 * Nothing is buffered, so what the harness has read when it kills the
 * writer is exactly what the writer knew was committed. */

#define BUSY_TIMEOUT_MS 50
#define ASSESSMENTS_PER_CLIENT 3

typedef struct
{
  RcStore      *store;
  RcInstrument *instrument;
  RcClient     *client;
  RcAssessment *draft;
  guint         n_drafts;  /* begun by this run for client */
} Writer;

/* Exits when the harness is gone (EPIPE, if SIGPIPE is ignored), so a
 * writer never outlives it. */
static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gssize written;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  do
    written = write (STDOUT_FILENO, line, strlen (line));
  while (written < 0 && errno == EINTR);
  if (written != (gssize) strlen (line))
    _exit (2);
}

/* Clinic codes count up from the clients stored, so they are new even
 * for a client committed by a run killed before it reported it. */
static gboolean
add_client (Writer  *writer,
            GError **error)
{
  gint64 n_clients = rc_store_count_clients (writer->store, error);
  g_autofree char *code = NULL;
  g_autoptr(RcClient) client = NULL;

  if (n_clients < 0)
    return FALSE;
  code = g_strdup_printf ("CRASH-%06" G_GINT64_FORMAT, n_clients + 1);
  client = rc_client_new ();
  rc_client_set_clinic_code (client, code);
  rc_client_set_given_name (client, "Kill");
  rc_client_set_family_name (client, code);
  if (!rc_store_save_client (writer->store, client, error))
    return FALSE;
  report ("client %s %s\n", rc_client_get_uuid (client), code);
  g_set_object (&writer->client, client);
  writer->n_drafts = 0;
  return TRUE;
}

static gboolean
begin_draft (Writer  *writer,
             GError **error)
{
  if ((writer->client == NULL || writer->n_drafts == ASSESSMENTS_PER_CLIENT) &&
      !add_client (writer, error))
    return FALSE;
  writer->draft = rc_assessment_new (rc_client_get_uuid (writer->client), writer->instrument);
  writer->n_drafts++;
  return TRUE;
}

/* The revision after this save is the stored one plus one: the store
 * counts it the same way (save_assessment() in rc-store-assessments.c). */
static gboolean
save_next (Writer  *writer,
           GError **error)
{
  gint64 revision = rc_assessment_get_revision (writer->draft) + 1;

  crash_content_apply (writer->draft, writer->instrument, revision);
  if (!rc_store_save_assessment (writer->store, writer->draft, error))
    return FALSE;
  if (rc_assessment_get_revision (writer->draft) != revision)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_DATABASE,
                   "saved as revision %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                   rc_assessment_get_revision (writer->draft), revision);
      return FALSE;
    }
  report ("save %s %s %" G_GINT64_FORMAT "\n", rc_assessment_get_uuid (writer->draft),
          rc_assessment_get_client_uuid (writer->draft), revision);
  if (rc_assessment_get_status (writer->draft) == RC_ASSESSMENT_COMPLETE)
    g_clear_object (&writer->draft);
  return TRUE;
}

static gboolean
resume (Writer  *writer,
        GError **error)
{
  g_autoptr(GError) local_error = NULL;

  writer->draft = rc_store_load_latest_draft (writer->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (writer->draft == NULL)
    return TRUE;
  report ("resume %s %s %" G_GINT64_FORMAT "\n", rc_assessment_get_uuid (writer->draft),
          rc_assessment_get_client_uuid (writer->draft),
          rc_assessment_get_revision (writer->draft));
  writer->client = rc_store_find_client (writer->store,
                                         rc_assessment_get_client_uuid (writer->draft), error);
  writer->n_drafts = 1;
  return writer->client != NULL;
}

/* Saves until a save fails: returns only then, with @error set. */
static gboolean
run (const char  *path,
     GError     **error)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
  g_autoptr(RcStore) store = rc_store_open (path, catalog, error);
  Writer writer = { .store = store, .instrument = rc_instrument_catalog_get_default (catalog) };
  gboolean ok;

  if (store == NULL)
    return FALSE;
  rc_store_set_busy_timeout (store, BUSY_TIMEOUT_MS);
  if (!rc_store_hold_lock (store, error))
    return FALSE;
  report ("ready\n");

  ok = resume (&writer, error);
  while (ok)
    ok = (writer.draft != NULL || begin_draft (&writer, error)) && save_next (&writer, error);
  g_clear_object (&writer.draft);
  g_clear_object (&writer.client);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATABASE\n", argv[0]);
      return 1;
    }
  run (argv[1], &error);
  g_printerr ("%s: %s\n", argv[1], error->message);
  return 1;
}

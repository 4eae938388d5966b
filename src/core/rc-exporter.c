/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-exporter"

#include "config.h"

#include <unistd.h>

#include <libxml/xmlwriter.h>
#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-output-file.h"
#include "rc-scoring.h"
#include "rc-exporter.h"

/* Writes profiles as XML (docs/xml-format.md) with xmlTextWriter,
 * streaming: one client is in memory at a time. Output is deterministic:
 * the same data give the same bytes from the first <client> on. Files are
 * written through an RcOutputFile: whole or not at all, never over the
 * database. */

typedef struct
{
  xmlTextWriterPtr     writer;
  RcStore             *store;      /* used by the reading thread only */
  RcInstrumentCatalog *catalog;
  RcExportFlags        flags;
  const char * const  *clients;    /* UUIDs, or NULL for all */
  GBytes              *secret;     /* for pseudonyms */
  RcClient            *client;     /* with draft: these, not the store's */
  RcAssessment        *draft;
  RcProgress          *progress;   /* counts clients written */
} Export;

static gboolean
check (int      ret,
       GError **error)
{
  if (ret < 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("the XML could not be written"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_attribute (Export      *export,
                 const char  *name,
                 const char  *value,
                 GError     **error)
{
  if (value == NULL)
    return TRUE;
  return check (xmlTextWriterWriteAttribute (export->writer, (const xmlChar *) name,
                                             (const xmlChar *) value), error);
}

static gboolean
write_uint_attribute (Export      *export,
                      const char  *name,
                      guint        value,
                      GError     **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  return write_attribute (export, name, text, error);
}

static gboolean
write_decimal_attribute (Export      *export,
                         const char  *name,
                         const char  *format,
                         double       value,
                         GError     **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  return write_attribute (export, name, g_ascii_formatd (text, sizeof text, format, value), error);
}

static gboolean
write_element (Export      *export,
               const char  *name,
               const char  *text,
               GError     **error)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  return check (xmlTextWriterWriteElement (export->writer, (const xmlChar *) name,
                                           (const xmlChar *) text), error);
}

static gboolean
start_element (Export      *export,
               const char  *name,
               GError     **error)
{
  return check (xmlTextWriterStartElement (export->writer, (const xmlChar *) name), error);
}

static gboolean
end_element (Export  *export,
             GError **error)
{
  return check (xmlTextWriterEndElement (export->writer), error);
}

static gboolean
deidentify (Export *export)
{
  return (export->flags & RC_EXPORT_DEIDENTIFY) != 0;
}

/* A keyed hash of @value: stable for this database, irreversible without
 * its secret. */
static char *
pseudonym_hex (Export     *export,
               const char *kind,
               const char *value)
{
  gsize key_length;
  const guint8 *key = g_bytes_get_data (export->secret, &key_length);
  g_autofree char *message = g_strconcat (kind, ":", value, NULL);

  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, key, key_length, message, -1);
}

/* A UUID-shaped pseudonym, so that de-identified files keep their links. */
static char *
pseudonym_uuid (Export     *export,
                const char *uuid)
{
  g_autofree char *hex = NULL;

  if (uuid == NULL)
    return NULL;
  if (!deidentify (export))
    return g_strdup (uuid);
  hex = pseudonym_hex (export, "uuid", uuid);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static char *
pseudonym_code (Export   *export,
                RcClient *client)
{
  g_autofree char *hex = pseudonym_hex (export, "client", rc_client_get_uuid (client));
  g_autofree char *upper = g_ascii_strup (hex, 12);

  return g_strconcat ("P-", upper, NULL);
}

static gboolean
write_rating (Export        *export,
              RcAssessment  *assessment,
              guint          position,
              GError       **error)
{
  int score;
  const char *note, *goal;
  const char *key = rc_assessment_get_rating (assessment, position, &score, &note, &goal);

  /* The format has no "not rated yet": that is a draft's state on one
   * laptop, and whoever reads the file sees no level either way. */
  if (!start_element (export, "rating", error) ||
      !write_attribute (export, "factor", key, error) ||
      !(rc_score_is_missing (score)
          ? write_attribute (export, "not-assessed", "true", error)
          : write_uint_attribute (export, "score", (guint) score, error)))
    return FALSE;
  /* Free text can name people: a de-identified file has none. */
  if (!deidentify (export) &&
      (!write_element (export, "note", note, error) ||
       !write_element (export, "goal", goal, error)))
    return FALSE;
  return end_element (export, error);
}

/* The summary, marked as derived: readers recompute it. */
static gboolean
write_total (Export        *export,
             RcAssessment  *assessment,
             GError       **error)
{
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (export->catalog, assessment);
  RcScoreSummary summary;

  if (instrument == NULL)
    return TRUE;
  rc_score_assessment (assessment, instrument, &summary);
  return start_element (export, "total", error) &&
         write_attribute (export, "derived", "true", error) &&
         write_uint_attribute (export, "assessed", summary.n_assessed, error) &&
         write_uint_attribute (export, "missing", summary.n_missing, error) &&
         (summary.n_assessed == 0 ||
          write_decimal_attribute (export, "mean", "%.2f", summary.mean, error)) &&
         (!summary.has_total ||
          write_decimal_attribute (export, "value", "%.1f", summary.total, error)) &&
         end_element (export, error);
}

static gboolean
write_assessment (Export        *export,
                  RcAssessment  *assessment,
                  GError       **error)
{
  g_autofree char *uuid = pseudonym_uuid (export, rc_assessment_get_uuid (assessment));
  g_autofree char *supersedes = pseudonym_uuid (export, rc_assessment_get_supersedes (assessment));
  g_autofree char *assessor = NULL;
  const char *stored_assessor = rc_assessment_get_assessor (assessment);

  if (deidentify (export) && stored_assessor != NULL && *stored_assessor != '\0')
    {
      g_autofree char *hex = pseudonym_hex (export, "assessor", stored_assessor);

      assessor = g_strdup_printf ("A-%.8s", hex);
    }
  else if (!deidentify (export))
    assessor = g_strdup (stored_assessor);

  if (!start_element (export, "assessment", error) ||
      !write_attribute (export, "uuid", uuid, error) ||
      !write_attribute (export, "instrument", rc_assessment_get_instrument_id (assessment), error) ||
      !write_uint_attribute (export, "instrument-version",
                             rc_assessment_get_instrument_version (assessment), error) ||
      !write_attribute (export, "timepoint",
                        rc_timepoint_to_string (rc_assessment_get_timepoint (assessment)), error) ||
      !write_attribute (export, "date", rc_assessment_get_date (assessment), error) ||
      !write_attribute (export, "rater", rc_rater_to_string (rc_assessment_get_rater (assessment)),
                        error) ||
      !write_attribute (export, "status",
                        rc_assessment_status_to_string (rc_assessment_get_status (assessment)),
                        error) ||
      !write_uint_attribute (export, "version", rc_assessment_get_version (assessment), error) ||
      !write_attribute (export, "supersedes", supersedes, error) ||
      !write_attribute (export, "created", rc_assessment_get_created_at (assessment), error) ||
      !write_attribute (export, "updated", rc_assessment_get_updated_at (assessment), error) ||
      !write_attribute (export, "text-language", rc_assessment_get_text_language (assessment),
                        error) ||
      !write_element (export, "assessor", assessor, error) ||
      (!deidentify (export) &&
       !write_element (export, "amendment-reason", rc_assessment_get_amendment_reason (assessment),
                       error)))
    return FALSE;

  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    if (!write_rating (export, assessment, i, error))
      return FALSE;
  return write_total (export, assessment, error) && end_element (export, error);
}

static gboolean
write_identity (Export    *export,
                RcClient  *client,
                GError   **error)
{
  const char *birth_date = rc_client_get_birth_date (client);
  g_autofree char *code = NULL;
  g_autofree char *birth_year = NULL;

  if (!deidentify (export))
    return write_element (export, "clinic-code", rc_client_get_clinic_code (client), error) &&
           write_element (export, "given-name", rc_client_get_given_name (client), error) &&
           write_element (export, "family-name", rc_client_get_family_name (client), error) &&
           write_element (export, "birth-date", birth_date, error);

  code = pseudonym_code (export, client);
  if (birth_date != NULL)
    birth_year = g_strndup (birth_date, 4);
  return write_element (export, "clinic-code", code, error) &&
         write_element (export, "birth-year", birth_year, error);
}

static gboolean
write_client (Export     *export,
              RcClient   *client,
              GPtrArray  *assessments,
              GError    **error)
{
  g_autofree char *uuid = pseudonym_uuid (export, rc_client_get_uuid (client));

  if (!start_element (export, "client", error) ||
      !write_attribute (export, "uuid", uuid, error) ||
      !write_attribute (export, "created", rc_client_get_created_at (client), error) ||
      !write_attribute (export, "updated", rc_client_get_updated_at (client), error) ||
      !write_identity (export, client, error))
    return FALSE;
  for (guint i = 0; i < assessments->len; i++)
    if (!write_assessment (export, g_ptr_array_index (assessments, i), error))
      return FALSE;
  return end_element (export, error);
}

/* Reading the store and writing the XML take about half of an export
 * each, so a thread reads the next clients while this one writes. They
 * meet in a queue of at most QUEUE_LENGTH batches of BATCH_LENGTH
 * clients, so memory stays bounded; handing over one client at a time
 * cost more in waking threads than it saved. */
#define BATCH_LENGTH 64
#define QUEUE_LENGTH 2

typedef struct
{
  RcClient  *client;
  GPtrArray *assessments;
} Profile;

static void
profile_free (gpointer data)
{
  Profile *profile = data;

  g_object_unref (profile->client);
  g_ptr_array_unref (profile->assessments);
  g_free (profile);
}

typedef struct
{
  RcStore            *store;
  const char * const *clients;
  GPtrArray          *batch;    /* being filled by the reader */
  GMutex              mutex;
  GCond               changed;
  GQueue              batches;  /* of Profile arrays */
  GQueue              written;  /* batches back from the writer */
  gboolean            read_all;
  gboolean            stopped;  /* by the writer, after an error */
  GError             *error;    /* the reader's */
} Reader;

/* Queues the batch being filled, waiting for room; FALSE once stopped.
 * Batches come back to be freed here, in the thread that allocated them:
 * freeing them in the writing thread made the two contend for malloc's
 * locks and took as long as it saved. */
static gboolean
send_batch (Reader *reader)
{
  GQueue written;
  gboolean sent;

  g_mutex_lock (&reader->mutex);
  while (reader->batches.length >= QUEUE_LENGTH && !reader->stopped)
    g_cond_wait (&reader->changed, &reader->mutex);
  sent = !reader->stopped;
  if (sent)
    g_queue_push_tail (&reader->batches, g_steal_pointer (&reader->batch));
  g_cond_broadcast (&reader->changed);
  written = reader->written;
  g_queue_init (&reader->written);
  g_mutex_unlock (&reader->mutex);

  g_queue_clear_full (&written, (GDestroyNotify) g_ptr_array_unref);
  return sent;
}

static void
give_back (Reader    *reader,
           GPtrArray *batch)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&reader->mutex);

  g_queue_push_tail (&reader->written, batch);
}

static gboolean
queue_profile_cb (RcClient   *client,
                  GPtrArray  *assessments,
                  gpointer    user_data,
                  GError    **error)
{
  Reader *reader = user_data;
  Profile *profile = g_new (Profile, 1);

  profile->client = g_object_ref (client);
  profile->assessments = g_ptr_array_ref (assessments);
  if (reader->batch == NULL)
    reader->batch = g_ptr_array_new_full (BATCH_LENGTH, profile_free);
  g_ptr_array_add (reader->batch, profile);
  if (reader->batch->len == BATCH_LENGTH && !send_batch (reader))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("the export stopped"));
      return FALSE;
    }
  return TRUE;
}

static gpointer
read_profiles_thread (gpointer data)
{
  Reader *reader = data;
  GError *error = NULL;

  if (rc_store_foreach_profile (reader->store, reader->clients, queue_profile_cb, reader, &error) &&
      reader->batch != NULL)
    send_batch (reader);
  g_mutex_lock (&reader->mutex);
  reader->read_all = TRUE;
  reader->error = error;
  g_cond_broadcast (&reader->changed);
  g_mutex_unlock (&reader->mutex);
  return NULL;
}

/* The next batch of clients read, or %NULL once all have been. */
static GPtrArray *
next_batch (Reader *reader)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&reader->mutex);
  GPtrArray *batch;

  while (g_queue_is_empty (&reader->batches) && !reader->read_all)
    g_cond_wait (&reader->changed, &reader->mutex);
  batch = g_queue_pop_head (&reader->batches);
  g_cond_broadcast (&reader->changed);
  return batch;
}

static void
stop_reading (Reader *reader)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&reader->mutex);

  reader->stopped = TRUE;
  g_cond_broadcast (&reader->changed);
}

static gboolean
write_batch (Export     *export,
             GPtrArray  *batch,
             GError    **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      Profile *profile = g_ptr_array_index (batch, i);

      if (!rc_progress_check (export->progress, error) ||
          !write_client (export, profile->client, profile->assessments, error))
        return FALSE;
      if (export->progress != NULL)
        rc_progress_add_done (export->progress, 1);
    }
  return TRUE;
}

/* While this runs, only the reading thread uses the store. */
static gboolean
write_clients (Export  *export,
               GError **error)
{
  Reader reader = { export->store, export->clients };
  GThread *thread;
  gboolean ok;

  g_mutex_init (&reader.mutex);
  g_cond_init (&reader.changed);
  g_queue_init (&reader.batches);
  g_queue_init (&reader.written);
  thread = g_thread_try_new ("rc-export-read", read_profiles_thread, &reader, error);
  ok = thread != NULL;

  while (ok)
    {
      GPtrArray *batch = next_batch (&reader);

      if (batch == NULL)
        break;
      ok = write_batch (export, batch, error);
      give_back (&reader, batch);
    }
  if (thread != NULL)
    {
      if (!ok)
        stop_reading (&reader);
      g_thread_join (thread);
    }

  g_clear_pointer (&reader.batch, g_ptr_array_unref);
  g_queue_clear_full (&reader.batches, (GDestroyNotify) g_ptr_array_unref);
  g_queue_clear_full (&reader.written, (GDestroyNotify) g_ptr_array_unref);
  g_cond_clear (&reader.changed);
  g_mutex_clear (&reader.mutex);
  if (ok && reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return FALSE;
    }
  g_clear_error (&reader.error);
  return ok;
}

static gboolean
write_document (Export  *export,
                GError **error)
{
  g_autofree char *now = rc_timestamp_now ();

  if (!check (xmlTextWriterSetIndent (export->writer, 1), error) ||
      !check (xmlTextWriterSetIndentString (export->writer, (const xmlChar *) "  "), error) ||
      !check (xmlTextWriterStartDocument (export->writer, NULL, "UTF-8", NULL), error) ||
      !check (xmlTextWriterStartElementNS (export->writer, NULL, (const xmlChar *) "profiles",
                                           (const xmlChar *) RC_PROFILE_NAMESPACE), error) ||
      !write_attribute (export, "format-version", RC_PROFILE_FORMAT_VERSION, error) ||
      !write_attribute (export, "program-version", PACKAGE_VERSION, error) ||
      !write_attribute (export, "exported-at", now, error) ||
      !write_attribute (export, "mode", deidentify (export) ? "deidentified" : "identified", error))
    return FALSE;
  if (export->client != NULL)
    {
      g_autoptr(GPtrArray) assessments = g_ptr_array_new ();

      g_ptr_array_add (assessments, export->draft);
      if (!write_client (export, export->client, assessments, error))
        return FALSE;
    }
  else if (!write_clients (export, error))
    return FALSE;
  return check (xmlTextWriterEndDocument (export->writer), error) &&
         check (xmlTextWriterFlush (export->writer), error);
}

static void
ignore_xml_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
}

/* Writes through @output; returns the writer's success. libxml2 would
 * print a line of its own on a failed write: the caller's error says it. */
static gboolean
export_to_output (Export             *export,
                  xmlOutputBufferPtr  output,
                  GError            **error)
{
  xmlStructuredErrorFunc previous_handler = xmlStructuredError;
  void *previous_data = xmlStructuredErrorContext;
  gboolean ok;

  if (output == NULL)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("out of memory"));
      return FALSE;
    }
  xmlSetStructuredErrorFunc (NULL, ignore_xml_error_cb);
  export->writer = xmlNewTextWriter (output);
  ok = write_document (export, error);
  xmlFreeTextWriter (export->writer);
  export->writer = NULL;
  xmlSetStructuredErrorFunc (previous_data, previous_handler);
  return ok;
}

static int
write_output_cb (void       *context,
                 const char *buffer,
                 int         length)
{
  return rc_output_file_write (context, buffer, (gsize) length) ? length : -1;
}

/* Through an RcOutputFile: never half a file, never the database. */
static gboolean
export_to_path (Export      *export,
                const char  *path,
                GError     **error)
{
  g_auto(GStrv) database = rc_output_file_database_paths (rc_store_get_path (export->store));
  g_autoptr(RcOutputFile) output = NULL;
  g_autoptr(GError) local_error = NULL;

  output = rc_output_file_new (path, (const char * const *) database, error);
  if (output == NULL)
    return FALSE;
  if (!export_to_output (export, xmlOutputBufferCreateIO (write_output_cb, NULL, output, NULL),
                         &local_error))
    {
      /* A failed write is told by the file, with its cause; anything else
       * by the writer. Cancelled, the file is not made. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (!rc_output_file_write_failed (output, error))
        g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return rc_output_file_commit (output, error);
}

static gboolean
set_total_clients (RcStore             *store,
                   const char * const  *clients,
                   RcProgress          *progress,
                   GError             **error)
{
  gint64 count = clients != NULL ? g_strv_length ((char **) clients)
                                 : rc_store_count_clients (store, error);

  if (count < 0)
    return FALSE;
  rc_progress_set_total (progress, (gsize) count);
  return TRUE;
}

/**
 * rc_export_profiles:
 * @clients: (nullable) (array zero-terminated=1): UUIDs of the clients to
 *   export, or %NULL for every client
 * @path: the file to write, or "-" for standard output
 * @progress: (nullable): counts the clients written; once cancelled, the
 *   export stops with %G_IO_ERROR_CANCELLED and leaves no file
 *
 * Exports clients with all their assessments. With
 * %RC_EXPORT_DEIDENTIFY, names, notes, goals and reasons are left out and
 * codes, assessors and UUIDs are replaced by keyed pseudonyms. A @path
 * that is the store's database, its journal or a backup, under any name,
 * is refused with %RC_ERROR_INVALID before anything is written.
 */
gboolean
rc_export_profiles (RcStore             *store,
                    const char * const  *clients,
                    RcExportFlags        flags,
                    const char          *path,
                    RcProgress          *progress,
                    GError             **error)
{
  g_autoptr(GBytes) secret = NULL;
  Export export = { NULL, store, rc_store_get_catalog (store), flags, clients, NULL,
                    .progress = progress };

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (progress == NULL || RC_IS_PROGRESS (progress), FALSE);

  if (progress != NULL && !set_total_clients (store, clients, progress, error))
    return FALSE;

  if (flags & RC_EXPORT_DEIDENTIFY)
    {
      secret = rc_store_dup_secret (store, error);
      if (secret == NULL)
        return FALSE;
      export.secret = secret;
    }

  if (g_str_equal (path, "-"))
    return export_to_output (&export, xmlOutputBufferCreateFd (STDOUT_FILENO, NULL), error);
  return export_to_path (&export, path, error);
}

/**
 * rc_export_draft:
 * @client: the client of @draft
 * @draft: an assessment as it is in memory, stored or not
 * @path: the file to write
 *
 * Writes a profile file of @client with @draft alone, for when the
 * database cannot take the draft: importing the file later stores it.
 * Like every export, the file is readable by its owner only.
 */
gboolean
rc_export_draft (RcStore       *store,
                 RcClient      *client,
                 RcAssessment  *draft,
                 const char    *path,
                 GError       **error)
{
  Export export = { NULL, store, rc_store_get_catalog (store), RC_EXPORT_NONE, NULL, NULL,
                    client, draft };

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (draft), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_to_path (&export, path, error);
}

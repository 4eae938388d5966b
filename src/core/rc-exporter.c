/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-exporter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-scoring.h"
#include "rc-exporter.h"

/* Writes profiles as XML (docs/xml-format.md) with xmlTextWriter,
 * streaming: one client is in memory at a time. Output is deterministic:
 * the same data give the same bytes from the first <client> on. A file is
 * written beside its final name and renamed into place only when complete,
 * so a crash never leaves half a file under that name. */

typedef struct
{
  xmlTextWriterPtr    writer;
  RcStore            *store;
  RcExportFlags       flags;
  const char * const *clients;    /* UUIDs, or NULL for all */
  GBytes             *secret;     /* for pseudonyms */
  guint               n_written;
} Export;

static gboolean
check (int      ret,
       GError **error)
{
  if (ret < 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "the XML could not be written");
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

  if (!start_element (export, "rating", error) ||
      !write_attribute (export, "factor", key, error) ||
      !(score == RC_SCORE_NOT_ASSESSED
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
  RcInstrument *instrument =
    rc_instrument_catalog_lookup (rc_store_get_catalog (export->store),
                                  rc_assessment_get_instrument_id (assessment),
                                  rc_assessment_get_instrument_version (assessment));
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
write_client_cb (RcClient   *client,
                 GPtrArray  *assessments,
                 gpointer    user_data,
                 GError    **error)
{
  Export *export = user_data;
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
  export->n_written++;
  return end_element (export, error);
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
  if (!rc_store_foreach_profile (export->store, export->clients, write_client_cb, export, error))
    return FALSE;
  return check (xmlTextWriterEndDocument (export->writer), error) &&
         check (xmlTextWriterFlush (export->writer), error);
}

/* Writes into @fd; returns the writer's success. */
static gboolean
export_to_fd (Export   *export,
              int       fd,
              GError  **error)
{
  xmlOutputBufferPtr output = xmlOutputBufferCreateFd (fd, NULL);
  gboolean ok;

  if (output == NULL)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "out of memory");
      return FALSE;
    }
  export->writer = xmlNewTextWriter (output);
  ok = write_document (export, error);
  xmlFreeTextWriter (export->writer);
  export->writer = NULL;
  return ok;
}

static gboolean
export_to_path (Export      *export,
                const char  *path,
                GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", directory, base);
  g_autoptr(GError) local_error = NULL;
  int fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: cannot be written: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  ok = export_to_fd (export, fd, &local_error) && fsync (fd) == 0;
  if (close (fd) != 0)
    ok = FALSE;
  if (ok && g_rename (template, path) != 0)
    ok = FALSE;
  if (!ok)
    {
      int saved_errno = errno;

      g_unlink (template);
      if (local_error != NULL)
        g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: %s", path, local_error->message);
      else
        g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: cannot be written: %s", path,
                     g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * rc_export_profiles:
 * @clients: (nullable) (array zero-terminated=1): UUIDs of the clients to
 *   export, or %NULL for every client
 * @path: the file to write, or "-" for standard output
 *
 * Exports clients with all their assessments. With
 * %RC_EXPORT_DEIDENTIFY, names, notes, goals and reasons are left out and
 * codes, assessors and UUIDs are replaced by keyed pseudonyms.
 */
gboolean
rc_export_profiles (RcStore             *store,
                    const char * const  *clients,
                    RcExportFlags        flags,
                    const char          *path,
                    GError             **error)
{
  g_autoptr(GBytes) secret = NULL;
  Export export = { NULL, store, flags, clients, NULL, 0 };

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (flags & RC_EXPORT_DEIDENTIFY)
    {
      secret = rc_store_dup_secret (store, error);
      if (secret == NULL)
        return FALSE;
      export.secret = secret;
    }

  if (g_str_equal (path, "-"))
    return export_to_fd (&export, STDOUT_FILENO, error);
  return export_to_path (&export, path, error);
}

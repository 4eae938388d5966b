/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-assessment-private.h"
#include "rc-store-private.h"

/* Assessments: saving and importing them with their ratings, completed
 * ones kept final, loading and listing them, the latest draft, the last
 * assessor, and walking every client's profile for an export. */

typedef struct
{
  gint64             id;
  RcAssessmentStatus status;
  gint64             client_id;
  guint              version;
  gint64             revision;
} StoredAssessment;

/* Reads what is stored under @uuid; stored->id is 0 when nothing is. */
static gboolean
lookup_assessment (RcStore           *self,
                   const char        *uuid,
                   StoredAssessment  *stored,
                   GError           **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self,
                      "SELECT id, status, client_id, version, revision FROM assessment"
                      " WHERE uuid = ?1",
                      error);

  *stored = (StoredAssessment) { 0 };
  if (statement == NULL)
    return FALSE;
  rc_store_bind_text (statement, 1, uuid);
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_DONE:
      return TRUE;
    case RC_STORE_STEP_ERROR:
      return FALSE;
    case RC_STORE_STEP_ROW:
    default:
      break;
    }
  stored->id = sqlite3_column_int64 (statement, 0);
  rc_assessment_status_from_string ((const char *) sqlite3_column_text (statement, 1),
                                    &stored->status);
  stored->client_id = sqlite3_column_int64 (statement, 2);
  stored->version = (guint) sqlite3_column_int64 (statement, 3);
  stored->revision = sqlite3_column_int64 (statement, 4);
  sqlite3_reset (statement);
  return TRUE;
}

/* An amendment must supersede a completed version of the same client's
 * assessment, one version below it. */
static gboolean
resolve_supersedes (RcStore       *self,
                    RcAssessment  *assessment,
                    gint64         client_id,
                    gint64        *supersedes_id,
                    GError       **error)
{
  const char *uuid = rc_assessment_get_uuid (assessment);
  StoredAssessment superseded;

  *supersedes_id = 0;
  if (rc_assessment_get_supersedes (assessment) == NULL)
    return TRUE;
  if (!lookup_assessment (self, rc_assessment_get_supersedes (assessment), &superseded, error))
    return FALSE;
  if (superseded.id == 0)
    return rc_set_invalid (error, "assessment %s: the assessment it amends is not stored", uuid);
  if (superseded.client_id != client_id || superseded.status != RC_ASSESSMENT_COMPLETE ||
      superseded.version + 1 != rc_assessment_get_version (assessment))
    return rc_set_invalid (error,
                           "assessment %s: it must amend a completed assessment of the same "
                           "client, one version below it", uuid);
  *supersedes_id = superseded.id;
  return TRUE;
}

static gboolean
write_assessment_row (RcStore       *self,
                      RcAssessment  *assessment,
                      gint64         client_id,
                      gint64         supersedes_id,
                      gint64         revision,
                      gint64        *id,
                      GError       **error)
{
  sqlite3_stmt *statement;

  /* Rows are written as drafts; completing is a separate, last update,
   * after which the triggers refuse every change. */
  if (*id == 0)
    statement =
      rc_store_prepare (self,
                        "INSERT INTO assessment (uuid, client_id, instrument_id,"
                        " instrument_version, timepoint, assessed_on, assessor, rater, status,"
                        " version, supersedes_id, amendment_reason, created_at, updated_at,"
                        " revision, text_language)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?10, ?11, ?12, ?13,"
                        " ?14, ?15)",
                        error);
  else
    statement =
      rc_store_prepare (self,
                        "UPDATE assessment SET client_id = ?2, instrument_id = ?3,"
                        " instrument_version = ?4, timepoint = ?5, assessed_on = ?6,"
                        " assessor = ?7, rater = ?8, version = ?9, supersedes_id = ?10,"
                        " amendment_reason = ?11, updated_at = ?13, revision = ?14,"
                        " text_language = ?15 WHERE uuid = ?1",
                        error);
  if (statement == NULL)
    return FALSE;

  rc_store_bind_text (statement, 1, rc_assessment_get_uuid (assessment));
  sqlite3_bind_int64 (statement, 2, client_id);
  rc_store_bind_text (statement, 3, rc_assessment_get_instrument_id (assessment));
  sqlite3_bind_int64 (statement, 4, rc_assessment_get_instrument_version (assessment));
  rc_store_bind_text (statement, 5,
                      rc_timepoint_to_string (rc_assessment_get_timepoint (assessment)));
  rc_store_bind_text (statement, 6, rc_assessment_get_date (assessment));
  /* A draft may not have its assessor yet. */
  rc_store_bind_text (statement, 7, rc_assessment_get_assessor (assessment) != NULL
                                    ? rc_assessment_get_assessor (assessment) : "");
  rc_store_bind_text (statement, 8, rc_rater_to_string (rc_assessment_get_rater (assessment)));
  sqlite3_bind_int64 (statement, 9, rc_assessment_get_version (assessment));
  if (supersedes_id != 0)
    sqlite3_bind_int64 (statement, 10, supersedes_id);
  rc_store_bind_text (statement, 11,
                      supersedes_id != 0 ? rc_assessment_get_amendment_reason (assessment) : NULL);
  rc_store_bind_text (statement, 12, rc_assessment_get_created_at (assessment));
  rc_store_bind_text (statement, 13, rc_assessment_get_updated_at (assessment));
  sqlite3_bind_int64 (statement, 14, revision);
  rc_store_bind_text (statement, 15, rc_assessment_get_text_language (assessment));
  if (!rc_store_run (self, statement, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
write_ratings (RcStore       *self,
               RcAssessment  *assessment,
               gint64         id,
               GError       **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self,
                      "INSERT INTO rating"
                      " (assessment_id, position, factor_key, score, note, goal, rated)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                      " ON CONFLICT (assessment_id, factor_key)"
                      " DO UPDATE SET position = excluded.position,"
                      " score = excluded.score, note = excluded.note, goal = excluded.goal,"
                      " rated = excluded.rated",
                      error);

  if (statement == NULL)
    return FALSE;
  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    {
      int score;
      const char *note, *goal;
      const char *key = rc_assessment_get_rating (assessment, i, &score, &note, &goal);

      sqlite3_bind_int64 (statement, 1, id);
      sqlite3_bind_int (statement, 2, (int) i);
      rc_store_bind_text (statement, 3, key);
      if (rc_score_is_missing (score))
        sqlite3_bind_null (statement, 4);
      else
        sqlite3_bind_int (statement, 4, score);
      rc_store_bind_text (statement, 5, note);
      rc_store_bind_text (statement, 6, goal);
      sqlite3_bind_int (statement, 7, score != RC_SCORE_UNRATED);
      if (!rc_store_run (self, statement, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
mark_complete (RcStore  *self,
               gint64    id,
               GError  **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self, "UPDATE assessment SET status = 'complete' WHERE id = ?1", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  return rc_store_run (self, statement, error);
}

static gboolean
check_assessment (RcStore       *self,
                  RcAssessment  *assessment,
                  GError       **error)
{
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (self->catalog, assessment);

  if (instrument == NULL)
    return rc_set_invalid (error, "assessment %s: instrument %s version %u is not known",
                           rc_assessment_get_uuid (assessment),
                           rc_assessment_get_instrument_id (assessment),
                           rc_assessment_get_instrument_version (assessment));
  return rc_assessment_validate (assessment, instrument, error);
}

/* A save writes over what it read; an import writes over anything. */
static gboolean
check_unchanged (RcAssessment            *assessment,
                 const StoredAssessment  *stored,
                 gboolean                 keep_times,
                 GError                 **error)
{
  if (keep_times || stored->id == 0 ||
      stored->revision == rc_assessment_get_revision (assessment))
    return TRUE;
  g_set_error (error, RC_ERROR, RC_ERROR_CHANGED,
               _("assessment %s: it was changed elsewhere after it was opened here"),
               rc_assessment_get_uuid (assessment));
  return FALSE;
}

/* *@revision: what the row's revision is once written. */
static gboolean
save_assessment (RcStore       *self,
                 RcAssessment  *assessment,
                 gboolean       keep_times,
                 gint64        *revision,
                 GError       **error)
{
  g_autofree char *now = rc_timestamp_now ();
  const char *uuid = rc_assessment_get_uuid (assessment);
  gboolean completing = rc_assessment_get_status (assessment) == RC_ASSESSMENT_COMPLETE;
  StoredAssessment stored;
  gint64 client_id, supersedes_id;

  if (!check_assessment (self, assessment, error) ||
      !lookup_assessment (self, uuid, &stored, error) ||
      !rc_store_lookup_client_id (self, rc_assessment_get_client_uuid (assessment), &client_id,
                                  error))
    return FALSE;
  if (client_id == 0)
    return rc_set_invalid (error, "assessment %s: its client is not stored", uuid);
  if (stored.id != 0 && stored.status == RC_ASSESSMENT_COMPLETE)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_LOCKED,
                   _("assessment %s: it is complete and can only be amended"), uuid);
      return FALSE;
    }
  if (!check_unchanged (assessment, &stored, keep_times, error) ||
      !resolve_supersedes (self, assessment, client_id, &supersedes_id, error))
    return FALSE;

  /* Timestamps as for clients, in save_client(). */
  if (rc_assessment_get_created_at (assessment) == NULL)
    rc_assessment_set_created_at (assessment, now);
  if ((stored.id != 0 && !keep_times) || rc_assessment_get_updated_at (assessment) == NULL)
    rc_assessment_set_updated_at (assessment, now);
  *revision = stored.revision + 1;

  return rc_store_audit (self, keep_times ? "import" : stored.id == 0 ? "create" : "update",
                         "assessment", uuid, "", error) &&
         write_assessment_row (self, assessment, client_id, supersedes_id, *revision, &stored.id,
                               error) &&
         write_ratings (self, assessment, stored.id, error) &&
         (!completing ||
          (mark_complete (self, stored.id, error) &&
           rc_store_audit (self, supersedes_id != 0 ? "amend" : "complete", "assessment", uuid,
                           supersedes_id != 0 ? rc_assessment_get_supersedes (assessment) : "",
                           error)));
}

static gboolean
store_assessment (RcStore       *self,
                  RcAssessment  *assessment,
                  gboolean       keep_times,
                  GError       **error)
{
  gint64 revision = 0;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), FALSE);

  if (!rc_store_begin (self, error) ||
      !rc_store_finish (self, save_assessment (self, assessment, keep_times, &revision, error),
                        error))
    return FALSE;
  rc_assessment_set_revision (assessment, revision);
  return TRUE;
}

/**
 * rc_store_save_assessment:
 *
 * Stores @assessment, new or a changed draft, with its ratings. With the
 * status complete, it is stored and then locked: a completed assessment is
 * refused with %RC_ERROR_LOCKED, and changes only through an amendment
 * (rc_assessment_new_amendment()) that supersedes it. A draft that was
 * changed in the store after @assessment was read from it or last saved
 * through it (by another program, or an import) is refused with
 * %RC_ERROR_CHANGED: nothing is overwritten unseen.
 */
gboolean
rc_store_save_assessment (RcStore       *self,
                          RcAssessment  *assessment,
                          GError       **error)
{
  return store_assessment (self, assessment, FALSE, error);
}

/**
 * rc_store_import_assessment:
 *
 * Like rc_store_save_assessment(), but a changed draft keeps the times it
 * carries, as an import must.
 */
gboolean
rc_store_import_assessment (RcStore       *self,
                            RcAssessment  *assessment,
                            GError       **error)
{
  return store_assessment (self, assessment, TRUE, error);
}

static RcAssessment *
assessment_from_row (sqlite3_stmt *statement)
{
  RcAssessment *assessment = rc_assessment_new_empty ();
  RcTimepoint timepoint = RC_TIMEPOINT_INTAKE;
  RcRater rater = RC_RATER_WORKER;
  RcAssessmentStatus status = RC_ASSESSMENT_DRAFT;

  /* The schema's CHECK constraints keep these strings to the known ones. */
  rc_timepoint_from_string (rc_store_column_string (statement, 5), &timepoint);
  rc_rater_from_string (rc_store_column_string (statement, 8), &rater);
  rc_assessment_status_from_string (rc_store_column_string (statement, 9), &status);

  rc_assessment_set_uuid (assessment, rc_store_column_string (statement, 1));
  rc_assessment_set_client_uuid (assessment, rc_store_column_string (statement, 2));
  rc_assessment_set_instrument (assessment, rc_store_column_string (statement, 3),
                                (guint) sqlite3_column_int64 (statement, 4));
  rc_assessment_set_timepoint (assessment, timepoint);
  rc_assessment_set_date (assessment, rc_store_column_string (statement, 6));
  rc_assessment_set_assessor (assessment, rc_store_column_string (statement, 7));
  rc_assessment_set_rater (assessment, rater);
  rc_assessment_set_status (assessment, status);
  rc_assessment_set_version (assessment, (guint) sqlite3_column_int64 (statement, 10));
  rc_assessment_set_supersedes (assessment, rc_store_column_string (statement, 11));
  rc_assessment_set_amendment_reason (assessment, rc_store_column_string (statement, 12));
  rc_assessment_set_created_at (assessment, rc_store_column_string (statement, 13));
  rc_assessment_set_updated_at (assessment, rc_store_column_string (statement, 14));
  rc_assessment_set_revision (assessment, sqlite3_column_int64 (statement, 16));
  rc_assessment_set_text_language (assessment, rc_store_column_string (statement, 17));
  return assessment;
}

#define ASSESSMENT_COLUMNS \
  "a.id, a.uuid, c.uuid, a.instrument_id, a.instrument_version, a.timepoint, a.assessed_on," \
  " a.assessor, a.rater, a.status, a.version, s.uuid, a.amendment_reason, a.created_at," \
  " a.updated_at, a.client_id, a.revision, a.text_language"
#define ASSESSMENT_FROM \
  " FROM assessment AS a JOIN client AS c ON c.id = a.client_id" \
  " LEFT JOIN assessment AS s ON s.id = a.supersedes_id"
#define ASSESSMENT_ORDER "a.assessed_on, a.created_at, a.version, a.uuid"

static RcAssessment *
find_by_id (GPtrArray *assessments,
            GArray    *ids,
            gint64     id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return g_ptr_array_index (assessments, i);
  return NULL;
}

/* Reads the ratings of all the client's assessments with one statement
 * (an export reads every client this way) and gives them to those of
 * @assessments, whose row ids are @ids. The rows come in storage order:
 * sorting them here for a client at a time is SQLite's slowest part of an
 * export, and the assessment puts each at its position. */
static gboolean
load_ratings (RcStore    *self,
              gint64      client_id,
              GPtrArray  *assessments,
              GArray     *ids,
              GError    **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self,
                      "SELECT r.assessment_id, r.position, r.factor_key, r.score, r.note,"
                      " r.goal, r.rated"
                      " FROM assessment AS a JOIN rating AS r ON r.assessment_id = a.id"
                      " WHERE a.client_id = ?1",
                      error);
  RcAssessment *assessment = NULL;
  gint64 assessment_id = 0;
  RcStoreStep result;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, client_id);
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      int score;

      if (assessment == NULL || sqlite3_column_int64 (statement, 0) != assessment_id)
        {
          assessment_id = sqlite3_column_int64 (statement, 0);
          assessment = find_by_id (assessments, ids, assessment_id);
        }
      if (assessment == NULL)
        continue;
      if (sqlite3_column_type (statement, 3) != SQLITE_NULL)
        score = sqlite3_column_int (statement, 3);
      else
        score = sqlite3_column_int (statement, 6) ? RC_SCORE_NOT_ASSESSED : RC_SCORE_UNRATED;
      rc_assessment_load_rating (assessment, (guint) sqlite3_column_int64 (statement, 1),
                                 rc_store_column_string (statement, 2), score,
                                 rc_store_column_string (statement, 4),
                                 rc_store_column_string (statement, 5));
    }
  return result != RC_STORE_STEP_ERROR;
}

/* Reads every row of @statement, a query of ASSESSMENT_COLUMNS about one
 * client's assessments, with their ratings. The rows are collected first:
 * loading ratings reuses the connection. */
static GPtrArray *
collect_assessments (RcStore       *self,
                     sqlite3_stmt  *statement,
                     GError       **error)
{
  g_autoptr(GPtrArray) assessments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 client_id = 0;
  RcStoreStep result;

  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      client_id = sqlite3_column_int64 (statement, 15);
      g_array_append_val (ids, id);
      g_ptr_array_add (assessments, assessment_from_row (statement));
    }
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  if (assessments->len > 0 && !load_ratings (self, client_id, assessments, ids, error))
    return NULL;
  return g_steal_pointer (&assessments);
}

/**
 * rc_store_load_assessment:
 *
 * Returns: (transfer full): the assessment with its ratings, or %NULL with
 *   %RC_ERROR_NOT_FOUND
 */
RcAssessment *
rc_store_load_assessment (RcStore     *self,
                          const char  *uuid,
                          GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *statement;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  statement = rc_store_prepare (self,
                                "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM " WHERE a.uuid = ?1",
                                error);
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, uuid);
  found = collect_assessments (self, statement, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_NOT_FOUND, _("assessment %s: no such assessment"),
                   uuid);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * rc_store_list_assessments:
 *
 * Returns: (transfer full) (element-type RcAssessment): every assessment of
 *   the client, amended versions included, oldest first
 */
GPtrArray *
rc_store_list_assessments (RcStore     *self,
                           const char  *client_uuid,
                           GError     **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  g_return_val_if_fail (client_uuid != NULL, NULL);

  statement = rc_store_prepare (self,
                                "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM
                                " WHERE c.uuid = ?1 AND a.deleted_at IS NULL"
                                " ORDER BY " ASSESSMENT_ORDER,
                                error);
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, client_uuid);
  return collect_assessments (self, statement, error);
}

/**
 * rc_store_load_latest_draft:
 *
 * Returns: (transfer full) (nullable): the unfinished assessment changed
 *   most recently, or %NULL (with @error unset) when there is none
 */
RcAssessment *
rc_store_load_latest_draft (RcStore  *self,
                            GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *statement;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self,
                                "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM
                                " WHERE a.status = 'draft' AND a.deleted_at IS NULL"
                                " ORDER BY a.updated_at DESC, a.id DESC LIMIT 1",
                                error);
  if (statement == NULL)
    return NULL;
  found = collect_assessments (self, statement, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * rc_store_dup_last_assessor:
 *
 * Returns: (transfer full) (nullable): the assessor of the assessment
 *   stored last, or %NULL when there is none (or on an error)
 */
char *
rc_store_dup_last_assessor (RcStore  *self,
                            GError  **error)
{
  sqlite3_stmt *statement;
  char *assessor;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self, "SELECT assessor FROM assessment ORDER BY id DESC LIMIT 1",
                                error);
  if (statement == NULL || rc_store_step (self, statement, error) != RC_STORE_STEP_ROW)
    return NULL;
  assessor = rc_store_column_text (statement, 0);
  sqlite3_reset (statement);
  return assessor;
}

/* A client's assessments as rc_store_list_assessments() gives them, found
 * by row id: looking each client up by UUID again doubled the time of an
 * export. */
static GPtrArray *
list_client_assessments (RcStore  *self,
                         gint64    client_id,
                         GError  **error)
{
  sqlite3_stmt *statement = rc_store_prepare (self,
                                              "SELECT " ASSESSMENT_COLUMNS ASSESSMENT_FROM
                                              " WHERE a.client_id = ?1 AND a.deleted_at IS NULL"
                                              " ORDER BY " ASSESSMENT_ORDER,
                                              error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, client_id);
  return collect_assessments (self, statement, error);
}

static GHashTable *
new_uuid_set (const char * const *uuids)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; uuids[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) uuids[i]);
  return set;
}

/**
 * rc_store_foreach_profile:
 * @client_uuids: (nullable) (array zero-terminated=1): the clients to walk,
 *   or %NULL for every client
 * @func: called with each client and its assessments (as
 *   rc_store_list_assessments() lists them); returning %FALSE stops
 *
 * Walks the clients ordered by UUID, loading one at a time, so that
 * memory does not grow with the number of clients (the export streams
 * through it). The walk sees one state of the database.
 */
gboolean
rc_store_foreach_profile (RcStore             *self,
                          const char * const  *client_uuids,
                          RcStoreProfileFunc   func,
                          gpointer             user_data,
                          GError             **error)
{
  g_autoptr(GHashTable) selection = client_uuids != NULL ? new_uuid_set (client_uuids) : NULL;
  sqlite3_stmt *statement;
  gboolean began, ok = TRUE;
  RcStoreStep result;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!rc_store_begin_read (self, &began, error))
    return FALSE;
  statement = rc_store_prepare (self,
                                "SELECT " RC_STORE_CLIENT_COLUMNS " FROM client AS c"
                                " WHERE c.deleted_at IS NULL ORDER BY c.uuid",
                                error);
  ok = statement != NULL;
  while (ok && (result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      g_autoptr(RcClient) client = NULL;
      g_autoptr(GPtrArray) assessments = NULL;

      if (selection != NULL &&
          !g_hash_table_contains (selection, rc_store_column_string (statement, 1)))
        continue;
      client = rc_store_client_from_row (statement);
      assessments = list_client_assessments (self, sqlite3_column_int64 (statement, 0), error);
      ok = assessments != NULL && func (client, assessments, user_data, error);
    }
  if (ok && result == RC_STORE_STEP_ERROR)
    ok = FALSE;
  if (statement != NULL)
    sqlite3_reset (statement);
  rc_store_end_read (self, began);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-assessment"

#include "config.h"

#include "rc-date.h"
#include "rc-error.h"
#include "rc-text.h"
#include "rc-assessment-private.h"

/* One sitting with a client: when, who rated, and a rating (score, note,
 * the client's goal) for each factor of the instrument it was taken with.
 * A completed assessment is never changed; an amendment is a new version
 * that supersedes it and says why. */

typedef struct
{
  char  *factor_key;
  int    score;
  char  *note;
  char  *goal;
  guint  position;  /* where it stands in the order factors were first set */
} Rating;

struct _RcAssessment
{
  GObject             parent_instance;

  char               *uuid;
  char               *client_uuid;
  char               *instrument_id;
  guint               instrument_version;
  RcTimepoint         timepoint;
  char               *date;
  char               *assessor;
  RcRater             rater;
  RcAssessmentStatus  status;
  guint               version;
  char               *supersedes;
  char               *amendment_reason;
  char               *text_language;  /* of the instrument's texts it was shown in */
  char               *created_at;
  char               *updated_at;
  gint64              revision;  /* the stored row's, to see a change made elsewhere */
  GArray             *ratings;
};

G_DEFINE_FINAL_TYPE (RcAssessment, rc_assessment, G_TYPE_OBJECT)

static const char * const timepoint_names[] = { "intake", "review", "discharge", "follow-up" };
static const char * const rater_names[] = { "worker", "client" };
static const char * const status_names[] = { "draft", "complete" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *out)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], text) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
rc_timepoint_to_string (RcTimepoint timepoint)
{
  g_return_val_if_fail (timepoint <= RC_TIMEPOINT_FOLLOW_UP, NULL);
  return timepoint_names[timepoint];
}

gboolean
rc_timepoint_from_string (const char  *text,
                          RcTimepoint *timepoint)
{
  int value;

  if (!lookup_name (timepoint_names, G_N_ELEMENTS (timepoint_names), text, &value))
    return FALSE;
  *timepoint = (RcTimepoint) value;
  return TRUE;
}

const char *
rc_rater_to_string (RcRater rater)
{
  g_return_val_if_fail (rater <= RC_RATER_CLIENT, NULL);
  return rater_names[rater];
}

gboolean
rc_rater_from_string (const char *text,
                      RcRater    *rater)
{
  int value;

  if (!lookup_name (rater_names, G_N_ELEMENTS (rater_names), text, &value))
    return FALSE;
  *rater = (RcRater) value;
  return TRUE;
}

const char *
rc_assessment_status_to_string (RcAssessmentStatus status)
{
  g_return_val_if_fail (status <= RC_ASSESSMENT_COMPLETE, NULL);
  return status_names[status];
}

gboolean
rc_assessment_status_from_string (const char         *text,
                                  RcAssessmentStatus *status)
{
  int value;

  if (!lookup_name (status_names, G_N_ELEMENTS (status_names), text, &value))
    return FALSE;
  *status = (RcAssessmentStatus) value;
  return TRUE;
}

/* Most notes and goals are empty: they share this string instead of an
 * allocation each (an export loads millions of ratings). */
static char empty_text[] = "";

static char *
dup_text (const char *text)
{
  return text == NULL || *text == '\0' ? empty_text : g_strdup (text);
}

static void
free_text (char *text)
{
  if (text != empty_text)
    g_free (text);
}

/* Replaces *@field by @text; returns whether it changed. */
static gboolean
set_text (char       **field,
          const char  *text)
{
  if (g_strcmp0 (*field, text != NULL ? text : "") == 0)
    return FALSE;
  free_text (*field);
  *field = dup_text (text);
  return TRUE;
}

static void
clear_rating (gpointer data)
{
  Rating *rating = data;

  g_free (rating->factor_key);
  free_text (rating->note);
  free_text (rating->goal);
}

static void
rc_assessment_finalize (GObject *object)
{
  RcAssessment *self = RC_ASSESSMENT (object);

  g_free (self->uuid);
  g_free (self->client_uuid);
  g_free (self->instrument_id);
  g_free (self->date);
  g_free (self->assessor);
  g_free (self->supersedes);
  g_free (self->amendment_reason);
  g_free (self->text_language);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_array_unref (self->ratings);

  G_OBJECT_CLASS (rc_assessment_parent_class)->finalize (object);
}

static void
rc_assessment_class_init (RcAssessmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_assessment_finalize;
}

static void
rc_assessment_init (RcAssessment *self)
{
  self->version = 1;
  self->ratings = g_array_new (FALSE, TRUE, sizeof (Rating));
  g_array_set_clear_func (self->ratings, clear_rating);
}

/**
 * rc_assessment_new_empty:
 *
 * Returns: (transfer full): an assessment with no UUID, date, instrument
 *   or ratings, for a loader to fill in (a fresh UUID and today's date
 *   would cost a loader of thousands of rows a system call each)
 */
RcAssessment *
rc_assessment_new_empty (void)
{
  return g_object_new (RC_TYPE_ASSESSMENT, NULL);
}

/**
 * rc_assessment_new:
 * @client_uuid: the client assessed
 * @instrument: the instrument used
 *
 * Returns: (transfer full): a draft dated today with every factor of
 *   @instrument not rated yet
 */
RcAssessment *
rc_assessment_new (const char   *client_uuid,
                   RcInstrument *instrument)
{
  RcAssessment *self;

  g_return_val_if_fail (client_uuid != NULL, NULL);
  g_return_val_if_fail (RC_IS_INSTRUMENT (instrument), NULL);

  self = rc_assessment_new_empty ();
  self->uuid = g_uuid_string_random ();
  self->date = rc_date_today ();
  rc_assessment_set_client_uuid (self, client_uuid);
  rc_assessment_set_instrument (self, rc_instrument_get_id (instrument),
                                rc_instrument_get_version (instrument));
  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    rc_assessment_set_score (self, rc_factor_get_key (rc_instrument_get_factor (instrument, i)),
                             RC_SCORE_UNRATED);
  return self;
}

/* Everything a person entered, from @source into @self, a new draft. */
static void
copy_entries (RcAssessment *self,
              RcAssessment *source)
{
  self->uuid = g_uuid_string_random ();
  self->client_uuid = g_strdup (source->client_uuid);
  rc_assessment_set_instrument (self, source->instrument_id, source->instrument_version);
  self->timepoint = source->timepoint;
  rc_assessment_set_date (self, source->date);
  rc_assessment_set_assessor (self, source->assessor);
  self->rater = source->rater;
  for (guint i = 0; i < source->ratings->len; i++)
    {
      const Rating *rating = &g_array_index (source->ratings, Rating, i);

      rc_assessment_set_score (self, rating->factor_key, rating->score);
      rc_assessment_set_note (self, rating->factor_key, rating->note);
      rc_assessment_set_goal (self, rating->factor_key, rating->goal);
    }
}

/**
 * rc_assessment_new_amendment:
 * @completed: a completed assessment
 * @reason: why it is amended
 *
 * Returns: (transfer full): a draft copy of @completed that supersedes it,
 *   one version higher, with a new UUID
 */
RcAssessment *
rc_assessment_new_amendment (RcAssessment *completed,
                             const char   *reason)
{
  RcAssessment *self;

  g_return_val_if_fail (RC_IS_ASSESSMENT (completed), NULL);
  g_return_val_if_fail (completed->status == RC_ASSESSMENT_COMPLETE, NULL);

  self = rc_assessment_new_empty ();
  copy_entries (self, completed);
  self->version = completed->version + 1;
  self->supersedes = g_strdup (completed->uuid);
  self->amendment_reason = g_strdup (reason);
  return self;
}

/**
 * rc_assessment_new_copy:
 * @draft: a draft, or one to be stored complete
 *
 * For keeping both versions when @draft was changed elsewhere while it
 * was being edited here: a new draft of the same client with what @draft
 * holds, under a new UUID. It amends nothing, since only one draft can
 * amend a completed assessment.
 *
 * Returns: (transfer full): the copy, a draft not yet stored
 */
RcAssessment *
rc_assessment_new_copy (RcAssessment *draft)
{
  RcAssessment *self;

  g_return_val_if_fail (RC_IS_ASSESSMENT (draft), NULL);

  self = rc_assessment_new_empty ();
  copy_entries (self, draft);
  self->version = 1;
  return self;
}

gint64
rc_assessment_get_revision (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), 0);
  return self->revision;
}

void
rc_assessment_set_revision (RcAssessment *self,
                            gint64        revision)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  self->revision = revision;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* UUIDs are kept in lower case, so that one written in capitals by
 * another system still matches. */
static void
set_uuid (char       **field,
          const char  *uuid)
{
  g_autofree char *lower = uuid != NULL ? g_ascii_strdown (uuid, -1) : NULL;

  set_string (field, lower);
}

const char *
rc_assessment_get_uuid (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->uuid;
}

void
rc_assessment_set_uuid (RcAssessment *self,
                        const char   *uuid)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_uuid (&self->uuid, uuid);
}

const char *
rc_assessment_get_client_uuid (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->client_uuid;
}

void
rc_assessment_set_client_uuid (RcAssessment *self,
                               const char   *client_uuid)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_uuid (&self->client_uuid, client_uuid);
}

const char *
rc_assessment_get_instrument_id (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->instrument_id;
}

guint
rc_assessment_get_instrument_version (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), 0);
  return self->instrument_version;
}

void
rc_assessment_set_instrument (RcAssessment *self,
                              const char   *id,
                              guint         version)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->instrument_id, id);
  self->instrument_version = version;
}

RcTimepoint
rc_assessment_get_timepoint (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), RC_TIMEPOINT_INTAKE);
  return self->timepoint;
}

void
rc_assessment_set_timepoint (RcAssessment *self,
                             RcTimepoint   timepoint)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  g_return_if_fail (timepoint <= RC_TIMEPOINT_FOLLOW_UP);
  self->timepoint = timepoint;
}

/**
 * rc_assessment_get_date:
 *
 * Returns: the day of the assessment, YYYY-MM-DD
 */
const char *
rc_assessment_get_date (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->date;
}

void
rc_assessment_set_date (RcAssessment *self,
                        const char   *date)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->date, date);
}

const char *
rc_assessment_get_assessor (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->assessor;
}

void
rc_assessment_set_assessor (RcAssessment *self,
                            const char   *assessor)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->assessor, assessor);
}

RcRater
rc_assessment_get_rater (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), RC_RATER_WORKER);
  return self->rater;
}

void
rc_assessment_set_rater (RcAssessment *self,
                         RcRater       rater)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  g_return_if_fail (rater <= RC_RATER_CLIENT);
  self->rater = rater;
}

RcAssessmentStatus
rc_assessment_get_status (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), RC_ASSESSMENT_DRAFT);
  return self->status;
}

void
rc_assessment_set_status (RcAssessment       *self,
                          RcAssessmentStatus  status)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  g_return_if_fail (status <= RC_ASSESSMENT_COMPLETE);
  self->status = status;
}

guint
rc_assessment_get_version (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), 0);
  return self->version;
}

void
rc_assessment_set_version (RcAssessment *self,
                           guint         version)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  self->version = version;
}

/**
 * rc_assessment_get_supersedes:
 *
 * Returns: (nullable): the UUID of the version this amendment replaces
 */
const char *
rc_assessment_get_supersedes (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->supersedes;
}

void
rc_assessment_set_supersedes (RcAssessment *self,
                              const char   *uuid)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_uuid (&self->supersedes, uuid);
}

const char *
rc_assessment_get_amendment_reason (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->amendment_reason;
}

void
rc_assessment_set_amendment_reason (RcAssessment *self,
                                    const char   *reason)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->amendment_reason, reason);
}

/**
 * rc_assessment_get_text_language:
 *
 * Returns: (nullable): the language of the instrument's texts the
 *   assessment was rated with, as the instrument file names it ("en",
 *   "fr"); %NULL for one rated before the program recorded it
 */
const char *
rc_assessment_get_text_language (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->text_language;
}

void
rc_assessment_set_text_language (RcAssessment *self,
                                 const char   *language)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->text_language, language);
}

const char *
rc_assessment_get_created_at (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->created_at;
}

void
rc_assessment_set_created_at (RcAssessment *self,
                              const char   *created_at)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->created_at, created_at);
}

const char *
rc_assessment_get_updated_at (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  return self->updated_at;
}

void
rc_assessment_set_updated_at (RcAssessment *self,
                              const char   *updated_at)
{
  g_return_if_fail (RC_IS_ASSESSMENT (self));
  set_string (&self->updated_at, updated_at);
}

static Rating *
find_rating (RcAssessment *self,
             const char   *factor_key)
{
  for (guint i = 0; i < self->ratings->len; i++)
    {
      Rating *rating = &g_array_index (self->ratings, Rating, i);

      if (g_str_equal (rating->factor_key, factor_key))
        return rating;
    }
  return NULL;
}

/* Ratings keep the order in which their factors were first set: the
 * instrument's order for a new assessment, the stored order on loading. */
static Rating *
ensure_rating (RcAssessment *self,
               const char   *factor_key)
{
  Rating *rating = find_rating (self, factor_key);
  Rating new_rating;

  if (rating != NULL)
    return rating;
  new_rating = (Rating) { g_strdup (factor_key), RC_SCORE_NOT_ASSESSED, empty_text, empty_text,
                          self->ratings->len };
  g_array_append_val (self->ratings, new_rating);
  return &g_array_index (self->ratings, Rating, self->ratings->len - 1);
}

/*
 * rc_assessment_load_rating:
 * @position: where the store keeps it in the order factors were first set
 *
 * Adds a stored rating without looking for one of the same factor: the
 * store gives each factor once, in whatever order its rows come.
 */
void
rc_assessment_load_rating (RcAssessment *self,
                           guint         position,
                           const char   *factor_key,
                           int           score,
                           const char   *note,
                           const char   *goal)
{
  Rating rating = { g_strdup (factor_key), score, dup_text (note), dup_text (goal), position };
  guint index = self->ratings->len;

  while (index > 0 && g_array_index (self->ratings, Rating, index - 1).position > position)
    index--;
  g_array_insert_val (self->ratings, index, rating);
}

guint
rc_assessment_get_n_ratings (RcAssessment *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), 0);
  return self->ratings->len;
}

const char *
rc_assessment_get_rating_key (RcAssessment *self,
                              guint         position)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  g_return_val_if_fail (position < self->ratings->len, NULL);
  return g_array_index (self->ratings, Rating, position).factor_key;
}

/**
 * rc_assessment_get_rating:
 * @position: from 0 to rc_assessment_get_n_ratings() - 1
 * @score: (out) (optional): the score, %RC_SCORE_NOT_ASSESSED or
 *   %RC_SCORE_UNRATED
 * @note: (out) (optional) (transfer none): the note
 * @goal: (out) (optional) (transfer none): the client's goal
 *
 * The rating at @position, without a look-up by factor: for walking all
 * ratings (an export writes millions).
 *
 * Returns: (transfer none): its factor key
 */
const char *
rc_assessment_get_rating (RcAssessment  *self,
                          guint          position,
                          int           *score,
                          const char   **note,
                          const char   **goal)
{
  const Rating *rating;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);
  g_return_val_if_fail (position < self->ratings->len, NULL);

  rating = &g_array_index (self->ratings, Rating, position);
  if (score != NULL)
    *score = rating->score;
  if (note != NULL)
    *note = rating->note;
  if (goal != NULL)
    *goal = rating->goal;
  return rating->factor_key;
}

gboolean
rc_assessment_has_rating (RcAssessment *self,
                          const char   *factor_key)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);
  return find_rating (self, factor_key) != NULL;
}

/**
 * rc_assessment_get_score:
 *
 * Returns: the score of @factor_key, %RC_SCORE_UNRATED when it is not
 *   rated yet, or %RC_SCORE_NOT_ASSESSED (also when @factor_key has no
 *   rating)
 */
int
rc_assessment_get_score (RcAssessment *self,
                         const char   *factor_key)
{
  Rating *rating;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), RC_SCORE_NOT_ASSESSED);

  rating = find_rating (self, factor_key);
  return rating != NULL ? rating->score : RC_SCORE_NOT_ASSESSED;
}

/**
 * rc_assessment_set_score:
 * @score: a score on the instrument's scale, %RC_SCORE_NOT_ASSESSED or
 *   %RC_SCORE_UNRATED (only a draft may be stored with it)
 *
 * Returns: whether the score changed
 */
gboolean
rc_assessment_set_score (RcAssessment *self,
                         const char   *factor_key,
                         int           score)
{
  Rating *rating;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (factor_key != NULL, FALSE);
  g_return_val_if_fail (rc_score_is_missing (score) || (score >= 0 && score <= RC_SCORE_MAX),
                        FALSE);

  rating = ensure_rating (self, factor_key);
  if (rating->score == score)
    return FALSE;
  rating->score = score;
  return TRUE;
}

/**
 * rc_assessment_dup_unrated_keys:
 *
 * Returns: (transfer full) (element-type utf8): the keys of the factors
 *   not rated yet, in rating order; empty when there are none
 */
GPtrArray *
rc_assessment_dup_unrated_keys (RcAssessment *self)
{
  GPtrArray *keys;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);

  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const Rating *rating = &g_array_index (self->ratings, Rating, i);

      if (rating->score == RC_SCORE_UNRATED)
        g_ptr_array_add (keys, g_strdup (rating->factor_key));
    }
  return keys;
}

/**
 * rc_assessment_mark_unrated_not_assessed:
 *
 * Records every factor not rated yet as not assessed, as completing an
 * assessment must: "not rated yet" exists only in drafts.
 *
 * Returns: whether any factor changed
 */
gboolean
rc_assessment_mark_unrated_not_assessed (RcAssessment *self)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);

  for (guint i = 0; i < self->ratings->len; i++)
    {
      Rating *rating = &g_array_index (self->ratings, Rating, i);

      if (rating->score == RC_SCORE_UNRATED)
        {
          rating->score = RC_SCORE_NOT_ASSESSED;
          changed = TRUE;
        }
    }
  return changed;
}

const char *
rc_assessment_get_note (RcAssessment *self,
                        const char   *factor_key)
{
  Rating *rating;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);

  rating = find_rating (self, factor_key);
  return rating != NULL ? rating->note : "";
}

gboolean
rc_assessment_set_note (RcAssessment *self,
                        const char   *factor_key,
                        const char   *note)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (factor_key != NULL, FALSE);

  return set_text (&ensure_rating (self, factor_key)->note, note);
}

const char *
rc_assessment_get_goal (RcAssessment *self,
                        const char   *factor_key)
{
  Rating *rating;

  g_return_val_if_fail (RC_IS_ASSESSMENT (self), NULL);

  rating = find_rating (self, factor_key);
  return rating != NULL ? rating->goal : "";
}

gboolean
rc_assessment_set_goal (RcAssessment *self,
                        const char   *factor_key,
                        const char   *goal)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (factor_key != NULL, FALSE);

  return set_text (&ensure_rating (self, factor_key)->goal, goal);
}

static gboolean
validate_ratings (RcAssessment  *self,
                  RcInstrument  *instrument,
                  GError       **error)
{
  int min = rc_instrument_get_min_score (instrument);
  int max = rc_instrument_get_max_score (instrument);

  for (guint i = 0; i < self->ratings->len; i++)
    {
      const Rating *rating = &g_array_index (self->ratings, Rating, i);

      if (rc_instrument_lookup_factor (instrument, rating->factor_key) == NULL)
        return rc_set_invalid (error, "assessment %s: factor “%s” is not in instrument %s",
                               self->uuid, rating->factor_key, self->instrument_id);
      /* The database refuses this too; here it gets a message that says
       * which factor. */
      if (rating->score == RC_SCORE_UNRATED && self->status == RC_ASSESSMENT_COMPLETE)
        return rc_set_invalid (error, "assessment %s: factor “%s” is not rated yet", self->uuid,
                               rating->factor_key);
      if (!rc_score_is_missing (rating->score) && (rating->score < min || rating->score > max))
        return rc_set_invalid (error, "assessment %s: score %d for “%s” is outside %d–%d",
                               self->uuid, rating->score, rating->factor_key, min, max);
      if (!g_utf8_validate (rating->note, -1, NULL) || !g_utf8_validate (rating->goal, -1, NULL))
        return rc_set_invalid (error, "assessment %s: notes and goals must be valid UTF-8 text",
                               self->uuid);
    }
  return TRUE;
}

/**
 * rc_assessment_validate:
 * @instrument: the instrument named by the assessment
 *
 * Checks what an assessment must have before it is stored. Messages name
 * the assessment's UUID, never the client.
 *
 * Returns: %TRUE when valid, else %FALSE with an %RC_ERROR_INVALID error
 */
gboolean
rc_assessment_validate (RcAssessment  *self,
                        RcInstrument  *instrument,
                        GError       **error)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (RC_IS_INSTRUMENT (instrument), FALSE);

  if (self->uuid == NULL || !g_uuid_string_is_valid (self->uuid))
    return rc_set_invalid (error, "assessment: the UUID is not valid");
  if (g_strcmp0 (self->instrument_id, rc_instrument_get_id (instrument)) != 0 ||
      self->instrument_version != rc_instrument_get_version (instrument))
    return rc_set_invalid (error, "assessment %s: taken with instrument %s version %u, not %s",
                           self->uuid, self->instrument_id, self->instrument_version,
                           rc_instrument_get_id (instrument));
  if (!rc_date_is_valid (self->date))
    return rc_set_invalid (error, "assessment %s: the date must be a date as YYYY-MM-DD",
                           self->uuid);
  /* A draft saved while the worker is still typing may lack an assessor. */
  if (self->status == RC_ASSESSMENT_COMPLETE && rc_text_is_blank (self->assessor))
    return rc_set_invalid (error, "assessment %s: the assessor is required", self->uuid);
  if (self->version < 1)
    return rc_set_invalid (error, "assessment %s: the version must be 1 or more", self->uuid);
  if ((self->version > 1) != (self->supersedes != NULL))
    return rc_set_invalid (error, "assessment %s: only a later version supersedes another",
                           self->uuid);
  if (self->supersedes != NULL && rc_text_is_blank (self->amendment_reason))
    return rc_set_invalid (error, "assessment %s: an amendment needs a reason", self->uuid);
  return validate_ratings (self, instrument, error);
}

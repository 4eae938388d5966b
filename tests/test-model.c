/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "rc-core.h"
#include "rc-test-util.h"

#define CLIENT_UUID "7c9e6679-7425-40de-944b-e07fc1f90ae7"

static RcClient *
valid_client (void)
{
  RcClient *client = rc_client_new ();

  rc_client_set_clinic_code (client, "RC-000001");
  rc_client_set_given_name (client, "Zoë");
  rc_client_set_family_name (client, "Ångström");
  rc_client_set_birth_date (client, "1984-02-29");
  return client;
}

static void
assert_client_invalid (RcClient   *client,
                       const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rc_client_validate (client, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message));
  /* Messages name the record, never the person. */
  g_assert_null (strstr (error->message, "Zoë"));
  g_assert_null (strstr (error->message, "Ångström"));
}

static void
test_client_validation (void)
{
  g_autoptr(RcClient) client = valid_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = rc_client_dup_full_name (client);

  g_assert_true (g_uuid_string_is_valid (rc_client_get_uuid (client)));
  g_assert_true (rc_client_validate (client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (full_name, ==, "Zoë Ångström");

  rc_client_set_birth_date (client, NULL);
  g_assert_true (rc_client_validate (client, NULL));

  rc_client_set_birth_date (client, "1983-02-29");
  assert_client_invalid (client, "YYYY-MM-DD");
  rc_client_set_birth_date (client, "29/02/1984");
  assert_client_invalid (client, "YYYY-MM-DD");
  rc_client_set_birth_date (client, "2999-01-01");
  assert_client_invalid (client, "in the future");
  rc_client_set_birth_date (client, "1984-02-29");

  rc_client_set_given_name (client, "  ");
  assert_client_invalid (client, "names are required");
  rc_client_set_given_name (client, "Zoë");

  rc_client_set_clinic_code (client, "");
  assert_client_invalid (client, "clinic code is required");
  rc_client_set_clinic_code (client, "RC-000001");

  rc_client_set_uuid (client, "not-a-uuid");
  assert_client_invalid (client, "UUID");
}

/* Codes and names are stored composed and without white space around
 * them; codes and names with invisible characters are refused, by field,
 * without the value. */
static void
test_client_text (void)
{
  g_autoptr(RcClient) client = valid_client ();
  const char *rlo_code = "RC-\xe2\x80\xae" "100";
  const char *zwsp_code = "RC-\xe2\x80\x8b" "100";

  /* U+00A0 and U+3000 are white space too; E + U+0301 composes to É. */
  rc_client_set_clinic_code (client, "\xc2\xa0 RC-E\xcc\x81-1\t\xe3\x80\x80");
  g_assert_cmpstr (rc_client_get_clinic_code (client), ==, "RC-\xc3\x89-1");
  rc_client_set_given_name (client, " Zoe\xcc\x88\n");
  g_assert_cmpstr (rc_client_get_given_name (client), ==, "Zo\xc3\xab");
  rc_client_set_family_name (client, "A\xcc\x8angstro\xcc\x88m ");
  g_assert_cmpstr (rc_client_get_family_name (client), ==, "Ångström");
  g_assert_true (rc_client_validate (client, NULL));

  /* Invalid UTF-8 is kept as given, for validation to refuse. */
  rc_client_set_clinic_code (client, " RC-\xff ");
  g_assert_cmpstr (rc_client_get_clinic_code (client), ==, " RC-\xff ");
  assert_client_invalid (client, "must be valid text");

  rc_client_set_clinic_code (client, rlo_code);
  assert_client_invalid (client, "client: the clinic code contains a control or invisible "
                                 "formatting character");
  rc_client_set_clinic_code (client, zwsp_code);
  assert_client_invalid (client, "client: the clinic code contains a control");
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rc_client_validate (client, &error));
    g_assert_null (strstr (error->message, "RC-"));
  }
  rc_client_set_clinic_code (client, "RC-000001");

  rc_client_set_given_name (client, "Zo\të");
  assert_client_invalid (client, "client RC-000001: the given name contains a control or "
                                 "invisible formatting character");
  rc_client_set_given_name (client, "Zo\xe2\x80\x8f" "ë");
  assert_client_invalid (client, "the given name contains");
  rc_client_set_given_name (client, "Zoë");

  rc_client_set_family_name (client, "Ång\xe2\x80\xae" "ström");
  assert_client_invalid (client, "client RC-000001: the family name contains a control or "
                                 "invisible formatting character");
  /* A non-joiner between letters is spelling, as in Persian. */
  rc_client_set_family_name (client, "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88");
  g_assert_true (rc_client_validate (client, NULL));
  rc_client_set_family_name (client, "Ångström\xe2\x80\x8c");
  assert_client_invalid (client, "the family name contains");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_client_notifies_changes_only (void)
{
  g_autoptr(RcClient) client = valid_client ();
  guint n_notifications = 0;

  g_signal_connect (client, "notify::family-name", G_CALLBACK (notify_cb), &n_notifications);
  rc_client_set_family_name (client, "Ångström");
  g_assert_cmpuint (n_notifications, ==, 0);
  rc_client_set_family_name (client, "Berg");
  g_assert_cmpuint (n_notifications, ==, 1);
  g_object_set (client, "family-name", "Berg", NULL);
  g_assert_cmpuint (n_notifications, ==, 1);
}

static void
test_enums (void)
{
  RcTimepoint timepoint;
  RcRater rater;
  RcAssessmentStatus status;

  g_assert_true (rc_timepoint_from_string ("follow-up", &timepoint));
  g_assert_cmpint (timepoint, ==, RC_TIMEPOINT_FOLLOW_UP);
  g_assert_cmpstr (rc_timepoint_to_string (RC_TIMEPOINT_DISCHARGE), ==, "discharge");
  g_assert_false (rc_timepoint_from_string ("Intake", &timepoint));
  g_assert_false (rc_timepoint_from_string (NULL, &timepoint));
  g_assert_true (rc_rater_from_string ("client", &rater));
  g_assert_cmpint (rater, ==, RC_RATER_CLIENT);
  g_assert_true (rc_assessment_status_from_string ("complete", &status));
  g_assert_cmpint (status, ==, RC_ASSESSMENT_COMPLETE);
  g_assert_false (rc_assessment_status_from_string ("done", &status));
}

static void
test_assessment_new (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  RcInstrument *instrument;
  g_autoptr(RcAssessment) assessment = NULL;
  g_autofree char *today = rc_date_today ();

  rc_instrument_catalog_load_builtin (catalog);
  instrument = rc_instrument_catalog_get_default (catalog);
  assessment = rc_assessment_new (CLIENT_UUID, instrument);

  g_assert_cmpstr (rc_assessment_get_date (assessment), ==, today);
  g_assert_cmpint (rc_assessment_get_status (assessment), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpuint (rc_assessment_get_version (assessment), ==, 1);
  g_assert_cmpuint (rc_assessment_get_n_ratings (assessment), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));

      g_assert_cmpstr (rc_assessment_get_rating_key (assessment, i), ==, key);
      g_assert_cmpint (rc_assessment_get_score (assessment, key), ==, RC_SCORE_UNRATED);
    }

  g_assert_true (rc_assessment_set_score (assessment, "housing", 3));
  g_assert_false (rc_assessment_set_score (assessment, "housing", 3));
  g_assert_true (rc_assessment_set_note (assessment, "housing", "Sofa surfing"));
  g_assert_false (rc_assessment_set_note (assessment, "housing", "Sofa surfing"));
  g_assert_true (rc_assessment_set_goal (assessment, "housing", "A tenancy"));
  g_assert_cmpstr (rc_assessment_get_goal (assessment, "housing"), ==, "A tenancy");
  g_assert_cmpstr (rc_assessment_get_note (assessment, "unknown"), ==, "");
}

/* Asserts that exactly @keys (NULL-terminated) of @assessment are not
 * rated yet, in that order. */
static void
assert_unrated (RcAssessment       *assessment,
                const char * const *keys)
{
  g_autoptr(GPtrArray) unrated = rc_assessment_dup_unrated_keys (assessment);

  g_assert_cmpuint (unrated->len, ==, g_strv_length ((char **) keys));
  for (guint i = 0; i < unrated->len; i++)
    g_assert_cmpstr (g_ptr_array_index (unrated, i), ==, keys[i]);
}

static void
test_assessment_unrated (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  RcInstrument *instrument;
  g_autoptr(RcAssessment) assessment = NULL;
  g_autoptr(RcAssessment) loaded = rc_assessment_new_empty ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char * const all[] = { "family", "physical-health", "coping", "spirituality",
                               "self-esteem", "finances", "support-groups", "housing", NULL };
  const char * const three[] = { "family", "spirituality", "housing", NULL };
  const char * const none[] = { NULL };

  rc_instrument_catalog_load_builtin (catalog);
  instrument = rc_instrument_catalog_get_default (catalog);
  assessment = rc_assessment_new (CLIENT_UUID, instrument);
  rc_assessment_set_assessor (assessment, "Sam Okafor");
  assert_unrated (assessment, all);

  /* Rated and deliberately not assessed both leave the list. */
  rc_test_set_scores (assessment, (const char * const []) { "physical-health=2", "coping=3",
                                                            "self-esteem=4", "finances=1",
                                                            NULL });
  g_assert_true (rc_assessment_set_score (assessment, "support-groups", RC_SCORE_NOT_ASSESSED));
  assert_unrated (assessment, three);
  g_assert_true (rc_assessment_validate (assessment, instrument, NULL));

  /* Completing with a factor not rated yet is refused, naming the first. */
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  g_assert_false (rc_assessment_validate (assessment, instrument, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  message = g_strdup_printf ("assessment %s: factor “family” is not rated yet",
                             rc_assessment_get_uuid (assessment));
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_true (rc_assessment_mark_unrated_not_assessed (assessment));
  g_assert_false (rc_assessment_mark_unrated_not_assessed (assessment));
  assert_unrated (assessment, none);
  g_assert_cmpint (rc_assessment_get_score (assessment, "family"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpint (rc_assessment_get_score (assessment, "coping"), ==, 3);
  g_assert_true (rc_assessment_validate (assessment, instrument, NULL));

  /* A draft may go back to not rated yet. */
  rc_assessment_set_status (assessment, RC_ASSESSMENT_DRAFT);
  g_assert_true (rc_assessment_set_score (assessment, "coping", RC_SCORE_UNRATED));
  g_assert_false (rc_assessment_set_score (assessment, "coping", RC_SCORE_UNRATED));
  assert_unrated (assessment, (const char * const []) { "coping", NULL });

  /* A rating that comes into being without a score is not assessed, as
   * before: only a new assessment starts its factors not rated yet. */
  rc_assessment_set_note (loaded, "housing", "Hostel");
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), ==, RC_SCORE_NOT_ASSESSED);
  assert_unrated (loaded, none);
  g_assert_false (rc_assessment_mark_unrated_not_assessed (loaded));

  g_assert_true (rc_score_is_missing (RC_SCORE_UNRATED));
  g_assert_true (rc_score_is_missing (RC_SCORE_NOT_ASSESSED));
  g_assert_false (rc_score_is_missing (0));
  g_assert_false (rc_score_is_missing (1));
}

static void
assert_assessment_invalid (RcAssessment *assessment,
                           RcInstrument *instrument,
                           const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rc_assessment_validate (assessment, instrument, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_assessment_validation (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  RcInstrument *instrument;
  g_autoptr(RcAssessment) assessment = NULL;
  g_autoptr(RcAssessment) amendment = NULL;

  rc_instrument_catalog_load_builtin (catalog);
  instrument = rc_instrument_catalog_get_default (catalog);
  assessment = rc_assessment_new (CLIENT_UUID, instrument);

  /* A draft may be saved before the assessor is filled in, not completed. */
  g_assert_true (rc_assessment_validate (assessment, instrument, NULL));
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  assert_assessment_invalid (assessment, instrument, "assessor is required");
  rc_assessment_set_status (assessment, RC_ASSESSMENT_DRAFT);
  rc_assessment_set_assessor (assessment, "Sam Okafor");
  g_assert_true (rc_assessment_validate (assessment, instrument, NULL));

  rc_assessment_set_score (assessment, "housing", 6);
  assert_assessment_invalid (assessment, instrument, "outside 1–5");
  rc_assessment_set_score (assessment, "housing", 0);
  assert_assessment_invalid (assessment, instrument, "outside 1–5");
  rc_assessment_set_score (assessment, "housing", 5);

  rc_assessment_set_date (assessment, "2024-13-01");
  assert_assessment_invalid (assessment, instrument, "YYYY-MM-DD");
  rc_assessment_set_date (assessment, "2024-12-01");

  rc_assessment_set_score (assessment, "employment", 2);
  assert_assessment_invalid (assessment, instrument, "“employment” is not in instrument");

  g_clear_object (&assessment);
  assessment = rc_assessment_new (CLIENT_UUID, instrument);
  rc_assessment_set_assessor (assessment, "Sam Okafor");
  rc_assessment_set_score (assessment, "housing", 2);
  rc_assessment_set_note (assessment, "housing", "Hostel");
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);

  amendment = rc_assessment_new_amendment (assessment, "");
  g_assert_cmpstr (rc_assessment_get_supersedes (amendment), ==,
                   rc_assessment_get_uuid (assessment));
  g_assert_cmpstr (rc_assessment_get_uuid (amendment), !=, rc_assessment_get_uuid (assessment));
  g_assert_cmpuint (rc_assessment_get_version (amendment), ==, 2);
  g_assert_cmpint (rc_assessment_get_status (amendment), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpint (rc_assessment_get_score (amendment, "housing"), ==, 2);
  g_assert_cmpstr (rc_assessment_get_note (amendment, "housing"), ==, "Hostel");
  assert_assessment_invalid (amendment, instrument, "needs a reason");
  rc_assessment_set_amendment_reason (amendment, "Housing was misrecorded");
  g_assert_true (rc_assessment_validate (amendment, instrument, NULL));

  rc_assessment_set_supersedes (amendment, NULL);
  assert_assessment_invalid (amendment, instrument, "only a later version");
}

static void
test_dates (void)
{
  g_assert_true (rc_date_is_valid ("2024-02-29"));
  g_assert_false (rc_date_is_valid ("2023-02-29"));
  g_assert_false (rc_date_is_valid ("2023-2-28"));
  g_assert_false (rc_date_is_valid ("0000-01-01"));
  g_assert_false (rc_date_is_valid ("2023-01-01x"));
  g_assert_false (rc_date_is_valid (NULL));
  g_assert_true (rc_date_is_future ("9999-12-31"));
  g_assert_false (rc_date_is_future ("2000-01-01"));
  g_assert_true (rc_timestamp_is_valid ("2026-11-23T11:10:52Z"));
  g_assert_false (rc_timestamp_is_valid ("2026-11-23T24:10:52Z"));
  g_assert_false (rc_timestamp_is_valid ("2026-11-23 11:10:52Z"));
  {
    g_autofree char *now = rc_timestamp_now ();

    g_assert_true (rc_timestamp_is_valid (now));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/client/validation", test_client_validation);
  g_test_add_func ("/model/client/text", test_client_text);
  g_test_add_func ("/model/client/notify", test_client_notifies_changes_only);
  g_test_add_func ("/model/enums", test_enums);
  g_test_add_func ("/model/assessment/new", test_assessment_new);
  g_test_add_func ("/model/assessment/validation", test_assessment_validation);
  g_test_add_func ("/model/assessment/unrated", test_assessment_unrated);
  g_test_add_func ("/model/dates", test_dates);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* Round trips through the store, and every way it must refuse a change
 * cleanly: with an error, leaving the database as it was. */

#define GIVEN_NAME "Siobhán"
#define FAMILY_NAME "Przybylski-Núñez"

static RcInstrument *
default_instrument (RcStore *store)
{
  RcInstrument *instrument =
    rc_instrument_catalog_lookup (rc_store_get_catalog (store), RC_DEFAULT_INSTRUMENT_ID, 1);

  g_assert_nonnull (instrument);
  g_assert_cmpint (rc_instrument_get_min_score (instrument), ==, 1);
  g_assert_cmpint (rc_instrument_get_max_score (instrument), ==, 5);
  return instrument;
}

static RcClient *
make_client (const char *code,
             const char *given,
             const char *family,
             const char *birth_date)
{
  RcClient *client = rc_test_make_client (code, given, family);

  rc_client_set_birth_date (client, birth_date);
  return client;
}

static RcClient *
save_new_client (RcStore    *store,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  RcClient *client = make_client (code, GIVEN_NAME, FAMILY_NAME, "1979-06-30");

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  return client;
}

/* A draft with a mix of scores, factors not rated yet, notes and goals. */
static RcAssessment *
make_assessment (RcStore  *store,
                 RcClient *client)
{
  RcInstrument *instrument = default_instrument (store);
  RcAssessment *assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);

  rc_assessment_set_timepoint (assessment, RC_TIMEPOINT_REVIEW);
  rc_assessment_set_date (assessment, "2024-03-15");
  rc_assessment_set_assessor (assessment, "K. Worker");
  rc_assessment_set_rater (assessment, RC_RATER_CLIENT);
  rc_assessment_set_score (assessment, "family", 1);
  rc_assessment_set_score (assessment, "physical-health", 5);
  rc_assessment_set_score (assessment, "housing", 3);
  rc_assessment_set_note (assessment, "family", "Sees her sister — «weekly».\nSecond line.");
  rc_assessment_set_goal (assessment, "housing", "Find a flat near the clinic");
  return assessment;
}

/* Completes @assessment as the app does: what is not rated yet is stored
 * as not assessed. */
static void
set_complete (RcAssessment *assessment)
{
  rc_assessment_mark_unrated_not_assessed (assessment);
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
}

static guint
count_actions (GPtrArray  *entries,
               const char *action)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((RcAuditEntry *) g_ptr_array_index (entries, i))->action, action))
      n++;
  return n;
}

static GPtrArray *
list_audit (RcStore    *store,
            const char *uuid)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = rc_store_list_audit_entries (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
assert_actions (RcStore    *store,
                const char *uuid,
                const char *expected)
{
  g_autoptr(GPtrArray) entries = list_audit (store, uuid);
  g_autoptr(GString) actions = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      RcAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->object_uuid, ==, uuid);
      g_assert_true (rc_timestamp_is_valid (entry->at));
      g_string_append_printf (actions, "%s%s", i > 0 ? " " : "", entry->action);
    }
  g_assert_cmpstr (actions->str, ==, expected);
}

static void
assert_no_names (const char *text)
{
  g_assert_nonnull (text);
  g_assert_null (strstr (text, GIVEN_NAME));
  g_assert_null (strstr (text, FAMILY_NAME));
  g_assert_null (strstr (text, "Siobh"));
  g_assert_null (strstr (text, "Przybylski"));
}

static RcClient *
find_client (RcStore    *store,
             const char *uuid_or_code)
{
  g_autoptr(GError) error = NULL;
  RcClient *client = rc_store_find_client (store, uuid_or_code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static void
assert_not_found (RcStore    *store,
                  const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = rc_store_find_client (store, uuid, &error);

  g_assert_null (client);
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
}

static gint64
count_clients (RcStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = rc_store_count_clients (store, &error);

  g_assert_no_error (error);
  return n;
}

static guint
count_assessments (RcStore    *store,
                   const char *client_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assessments = rc_store_list_assessments (store, client_uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (assessments);
  return assessments->len;
}

static guint
count_search (RcStore    *store,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rc_store_search_client_ids (store, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids->len;
}

/* A local date @days from today, as YYYY-MM-DD. */
static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_client_round_trip (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = make_client ("RC-000001", "Zoë Ånne", "Ångström-Łukasiewicz",
                                            "1984-02-29");
  g_autoptr(RcClient) no_birth = make_client ("RC-000002", "José", "Núñez", NULL);
  g_autoptr(RcClient) loaded = NULL;
  g_autoptr(RcClient) loaded_no_birth = NULL;
  g_autoptr(RcClient) by_id = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *uuid = g_strdup (rc_client_get_uuid (client));

  g_assert_cmpint (count_clients (store), ==, 0);
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  g_assert_true (rc_store_save_client (store, no_birth, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 2);

  /* Saving stamps the object and keeps its UUID. */
  g_assert_cmpstr (rc_client_get_uuid (client), ==, uuid);
  g_assert_true (rc_timestamp_is_valid (rc_client_get_created_at (client)));
  g_assert_true (rc_timestamp_is_valid (rc_client_get_updated_at (client)));

  loaded = find_client (store, uuid);
  rc_test_assert_clients_equal (loaded, client);
  g_assert_cmpstr (rc_client_get_given_name (loaded), ==, "Zoë Ånne");
  g_assert_cmpstr (rc_client_get_family_name (loaded), ==, "Ångström-Łukasiewicz");
  g_assert_cmpstr (rc_client_get_birth_date (loaded), ==, "1984-02-29");
  g_assert_cmpuint (rc_client_get_n_assessments (loaded), ==, 0);

  loaded_no_birth = find_client (store, "RC-000002");
  rc_test_assert_clients_equal (loaded_no_birth, no_birth);
  g_assert_null (rc_client_get_birth_date (loaded_no_birth));

  /* rc_store_load_client() by a row id from a search gives the same. */
  ids = rc_store_search_client_ids (store, "zoe", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  by_id = rc_store_load_client (store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  rc_test_assert_clients_equal (by_id, client);

  /* A new record keeps the times it carries (as from an import). */
  {
    g_autoptr(RcClient) imported = make_client ("RC-000003", "Ana", "Cruz", NULL);
    g_autoptr(RcClient) reloaded = NULL;

    rc_client_set_created_at (imported, "2020-01-02T03:04:05Z");
    rc_client_set_updated_at (imported, "2021-01-02T03:04:05Z");
    g_assert_true (rc_store_save_client (store, imported, &error));
    g_assert_no_error (error);
    reloaded = find_client (store, "RC-000003");
    g_assert_cmpstr (rc_client_get_created_at (reloaded), ==, "2020-01-02T03:04:05Z");
    g_assert_cmpstr (rc_client_get_updated_at (reloaded), ==, "2021-01-02T03:04:05Z");
  }

  assert_actions (store, uuid, "create");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_client_update (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = make_client ("RC-000010", "Maria", "Smith", "1970-01-01");
  g_autoptr(RcClient) loaded = NULL;
  g_autoptr(RcClient) stranger = NULL;
  g_autoptr(RcClient) reloaded = NULL;

  /* Old times, so that a change stamped now is visibly different. */
  rc_client_set_created_at (client, "2020-05-05T10:00:00Z");
  rc_client_set_updated_at (client, "2020-05-05T10:00:00Z");
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_search (store, "smith"), ==, 1);

  loaded = find_client (store, rc_client_get_uuid (client));
  rc_client_set_given_name (loaded, "Mária");
  rc_client_set_family_name (loaded, "Kovács");
  rc_client_set_birth_date (loaded, NULL);
  rc_client_set_clinic_code (loaded, "RC-000011");
  g_assert_true (rc_store_save_client (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 1);

  reloaded = find_client (store, rc_client_get_uuid (client));
  g_assert_cmpstr (rc_client_get_given_name (reloaded), ==, "Mária");
  g_assert_cmpstr (rc_client_get_family_name (reloaded), ==, "Kovács");
  g_assert_null (rc_client_get_birth_date (reloaded));
  g_assert_cmpstr (rc_client_get_clinic_code (reloaded), ==, "RC-000011");
  g_assert_cmpstr (rc_client_get_created_at (reloaded), ==, "2020-05-05T10:00:00Z");
  g_assert_cmpstr (rc_client_get_updated_at (reloaded), !=, "2020-05-05T10:00:00Z");
  g_assert_true (rc_timestamp_is_valid (rc_client_get_updated_at (reloaded)));
  g_assert_cmpstr (rc_client_get_updated_at (reloaded), ==, rc_client_get_updated_at (loaded));

  /* The search terms follow the new name and code. */
  g_assert_cmpuint (count_search (store, "smith"), ==, 0);
  g_assert_cmpuint (count_search (store, "maria"), ==, 1);
  g_assert_cmpuint (count_search (store, "kovacs"), ==, 1);
  g_assert_cmpuint (count_search (store, "rc-000011"), ==, 1);
  g_assert_cmpuint (count_search (store, "rc-000010"), ==, 0);
  g_assert_null (rc_store_find_client (store, "RC-000010", &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An update from an object that does not carry the creation time
   * (e.g. built afresh with the same UUID) still keeps the stored one. */
  stranger = make_client ("RC-000011", "Mária", "Kovács-Tóth", NULL);
  rc_client_set_uuid (stranger, rc_client_get_uuid (client));
  g_assert_true (rc_store_save_client (store, stranger, &error));
  g_assert_no_error (error);
  g_clear_object (&reloaded);
  reloaded = find_client (store, "RC-000011");
  g_assert_cmpstr (rc_client_get_family_name (reloaded), ==, "Kovács-Tóth");
  g_assert_cmpstr (rc_client_get_created_at (reloaded), ==, "2020-05-05T10:00:00Z");
  g_assert_cmpint (count_clients (store), ==, 1);

  assert_actions (store, rc_client_get_uuid (client), "create update update");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_client_find (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-004217");
  g_autoptr(RcClient) other = save_new_client (store, "NC-000001");
  g_autoptr(RcClient) by_uuid = NULL;
  g_autoptr(RcClient) by_upper_uuid = NULL;
  g_autoptr(RcClient) by_code = NULL;
  g_autofree char *upper = g_ascii_strup (rc_client_get_uuid (client), -1);
  g_autofree char *unknown_uuid = g_uuid_string_random ();

  by_uuid = find_client (store, rc_client_get_uuid (client));
  rc_test_assert_clients_equal (by_uuid, client);
  by_upper_uuid = find_client (store, upper);
  rc_test_assert_clients_equal (by_upper_uuid, client);
  by_code = find_client (store, "NC-000001");
  rc_test_assert_clients_equal (by_code, other);

  g_assert_null (rc_store_find_client (store, unknown_uuid, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rc_store_find_client (store, "RC-999999", &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rc_store_find_client (store, "", &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A prefix of a code is not the code. */
  g_assert_null (rc_store_find_client (store, "RC-0042", &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rc_store_load_client (store, 987654, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (rc_store_load_assessment (store, unknown_uuid, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_assessment_round_trip (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) loaded = NULL;
  g_autoptr(RcAssessment) shuffled = rc_assessment_new_empty ();
  g_autoptr(RcAssessment) loaded_shuffled = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  RcInstrument *instrument = default_instrument (store);
  const char * const order[] = { "housing", "family", "support-groups", "coping" };

  g_assert_cmpuint (rc_assessment_get_n_ratings (assessment), ==,
                    rc_instrument_get_n_factors (instrument));
  rc_assessment_set_text_language (assessment, "fr");
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  g_assert_true (rc_timestamp_is_valid (rc_assessment_get_created_at (assessment)));
  g_assert_true (rc_timestamp_is_valid (rc_assessment_get_updated_at (assessment)));

  loaded = rc_test_load_assessment (store, rc_assessment_get_uuid (assessment));
  rc_test_assert_assessments_equal (loaded, assessment);
  g_assert_cmpstr (rc_assessment_get_client_uuid (loaded), ==, rc_client_get_uuid (client));
  g_assert_cmpstr (rc_assessment_get_instrument_id (loaded), ==, RC_DEFAULT_INSTRUMENT_ID);
  g_assert_cmpuint (rc_assessment_get_instrument_version (loaded), ==, 1);
  g_assert_cmpint (rc_assessment_get_timepoint (loaded), ==, RC_TIMEPOINT_REVIEW);
  g_assert_cmpstr (rc_assessment_get_date (loaded), ==, "2024-03-15");
  g_assert_cmpstr (rc_assessment_get_assessor (loaded), ==, "K. Worker");
  g_assert_cmpint (rc_assessment_get_rater (loaded), ==, RC_RATER_CLIENT);
  g_assert_cmpint (rc_assessment_get_status (loaded), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpuint (rc_assessment_get_version (loaded), ==, 1);
  g_assert_null (rc_assessment_get_supersedes (loaded));
  g_assert_null (rc_assessment_get_amendment_reason (loaded));
  g_assert_cmpstr (rc_assessment_get_text_language (loaded), ==, "fr");
  g_assert_cmpint (rc_assessment_get_score (loaded, "family"), ==, 1);
  g_assert_cmpint (rc_assessment_get_score (loaded, "physical-health"), ==, 5);
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), ==, 3);
  g_assert_cmpint (rc_assessment_get_score (loaded, "coping"), ==, RC_SCORE_UNRATED);
  g_assert_true (rc_assessment_has_rating (loaded, "coping"));
  g_assert_cmpstr (rc_assessment_get_note (loaded, "family"), ==,
                   "Sees her sister — «weekly».\nSecond line.");
  g_assert_cmpstr (rc_assessment_get_goal (loaded, "housing"), ==, "Find a flat near the clinic");
  g_assert_cmpstr (rc_assessment_get_note (loaded, "coping"), ==, "");
  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    g_assert_cmpstr (rc_assessment_get_rating_key (loaded, i), ==,
                     rc_factor_get_key (rc_instrument_get_factor (instrument, i)));

  /* Ratings come back in the order they were set, not the instrument's. */
  rc_assessment_set_uuid (shuffled, "6b3f1c2e-0d4a-4e8b-9a51-2c7d8e9f0a1b");
  rc_assessment_set_client_uuid (shuffled, rc_client_get_uuid (client));
  rc_assessment_set_instrument (shuffled, RC_DEFAULT_INSTRUMENT_ID, 1);
  rc_assessment_set_assessor (shuffled, "A. Nother");
  rc_assessment_set_timepoint (shuffled, RC_TIMEPOINT_FOLLOW_UP);
  rc_assessment_set_date (shuffled, "2024-04-01");
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    rc_assessment_set_score (shuffled, order[i], (int) i + 2);
  rc_assessment_set_score (shuffled, "coping", RC_SCORE_NOT_ASSESSED);
  g_assert_true (rc_store_save_assessment (store, shuffled, &error));
  g_assert_no_error (error);
  loaded_shuffled = rc_test_load_assessment (store, rc_assessment_get_uuid (shuffled));
  rc_test_assert_assessments_equal (loaded_shuffled, shuffled);
  g_assert_cmpuint (rc_assessment_get_n_ratings (loaded_shuffled), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (rc_assessment_get_rating_key (loaded_shuffled, i), ==, order[i]);
  g_assert_cmpint (rc_assessment_get_score (loaded_shuffled, "coping"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpint (rc_assessment_get_score (loaded_shuffled, "support-groups"), ==, 4);

  /* Listed oldest first, both counted. */
  listed = rc_store_list_assessments (store, rc_client_get_uuid (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  rc_test_assert_assessments_equal (g_ptr_array_index (listed, 0), assessment);
  rc_test_assert_assessments_equal (g_ptr_array_index (listed, 1), shuffled);
  {
    g_autoptr(RcClient) reloaded = find_client (store, "RC-000001");

    g_assert_cmpuint (rc_client_get_n_assessments (reloaded), ==, 2);
  }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_latest_draft (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) older = make_assessment (store, client);
  g_autoptr(RcAssessment) newer = make_assessment (store, client);
  g_autoptr(RcAssessment) none = rc_store_load_latest_draft (store, &error);
  g_autoptr(RcAssessment) latest = NULL;

  g_assert_no_error (error);
  g_assert_null (none);

  rc_assessment_set_updated_at (older, "2026-01-01T09:00:00Z");
  rc_assessment_set_updated_at (newer, "2026-02-01T09:00:00Z");
  g_assert_true (rc_store_save_assessment (store, newer, &error));
  g_assert_true (rc_store_save_assessment (store, older, &error));
  g_assert_no_error (error);
  latest = rc_store_load_latest_draft (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rc_assessment_get_uuid (latest), ==, rc_assessment_get_uuid (newer));

  /* A completed assessment is no longer a draft to continue. */
  set_complete (newer);
  g_assert_true (rc_store_save_assessment (store, newer, &error));
  g_clear_object (&latest);
  latest = rc_store_load_latest_draft (store, &error);
  g_assert_cmpstr (rc_assessment_get_uuid (latest), ==, rc_assessment_get_uuid (older));
  rc_test_tmpdir_free (tmpdir);
}

/* The editor saves a draft before the assessor is typed in. */
static void
test_assessment_draft_without_assessor (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);

  rc_assessment_set_assessor (assessment, NULL);
  rc_assessment_set_score (assessment, "family", 2);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  set_complete (assessment);
  g_assert_false (rc_store_save_assessment (store, assessment, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  rc_test_tmpdir_free (tmpdir);
}

/* "Not rated yet" and "not assessed" are stored apart in a draft, and an
 * assessment with a factor not rated yet is never stored complete. */
static void
test_assessment_unrated (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "store.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) loaded = NULL;
  g_autoptr(RcAssessment) completed = NULL;
  g_autoptr(GPtrArray) unrated = NULL;
  g_autofree char *message = NULL;
  const char *uuid = rc_assessment_get_uuid (assessment);

  rc_assessment_set_score (assessment, "spirituality", RC_SCORE_NOT_ASSESSED);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  loaded = rc_test_load_assessment (store, uuid);
  g_assert_cmpint (rc_assessment_get_score (loaded, "coping"), ==, RC_SCORE_UNRATED);
  g_assert_cmpint (rc_assessment_get_score (loaded, "spirituality"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpint (rc_assessment_get_score (loaded, "family"), ==, 1);
  unrated = rc_assessment_dup_unrated_keys (loaded);
  g_assert_cmpuint (unrated->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (unrated, 0), ==, "coping");
  g_assert_cmpint (rc_test_sqlite_query_int (path, "SELECT count(*) FROM rating"
                                                   " WHERE rated = 0 AND score IS NULL"), ==, 4);

  /* Completing with factors not rated yet is refused; the draft stays. */
  rc_assessment_set_status (loaded, RC_ASSESSMENT_COMPLETE);
  g_assert_false (rc_store_save_assessment (store, loaded, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  message = g_strdup_printf ("assessment %s: factor “coping” is not rated yet", uuid);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);
  g_clear_object (&loaded);
  loaded = rc_test_load_assessment (store, uuid);
  g_assert_cmpint (rc_assessment_get_status (loaded), ==, RC_ASSESSMENT_DRAFT);
  assert_actions (store, uuid, "create");

  /* Completed as the app completes: not rated yet becomes not assessed. */
  set_complete (loaded);
  g_assert_true (rc_store_save_assessment (store, loaded, &error));
  g_assert_no_error (error);
  completed = rc_test_load_assessment (store, uuid);
  g_assert_cmpint (rc_assessment_get_status (completed), ==, RC_ASSESSMENT_COMPLETE);
  g_assert_cmpint (rc_assessment_get_score (completed, "coping"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpint (rc_test_sqlite_query_int (path, "SELECT count(*) FROM rating WHERE rated = 0"),
                   ==, 0);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_assessment_draft_resave (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) loaded = NULL;
  const char *uuid = rc_assessment_get_uuid (assessment);

  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  rc_assessment_set_score (assessment, "family", 4);
  rc_assessment_set_score (assessment, "housing", RC_SCORE_NOT_ASSESSED);
  rc_assessment_set_note (assessment, "coping", "Walks when stressed");
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  rc_assessment_set_goal (assessment, "housing", "");
  rc_assessment_set_assessor (assessment, "Another Worker");
  rc_assessment_set_timepoint (assessment, RC_TIMEPOINT_DISCHARGE);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  loaded = rc_test_load_assessment (store, uuid);
  rc_test_assert_assessments_equal (loaded, assessment);
  g_assert_cmpint (rc_assessment_get_score (loaded, "family"), ==, 4);
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpstr (rc_assessment_get_note (loaded, "coping"), ==, "Walks when stressed");
  g_assert_cmpstr (rc_assessment_get_goal (loaded, "housing"), ==, "");
  g_assert_cmpstr (rc_assessment_get_assessor (loaded), ==, "Another Worker");
  g_assert_cmpint (rc_assessment_get_timepoint (loaded), ==, RC_TIMEPOINT_DISCHARGE);
  g_assert_cmpint (rc_assessment_get_status (loaded), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpuint (count_assessments (store, rc_client_get_uuid (client)), ==, 1);

  assert_actions (store, uuid, "create update update");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* Two windows, or a window and an import, on one draft: the second save
 * of what was read before the first is refused, and nothing of the first
 * is lost. A copy keeps the refused version as a draft of its own. */
static void
test_assessment_changed_elsewhere (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(RcStore) other_store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) here = make_assessment (store, client);
  g_autoptr(RcAssessment) there = NULL;
  g_autoptr(RcAssessment) copy = NULL;
  g_autoptr(RcAssessment) loaded = NULL;
  const char *uuid = rc_assessment_get_uuid (here);

  g_assert_true (rc_store_save_assessment (store, here, &error));
  g_assert_no_error (error);
  there = rc_test_load_assessment (other_store, uuid);

  rc_assessment_set_score (there, "family", 5);
  g_assert_true (rc_store_save_assessment (other_store, there, &error));
  g_assert_no_error (error);

  rc_assessment_set_score (here, "housing", 1);
  g_assert_false (rc_store_save_assessment (store, here, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, uuid));
  g_clear_error (&error);
  loaded = rc_test_load_assessment (store, uuid);
  g_assert_cmpint (rc_assessment_get_score (loaded, "family"), ==, 5);
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), !=, 1);

  /* Completing is a save too. */
  set_complete (here);
  g_assert_false (rc_store_save_assessment (store, here, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CHANGED);
  g_clear_error (&error);
  rc_assessment_set_status (here, RC_ASSESSMENT_DRAFT);

  copy = rc_assessment_new_copy (here);
  g_assert_cmpstr (rc_assessment_get_uuid (copy), !=, uuid);
  g_assert_true (rc_store_save_assessment (store, copy, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = rc_test_load_assessment (store, rc_assessment_get_uuid (copy));
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), ==, 1);
  g_assert_cmpuint (count_assessments (store, rc_client_get_uuid (client)), ==, 2);

  /* The one that saved last goes on saving; an import over it is a change. */
  rc_assessment_set_score (there, "coping", 2);
  g_assert_true (rc_store_save_assessment (other_store, there, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = rc_test_load_assessment (store, uuid);
  g_assert_true (rc_store_import_assessment (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_false (rc_store_save_assessment (other_store, there, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CHANGED);

  g_clear_object (&store);
  g_clear_object (&other_store);
  rc_test_tmpdir_free (tmpdir);
}

/* Codes are one code whatever their case, width or surrounding space. */
static void
test_constraint_code_variants (void)
{
  static const char *variants[] = {
    "rc-100", "Rc-100", " RC-100", "RC-100 ", "\xef\xbc\xb2\xef\xbc\xa3-100",
    "\xef\xbd\x92" "c-\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90",
  };
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(RcClient) first = save_new_client (store, "RC-100");

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(RcClient) twin = make_client (variants[i], "Other", "Person", NULL);
      g_autoptr(RcClient) found = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (rc_store_save_client (store, twin, &error));
      g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
      g_clear_error (&error);
      found = rc_store_find_client (store, variants[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rc_client_get_uuid (found), ==, rc_client_get_uuid (first));
    }
  g_assert_cmpint (count_clients (store), ==, 1);
  g_assert_cmpuint (count_search (store, "person"), ==, 0);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* A write cut short by the file size limit (as a full disk would cut
 * it) says so in words, RC_ERROR_FULL, and leaves the stored draft. */
static void
test_write_past_size_limit (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) loaded = NULL;
  g_autofree char *wal = g_strconcat (rc_store_get_path (store), "-wal", NULL);
  g_autofree char *long_note = g_strnfill (200 * 1024, 'x');
  struct rlimit saved, limit;
  GStatBuf wal_stat;

  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &wal_stat), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = (rlim_t) wal_stat.st_size;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  rc_assessment_set_note (assessment, "coping", long_note);
  g_assert_false (rc_store_save_assessment (store, assessment, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, RC_ERROR, RC_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "the file size limit is reached"));
  loaded = rc_test_load_assessment (store, rc_assessment_get_uuid (assessment));
  g_assert_cmpstr (rc_assessment_get_note (loaded, "coping"), ==, "");

  /* With room again, the same save lands. */
  g_clear_error (&error);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* With no room for the WAL's -shm index (a full disk, here the file
 * size limit), SQLite cannot even read; the store reads with the index
 * in memory instead, and a write says why it fails. */
static void
test_read_without_room (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "store.db", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(RcClient) saved = save_new_client (store, "RC-000001");
  g_autoptr(RcClient) found = NULL;
  g_autoptr(RcClient) another = rc_test_make_client ("RC-000002", "Ana", "Ruiz");
  g_autoptr(GError) error = NULL;
  struct rlimit saved_limit, limit;

  g_clear_object (&store);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  limit = saved_limit;
  /* The index takes 32 KiB. */
  limit.rlim_cur = 16 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  store = rc_test_open_store (path);
  g_assert_cmpint (rc_store_count_clients (store, &error), ==, 1);
  g_assert_no_error (error);
  found = rc_store_find_client (store, "RC-000001", &error);
  g_assert_no_error (error);
  rc_test_assert_clients_equal (found, saved);
  g_assert_false (rc_store_save_client (store, another, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_FULL);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* Once a check finds damage, nothing is written, whoever asks; a
 * restore replaces the damaged content, and writes go on. */
static void
test_refused_writes (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(RcClient) first = save_new_client (store, "RC-000001");
  g_autoptr(RcClient) client = rc_test_make_client ("RC-000002", "Ana", "Ruiz");
  g_autoptr(GError) damage = g_error_new_literal (RC_ERROR, RC_ERROR_DATABASE, "damaged");
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  backup = rc_store_make_backup (store, RC_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_null (rc_store_get_write_refusal (store));

  rc_store_refuse_writes (store, damage);
  g_assert_error (rc_store_get_write_refusal (store), RC_ERROR, RC_ERROR_DATABASE);
  before = rc_test_file_checksum (rc_store_get_path (store));
  g_assert_false (rc_store_save_client (store, client, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (rc_store_begin (store, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_DATABASE);
  g_clear_error (&error);
  after = rc_test_file_checksum (rc_store_get_path (store));
  g_assert_cmpstr (after, ==, before);

  g_assert_true (rc_store_restore (store, backup, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (rc_store_get_write_refusal (store));
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rc_store_count_clients (store, &error), ==, 2);
  g_assert_no_error (error);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_assessment_complete_locks (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) completed = NULL;
  g_autoptr(RcAssessment) after = NULL;
  g_autoptr(RcAssessment) impostor = NULL;
  const char *uuid = rc_assessment_get_uuid (assessment);

  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  rc_assessment_set_score (assessment, "coping", 2);
  set_complete (assessment);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  completed = rc_test_load_assessment (store, uuid);
  g_assert_cmpint (rc_assessment_get_status (completed), ==, RC_ASSESSMENT_COMPLETE);
  g_assert_cmpint (rc_assessment_get_score (completed, "coping"), ==, 2);
  rc_test_assert_assessments_equal (completed, assessment);

  /* Any further save is refused, whatever it would change. */
  rc_assessment_set_score (assessment, "coping", 5);
  rc_assessment_set_note (assessment, "family", "changed");
  rc_assessment_set_assessor (assessment, "Someone Else");
  g_assert_false (rc_store_save_assessment (store, assessment, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_LOCKED);
  g_clear_error (&error);

  /* Also as a draft under the same UUID. */
  rc_assessment_set_status (assessment, RC_ASSESSMENT_DRAFT);
  g_assert_false (rc_store_save_assessment (store, assessment, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_LOCKED);
  g_clear_error (&error);

  impostor = rc_assessment_new (rc_client_get_uuid (client), default_instrument (store));
  rc_assessment_set_uuid (impostor, uuid);
  rc_assessment_set_assessor (impostor, "Impostor");
  g_assert_false (rc_store_save_assessment (store, impostor, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_LOCKED);
  g_clear_error (&error);

  after = rc_test_load_assessment (store, uuid);
  rc_test_assert_assessments_equal (after, completed);
  g_assert_cmpint (rc_assessment_get_score (after, "coping"), ==, 2);
  g_assert_cmpstr (rc_assessment_get_note (after, "family"), ==,
                   "Sees her sister — «weekly».\nSecond line.");
  g_assert_cmpstr (rc_assessment_get_assessor (after), ==, "K. Worker");

  /* The refused saves left no trace in the audit log either. */
  assert_actions (store, uuid, "create update complete");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_assessment_complete_at_once (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) assessment = make_assessment (store, client);
  g_autoptr(RcAssessment) loaded = NULL;

  set_complete (assessment);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  loaded = rc_test_load_assessment (store, rc_assessment_get_uuid (assessment));
  rc_test_assert_assessments_equal (loaded, assessment);
  g_assert_cmpint (rc_assessment_get_status (loaded), ==, RC_ASSESSMENT_COMPLETE);
  assert_actions (store, rc_assessment_get_uuid (assessment), "create complete");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_assessment_amend (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) original = make_assessment (store, client);
  g_autoptr(RcAssessment) no_reason = NULL;
  g_autoptr(RcAssessment) null_reason = NULL;
  g_autoptr(RcAssessment) amendment = NULL;
  g_autoptr(RcAssessment) second = NULL;
  g_autoptr(RcAssessment) loaded = NULL;
  g_autoptr(RcAssessment) loaded_original = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(RcClient) reloaded = NULL;
  const char *client_uuid = rc_client_get_uuid (client);
  const char *uuid = rc_assessment_get_uuid (original);

  set_complete (original);
  g_assert_true (rc_store_save_assessment (store, original, &error));
  g_assert_no_error (error);

  /* An amendment needs a reason. */
  no_reason = rc_assessment_new_amendment (original, "");
  g_assert_false (rc_store_save_assessment (store, no_reason, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_clear_error (&error);
  null_reason = rc_assessment_new_amendment (original, NULL);
  g_assert_false (rc_store_save_assessment (store, null_reason, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_assessments (store, client_uuid), ==, 1);

  amendment = rc_assessment_new_amendment (original, "Housing was scored for the wrong week");
  g_assert_cmpstr (rc_assessment_get_uuid (amendment), !=, uuid);
  g_assert_cmpuint (rc_assessment_get_version (amendment), ==, 2);
  g_assert_cmpstr (rc_assessment_get_supersedes (amendment), ==, uuid);
  g_assert_cmpint (rc_assessment_get_status (amendment), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpint (rc_assessment_get_score (amendment, "housing"), ==, 3);
  rc_assessment_set_score (amendment, "housing", 4);
  g_assert_true (rc_store_save_assessment (store, amendment, &error));
  g_assert_no_error (error);
  set_complete (amendment);
  g_assert_true (rc_store_save_assessment (store, amendment, &error));
  g_assert_no_error (error);

  loaded = rc_test_load_assessment (store, rc_assessment_get_uuid (amendment));
  rc_test_assert_assessments_equal (loaded, amendment);
  g_assert_cmpuint (rc_assessment_get_version (loaded), ==, 2);
  g_assert_cmpstr (rc_assessment_get_supersedes (loaded), ==, uuid);
  g_assert_cmpstr (rc_assessment_get_amendment_reason (loaded), ==,
                   "Housing was scored for the wrong week");
  g_assert_cmpint (rc_assessment_get_status (loaded), ==, RC_ASSESSMENT_COMPLETE);
  g_assert_cmpint (rc_assessment_get_score (loaded, "housing"), ==, 4);

  /* The original is kept as it was. */
  loaded_original = rc_test_load_assessment (store, uuid);
  rc_test_assert_assessments_equal (loaded_original, original);
  g_assert_cmpint (rc_assessment_get_score (loaded_original, "housing"), ==, 3);

  listed = rc_store_list_assessments (store, client_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (rc_assessment_get_uuid (g_ptr_array_index (listed, 0)), ==, uuid);
  g_assert_cmpstr (rc_assessment_get_uuid (g_ptr_array_index (listed, 1)), ==,
                   rc_assessment_get_uuid (amendment));

  /* The chain counts once. */
  reloaded = find_client (store, client_uuid);
  g_assert_cmpuint (rc_client_get_n_assessments (reloaded), ==, 1);

  /* A version can be amended only once. */
  second = rc_assessment_new_amendment (original, "Another reason");
  g_assert_false (rc_store_save_assessment (store, second, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == RC_ERROR);
  g_assert_true (error->code == RC_ERROR_CONFLICT || error->code == RC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_assessments (store, client_uuid), ==, 2);

  /* Amending the amendment: version 3, still one assessment. */
  {
    g_autoptr(RcAssessment) third = rc_assessment_new_amendment (loaded, "Typo in a goal");
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(RcClient) again = NULL;

    g_assert_cmpuint (rc_assessment_get_version (third), ==, 3);
    g_assert_cmpstr (rc_assessment_get_supersedes (third), ==,
                     rc_assessment_get_uuid (amendment));
    set_complete (third);
    g_assert_true (rc_store_save_assessment (store, third, &error));
    g_assert_no_error (error);
    all = rc_store_list_assessments (store, client_uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 3);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpuint (rc_assessment_get_version (g_ptr_array_index (all, i)), ==, i + 1);
    again = find_client (store, client_uuid);
    g_assert_cmpuint (rc_client_get_n_assessments (again), ==, 1);
    assert_actions (store, rc_assessment_get_uuid (third), "create amend");
  }

  assert_actions (store, uuid, "create complete");
  assert_actions (store, rc_assessment_get_uuid (amendment), "create update amend");
  {
    g_autoptr(GPtrArray) entries = list_audit (store, rc_assessment_get_uuid (amendment));
    RcAuditEntry *amend = g_ptr_array_index (entries, 2);

    g_assert_cmpstr (amend->object_type, ==, "assessment");
    g_assert_cmpstr (amend->detail, ==, uuid);
  }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
assert_entries_have_no_names (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      RcAuditEntry *entry = g_ptr_array_index (entries, i);

      assert_no_names (entry->detail);
      assert_no_names (entry->actor);
      assert_no_names (entry->action);
      assert_no_names (entry->object_type);
      assert_no_names (entry->object_uuid);
      g_assert_cmpstr (entry->actor, ==, g_get_user_name ());
    }
}

/* What a walk saw, and when it should stop. */
typedef struct
{
  RcStore   *store;
  GPtrArray *uuids;
  guint      stop_after;
} Walk;

static gboolean
check_profile_cb (RcClient   *client,
                  GPtrArray  *assessments,
                  gpointer    user_data,
                  GError    **error)
{
  Walk *walk = user_data;
  g_autoptr(RcClient) found = find_client (walk->store, rc_client_get_uuid (client));
  g_autoptr(GPtrArray) listed = NULL;

  /* The same client and assessments as the one-client calls give. */
  rc_test_assert_clients_equal (client, found);
  g_assert_cmpuint (rc_client_get_n_assessments (client), ==,
                    rc_client_get_n_assessments (found));
  listed = rc_store_list_assessments (walk->store, rc_client_get_uuid (client), NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (assessments->len, ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    rc_test_assert_assessments_equal (g_ptr_array_index (assessments, i),
                                      g_ptr_array_index (listed, i));

  g_ptr_array_add (walk->uuids, g_strdup (rc_client_get_uuid (client)));
  if (walk->uuids->len == walk->stop_after)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "stopped");
      return FALSE;
    }
  return TRUE;
}

static void
test_profile_walk (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) amended = save_new_client (store, "RC-000001");
  g_autoptr(RcClient) without = save_new_client (store, "RC-000002");
  g_autoptr(RcClient) drafted = save_new_client (store, "RC-000003");
  g_autoptr(RcAssessment) original = make_assessment (store, amended);
  g_autoptr(RcAssessment) amendment = NULL;
  g_autoptr(RcAssessment) draft = make_assessment (store, drafted);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  Walk walk = { store, uuids, 0 };
  const char *selected[] = { rc_client_get_uuid (drafted), rc_client_get_uuid (without), NULL };

  set_complete (original);
  g_assert_true (rc_store_save_assessment (store, original, &error));
  amendment = rc_assessment_new_amendment (original, "Wrong week");
  /* Set in an order that is neither the instrument's nor the keys'. */
  rc_assessment_set_score (amendment, "support-groups", 2);
  rc_assessment_set_score (amendment, "coping", 4);
  g_assert_true (rc_store_save_assessment (store, amendment, &error));
  g_assert_true (rc_store_save_assessment (store, draft, &error));
  g_assert_no_error (error);

  /* Every client, in UUID order, each with its assessments. */
  g_assert_true (rc_store_foreach_profile (store, NULL, check_profile_cb, &walk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uuids->len, ==, 3);
  for (guint i = 1; i < uuids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (uuids, i - 1), <, g_ptr_array_index (uuids, i));

  /* Only the selected clients, still in UUID order. */
  g_ptr_array_set_size (uuids, 0);
  g_assert_true (rc_store_foreach_profile (store, selected, check_profile_cb, &walk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uuids->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (uuids, selected[0], g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (uuids, selected[1], g_str_equal, NULL));

  /* A callback that fails stops the walk with its error. */
  g_ptr_array_set_size (uuids, 0);
  walk.stop_after = 1;
  g_assert_false (rc_store_foreach_profile (store, NULL, check_profile_cb, &walk, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_IO);
  g_assert_cmpuint (uuids->len, ==, 1);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_audit_log (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "store.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) original = make_assessment (store, client);
  g_autoptr(RcAssessment) amendment = NULL;
  g_autoptr(GPtrArray) client_entries = NULL;
  g_autoptr(GPtrArray) original_entries = NULL;
  g_autoptr(GPtrArray) amendment_entries = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *unknown = g_uuid_string_random ();
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  guint n_rows = 0;

  /* Change the name, so that both the old and the new one are checked. */
  rc_client_set_family_name (client, "Przybylski");
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  rc_client_set_family_name (client, FAMILY_NAME);
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);

  set_complete (original);
  g_assert_true (rc_store_save_assessment (store, original, &error));
  g_assert_no_error (error);
  amendment = rc_assessment_new_amendment (original, "Corrected after talking with Siobhán");
  set_complete (amendment);
  g_assert_true (rc_store_save_assessment (store, amendment, &error));
  g_assert_no_error (error);

  client_entries = list_audit (store, rc_client_get_uuid (client));
  original_entries = list_audit (store, rc_assessment_get_uuid (original));
  amendment_entries = list_audit (store, rc_assessment_get_uuid (amendment));
  g_assert_cmpuint (count_actions (client_entries, "create"), ==, 1);
  g_assert_cmpuint (count_actions (client_entries, "update"), ==, 2);
  g_assert_cmpuint (count_actions (original_entries, "create"), ==, 1);
  g_assert_cmpuint (count_actions (original_entries, "complete"), ==, 1);
  g_assert_cmpuint (count_actions (amendment_entries, "create"), ==, 1);
  g_assert_cmpuint (count_actions (amendment_entries, "amend"), ==, 1);
  g_assert_cmpuint (count_actions (amendment_entries, "complete"), ==, 0);
  assert_entries_have_no_names (client_entries);
  assert_entries_have_no_names (original_entries);
  assert_entries_have_no_names (amendment_entries);
  for (guint i = 0; i < client_entries->len; i++)
    g_assert_cmpstr (((RcAuditEntry *) g_ptr_array_index (client_entries, i))->object_type, ==,
                     "client");

  none = list_audit (store, unknown);
  g_assert_cmpuint (none->len, ==, 0);

  /* The whole table, read beside the store, holds no name either (nor
   * the amendment reason, which is the assessment's own text). */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT at || actor || action || object_type ||"
                                       " object_uuid || detail FROM audit_log", -1,
                                       &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (statement, 0);

      assert_no_names (row);
      g_assert_null (strstr (row, "Corrected"));
      n_rows++;
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  g_assert_cmpuint (n_rows, ==, client_entries->len + original_entries->len +
                    amendment_entries->len);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_constraint_duplicate_code (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) first = save_new_client (store, "RC-000001");
  g_autoptr(RcClient) second = save_new_client (store, "RC-000002");
  g_autoptr(RcClient) duplicate = make_client ("RC-000001", "Other", "Person", NULL);
  g_autoptr(RcClient) unchanged = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_false (rc_store_save_client (store, duplicate, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_assert_true (strstr (error->message, "RC-000001") != NULL);
  assert_no_names (error->message);
  g_clear_error (&error);

  g_assert_cmpint (count_clients (store), ==, 2);
  g_assert_null (rc_store_find_client (store, rc_client_get_uuid (duplicate), &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_search (store, "person"), ==, 0);
  entries = list_audit (store, rc_client_get_uuid (duplicate));
  g_assert_cmpuint (entries->len, ==, 0);

  /* Changing a stored client to another's code is refused too. */
  rc_client_set_clinic_code (second, "RC-000001");
  rc_client_set_given_name (second, "Renamed");
  g_assert_false (rc_store_save_client (store, second, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_clear_error (&error);
  unchanged = find_client (store, "RC-000002");
  g_assert_cmpstr (rc_client_get_given_name (unchanged), ==, GIVEN_NAME);
  g_clear_object (&unchanged);
  unchanged = find_client (store, rc_client_get_uuid (first));
  g_assert_cmpstr (rc_client_get_clinic_code (unchanged), ==, "RC-000001");
  g_assert_cmpstr (rc_client_get_given_name (unchanged), ==, GIVEN_NAME);
  g_assert_cmpuint (count_search (store, "renamed"), ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_audit (store, rc_client_get_uuid (second));
  g_assert_cmpuint (entries->len, ==, 1);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
assert_client_invalid (RcStore  *store,
                       RcClient *client)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rc_store_save_client (store, client, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  /* Messages name the field or the code, never the person. */
  assert_no_names (error->message);
}

static void
test_constraint_client_invalid (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *next_year = date_from_today (366);
  g_autofree char *today = date_from_today (0);
  const char * const bad_dates[] = {
    "2023-02-30", "tomorrow", "2023-13-01", "2023-00-10", "1990-1-1", "19900101",
    "1990-01-01T00:00:00Z", "", "0000-01-01", tomorrow, next_year,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(RcClient) client = make_client ("RC-000001", GIVEN_NAME, FAMILY_NAME,
                                                bad_dates[i]);

      g_test_message ("birth date “%s”", bad_dates[i]);
      assert_client_invalid (store, client);
    }

  {
    const char *names[][2] = {
      { "", FAMILY_NAME }, { GIVEN_NAME, "" }, { "   ", FAMILY_NAME }, { GIVEN_NAME, "\t\n" },
      { NULL, FAMILY_NAME }, { GIVEN_NAME, NULL }, { "bad \xff", FAMILY_NAME },
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(RcClient) client = make_client ("RC-000001", names[i][0], names[i][1], NULL);

        assert_client_invalid (store, client);
      }
  }

  {
    g_autoptr(RcClient) no_code = make_client (NULL, GIVEN_NAME, FAMILY_NAME, NULL);
    g_autoptr(RcClient) empty_code = make_client ("", GIVEN_NAME, FAMILY_NAME, NULL);
    g_autoptr(RcClient) bad_uuid = make_client ("RC-000001", GIVEN_NAME, FAMILY_NAME, NULL);
    g_autoptr(RcClient) null_uuid = make_client ("RC-000001", GIVEN_NAME, FAMILY_NAME, NULL);

    assert_client_invalid (store, no_code);
    assert_client_invalid (store, empty_code);
    rc_client_set_uuid (bad_uuid, "not-a-uuid");
    assert_client_invalid (store, bad_uuid);
    rc_client_set_uuid (bad_uuid, "' OR 1=1 --");
    assert_client_invalid (store, bad_uuid);
    rc_client_set_uuid (null_uuid, NULL);
    assert_client_invalid (store, null_uuid);
  }

  g_assert_cmpint (count_clients (store), ==, 0);

  /* Today, and no date at all, are fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RcClient) born_today = make_client ("RC-000001", GIVEN_NAME, FAMILY_NAME, today);

    g_assert_true (rc_store_save_client (store, born_today, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_clients (store), ==, 1);
  }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
assert_assessment_invalid (RcStore      *store,
                           RcAssessment *assessment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rc_store_save_assessment (store, assessment, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  assert_no_names (error->message);
}

static void
test_constraint_assessment_invalid (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  const char *client_uuid = rc_client_get_uuid (client);
  RcInstrument *instrument = default_instrument (store);
  const int bad_scores[] = { 0, 6, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (bad_scores); i++)
    {
      g_autoptr(RcAssessment) assessment = make_assessment (store, client);

      rc_assessment_set_score (assessment, "coping", bad_scores[i]);
      assert_assessment_invalid (store, assessment);
      /* Also when completing. */
      set_complete (assessment);
      assert_assessment_invalid (store, assessment);
    }

  {
    g_autoptr(RcAssessment) unknown_factor = make_assessment (store, client);
    g_autoptr(RcAssessment) unknown_instrument = make_assessment (store, client);
    g_autoptr(RcAssessment) unknown_version = make_assessment (store, client);
    g_autoptr(RcAssessment) bad_uuid = make_assessment (store, client);
    g_autoptr(RcAssessment) no_assessor = make_assessment (store, client);
    g_autoptr(RcAssessment) bad_date = make_assessment (store, client);
    g_autoptr(RcAssessment) stray_version = make_assessment (store, client);
    g_autoptr(RcAssessment) bad_supersedes = make_assessment (store, client);
    g_autoptr(RcAssessment) no_client = NULL;
    g_autoptr(RcAssessment) bad_client = NULL;
    g_autofree char *unknown_uuid = g_uuid_string_random ();

    rc_assessment_set_score (unknown_factor, "no-such-factor", 3);
    assert_assessment_invalid (store, unknown_factor);

    rc_assessment_set_instrument (unknown_instrument, "no-such-instrument", 1);
    assert_assessment_invalid (store, unknown_instrument);

    rc_assessment_set_instrument (unknown_version, RC_DEFAULT_INSTRUMENT_ID, 99);
    assert_assessment_invalid (store, unknown_version);

    no_client = rc_assessment_new (unknown_uuid, instrument);
    rc_assessment_set_assessor (no_client, "K. Worker");
    assert_assessment_invalid (store, no_client);

    bad_client = rc_assessment_new ("not-a-uuid", instrument);
    rc_assessment_set_assessor (bad_client, "K. Worker");
    assert_assessment_invalid (store, bad_client);

    rc_assessment_set_uuid (bad_uuid, "not-a-uuid");
    assert_assessment_invalid (store, bad_uuid);
    rc_assessment_set_uuid (bad_uuid, "");
    assert_assessment_invalid (store, bad_uuid);

    /* A draft may wait for its assessor; a completed assessment may not. */
    rc_assessment_set_assessor (no_assessor, "  ");
    set_complete (no_assessor);
    assert_assessment_invalid (store, no_assessor);

    rc_assessment_set_date (bad_date, "2024-02-30");
    assert_assessment_invalid (store, bad_date);

    /* A version 2 that supersedes nothing, or something not stored. */
    rc_assessment_set_version (stray_version, 2);
    assert_assessment_invalid (store, stray_version);
    rc_assessment_set_supersedes (bad_supersedes, unknown_uuid);
    rc_assessment_set_version (bad_supersedes, 2);
    rc_assessment_set_amendment_reason (bad_supersedes, "a reason");
    assert_assessment_invalid (store, bad_supersedes);
  }

  /* An amendment of a draft is refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RcAssessment) draft = make_assessment (store, client);
    g_autoptr(RcAssessment) amendment = make_assessment (store, client);

    g_assert_true (rc_store_save_assessment (store, draft, &error));
    g_assert_no_error (error);
    rc_assessment_set_version (amendment, 2);
    rc_assessment_set_supersedes (amendment, rc_assessment_get_uuid (draft));
    rc_assessment_set_amendment_reason (amendment, "a reason");
    assert_assessment_invalid (store, amendment);
  }

  g_assert_cmpuint (count_assessments (store, client_uuid), ==, 1);
  {
    g_autoptr(RcClient) reloaded = find_client (store, client_uuid);

    g_assert_cmpuint (rc_client_get_n_assessments (reloaded), ==, 1);
  }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_transaction_nested_rollback (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) a = make_client ("RC-000001", "Anna", "Outer", NULL);
  g_autoptr(RcClient) b = make_client ("RC-000002", "Bert", "Inner", NULL);
  g_autoptr(RcClient) c = make_client ("RC-000003", "Cleo", "Kept", NULL);
  g_autoptr(RcClient) dup = make_client ("RC-000003", "Dora", "Duplicate", NULL);
  g_autoptr(GPtrArray) entries = NULL;

  /* Inner rollback drops only the inner write; outer rollback the rest. */
  g_assert_true (rc_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (rc_store_save_client (store, a, &error));
  g_assert_no_error (error);
  g_assert_true (rc_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (rc_store_save_client (store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 2);
  rc_store_rollback (store);
  g_assert_cmpint (count_clients (store), ==, 1);
  assert_not_found (store, rc_client_get_uuid (b));
  {
    g_autoptr(RcClient) still = find_client (store, rc_client_get_uuid (a));

    g_assert_cmpstr (rc_client_get_family_name (still), ==, "Outer");
  }
  rc_store_rollback (store);
  g_assert_cmpint (count_clients (store), ==, 0);
  assert_not_found (store, rc_client_get_uuid (a));
  g_assert_cmpuint (count_search (store, NULL), ==, 0);

  /* A committed inner level is still undone by the outer rollback. */
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, b, &error));
  g_assert_true (rc_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 1);
  rc_store_rollback (store);
  g_assert_cmpint (count_clients (store), ==, 0);

  entries = list_audit (store, rc_client_get_uuid (a));
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_audit (store, rc_client_get_uuid (b));
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A failed save inside a transaction undoes only itself. */
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, c, &error));
  g_assert_no_error (error);
  g_assert_false (rc_store_save_client (store, dup, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (rc_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 1);
  assert_not_found (store, rc_client_get_uuid (dup));
  entries = list_audit (store, rc_client_get_uuid (dup));
  g_assert_cmpuint (entries->len, ==, 0);

  /* The store is usable afterwards: a plain save commits. */
  g_assert_true (rc_store_save_client (store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 2);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_persistence_reopen (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "store.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = make_client ("RC-000001", "Zoë", "Ångström", "1990-12-31");
  g_autoptr(RcAssessment) assessment = NULL;
  g_autoptr(RcClient) reloaded = NULL;
  g_autoptr(RcAssessment) reloaded_assessment = NULL;
  g_autoptr(RcClient) rolled_back = make_client ("RC-000002", "Never", "Stored", NULL);

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  assessment = make_assessment (store, client);
  set_complete (assessment);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);

  /* Left in an open transaction at close: must not be kept. */
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, rolled_back, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = rc_test_open_store (path);
  g_assert_cmpint (rc_store_get_schema_version (store), ==, RC_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (rc_store_get_path (store), ==, path);
  g_assert_cmpint (count_clients (store), ==, 1);
  reloaded = find_client (store, "RC-000001");
  rc_test_assert_clients_equal (reloaded, client);
  g_assert_cmpuint (rc_client_get_n_assessments (reloaded), ==, 1);
  reloaded_assessment = rc_test_load_assessment (store, rc_assessment_get_uuid (assessment));
  rc_test_assert_assessments_equal (reloaded_assessment, assessment);
  g_assert_cmpuint (count_search (store, "angstrom"), ==, 1);
  g_assert_cmpuint (count_search (store, "never"), ==, 0);
  assert_actions (store, rc_client_get_uuid (client), "create");
  assert_actions (store, rc_assessment_get_uuid (assessment), "create complete");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* What GTK's file chooser does with the folder it shows: asks each
 * file's type, which GIO tells from its first bytes when the name does
 * not, opening and closing it. */
static void
list_folder_as_file_chooser (const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  GFileInfo *info;

  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    g_object_unref (info);
  g_assert_no_error (error);
}

/* Another program reading the database, as `recovery-capital-cli list`
 * does: this program again, in a process of its own (a fork would share
 * SQLite's memory of the file's locks). Being the last connection to
 * close, it checkpoints the WAL and deletes it. */
static int
print_client_count (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2 (db, "SELECT count(*) FROM client", -1, &statement, NULL) ==
             SQLITE_OK &&
           sqlite3_step (statement) == SQLITE_ROW;

  if (ok)
    g_print ("%d", sqlite3_column_int (statement, 0));
  sqlite3_finalize (statement);
  return sqlite3_close (db) == SQLITE_OK && ok ? 0 : 1;
}

static int
count_clients_elsewhere (const char *path)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { program, "--count-clients", path, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (program);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return atoi (output);
}

/* GTK's file chooser showing the database's folder drops this process's
 * locks on its files; another program closing the database then deletes
 * the WAL the store writes to, and what is saved after goes into a file
 * no one else reads and that a crash takes with it. With @data,
 * reconnecting after the chooser takes the locks again; without, the
 * test shows the harm. */
static void
test_after_lost_locks (gconstpointer data)
{
  gboolean reconnect = GPOINTER_TO_INT (data);
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "clients.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(RcClient) first = save_new_client (store, "RC-000001");
  g_autoptr(RcClient) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (rc_test_count_own_posix_locks (), >, 0);
  list_folder_as_file_chooser (tmpdir);
  g_assert_cmpuint (rc_test_count_own_posix_locks (), ==, 0);
  if (reconnect)
    {
      g_assert_true (rc_store_reconnect (store, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rc_test_count_own_posix_locks (), >, 0);
      g_assert_null (rc_store_get_write_refusal (store));
    }

  g_assert_cmpint (count_clients_elsewhere (path), ==, 1);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS) == reconnect);
  second = save_new_client (store, "RC-000002");
  g_assert_cmpint (count_clients_elsewhere (path), ==, reconnect ? 2 : 1);
  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* A file put in the database's place while it was open is not taken for
 * it: the store refuses writes and leaves the new file as it is. */
static void
test_reconnect_refuses_replaced_file (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "clients.db", NULL);
  g_autofree char *other = g_build_filename (tmpdir, "other.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_length, after_length;

  {
    g_autoptr(RcStore) other_store = rc_test_open_store (other);
  }
  g_assert_true (g_file_get_contents (other, &before, &before_length, NULL));
  g_assert_cmpint (g_rename (other, path), ==, 0);
  g_assert_false (rc_store_reconnect (store, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "replaced"));
  g_assert_nonnull (rc_store_get_write_refusal (store));
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_files_permissions (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *a = g_build_filename (tmpdir, "a", NULL);
  g_autofree char *b = g_build_filename (tmpdir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "a", "b", "c.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(RcStore) store = NULL;
  g_autoptr(RcClient) client = NULL;
  mode_t old_umask;

  /* With no umask to help, the store itself must keep others out. */
  old_umask = umask (0);
  store = rc_test_open_store (path);
  client = save_new_client (store, "RC-000001");
  rc_test_assert_mode (a, 0700);
  rc_test_assert_mode (b, 0700);
  rc_test_assert_mode (path, 0600);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    rc_test_assert_mode (wal, 0600);
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    rc_test_assert_mode (shm, 0600);
  g_clear_object (&store);
  umask (old_umask);

  rc_test_assert_mode (path, 0600);
  /* WAL is checkpointed and removed on close. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Reopening keeps the modes. */
  store = rc_test_open_store (path);
  rc_test_assert_mode (path, 0600);
  g_assert_cmpint (count_clients (store), ==, 1);
  g_clear_object (&store);

  rc_test_tmpdir_free (tmpdir);
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RcStore) store = rc_store_open (path, catalog, &error);

  g_assert_null (store);
  g_assert_error (error, RC_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_files_bad_parent (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *file = g_build_filename (tmpdir, "regular-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "store.db", NULL);
  g_autofree char *directly_under = g_build_filename (file, "store.db", NULL);
  g_autofree char *as_folder = g_build_filename (tmpdir, "folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, &error));
  g_assert_no_error (error);

  assert_open_fails (under_file, RC_ERROR_IO);
  assert_open_fails (directly_under, RC_ERROR_IO);

  /* The regular file is untouched. */
  g_assert_true (g_file_get_contents (file, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "not a folder");

  /* A folder where the database should be. */
  g_assert_cmpint (g_mkdir (as_folder, 0700), ==, 0);
  assert_open_fails (as_folder, RC_ERROR_IO);

  rc_test_tmpdir_free (tmpdir);
}

/* What a rolled-back transaction wrote must not be found by a search,
 * even when a search ran while it was still open. Reports failures rather
 * than asserting, so that each case is tried. */
static void
check_search (RcStore    *store,
              const char *text,
              guint       expected,
              const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rc_store_search_client_ids (store, text, &error);
  g_autoptr(GPtrArray) clients = NULL;

  g_assert_no_error (error);
  if (ids->len != expected)
    {
      g_test_message ("FAIL %s: search “%s” gives %u clients, not %u", when, text, ids->len,
                      expected);
      g_test_fail_printf ("%s: search “%s” gives %u clients, not %u", when, text, ids->len,
                          expected);
    }
  clients = rc_store_search_clients (store, text, &error);
  if (error != NULL)
    {
      g_test_message ("FAIL %s: rc_store_search_clients (“%s”) fails: %s", when, text,
                      error->message);
      g_test_fail_printf ("%s: rc_store_search_clients (“%s”) fails: %s", when, text,
                          error->message);
    }
}

static void
test_search_after_rollback (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) kept = make_client ("RC-000001", "Kim", "Kept", NULL);
  g_autoptr(RcClient) a = make_client ("RC-000002", "Anna", "Outer", NULL);
  g_autoptr(RcClient) b = make_client ("RC-000003", "Bert", "Inner", NULL);
  g_autoptr(RcClient) renamed = NULL;

  g_assert_true (rc_store_save_client (store, kept, &error));
  g_assert_no_error (error);
  check_search (store, "kept", 1, "before");

  /* Searched inside the transaction, then rolled back. */
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, a, &error));
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, b, &error));
  g_assert_no_error (error);
  check_search (store, "inner", 1, "inside the inner level");
  rc_store_rollback (store);
  check_search (store, "inner", 0, "after the inner rollback");
  check_search (store, "outer", 1, "after the inner rollback");
  rc_store_rollback (store);
  check_search (store, "outer", 0, "after the outer rollback");
  check_search (store, "inner", 0, "after the outer rollback");
  check_search (store, "kept", 1, "after the outer rollback");

  /* A rename searched for, then rolled back: the old name finds again. */
  renamed = find_client (store, "RC-000001");
  rc_client_set_family_name (renamed, "Changed");
  g_assert_true (rc_store_begin (store, &error));
  g_assert_true (rc_store_save_client (store, renamed, &error));
  g_assert_no_error (error);
  check_search (store, "changed", 1, "inside a rename");
  rc_store_rollback (store);
  check_search (store, "changed", 0, "after a rolled-back rename");
  check_search (store, "kept", 1, "after a rolled-back rename");

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* A reason of only spaces is no reason, as a blank assessor or name is
 * no assessor or name. Reports a failure rather than asserting. */
static void
test_assessment_blank_reason (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = save_new_client (store, "RC-000001");
  g_autoptr(RcAssessment) original = make_assessment (store, client);
  g_autoptr(RcAssessment) blank = NULL;

  set_complete (original);
  g_assert_true (rc_store_save_assessment (store, original, &error));
  g_assert_no_error (error);

  blank = rc_assessment_new_amendment (original, " \t\n ");
  if (rc_store_save_assessment (store, blank, &error))
    g_test_fail_printf ("an amendment whose reason is only white space was stored");
  else
    g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* g_uuid_string_is_valid() accepts upper-case hex digits, so such a UUID
 * (from an import, say) passes validation and is stored as it is; it must
 * then be found by that same UUID. Reports a failure rather than
 * asserting, so that the rest of the test still cleans up. */
static void
test_client_uppercase_uuid (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = make_client ("RC-000001", GIVEN_NAME, FAMILY_NAME, NULL);
  g_autofree char *random_uuid = g_uuid_string_random ();
  g_autofree char *upper = g_ascii_strup (random_uuid, -1);
  g_autoptr(RcClient) found = NULL;

  g_assert_true (g_uuid_string_is_valid (upper));
  rc_client_set_uuid (client, upper);
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (store), ==, 1);

  found = rc_store_find_client (store, upper, &error);
  if (found == NULL)
    g_test_fail_printf ("a client saved with the upper-case UUID %s is not found by it: %s",
                        upper, error != NULL ? error->message : "(no error)");
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (rc_client_get_clinic_code (found), ==, "RC-000001");
    }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  char *home = NULL;
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "--count-clients"))
    return print_client_count (argv[2]);
  home = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (home);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/client/round-trip", test_client_round_trip);
  g_test_add_func ("/store/client/update", test_client_update);
  g_test_add_func ("/store/client/find", test_client_find);
  g_test_add_func ("/store/assessment/round-trip", test_assessment_round_trip);
  g_test_add_func ("/store/assessment/draft-resave", test_assessment_draft_resave);
  g_test_add_func ("/store/assessment/changed-elsewhere", test_assessment_changed_elsewhere);
  g_test_add_func ("/store/constraint/code-variants", test_constraint_code_variants);
  g_test_add_func ("/store/errors/file-size-limit", test_write_past_size_limit);
  g_test_add_func ("/store/errors/read-without-room", test_read_without_room);
  g_test_add_func ("/store/errors/refused-writes", test_refused_writes);
  g_test_add_func ("/store/assessment/unrated", test_assessment_unrated);
  g_test_add_func ("/store/assessment/latest-draft", test_latest_draft);
  g_test_add_func ("/store/assessment/draft-without-assessor",
                   test_assessment_draft_without_assessor);
  g_test_add_func ("/store/assessment/complete-locks", test_assessment_complete_locks);
  g_test_add_func ("/store/assessment/complete-at-once", test_assessment_complete_at_once);
  g_test_add_func ("/store/assessment/amend", test_assessment_amend);
  g_test_add_func ("/store/profile/walk", test_profile_walk);
  g_test_add_func ("/store/audit/log", test_audit_log);
  g_test_add_func ("/store/constraint/duplicate-code", test_constraint_duplicate_code);
  g_test_add_func ("/store/constraint/client-invalid", test_constraint_client_invalid);
  g_test_add_func ("/store/constraint/assessment-invalid", test_constraint_assessment_invalid);
  g_test_add_func ("/store/transaction/nested-rollback", test_transaction_nested_rollback);
  g_test_add_func ("/store/persistence/reopen", test_persistence_reopen);
  g_test_add_func ("/store/files/permissions", test_files_permissions);
  g_test_add_data_func ("/store/files/lost-locks", GINT_TO_POINTER (FALSE), test_after_lost_locks);
  g_test_add_data_func ("/store/files/reconnect", GINT_TO_POINTER (TRUE), test_after_lost_locks);
  g_test_add_func ("/store/files/reconnect-replaced", test_reconnect_refuses_replaced_file);
  g_test_add_func ("/store/files/bad-parent", test_files_bad_parent);
  g_test_add_func ("/store/search/after-rollback", test_search_after_rollback);
  g_test_add_func ("/store/amendment/blank-reason", test_assessment_blank_reason);
  g_test_add_func ("/store/uuid/upper-case", test_client_uppercase_uuid);

  ret = g_test_run ();
  rc_test_tmpdir_free (home);
  return ret;
}

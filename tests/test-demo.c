/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "rc-core.h"
#include "rc-demo-pools.h"
#include "rc-test-util.h"

/* rc_demo_generate(): reproducible, believable synthetic clients, checked
 * through the store API against fresh databases in temporary folders. */

typedef struct
{
  char                *tmpdir;
  RcInstrumentCatalog *catalog;
  RcInstrument        *instrument;
} Fixture;

static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);

  fixture->tmpdir = rc_test_tmpdir_new ();
  fixture->catalog = rc_instrument_catalog_new_default ();
  fixture->instrument = rc_instrument_catalog_get_default (fixture->catalog);
  g_assert_nonnull (fixture->instrument);
  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  if (fixture == NULL)
    return;
  g_clear_object (&fixture->catalog);
  rc_test_tmpdir_free (fixture->tmpdir);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static RcStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  RcStore *store = rc_store_open (path, fixture->catalog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
generate (Fixture *fixture,
          RcStore *store,
          guint    n_clients,
          guint32  seed)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = rc_demo_generate (store, fixture->instrument, n_clients, seed, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* A fresh store in @name with @n_clients from @seed. */
static RcStore *
demo_store (Fixture    *fixture,
            const char *name,
            guint       n_clients,
            guint32     seed)
{
  RcStore *store = open_store (fixture, name);

  generate (fixture, store, n_clients, seed);
  return store;
}

/* Every client, in list order. */
static GPtrArray *
all_clients (RcStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clients = rc_store_search_clients (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (clients);
  return clients;
}

static GPtrArray *
assessments_of (RcStore  *store,
                RcClient *client)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *assessments = rc_store_list_assessments (store, rc_client_get_uuid (client), &error);

  g_assert_no_error (error);
  g_assert_nonnull (assessments);
  return assessments;
}

static gboolean
is_non_ascii (const char *text)
{
  return !g_str_is_ascii (text);
}

/* Same seed, same data */

static void
test_same_seed (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) first = demo_store (fixture, "first.db", 40, 42);
  g_autoptr(RcStore) second = NULL;
  g_autoptr(GPtrArray) clients_a = NULL;
  g_autoptr(GPtrArray) clients_b = NULL;

  /* "The same data on any day": anything taken from the clock instead of
   * the seed would differ after this pause. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  second = demo_store (fixture, "second.db", 40, 42);

  clients_a = all_clients (first);
  clients_b = all_clients (second);
  g_assert_cmpuint (clients_a->len, ==, 40);
  g_assert_cmpuint (clients_b->len, ==, 40);
  for (guint i = 0; i < clients_a->len; i++)
    {
      RcClient *a = g_ptr_array_index (clients_a, i);
      RcClient *b = g_ptr_array_index (clients_b, i);
      g_autoptr(GPtrArray) assessments_a = assessments_of (first, a);
      g_autoptr(GPtrArray) assessments_b = assessments_of (second, b);

      rc_test_assert_clients_equal (a, b);
      g_assert_cmpuint (rc_client_get_n_assessments (a), ==, rc_client_get_n_assessments (b));
      g_assert_cmpuint (assessments_a->len, ==, assessments_b->len);
      for (guint j = 0; j < assessments_a->len; j++)
        rc_test_assert_assessments_equal (g_ptr_array_index (assessments_a, j),
                                          g_ptr_array_index (assessments_b, j));
    }
}

static void
test_different_seed (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) first = demo_store (fixture, "first.db", 40, 42);
  g_autoptr(RcStore) second = demo_store (fixture, "second.db", 40, 43);
  g_autoptr(GPtrArray) clients_a = all_clients (first);
  g_autoptr(GPtrArray) clients_b = all_clients (second);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  guint same_uuid = 0, same_name = 0;

  g_assert_cmpuint (clients_a->len, ==, 40);
  g_assert_cmpuint (clients_b->len, ==, 40);
  for (guint i = 0; i < clients_a->len; i++)
    g_hash_table_add (uuids, (gpointer) rc_client_get_uuid (g_ptr_array_index (clients_a, i)));
  for (guint i = 0; i < clients_b->len; i++)
    {
      RcClient *a = g_ptr_array_index (clients_a, i);
      RcClient *b = g_ptr_array_index (clients_b, i);
      g_autofree char *name_a = rc_client_dup_full_name (a);
      g_autofree char *name_b = rc_client_dup_full_name (b);

      if (g_hash_table_contains (uuids, rc_client_get_uuid (b)))
        same_uuid++;
      if (g_str_equal (name_a, name_b))
        same_name++;
    }
  g_assert_cmpuint (same_uuid, ==, 0);
  g_assert_cmpuint (same_name, <, 40);
}

/* Running twice adds to what is there */

static void
assert_codes_one_to (RcStore *store,
                     guint    n)
{
  g_autoptr(GPtrArray) clients = all_clients (store);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rc_store_count_clients (store, &error), ==, n);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, n);
  for (guint i = 0; i < clients->len; i++)
    g_assert_true (g_hash_table_add (codes, (gpointer) rc_client_get_clinic_code (
                                                        g_ptr_array_index (clients, i))));
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *code = g_strdup_printf ("RC-%06u", i);

      if (!g_hash_table_contains (codes, code))
        g_error ("no client has the clinic code %s", code);
    }
}

static void
test_twice_codes_follow_on (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) store = demo_store (fixture, "twice.db", 5, 1);
  g_autoptr(RcStore) alone = demo_store (fixture, "alone.db", 5, 1);
  g_autoptr(GPtrArray) before = all_clients (store);

  assert_codes_one_to (store, 5);
  generate (fixture, store, 7, 2);
  assert_codes_one_to (store, 12);

  /* The first five are untouched: same UUIDs under the same codes, the
   * same as a database that only had the first run. */
  for (guint i = 0; i < before->len; i++)
    {
      RcClient *old = g_ptr_array_index (before, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) reference_error = NULL;
      g_autoptr(RcClient) now = rc_store_find_client (store, rc_client_get_clinic_code (old),
                                                      &error);
      g_autoptr(RcClient) reference = rc_store_find_client (alone, rc_client_get_uuid (old),
                                                            &reference_error);

      g_assert_no_error (error);
      g_assert_no_error (reference_error);
      rc_test_assert_clients_equal (old, now);
      g_assert_cmpuint (rc_client_get_n_assessments (old), ==, rc_client_get_n_assessments (now));
      rc_test_assert_clients_equal (old, reference);
      g_assert_cmpuint (rc_client_get_n_assessments (old), ==,
                        rc_client_get_n_assessments (reference));
    }
}

/* `demo-data --clients N` twice uses the default seed both times; that too
 * must add N more clients, not clash with the first run's. */
static void
test_twice_same_seed (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) store = demo_store (fixture, "twice.db", 5, 1);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  assert_codes_one_to (store, 5);
  ok = rc_demo_generate (store, fixture->instrument, 5, 1, &error);
  if (error != NULL)
    g_test_message ("second run: %s", error->message);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_codes_one_to (store, 10);
}

/* Histories */

static const char * const known_timepoints[] = { "intake", "review", "discharge", "follow-up" };

static void
test_histories (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) store = demo_store (fixture, "histories.db", 200, 5);
  g_autoptr(GPtrArray) clients = all_clients (store);
  g_autoptr(GHashTable) full_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) assessors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RcInstrument *instrument = fixture->instrument;
  int min = rc_instrument_get_min_score (instrument);
  int max = rc_instrument_get_max_score (instrument);
  guint n_factors = rc_instrument_get_n_factors (instrument);
  guint n_drafts = 0, n_complete = 0, n_client_rated = 0, n_non_ascii = 0;
  guint n_not_assessed = 0, n_scores = 0;
  guint by_count[7] = { 0 };
  GHashTableIter iter;
  gpointer assessor;

  g_assert_cmpuint (clients->len, ==, 200);
  for (guint i = 0; i < clients->len; i++)
    g_hash_table_add (full_names, rc_client_dup_full_name (g_ptr_array_index (clients, i)));

  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) assessments = assessments_of (store, client);
      guint n = rc_client_get_n_assessments (client);
      gboolean seen_draft = FALSE;
      RcTimepoint previous_timepoint = RC_TIMEPOINT_INTAKE;
      guint n_worker = 0;

      g_assert_true (g_uuid_string_is_valid (rc_client_get_uuid (client)));
      g_assert_true (g_regex_match_simple ("^RC-[0-9]{6}$", rc_client_get_clinic_code (client),
                                           0, 0));
      g_assert_nonnull (rc_client_get_birth_date (client));
      g_assert_true (rc_date_is_valid (rc_client_get_birth_date (client)));
      g_assert_false (rc_date_is_future (rc_client_get_birth_date (client)));
      if (is_non_ascii (rc_client_get_given_name (client)) ||
          is_non_ascii (rc_client_get_family_name (client)))
        n_non_ascii++;

      /* 1–6 assessment chains; without amendments, one assessment each. */
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, 6);
      by_count[n]++;
      g_assert_cmpuint (assessments->len, ==, n);

      for (guint j = 0; j < assessments->len; j++)
        {
          RcAssessment *assessment = g_ptr_array_index (assessments, j);
          RcTimepoint timepoint = rc_assessment_get_timepoint (assessment);
          const char *timepoint_name = rc_timepoint_to_string (timepoint);
          gboolean worker = rc_assessment_get_rater (assessment) == RC_RATER_WORKER;

          g_assert_cmpstr (rc_assessment_get_client_uuid (assessment), ==,
                           rc_client_get_uuid (client));
          g_assert_true (g_uuid_string_is_valid (rc_assessment_get_uuid (assessment)));
          g_assert_cmpstr (rc_assessment_get_instrument_id (assessment), ==,
                           rc_instrument_get_id (instrument));
          g_assert_cmpuint (rc_assessment_get_version (assessment), ==, 1);
          g_assert_null (rc_assessment_get_supersedes (assessment));
          g_assert_true (rc_timestamp_is_valid (rc_assessment_get_created_at (assessment)));
          g_assert_true (rc_timestamp_is_valid (rc_assessment_get_updated_at (assessment)));

          /* Timepoints from the known set. The history opens with an
           * intake; the key worker's assessments then run intake, reviews,
           * discharge, follow-up, in that order. */
          g_assert_nonnull (timepoint_name);
          g_assert_true (g_strv_contains (known_timepoints, timepoint_name));
          if (j == 0)
            g_assert_cmpint (timepoint, ==, RC_TIMEPOINT_INTAKE);
          if (worker)
            {
              if (n_worker == 0)
                g_assert_cmpint (timepoint, ==, RC_TIMEPOINT_INTAKE);
              else
                {
                  g_assert_cmpint (timepoint, !=, RC_TIMEPOINT_INTAKE);
                  g_assert_cmpint (timepoint, >=, previous_timepoint);
                }
              previous_timepoint = timepoint;
              n_worker++;
            }
          else
            {
              /* A client rates themselves at one of the worker's sittings:
               * the same day and timepoint. */
              gboolean at_sitting = FALSE;

              n_client_rated++;
              for (guint k = 0; k < assessments->len; k++)
                {
                  RcAssessment *other = g_ptr_array_index (assessments, k);

                  if (rc_assessment_get_rater (other) == RC_RATER_WORKER &&
                      g_str_equal (rc_assessment_get_date (other),
                                   rc_assessment_get_date (assessment)) &&
                      rc_assessment_get_timepoint (other) == timepoint)
                    at_sitting = TRUE;
                }
              g_assert_true (at_sitting);
            }

          /* Only the worker's latest assessment may still be a draft. */
          if (rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT)
            {
              n_drafts++;
              g_assert_true (worker);
              g_assert_false (seen_draft);
              seen_draft = TRUE;
            }
          else
            {
              g_assert_cmpint (rc_assessment_get_status (assessment), ==, RC_ASSESSMENT_COMPLETE);
              if (worker)
                g_assert_false (seen_draft);
              n_complete++;
            }

          /* Assessors are staff, never one of the clients. */
          g_assert_nonnull (rc_assessment_get_assessor (assessment));
          g_assert_cmpstr (rc_assessment_get_assessor (assessment), !=, "");
          if (g_hash_table_contains (full_names, rc_assessment_get_assessor (assessment)))
            g_error ("assessor “%s” is also a client's name",
                     rc_assessment_get_assessor (assessment));
          g_hash_table_add (assessors, g_strdup (rc_assessment_get_assessor (assessment)));

          /* Every factor rated within the scale, or not assessed. */
          g_assert_cmpuint (rc_assessment_get_n_ratings (assessment), ==, n_factors);
          for (guint f = 0; f < n_factors; f++)
            {
              const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, f));
              int score = rc_assessment_get_score (assessment, key);

              g_assert_true (rc_assessment_has_rating (assessment, key));
              if (score == RC_SCORE_NOT_ASSESSED)
                n_not_assessed++;
              else
                {
                  g_assert_cmpint (score, >=, min);
                  g_assert_cmpint (score, <=, max);
                  n_scores++;
                }
            }
        }
    }

  g_test_message ("%u drafts, %u complete, %u client-rated, %u non-ASCII names, %u assessors",
                  n_drafts, n_complete, n_client_rated, n_non_ascii,
                  g_hash_table_size (assessors));
  g_assert_cmpuint (n_drafts, >, 0);
  g_assert_cmpuint (n_complete, >, 4 * n_drafts);
  g_assert_cmpuint (n_client_rated, >, 0);
  g_assert_cmpuint (n_non_ascii, >, 0);
  /* Some factors go unassessed, but few. */
  g_assert_cmpuint (n_not_assessed, >, 0);
  g_assert_cmpuint (n_not_assessed, <, n_scores / 5);
  /* More than one key worker, and every history length occurs. */
  g_assert_cmpuint (g_hash_table_size (assessors), >, 1);
  for (guint n = 1; n <= 6; n++)
    g_assert_cmpuint (by_count[n], >, 0);

  /* Every assessor comes from the staff pool, and no staff name could be
   * a client's: no given name and family name of the client pools make it. */
  g_hash_table_iter_init (&iter, assessors);
  while (g_hash_table_iter_next (&iter, &assessor, NULL))
    {
      gboolean in_pool = FALSE;

      for (gsize k = 0; k < rc_demo_staff_names.n_items; k++)
        in_pool = in_pool || g_str_equal (assessor, rc_demo_staff_names.items[k]);
      if (!in_pool)
        g_error ("assessor “%s” is not in the staff pool", (const char *) assessor);
    }
  for (gsize k = 0; k < rc_demo_staff_names.n_items; k++)
    for (gsize g = 0; g < rc_demo_given_names.n_items; g++)
      for (gsize f = 0; f < rc_demo_family_names.n_items; f++)
        {
          g_autofree char *client_name = g_strjoin (" ", rc_demo_given_names.items[g],
                                                    rc_demo_family_names.items[f], NULL);

          if (g_str_equal (client_name, rc_demo_staff_names.items[k]))
            g_error ("staff name “%s” could be a client's", client_name);
        }
}

/* Dates: valid, in the past, and in order. */
static void
test_dates (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) store = demo_store (fixture, "dates.db", 200, 5);
  g_autoptr(GPtrArray) clients = all_clients (store);
  g_autofree char *today = rc_date_today ();
  g_autofree char *latest = g_strdup ("0000-00-00");
  guint n_future = 0;

  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) assessments = assessments_of (store, client);
      const char *previous_worker_date = NULL;
      const char *previous_date = NULL;

      for (guint j = 0; j < assessments->len; j++)
        {
          RcAssessment *assessment = g_ptr_array_index (assessments, j);
          const char *date = rc_assessment_get_date (assessment);

          g_assert_true (rc_date_is_valid (date));
          g_assert_cmpstr (date, >, rc_client_get_birth_date (client));
          /* The assessment is recorded on the day it was taken. */
          g_assert_true (g_str_has_prefix (rc_assessment_get_created_at (assessment), date));
          if (previous_date != NULL)
            g_assert_cmpstr (previous_date, <=, date);
          previous_date = date;
          /* Successive sittings are weeks apart. */
          if (rc_assessment_get_rater (assessment) == RC_RATER_WORKER)
            {
              if (previous_worker_date != NULL)
                g_assert_cmpstr (previous_worker_date, <, date);
              previous_worker_date = date;
            }
          if (rc_date_is_future (date))
            n_future++;
          if (strcmp (date, latest) > 0)
            {
              g_free (latest);
              latest = g_strdup (date);
            }
        }
    }
  g_test_message ("latest assessment date %s, today %s, %u in the future", latest, today,
                  n_future);
  if (n_future > 0)
    g_error ("%u demo assessments are dated after today (%s); the latest is %s", n_future,
             today, latest);
}

/* Trajectories: better on average, not for everyone. */
static void
test_trajectory (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(RcStore) store = demo_store (fixture, "trajectory.db", 300, 9);
  g_autoptr(GPtrArray) clients = all_clients (store);
  double intake_sum = 0.0, last_sum = 0.0;
  guint n_compared = 0, n_improved = 0, n_not_improved = 0;

  g_assert_cmpuint (clients->len, ==, 300);
  for (guint i = 0; i < clients->len; i++)
    {
      g_autoptr(GPtrArray) assessments = assessments_of (store, g_ptr_array_index (clients, i));
      RcAssessment *intake = NULL;
      RcAssessment *last = NULL;
      RcScoreSummary at_intake, at_last;

      for (guint j = 0; j < assessments->len; j++)
        {
          RcAssessment *assessment = g_ptr_array_index (assessments, j);

          if (rc_assessment_get_rater (assessment) != RC_RATER_WORKER ||
              rc_assessment_get_status (assessment) != RC_ASSESSMENT_COMPLETE)
            continue;
          if (intake == NULL && rc_assessment_get_timepoint (assessment) == RC_TIMEPOINT_INTAKE)
            intake = assessment;
          last = assessment;
        }
      if (intake == NULL || last == NULL || last == intake)
        continue;
      rc_score_assessment (intake, fixture->instrument, &at_intake);
      rc_score_assessment (last, fixture->instrument, &at_last);
      if (!at_intake.has_total || !at_last.has_total)
        continue;

      n_compared++;
      intake_sum += at_intake.total;
      last_sum += at_last.total;
      if (at_last.total > at_intake.total)
        n_improved++;
      else
        n_not_improved++;
    }

  g_test_message ("%u clients compared: mean total %.2f at intake, %.2f at the last; %u better,"
                  " %u not", n_compared, intake_sum / n_compared, last_sum / n_compared,
                  n_improved, n_not_improved);
  g_assert_cmpuint (n_compared, >=, 150);
  g_assert_cmpfloat (last_sum / n_compared, >, intake_sum / n_compared);
  g_assert_cmpuint (n_improved, >, n_not_improved);
  g_assert_cmpuint (n_not_improved, >, 0);
}

typedef struct
{
  const char *path;
  void      (*func) (void);
} Test;

static const Test tests[] = {
  { "/demo/same-seed", test_same_seed },
  { "/demo/different-seed", test_different_seed },
  { "/demo/twice/codes-follow-on", test_twice_codes_follow_on },
  { "/demo/twice/same-seed", test_twice_same_seed },
  { "/demo/histories", test_histories },
  { "/demo/dates", test_dates },
  { "/demo/trajectory", test_trajectory },
};

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  int status;

  rc_test_isolate_data_home (tmpdir);
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_func (tests[i].path, tests[i].func);

  status = g_test_run ();
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
  return status;
}

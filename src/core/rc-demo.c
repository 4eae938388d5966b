/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-demo"

#include "config.h"

#include <math.h>

#include "rc-demo-pools.h"
#include "rc-demo.h"

/* Synthetic clients for demonstrations, tests and benchmarks: invented
 * people with believable histories. Everything, UUIDs and timestamps
 * included, comes from one seeded generator, so the same seed gives the
 * same data on any machine and any day. */

/* Histories lie between these days, fixed so that the data are the same
 * whenever they are made, and never in the future. */
#define FIRST_DAY_JULIAN 737791  /* 2021-01-01 */
#define LAST_DAY_JULIAN 739797   /* 2026-06-30 */
#define LAST_YEAR 2026
#define MAX_ASSESSMENTS 6
#define MAX_FACTORS 64

typedef struct
{
  GRand        *rand;
  RcStore      *store;
  RcInstrument *instrument;
  const char   *key_worker;
} Demo;

static const char *
pick (Demo             *demo,
      const RcDemoPool *pool)
{
  return pool->items[g_rand_int_range (demo->rand, 0, (gint32) pool->n_items)];
}

static gboolean
chance (Demo   *demo,
        double  probability)
{
  return g_rand_double (demo->rand) < probability;
}

static char *
make_uuid (Demo *demo)
{
  guint8 bytes[16];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (demo->rand, 0, 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
make_timestamp (Demo        *demo,
                const GDate *date)
{
  g_autofree char *day = format_date (date);

  return g_strdup_printf ("%sT%02d:%02d:00Z", day, g_rand_int_range (demo->rand, 8, 18),
                          g_rand_int_range (demo->rand, 0, 60));
}

static RcClient *
make_client (Demo  *demo,
             guint  number)
{
  RcClient *client = rc_client_new ();
  g_autofree char *uuid = make_uuid (demo);
  g_autofree char *code = g_strdup_printf ("RC-%06u", number);
  g_autofree char *birth_date = NULL;
  g_autofree char *family_name = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_rand_int_range (demo->rand, 1, 29),
                  (GDateMonth) g_rand_int_range (demo->rand, 1, 13),
                  (GDateYear) (LAST_YEAR - g_rand_int_range (demo->rand, 18, 76)));
  birth_date = format_date (&date);

  /* Some people carry two family names. */
  if (chance (demo, 0.08))
    family_name = g_strdup_printf ("%s %s", pick (demo, &rc_demo_family_names),
                                   pick (demo, &rc_demo_family_names));
  else
    family_name = g_strdup (pick (demo, &rc_demo_family_names));

  rc_client_set_uuid (client, uuid);
  rc_client_set_clinic_code (client, code);
  rc_client_set_given_name (client, pick (demo, &rc_demo_given_names));
  rc_client_set_family_name (client, family_name);
  rc_client_set_birth_date (client, birth_date);
  return client;
}

/* The timepoints of a history of @n assessments: an intake, reviews, and
 * for longer ones a discharge and a follow-up. */
static RcTimepoint
timepoint_at (guint i,
              guint n)
{
  if (i == 0)
    return RC_TIMEPOINT_INTAKE;
  if (n >= 4 && i == n - 1)
    return RC_TIMEPOINT_FOLLOW_UP;
  if ((n >= 4 && i == n - 2) || (n == 3 && i == 2))
    return RC_TIMEPOINT_DISCHARGE;
  return RC_TIMEPOINT_REVIEW;
}

typedef struct
{
  double baseline[MAX_FACTORS];
  double slope[MAX_FACTORS];
} Trajectory;

/* Starting levels differ from person to person and factor to factor; most
 * people gain over treatment, some hold steady, a few lose ground. */
static void
make_trajectory (Demo       *demo,
                 Trajectory *trajectory,
                 guint       n_factors)
{
  double person_level = 1.5 + g_rand_double (demo->rand) * 1.5;
  double person_slope = chance (demo, 0.7) ? g_rand_double_range (demo->rand, 0.2, 0.7)
                        : chance (demo, 0.6) ? g_rand_double_range (demo->rand, -0.1, 0.1)
                        : g_rand_double_range (demo->rand, -0.5, -0.1);

  for (guint f = 0; f < n_factors && f < G_N_ELEMENTS (trajectory->baseline); f++)
    {
      trajectory->baseline[f] = person_level + g_rand_double_range (demo->rand, -1.0, 1.0);
      trajectory->slope[f] = person_slope + g_rand_double_range (demo->rand, -0.2, 0.2);
    }
}

static void
rate (Demo             *demo,
      RcAssessment     *assessment,
      const Trajectory *trajectory,
      guint             step)
{
  int min = rc_instrument_get_min_score (demo->instrument);
  int max = rc_instrument_get_max_score (demo->instrument);

  for (guint f = 0; f < rc_instrument_get_n_factors (demo->instrument); f++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (demo->instrument, f));
      double level = trajectory->baseline[f] + trajectory->slope[f] * step +
                     g_rand_double_range (demo->rand, -0.5, 0.5);

      if (chance (demo, 0.04))
        {
          rc_assessment_set_score (assessment, key, RC_SCORE_NOT_ASSESSED);
          continue;
        }
      rc_assessment_set_score (assessment, key, CLAMP ((int) lround (level), min, max));
      if (f < G_N_ELEMENTS (rc_demo_notes) && chance (demo, 0.3))
        rc_assessment_set_note (assessment, key, pick (demo, &rc_demo_notes[f]));
      if (f < G_N_ELEMENTS (rc_demo_goals) && chance (demo, 0.5))
        rc_assessment_set_goal (assessment, key, pick (demo, &rc_demo_goals[f]));
    }
}

static RcAssessment *
make_assessment (Demo        *demo,
                 RcClient    *client,
                 RcTimepoint  timepoint,
                 RcRater      rater,
                 const GDate *date)
{
  RcAssessment *assessment = rc_assessment_new (rc_client_get_uuid (client), demo->instrument);
  g_autofree char *uuid = make_uuid (demo);
  g_autofree char *day = format_date (date);
  g_autofree char *stamp = make_timestamp (demo, date);

  rc_assessment_set_uuid (assessment, uuid);
  rc_assessment_set_timepoint (assessment, timepoint);
  rc_assessment_set_rater (assessment, rater);
  rc_assessment_set_date (assessment, day);
  rc_assessment_set_assessor (assessment, chance (demo, 0.85) ? demo->key_worker
                                          : pick (demo, &rc_demo_staff_names));
  rc_assessment_set_created_at (assessment, stamp);
  rc_assessment_set_updated_at (assessment, stamp);
  return assessment;
}

static gboolean
save_rated (Demo              *demo,
            RcAssessment      *assessment,
            const Trajectory  *trajectory,
            guint              step,
            gboolean           complete,
            GError           **error)
{
  rate (demo, assessment, trajectory, step);
  rc_assessment_set_status (assessment, complete ? RC_ASSESSMENT_COMPLETE : RC_ASSESSMENT_DRAFT);
  return rc_store_save_assessment (demo->store, assessment, error);
}

/* The days of a history of @n assessments: some weeks apart, a few
 * months before the follow-up, ending by LAST_DAY_JULIAN. */
static void
plan_dates (Demo  *demo,
            guint  n,
            GDate  dates[MAX_ASSESSMENTS])
{
  guint gaps[MAX_ASSESSMENTS] = { 0 };
  guint span = 0;

  for (guint i = 1; i < n; i++)
    {
      gaps[i] = timepoint_at (i, n) == RC_TIMEPOINT_FOLLOW_UP
                ? (guint) g_rand_int_range (demo->rand, 90, 180)
                : (guint) g_rand_int_range (demo->rand, 42, 112);
      span += gaps[i];
    }
  for (guint i = 0; i < n; i++)
    {
      g_date_clear (&dates[i], 1);
      if (i == 0)
        g_date_set_julian (&dates[i], (guint32) g_rand_int_range (demo->rand, FIRST_DAY_JULIAN,
                                                                  LAST_DAY_JULIAN - (gint32) span));
      else
        {
          dates[i] = dates[i - 1];
          g_date_add_days (&dates[i], gaps[i]);
        }
    }
}

static gboolean
make_history (Demo      *demo,
              RcClient  *client,
              GError   **error)
{
  guint n = (guint) g_rand_int_range (demo->rand, 1, MAX_ASSESSMENTS + 1);
  gboolean last_is_draft = chance (demo, 0.1);
  g_autofree char *registered = NULL;
  GDate dates[MAX_ASSESSMENTS];
  Trajectory trajectory;

  plan_dates (demo, n, dates);
  make_trajectory (demo, &trajectory, rc_instrument_get_n_factors (demo->instrument));
  demo->key_worker = pick (demo, &rc_demo_staff_names);

  /* The client was registered on the day of the intake. */
  registered = make_timestamp (demo, &dates[0]);
  rc_client_set_created_at (client, registered);
  rc_client_set_updated_at (client, registered);
  if (!rc_store_save_client (demo->store, client, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      RcTimepoint timepoint = timepoint_at (i, n);
      g_autoptr(RcAssessment) assessment =
        make_assessment (demo, client, timepoint, RC_RATER_WORKER, &dates[i]);

      if (!save_rated (demo, assessment, &trajectory, i, !(last_is_draft && i == n - 1), error))
        return FALSE;

      /* Now and then the client rates themselves at the same sitting, so
       * that the two views can be compared. */
      if (n < MAX_ASSESSMENTS && i == 0 && chance (demo, 0.15))
        {
          g_autoptr(RcAssessment) own =
            make_assessment (demo, client, timepoint, RC_RATER_CLIENT, &dates[i]);

          if (!save_rated (demo, own, &trajectory, i, TRUE, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
generate (Demo     *demo,
          guint     first_number,
          guint     n_clients,
          GError  **error)
{
  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(RcClient) client = make_client (demo, first_number + i);

      if (!make_history (demo, client, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * rc_demo_generate:
 * @instrument: the instrument the demo assessments are taken with
 * @n_clients: how many clients to add
 * @seed: the same seed gives the same clients
 *
 * Adds @n_clients synthetic clients with 1–6 assessments each, all in one
 * transaction. Clinic codes follow on from the number of clients stored;
 * the same seed on a database with the same number of clients gives the
 * same data.
 */
gboolean
rc_demo_generate (RcStore       *store,
                  RcInstrument  *instrument,
                  guint          n_clients,
                  guint32        seed,
                  GError       **error)
{
  g_autoptr(GRand) rand = NULL;
  gint64 existing;
  Demo demo = { NULL, store, instrument, NULL };

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (RC_IS_INSTRUMENT (instrument), FALSE);

  if (!rc_store_begin (store, error))
    return FALSE;
  existing = rc_store_count_clients (store, error);
  if (existing < 0)
    {
      rc_store_rollback (store);
      return FALSE;
    }

  /* The clients already stored are part of the seed: a second run with
   * the same seed adds new people rather than repeating the first. */
  rand = g_rand_new_with_seed_array ((const guint32[]) { seed, (guint32) existing }, 2);
  demo.rand = rand;
  if (!generate (&demo, (guint) existing + 1, n_clients, error))
    {
      rc_store_rollback (store);
      return FALSE;
    }
  return rc_store_commit (store, error);
}

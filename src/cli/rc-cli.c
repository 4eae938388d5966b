/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rc-core.h"
#include "rc-labels.h"
#include "rc-report.h"
#include "rc-cli.h"

/* recovery-capital-cli: the core's operations for scripts, tests and
 * benches. Output is plain text for people and pipes; each error is one
 * line on stderr, starting with the file or object it concerns. */

#define PROGRAM "recovery-capital-cli"

typedef struct
{
  const char *database;
  RcInstrumentCatalog *catalog;
} Context;

typedef int (*CommandFunc) (Context *context,
                            int      argc,
                            char   **argv);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  CommandFunc  func;
} Command;

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr (_("%s: %s (see %s --help)\n"), PROGRAM, message, PROGRAM);
  return RC_EXIT_USAGE;
}

static int
exit_status_for (const GError *error)
{
  if (error->domain == RC_ERROR)
    {
      switch ((RcError) error->code)
        {
        case RC_ERROR_INVALID:
        case RC_ERROR_NOT_FOUND:
        case RC_ERROR_CONFLICT:
        case RC_ERROR_LOCKED:
        case RC_ERROR_CHANGED:
          return RC_EXIT_INVALID_INPUT;
        case RC_ERROR_DATABASE:
        case RC_ERROR_NEWER_DATABASE:
        case RC_ERROR_IO:
        case RC_ERROR_BUSY:
        case RC_ERROR_FULL:
        case RC_ERROR_READ_ONLY:
        case RC_ERROR_TAMPERED:
          return RC_EXIT_DATABASE;
        case RC_ERROR_PROTECTED_OUTPUT:
        case RC_ERROR_NOT_A_PATH:
          return RC_EXIT_USAGE;
        }
    }
  if (error->domain == RC_INSTRUMENT_ERROR)
    return RC_EXIT_INVALID_INPUT;
  return RC_EXIT_DATABASE;
}

static int
report (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return exit_status_for (error);
}

static void
report_instrument_problems (RcInstrumentCatalog *catalog)
{
  const GPtrArray *problems = rc_instrument_catalog_get_problems (catalog);

  for (guint i = 0; i < problems->len; i++)
    g_printerr (_("%s (skipped)\n"), (const char *) g_ptr_array_index (problems, i));
}

typedef enum
{
  READS,
  WRITES,
  BACKS_UP,  /* backup: reads a database that can't be written, not a damaged one */
  RESTORES,  /* restore: replaces a damaged database, not a read-only one */
  CHECKS     /* check: says itself what is wrong */
} Access;

/* A damaged database is never written to; what can be read of it still
 * can be, to rescue it, with a warning. A read-only one is only read. */
static RcStore *
open_store (Context  *context,
            Access    access,
            GError  **error)
{
  g_autofree char *default_path = rc_store_get_default_path ();
  g_autoptr(RcStore) store = rc_store_open (context->database != NULL ? context->database
                                                                       : default_path,
                                            context->catalog, error);
  g_autoptr(GError) damage = NULL;
  const GError *refusal;

  if (store == NULL || access == CHECKS)
    return g_steal_pointer (&store);
  if (access != RESTORES)
    rc_store_quick_check (store, &damage);
  refusal = rc_store_get_write_refusal (store);
  if ((access == WRITES && refusal != NULL) ||
      (access == BACKS_UP && damage != NULL) ||
      (access == RESTORES && g_error_matches (refusal, RC_ERROR, RC_ERROR_READ_ONLY)))
    {
      g_propagate_error (error, g_error_copy (damage != NULL ? damage : refusal));
      return NULL;
    }
  if (damage != NULL && access == READS)
    g_printerr (_("warning: %s\n"), damage->message);
  return g_steal_pointer (&store);
}

/* For the commands that look after a database rather than use it: a
 * missing one is an error, and nothing is created. */
static RcStore *
open_existing_store (Context  *context,
                     Access    access,
                     GError  **error)
{
  g_autofree char *default_path = rc_store_get_default_path ();
  const char *path = context->database != NULL ? context->database : default_path;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: there is no database here", path);
      return NULL;
    }
  return open_store (context, access, error);
}

/* The client a CLIENT argument names. The argument may be a person's
 * name typed by mistake, so a message never repeats it. */
static RcClient *
find_client (RcStore     *store,
             const char  *argument,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RcClient *client = rc_store_find_client (store, argument, &local_error);

  if (g_error_matches (local_error, RC_ERROR, RC_ERROR_NOT_FOUND))
    g_set_error_literal (error, RC_ERROR, RC_ERROR_NOT_FOUND,
                         "CLIENT: no client has this UUID or clinic code");
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return client;
}

/* Parses a command's options; positional arguments are left in argv. */
static gboolean
parse_options (const char    *command,
               const char    *arguments,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, arguments);
  g_autoptr(GOptionContext) option_context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (option_context, argc, argv, &error))
    {
      *status = usage_error ("%s: %s", command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Clients stored before codes were compared without case or width keep
 * the code they share; a person must choose which gets another. */
static int
warn_code_twins (RcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) twins = rc_store_list_code_twins (store, &error);

  if (twins == NULL)
    return report (error);
  for (guint i = 0; i < twins->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (twins, i);
      g_autoptr(GString) line = g_string_new (_("warning: one clinic code for several clients:"));

      for (guint j = 0; j < group->len; j++)
        g_string_append_printf (line, "%s %s (%s)", j > 0 ? "," : "",
                                rc_client_get_uuid (g_ptr_array_index (group, j)),
                                rc_client_get_clinic_code (g_ptr_array_index (group, j)));
      g_printerr (_("%s; give each its own code\n"), line->str);
    }
  return RC_EXIT_OK;
}

static int
command_init (Context  *context,
              int       argc,
              char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("init", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("init: unexpected argument “%s”"), argv[1]);

  store = open_store (context, WRITES, &error);
  if (store == NULL)
    return report (error);
  g_print (_("%s: schema version %d\n"), rc_store_get_path (store),
           rc_store_get_schema_version (store));
  return warn_code_twins (store);
}

static int
command_demo_data (Context  *context,
                   int       argc,
                   char    **argv)
{
  int n_clients = -1;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, N_("How many clients to add (1–1000000)"),
      "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed gives the same data (default 1)"), "S" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RcInstrument *instrument;
  int status;

  if (!parse_options ("demo-data", "--clients N [--seed S]", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("demo-data: unexpected argument “%s”"), argv[1]);
  if (n_clients < 1 || n_clients > 1000000)
    return usage_error (_("demo-data: --clients must be a number from 1 to 1000000"));
  if (seed < 0 || seed > G_MAXUINT32)
    return usage_error (_("demo-data: --seed must be a number from 0 to %u"), G_MAXUINT32);

  store = open_store (context, WRITES, &error);
  if (store == NULL)
    return report (error);
  instrument = rc_instrument_catalog_get_default (context->catalog);
  if (!rc_demo_generate (store, instrument, (guint) n_clients, (guint32) seed, &error))
    return report (error);
  return RC_EXIT_OK;
}

static int
command_list (Context  *context,
              int       argc,
              char    **argv)
{
  g_autofree char *search = NULL;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only clients one of whose name words or code starts with TEXT"), "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("list", "[--search TEXT]", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("list: unexpected argument “%s”"), argv[1]);

  store = open_store (context, READS, &error);
  if (store == NULL)
    return report (error);
  clients = rc_store_search_clients (store, search, &error);
  if (clients == NULL)
    return report (error);

  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autofree char *full_name = rc_client_dup_full_name (client);

      g_print ("%s\t%s\t%s\t%u\n", rc_client_get_uuid (client), rc_client_get_clinic_code (client),
               full_name, rc_client_get_n_assessments (client));
    }
  return RC_EXIT_OK;
}

/* @text padded with spaces to @width characters (not bytes). */
static char *
pad (const char *text,
     int         width,
     gboolean    right)
{
  int n = MAX (0, width - (int) g_utf8_strlen (text, -1));

  return right ? g_strdup_printf ("%*s%s", n, "", text) : g_strdup_printf ("%s%*s", text, n, "");
}

/* Words for people; `show --tsv` keeps the untranslated names. */
static const char *
rated_by_phrase (RcRater rater)
{
  return rater == RC_RATER_CLIENT ? _("rated by the client") : _("rated by the worker");
}

static const char *
timepoint_word (RcTimepoint timepoint)
{
  /* Lower case, as the names the scripts see, in the middle of a line. */
  static const char * const words[] = {
    [RC_TIMEPOINT_INTAKE] = NC_("timepoint", "intake"),
    [RC_TIMEPOINT_REVIEW] = NC_("timepoint", "review"),
    [RC_TIMEPOINT_DISCHARGE] = NC_("timepoint", "discharge"),
    [RC_TIMEPOINT_FOLLOW_UP] = NC_("timepoint", "follow-up"),
  };

  g_return_val_if_fail (timepoint < G_N_ELEMENTS (words), "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "timepoint", words[timepoint]);
}

static const char *
status_word (RcAssessmentStatus status)
{
  return status == RC_ASSESSMENT_COMPLETE ? _("complete") : _("draft");
}

static void
print_rating (RcAssessment *assessment,
              RcFactor     *factor,
              const char   *key,
              int           width)
{
  int score = rc_assessment_get_score (assessment, key);
  const char *title = factor != NULL ? rc_factor_get_title (factor) : key;
  g_autofree char *padded = pad (title, width, FALSE);
  const char *note = rc_assessment_get_note (assessment, key);
  const char *goal = rc_assessment_get_goal (assessment, key);

  if (rc_score_is_missing (score))
    g_print ("  %s  -  %s\n", padded, rc_score_level_label (factor, score));
  else
    g_print ("  %s  %d  %s\n", padded, score,
             factor != NULL ? rc_score_level_label (factor, score) : "");
  if (*note != '\0')
    g_print (_("      Note: %s\n"), note);
  if (*goal != '\0')
    g_print (_("      Goal: %s\n"), goal);
}

static void
print_summary (RcAssessment *assessment,
               RcInstrument *instrument)
{
  RcScoreSummary summary;
  g_autofree char *assessed = NULL;
  g_autofree char *may_miss = NULL;
  guint max_missing = rc_instrument_get_max_missing (instrument);

  rc_score_assessment (assessment, instrument, &summary);
  /* Translators: the plural follows the second number, of the factors;
   * word it so that the first one changes nothing else. */
  assessed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u factor assessed",
                                           "%u of %u factors assessed", summary.n_factors),
                              summary.n_assessed, summary.n_factors);
  if (summary.has_total)
    {
      /* Translators: total, highest total, " (prorated)" or nothing, mean, "6 of 8 factors
       * assessed" */
      g_print (_("  Total %.1f of %d%s, mean %.2f, %s\n"), summary.total, summary.max_total,
               summary.n_missing > 0 ? _(" (prorated)") : "", summary.mean, assessed);
      return;
    }
  may_miss = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at most %u may be missing",
                                           "at most %u may be missing", max_missing),
                              max_missing);
  /* Translators: "6 of 8 factors assessed", then "at most 2 may be missing" */
  g_print (_("  No total: %s (%s)\n"), assessed, may_miss);
}

/* The width of the widest factor title, in characters, for alignment. */
static int
title_width (RcAssessment *assessment,
             RcInstrument *instrument)
{
  glong width = 0;

  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    {
      const char *key = rc_assessment_get_rating_key (assessment, i);
      RcFactor *factor = instrument != NULL ? rc_instrument_lookup_factor (instrument, key) : NULL;

      width = MAX (width, g_utf8_strlen (factor != NULL ? rc_factor_get_title (factor) : key, -1));
    }
  return (int) width;
}

static void
print_assessment (Context      *context,
                  RcAssessment *assessment)
{
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (context->catalog, assessment);
  int width = title_width (assessment, instrument);

  /* Translators: date, timepoint, "rated by the worker", status, version, assessor */
  g_print (_("\n%s  %s, %s, %s, version %u, assessor %s\n"),
           rc_assessment_get_date (assessment),
           timepoint_word (rc_assessment_get_timepoint (assessment)),
           rated_by_phrase (rc_assessment_get_rater (assessment)),
           status_word (rc_assessment_get_status (assessment)),
           rc_assessment_get_version (assessment), rc_assessment_get_assessor (assessment));
  g_print (_("  Assessment %s\n"), rc_assessment_get_uuid (assessment));
  if (rc_assessment_get_supersedes (assessment) != NULL)
    g_print (_("  Amends %s: %s\n"), rc_assessment_get_supersedes (assessment),
             rc_assessment_get_amendment_reason (assessment));
  if (instrument != NULL)
    print_summary (assessment, instrument);
  else
    g_print (_("  Instrument %s version %u is not installed: scores shown without anchors\n"),
             rc_assessment_get_instrument_id (assessment),
             rc_assessment_get_instrument_version (assessment));

  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    {
      const char *key = rc_assessment_get_rating_key (assessment, i);

      print_rating (assessment, instrument ? rc_instrument_lookup_factor (instrument, key) : NULL,
                    key, width);
    }
}

/* One line per factor, in the instrument's order (the stored order when
 * the instrument is not installed): assessment UUID, date, status, kind,
 * key, value. Later kinds of value get lines of their own, in the same
 * columns. */
static void
print_assessment_tsv (Context      *context,
                      RcAssessment *assessment)
{
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (context->catalog, assessment);
  guint n_factors = instrument != NULL ? rc_instrument_get_n_factors (instrument)
                                       : rc_assessment_get_n_ratings (assessment);

  for (guint i = 0; i < n_factors; i++)
    {
      const char *key = instrument != NULL
                        ? rc_factor_get_key (rc_instrument_get_factor (instrument, i))
                        : rc_assessment_get_rating_key (assessment, i);
      int score = rc_assessment_get_score (assessment, key);
      g_autofree char *value = rc_score_is_missing (score) ? g_strdup ("")
                                                           : g_strdup_printf ("%d", score);

      g_print ("%s\t%s\t%s\tscore\t%s\t%s\n", rc_assessment_get_uuid (assessment),
               rc_assessment_get_date (assessment),
               rc_assessment_status_to_string (rc_assessment_get_status (assessment)), key, value);
    }
}

static int
command_show (Context  *context,
              int       argc,
              char    **argv)
{
  gboolean tsv = FALSE;
  GOptionEntry entries[] = {
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv,
      N_("One tab-separated line per factor of every assessment, for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = NULL;
  int status;

  if (!parse_options ("show", "CLIENT [--tsv]", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("show: give one CLIENT, a UUID or a clinic code"));

  store = open_store (context, READS, &error);
  if (store == NULL)
    return report (error);
  client = find_client (store, argv[1], &error);
  if (client == NULL)
    return report (error);
  assessments = rc_store_list_assessments (store, rc_client_get_uuid (client), &error);
  if (assessments == NULL)
    return report (error);
  if (tsv)
    {
      for (guint i = 0; i < assessments->len; i++)
        print_assessment_tsv (context, g_ptr_array_index (assessments, i));
      return RC_EXIT_OK;
    }

  full_name = rc_client_dup_full_name (client);
  g_print ("%s  %s\n", rc_client_get_clinic_code (client), full_name);
  g_print (_("  Born %s\n"), rc_client_get_birth_date (client) ? rc_client_get_birth_date (client)
                                                             : _("(unknown)"));
  g_print (_("  Client %s\n"), rc_client_get_uuid (client));
  count = rc_i18n_count ("  %s assessment\n", "  %s assessments\n", assessments->len);
  g_print ("%s", count);
  for (guint i = 0; i < assessments->len; i++)
    print_assessment (context, g_ptr_array_index (assessments, i));
  return RC_EXIT_OK;
}

static int
command_export (Context  *context,
                int       argc,
                char    **argv)
{
  g_auto(GStrv) clients = NULL;
  g_autofree char *output = NULL;
  gboolean deidentify = FALSE;
  GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING_ARRAY, &clients,
      N_("Export this client (UUID or clinic code); repeat for more; none for everyone"),
      "CLIENT" },
    { "deidentify", 0, 0, G_OPTION_ARG_NONE, &deidentify,
      N_("Leave out names, notes and goals; replace codes and UUIDs by pseudonyms"), NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write, - for standard output"), "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) uuids = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("export", "[--client CLIENT]… [--deidentify] --output FILE", entries,
                      &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("export: unexpected argument “%s”"), argv[1]);
  if (output == NULL || *output == '\0')
    return usage_error (_("export: --output FILE is required (- for standard output)"));

  store = open_store (context, READS, &error);
  if (store == NULL)
    return report (error);
  if (clients != NULL)
    {
      uuids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; clients[i] != NULL; i++)
        {
          g_autoptr(RcClient) client = find_client (store, clients[i], &error);

          if (client == NULL)
            return report (error);
          g_ptr_array_add (uuids, g_strdup (rc_client_get_uuid (client)));
        }
      g_ptr_array_add (uuids, NULL);
    }
  if (!rc_export_profiles (store, uuids != NULL ? (const char * const *) uuids->pdata : NULL,
                           deidentify ? RC_EXPORT_DEIDENTIFY : RC_EXPORT_NONE, output, NULL, &error))
    return report (error);
  return RC_EXIT_OK;
}

static void
print_lines (const GPtrArray *lines,
             const char      *prefix)
{
  for (guint i = 0; i < lines->len; i++)
    g_printerr ("%s%s\n", prefix, (const char *) g_ptr_array_index (lines, i));
}

/* Each count in a phrase of its own, with its own plural: "updated" may
 * take the number and gender of clients or of assessments. */
static void
print_import_summary (const char            *file,
                      const RcImportSummary *summary)
{
  g_autofree char *new_clients =
    rc_i18n_count ("%s new client", "%s new clients", summary->new_clients);
  g_autofree char *updated_clients =
    rc_i18n_count ("%s client updated", "%s clients updated", summary->updated_clients);
  g_autofree char *unchanged_clients =
    rc_i18n_count ("%s client unchanged", "%s clients unchanged", summary->unchanged_clients);
  g_autofree char *new_assessments =
    rc_i18n_count ("%s new assessment", "%s new assessments", summary->new_assessments);
  g_autofree char *updated_assessments =
    rc_i18n_count ("%s assessment updated", "%s assessments updated",
                   summary->updated_assessments);
  g_autofree char *unchanged_assessments =
    rc_i18n_count ("%s assessment unchanged", "%s assessments unchanged",
                   summary->unchanged_assessments);
  g_autofree char *conflicts =
    rc_i18n_count ("%s conflict", "%s conflicts", summary->conflicts->len);

  /* Translators: the file; the clients new, updated, unchanged; the
   * assessments new, updated, unchanged; the conflicts */
  g_print (_("%s: %s, %s, %s; %s, %s, %s; %s\n"), file, new_clients, updated_clients,
           unchanged_clients, new_assessments, updated_assessments, unchanged_assessments,
           conflicts);
}

static int
command_import (Context  *context,
                int       argc,
                char    **argv)
{
  g_autofree char *on_conflict = NULL;
  GOptionEntry entries[] = {
    { "on-conflict", 0, 0, G_OPTION_ARG_STRING, &on_conflict,
      N_("fail (default): import nothing if any record differs; skip: keep what is stored; "
         "newer: keep the record changed last"), "POLICY" },
    G_OPTION_ENTRY_NULL
  };
  RcConflictPolicy policy = RC_CONFLICT_FAIL;
  RcImportSummary summary;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("import", "FILE [--on-conflict=fail|skip|newer]", entries, &argc, &argv,
                      &status))
    return status;
  if (argc != 2)
    return usage_error (_("import: give one FILE"));
  if (on_conflict != NULL && !rc_conflict_policy_from_string (on_conflict, &policy))
    return usage_error (_("import: --on-conflict must be fail, skip or newer"));

  store = open_store (context, WRITES, &error);
  if (store == NULL)
    return report (error);
  rc_import_summary_init (&summary);
  if (!rc_import_profiles (store, argv[1], policy, RC_IMPORT_NONE, &summary, NULL, &error))
    {
      if (summary.problems->len > 0)
        print_lines (summary.problems, "");
      else
        g_printerr ("%s\n", error->message);
      print_lines (summary.conflicts, _("conflict: "));
      status = exit_status_for (error);
      rc_import_summary_clear (&summary);
      return status;
    }
  print_lines (summary.conflicts, _("conflict (kept what was stored): "));
  print_import_summary (argv[1], &summary);
  rc_import_summary_clear (&summary);
  return RC_EXIT_OK;
}

static int
command_validate (Context  *context,
                  int       argc,
                  char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  RcImportSummary summary;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int status;

  if (!parse_options ("validate", "FILE", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("validate: give one FILE"));

  rc_import_summary_init (&summary);
  ok = rc_validate_profiles (context->catalog, argv[1], &summary, &error);
  if (ok)
    g_print ("%s: valid\n", argv[1]);
  else if (summary.problems->len > 0)
    print_lines (summary.problems, "");
  else
    g_printerr ("%s\n", error->message);
  rc_import_summary_clear (&summary);
  return ok ? RC_EXIT_OK : RC_EXIT_INVALID_INPUT;
}

/* The assessment @uuid among @current, the client's current complete ones. */
static RcAssessment *
find_current (GPtrArray   *current,
              RcClient    *client,
              const char  *uuid,
              GError     **error)
{
  for (guint i = 0; i < current->len; i++)
    if (g_str_equal (rc_assessment_get_uuid (g_ptr_array_index (current, i)), uuid))
      return g_ptr_array_index (current, i);
  g_set_error (error, RC_ERROR, RC_ERROR_NOT_FOUND,
               "assessment %s: not a complete, current assessment of client %s", uuid,
               rc_client_get_clinic_code (client));
  return NULL;
}

static RcInstrument *
lookup_instrument (Context       *context,
                   RcAssessment  *assessment,
                   GError       **error)
{
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (context->catalog, assessment);

  if (instrument == NULL)
    g_set_error (error, RC_ERROR, RC_ERROR_NOT_FOUND,
                 "assessment %s: instrument %s version %u is not installed",
                 rc_assessment_get_uuid (assessment), rc_assessment_get_instrument_id (assessment),
                 rc_assessment_get_instrument_version (assessment));
  return instrument;
}

/* What compare and report look at: client @name's assessments @from and
 * @to (UUIDs) or, when both are NULL, the default pair. @client and
 * @current (the client's current complete assessments) are set on
 * success. */
static RcComparison *
load_comparison (Context     *context,
                 const char  *name,
                 const char  *from,
                 const char  *to,
                 RcClient   **client,
                 GPtrArray  **current,
                 GError     **error)
{
  g_autoptr(RcStore) store = open_store (context, READS, error);
  g_autoptr(GPtrArray) assessments = NULL;
  RcAssessment *before = NULL, *after = NULL;
  RcInstrument *before_instrument, *after_instrument;
  guint before_index = 0, after_index = 0;

  if (store == NULL)
    return NULL;
  *client = find_client (store, name, error);
  if (*client == NULL)
    return NULL;
  assessments = rc_store_list_assessments (store, rc_client_get_uuid (*client), error);
  if (assessments == NULL)
    return NULL;
  *current = rc_assessments_current_complete (assessments);
  if (from != NULL)
    {
      before = find_current (*current, *client, from, error);
      after = before != NULL ? find_current (*current, *client, to, error) : NULL;
      if (after == NULL)
        return NULL;
      if (before == after)
        {
          g_set_error (error, RC_ERROR, RC_ERROR_INVALID,
                       "assessment %s: --from and --to must be two different assessments", from);
          return NULL;
        }
      /* Always forwards in time: @current is oldest first. */
      g_ptr_array_find (*current, before, &before_index);
      g_ptr_array_find (*current, after, &after_index);
      if (before_index > after_index)
        {
          RcAssessment *earlier = after;

          after = before;
          before = earlier;
        }
    }
  else if (!rc_assessments_pick_default (*current, &before, &after))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID,
                   "client %s: fewer than two complete assessments to compare",
                   rc_client_get_clinic_code (*client));
      return NULL;
    }
  before_instrument = lookup_instrument (context, before, error);
  after_instrument = before_instrument != NULL ? lookup_instrument (context, after, error) : NULL;
  if (after_instrument == NULL)
    return NULL;
  return rc_comparison_new (before, before_instrument, after, after_instrument, error);
}

static char *
format_score (double   score,
              gboolean is_total)
{
  if (isnan (score))
    return g_strdup ("-");
  return g_strdup_printf (is_total ? "%.1f" : "%.0f", score);
}

static char *
format_change (const RcChange *change,
               gboolean        is_total)
{
  if (change->direction == RC_CHANGE_NOT_COMPARABLE)
    return g_strdup ("-");
  if (change->direction == RC_CHANGE_SAME)
    return g_strdup (is_total ? "0.0" : "0");
  return g_strdup_printf (is_total ? "%+.1f" : "%+.0f", change->change);
}

static void
print_change_row (const RcChange *change,
                  int             title_width,
                  gboolean        with_reliability)
{
  gboolean is_total = change->key == NULL;
  g_autofree char *title = pad (rc_change_get_label (change), title_width, FALSE);
  g_autofree char *before = format_score (change->before, is_total);
  g_autofree char *after = format_score (change->after, is_total);
  g_autofree char *difference = format_change (change, is_total);

  g_print ("%s  %6s  %6s  %6s", title, before, after, difference);
  if (with_reliability && change->has_rci)
    g_print ("  %6.2f  %s", change->rci, change->reliable ? _("yes") : _("no"));
  else if (with_reliability)
    g_print ("  %6s  %s", "-", "-");
  g_print ("\n");
}

static void
print_comparison (RcComparison *comparison)
{
  RcAssessment *assessments[] = { rc_comparison_get_before (comparison),
                                  rc_comparison_get_after (comparison) };
  RcInstrument *instrument = rc_comparison_get_instrument (comparison);
  const char * const *unshared = rc_comparison_get_unshared (comparison);
  gboolean with_reliability = rc_comparison_has_reliability (comparison);
  int width = (int) g_utf8_strlen (_("Factor"), -1);
  g_autofree char *header = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *change = NULL;
  g_autofree char *languages = NULL;
  /* Padded by characters, as below: "Après" is six bytes. */
  g_autofree char *before_word = pad (_("Before"), 6, FALSE);
  g_autofree char *after_word = pad (_("After"), 6, FALSE);
  const char *side[] = { before_word, after_word };

  for (guint i = 0; i < G_N_ELEMENTS (assessments); i++)
    /* Translators: "Before" or "After", date, timepoint, "rated by the worker", UUID */
    g_print (_("%-6s %s  %s, %s (%s)\n"), side[i],
             rc_assessment_get_date (assessments[i]),
             timepoint_word (rc_assessment_get_timepoint (assessments[i])),
             rated_by_phrase (rc_assessment_get_rater (assessments[i])),
             rc_assessment_get_uuid (assessments[i]));
  g_print (_("Instrument %s, version %u\n\n"), rc_instrument_get_name (instrument),
           rc_instrument_get_version (instrument));

  for (guint i = 0; i <= rc_comparison_get_n_changes (comparison); i++)
    {
      const RcChange *row = i < rc_comparison_get_n_changes (comparison)
                            ? rc_comparison_get_change (comparison, i)
                            : rc_comparison_get_total (comparison);

      width = MAX (width, (int) g_utf8_strlen (rc_change_get_label (row), -1));
    }
  header = pad (_("Factor"), width, FALSE);
  before = pad (_("Before"), 6, TRUE);
  after = pad (_("After"), 6, TRUE);
  change = pad (_("Change"), 6, TRUE);
  /* Padded by characters: printf's widths count bytes. */
  g_print ("%s  %s  %s  %s%s\n", header, before, after, change,
           /* Translators: the columns of the reliable change index and its verdict */
           with_reliability ? _("     RCI  Reliable") : "");
  for (guint i = 0; i < rc_comparison_get_n_changes (comparison); i++)
    print_change_row (rc_comparison_get_change (comparison, i), width, with_reliability);
  print_change_row (rc_comparison_get_total (comparison), width, with_reliability);

  g_print ("\n");
  if (with_reliability)
    g_print (_("Reliable: |RCI| > %.2f (Jacobson-Truax), from the instrument's reliability "
             "figures.\n"), RC_RELIABLE_CHANGE_Z);
  else if (!rc_comparison_same_rater (comparison))
    g_print (_("The two were rated by different people (the worker and the client): the "
             "differences are two views, not judged against measurement error.\n"));
  else
    g_print (_("Reliability is not established for this instrument: changes are shown as "
             "recorded, not judged against measurement error.\n"));
  if (unshared[0] != NULL)
    {
      g_autofree char *keys = rc_labels_list_unshared_factors (comparison);

      g_print (_("The two use different versions of the instrument; only the factors both have "
               "are compared (left out: %s), without totals.\n"), keys);
    }
  else if (!rc_comparison_same_version (comparison))
    g_print (_("The two use different versions of the instrument: totals are not compared.\n"));
  /* As the compare view and the report say it: the same level may have
   * read differently in another language. */
  languages = rc_labels_describe_text_languages (comparison);
  if (languages != NULL)
    g_print ("%s\n", languages);
}

static int
command_compare (Context  *context,
                 int       argc,
                 char    **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The earlier assessment (UUID)"), "A" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The later assessment (UUID)"), "B" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(RcComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("compare", "CLIENT [--from A --to B]", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("compare: give one CLIENT, a UUID or a clinic code"));
  if ((from == NULL) != (to == NULL))
    return usage_error (_("compare: give both --from and --to, or neither"));

  comparison = load_comparison (context, argv[1], from, to, &client, &current, &error);
  if (comparison == NULL)
    return report (error);

  g_print ("%s\n", rc_client_get_clinic_code (client));
  print_comparison (comparison);
  return RC_EXIT_OK;
}

static int
command_report (Context  *context,
                int       argc,
                char    **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  gboolean codes_only = FALSE;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The earlier assessment (UUID)"), "A" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The later assessment (UUID)"), "B" },
    { "codes-only", 0, 0, G_OPTION_ARG_NONE, &codes_only,
      N_("Show the clinic code only, no name or birth date"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(RcComparison) comparison = NULL;
  g_autoptr(RcReport) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = rc_store_get_default_path ();
  g_auto(GStrv) database = NULL;
  int status;

  if (!parse_options ("report", "CLIENT --output FILE.pdf [--from A --to B]", entries, &argc,
                      &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (_("report: give one CLIENT, a UUID or a clinic code"));
  if (output == NULL || *output == '\0')
    return usage_error (_("report: --output FILE.pdf is required"));
  if ((from == NULL) != (to == NULL))
    return usage_error (_("report: give both --from and --to, or neither"));

  comparison = load_comparison (context, argv[1], from, to, &client, &current, &error);
  if (comparison == NULL)
    return report (error);

  page = rc_report_new (client, comparison, NULL, rc_comparison_get_after (comparison));
  rc_report_set_show_names (page, !codes_only);
  database = rc_output_file_database_paths (context->database != NULL ? context->database
                                                                      : default_path);
  if (!rc_report_write_pdf_full (page, output, (const char * const *) database, &error))
    return report (error);
  return RC_EXIT_OK;
}

static int
command_check (Context  *context,
               int       argc,
               char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("check", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("check: unexpected argument “%s”"), argv[1]);

  store = open_existing_store (context, CHECKS, &error);
  if (store == NULL)
    return report (error);
  if (!rc_store_check (store, &problems, &error))
    return report (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return RC_EXIT_DATABASE;
  g_print ("%s: ok\n", rc_store_get_path (store));
  return RC_EXIT_OK;
}

static int
command_backup (Context  *context,
                int       argc,
                char    **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the backup to FILE only, outside the database's backups"), "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  if (!parse_options ("backup", "[--output FILE]", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("backup: unexpected argument “%s”"), argv[1]);
  if (output != NULL && g_file_test (output, G_FILE_TEST_EXISTS))
    return usage_error (_("backup: %s exists; a backup is never written over a file"), output);

  store = open_existing_store (context, BACKS_UP, &error);
  if (store == NULL)
    return report (error);
  if (output != NULL)
    path = rc_store_backup_to_file (store, output, &error) ? g_strdup (output) : NULL;
  else
    path = rc_store_make_backup (store, RC_BACKUP_MANUAL, &error);
  if (path == NULL)
    return report (error);
  g_print ("%s\n", path);
  return RC_EXIT_OK;
}

static int
command_backups (Context  *context,
                 int       argc,
                 char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options ("backups", "", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (_("backups: unexpected argument “%s”"), argv[1]);

  store = open_existing_store (context, READS, &error);
  if (store == NULL)
    return report (error);
  backups = rc_store_list_backups (store, &error);
  if (backups == NULL)
    return report (error);
  for (guint i = 0; i < backups->len; i++)
    {
      RcBackup *backup = g_ptr_array_index (backups, i);

      g_print ("%s\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n", backup->path,
               backup->made_at, backup->n_clients, backup->n_assessments,
               backup->verified ? "verified" : "unverified");
    }
  return RC_EXIT_OK;
}

static int
command_restore (Context  *context,
                 int       argc,
                 char    **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  int status;

  if (!parse_options ("restore", "FILE", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return usage_error (_("restore: which FILE?"));
  if (argc > 2)
    return usage_error (_("restore: unexpected argument “%s”"), argv[2]);

  store = open_existing_store (context, RESTORES, &error);
  if (store == NULL)
    return report (error);
  /* The app holds this lock while a window is open on the database. */
  if (!rc_store_hold_lock (store, &error))
    {
      if (g_error_matches (error, RC_ERROR, RC_ERROR_BUSY))
        g_printerr (_("%s: the database is open in Recovery Capital; close its window to "
                    "restore\n"), rc_store_get_path (store));
      else
        g_printerr ("%s\n", error->message);
      return RC_EXIT_DATABASE;
    }
  if (!rc_store_restore (store, argv[1], &kept, NULL, &error))
    return report (error);
  g_print (_("%s: restored from %s; what it held before is kept in %s\n"),
           rc_store_get_path (store), argv[1], kept);
  return RC_EXIT_OK;
}

static const Command commands[] = {
  { "init", "", N_("Create the database, or bring it up to date"), command_init },
  { "demo-data", "--clients N [--seed S]", N_("Add N synthetic clients with assessments"),
    command_demo_data },
  { "list", "[--search TEXT]",
    N_("Clients, one per line: uuid, clinic code, name, number of assessments"), command_list },
  { "show", "CLIENT [--tsv]",
    N_("A client's assessments with scores; --tsv: for scripts, see below"), command_show },
  { "export", "[--client CLIENT]… [--deidentify] --output FILE",
    N_("Profiles as XML; - writes to standard output"), command_export },
  { "import", "FILE [--on-conflict=fail|skip|newer]", N_("Profiles from XML, all or nothing"),
    command_import },
  { "validate", "FILE", N_("Check a profile file without importing it"), command_validate },
  { "compare", "CLIENT [--from A --to B]",
    N_("Change per factor between two assessments (default: the first and latest complete)"),
    command_compare },
  { "report", "CLIENT --output FILE.pdf [--from A --to B] [--codes-only]",
    N_("The one-page PDF report of that comparison"), command_report },
  { "check", "", N_("Look for damage and tampering: PATH: ok, or each problem on stderr (exit 3)"),
    command_check },
  { "backup", "[--output FILE]", N_("A verified backup, into the database's backups or FILE"),
    command_backup },
  { "backups", "", N_("The backups: path, UTC time, clients, assessments, verified or unverified"),
    command_backups },
  { "restore", "FILE", N_("Replace the database's content with a backup's, keeping it as one"),
    command_restore },
};

static void
print_help (void)
{
  g_print (_("Usage: %s [--database PATH] COMMAND [OPTION…]\n\n"), PROGRAM);
  g_print (_("Records and compares clients' recovery capital.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n  %-10s   %s\n", commands[i].name, commands[i].arguments, "",
             _(commands[i].summary));
  g_print (_("\nOptions:\n"
           "  --database PATH  the database file (default: %s)\n"
           "  --help           this text; COMMAND --help for a command's options\n"
           "  --version        the program's version\n\n"
           "CLIENT is a client's UUID or clinic code. show --tsv prints one line per factor of\n"
           "every assessment, oldest first, tab-separated, no header: assessment UUID, date\n"
           "(YYYY-MM-DD), status (draft or complete), kind (score), factor key, value (empty\n"
           "when not assessed or not rated yet).\n\n"
           "Exit status: 0 success, 1 usage error, 2 invalid input data (an unknown client,\n"
           "a conflict, a bad file), 3 database error (unreadable, damaged or newer database).\n"),
           "$XDG_DATA_HOME/recovery-capital/recovery-capital.db");
}

static const Command *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
rc_cli_run (int    argc,
            char **argv)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  Context context = { NULL, NULL };
  const Command *command;
  int i = 1;

  for (; i < argc && g_str_has_prefix (argv[i], "-"); i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help ();
          return RC_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
          return RC_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--database"))
        context.database = i + 1 < argc ? argv[++i] : "";
      else if (g_str_has_prefix (argv[i], "--database="))
        context.database = argv[i] + strlen ("--database=");
      else
        return usage_error (_("unknown option “%s”"), argv[i]);
      if (*context.database == '\0')
        return usage_error (_("--database needs a file name"));
    }
  if (i == argc)
    return usage_error (_("no command given"));

  command = lookup_command (argv[i]);
  if (command == NULL)
    return usage_error (_("unknown command “%s”"), argv[i]);

  catalog = rc_instrument_catalog_new_default ();
  report_instrument_problems (catalog);
  context.catalog = catalog;
  return command->func (&context, argc - i, argv + i);
}

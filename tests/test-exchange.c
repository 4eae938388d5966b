/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* XML exchange: export, import, validate; round trips, conflicts,
 * de-identification and hostile files (tests/data/bad-xml/). */

static char *tmpdir;

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static RcStore *
demo_store (const char *name,
            guint       n_clients)
{
  g_autofree char *path = path_in_tmp (name);
  RcStore *store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;

  rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                    n_clients, 5, &error);
  g_assert_no_error (error);
  return store;
}

static char *
export_to (RcStore       *store,
           const char    *name,
           RcExportFlags  flags)
{
  char *path = path_in_tmp (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_export_profiles (store, NULL, flags, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The file from its first <client> on: the header carries the time. */
static char *
body_of (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *first;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  first = strstr (contents, "<client ");
  g_assert_nonnull (first);
  return g_strdup (first);
}

static void
assert_schema_valid (const char *path)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *schema = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "data", "schema",
                                              "recovery-capital-profile-1.xsd", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { NULL, "--noout", "--nonet", "--schema", schema, path, NULL };

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }
  argv[0] = xmllint;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("xmllint: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
import_ok (RcStore          *store,
           const char       *path,
           RcConflictPolicy  policy,
           RcImportSummary  *summary)
{
  g_autoptr(GError) error = NULL;

  rc_import_summary_init (summary);
  g_assert_true (rc_import_profiles (store, path, policy, RC_IMPORT_NONE, summary, NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(RcStore) source = demo_store ("source.db", 40);
  g_autofree char *empty_path = path_in_tmp ("target.db");
  g_autoptr(RcStore) target = rc_test_open_store (empty_path);
  g_autofree char *first = export_to (source, "first.xml", RC_EXPORT_NONE);
  g_autofree char *second = NULL;
  g_autofree char *first_body = NULL;
  g_autofree char *second_body = NULL;
  RcImportSummary summary;

  assert_schema_valid (first);
  import_ok (target, first, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 40);
  g_assert_cmpuint (summary.new_assessments, >, 40);
  g_assert_cmpuint (summary.conflicts->len, ==, 0);
  rc_import_summary_clear (&summary);

  second = export_to (target, "second.xml", RC_EXPORT_NONE);
  first_body = body_of (first);
  second_body = body_of (second);
  g_assert_cmpstr (first_body, ==, second_body);

  /* Importing again changes nothing. */
  import_ok (target, first, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 0);
  g_assert_cmpuint (summary.new_assessments, ==, 0);
  g_assert_cmpuint (summary.unchanged_clients, ==, 40);
  rc_import_summary_clear (&summary);
}

static void
test_file_mode (void)
{
  g_autoptr(RcStore) source = demo_store ("mode.db", 2);
  g_autofree char *path = export_to (source, "mode.xml", RC_EXPORT_NONE);
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

/* Reopens the database file so that its bytes can be compared. */
static char *
checksum_closed (RcStore **store)
{
  g_autofree char *path = g_strdup (rc_store_get_path (*store));

  g_clear_object (store);
  return rc_test_file_checksum (path);
}

static void
test_conflicts (void)
{
  g_autoptr(RcStore) store = demo_store ("conflict.db", 5);
  g_autofree char *path = export_to (store, "conflict.xml", RC_EXPORT_NONE);
  g_autofree char *db_path = g_strdup (rc_store_get_path (store));
  g_autoptr(GPtrArray) clients = rc_store_search_clients (store, NULL, NULL);
  RcClient *changed = g_ptr_array_index (clients, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  rc_client_set_given_name (changed, "Renamed");
  g_assert_true (rc_store_save_client (store, changed, NULL));
  before = checksum_closed (&store);

  /* The default policy refuses, names the record by its stored code and
   * the fields in words, never the names, and changes nothing. */
  store = rc_test_open_store (db_path);
  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_assert_cmpuint (summary.conflicts->len, ==, 1);
  expected = g_strdup_printf ("client %s: the given name and the time it was last changed differ",
                              rc_client_get_clinic_code (changed));
  g_assert_cmpstr (g_ptr_array_index (summary.conflicts, 0), ==, expected);
  g_assert_null (strstr (error->message, "Renamed"));
  rc_import_summary_clear (&summary);
  g_clear_error (&error);
  after = checksum_closed (&store);
  g_assert_cmpstr (after, ==, before);

  /* skip keeps what is stored; newer takes the file only if changed later. */
  store = rc_test_open_store (db_path);
  import_ok (store, path, RC_CONFLICT_SKIP, &summary);
  g_assert_cmpuint (summary.conflicts->len, ==, 1);
  rc_import_summary_clear (&summary);
  import_ok (store, path, RC_CONFLICT_NEWER, &summary);
  g_assert_cmpuint (summary.updated_clients, ==, 0);
  rc_import_summary_clear (&summary);
  {
    g_autoptr(RcClient) kept = rc_store_find_client (store, rc_client_get_uuid (changed), NULL);

    g_assert_cmpstr (rc_client_get_given_name (kept), ==, "Renamed");
  }
}

/* A store with client RC-000042, Zoë Ångström, and a draft with three
 * factors rated, one not assessed and the others not rated yet. */
static RcStore *
draft_store (const char    *name,
             RcAssessment **draft)
{
  g_autofree char *path = path_in_tmp (name);
  RcStore *store = rc_test_open_store (path);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-000042", "Zoë", "Ångström");
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  *draft = rc_assessment_new (rc_client_get_uuid (client),
                              rc_instrument_catalog_get_default (rc_store_get_catalog (store)));
  rc_assessment_set_assessor (*draft, "Sam Okafor");
  rc_test_set_scores (*draft, (const char * const []) { "family=3", "coping=2", "housing=4",
                                                         NULL });
  rc_assessment_set_score (*draft, "finances", RC_SCORE_NOT_ASSESSED);
  rc_assessment_set_note (*draft, "family", "Sees her sister weekly");
  /* Old times, so that a change stamped now differs from them. */
  rc_assessment_set_created_at (*draft, "2024-01-01T10:00:00Z");
  rc_assessment_set_updated_at (*draft, "2024-01-01T10:00:00Z");
  g_assert_true (rc_store_save_assessment (store, *draft, &error));
  g_assert_no_error (error);
  return store;
}

/* A code that differs only in case or width from a stored one is that
 * code: a conflict, and nothing is imported. */
static void
test_code_variant_conflict (void)
{
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(RcStore) store = draft_store ("code-variant.db", &draft);
  g_autofree char *source_path = path_in_tmp ("code-variant-source.db");
  g_autoptr(RcStore) source = rc_test_open_store (source_path);
  g_autoptr(RcClient) variant = rc_test_make_client ("\xef\xbd\x92" "c-000042", "Ana", "Alves");
  g_autofree char *path = NULL;
  g_autofree char *db_path = g_strdup (rc_store_get_path (store));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  g_assert_true (rc_store_save_client (source, variant, &error));
  g_assert_no_error (error);
  path = export_to (source, "code-variant.xml", RC_EXPORT_NONE);
  before = checksum_closed (&store);

  store = rc_test_open_store (db_path);
  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_assert_cmpuint (summary.conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.conflicts, 0),
                            rc_client_get_uuid (variant)));
  rc_import_summary_clear (&summary);
  after = checksum_closed (&store);
  g_assert_cmpstr (after, ==, before);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* An export says "not assessed" for "not rated yet", and importing it
 * back into the same database finds nothing changed. */
static void
test_unrated_draft (void)
{
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(RcStore) store = draft_store ("unrated.db", &draft);
  g_autofree char *path = export_to (store, "unrated.xml", RC_EXPORT_NONE);
  g_autofree char *body = body_of (path);
  g_autofree char *db_path = g_strdup (rc_store_get_path (store));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RcImportSummary summary;

  assert_schema_valid (path);
  g_assert_cmpuint (count_occurrences (body, "not-assessed=\"true\""), ==, 5);
  g_assert_cmpuint (count_occurrences (body, "<rating "), ==, 8);
  g_assert_null (strstr (body, "unrated"));
  g_assert_null (strstr (body, "rated=\""));
  g_assert_nonnull (strstr (body, "assessed=\"3\" missing=\"5\""));

  before = checksum_closed (&store);
  store = rc_test_open_store (db_path);
  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.conflicts->len, ==, 0);
  g_assert_cmpuint (summary.unchanged_clients, ==, 1);
  g_assert_cmpuint (summary.unchanged_assessments, ==, 1);
  g_assert_cmpuint (summary.updated_assessments, ==, 0);
  rc_import_summary_clear (&summary);
  {
    g_autoptr(RcAssessment) stored = rc_test_load_assessment (store, rc_assessment_get_uuid (draft));
    g_autoptr(GPtrArray) unrated = rc_assessment_dup_unrated_keys (stored);

    g_assert_cmpuint (unrated->len, ==, 4);
    g_assert_cmpint (rc_assessment_get_score (stored, "finances"), ==, RC_SCORE_NOT_ASSESSED);
  }
  after = checksum_closed (&store);
  g_assert_cmpstr (after, ==, before);

  /* Into another database it comes as the file says: not assessed. */
  {
    g_autofree char *other_path = path_in_tmp ("unrated-other.db");
    g_autoptr(RcStore) other = rc_test_open_store (other_path);
    g_autoptr(RcAssessment) imported = NULL;
    g_autoptr(GPtrArray) unrated = NULL;

    import_ok (other, path, RC_CONFLICT_FAIL, &summary);
    g_assert_cmpuint (summary.new_assessments, ==, 1);
    rc_import_summary_clear (&summary);
    imported = rc_test_load_assessment (other, rc_assessment_get_uuid (draft));
    unrated = rc_assessment_dup_unrated_keys (imported);
    g_assert_cmpuint (unrated->len, ==, 0);
    g_assert_cmpint (rc_assessment_get_score (imported, "spirituality"), ==,
                     RC_SCORE_NOT_ASSESSED);
  }
}

/* A conflict names the assessment, the stored client's code and each
 * field in words; never a name, a note or a score. */
static void
test_assessment_conflict (void)
{
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(RcStore) store = draft_store ("assessment-conflict.db", &draft);
  g_autofree char *path = export_to (store, "assessment-conflict.xml", RC_EXPORT_NONE);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;
  const char *conflict;

  rc_assessment_set_date (draft, "2024-01-02");
  rc_assessment_set_score (draft, "family", 5);
  rc_assessment_set_note (draft, "family", "Moved in with her sister");
  rc_assessment_set_score (draft, "spirituality", 2);
  g_assert_true (rc_store_save_assessment (store, draft, &error));
  g_assert_no_error (error);

  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_assert_cmpuint (summary.conflicts->len, ==, 1);
  conflict = g_ptr_array_index (summary.conflicts, 0);
  expected = g_strdup_printf ("assessment %s of client RC-000042: the date, the time it was last "
                              "changed, the score of “family”, the note on “family” and the "
                              "score of “spirituality” differ", rc_assessment_get_uuid (draft));
  g_assert_cmpstr (conflict, ==, expected);
  g_assert_null (strstr (conflict, "Zoë"));
  g_assert_null (strstr (conflict, "sister"));
  g_assert_null (strstr (error->message, "Zoë"));
  rc_import_summary_clear (&summary);
}

static void
test_clinic_code_conflict (void)
{
  g_autoptr(RcStore) source = demo_store ("codes-a.db", 3);
  g_autofree char *path = export_to (source, "codes.xml", RC_EXPORT_NONE);
  g_autofree char *other_path = path_in_tmp ("codes-b.db");
  g_autoptr(RcStore) other = rc_test_open_store (other_path);
  g_autoptr(RcClient) impostor = rc_test_make_client ("RC-000001", "Other", "Person");
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  g_assert_true (rc_store_save_client (other, impostor, NULL));
  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (other, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.conflicts, 0), "clinic code RC-000001"));
  g_assert_cmpint (rc_store_count_clients (other, NULL), ==, 1);
  rc_import_summary_clear (&summary);
}

static void
assert_absent (const char *haystack,
               const char *needle)
{
  if (needle == NULL || strlen (needle) < 4)
    return;
  if (strstr (haystack, needle) != NULL)
    g_error ("de-identified file contains “%s”", needle);
}

/* The language the factor texts were shown in travels with the
 * assessment; a file without it imports as not known. */
static void
test_text_language (void)
{
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(RcStore) store = draft_store ("language.db", &draft);
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other_path = path_in_tmp ("language-other.db");
  g_autoptr(RcStore) other = rc_test_open_store (other_path);
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  rc_assessment_set_text_language (draft, "es-MX");
  g_assert_true (rc_store_save_assessment (store, draft, &error));
  g_assert_no_error (error);
  path = export_to (store, "language.xml", RC_EXPORT_NONE);
  body = body_of (path);
  assert_schema_valid (path);
  g_assert_nonnull (strstr (body, "text-language=\"es-MX\""));

  import_ok (other, path, RC_CONFLICT_FAIL, &summary);
  rc_import_summary_clear (&summary);
  {
    g_autoptr(RcAssessment) imported = rc_test_load_assessment (other,
                                                                rc_assessment_get_uuid (draft));

    g_assert_cmpstr (rc_assessment_get_text_language (imported), ==, "es-MX");
  }

  /* Without the attribute: not known, and no conflict with what is here. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *without = path_in_tmp ("language-none.xml");
    g_autofree char *third_path = path_in_tmp ("language-third.db");
    g_autoptr(RcStore) third = rc_test_open_store (third_path);
    g_autoptr(GString) edited = NULL;
    g_autoptr(RcAssessment) imported = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
    edited = g_string_new (contents);
    g_assert_cmpuint (g_string_replace (edited, " text-language=\"es-MX\"", "", 0), ==, 1);
    g_assert_true (g_file_set_contents (without, edited->str, -1, &error));
    g_assert_no_error (error);
    import_ok (third, without, RC_CONFLICT_FAIL, &summary);
    rc_import_summary_clear (&summary);
    imported = rc_test_load_assessment (third, rc_assessment_get_uuid (draft));
    g_assert_null (rc_assessment_get_text_language (imported));
    import_ok (other, without, RC_CONFLICT_FAIL, &summary);
    g_assert_cmpuint (summary.conflicts->len, ==, 0);
    rc_import_summary_clear (&summary);
  }

  /* Not a language tag: refused by the schema, with the line. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *bad = path_in_tmp ("language-bad.xml");
    g_autoptr(GString) edited = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
    edited = g_string_new (contents);
    g_string_replace (edited, "text-language=\"es-MX\"", "text-language=\"not a language\"", 0);
    g_assert_true (g_file_set_contents (bad, edited->str, -1, &error));
    rc_import_summary_init (&summary);
    g_assert_false (rc_import_profiles (other, bad, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                        NULL, &error));
    g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message,
                              ":7: the language of the texts is not a language tag such as en"));
    rc_import_summary_clear (&summary);
  }
}

static void
test_deidentified (void)
{
  g_autoptr(RcStore) store = demo_store ("deid.db", 30);
  g_autofree char *path = export_to (store, "deid.xml", RC_EXPORT_DEIDENTIFY);
  g_autofree char *again = export_to (store, "deid-again.xml", RC_EXPORT_DEIDENTIFY);
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  g_autofree char *again_body = NULL;
  g_autoptr(GPtrArray) clients = rc_store_search_clients (store, NULL, NULL);
  g_autofree char *target_path = path_in_tmp ("deid-target.db");
  g_autoptr(RcStore) target = rc_test_open_store (target_path);
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_schema_valid (path);
  g_assert_nonnull (strstr (contents, "mode=\"deidentified\""));
  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) assessments =
        rc_store_list_assessments (store, rc_client_get_uuid (client), NULL);

      assert_absent (contents, rc_client_get_given_name (client));
      assert_absent (contents, rc_client_get_family_name (client));
      assert_absent (contents, rc_client_get_clinic_code (client));
      assert_absent (contents, rc_client_get_uuid (client));
      assert_absent (contents, rc_client_get_birth_date (client));
      for (guint j = 0; j < assessments->len; j++)
        {
          RcAssessment *assessment = g_ptr_array_index (assessments, j);

          assert_absent (contents, rc_assessment_get_uuid (assessment));
          assert_absent (contents, rc_assessment_get_assessor (assessment));
          for (guint k = 0; k < rc_assessment_get_n_ratings (assessment); k++)
            {
              const char *key = rc_assessment_get_rating_key (assessment, k);

              assert_absent (contents, rc_assessment_get_note (assessment, key));
              assert_absent (contents, rc_assessment_get_goal (assessment, key));
            }
        }
    }

  /* Pseudonyms are stable across exports of the same database. */
  body = body_of (path);
  again_body = body_of (again);
  g_assert_cmpstr (body, ==, again_body);

  /* And such a file is refused for import. */
  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (target, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "de-identified"));
  g_assert_cmpint (rc_store_count_clients (target, NULL), ==, 0);
  rc_import_summary_clear (&summary);
}

static void
test_dry_run (void)
{
  g_autoptr(RcStore) source = demo_store ("dry-a.db", 4);
  g_autofree char *path = export_to (source, "dry.xml", RC_EXPORT_NONE);
  g_autofree char *target_path = path_in_tmp ("dry-b.db");
  g_autoptr(RcStore) target = rc_test_open_store (target_path);
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  rc_import_summary_init (&summary);
  g_assert_true (rc_import_profiles (target, path, RC_CONFLICT_FAIL, RC_IMPORT_DRY_RUN, &summary,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.new_clients, ==, 4);
  g_assert_cmpint (rc_store_count_clients (target, NULL), ==, 0);
  rc_import_summary_clear (&summary);
}

#if defined (__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined (__has_feature)
#if __has_feature (address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* AddressSanitizer's shadow memory and quarantine count in the RSS: under
 * it (build-aux/test-sanitized) the checks run but the bound is skipped. */
static gboolean
memory_bound_applies (void)
{
#ifdef UNDER_ASAN
  g_test_skip ("the 200 MB bound does not hold under AddressSanitizer");
  return FALSE;
#else
  return TRUE;
#endif
}

static glong
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : 0;
}

/* Every hostile or broken file is refused with a message naming it, and
 * the database is left byte for byte as it was. */
static void
test_bad_files (void)
{
  g_autofree char *corpus = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                              "bad-xml", NULL);
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, NULL);
  g_autoptr(RcStore) store = demo_store ("victim.db", 3);
  g_autofree char *db_path = g_strdup (rc_store_get_path (store));
  g_autofree char *before = checksum_closed (&store);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    {
      g_test_skip ("tests/data/bad-xml is missing");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      RcImportSummary summary;

      if (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".bin"))
        continue;
      if (g_str_equal (name, "good.xml"))
        continue;
      n_files++;
      g_test_message ("%s", name);
      store = rc_test_open_store (db_path);
      rc_import_summary_init (&summary);
      g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                          NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("  %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      /* Plain words: no namespaces in braces, no schema facet tags. */
      g_assert_null (strstr (error->message, "{urn:"));
      g_assert_null (strstr (error->message, "[facet"));
      if (g_str_equal (name, "empty.xml"))
        g_assert_true (g_str_has_suffix (error->message, ":1: the file is empty"));
      if (g_str_equal (name, "wrong-namespace.xml"))
        g_assert_nonnull (strstr (error->message, "not a Recovery Capital profile file"));
      rc_import_summary_clear (&summary);
      after = checksum_closed (&store);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_cmpuint (n_files, >=, 15);
  if (memory_bound_applies ())
    g_assert_cmpint (peak_rss_kib (), <, 200 * 1024);
}

static void
test_good_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  g_autofree char *db_path = path_in_tmp ("good.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);
  RcImportSummary summary;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tests/data/bad-xml/good.xml is missing");
      return;
    }
  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 1);
  g_assert_cmpuint (summary.new_assessments, ==, 2);
  rc_import_summary_clear (&summary);
}

/* Validates good.xml with @from replaced by @to; returns the problems. */
static char *
validate_variant (const char *from,
                  const char *to)
{
  g_autofree char *good = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  g_autofree char *variant = path_in_tmp ("variant.xml");
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;
  char *problems;

  g_file_get_contents (good, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_file_set_contents (variant, changed->str, -1, &error);
  g_assert_no_error (error);

  rc_import_summary_init (&summary);
  g_assert_false (rc_validate_profiles (catalog, variant, &summary, &error));
  g_ptr_array_add (summary.problems, NULL);
  problems = g_strjoinv ("\n", (char **) summary.problems->pdata);
  g_ptr_array_remove_index (summary.problems, summary.problems->len - 1);
  rc_import_summary_clear (&summary);
  return problems;
}

static void
test_content_rules (void)
{
  g_autofree char *twice = validate_variant ("<rating factor=\"coping\"",
                                             "<rating factor=\"family\"");
  g_autofree char *year = validate_variant ("<birth-date>1979-11-08</birth-date>", "<birth-year>1979</birth-year>");
  g_autofree char *long_name = NULL;
  g_autofree char *secret = g_strnfill (300, 'S');
  g_autofree char *replacement = g_strconcat ("<given-name>", secret, NULL);

  g_test_message ("%s\n%s", twice, year);
  g_assert_nonnull (strstr (twice, "“family” is rated twice"));
  g_assert_nonnull (strstr (year, "not a <birth-year>"));

  /* The schema's messages quote the value; ours do not repeat a name. */
  long_name = validate_variant ("<given-name>", replacement);
  g_test_message ("%s", long_name);
  g_assert_nonnull (strstr (long_name, "the given name is longer than 200 characters"));
  g_assert_null (strstr (long_name, "SSSSSSSSSS"));
}

/* More clients than the export hands from its reading thread to its
 * writing one at a time: all of them, once each, in UUID order. */
static void
test_many_clients (void)
{
  g_autoptr(RcStore) store = demo_store ("many.db", 700);
  g_autofree char *path = export_to (store, "many.xml", RC_EXPORT_NONE);
  g_autofree char *body = body_of (path);
  g_autofree char *previous = g_strdup ("");
  guint n = 0;

  for (const char *at = strstr (body, "<client uuid=\""); at != NULL;
       at = strstr (at + 1, "<client uuid=\""))
    {
      g_autofree char *uuid = g_strndup (at + strlen ("<client uuid=\""), 36);

      g_assert_cmpstr (previous, <, uuid);
      g_free (previous);
      previous = g_steal_pointer (&uuid);
      n++;
    }
  g_assert_cmpuint (n, ==, 700);
  assert_schema_valid (path);
}

/* A write that fails part way stops the reading thread too: an error,
 * not a hang (the subprocess has a time limit). */
static void
test_write_error (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(RcStore) store = demo_store ("full.db", 700);
      g_autoptr(GError) error = NULL;
      int full = open ("/dev/full", O_WRONLY | O_CLOEXEC);

      g_assert_cmpint (full, >=, 0);
      g_assert_cmpint (dup2 (full, STDOUT_FILENO), ==, STDOUT_FILENO);
      g_assert_false (rc_export_profiles (store, NULL, RC_EXPORT_NONE, "-", NULL, &error));
      g_assert_error (error, RC_ERROR, RC_ERROR_IO);
      g_printerr ("export failed: %s\n", error->message);
      return;
    }
  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*export failed: the XML could not be written*");
}

/* Writes good.xml with @from replaced by @to as @name; returns its path. */
static char *
write_good_variant (const char *name,
                    const char *from,
                    const char *to)
{
  g_autofree char *good = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  char *path = path_in_tmp (name);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (good, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_file_set_contents (path, changed->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A tab in a given name, an override in a family name, a zero-width
 * space in a clinic code: each refused by field, the value not repeated,
 * nothing stored. */
static void
test_invisible_characters (void)
{
  const struct
  {
    const char *from;
    const char *to;
    const char *message;
    const char *value;
  } cases[] = {
    { "<given-name>Noor<", "<given-name>No\tor<",
      "client RC-000501: the given name contains a control or invisible formatting character",
      "No\tor" },
    { "<family-name>Haddad<", "<family-name>Had\xe2\x80\xae" "dad<",
      "client RC-000501: the family name contains a control or invisible formatting character",
      "Had" },
    { "<clinic-code>RC-000501<", "<clinic-code>RC-000\xe2\x80\x8b" "501<",
      "client: the clinic code contains a control or invisible formatting character",
      "RC-000" },
  };
  g_autofree char *db_path = path_in_tmp ("invisible.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_good_variant ("invisible.xml", cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      RcImportSummary summary;

      rc_import_summary_init (&summary);
      g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                          NULL, &error));
      g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_true (g_str_has_suffix (error->message, cases[i].message));
      g_assert_null (strstr (error->message, cases[i].value));
      g_assert_null (strstr (error->message, "Noor"));
      g_assert_null (strstr (error->message, "Haddad"));
      g_assert_cmpuint (summary.problems->len, ==, 1);
      rc_import_summary_clear (&summary);
      g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 0);
    }
}

/* A non-joiner between letters is how a Persian name is spelt. */
static void
test_persian_name (void)
{
  /* Niknam: nun, yeh, keheh, ZWNJ, nun, alef, meem. */
  const char *niknam = "\xd9\x86\xdb\x8c\xda\xa9\xe2\x80\x8c\xd9\x86\xd8\xa7\xd9\x85";
  g_autofree char *family = g_strdup_printf ("<family-name>%s<", niknam);
  g_autofree char *path = write_good_variant ("persian.xml", "<family-name>Haddad<", family);
  g_autofree char *db_path = path_in_tmp ("persian.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);
  g_autoptr(RcClient) client = NULL;
  RcImportSummary summary;

  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 1);
  rc_import_summary_clear (&summary);
  client = rc_store_find_client (store, "RC-000501", NULL);
  g_assert_nonnull (client);
  g_assert_cmpstr (rc_client_get_family_name (client), ==, niknam);
}

/* Files of tests/data/bad-xml/ with a made-up name where a value should
 * be: libxml2 quotes what it refuses, our messages never do. Each error
 * is one line, in words. */
static void
test_messages_quote_nothing (void)
{
  const struct
  {
    const char *file;
    int         line;
    const char *message;
  } cases[] = {
    { "name-in-birth-date.xml", 7, "the birth date is not a real date written YYYY-MM-DD" },
    { "impossible-birth-date.xml", 7, "the birth date is not a real date written YYYY-MM-DD" },
    { "name-in-uuid.xml", 3, "the client's UUID is not a UUID in lowercase with hyphens" },
    { "name-in-score.xml", 15, "the score is not a whole number from 0 to 100, in digits" },
    { "name-in-factor.xml", 15, "the factor is not 1 to 64 lowercase letters, digits and hyphens" },
    { "name-in-timepoint.xml", 8,
      "the timepoint is not one of intake, review, discharge and follow-up" },
    { "given-name-too-long.xml", 5, "the given name is longer than 200 characters" },
    { "given-name-two-lines.xml", 6,
      "the given name is not one line without white space at its start and end" },
    { "misplaced-rating.xml", 25, "<rating> is not expected here" },
    { "unfinished-comment.xml", 43, "not well-formed XML: Comment not terminated" },
    { "unfinished-cdata.xml", 26, "not well-formed XML: Extra content at the end of the document" },
    { "invalid-utf8.xml", 5, "not well-formed XML: not proper UTF-8 text" },
    { "score-negative.xml", 15, "the score is not a whole number from 0 to 100, in digits" },
    { "wrong-version.xml", 2, "the format version is not supported (this program reads 1)" },
  };
  g_autofree char *corpus = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                              "bad-xml", NULL);
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
  g_autofree char *db_path = path_in_tmp ("quote-nothing.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (corpus, cases[i].file, NULL);
      g_autofree char *expected = g_strdup_printf ("%s:%d: %s", path, cases[i].line,
                                                   cases[i].message);
      g_autoptr(GError) error = NULL;
      RcImportSummary summary;

      g_test_message ("%s", cases[i].file);
      for (guint validate = 0; validate <= 1; validate++)
        {
          rc_import_summary_init (&summary);
          if (validate)
            g_assert_false (rc_validate_profiles (catalog, path, &summary, &error));
          else
            g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE,
                                                &summary, NULL, &error));
          g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, expected);
          /* The one defect, said once. */
          g_assert_cmpuint (summary.problems->len, ==, 1);
          for (guint j = 0; j < summary.problems->len; j++)
            {
              const char *problem = g_ptr_array_index (summary.problems, j);

              g_assert_null (strchr (problem, '\n'));
              g_assert_null (strstr (problem, "Zara"));
              g_assert_null (strstr (problem, "Quillfeather"));
              g_assert_null (strstr (problem, "1979-02-30"));
              g_assert_null (strstr (problem, "Noor"));
              g_assert_null (strstr (problem, "Bytes"));
              g_assert_null (strstr (problem, "{"));
              g_assert_null (strstr (problem, "xs:"));
            }
          rc_import_summary_clear (&summary);
          g_clear_error (&error);
        }
    }
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 0);
}

/* An import the database cannot take (here past the file size limit, as
 * on a full disk) fails with the store's own error, RC_ERROR_FULL, which
 * the CLI gives status 3: the file is not to blame, no line of it is
 * named, and nothing is stored. Once there is room, it imports. */
static void
test_import_store_full (void)
{
  g_autoptr(RcStore) source = demo_store ("full-source.db", 1000);
  g_autofree char *path = export_to (source, "full.xml", RC_EXPORT_NONE);
  g_autofree char *db_path = path_in_tmp ("full-target.db");
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (db_path);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-900001", "Ada", "Byrne");
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  RcImportSummary summary;
  GStatBuf wal_stat;
  gboolean imported;

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &wal_stat), ==, 0);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = (rlim_t) wal_stat.st_size;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  rc_import_summary_init (&summary);
  imported = rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (imported);
  g_assert_error (error, RC_ERROR, RC_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, db_path));
  g_assert_nonnull (strstr (error->message, "the file size limit is reached"));
  g_assert_null (strstr (error->message, path));
  g_assert_null (strstr (error->message, "line"));
  g_assert_cmpuint (summary.problems->len, ==, 0);
  rc_import_summary_clear (&summary);
  g_clear_error (&error);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 1);

  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 1000);
  rc_import_summary_clear (&summary);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 1001);
}

/* The screen (docs/xml-format.md, "Safety of the importer"): files made
 * here, too big to keep in tests/data/bad-xml/. */

/* good.xml with @from replaced by @to, the result written as @name. */
static char *
write_good_variant_big (const char *name,
                        const char *from,
                        GString    *to)
{
  g_autofree char *good = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  char *path = path_in_tmp (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *at;
  FILE *file;

  g_file_get_contents (good, &contents, NULL, &error);
  g_assert_no_error (error);
  at = strstr (contents, from);
  g_assert_nonnull (at);
  file = fopen (path, "w");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (contents, 1, at - contents, file), ==, (gsize) (at - contents));
  g_assert_cmpuint (fwrite (to->str, 1, to->len, file), ==, to->len);
  fputs (at + strlen (from), file);
  g_assert_cmpint (fclose (file), ==, 0);
  return path;
}

/* Imports @path into a fresh database and expects a refusal at @line
 * ending in @message; nothing is stored. */
static void
assert_screened (const char *path,
                 int         line,
                 const char *message)
{
  g_autofree char *db_path = path_in_tmp ("screened.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);
  g_autofree char *expected = g_strdup_printf ("%s:%d: %s", path, line, message);
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  rc_import_summary_init (&summary);
  g_assert_false (rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  rc_import_summary_clear (&summary);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (g_unlink (db_path), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* libxml2 2.9.14 compares each attribute with every one before it: on
 * its own it takes over 10 s for these. */
static void
test_screen_attributes (void)
{
  g_autoptr(GString) attributes = g_string_new ("<client ");
  g_autoptr(GString) namespaces = g_string_new ("<client ");
  g_autoptr(GString) quoted = g_string_new ("<client note=\">\" ");
  g_autofree char *path = NULL;

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append_printf (attributes, "a%u=\"x\" ", i);
      g_string_append_printf (namespaces, "xmlns:p%u=\"urn:p%u\" ", i, i);
      /* A ">" in a value ends no tag. */
      g_string_append_printf (quoted, "b%u='>' ", i);
    }
  path = write_good_variant_big ("attributes.xml", "<client ", attributes);
  assert_screened (path, 3, "the file has an element with too many attributes (more than 64)");
  g_free (path);
  path = write_good_variant_big ("namespaces.xml", "<client ", namespaces);
  assert_screened (path, 3, "the file has an element with too many attributes (more than 64)");
  g_free (path);
  path = write_good_variant_big ("quoted.xml", "<client ", quoted);
  assert_screened (path, 3, "the file has an element with too many attributes (more than 64)");
  if (memory_bound_applies ())
    g_assert_cmpint (peak_rss_kib (), <, 200 * 1024);
}

/* One 20 MiB attribute value, text, name or run of white space. */
static void
test_screen_lengths (void)
{
  const gsize size = 20 * 1024 * 1024;
  g_autoptr(GString) value = g_string_new ("<client uuid=\"");
  g_autoptr(GString) text = g_string_new ("<given-name>");
  g_autoptr(GString) name = g_string_new ("<");
  g_autoptr(GString) blank = g_string_new (NULL);
  g_autoptr(GString) comment = g_string_new ("<!--");
  g_autofree char *path = NULL;

  g_string_set_size (value, value->len + size);
  memset (value->str + strlen ("<client uuid=\""), 'a', size);
  g_string_append (value, "\" ");
  path = write_good_variant_big ("value.xml", "<client uuid=\"", value);
  assert_screened (path, 3, "the file has an attribute value longer than 4096 bytes");
  g_free (path);

  /* A name invented by the test; the message never quotes the text. */
  for (gsize i = 0; i < size / 5; i++)
    g_string_append (text, "Zara ");
  path = write_good_variant_big ("text.xml", "<given-name>", text);
  assert_screened (path, 5, "the file has a text longer than 65536 bytes");
  g_free (path);

  g_string_append (name, "client");
  for (gsize i = 0; i < size / 8; i++)
    g_string_append (name, "-client-");
  g_string_append_c (name, ' ');
  path = write_good_variant_big ("name.xml", "<client ", name);
  assert_screened (path, 3, "the file has a name longer than 256 bytes");
  g_free (path);

  g_string_set_size (blank, size);
  memset (blank->str, ' ', size);
  g_string_append (blank, "<client ");
  path = write_good_variant_big ("blank.xml", "<client ", blank);
  assert_screened (path, 2, "the file has a text longer than 65536 bytes");
  g_free (path);

  g_string_prepend (blank, "<client ");
  path = write_good_variant_big ("blank-in-tag.xml", "<client ", blank);
  assert_screened (path, 3, "the file has a tag longer than 65536 bytes");
  g_free (path);

  for (gsize i = 0; i < size / 32; i++)
    g_string_append (comment, "<client a=\"x\"> ]]> ?> --- <!-- ");
  g_string_append (comment, "-->\n  <client ");
  path = write_good_variant_big ("comment.xml", "<client ", comment);
  assert_screened (path, 2, "the file has a text longer than 65536 bytes");
  if (memory_bound_applies ())
    g_assert_cmpint (peak_rss_kib (), <, 200 * 1024);
}

/* The file is read as UTF-8, as the screen reads it: another encoding,
 * whether told by its first bytes or by its declaration, is refused
 * rather than decoded into markup the screen never saw. */
static void
test_screen_encodings (void)
{
  static const char utf16[] = "\xff\xfe<\0?\0x\0m\0l\0";
  static const char ebcdic[] = "\x4c\x6f\xa7\x94\x93\x40";
  g_autofree char *good = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) latin1 = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  path = path_in_tmp ("utf16.xml");
  g_assert_true (g_file_set_contents (path, utf16, sizeof utf16 - 1, &error));
  assert_screened (path, 1, "not UTF-8 text");
  g_free (path);

  path = path_in_tmp ("ebcdic.xml");
  g_assert_true (g_file_set_contents (path, ebcdic, sizeof ebcdic - 1, &error));
  assert_screened (path, 1, "not UTF-8 text");
  g_free (path);

  /* "Zoë" in ISO-8859-1, as the declaration says. */
  g_assert_true (g_file_get_contents (good, &contents, NULL, &error));
  latin1 = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (latin1, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", 1),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (latin1, "<given-name>Noor<", "<given-name>Zo\xeb<", 1), ==, 1);
  path = path_in_tmp ("latin1.xml");
  g_assert_true (g_file_set_contents (path, latin1->str, latin1->len, &error));
  assert_screened (path, 5, "not well-formed XML: not proper UTF-8 text");
  g_free (path);
}

/* A document type is refused wherever the read that brings it begins:
 * the screen keeps its place from one read to the next. */
static void
test_screen_doctype_at_any_offset (void)
{
  for (guint padding = 3990; padding < 4120; padding += 7)
    {
      g_autoptr(GString) prolog = g_string_new ("<!--");
      g_autofree char *path = NULL;

      for (guint i = 0; i < padding; i++)
        g_string_append_c (prolog, "ab-]?>"[i % 6]);
      g_string_append (prolog, " -->\n<!DOCTYPE profiles [<!ENTITY e \"Zara\">]>\n<profiles ");
      path = write_good_variant_big ("doctype.xml", "<profiles ", prolog);
      assert_screened (path, 3, "document types and entities are not allowed");
    }
}

/* What is near the limits but valid imports: every text at its longest,
 * written in the longest way; "<", ">" and quotes in comments, CDATA and
 * values; processing instructions; a sizeable export. */
static void
test_screen_passes_valid (void)
{
  const char *cdata = "<![CDATA[<client a=\"1\" b='2'>]]>";
  g_autoptr(GString) note = g_string_new ("<note>");
  g_autoptr(GString) goal = g_string_new ("<goal>");
  g_autoptr(GString) client = g_string_new ("<?rc a processing instruction <a b=\"c\">?>\n"
                                            "  <!-- <client a=\"x\" b='y'> -->\n  <client ");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *db_path = path_in_tmp ("screen-valid.db");
  g_autoptr(RcStore) store = rc_test_open_store (db_path);
  g_autoptr(RcStore) source = NULL;
  g_autoptr(RcClient) stored = NULL;
  g_autoptr(RcAssessment) intake = NULL;
  g_autoptr(GString) changed = NULL;
  RcImportSummary summary;

  /* 4,000 characters: 40,000 bytes as references to U+10FFFF in the
   * note; a CDATA section and &quot; in the goal. */
  for (guint i = 0; i < 4000; i++)
    g_string_append (note, "&#1114111;");
  g_string_append (note, "</note>");
  g_string_append (goal, cdata);
  for (guint i = 0; i < 4000 - strlen ("<client a=\"1\" b='2'>"); i++)
    g_string_append (goal, "&quot;");
  g_string_append (goal, "</goal>");
  path = write_good_variant_big ("screen-valid-1.xml", "<client ", client);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, "<note>Talks to her brother by phone</note>",
                                      note->str, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (changed, "<goal>Visit him once this month</goal>",
                                      goal->str, 1), ==, 1);
  /* ">" and both quotes in a value. */
  g_assert_cmpuint (g_string_replace (changed, "program-version=\"0.1.0\"",
                                      "program-version=\"0.1.0 > ' &quot;\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));

  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 1);
  rc_import_summary_clear (&summary);
  stored = rc_store_find_client (store, "RC-000501", NULL);
  g_assert_nonnull (stored);
  intake = rc_test_load_assessment (store, "a3e1c9d4-2b6f-4e8a-9c1d-0f5b7e2a6c38");
  g_assert_cmpint (g_utf8_strlen (rc_assessment_get_note (intake, "family"), -1), ==, 4000);
  g_assert_cmpint (g_utf8_strlen (rc_assessment_get_goal (intake, "family"), -1), ==, 4000);

  /* An export of many clients: nothing adds up from one to the next. */
  source = demo_store ("screen-source.db", 300);
  g_free (path);
  path = export_to (source, "screen-valid-2.xml", RC_EXPORT_NONE);
  import_ok (store, path, RC_CONFLICT_FAIL, &summary);
  g_assert_cmpuint (summary.new_clients, ==, 300);
  rc_import_summary_clear (&summary);
}

/* Output files (RcOutputFile): never over the database, nothing left
 * by an interruption. */

static char *
make_folder (const char *name)
{
  char *folder = path_in_tmp (name);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return folder;
}

static void
assert_refused (GError     *error,
                const char *path)
{
  g_autofree char *expected =
    g_strdup_printf ("%s: is the database itself (or its journal, or a backup); nothing was "
                     "written", path);

  g_assert_error (error, RC_ERROR, RC_ERROR_PROTECTED_OUTPUT);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The database under its name, its journal's, a symbolic link's or a
 * hard link's: refused, the file and the folder unchanged. */
static void
test_output_refuses_database (void)
{
  g_autofree char *folder = make_folder ("refuse");
  g_autofree char *db = g_build_filename (folder, "rc.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *symlink_path = g_build_filename (folder, "link.xml", NULL);
  g_autofree char *hard_link = g_build_filename (folder, "hard.xml", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *listing = NULL;
  const char *targets[] = { db, wal, shm, symlink_path, hard_link };

  rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)), 3,
                    5, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (symlink ("rc.db", symlink_path), ==, 0);
  g_assert_cmpint (link (db, hard_link), ==, 0);
  checksum = rc_test_file_checksum (db);
  listing = rc_test_list_folder (folder);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) refused = NULL;

      g_assert_false (rc_export_profiles (store, NULL, RC_EXPORT_NONE, targets[i], NULL, &refused));
      assert_refused (refused, targets[i]);
    }
  {
    g_autofree char *checksum_after = rc_test_file_checksum (db);
    g_autofree char *listing_after = rc_test_list_folder (folder);

    g_assert_cmpstr (checksum_after, ==, checksum);
    g_assert_cmpstr (listing_after, ==, listing);
  }
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 3);
}

/* A backup, through a symbolic link to it or its folder, or a hard link:
 * refused whichever database is open. */
static void
test_output_refuses_backup (void)
{
  g_autofree char *folder = make_folder ("refuse-backup");
  g_autofree char *backups = g_build_filename (g_get_user_data_dir (), "recovery-capital",
                                               "backups", NULL);
  g_autofree char *id_folder = g_build_filename (backups, "test-id", NULL);
  g_autofree char *backup = g_build_filename (id_folder, "2025-01-01T00:00:00Z.db", NULL);
  g_autofree char *linked_folder = g_build_filename (folder, "backups", NULL);
  g_autofree char *through_folder = g_build_filename (linked_folder, "2025-01-01T00:00:00Z.db",
                                                      NULL);
  g_autofree char *symlink_path = g_build_filename (folder, "link.xml", NULL);
  g_autofree char *hard_link = g_build_filename (folder, "hard.xml", NULL);
  g_autofree char *allowed = g_build_filename (folder, "out.xml", NULL);
  g_autofree char *db = g_build_filename (folder, "rc.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (db);
  g_autoptr(GError) error = NULL;
  const char *targets[] = { backup, through_folder, symlink_path, hard_link };

  g_assert_cmpint (g_mkdir_with_parents (id_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (backup, "a backup", -1, NULL));
  g_assert_cmpint (symlink (id_folder, linked_folder), ==, 0);
  g_assert_cmpint (symlink (backup, symlink_path), ==, 0);
  g_assert_cmpint (link (backup, hard_link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) refused = NULL;

      g_assert_false (rc_export_profiles (store, NULL, RC_EXPORT_NONE, targets[i], NULL, &refused));
      assert_refused (refused, targets[i]);
    }
  g_assert_true (rc_export_profiles (store, NULL, RC_EXPORT_NONE, allowed, NULL, &error));
  g_assert_no_error (error);

  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "a backup");
  }
  g_assert_cmpint (g_unlink (hard_link), ==, 0);
  g_assert_cmpint (g_unlink (backup), ==, 0);
  g_assert_cmpint (g_rmdir (id_folder), ==, 0);
  g_assert_cmpint (g_rmdir (backups), ==, 0);
}

static void
make_file (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, "<client>left by a kill</client>", -1, NULL));
}

static void
assert_default_action (int signum)
{
  struct sigaction action;

  g_assert_cmpint (sigaction (signum, NULL, &action), ==, 0);
  g_assert_true (action.sa_handler == SIG_DFL);
}

/* The tests of the way without O_TMPFILE (RC_TEST_NO_O_TMPFILE) run in a
 * subprocess that sets it before any thread is made. */
static gboolean
in_fallback_subprocess (gboolean fallback)
{
  if (!fallback || g_test_subprocess ())
    {
      if (fallback)
        g_setenv ("RC_TEST_NO_O_TMPFILE", "1", TRUE);
      return TRUE;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* What a kill left, ".NAME.rc-tmp-XXXXXX" of any NAME, is removed by the
 * next output into the folder, with O_TMPFILE or without: not a file
 * another writer holds, another user's, or another hidden file. */
static void
test_output_sweeps_leftovers (gconstpointer data)
{
  gboolean fallback = GPOINTER_TO_UINT (data);
  g_autofree char *folder = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *held_path = NULL;
  g_autofree char *foreign_path = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_root = geteuid () == 0;
  int held;

  if (!in_fallback_subprocess (fallback))
    return;
  folder = make_folder ("sweep");
  db = path_in_tmp ("sweep.db");
  out = g_build_filename (folder, "out.xml", NULL);
  held_path = g_build_filename (folder, ".out.xml.rc-tmp-Held01", NULL);
  foreign_path = g_build_filename (folder, ".out.xml.rc-tmp-Other1", NULL);
  store = rc_test_open_store (db);

  make_file (folder, ".keep");
  make_file (folder, ".out.xml.rc-tmp-Held01");
  held = open (held_path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (held, >=, 0);
  g_assert_cmpint (flock (held, LOCK_EX), ==, 0);
  if (as_root)
    {
      make_file (folder, ".out.xml.rc-tmp-Other1");
      g_assert_cmpint (chown (foreign_path, 65534, 65534), ==, 0);
    }
  else
    g_test_message ("not root: no other user's file to leave alone");
  make_file (folder, ".out.xml.rc-tmp-Stale1");
  make_file (folder, ".report.pdf.rc-tmp-aB3dE9");
  make_file (folder, "..rc-tmp-000000");

  g_assert_true (rc_export_profiles (store, NULL, RC_EXPORT_NONE, out, NULL, &error));
  g_assert_no_error (error);
  listing = rc_test_list_folder (folder);
  g_assert_cmpstr (listing, ==,
                   as_root ? ".keep .out.xml.rc-tmp-Held01 .out.xml.rc-tmp-Other1 out.xml"
                           : ".keep .out.xml.rc-tmp-Held01 out.xml");
  rc_test_assert_mode (out, 0600);
  /* The handlers that remove the fallback's file are gone with it. */
  assert_default_action (SIGINT);
  assert_default_action (SIGTERM);
  assert_default_action (SIGHUP);
  close (held);
}

/* Without O_TMPFILE, SIGINT, SIGTERM and SIGHUP remove the hidden file
 * before the process dies of them. */
static void
test_output_signal_removes_temporary (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  pid_t pid;
  int status;

  if (!in_fallback_subprocess (TRUE))
    return;
  folder = make_folder ("signals");
  path = g_build_filename (folder, "out.xml", NULL);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(RcOutputFile) output = rc_output_file_new (path, NULL, NULL);

      if (output == NULL || !rc_output_file_write (output, "<client>", 8))
        _exit (1);
      listing = rc_test_list_folder (folder);
      if (!g_str_has_prefix (listing, ".out.xml.rc-tmp-"))
        _exit (2);
      raise (signum);
      _exit (3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, signum);
  listing = rc_test_list_folder (folder);
  g_assert_cmpstr (listing, ==, "");
}

/* A write that fails (here at the file size limit) leaves nothing, and
 * says why in one error; the same without O_TMPFILE. */
static void
test_output_failed_write_leaves_nothing (gconstpointer data)
{
  gboolean fallback = GPOINTER_TO_UINT (data);

  if (g_test_subprocess ())
    {
      g_autoptr(RcStore) store = NULL;
      g_autofree char *folder = make_folder ("limited");
      g_autofree char *path = g_build_filename (folder, "out.xml", NULL);
      g_autofree char *expected = g_strdup_printf ("%s: cannot be written: the file size limit "
                                                   "is reached", path);
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      if (fallback)
        g_setenv ("RC_TEST_NO_O_TMPFILE", "1", TRUE);
      store = demo_store ("limited.db", 300);
      /* EFBIG rather than death by SIGXFSZ. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (rc_export_profiles (store, NULL, RC_EXPORT_NONE, path, NULL, &error));
      g_assert_error (error, RC_ERROR, RC_ERROR_FULL);
      g_assert_cmpstr (error->message, ==, expected);
      listing = rc_test_list_folder (folder);
      g_assert_cmpstr (listing, ==, "");
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);

  g_test_add_func ("/exchange/round-trip", test_round_trip);
  g_test_add_func ("/exchange/file-mode", test_file_mode);
  g_test_add_func ("/exchange/many-clients", test_many_clients);
  g_test_add_func ("/exchange/write-error", test_write_error);
  g_test_add_func ("/exchange/conflicts", test_conflicts);
  g_test_add_func ("/exchange/conflicts/code-variant", test_code_variant_conflict);
  g_test_add_func ("/exchange/clinic-code-conflict", test_clinic_code_conflict);
  g_test_add_func ("/exchange/assessment-conflict", test_assessment_conflict);
  g_test_add_func ("/exchange/unrated-draft", test_unrated_draft);
  g_test_add_func ("/exchange/text-language", test_text_language);
  g_test_add_func ("/exchange/deidentified", test_deidentified);
  g_test_add_func ("/exchange/dry-run", test_dry_run);
  g_test_add_func ("/exchange/bad-files", test_bad_files);
  g_test_add_func ("/exchange/good-file", test_good_file);
  g_test_add_func ("/exchange/content-rules", test_content_rules);
  g_test_add_func ("/exchange/invisible-characters", test_invisible_characters);
  g_test_add_func ("/exchange/persian-name", test_persian_name);
  g_test_add_func ("/exchange/messages/quote-nothing", test_messages_quote_nothing);
  g_test_add_func ("/exchange/import/store-full", test_import_store_full);
  g_test_add_func ("/exchange/screen/attributes", test_screen_attributes);
  g_test_add_func ("/exchange/screen/lengths", test_screen_lengths);
  g_test_add_func ("/exchange/screen/encodings", test_screen_encodings);
  g_test_add_func ("/exchange/screen/doctype-at-any-offset", test_screen_doctype_at_any_offset);
  g_test_add_func ("/exchange/screen/passes-valid", test_screen_passes_valid);
  g_test_add_func ("/exchange/output/refuses-database", test_output_refuses_database);
  g_test_add_func ("/exchange/output/refuses-backup", test_output_refuses_backup);
  g_test_add_data_func ("/exchange/output/sweeps-leftovers/tmpfile", GUINT_TO_POINTER (FALSE),
                        test_output_sweeps_leftovers);
  g_test_add_data_func ("/exchange/output/sweeps-leftovers/fallback", GUINT_TO_POINTER (TRUE),
                        test_output_sweeps_leftovers);
  g_test_add_data_func ("/exchange/output/sigint-removes-temporary", GINT_TO_POINTER (SIGINT),
                        test_output_signal_removes_temporary);
  g_test_add_data_func ("/exchange/output/sigterm-removes-temporary", GINT_TO_POINTER (SIGTERM),
                        test_output_signal_removes_temporary);
  g_test_add_data_func ("/exchange/output/sighup-removes-temporary", GINT_TO_POINTER (SIGHUP),
                        test_output_signal_removes_temporary);
  g_test_add_data_func ("/exchange/output/failed-write-leaves-nothing/tmpfile",
                        GUINT_TO_POINTER (FALSE),
                        test_output_failed_write_leaves_nothing);
  g_test_add_data_func ("/exchange/output/failed-write-leaves-nothing/fallback",
                        GUINT_TO_POINTER (TRUE), test_output_failed_write_leaves_nothing);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}

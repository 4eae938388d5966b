/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* The client search: each word typed must start a word of the client's
 * names or clinic code, ignoring case and accents; results come in the
 * order family name, given name, clinic code, compared folded. Every
 * expected list below is exact, in that order. */

typedef struct
{
  const char *code;
  const char *given;
  const char *family;
} Person;

/* In the expected order of an empty search:
 *   andersen anders · andrews laura · angstrom zoe · dabrowski lukasz ·
 *   de la cruz ana maria · nunez ana · nunez jose (RC-000101, RC-000102) ·
 *   o'brien jean-luc */
static const Person people[] = {
  { "RC-004217", "Zoë", "Ångström" },
  { "RC-000102", "José", "Núñez" },
  { "NC-000001", "Łukasz", "Dąbrowski" },
  { "RC-004299", "Jean-Luc", "O'Brien" },
  { "RC-000300", "Ana María", "de la Cruz" },
  { "RC-000400", "ANDERS", "andersen" },
  { "RC-000500", "Laura", "Andrews" },
  { "RC-000104", "ana", "Núñez" },
  { "RC-000101", "JOSÉ", "NUÑEZ" },
};

#define N_PEOPLE G_N_ELEMENTS (people)

typedef struct
{
  char    *tmpdir;
  char    *path;
  RcStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = rc_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->tmpdir, "search.db", NULL);
  fixture->store = rc_test_open_store (fixture->path);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(RcClient) client = rc_test_make_client (people[i].code, people[i].given,
                                                        people[i].family);

      g_assert_true (rc_store_save_client (fixture->store, client, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  rc_test_tmpdir_free (fixture->tmpdir);
}

/* Searches for @text in @order and checks the result against the clinic
 * codes that follow, in order, up to a NULL; by name, every search call
 * alike. */
static void assert_search_in (RcStore       *store,
                              RcClientOrder  order,
                              const char    *text,
                              ...) G_GNUC_NULL_TERMINATED;

#define assert_search(store, ...) assert_search_in ((store), RC_CLIENT_ORDER_NAME, __VA_ARGS__)

static void
assert_search_in (RcStore       *store,
                  RcClientOrder  order,
                  const char    *text,
                  ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rc_store_list_client_ids (store, text, order, &error);
  g_autoptr(GArray) name_ids = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  const char *code;
  va_list codes;

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  if (order == RC_CLIENT_ORDER_NAME)
    {
      name_ids = rc_store_search_client_ids (store, text, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (name_ids->data, name_ids->len * sizeof (gint64),
                       ids->data, ids->len * sizeof (gint64));
      clients = rc_store_search_clients (store, text, &error);
      g_assert_no_error (error);
      g_assert_nonnull (clients);
      g_assert_cmpuint (clients->len, ==, ids->len);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RcClient) by_id = rc_store_load_client (store, g_array_index (ids, gint64, i),
                                                         &error);

      g_assert_no_error (error);
      if (clients != NULL)
        {
          RcClient *client = g_ptr_array_index (clients, i);

          g_assert_true (RC_IS_CLIENT (client));
          g_assert_cmpstr (rc_client_get_uuid (client), ==, rc_client_get_uuid (by_id));
          g_assert_cmpstr (rc_client_get_given_name (client), ==,
                           rc_client_get_given_name (by_id));
        }
      g_string_append_printf (got, "%s%s", i > 0 ? " " : "", rc_client_get_clinic_code (by_id));
    }

  va_start (codes, text);
  for (guint i = 0; (code = va_arg (codes, const char *)) != NULL; i++)
    g_string_append_printf (expected, "%s%s", i > 0 ? " " : "", code);
  va_end (codes);

  if (!g_str_equal (got->str, expected->str))
    g_test_message ("search “%s”", text != NULL ? text : "(null)");
  g_assert_cmpstr (got->str, ==, expected->str);
}

#define ALL_IN_ORDER \
  "RC-000400", "RC-000500", "RC-004217", "NC-000001", "RC-000300", \
  "RC-000104", "RC-000101", "RC-000102", "RC-004299"

static void
test_case (Fixture       *fixture,
           gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "zoe", "RC-004217", NULL);
  assert_search (fixture->store, "ZOË", "RC-004217", NULL);
  assert_search (fixture->store, "Zoë", "RC-004217", NULL);
  assert_search (fixture->store, "zOe", "RC-004217", NULL);
  assert_search (fixture->store, "anders", "RC-000400", NULL);
  assert_search (fixture->store, "ANDERSEN", "RC-000400", NULL);
  assert_search (fixture->store, "jose", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "JOSÉ", "RC-000101", "RC-000102", NULL);
}

static void
test_accents (Fixture       *fixture,
              gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "angstrom", "RC-004217", NULL);
  assert_search (fixture->store, "ångström", "RC-004217", NULL);
  assert_search (fixture->store, "ÅNGSTRÖM", "RC-004217", NULL);
  assert_search (fixture->store, "angström", "RC-004217", NULL);
  assert_search (fixture->store, "nunez", "RC-000104", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "núñez", "RC-000104", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "NÚÑEZ", "RC-000104", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "maria", "RC-000300", NULL);
  assert_search (fixture->store, "marí", "RC-000300", NULL);
  /* Decomposed input (e + combining acute) folds the same. */
  assert_search (fixture->store, "Jose\xcc\x81", "RC-000101", "RC-000102", NULL);
}

static void
test_special_letters (Fixture       *fixture,
                      gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "lukasz", "NC-000001", NULL);
  assert_search (fixture->store, "łukasz", "NC-000001", NULL);
  assert_search (fixture->store, "ŁUK", "NC-000001", NULL);
  assert_search (fixture->store, "dabrowski", "NC-000001", NULL);
  assert_search (fixture->store, "dąb", "NC-000001", NULL);
  assert_search (fixture->store, "lukasz dabrowski", "NC-000001", NULL);
}

static void
test_word_prefix (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "cru", "RC-000300", NULL);
  assert_search (fixture->store, "cruz", "RC-000300", NULL);
  assert_search (fixture->store, "la", "RC-000500", "RC-000300", NULL);
  assert_search (fixture->store, "de", "RC-000300", NULL);
  assert_search (fixture->store, "an", "RC-000400", "RC-000500", "RC-004217", "RC-000300",
                 "RC-000104", NULL);
  assert_search (fixture->store, "ana", "RC-000300", "RC-000104", NULL);
  assert_search (fixture->store, "andr", "RC-000500", NULL);
  assert_search (fixture->store, "z", "RC-004217", NULL);

  /* Not in the middle of a word. */
  assert_search (fixture->store, "ndrews", NULL);
  assert_search (fixture->store, "ngstrom", NULL);
  assert_search (fixture->store, "rowski", NULL);
  assert_search (fixture->store, "ruz", NULL);
  assert_search (fixture->store, "ukasz", NULL);
  /* Nor longer than the word. */
  assert_search (fixture->store, "cruzado", NULL);
}

static void
test_punctuation (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  /* Hyphenated names: each part, the whole, and the whole without it. */
  assert_search (fixture->store, "luc", "RC-004299", NULL);
  assert_search (fixture->store, "jean", "RC-004299", NULL);
  assert_search (fixture->store, "jean-l", "RC-004299", NULL);
  assert_search (fixture->store, "Jean-Luc", "RC-004299", NULL);
  assert_search (fixture->store, "jeanluc", "RC-004299", NULL);
  assert_search (fixture->store, "jean-x", NULL);

  /* Apostrophes. */
  assert_search (fixture->store, "obrien", "RC-004299", NULL);
  assert_search (fixture->store, "o'b", "RC-004299", NULL);
  assert_search (fixture->store, "O'Brien", "RC-004299", NULL);
  assert_search (fixture->store, "brien", "RC-004299", NULL);
  assert_search (fixture->store, "o'", "RC-004299", NULL);
  assert_search (fixture->store, "ob", "RC-004299", NULL);
}

static void
test_clinic_code (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "RC-0042", "RC-004217", "RC-004299", NULL);
  assert_search (fixture->store, "rc-004217", "RC-004217", NULL);
  assert_search (fixture->store, "RC-004217", "RC-004217", NULL);
  assert_search (fixture->store, "004217", "RC-004217", NULL);
  assert_search (fixture->store, "0042", "RC-004217", "RC-004299", NULL);
  assert_search (fixture->store, "rc004217", "RC-004217", NULL);
  assert_search (fixture->store, "nc", "NC-000001", NULL);
  assert_search (fixture->store, "NC-000001", "NC-000001", NULL);
  assert_search (fixture->store, "000001", "NC-000001", NULL);
  assert_search (fixture->store, "00010", "RC-000104", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "rc", "RC-000400", "RC-000500", "RC-004217", "RC-000300",
                 "RC-000104", "RC-000101", "RC-000102", "RC-004299", NULL);
  assert_search (fixture->store, "RC-9", NULL);
  assert_search (fixture->store, "rc-004217x", NULL);
}

static void
test_several_words (Fixture       *fixture,
                    gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, "ana cruz", "RC-000300", NULL);
  assert_search (fixture->store, "cruz ana", "RC-000300", NULL);
  assert_search (fixture->store, "  ana \t cruz  ", "RC-000300", NULL);
  assert_search (fixture->store, "ana zzz", NULL);
  assert_search (fixture->store, "zzz ana", NULL);
  assert_search (fixture->store, "ana nunez", "RC-000104", NULL);
  assert_search (fixture->store, "jose nunez", "RC-000101", "RC-000102", NULL);
  assert_search (fixture->store, "jose nunez rc-000102", "RC-000102", NULL);
  assert_search (fixture->store, "ana ana", "RC-000300", "RC-000104", NULL);
  assert_search (fixture->store, "ana ANA Ana", "RC-000300", "RC-000104", NULL);
  /* Words match different words of the client; both may be prefixes. */
  assert_search (fixture->store, "a m d l c", "RC-000300", NULL);
  assert_search (fixture->store, "zoe rc", "RC-004217", NULL);
  assert_search (fixture->store, "zoe nc", NULL);
}

static void
test_everyone (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  assert_search (fixture->store, NULL, ALL_IN_ORDER, NULL);
  assert_search (fixture->store, "", ALL_IN_ORDER, NULL);
  assert_search (fixture->store, " ", ALL_IN_ORDER, NULL);
  assert_search (fixture->store, " \t\n\r ", ALL_IN_ORDER, NULL);
}

static void
test_no_match (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rc_store_search_client_ids (fixture->store, "xyzzy", &error);
  g_autoptr(GPtrArray) clients = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 0);
  clients = rc_store_search_clients (fixture->store, "xyzzy", &error);
  g_assert_no_error (error);
  g_assert_nonnull (clients);
  g_assert_cmpuint (clients->len, ==, 0);
}

static void
test_injection (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  const char * const nothing[] = {
    "' OR 1=1 --", "%", "_", "\"; DROP TABLE client; --", "a%", "%a", "a_a", "*", "' OR '1'='1",
    "'); DELETE FROM client_term; --", "\\", "-", "--", "'", "%%", "zo%", "z_e", "[a-z]*",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    assert_search (fixture->store, nothing[i], NULL);

  /* Genuine matches are still found beside such text. */
  assert_search (fixture->store, "zoe %", NULL);
  assert_search (fixture->store, "o'brien' --", NULL);
  assert_search (fixture->store, "o'brien", "RC-004299", NULL);

  /* And nothing was changed. */
  g_assert_cmpint (rc_store_count_clients (fixture->store, &error), ==, N_PEOPLE);
  g_assert_no_error (error);
  assert_search (fixture->store, "", ALL_IN_ORDER, NULL);
  assert_search (fixture->store, "zoe", "RC-004217", NULL);

  g_assert_cmpint (rc_test_sqlite_query_int (fixture->path, "SELECT count(*) FROM client"), ==,
                   N_PEOPLE);
}

static void
test_follows_changes (Fixture       *fixture,
                      gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) zoe = rc_store_find_client (fixture->store, "RC-004217", &error);

  g_assert_no_error (error);
  /* A new family name moves her in the order and changes what finds her. */
  rc_client_set_family_name (zoe, "Æsir");
  g_assert_true (rc_store_save_client (fixture->store, zoe, &error));
  g_assert_no_error (error);
  assert_search (fixture->store, "angstrom", NULL);
  assert_search (fixture->store, "aesir", "RC-004217", NULL);
  assert_search (fixture->store, "æs", "RC-004217", NULL);
  assert_search (fixture->store, "", "RC-004217", "RC-000400", "RC-000500", "NC-000001",
                 "RC-000300", "RC-000104", "RC-000101", "RC-000102", "RC-004299", NULL);
  assert_search (fixture->store, "a", "RC-004217", "RC-000400", "RC-000500", "RC-000300",
                 "RC-000104", NULL);
}

/* The same folded name orders by clinic code. */
static void
test_order_ties (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "ties.db");
  g_autoptr(GError) error = NULL;
  const Person ties[] = {
    { "C-3", "Eve", "Ödegaard" }, { "C-1", "eve", "odegaard" }, { "C-2", "ÈVE", "ODEGAARD" },
    { "C-0", "Adam", "Odegaard" }, { "B-9", "Eve", "Öberg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ties); i++)
    {
      g_autoptr(RcClient) client = rc_test_make_client (ties[i].code, ties[i].given,
                                                        ties[i].family);

      g_assert_true (rc_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  assert_search (store, "", "B-9", "C-0", "C-1", "C-2", "C-3", NULL);
  assert_search (store, "odegaard eve", "C-1", "C-2", "C-3", NULL);
  assert_search (store, "o", "B-9", "C-0", "C-1", "C-2", "C-3", NULL);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* Every match is returned, however many: no page size, no limit. */
static void
test_every_match (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "many.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  const guint n = 500;

  g_assert_true (rc_store_begin (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("MS-%05u", i);
      /* Given names in reverse of the codes, so that order is by name. */
      g_autofree char *given = g_strdup_printf ("Given%03u", n - 1 - i);
      g_autoptr(RcClient) client =
        rc_test_make_client (code, given, i % 2 == 0 ? "Müllerson" : "MULLERSTEIN");

      g_assert_true (rc_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(RcClient) other = rc_test_make_client ("XX-1", "Mull", "Other");
    g_autoptr(RcClient) middle = rc_test_make_client ("XX-2", "Anna", "Ammuller");

    g_assert_true (rc_store_save_client (store, other, &error));
    g_assert_true (rc_store_save_client (store, middle, &error));
    g_assert_no_error (error);
  }
  g_assert_true (rc_store_commit (store, &error));
  g_assert_no_error (error);

  ids = rc_store_search_client_ids (store, "muller", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (seen, &g_array_index (ids, gint64, i));
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);

  clients = rc_store_search_clients (store, "mull", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, n + 1);
  /* Müllerson (even codes) first, by given name; then Mullerstein; then Other. */
  for (guint i = 0; i < n; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      guint code = (i < n / 2) ? n - 2 - 2 * i : n - 1 - 2 * (i - n / 2);
      g_autofree char *expected = g_strdup_printf ("MS-%05u", code);

      g_assert_cmpstr (rc_client_get_clinic_code (client), ==, expected);
    }
  g_assert_cmpstr (rc_client_get_clinic_code (g_ptr_array_index (clients, n)), ==, "XX-1");

  g_clear_pointer (&ids, g_array_unref);
  ids = rc_store_search_client_ids (store, "mullerstein given4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 50);
  g_clear_pointer (&ids, g_array_unref);
  ids = rc_store_search_client_ids (store, "ms", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  g_clear_pointer (&ids, g_array_unref);
  ids = rc_store_search_client_ids (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n + 2);

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* The same with generated demo data: every client whose family name
 * starts with a folded prefix, counted independently. */
static void
test_every_match_demo (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcStore) store = rc_test_open_store_in (tmpdir, "demo.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GHashTable) first_letters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RcInstrument *instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (store));
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (rc_demo_generate (store, instrument, 300, 7, &error));
  g_assert_no_error (error);
  everyone = rc_store_search_clients (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everyone->len, ==, 300);

  /* Count, by the first folded letter of each word of the names, how many
   * clients a one-letter search must find. */
  for (guint i = 0; i < everyone->len; i++)
    {
      RcClient *client = g_ptr_array_index (everyone, i);
      g_autofree char *full = g_strjoin (" ", rc_client_get_given_name (client),
                                         rc_client_get_family_name (client),
                                         rc_client_get_clinic_code (client), NULL);
      g_autoptr(GPtrArray) terms = rc_text_search_terms (full);
      g_autoptr(GHashTable) letters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; j < terms->len; j++)
        {
          const char *term = g_ptr_array_index (terms, j);

          g_hash_table_add (letters, g_strndup (term, g_utf8_next_char (term) - term));
        }
      g_hash_table_iter_init (&iter, letters);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (first_letters, key));

          g_hash_table_insert (first_letters, g_strdup (key), GUINT_TO_POINTER (n + 1));
        }
    }

  g_hash_table_iter_init (&iter, first_letters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GArray) ids = rc_store_search_client_ids (store, key, &error);

      g_assert_no_error (error);
      g_test_message ("“%s”: %u", (const char *) key, GPOINTER_TO_UINT (value));
      g_assert_cmpuint (ids->len, ==, GPOINTER_TO_UINT (value));
    }
  {
    g_autoptr(GArray) ids = rc_store_search_client_ids (store, "rc", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 300);
  }

  g_clear_object (&store);
  rc_test_tmpdir_free (tmpdir);
}

/* Each search term rc_text_search_terms() gives for a client, and each
 * prefix of one, finds that client through the store; and the folding
 * agrees with what the expected lists above assume. */
static void
test_terms_find_their_client (Fixture       *fixture,
                              gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *fold_zoe = rc_text_fold ("Zoë Ångström");
  g_autofree char *fold_lukasz = rc_text_fold ("Łukasz Dąbrowski");
  g_autoptr(GPtrArray) tokens = rc_text_query_tokens ("  ZOË   zoe Ångström\t");

  g_assert_cmpstr (fold_zoe, ==, "zoe angstrom");
  g_assert_cmpstr (fold_lukasz, ==, "lukasz dabrowski");
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (tokens, 0), ==, "zoe");
  g_assert_cmpstr (g_ptr_array_index (tokens, 1), ==, "angstrom");

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *indexed = g_strjoin (" ", people[i].given, people[i].family,
                                            people[i].code, NULL);
      g_autoptr(GPtrArray) terms = rc_text_search_terms (indexed);

      g_assert_cmpuint (terms->len, >=, 3);
      for (guint j = 0; j < terms->len; j++)
        {
          const char *term = g_ptr_array_index (terms, j);

          for (const char *end = g_utf8_next_char (term);; end = g_utf8_next_char (end))
            {
              g_autofree char *prefix = g_strndup (term, (gsize) (end - term));
              g_autoptr(GError) error = NULL;
              g_autoptr(GPtrArray) found = rc_store_search_clients (fixture->store, prefix,
                                                                    &error);
              gboolean has = FALSE;

              g_assert_no_error (error);
              for (guint k = 0; k < found->len && !has; k++)
                has = g_str_equal (rc_client_get_clinic_code (g_ptr_array_index (found, k)),
                                   people[i].code);
              if (!has)
                g_test_message ("“%s” (of term “%s”) does not find %s", prefix, term,
                                people[i].code);
              g_assert_true (has);
              if (*end == '\0')
                break;
            }
        }
    }
}

/* A change made by another program (another connection to the file) is
 * seen by the next search. */
static void
test_other_connection (Fixture       *fixture,
                       gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(RcStore) other = rc_test_open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) newcomer = rc_test_make_client ("RC-777777", "Nadia", "Zyłka");
  g_autoptr(RcClient) zoe = NULL;

  /* Search first, so that whatever the store keeps is in use. */
  assert_search (fixture->store, "zylka", NULL);
  assert_search (fixture->store, "zoe", "RC-004217", NULL);

  g_assert_true (rc_store_save_client (other, newcomer, &error));
  g_assert_no_error (error);
  zoe = rc_store_find_client (other, "RC-004217", &error);
  g_assert_no_error (error);
  rc_client_set_given_name (zoe, "Zofia");
  g_assert_true (rc_store_save_client (other, zoe, &error));
  g_assert_no_error (error);

  assert_search (fixture->store, "zylka", "RC-777777", NULL);
  assert_search (fixture->store, "nadia z", "RC-777777", NULL);
  assert_search (fixture->store, "zoe", NULL);
  assert_search (fixture->store, "zofia", "RC-004217", NULL);
  assert_search (fixture->store, "z", "RC-004217", "RC-777777", NULL);
}

/* By clinic code, compared as SQLite's NOCASE collation does (ASCII
 * letters without case): every search gives the same clients as by name,
 * in the order of their codes, and follows changes as the name order does. */
static void
test_code_order (Fixture       *fixture,
                 gconstpointer  data G_GNUC_UNUSED)
{
  const RcClientOrder by_code = RC_CLIENT_ORDER_CODE;
  RcStore *store = fixture->store;
  g_autoptr(RcStore) other = rc_test_open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) lower = rc_test_make_client ("nc-000002", "Ola", "Nordmann");
  g_autoptr(RcClient) newcomer = rc_test_make_client ("RC-000103", "Ana", "Abad");

  g_assert_true (rc_store_save_client (store, lower, &error));
  g_assert_no_error (error);
  assert_search_in (store, by_code, NULL, "NC-000001", "nc-000002", "RC-000101", "RC-000102",
                    "RC-000104", "RC-000300", "RC-000400", "RC-000500", "RC-004217",
                    "RC-004299", NULL);
  assert_search_in (store, by_code, " ", "NC-000001", "nc-000002", "RC-000101", "RC-000102",
                    "RC-000104", "RC-000300", "RC-000400", "RC-000500", "RC-004217",
                    "RC-004299", NULL);
  assert_search_in (store, by_code, "nunez", "RC-000101", "RC-000102", "RC-000104", NULL);
  assert_search_in (store, by_code, "nc", "NC-000001", "nc-000002", NULL);
  assert_search_in (store, by_code, "a", "RC-000104", "RC-000300", "RC-000400", "RC-000500",
                    "RC-004217", NULL);
  assert_search_in (store, by_code, "xyzzy", NULL);

  /* The name order is the same as before the order by code was read. */
  assert_search (store, "nunez", "RC-000104", "RC-000101", "RC-000102", NULL);

  /* Another program's client, then one of our own, each in its place. */
  g_assert_true (rc_store_save_client (other, newcomer, &error));
  g_assert_no_error (error);
  assert_search_in (store, by_code, "ana", "RC-000103", "RC-000104", "RC-000300", NULL);
  rc_client_set_clinic_code (lower, "RC-000100");
  g_assert_true (rc_store_save_client (store, lower, &error));
  g_assert_no_error (error);
  assert_search_in (store, by_code, "rc-0001", "RC-000100", "RC-000101", "RC-000102",
                    "RC-000103", "RC-000104", NULL);
  assert_search_in (store, by_code, "nc", "NC-000001", NULL);
}

int
main (int    argc,
      char **argv)
{
  char *home = rc_test_tmpdir_new ();
  int ret;

  rc_test_isolate_data_home (home);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("case", test_case);
  ADD ("accents", test_accents);
  ADD ("special-letters", test_special_letters);
  ADD ("word-prefix", test_word_prefix);
  ADD ("punctuation", test_punctuation);
  ADD ("clinic-code", test_clinic_code);
  ADD ("several-words", test_several_words);
  ADD ("everyone", test_everyone);
  ADD ("no-match", test_no_match);
  ADD ("injection", test_injection);
  ADD ("follows-changes", test_follows_changes);
  ADD ("other-connection", test_other_connection);
  ADD ("code-order", test_code_order);
  ADD ("terms-find-their-client", test_terms_find_their_client);
#undef ADD
  g_test_add_func ("/search/order-ties", test_order_ties);
  g_test_add_func ("/search/every-match", test_every_match);
  g_test_add_func ("/search/every-match-demo", test_every_match_demo);

  ret = g_test_run ();
  rc_test_tmpdir_free (home);
  return ret;
}

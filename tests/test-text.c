/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "rc-core.h"

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = rc_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("Zoë", "zoe");
  assert_fold ("ÅNGSTRÖM", "angstrom");
  assert_fold ("Núñez", "nunez");
  assert_fold ("Łukasz Dąbrowski", "lukasz dabrowski");
  assert_fold ("Søren Ærø", "soren aero");
  assert_fold ("Đorđević", "dordevic");
  assert_fold ("Straße", "strasse");
  assert_fold ("İlkay", "ilkay");
  assert_fold ("Ｆｕｌｌ", "full");  /* compatibility forms */
  assert_fold ("", "");
  assert_fold (NULL, "");
  assert_fold ("bad \xff utf-8", "");
}

static gboolean
contains (GPtrArray  *strings,
          const char *wanted)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), wanted))
      return TRUE;
  return FALSE;
}

static void
test_code_key (void)
{
  static const char *twins[][2] = {
    { "RC-100", "rc-100" },
    { "RC-100", "  RC-100\t" },
    { "RC-100", "\xef\xbc\xb2\xef\xbc\xa3-100" },     /* full-width ＲＣ */
    { "STRASSE-1", "stra\xc3\x9f" "e-1" },                 /* ß folds to ss */
    { "\xc3\x89-7", "E\xcc\x81-7" },                      /* É, E + combining acute */
  };

  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    {
      g_autofree char *a = rc_text_code_key (twins[i][0]);
      g_autofree char *b = rc_text_code_key (twins[i][1]);

      g_assert_cmpstr (a, ==, b);
    }

  {
    g_autofree char *plain = rc_text_code_key ("E-7");
    g_autofree char *accented = rc_text_code_key ("\xc3\x89-7");

    g_assert_cmpstr (plain, !=, accented);
  }
}

static void
test_search_terms (void)
{
  g_autoptr(GPtrArray) terms = rc_text_search_terms ("Jean-Luc O'Brien RC-004217");
  const char *expected[] = { "jean-luc", "luc", "jeanluc", "o'brien", "brien", "obrien",
                             "rc-004217", "004217", "rc004217" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (contains (terms, expected[i]));
  g_assert_cmpuint (terms->len, ==, G_N_ELEMENTS (expected));
}

static void
test_search_terms_are_distinct (void)
{
  g_autoptr(GPtrArray) terms = rc_text_search_terms ("Anders  ANDERS andersen");

  g_assert_cmpuint (terms->len, ==, 2);
  g_assert_true (contains (terms, "anders"));
  g_assert_true (contains (terms, "andersen"));
}

static void
test_query_tokens (void)
{
  g_autoptr(GPtrArray) tokens = rc_text_query_tokens ("  Ana  MARÍA\tana ");
  g_autoptr(GPtrArray) none = rc_text_query_tokens (" \t ");

  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (tokens, 0), ==, "ana");
  g_assert_cmpstr (g_ptr_array_index (tokens, 1), ==, "maria");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_prefix_upper_bound (void)
{
  g_autofree char *high = rc_text_prefix_upper_bound ("and");

  /* Everything that starts with the prefix sorts inside [prefix, high). */
  g_assert_cmpint (strcmp ("and", high), <, 0);
  g_assert_cmpint (strcmp ("andersen", high), <, 0);
  g_assert_cmpint (strcmp ("and\xf4\x8f\xbf\xbe", high), <, 0);
  g_assert_cmpint (strcmp ("ane", high), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/code-key", test_code_key);
  g_test_add_func ("/text/search-terms", test_search_terms);
  g_test_add_func ("/text/search-terms/distinct", test_search_terms_are_distinct);
  g_test_add_func ("/text/query-tokens", test_query_tokens);
  g_test_add_func ("/text/prefix-upper-bound", test_prefix_upper_bound);

  return g_test_run ();
}

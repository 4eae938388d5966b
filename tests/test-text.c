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

/* Every character a clinic code refuses, each alone in an otherwise good
 * code: controls, format characters, line and paragraph separators. */
static const gunichar refused_in_codes[] = {
  '\t', '\n', '\r', 0x001B, 0x007F, 0x0085, 0x009B,  /* C0 and C1 controls */
  0x061C, 0x200E, 0x200F,                                    /* bidi marks */
  0x202A, 0x202B, 0x202C, 0x202D, 0x202E,                    /* embeddings, overrides */
  0x2066, 0x2067, 0x2068, 0x2069,                            /* isolates */
  0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD,            /* zero width, soft hyphen */
  0x2028, 0x2029,                                            /* Zl, Zp */
};

static char *
with_char (const char *before,
           gunichar    c,
           const char *after)
{
  char middle[7] = { 0 };

  g_unichar_to_utf8 (c, middle);
  return g_strconcat (before, middle, after, NULL);
}

static void
test_clean_code (void)
{
  g_assert_true (rc_text_is_clean_code ("RC-000001"));
  g_assert_true (rc_text_is_clean_code ("\xc3\x89-7 Nord"));   /* É, a plain space */
  g_assert_true (rc_text_is_clean_code (""));
  g_assert_true (rc_text_is_clean_code (NULL));
  g_assert_false (rc_text_is_clean_code ("RC-\xff"));

  for (guint i = 0; i < G_N_ELEMENTS (refused_in_codes); i++)
    {
      g_autofree char *middle = with_char ("RC-", refused_in_codes[i], "001");
      g_autofree char *end = with_char ("RC-001", refused_in_codes[i], "");

      g_test_message ("U+%04X", refused_in_codes[i]);
      g_assert_false (rc_text_is_clean_code (middle));
      g_assert_false (rc_text_is_clean_code (end));
    }
}

static void
test_clean_name (void)
{
  /* Persian "mikhaham" (I want): mim, yeh, ZWNJ, khah, waw, alef, heh, mim. */
  const char *persian = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85";
  /* Persian with a mark before the ZWNJ: heh with a hamza above. */
  const char *persian_mark = "\xd9\x87\xd9\x94\xe2\x80\x8c\xd8\xa7";
  /* Devanagari: ka, virama, ZWJ, ssa (a half form). */
  const char *devanagari = "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7";
  const char *good[] = { "Zo\xc3\xab", "Jean-Luc", "O'Brien", "Mar\xc3\xad" "a Jos\xc3\xa9",
                         persian, persian_mark, devanagari, "", NULL };
  const gunichar joiners[] = { 0x200C, 0x200D };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (rc_text_is_clean_name (good[i]));
  g_assert_false (rc_text_is_clean_name ("Zo\xff"));

  for (guint i = 0; i < G_N_ELEMENTS (refused_in_codes); i++)
    {
      gunichar c = refused_in_codes[i];
      g_autofree char *start = with_char ("", c, "Anna");
      g_autofree char *end = with_char ("Anna", c, "");
      g_autofree char *spaced = with_char ("Anna ", c, "Maria");

      g_test_message ("U+%04X", c);
      g_assert_false (rc_text_is_clean_name (start));
      g_assert_false (rc_text_is_clean_name (end));
      g_assert_false (rc_text_is_clean_name (spaced));
      if (c != 0x200C && c != 0x200D)
        {
          g_autofree char *between = with_char ("An", c, "na");

          g_assert_false (rc_text_is_clean_name (between));
        }
    }

  /* The joiners do their work between letters, and nowhere else. */
  for (guint i = 0; i < G_N_ELEMENTS (joiners); i++)
    {
      g_autofree char *between = with_char ("An", joiners[i], "na");
      g_autofree char *before_space = with_char ("Anna", joiners[i], " Maria");
      g_autofree char *after_digit = with_char ("Anna2", joiners[i], "b");
      g_autofree char *before_digit = with_char ("Anna", joiners[i], "2");
      g_autofree char *twice = with_char ("An", joiners[i], "\xe2\x80\x8cna");
      g_autofree char *before_mark = with_char ("An", joiners[i], "\xcc\x81na");

      g_assert_true (rc_text_is_clean_name (between));
      g_assert_false (rc_text_is_clean_name (before_space));
      g_assert_false (rc_text_is_clean_name (after_digit));
      g_assert_false (rc_text_is_clean_name (before_digit));
      g_assert_false (rc_text_is_clean_name (twice));
      g_assert_false (rc_text_is_clean_name (before_mark));
    }
}

#define FSI_ "\xe2\x81\xa8"
#define PDI_ "\xe2\x81\xa9"
#define RLO_ "\xe2\x80\xae"
#define RLE_ "\xe2\x80\xab"
#define PDF_ "\xe2\x80\xac"
#define RLI_ "\xe2\x81\xa7"

static void
assert_isolate (const char *text,
                const char *expected)
{
  g_autofree char *isolated = rc_text_isolate (text);

  g_assert_cmpstr (isolated, ==, expected);
}

static void
test_isolate (void)
{
  assert_isolate ("Talks to her brother", FSI_ "Talks to her brother" PDI_);
  assert_isolate ("", "");
  assert_isolate (NULL, "");
  /* Each line alone; empty lines stay empty, CR LF is one break. */
  assert_isolate ("one\n\ntwo\r\nthree\n", FSI_ "one" PDI_ "\n\n" FSI_ "two" PDI_ "\r\n"
                  FSI_ "three" PDI_ "\n");
  /* An override stays inside: closed before the wrapper ends. */
  assert_isolate ("abc " RLO_ "def", FSI_ "abc " RLO_ "def" PDF_ PDI_);
  assert_isolate (RLE_ "a" RLI_ "b", FSI_ RLE_ "a" RLI_ "b" PDI_ PDF_ PDI_);
  /* A stray PDI cannot close the wrapper, nor a stray PDF an embedding
   * outside; matched pairs are kept. */
  assert_isolate ("a" PDI_ RLO_ "b", FSI_ "a" RLO_ "b" PDF_ PDI_);
  assert_isolate ("a" PDF_ "b", FSI_ "ab" PDI_);
  assert_isolate (RLO_ "a" PDF_ PDF_ "b", FSI_ RLO_ "a" PDF_ "b" PDI_);
  assert_isolate (RLI_ "a" PDI_ PDI_ "b", FSI_ RLI_ "a" PDI_ "b" PDI_);
  /* A PDF does not reach out of an isolate; a PDI closes the
   * embeddings inside its own. */
  assert_isolate (RLE_ RLI_ "a" PDF_ "b", FSI_ RLE_ RLI_ "ab" PDI_ PDF_ PDI_);
  assert_isolate (RLI_ RLE_ "a" PDI_ "b", FSI_ RLI_ RLE_ "a" PDI_ "b" PDI_);
  /* An override does not carry over to the next line either. */
  assert_isolate (RLO_ "a\nb", FSI_ RLO_ "a" PDF_ PDI_ "\n" FSI_ "b" PDI_);
  assert_isolate ("a\xe2\x80\xa9" "b", FSI_ "a" PDI_ "\xe2\x80\xa9" FSI_ "b" PDI_);
  assert_isolate ("bad \xff", FSI_ "bad \xef\xbf\xbd" PDI_);
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
  g_test_add_func ("/text/clean-code", test_clean_code);
  g_test_add_func ("/text/clean-name", test_clean_name);
  g_test_add_func ("/text/isolate", test_isolate);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-text"

#include "config.h"

#include <string.h>

#include "rc-text.h"

/* Letters that carry no decomposable accent but that people type without
 * it all the same: "Łukasz" is found by "luk", "Søren" by "sor". */
static const char *
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x0141: case 0x0142: return "l";   /* Ł ł */
    case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
    case 0x0110: case 0x0111: return "d";   /* Đ đ */
    case 0x00D0: case 0x00F0: return "d";   /* Ð ð */
    case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
    case 0x0152: case 0x0153: return "oe";  /* Œ œ */
    case 0x00DE: case 0x00FE: return "th";  /* Þ þ */
    case 0x0131: return "i";                /* ı */
    case 0x0130: return "i";                /* İ */
    case 0x00DF: return "ss";               /* ß */
    default: return NULL;
    }
}

/**
 * rc_text_is_blank:
 *
 * Returns: whether @text is %NULL, empty or only white space
 */
gboolean
rc_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * rc_text_code_key:
 * @code: a clinic code, valid UTF-8
 *
 * The form in which two clinic codes are compared, so that "rc-100",
 * "RC-100 " and "ＲＣ-100" (full width) are one code: compatibility
 * forms unified (NFKC), white space trimmed, case folded. Accents stay:
 * unlike names, codes are typed as they are written.
 *
 * Returns: (transfer full): the key
 */
char *
rc_text_code_key (const char *code)
{
  g_autofree char *compatible = g_utf8_normalize (code, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (g_strstrip (compatible), -1);

  /* Folding can leave a sequence that NFKC composes differently. */
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}

/**
 * rc_text_fold:
 * @text: UTF-8 text, or %NULL
 *
 * Folds @text for matching and sorting: accents removed, case folded,
 * compatibility forms unified. Invalid UTF-8 folds to an empty string.
 *
 * Returns: (transfer full): the folded text
 */
char *
rc_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *replacement = fold_letter (c);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (replacement != NULL)
        g_string_append (stripped, replacement);
      else
        g_string_append_unichar (stripped, c);
    }

  return g_utf8_casefold (stripped->str, stripped->len);
}

static void
add_term (GPtrArray  *terms,
          const char *term)
{
  if (*term == '\0')
    return;
  for (guint i = 0; i < terms->len; i++)
    if (g_str_equal (g_ptr_array_index (terms, i), term))
      return;
  g_ptr_array_add (terms, g_strdup (term));
}

/* A word is indexed whole ("jean-luc", "rc-004217"), without its
 * punctuation ("obrien") and by its later pieces ("luc", "004217"), so
 * that a prefix of any of these forms finds it. The first piece needs no
 * term of its own: whatever starts it also starts the whole word. */
static void
add_word_terms (GPtrArray  *terms,
                const char *word)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GString) piece = g_string_new (NULL);
  gboolean first_piece = TRUE;

  add_term (terms, word);
  for (const char *p = word;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (joined, c);
          g_string_append_unichar (piece, c);
          continue;
        }
      if (piece->len > 0 && !first_piece)
        add_term (terms, piece->str);
      first_piece = first_piece && piece->len == 0;
      g_string_truncate (piece, 0);
      if (c == 0)
        break;
    }
  add_term (terms, joined->str);
}

/**
 * rc_text_search_terms:
 * @text: the text to index, such as a name or a clinic code
 *
 * Returns: (transfer full) (element-type utf8): the distinct folded terms
 *   under which @text is found by a prefix search
 */
GPtrArray *
rc_text_search_terms (const char *text)
{
  g_autofree char *folded = rc_text_fold (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      add_word_terms (terms, words[i]);

  return terms;
}

/**
 * rc_text_query_tokens:
 * @query: what the user typed
 *
 * Returns: (transfer full) (element-type utf8): the folded, distinct
 *   whitespace-separated tokens of @query; each must start a term of a match
 */
GPtrArray *
rc_text_query_tokens (const char *query)
{
  g_autofree char *folded = rc_text_fold (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    add_term (tokens, words[i]);

  return tokens;
}

/**
 * rc_text_prefix_upper_bound:
 * @prefix: a folded prefix
 *
 * Every string that starts with @prefix sorts, byte by byte, at or after
 * @prefix and before the returned string: @prefix followed by the highest
 * code point. This lets an ordinary index answer a prefix query.
 *
 * Returns: (transfer full): the exclusive upper bound
 */
char *
rc_text_prefix_upper_bound (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

/* Characters that show nothing of their own or that break a line: each
 * can make two codes that look alike differ, hide text, or reorder what
 * is shown around them (Trojan Source). */
static gboolean
is_control_or_format (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_letter (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * rc_text_is_clean_code:
 * @text: a clinic code, or %NULL
 *
 * A clinic code is typed, compared and read aloud character by
 * character, so nothing in it may be invisible: no control or format
 * character (tab, newline, bidirectional controls, zero-width spaces and
 * joiners, byte order mark) and no line or paragraph separator.
 *
 * Returns: whether @text is valid UTF-8 without such characters; %NULL
 *   counts as clean
 */
gboolean
rc_text_is_clean_code (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_control_or_format (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * rc_text_is_clean_name:
 * @text: a given or family name, or %NULL
 *
 * Like rc_text_is_clean_code(), except for the zero-width non-joiner
 * (U+200C) and joiner (U+200D): Persian and Indic names are spelt with
 * them. They are allowed where they do that work, after a letter or a
 * combining mark (in Devanagari the joiner follows a virama) and before
 * a letter; anywhere else they only hide something.
 *
 * Returns: whether @text is valid UTF-8 without refused characters;
 *   %NULL counts as clean
 */
gboolean
rc_text_is_clean_name (const char *text)
{
  gunichar previous = 0;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200C || c == 0x200D)
        {
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));

          if (!(is_letter (previous) || is_mark (previous)) || !is_letter (next))
            return FALSE;
        }
      else if (is_control_or_format (c))
        {
          return FALSE;
        }
      previous = c;
    }
  return TRUE;
}

/* Bidirectional controls that open a level, and those that close one. */
enum {
  LRE = 0x202A, RLE = 0x202B, PDF = 0x202C, LRO = 0x202D, RLO = 0x202E,
  LRI = 0x2066, RLI = 0x2067, FSI = 0x2068, PDI = 0x2069,
};

static gboolean
is_embedding (gunichar c)
{
  return c == LRE || c == RLE || c == LRO || c == RLO;
}

static gboolean
is_isolate (gunichar c)
{
  return c == LRI || c == RLI || c == FSI;
}

/* Characters that end a paragraph for the bidirectional algorithm, and
 * with it every level opened in it, the wrapper's included. */
static gboolean
ends_paragraph (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
         c == 0x2029;
}

/* Appends one paragraph of @text, from @start to @end, isolated. */
static void
append_isolated (GString    *out,
                 const char *start,
                 const char *end)
{
  g_autoptr(GArray) open = NULL;

  if (start == end)
    return;
  open = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_string_append_unichar (out, FSI);
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_embedding (c) || is_isolate (c))
        {
          g_array_append_val (open, c);
        }
      else if (c == PDF)
        {
          /* A PDF closes an embedding opened since the last isolate, as
           * in the algorithm's rule X7; any other would be ignored there,
           * and is dropped here. */
          if (open->len == 0 || !is_embedding (g_array_index (open, gunichar, open->len - 1)))
            continue;
          g_array_set_size (open, open->len - 1);
        }
      else if (c == PDI)
        {
          guint i = open->len;

          /* A PDI closes the last isolate and the embeddings within it
           * (rule X6a); one without an isolate of its own would close the
           * wrapper, so it is dropped. */
          while (i > 0 && !is_isolate (g_array_index (open, gunichar, i - 1)))
            i--;
          if (i == 0)
            continue;
          g_array_set_size (open, i - 1);
        }
      g_string_append_unichar (out, c);
    }
  for (guint i = open->len; i > 0; i--)
    g_string_append_unichar (out, is_isolate (g_array_index (open, gunichar, i - 1)) ? PDI : PDF);
  g_string_append_unichar (out, PDI);
}

/**
 * rc_text_isolate:
 * @text: free text such as a note or a goal, or %NULL
 *
 * Free text is kept as it was typed, bidirectional controls included, but
 * shown beside other text it must not reorder that text. Each line of
 * @text is wrapped in a first-strong isolate (U+2068 … U+2069); closing
 * controls without an opener of their own are dropped, and openers left
 * open are closed before the wrapper ends. Empty lines stay empty.
 * Invalid UTF-8 is replaced, as for display.
 *
 * Returns: (transfer full): @text for display
 */
char *
rc_text_isolate (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *start;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 8);
  for (start = p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && !ends_paragraph (c))
        continue;
      append_isolated (out, start, p);
      if (c == 0)
        break;
      g_string_append_unichar (out, c);
      if (c == '\r' && p[1] == '\n')
        g_string_append_c (out, *++p);
      start = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

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

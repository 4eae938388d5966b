/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-instrument"

#include "config.h"

#include <string.h>

#include <libxml/xmlreader.h>
#include <glib/gi18n-lib.h>

#include "rc-factor-private.h"
#include "rc-i18n.h"
#include "rc-instrument.h"
#include "rc-text.h"

/* An instrument is data: an XML file naming its factors, the anchor text of
 * every level and, for a validated instrument, reliability figures. See
 * data/instruments/rc-eight-factor.xml for the format.
 *
 * Its texts can be given in several languages, one element for each,
 * marked with xml:lang; those without are in the file's own language, the
 * xml:lang of <instrument> (English without one). Of each text the loader
 * keeps the one in the language the user prefers, by gettext's rule
 * (rc_i18n_get_language_names()), else the file's own, else any: a
 * clinic's own instrument can't go through our gettext catalogues, so it
 * carries its translations. */

struct _RcInstrument
{
  GObject    parent_instance;

  char      *id;
  guint      version;
  char      *language;  /* of the name kept, as xml:lang gives it */
  char      *name;
  char      *description;
  int        min_score;
  int        max_score;
  guint      max_missing;
  gboolean   has_scale;
  GPtrArray *factors;
  gboolean   has_reliability;
  double     reliability_r;
  double     reliability_sd;
};

G_DEFINE_FINAL_TYPE (RcInstrument, rc_instrument, G_TYPE_OBJECT)

G_DEFINE_QUARK (rc-instrument-error-quark, rc_instrument_error)

/* Instrument files are small; anything deeper or longer is not one. */
#define MAX_DEPTH 8
#define MAX_TEXT_LENGTH 4096

typedef struct
{
  xmlTextReaderPtr    reader;
  const char         *origin;
  GError             *error;
  const char * const *languages;      /* the user's, the most wanted first */
  const char         *file_language;  /* of texts without xml:lang */
  GHashTable         *ranks;          /* each text's slot → 1 + the rank of the one kept */
  GHashTable         *seen;           /* "slot language" of each text read */
} Parser;

/* A text in the file's own language ranks after the user's languages,
 * one in any other language last. */
#define RANK_FILE_LANGUAGE (G_MAXUINT - 1)
#define RANK_OTHER G_MAXUINT

static void
rc_instrument_finalize (GObject *object)
{
  RcInstrument *self = RC_INSTRUMENT (object);

  g_free (self->id);
  g_free (self->language);
  g_free (self->name);
  g_free (self->description);
  g_ptr_array_unref (self->factors);

  G_OBJECT_CLASS (rc_instrument_parent_class)->finalize (object);
}

static void
rc_instrument_class_init (RcInstrumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_instrument_finalize;
}

static void
rc_instrument_init (RcInstrument *self)
{
  self->factors = g_ptr_array_new_with_free_func (g_object_unref);
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Parser     *parser,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (parser->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&parser->error, RC_INSTRUMENT_ERROR, code, "%s:%d: %s",
               parser->origin, xmlTextReaderGetParserLineNumber (parser->reader), message);
  return FALSE;
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  xml_error)
{
  Parser *parser = user_data;

  if (parser->error == NULL)
    g_set_error (&parser->error, RC_INSTRUMENT_ERROR, RC_INSTRUMENT_ERROR_MALFORMED, "%s:%d: %s",
                 parser->origin, xml_error->line, g_strchomp (xml_error->message));
}

/* Moves to the next node; FALSE at the end of the document or on an error. */
static gboolean
advance (Parser *parser)
{
  int ret = xmlTextReaderRead (parser->reader);

  if (ret < 0)
    return fail (parser, RC_INSTRUMENT_ERROR_MALFORMED, "not well-formed XML");
  if (xmlTextReaderDepth (parser->reader) > MAX_DEPTH)
    return fail (parser, RC_INSTRUMENT_ERROR_MALFORMED, "elements nested too deeply");
  return ret == 1;
}

static const char *
local_name (Parser *parser)
{
  return (const char *) xmlTextReaderConstLocalName (parser->reader);
}

/* Reads the text of the current element, which must hold nothing else. */
static char *
read_text (Parser *parser)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int depth = xmlTextReaderDepth (parser->reader);

  if (xmlTextReaderIsEmptyElement (parser->reader))
    return g_string_free (g_steal_pointer (&text), FALSE);

  while (advance (parser))
    {
      int type = xmlTextReaderNodeType (parser->reader);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (parser->reader) == depth)
        {
          g_strstrip (text->str);
          text->len = strlen (text->str);
          return g_string_free (g_steal_pointer (&text), FALSE);
        }
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        g_string_append (text, (const char *) xmlTextReaderConstValue (parser->reader));
      else if (type == XML_READER_TYPE_ELEMENT)
        {
          fail (parser, RC_INSTRUMENT_ERROR_INVALID, "unexpected element <%s> in text",
                local_name (parser));
          return NULL;
        }
      if (text->len > MAX_TEXT_LENGTH)
        {
          fail (parser, RC_INSTRUMENT_ERROR_INVALID, "text longer than %d bytes",
                MAX_TEXT_LENGTH);
          return NULL;
        }
    }
  fail (parser, RC_INSTRUMENT_ERROR_MALFORMED, "unexpected end of file");
  return NULL;
}

static char *
get_attribute (Parser     *parser,
               const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (parser->reader, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    {
      fail (parser, RC_INSTRUMENT_ERROR_INVALID, "<%s> lacks the attribute %s",
            local_name (parser), name);
      return NULL;
    }
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
get_int_attribute (Parser     *parser,
                   const char *name,
                   gint64      min,
                   gint64      max,
                   gint64     *out)
{
  g_autofree char *text = get_attribute (parser, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, min, max, out, &error))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "attribute %s of <%s>: %s",
                 name, local_name (parser), error->message);
  return TRUE;
}

static gboolean
get_double_attribute (Parser     *parser,
                      const char *name,
                      double      min,
                      double      max,
                      double     *out)
{
  g_autofree char *text = get_attribute (parser, name);
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(*out >= min && *out <= max))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID,
                 "attribute %s of <%s> must be a number from %g to %g",
                 name, local_name (parser), min, max);
  return TRUE;
}

static const char *
text_language (Parser *parser)
{
  const char *language = (const char *) xmlTextReaderConstXmlLang (parser->reader);

  return language != NULL && *language != '\0' ? language : parser->file_language;
}

/* How much the user wants @language ("fr", "es-MX"): 0 for their first. */
static guint
language_rank (Parser     *parser,
               const char *language)
{
  g_autofree char *locale = g_strdelimit (g_strdup (language), "-", '_');

  for (guint i = 0; parser->languages[i] != NULL; i++)
    if (g_ascii_strcasecmp (parser->languages[i], locale) == 0)
      return i;
  return g_ascii_strcasecmp (language, parser->file_language) == 0 ? RANK_FILE_LANGUAGE
                                                                    : RANK_OTHER;
}

/* Whether the text of the current element, for @slot ("the title of
 * factor “family”"…), is to be kept over any read before: FALSE with the
 * parser's error set for a second one in one language. */
static gboolean
prefer_text (Parser     *parser,
             const char *slot,
             gboolean   *preferred)
{
  const char *language = text_language (parser);
  guint rank = language_rank (parser, language);
  gpointer kept;

  *preferred = FALSE;
  if (!g_hash_table_add (parser->seen, g_strdup_printf ("%s %s", slot, language)))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "%s is given twice in the language “%s”",
                 slot, language);
  if (g_hash_table_lookup_extended (parser->ranks, slot, NULL, &kept) &&
      GPOINTER_TO_SIZE (kept) - 1 <= rank)
    return TRUE;
  g_hash_table_insert (parser->ranks, g_strdup (slot), GSIZE_TO_POINTER ((gsize) rank + 1));
  *preferred = TRUE;
  return TRUE;
}

/* Reads the current element's text, and whether it is to be kept. */
static char *
read_ranked_text (Parser     *parser,
                  const char *slot,
                  gboolean   *preferred)
{
  if (!prefer_text (parser, slot, preferred))
    return NULL;
  return read_text (parser);
}

/* Reliability figures: r must be a proper coefficient below 1, or the
 * reliable-change denominator vanishes; the SD must be positive. */
static gboolean
parse_reliability (Parser *parser,
                   double *r,
                   double *sd)
{
  return get_double_attribute (parser, "r", 0.0, 0.999, r) &&
         get_double_attribute (parser, "sd", 1e-6, 1e6, sd);
}

static gboolean
parse_level (Parser   *parser,
             RcFactor *factor)
{
  gint64 score;
  g_autofree char *slot = NULL;
  g_autofree char *label = NULL;
  g_autofree char *anchor = NULL;
  gboolean preferred;

  if (!get_int_attribute (parser, "score", 0, RC_SCORE_MAX, &score))
    return FALSE;
  label = get_attribute (parser, "label");
  if (label == NULL)
    return FALSE;
  slot = g_strdup_printf ("level %d of factor “%s”", (int) score, rc_factor_get_key (factor));
  anchor = read_ranked_text (parser, slot, &preferred);
  if (anchor == NULL)
    return FALSE;
  if (preferred)
    rc_factor_set_level (factor, (int) score, label, anchor);
  return TRUE;
}

static gboolean
expect_namespace (Parser *parser)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (parser->reader);

  if (g_strcmp0 (ns, RC_INSTRUMENT_NAMESPACE) != 0)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "<%s> is not in the namespace %s",
                 local_name (parser), RC_INSTRUMENT_NAMESPACE);
  return TRUE;
}

/* Calls @child_cb for each child element of the current element; text
 * other than whitespace between them is an error. */
static gboolean
parse_children (Parser   *parser,
                gboolean (*child_cb) (Parser *, const char *, gpointer),
                gpointer  user_data)
{
  int depth = xmlTextReaderDepth (parser->reader);

  if (xmlTextReaderIsEmptyElement (parser->reader))
    return TRUE;

  while (advance (parser))
    {
      int type = xmlTextReaderNodeType (parser->reader);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (parser->reader) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (!expect_namespace (parser) || !child_cb (parser, local_name (parser), user_data))
            return FALSE;
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
        {
          if (!rc_text_is_blank ((const char *) xmlTextReaderConstValue (parser->reader)))
            return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "unexpected text");
        }
    }
  return fail (parser, RC_INSTRUMENT_ERROR_MALFORMED, "unexpected end of file");
}

static gboolean
factor_child_cb (Parser     *parser,
                 const char *name,
                 gpointer    user_data)
{
  RcFactor *factor = user_data;
  g_autofree char *text = NULL;
  double r, sd;

  if (g_str_equal (name, "level"))
    return parse_level (parser, factor);
  if (g_str_equal (name, "reliability"))
    {
      if (!parse_reliability (parser, &r, &sd))
        return FALSE;
      rc_factor_set_reliability (factor, r, sd);
      return TRUE;
    }
  if (g_str_equal (name, "title") || g_str_equal (name, "description"))
    {
      g_autofree char *slot = g_strdup_printf ("the %s of factor “%s”", name,
                                               rc_factor_get_key (factor));
      gboolean preferred;

      text = read_ranked_text (parser, slot, &preferred);
      if (text == NULL)
        return FALSE;
      if (!preferred)
        return TRUE;
      if (g_str_equal (name, "title"))
        rc_factor_set_title (factor, text);
      else
        rc_factor_set_description (factor, text);
      return TRUE;
    }
  return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "unknown element <%s> in <factor>", name);
}

static gboolean
is_valid_key (const char *key)
{
  if (*key == '\0' || strlen (key) > 64)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
parse_factor (Parser       *parser,
              RcInstrument *self)
{
  g_autofree char *key = get_attribute (parser, "key");
  g_autoptr(RcFactor) factor = NULL;

  if (key == NULL)
    return FALSE;
  if (!is_valid_key (key))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID,
                 "factor key “%s” must be lowercase letters, digits and hyphens", key);
  if (rc_instrument_lookup_factor (self, key) != NULL)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "factor “%s” given twice", key);

  factor = rc_factor_new (key);
  if (!parse_children (parser, factor_child_cb, factor))
    return FALSE;
  if (rc_factor_get_title (factor) == NULL)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "factor “%s” has no <title>", key);
  g_ptr_array_add (self->factors, g_steal_pointer (&factor));
  return TRUE;
}

static gboolean
parse_scale (Parser       *parser,
             RcInstrument *self)
{
  gint64 min, max, max_missing;

  if (!get_int_attribute (parser, "min", 0, RC_SCORE_MAX, &min) ||
      !get_int_attribute (parser, "max", 0, RC_SCORE_MAX, &max) ||
      !get_int_attribute (parser, "max-missing", 0, 1000, &max_missing))
    return FALSE;
  if (min >= max)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "<scale> min must be below max");
  self->min_score = (int) min;
  self->max_score = (int) max;
  self->max_missing = (guint) max_missing;
  self->has_scale = TRUE;
  return TRUE;
}

static gboolean
instrument_child_cb (Parser     *parser,
                     const char *name,
                     gpointer    user_data)
{
  RcInstrument *self = user_data;

  if (g_str_equal (name, "factor"))
    return parse_factor (parser, self);
  if (g_str_equal (name, "scale"))
    return parse_scale (parser, self);
  if (g_str_equal (name, "reliability"))
    {
      self->has_reliability = parse_reliability (parser, &self->reliability_r,
                                                 &self->reliability_sd);
      return self->has_reliability;
    }
  if (g_str_equal (name, "name") || g_str_equal (name, "description"))
    {
      g_autofree char *slot = g_strdup_printf ("the %s of the instrument", name);
      g_autofree char *language = g_strdup (text_language (parser));
      char *text;
      gboolean preferred;

      text = read_ranked_text (parser, slot, &preferred);
      if (text == NULL)
        return FALSE;
      if (!preferred)
        {
          g_free (text);
          return TRUE;
        }
      if (g_str_equal (name, "name"))
        {
          g_free (self->name);
          self->name = text;
          g_free (self->language);
          self->language = g_steal_pointer (&language);
        }
      else
        {
          g_free (self->description);
          self->description = text;
        }
      return TRUE;
    }
  return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "unknown element <%s> in <instrument>", name);
}

/* What the children cannot check one by one. */
static gboolean
check_complete (Parser       *parser,
                RcInstrument *self)
{
  if (self->name == NULL || *self->name == '\0')
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "the instrument has no <name>");
  if (!self->has_scale)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "the instrument has no <scale>");
  if (self->factors->len == 0)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "the instrument has no <factor>");
  if (self->max_missing >= self->factors->len)
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID,
                 "max-missing must be below the number of factors");
  for (guint i = 0; i < self->factors->len; i++)
    {
      RcFactor *factor = g_ptr_array_index (self->factors, i);

      if (!rc_factor_has_levels (factor, self->min_score, self->max_score))
        return fail (parser, RC_INSTRUMENT_ERROR_INVALID,
                     "factor “%s” must have exactly one <level> for each score from %d to %d",
                     rc_factor_get_key (factor), self->min_score, self->max_score);
    }
  return TRUE;
}

static gboolean
parse_root (Parser       *parser,
            RcInstrument *self)
{
  gint64 version;

  while (advance (parser))
    if (xmlTextReaderNodeType (parser->reader) == XML_READER_TYPE_ELEMENT)
      break;
  if (parser->error != NULL)
    return FALSE;
  if (xmlTextReaderNodeType (parser->reader) != XML_READER_TYPE_ELEMENT)
    return fail (parser, RC_INSTRUMENT_ERROR_MALFORMED, "no root element");
  if (!g_str_equal (local_name (parser), "instrument"))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID, "the root element must be <instrument>");
  if (!expect_namespace (parser))
    return FALSE;
  if (xmlTextReaderConstXmlLang (parser->reader) != NULL)
    parser->file_language = (const char *) xmlTextReaderConstXmlLang (parser->reader);

  self->id = get_attribute (parser, "id");
  if (self->id == NULL)
    return FALSE;
  if (!is_valid_key (self->id))
    return fail (parser, RC_INSTRUMENT_ERROR_INVALID,
                 "instrument id “%s” must be lowercase letters, digits and hyphens", self->id);
  if (!get_int_attribute (parser, "version", 1, G_MAXINT, &version))
    return FALSE;
  self->version = (guint) version;

  if (!parse_children (parser, instrument_child_cb, self) || !check_complete (parser, self))
    return FALSE;

  /* Whatever follows the root must be well-formed too. */
  while (advance (parser))
    ;
  return parser->error == NULL;
}

/**
 * rc_instrument_new_from_bytes:
 * @xml: the instrument file's contents
 * @origin: the name to use in error messages, such as the file's path
 *
 * Parses an instrument. The parser loads no DTD, expands no entities and
 * reaches no network, so a hostile file can do no more than fail.
 *
 * Returns: (transfer full): the instrument, or %NULL with @error set to
 *   "ORIGIN:LINE: what is wrong"
 */
RcInstrument *
rc_instrument_new_from_bytes (GBytes      *xml,
                              const char  *origin,
                              GError     **error)
{
  g_autoptr(RcInstrument) self = g_object_new (RC_TYPE_INSTRUMENT, NULL);
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Parser parser = { NULL, origin, NULL, rc_i18n_get_language_names (), "en", ranks, seen };
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);

  g_return_val_if_fail (xml != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (size > G_MAXINT)
    {
      g_set_error (error, RC_INSTRUMENT_ERROR, RC_INSTRUMENT_ERROR_MALFORMED,
                   _("%s: too large for an instrument"), origin);
      return NULL;
    }

  parser.reader = xmlReaderForMemory (data, (int) size, origin, NULL, XML_PARSE_NONET);
  if (parser.reader == NULL)
    {
      g_set_error (error, RC_INSTRUMENT_ERROR, RC_INSTRUMENT_ERROR_MALFORMED,
                   _("%s: cannot be read as XML"), origin);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (parser.reader, structured_error_cb, &parser);

  parse_root (&parser, self);
  xmlFreeTextReader (parser.reader);

  if (parser.error != NULL)
    {
      g_propagate_error (error, parser.error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * rc_instrument_new_from_file:
 *
 * Returns: (transfer full): the instrument in @file, or %NULL with @error set
 */
RcInstrument *
rc_instrument_new_from_file (GFile   *file,
                             GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;
  return rc_instrument_new_from_bytes (bytes, name, error);
}

const char *
rc_instrument_get_id (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);
  return self->id;
}

guint
rc_instrument_get_version (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), 0);
  return self->version;
}

const char *
rc_instrument_get_name (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);
  return self->name;
}

/**
 * rc_instrument_get_language:
 *
 * Returns: the language of the texts shown, as the file's xml:lang says
 *   it ("en", "fr", "es-MX"): that of the name kept, which the other
 *   texts share unless the file leaves some untranslated
 */
const char *
rc_instrument_get_language (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);
  return self->language;
}

const char *
rc_instrument_get_description (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);
  return self->description;
}

int
rc_instrument_get_min_score (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), 0);
  return self->min_score;
}

int
rc_instrument_get_max_score (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), 0);
  return self->max_score;
}

/**
 * rc_instrument_get_max_missing:
 *
 * Returns: how many factors may be "not assessed" with the total still
 *   reported (see rc_score_assessment())
 */
guint
rc_instrument_get_max_missing (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), 0);
  return self->max_missing;
}

guint
rc_instrument_get_n_factors (RcInstrument *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), 0);
  return self->factors->len;
}

/**
 * rc_instrument_get_factor:
 *
 * Returns: (transfer none): the factor at @position, in the instrument's order
 */
RcFactor *
rc_instrument_get_factor (RcInstrument *self,
                          guint         position)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (position < self->factors->len, NULL);
  return g_ptr_array_index (self->factors, position);
}

/**
 * rc_instrument_lookup_factor:
 *
 * Returns: (transfer none) (nullable): the factor with @key
 */
RcFactor *
rc_instrument_lookup_factor (RcInstrument *self,
                             const char   *key)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), NULL);

  for (guint i = 0; i < self->factors->len; i++)
    {
      RcFactor *factor = g_ptr_array_index (self->factors, i);

      if (g_str_equal (rc_factor_get_key (factor), key))
        return factor;
    }
  return NULL;
}

/**
 * rc_instrument_get_total_reliability:
 * @r: (out) (optional): the reliability coefficient of the total
 * @sd: (out) (optional): the reference standard deviation of the total
 *
 * Returns: whether the instrument gives reliability figures for its total
 */
gboolean
rc_instrument_get_total_reliability (RcInstrument *self,
                                     double       *r,
                                     double       *sd)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT (self), FALSE);

  if (r != NULL)
    *r = self->reliability_r;
  if (sd != NULL)
    *sd = self->reliability_sd;
  return self->has_reliability;
}

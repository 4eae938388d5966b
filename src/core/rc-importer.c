/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-importer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <glib/gi18n-lib.h>

#include "rc-core-resources.h"
#include "rc-date.h"
#include "rc-error.h"
#include "rc-exporter.h"
#include "rc-i18n.h"
#include "rc-importer.h"

/* Reads profiles (docs/xml-format.md) with xmlTextReader, validating
 * against the XSD while streaming. The parser reaches no network, expands
 * no entity, loads no DTD and does no XInclude; a document type, an
 * entity, deep nesting or a huge text is refused. Everything goes into one
 * transaction: on any error nothing is changed. Identity is the UUID, so
 * importing the same file twice changes nothing the second time; a record
 * that differs from the stored one is a conflict, settled by the policy. */

#define SCHEMA_PATH RESOURCE_PREFIX "/schema/recovery-capital-profile-1.xsd"
#define MAX_DEPTH 6
#define MAX_TEXT_BYTES 16384
#define MAX_PROBLEMS 100

/* The screen's limits on the raw bytes, far above what a valid file
 * needs: an element has at most 11 attributes (assessment) plus, on the
 * root, a few namespace declarations; the longest attribute value is 64
 * characters (640 bytes written as character references); the longest
 * name 18 bytes; the longest text 4,000 characters, 40,000 bytes if every
 * one were written as &#x10FFFF;. libxml2 2.9.14 alone would compare each
 * attribute of an element with every one before it (100,000 attributes:
 * 18 s) and hand a text of up to 10 MB to the schema validator, which
 * copies it (9 MB: 430 MB of memory). */
#define MAX_ATTRIBUTES 64
#define MAX_VALUE_BYTES 4096
#define MAX_NAME_BYTES 256
#define MAX_TAG_BYTES 65536
#define MAX_RUN_BYTES 65536

typedef enum
{
  SCREEN_TEXT,            /* character data */
  SCREEN_LT,              /* after "<" */
  SCREEN_BANG,            /* after "<!": "--", "[CDATA[" or "DOCTYPE" follows */
  SCREEN_COMMENT,
  SCREEN_CDATA,
  SCREEN_PI,              /* a processing instruction or the XML declaration */
  SCREEN_DECLARATION,     /* any other "<!", which libxml2 refuses */
  SCREEN_END_TAG,
  SCREEN_TAG_NAME,
  SCREEN_TAG,             /* in a start tag, between attributes */
  SCREEN_ATTRIBUTE_NAME,
  SCREEN_VALUE,
} ScreenState;

/* Where the screen is in the bytes read so far. Each length counts up to
 * its limit and starts again with the next construct of its kind. */
typedef struct
{
  int          fd;
  ScreenState  state;
  gboolean     refused;
  guchar       quote;       /* the quote that ends the attribute value */
  const char  *keyword;     /* being matched after "<!" */
  guint        matched;     /* bytes of it matched, or of "-->", "]]>", "?>" */
  guint64      offset;
  guint        line;
  guint        tag_line;    /* where the current tag began */
  guint        run_line;    /* where the current run of text began */
  guint        value_line;
  gsize        run;         /* text, comments, CDATA and PIs since the last tag */
  gsize        tag;
  gsize        name;
  gsize        value;
  guint        attributes;
  gboolean     maybe_ebcdic;
} Screen;

typedef struct
{
  xmlTextReaderPtr     reader;
  const char          *path;
  RcStore             *store;      /* NULL when only validating */
  RcInstrumentCatalog *catalog;
  RcConflictPolicy     policy;
  RcImportSummary     *summary;
  GHashTable          *seen;       /* UUIDs met in the file */
  gboolean             fatal;      /* the rest cannot be read */
  gboolean             deidentified;

  RcClient            *client;
  GPtrArray           *assessments;
  RcAssessment        *assessment;
  char                *factor;
  int                  assessment_line;
  int                  client_line;

  Screen               screen;
  GArray              *schema_lines;     /* where the validator found errors */
  GHashTable          *schema_reported;  /* "LINE ELEMENT ATTRIBUTE" */
  GError              *store_error;      /* the database failed, not the file */
  RcProgress          *progress;         /* counts bytes read */
} Importer;

void
rc_import_summary_init (RcImportSummary *summary)
{
  *summary = (RcImportSummary) { 0 };
  summary->conflicts = g_ptr_array_new_with_free_func (g_free);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
}

void
rc_import_summary_clear (RcImportSummary *summary)
{
  g_clear_pointer (&summary->conflicts, g_ptr_array_unref);
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
}

gboolean
rc_conflict_policy_from_string (const char       *text,
                                RcConflictPolicy *policy)
{
  static const char * const names[] = { "fail", "skip", "newer" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *policy = (RcConflictPolicy) i;
        return TRUE;
      }
  return FALSE;
}

static void
problem_at (Importer   *importer,
            int         line,
            const char *message)
{
  if (importer->summary->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (importer->summary->problems,
                     g_strdup_printf ("%s:%d: %s", importer->path, line, message));
  else
    importer->fatal = TRUE;
}

/* The line of the reader's node, where libxml2 (and its schema
 * validator) saw the end of its start tag. libxml2 keeps it in 16 bits;
 * past that the parser's line, a little ahead, is the best there is. */
static int
current_line (Importer *importer)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (importer->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  if (line > 0 && line < G_MAXUSHORT)
    return (int) line;
  return xmlTextReaderGetParserLineNumber (importer->reader);
}

/* Whether the schema validator found an error from line @from to @to.
 * It validates as libxml2 parses, which is ahead of the reader: what it
 * says of a node is said before the reader gets there. */
static gboolean
schema_error_between (Importer *importer,
                      int       from,
                      int       to)
{
  for (guint i = 0; i < importer->schema_lines->len; i++)
    {
      int line = g_array_index (importer->schema_lines, int, i);

      if (line >= from && line <= to)
        return TRUE;
    }
  return FALSE;
}

/* Our checks of a value the schema also checks say nothing more when it
 * has already spoken: one line per error. */
static gboolean
schema_refused_node (Importer *importer)
{
  int line = current_line (importer);

  return schema_error_between (importer, line, line);
}

G_GNUC_PRINTF (2, 3)
static void
problem (Importer   *importer,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  problem_at (importer, current_line (importer), message);
}

/* Values our messages may quote: a UUID or a key has one shape, and
 * whatever the file has in its place (it may be anything, where the
 * schema did not look) is never repeated. */
static gboolean
is_uuid (const char *text)
{
  static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != strlen (shape))
    return FALSE;
  for (guint i = 0; shape[i] != '\0'; i++)
    if (shape[i] == '-' ? text[i] != '-' : !(g_ascii_isdigit (text[i]) ||
                                             (text[i] >= 'a' && text[i] <= 'f')))
      return FALSE;
  return TRUE;
}

static gboolean
is_key (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length < 1 || length > 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (text[i]) || g_ascii_isdigit (text[i]) || text[i] == '-'))
      return FALSE;
  return TRUE;
}

/* libxml2's messages quote what they refuse: "Element 'birth-date':
 * '1979-02-30' is not a valid value of the atomic type …", the bytes of
 * bad UTF-8, the start of an unfinished comment. In a health record that
 * can be a name or a note, and messages never carry one: what the schema
 * validator says is put into words of our own, from the element, the
 * attribute and the kind of error (docs/xml-format.md); anything else
 * keeps its first line without what it quotes. */

typedef enum
{
  FIELD_OTHER,
  FIELD_DATE,
  FIELD_YEAR,
  FIELD_TIMESTAMP,
  FIELD_UUID,
  FIELD_KEY,
  FIELD_VERSION,
  FIELD_COUNT,
  FIELD_SCORE,
  FIELD_FIGURE,
  FIELD_TRUE,
  FIELD_FORMAT_VERSION,
  FIELD_MODE,
  FIELD_TIMEPOINT,
  FIELD_RATER,
  FIELD_STATUS,
  FIELD_LANGUAGE,
  FIELD_TOKEN,  /* a version string: white space collapsed */
  FIELD_LINE,   /* one line, no white space at either end */
  FIELD_TEXT,
} FieldKind;

typedef struct
{
  const char *element;
  const char *attribute;   /* NULL: the element's text */
  const char *words;       /* N_(): translated where used */
  FieldKind   kind;
  guint       max_length;
} Field;

static const Field schema_fields[] = {
  /* Translators: this and the following are the fields of a profile file, as
   * noun phrases that start messages such as “%s is not valid” */
  { "clinic-code", NULL, N_("the clinic code"), FIELD_LINE, 64 },
  { "given-name", NULL, N_("the given name"), FIELD_LINE, 200 },
  { "family-name", NULL, N_("the family name"), FIELD_LINE, 200 },
  { "birth-date", NULL, N_("the birth date"), FIELD_DATE, 0 },
  { "birth-year", NULL, N_("the birth year"), FIELD_YEAR, 0 },
  { "assessor", NULL, N_("the assessor"), FIELD_LINE, 200 },
  { "amendment-reason", NULL, N_("the reason for the amendment"), FIELD_TEXT, 2000 },
  { "note", NULL, N_("the note"), FIELD_TEXT, 4000 },
  { "goal", NULL, N_("the goal"), FIELD_TEXT, 4000 },
  { "profiles", "format-version", N_("the format version"), FIELD_FORMAT_VERSION, 0 },
  { "profiles", "program-version", N_("the program version"), FIELD_TOKEN, 64 },
  { "profiles", "exported-at", N_("the time of the export"), FIELD_TIMESTAMP, 0 },
  { "profiles", "mode", N_("the mode"), FIELD_MODE, 0 },
  { "client", "uuid", N_("the client's UUID"), FIELD_UUID, 0 },
  { "client", "created", N_("the time the client was created"), FIELD_TIMESTAMP, 0 },
  { "client", "updated", N_("the time the client was last changed"), FIELD_TIMESTAMP, 0 },
  { "assessment", "uuid", N_("the assessment's UUID"), FIELD_UUID, 0 },
  { "assessment", "instrument", N_("the instrument"), FIELD_KEY, 0 },
  { "assessment", "instrument-version", N_("the instrument version"), FIELD_VERSION, 0 },
  { "assessment", "timepoint", N_("the timepoint"), FIELD_TIMEPOINT, 0 },
  { "assessment", "date", N_("the date of the assessment"), FIELD_DATE, 0 },
  { "assessment", "rater", N_("the rater"), FIELD_RATER, 0 },
  { "assessment", "status", N_("the status"), FIELD_STATUS, 0 },
  { "assessment", "version", N_("the version of the assessment"), FIELD_VERSION, 0 },
  { "assessment", "supersedes", N_("the assessment it amends"), FIELD_UUID, 0 },
  { "assessment", "created", N_("the time the assessment was started"), FIELD_TIMESTAMP, 0 },
  { "assessment", "updated", N_("the time the assessment was last changed"), FIELD_TIMESTAMP,
    0 },
  { "assessment", "text-language", N_("the language of the texts"), FIELD_LANGUAGE, 35 },
  { "rating", "factor", N_("the factor"), FIELD_KEY, 0 },
  { "rating", "score", N_("the score"), FIELD_SCORE, 0 },
  /* Translators: “not-assessed” is the attribute's name in the file: keep it */
  { "rating", "not-assessed", N_("the attribute “not-assessed”"), FIELD_TRUE, 0 },
  /* Translators: “derived” is the attribute's name in the file: keep it */
  { "total", "derived", N_("the attribute “derived”"), FIELD_TRUE, 0 },
  { "total", "assessed", N_("the number of factors assessed"), FIELD_COUNT, 0 },
  { "total", "missing", N_("the number of factors missing"), FIELD_COUNT, 0 },
  { "total", "mean", N_("the mean"), FIELD_FIGURE, 0 },
  { "total", "value", N_("the total"), FIELD_FIGURE, 0 },
};

static const char * const element_names[] = {
  "profiles", "client", "clinic-code", "given-name", "family-name", "birth-date", "birth-year",
  "assessment", "assessor", "amendment-reason", "rating", "note", "goal", "total",
};

static gboolean
is_element_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_names); i++)
    if (g_strcmp0 (name, element_names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const Field *
lookup_field (const char *element,
              const char *attribute)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema_fields); i++)
    if (g_strcmp0 (element, schema_fields[i].element) == 0 &&
        g_strcmp0 (attribute, schema_fields[i].attribute) == 0)
      return &schema_fields[i];
  return NULL;
}

static char *
whole_number_problem (const char *words,
                      int         min,
                      int         max)
{
  /* Translators: %s is a noun phrase such as “the score”, then the
   * smallest and the largest number allowed */
  return g_strdup_printf (_("%s is not a whole number from %d to %d, in digits"), words, min, max);
}

/* What is wrong with a value of @field that the schema refused (@code),
 * as a sentence that starts with the field's words. */
static char *
value_problem (const Field *field,
               int          code)
{
  const char *words = _(field->words);
  gboolean length = code == XML_SCHEMAV_CVC_LENGTH_VALID ||
                    code == XML_SCHEMAV_CVC_MINLENGTH_VALID ||
                    code == XML_SCHEMAV_CVC_MAXLENGTH_VALID;

  switch (field->kind)
    {
    case FIELD_DATE:
      /* Translators: %s is a noun phrase such as “the date of the
       * assessment”; YYYY-MM-DD is how the file writes dates: keep it */
      return g_strdup_printf (_("%s is not a real date written YYYY-MM-DD"), words);
    case FIELD_YEAR:
      /* Translators: %s is a noun phrase such as “the birth year”; YYYY is
       * how the file writes years: keep it */
      return g_strdup_printf (_("%s is not a year written YYYY"), words);
    case FIELD_TIMESTAMP:
      /* Translators: %s is a noun phrase such as “the time of the export”;
       * YYYY-MM-DDTHH:MM:SSZ is how the file writes times: keep it */
      return g_strdup_printf (_("%s is not a real UTC time written YYYY-MM-DDTHH:MM:SSZ"), words);
    case FIELD_UUID:
      /* Translators: %s is a noun phrase such as “the client's UUID” */
      return g_strdup_printf (_("%s is not a UUID in lowercase with hyphens"), words);
    case FIELD_KEY:
      /* Translators: %s is a noun phrase such as “the factor” */
      return g_strdup_printf (_("%s is not 1 to 64 lowercase letters, digits and hyphens"), words);
    case FIELD_VERSION:
    case FIELD_COUNT:
    case FIELD_SCORE:
      return whole_number_problem (words, field->kind == FIELD_VERSION ? 1 : 0,
                                   field->kind == FIELD_VERSION ? G_MAXINT
                                   : field->kind == FIELD_COUNT ? 64 : RC_SCORE_MAX);
    case FIELD_FIGURE:
      /* Translators: %s is a noun phrase such as “the mean”; the number is
       * written with a point whatever the language */
      return g_strdup_printf (_("%s is not a number in digits and a point, with at most 12 "
                                "digits, 6 of them after the point"), words);
    case FIELD_TRUE:
      /* Translators: %s is a noun phrase such as “the attribute “derived””;
       * “true” is what the file must say: keep it */
      return g_strdup_printf (_("%s can only be “true”"), words);
    case FIELD_FORMAT_VERSION:
      /* Translators: %s is a noun phrase, “the format version”, then the
       * version this program reads, such as 1. The predicate should agree
       * with the noun, or be put so it need not */
      return g_strdup_printf (_("%s is not supported (this program reads %s)"), words,
                              RC_PROFILE_FORMAT_VERSION);
    case FIELD_MODE:
      /* Translators: %s is a noun phrase, “the mode”; “identified” and
       * “deidentified” are what the file says: keep them */
      return g_strdup_printf (_("%s is neither “identified” nor “deidentified”"), words);
    case FIELD_TIMEPOINT:
      /* Translators: %s is a noun phrase, “the timepoint”; intake, review,
       * discharge and follow-up are what the file says: keep them */
      return g_strdup_printf (_("%s is not one of intake, review, discharge and follow-up"),
                              words);
    case FIELD_RATER:
      /* Translators: %s is a noun phrase, “the rater”; “worker” and
       * “client” are what the file says: keep them */
      return g_strdup_printf (_("%s is neither “worker” nor “client”"), words);
    case FIELD_STATUS:
      /* Translators: %s is a noun phrase, “the status”; “draft” and
       * “complete” are what the file says: keep them */
      return g_strdup_printf (_("%s is neither “draft” nor “complete”"), words);
    case FIELD_LANGUAGE:
      /* Translators: %s is a noun phrase, “the language of the texts”;
       * en, fr and es-MX are language tags: keep them */
      return g_strdup_printf (_("%s is not a language tag such as en, fr or es-MX"), words);
    case FIELD_TOKEN:
    case FIELD_LINE:
    case FIELD_TEXT:
      if (code == XML_SCHEMAV_CVC_MINLENGTH_VALID)
        /* Translators: %s is a noun phrase such as “the given name”. The
         * predicate should agree with the noun, or be put so it need not */
        return g_strdup_printf (_("%s is empty"), words);
      if (length)
        {
          g_autofree char *most = rc_i18n_format_count (field->max_length);

          /* Translators: %s is a noun phrase such as “the given name”, then
           * the most characters it can have */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is longer than %s character",
                                               "%s is longer than %s characters",
                                               field->max_length),
                                  words, most);
        }
      if (field->kind == FIELD_LINE && code == XML_SCHEMAV_CVC_PATTERN_VALID)
        /* Translators: %s is a noun phrase such as “the given name” */
        return g_strdup_printf (_("%s is not one line without white space at its start and end"),
                                words);
      break;
    case FIELD_OTHER:
    default:
      break;
    }
  /* Translators: %s is a noun phrase such as “the given name”. The
   * predicate should agree with the noun, or be put so it need not */
  return g_strdup_printf (_("%s is not valid"), words);
}

/* Takes a name libxml2 wrote as 'name' or '{namespace}name' at *@at.
 * Names hold no quote, a namespace may: one other than ours is only
 * noted (*@foreign), and nothing after it can be read. */
static char *
take_quoted_name (const char **at,
                  gboolean    *foreign)
{
  const char *start = *at, *end;

  if (*start != '\'')
    return NULL;
  start++;
  if (g_str_has_prefix (start, "{" RC_PROFILE_NAMESPACE "}"))
    start += strlen ("{" RC_PROFILE_NAMESPACE "}");
  else if (*start == '{')
    {
      *foreign = TRUE;
      return NULL;
    }
  end = strchr (start, '\'');
  if (end == NULL || end == start || end - start > MAX_NAME_BYTES)
    return NULL;
  *at = end + 1;
  return g_strndup (start, end - start);
}

/* The items of a list but the last, "a, b": the caller puts the last
 * in a sentence of its own, "a, b or c", "a, b and c differ", as
 * languages join the last item each their own way. */
static char *
all_but_last (GPtrArray *items)
{
  GString *head = g_string_new (NULL);

  for (guint i = 0; i + 1 < items->len; i++)
    {
      if (i > 0)
        /* Translators: between the items of a list, but before the last */
        g_string_append (head, _(", "));
      g_string_append (head, g_ptr_array_index (items, i));
    }
  return g_string_free (head, FALSE);
}

/* The schema's names after "Expected is ( … )", as "<a>, <b> or <c>". */
static char *
expected_elements (const char *message)
{
  const char *list = strstr (message, "Expected is ");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = NULL;
  g_auto(GStrv) items = NULL;
  const char *open, *close;

  if (list == NULL || (open = strchr (list, '(')) == NULL || (close = strchr (open, ')')) == NULL)
    return NULL;
  {
    g_autofree char *inside = g_strndup (open + 1, close - open - 1);

    items = g_strsplit (inside, ",", -1);
  }
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *name = g_strstrip (items[i]);

      if (g_str_has_prefix (name, "{" RC_PROFILE_NAMESPACE "}"))
        name += strlen ("{" RC_PROFILE_NAMESPACE "}");
      if (is_element_name (name))
        g_ptr_array_add (names, g_strdup_printf ("<%s>", name));
    }
  if (names->len == 0)
    return NULL;
  if (names->len == 1)
    return g_strdup (g_ptr_array_index (names, 0));
  head = all_but_last (names);
  /* Translators: a list of elements such as “<a>, <b> or <c>”: all of
   * them but the last, joined by “, ”, then the last */
  return g_strdup_printf (_("%s or %s"), head,
                          (const char *) g_ptr_array_index (names, names->len - 1));
}

/* An apostrophe between letters ("Couldn't", "O'Brien") is no quote. */
static gboolean
is_quote_at (const char *text,
             const char *p)
{
  return *p == '\'' && !(p > text && g_ascii_isalpha (p[-1]) && g_ascii_isalpha (p[1]));
}

/* The first line of @message (part of @error's) without what it
 * quotes: the strings the error carries, then anything between quotes.
 * A quote left open cuts the rest. */
static char *
unquoted_message (const char     *message,
                  const xmlError *error)
{
  g_autoptr(GString) text = g_string_new (message);
  const char *carried[] = { error->str1, error->str2, error->str3 };
  const char *newline = strchr (text->str, '\n');
  GString *out;

  if (newline != NULL)
    g_string_truncate (text, newline - text->str);
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    if (carried[i] != NULL && carried[i][0] != '\0')
      {
        g_autofree char *quoted = g_strdup_printf ("'%s'", carried[i]);

        g_string_replace (text, quoted, "", 0);
      }

  out = g_string_new (NULL);
  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (is_quote_at (text->str, p))
        {
          const char *close = p + 1;

          while (*close != '\0' && !is_quote_at (text->str, close))
            close++;
          if (*close == '\0')
            break;
          p = close;
          continue;
        }
      if (*p == '{' && strchr (p, '}') != NULL)
        {
          p = strchr (p, '}');
          continue;
        }
      if (!(*p == ' ' && (out->len == 0 || out->str[out->len - 1] == ' ')))
        g_string_append_c (out, g_ascii_iscntrl (*p) ? ' ' : *p);
    }
  g_strchomp (out->str);
  g_string_set_size (out, strlen (out->str));
  while (out->len > 0 && strchr (" .:,!", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static char *
not_a_profile_message (void)
{
  /* Translators: <profiles> is the element's name in the file, then the
   * namespace's name, urn:recovery-capital:profile:1: keep both */
  return g_strdup_printf (_("not a Recovery Capital profile file: the root must be <profiles> in "
                            "namespace %s"), RC_PROFILE_NAMESPACE);
}

/* What the schema validator said, in our words; *@element and
 * *@attribute name what it concerns, for telling repeats apart. The
 * messages name elements as in the file, "<given-name>", and
 * attributes in quotes, “uuid”. */
static char *
schema_message (const xmlError  *error,
                char           **element,
                char           **attribute)
{
  const char *at = error->message;
  gboolean foreign = FALSE;
  const Field *field;
  g_autofree char *expected = NULL;
  g_autofree char *rest = NULL;

  if (error->code == XML_SCHEMAV_CVC_ELT_1)
    return not_a_profile_message ();
  if (g_str_has_prefix (at, "Element "))
    {
      at += strlen ("Element ");
      *element = take_quoted_name (&at, &foreign);
      if (*element != NULL && g_str_has_prefix (at, ", attribute "))
        {
          at += strlen (", attribute ");
          *attribute = take_quoted_name (&at, &foreign);
        }
    }
  if (foreign)
    return g_strdup (_("an element or attribute in another namespace is not part of the format"));
  if (*element == NULL)
    {
      rest = unquoted_message (error->message, error);
      /* Translators: %s is what libxml2 said, in English */
      return g_strdup_printf (_("the file does not follow the profile schema: %s"), rest);
    }

  switch (error->code)
    {
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
    case XML_SCHEMAV_CVC_FACET_VALID:
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_TOTALDIGITS_VALID:
    case XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID:
    case XML_SCHEMAV_CVC_PATTERN_VALID:
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
    case XML_SCHEMAV_CVC_ATTRIBUTE_3:
    case XML_SCHEMAV_CVC_AU:
    case XML_SCHEMAV_CVC_ELT_5_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_2:
      field = lookup_field (*element, *attribute);
      if (field != NULL)
        return value_problem (field, error->code);
      if (*attribute != NULL)
        /* Translators: an element's name, then an attribute's name, as in
         * the file. “Is not valid” should agree with “attribute”, or be put
         * so it need not */
        return g_strdup_printf (_("<%s>: the attribute “%s” is not valid"), *element, *attribute);
      /* Translators: an element's name as in the file. “Is not valid”
       * should agree with “value”, or be put so it need not */
      return g_strdup_printf (_("<%s>: the value is not valid"), *element);

    case XML_SCHEMAV_ELEMENT_CONTENT:
      expected = expected_elements (error->message);
      if (strstr (at, "Missing child element") != NULL)
        return expected != NULL
               /* Translators: an element's name as in the file, then the
                * elements that may come, such as “<a>, <b> or <c>” */
               ? g_strdup_printf (_("<%s> lacks an element: expected %s"), *element, expected)
               : g_strdup_printf (_("<%s> lacks an element"), *element);
      return expected != NULL
             /* Translators: an element's name as in the file, then the
              * elements that may come, such as “<a>, <b> or <c>” */
             ? g_strdup_printf (_("<%s> is not expected here: expected %s"), *element, expected)
             : g_strdup_printf (_("<%s> is not expected here"), *element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      return *attribute != NULL
             /* Translators: an element's name, then an attribute's name, as
              * in the file */
             ? g_strdup_printf (_("<%s> has an attribute “%s”, which the format does not allow"),
                                *element, *attribute)
             : g_strdup_printf (_("<%s> has an attribute the format does not allow"), *element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      /* The missing attribute's name comes from the schema. */
      if (error->str1 != NULL && lookup_field (*element, error->str1) != NULL)
        /* Translators: an element's name, then an attribute's name, as in
         * the file */
        return g_strdup_printf (_("<%s> lacks the attribute “%s”"), *element, error->str1);
      return g_strdup_printf (_("<%s> lacks an attribute"), *element);

    case XML_SCHEMAV_CVC_TYPE_3_1_1:
      return g_strdup_printf (_("<%s> can have no attributes"), *element);

    case XML_SCHEMAV_CVC_TYPE_3_1_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
      return g_strdup_printf (_("<%s> can hold only text, not elements"), *element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
      return g_strdup_printf (_("<%s> can hold only elements, not text"), *element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
      return g_strdup_printf (_("<%s> must be empty"), *element);

    case XML_SCHEMAV_CVC_ELT_3_1:
      /* Translators: an element's name as in the file; “nil” is XML
       * Schema's word for an element marked as having no value */
      return g_strdup_printf (_("<%s> cannot be nil"), *element);

    default:
      /* What follows "Element 'x', attribute 'y': ". */
      if (g_str_has_prefix (at, ": "))
        at += 2;
      rest = unquoted_message (at, error);
      if (rest[0] == '\0')
        return g_strdup_printf (_("<%s>: does not follow the profile schema"), *element);
      /* Translators: an element's name as in the file, then what libxml2
       * said of it, in English */
      return g_strdup_printf (_("<%s>: %s"), *element, rest);
    }
}

/* What the parser said, without what it quotes. */
static char *
parser_message (const xmlError *error)
{
  g_autofree char *text = NULL;

  if (error->message == NULL)
    return g_strdup (_("not well-formed XML"));
  if (g_str_has_prefix (error->message, "Input is not proper UTF-8"))
    return g_strdup (_("not well-formed XML: not proper UTF-8 text"));
  text = unquoted_message (error->message, error);
  /* Translators: %s is what libxml2 said, in English */
  return g_strdup_printf (_("not well-formed XML: %s"), text);
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Importer *importer = user_data;
  g_autofree char *message = NULL;
  g_autofree char *element = NULL;
  g_autofree char *attribute = NULL;
  char *key;

  /* What libxml2 says of the input the screen cut off adds nothing, nor
   * anything after the database failed. */
  if (importer->screen.refused || importer->store_error != NULL)
    return;
  if (error->domain != XML_FROM_SCHEMASV)
    {
      message = parser_message (error);
      problem_at (importer, error->line, message);
      importer->fatal = TRUE;
      return;
    }

  message = schema_message (error, &element, &attribute);
  /* One line per error: the validator may refuse a value for several
   * reasons (its type, its pattern, its range). */
  key = g_strdup_printf ("%d %s %s", error->line, element ? element : "",
                         attribute ? attribute : "");
  if (!g_hash_table_add (importer->schema_reported, key))
    return;
  g_array_append_val (importer->schema_lines, error->line);
  problem_at (importer, error->line, message);
}

/* The screen: the bytes libxml2 reads pass through it on their way, and
 * it refuses, before handing them on, what would cost libxml2 too much:
 * too many attributes on one element, an attribute value, a name, a tag
 * or a text too long, a document type, a NUL byte or another encoding.
 * It knows just enough of XML to tell where it is: in text, a tag, an
 * attribute value (where ">" is text), a comment, a CDATA section or a
 * processing instruction. Anything else wrong is left to libxml2, which
 * stops at it; the screen need only never see less than libxml2. */

static const char *
document_type_message (void)
{
  return _("document types and entities are not allowed");
}

G_GNUC_PRINTF (3, 4)
static gboolean
refuse (Importer   *importer,
        guint       line,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  importer->screen.refused = TRUE;
  problem_at (importer, (int) line, message);
  importer->fatal = TRUE;
  return FALSE;
}

/* @message: (transfer full), as rc_i18n_count() gives it */
static gboolean
refuse_counted (Importer *importer,
                guint     line,
                char     *message)
{
  g_autofree char *owned = message;

  return refuse (importer, line, "%s", owned);
}

static gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_quote (guchar c)
{
  return c == '"' || c == '\'';
}

/* Ends a start or end tag: a new run of text begins. */
static void
end_tag (Screen *screen)
{
  screen->state = SCREEN_TEXT;
  screen->run = 0;
  screen->run_line = screen->line;
}

static gboolean
screen_run_byte (Importer *importer,
                 guchar    c)
{
  Screen *screen = &importer->screen;

  if (++screen->run > MAX_RUN_BYTES)
    return refuse_counted (importer, screen->run_line,
                           rc_i18n_count ("the file has a text longer than %s byte",
                                          "the file has a text longer than %s bytes",
                                          MAX_RUN_BYTES));
  switch (screen->state)
    {
    case SCREEN_TEXT:
      if (c == '<')
        {
          screen->state = SCREEN_LT;
          screen->tag = 1;
          screen->tag_line = screen->line;
        }
      break;

    case SCREEN_BANG:
      if (screen->keyword == NULL)
        screen->keyword = c == '-' ? "--" : c == '[' ? "[CDATA[" : c == 'D' ? "DOCTYPE" : "";
      if ((guchar) screen->keyword[screen->matched] != c)
        {
          screen->state = SCREEN_DECLARATION;
          break;
        }
      if (screen->keyword[++screen->matched] != '\0')
        break;
      if (screen->keyword[0] == 'D')
        return refuse (importer, screen->tag_line, "%s", document_type_message ());
      screen->state = screen->keyword[0] == '-' ? SCREEN_COMMENT : SCREEN_CDATA;
      screen->matched = 0;
      break;

    case SCREEN_COMMENT:
    case SCREEN_CDATA:
      /* "-->" and "]]>": two of a kind, then ">". */
      if (c == (screen->state == SCREEN_COMMENT ? '-' : ']'))
        screen->matched = MIN (screen->matched + 1, 2);
      else if (c == '>' && screen->matched == 2)
        screen->state = SCREEN_TEXT;
      else
        screen->matched = 0;
      break;

    case SCREEN_PI:
      if (c == '>' && screen->matched == 1)
        screen->state = SCREEN_TEXT;
      else
        screen->matched = c == '?';
      break;

    case SCREEN_DECLARATION:
      if (c == '>')
        screen->state = SCREEN_TEXT;
      break;

    case SCREEN_LT:
    case SCREEN_END_TAG:
    case SCREEN_TAG_NAME:
    case SCREEN_TAG:
    case SCREEN_ATTRIBUTE_NAME:
    case SCREEN_VALUE:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
count_name_byte (Importer *importer)
{
  if (++importer->screen.name > MAX_NAME_BYTES)
    return refuse_counted (importer, importer->screen.line,
                           rc_i18n_count ("the file has a name longer than %s byte",
                                          "the file has a name longer than %s bytes",
                                          MAX_NAME_BYTES));
  return TRUE;
}

static gboolean
start_attribute (Importer *importer)
{
  Screen *screen = &importer->screen;

  screen->state = SCREEN_ATTRIBUTE_NAME;
  screen->name = 1;
  if (++screen->attributes > MAX_ATTRIBUTES)
    return refuse (importer, screen->tag_line,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the file has an element with too many attributes (more than %d)",
                                "the file has an element with too many attributes (more than %d)",
                                MAX_ATTRIBUTES),
                   MAX_ATTRIBUTES);
  return TRUE;
}

static gboolean
screen_tag_byte (Importer *importer,
                 guchar    c)
{
  Screen *screen = &importer->screen;

  if (++screen->tag > MAX_TAG_BYTES)
    return refuse_counted (importer, screen->tag_line,
                           rc_i18n_count ("the file has a tag longer than %s byte",
                                          "the file has a tag longer than %s bytes",
                                          MAX_TAG_BYTES));
  switch (screen->state)
    {
    case SCREEN_LT:
      screen->name = 0;
      screen->attributes = 0;
      if (c == '!' || c == '?')
        {
          /* Not a tag: part of the run of text. */
          screen->state = c == '!' ? SCREEN_BANG : SCREEN_PI;
          screen->keyword = NULL;
          screen->matched = 0;
          screen->run++;
        }
      else if (c == '/')
        screen->state = SCREEN_END_TAG;
      else
        {
          screen->state = SCREEN_TAG_NAME;
          return count_name_byte (importer);
        }
      break;

    case SCREEN_END_TAG:
      if (c == '>')
        end_tag (screen);
      else if (!is_space (c))
        return count_name_byte (importer);
      break;

    case SCREEN_TAG_NAME:
    case SCREEN_ATTRIBUTE_NAME:
      if (c == '>')
        end_tag (screen);
      else if (is_space (c) || c == '=' || c == '/')
        screen->state = SCREEN_TAG;
      else if (is_quote (c) && screen->state == SCREEN_ATTRIBUTE_NAME)
        {
          screen->state = SCREEN_VALUE;
          screen->quote = c;
          screen->value = 0;
          screen->value_line = screen->line;
        }
      else
        return count_name_byte (importer);
      break;

    case SCREEN_TAG:
      if (c == '>')
        end_tag (screen);
      else if (is_quote (c))
        {
          screen->state = SCREEN_VALUE;
          screen->quote = c;
          screen->value = 0;
          screen->value_line = screen->line;
        }
      else if (!is_space (c) && c != '=' && c != '/')
        return start_attribute (importer);
      break;

    case SCREEN_VALUE:
      if (c == screen->quote)
        screen->state = SCREEN_TAG;
      else if (++screen->value > MAX_VALUE_BYTES)
        return refuse_counted (importer, screen->value_line,
                               rc_i18n_count ("the file has an attribute value longer than %s byte",
                                              "the file has an attribute value longer than %s bytes",
                                              MAX_VALUE_BYTES));
      break;

    case SCREEN_TEXT:
    case SCREEN_BANG:
    case SCREEN_COMMENT:
    case SCREEN_CDATA:
    case SCREEN_PI:
    case SCREEN_DECLARATION:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* libxml2 reads the encoding from the first bytes: a UTF-16 or UTF-32
 * byte order mark (or the NUL bytes of those encodings) or EBCDIC's
 * "<?xm". The format is UTF-8, and the screen reads UTF-8 only. */
static const guchar ebcdic_start[4] = { 0x4c, 0x6f, 0xa7, 0x94 };

static gboolean
screen_bytes (Importer     *importer,
              const guchar *bytes,
              gsize         length)
{
  Screen *screen = &importer->screen;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = bytes[i];
      gboolean ok;

      if (c == '\0' || (screen->offset == 0 && (c == 0xfe || c == 0xff)))
        return refuse (importer, screen->line, "%s", _("not UTF-8 text"));
      if (screen->offset < sizeof ebcdic_start)
        {
          screen->maybe_ebcdic = screen->maybe_ebcdic && c == ebcdic_start[screen->offset];
          if (screen->maybe_ebcdic && screen->offset + 1 == sizeof ebcdic_start)
            return refuse (importer, screen->line, "%s", _("not UTF-8 text"));
        }
      screen->offset++;

      switch (screen->state)
        {
        case SCREEN_LT:
        case SCREEN_END_TAG:
        case SCREEN_TAG_NAME:
        case SCREEN_TAG:
        case SCREEN_ATTRIBUTE_NAME:
        case SCREEN_VALUE:
          ok = screen_tag_byte (importer, c);
          break;
        case SCREEN_TEXT:
        case SCREEN_BANG:
        case SCREEN_COMMENT:
        case SCREEN_CDATA:
        case SCREEN_PI:
        case SCREEN_DECLARATION:
        default:
          ok = screen_run_byte (importer, c);
          break;
        }
      if (!ok)
        return FALSE;
      if (c == '\n')
        screen->line++;
    }
  return TRUE;
}

/* libxml2's read callback: the file, through the screen. */
static int
read_cb (void *context,
         char *buffer,
         int   length)
{
  Importer *importer = context;
  Screen *screen = &importer->screen;
  gssize n;

  if (screen->refused)
    return -1;
  do
    n = read (screen->fd, buffer, (gsize) length);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved_errno = errno;

      /* Translators: %s says why, such as “Input/output error” */
      refuse (importer, screen->line, _("the file could not be read: %s"),
              g_strerror (saved_errno));
      return -1;
    }
  if (n == 0 && screen->offset == 0)
    {
      refuse (importer, 1, "%s", _("the file is empty"));
      return -1;
    }
  if (!screen_bytes (importer, (const guchar *) buffer, (gsize) n))
    return -1;
  if (importer->progress != NULL)
    rc_progress_set_done (importer->progress, screen->offset);
  return (int) n;
}

/* The file is closed by run(), which opened it. */
static int
close_cb (void *context)
{
  return 0;
}

static xmlSchemaPtr
load_schema (void)
{
  static gsize schema_ptr;

  if (g_once_init_enter (&schema_ptr))
    {
      g_autoptr(GBytes) bytes = NULL;
      xmlSchemaParserCtxtPtr context;
      xmlSchemaPtr schema;
      gsize size;
      const char *data;

      rc_core_register_resource ();
      bytes = g_resources_lookup_data (SCHEMA_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      data = g_bytes_get_data (bytes, &size);
      context = xmlSchemaNewMemParserCtxt (data, (int) size);
      schema = xmlSchemaParse (context);
      xmlSchemaFreeParserCtxt (context);
      /* The schema is built in; one that does not parse is a bug. */
      g_assert (schema != NULL);
      g_once_init_leave (&schema_ptr, (gsize) schema);
    }
  return (xmlSchemaPtr) schema_ptr;
}

static char *
attribute (Importer   *importer,
           const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (importer->reader, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static guint
uint_attribute (Importer   *importer,
                const char *name)
{
  g_autofree char *text = attribute (importer, name);
  guint64 value = 0;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL) &&
      !schema_refused_node (importer))
    /* Translators: an attribute's name as in the file, then the largest
     * number allowed */
    problem (importer, _("the attribute “%s” is not a whole number from 1 to %d, in digits"),
             name, G_MAXINT);
  return (guint) value;
}

/* Reads an element's text; the reader then walks through it as usual. */
static char *
element_text (Importer *importer)
{
  xmlChar *text = xmlTextReaderReadString (importer->reader);
  char *copy;

  /* The schema's lengths are shorter: it has said so already, as a rule. */
  if (text != NULL && strlen ((const char *) text) > MAX_TEXT_BYTES)
    {
      if (!schema_error_between (importer, current_line (importer),
                                 xmlTextReaderGetParserLineNumber (importer->reader)))
        {
          g_autofree char *message = rc_i18n_count ("text longer than %s byte",
                                                    "text longer than %s bytes", MAX_TEXT_BYTES);

          problem_at (importer, current_line (importer), message);
        }
      importer->fatal = TRUE;
    }
  copy = g_strdup (text != NULL ? (const char *) text : "");
  xmlFree (text);
  return copy;
}

/* A UUID may stand once in a file. One of another shape is the
 * schema's to report. */
static void
check_unique (Importer   *importer,
              const char *uuid)
{
  if (!is_uuid (uuid))
    return;
  if (g_hash_table_contains (importer->seen, uuid))
    /* Translators: %s is a UUID */
    problem (importer, _("UUID %s appears more than once"), uuid);
  else
    g_hash_table_add (importer->seen, g_strdup (uuid));
}

static void
start_profiles (Importer *importer)
{
  g_autofree char *version = attribute (importer, "format-version");
  g_autofree char *mode = attribute (importer, "mode");
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (importer->reader);

  /* The schema says so too, in the same words; what the file has
   * instead is not repeated. */
  if (g_strcmp0 (ns, RC_PROFILE_NAMESPACE) != 0)
    {
      if (!schema_refused_node (importer))
        {
          g_autofree char *message = not_a_profile_message ();

          problem (importer, "%s", message);
        }
      importer->fatal = TRUE;
    }
  else if (g_strcmp0 (version, RC_PROFILE_FORMAT_VERSION) != 0)
    {
      if (!schema_refused_node (importer))
        {
          g_autofree char *message =
            value_problem (lookup_field ("profiles", "format-version"), 0);

          problem (importer, "%s", message);
        }
      importer->fatal = TRUE;
    }
  else if (importer->store != NULL && g_strcmp0 (mode, "deidentified") == 0)
    {
      problem (importer, "%s", _("the file is de-identified and cannot be imported"));
      importer->fatal = TRUE;
    }
  importer->deidentified = g_strcmp0 (mode, "deidentified") == 0;
}

static void
start_client (Importer *importer)
{
  g_autofree char *uuid = attribute (importer, "uuid");
  g_autofree char *created = attribute (importer, "created");
  g_autofree char *updated = attribute (importer, "updated");

  check_unique (importer, uuid);
  g_clear_object (&importer->client);
  importer->client = rc_client_new_empty ();
  importer->client_line = current_line (importer);
  /* Messages name a client by its UUID: only one of that shape is kept. */
  rc_client_set_uuid (importer->client, is_uuid (uuid) ? uuid : NULL);
  rc_client_set_created_at (importer->client, created);
  rc_client_set_updated_at (importer->client, updated);
  g_ptr_array_set_size (importer->assessments, 0);
}

static void
start_assessment (Importer *importer)
{
  g_autofree char *uuid = attribute (importer, "uuid");
  g_autofree char *instrument = attribute (importer, "instrument");
  g_autofree char *timepoint = attribute (importer, "timepoint");
  g_autofree char *date = attribute (importer, "date");
  g_autofree char *rater = attribute (importer, "rater");
  g_autofree char *status = attribute (importer, "status");
  g_autofree char *supersedes = attribute (importer, "supersedes");
  g_autofree char *created = attribute (importer, "created");
  g_autofree char *updated = attribute (importer, "updated");
  g_autofree char *text_language = attribute (importer, "text-language");
  RcTimepoint timepoint_value = RC_TIMEPOINT_INTAKE;
  RcRater rater_value = RC_RATER_WORKER;
  RcAssessmentStatus status_value = RC_ASSESSMENT_DRAFT;
  RcAssessment *assessment = rc_assessment_new_empty ();

  check_unique (importer, uuid);
  /* The schema has checked the values; a bad one is already reported. */
  rc_timepoint_from_string (timepoint, &timepoint_value);
  rc_rater_from_string (rater, &rater_value);
  rc_assessment_status_from_string (status, &status_value);

  /* Messages quote these: only what has their shape is kept. */
  rc_assessment_set_uuid (assessment, is_uuid (uuid) ? uuid : NULL);
  rc_assessment_set_client_uuid (assessment, rc_client_get_uuid (importer->client));
  rc_assessment_set_instrument (assessment, is_key (instrument) ? instrument : NULL,
                                uint_attribute (importer, "instrument-version"));
  rc_assessment_set_timepoint (assessment, timepoint_value);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_rater (assessment, rater_value);
  rc_assessment_set_status (assessment, status_value);
  rc_assessment_set_version (assessment, uint_attribute (importer, "version"));
  rc_assessment_set_supersedes (assessment, is_uuid (supersedes) ? supersedes : NULL);
  rc_assessment_set_created_at (assessment, created);
  rc_assessment_set_updated_at (assessment, updated);
  rc_assessment_set_text_language (assessment, text_language);

  g_clear_object (&importer->assessment);
  importer->assessment = assessment;
  importer->assessment_line = current_line (importer);
}

static void
start_rating (Importer *importer)
{
  g_autofree char *score = attribute (importer, "score");
  g_autofree char *not_assessed = attribute (importer, "not-assessed");
  gint64 value = RC_SCORE_NOT_ASSESSED;

  g_free (importer->factor);
  importer->factor = attribute (importer, "factor");
  /* A factor is quoted in messages: one of another shape is the schema's
   * to report, and the rating is left out. */
  if (!is_key (importer->factor))
    g_clear_pointer (&importer->factor, g_free);
  if (importer->factor != NULL && importer->assessment != NULL &&
      rc_assessment_has_rating (importer->assessment, importer->factor))
    /* Translators: %s is a factor's key as in the file, such as “family” */
    problem (importer, _("factor “%s” is rated twice"), importer->factor);
  if ((score == NULL) == (not_assessed == NULL))
    {
      if (importer->factor != NULL)
        /* Translators: %s is a factor's key as in the file, such as
         * “family”; not-assessed="true" is written in the file as it is */
        problem (importer, _("rating “%s” must have either a score or not-assessed=\"true\""),
                 importer->factor);
      else
        problem (importer, "%s",
                 /* Translators: not-assessed="true" is written in the file as it is */
                 _("a rating must have either a score or not-assessed=\"true\""));
    }
  else if (score != NULL && !g_ascii_string_to_signed (score, 10, 0, RC_SCORE_MAX, &value, NULL) &&
           !schema_refused_node (importer))
    {
      g_autofree char *message = value_problem (lookup_field ("rating", "score"), 0);

      problem (importer, "%s", message);
    }
  if (importer->factor != NULL && importer->assessment != NULL)
    rc_assessment_set_score (importer->assessment, importer->factor, (int) value);
}

static void
set_client_text (Importer   *importer,
                 const char *name)
{
  g_autofree char *text = element_text (importer);
  gboolean identifying = g_str_equal (name, "given-name") || g_str_equal (name, "family-name") ||
                         g_str_equal (name, "birth-date");

  /* Each mode has its own shape: names and a birth date, or a year. */
  if (importer->deidentified && identifying)
    /* Translators: an element's name as in the file, such as <given-name> */
    problem (importer, _("a de-identified file must not have <%s>"), name);
  else if (!importer->deidentified && g_str_equal (name, "birth-year"))
    /* Translators: <birth-date> and <birth-year> are elements' names as in
     * the file: keep them */
    problem (importer, "%s", _("an identified file gives a <birth-date>, not a <birth-year>"));

  if (g_str_equal (name, "clinic-code"))
    rc_client_set_clinic_code (importer->client, text);
  else if (g_str_equal (name, "given-name"))
    rc_client_set_given_name (importer->client, text);
  else if (g_str_equal (name, "family-name"))
    rc_client_set_family_name (importer->client, text);
  else if (g_str_equal (name, "birth-date"))
    rc_client_set_birth_date (importer->client, text);
}

static void
set_assessment_text (Importer   *importer,
                     const char *name)
{
  g_autofree char *text = element_text (importer);

  if (g_str_equal (name, "assessor"))
    rc_assessment_set_assessor (importer->assessment, text);
  else if (g_str_equal (name, "amendment-reason"))
    rc_assessment_set_amendment_reason (importer->assessment, text);
  else if (g_str_equal (name, "note") && importer->factor != NULL)
    rc_assessment_set_note (importer->assessment, importer->factor, text);
  else if (g_str_equal (name, "goal") && importer->factor != NULL)
    rc_assessment_set_goal (importer->assessment, importer->factor, text);
}

static void
start_element (Importer *importer)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (importer->reader);

  if (g_str_equal (name, "profiles"))
    start_profiles (importer);
  else if (g_str_equal (name, "client"))
    start_client (importer);
  else if (g_str_equal (name, "assessment") && importer->client != NULL)
    start_assessment (importer);
  else if (g_str_equal (name, "rating") && importer->assessment != NULL)
    start_rating (importer);
  else if (importer->assessment != NULL &&
           (g_str_equal (name, "assessor") || g_str_equal (name, "amendment-reason") ||
            g_str_equal (name, "note") || g_str_equal (name, "goal")))
    set_assessment_text (importer, name);
  else if (importer->client != NULL && importer->assessment == NULL)
    set_client_text (importer, name);
}

/* What the schema cannot say: the instrument is known and the scores and
 * factors are its own. */
static void
end_assessment (Importer *importer)
{
  RcAssessment *assessment = importer->assessment;
  RcInstrument *instrument = rc_instrument_catalog_lookup_for (importer->catalog, assessment);
  g_autoptr(GError) error = NULL;

  /* A de-identified file leaves amendment reasons out. */
  if (importer->deidentified && rc_assessment_get_supersedes (assessment) != NULL &&
      rc_assessment_get_amendment_reason (assessment) == NULL)
    rc_assessment_set_amendment_reason (assessment, "withheld");

  /* Where the schema found the assessment wrong, what follows from that
   * would say the same again, or quote what it refused. */
  if (schema_error_between (importer, importer->assessment_line,
                            xmlTextReaderGetParserLineNumber (importer->reader)))
    ;
  else if (instrument == NULL)
    {
      g_autofree char *message =
        /* Translators: an instrument's key, such as rc-eight-factor, then
         * its version, a number */
        g_strdup_printf (_("instrument %s version %u is not installed"),
                         rc_assessment_get_instrument_id (assessment),
                         rc_assessment_get_instrument_version (assessment));

      problem_at (importer, importer->assessment_line, message);
    }
  else if (!rc_assessment_validate (assessment, instrument, &error))
    problem_at (importer, importer->assessment_line, error->message);
  g_ptr_array_add (importer->assessments, g_steal_pointer (&importer->assessment));
}

/* Lists @fields, what differs, in words: "the date differs", "the date,
 * the assessor and the score of “family” differ". */
static void
conflict (Importer   *importer,
          const char *subject,
          GPtrArray  *fields)
{
  const char *last;
  g_autofree char *head = NULL;
  char *message;

  g_return_if_fail (fields->len > 0);
  last = g_ptr_array_index (fields, fields->len - 1);
  if (fields->len == 1)
    /* Translators: the record, such as “client RC-000501”, then what
     * differs, such as “the date” */
    message = g_strdup_printf (_("%s: %s differs"), subject, last);
  else
    {
      head = all_but_last (fields);
      /* Translators: the record, such as “client RC-000501”, then what
       * differs: all of it but the last, joined by “, ”, then the last, as
       * in “the date, the assessor and the score of “family” differ” */
      message = g_strdup_printf (_("%s: %s and %s differ"), subject, head, last);
    }
  g_ptr_array_add (importer->summary->conflicts, message);
}

/* Adds what @format names to @fields, translated, when @a and @b
 * differ. Only the name is kept, never the values: they can name a
 * person, and conflicts reach the terminal and the app's dialog. */
static void
differs (GPtrArray  *fields,
         const char *a,
         const char *b,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
differs (GPtrArray  *fields,
         const char *a,
         const char *b,
         const char *format,
         ...)
{
  va_list args;

  if (g_strcmp0 (a, b) == 0)
    return;
  va_start (args, format);
  g_ptr_array_add (fields, g_strdup_vprintf (_(format), args));
  va_end (args);
}

static GPtrArray *
client_differences (RcClient *a,
                    RcClient *b)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  differs (fields, rc_client_get_clinic_code (a), rc_client_get_clinic_code (b),
           N_("the clinic code"));
  differs (fields, rc_client_get_given_name (a), rc_client_get_given_name (b),
           N_("the given name"));
  differs (fields, rc_client_get_family_name (a), rc_client_get_family_name (b),
           N_("the family name"));
  differs (fields, rc_client_get_birth_date (a), rc_client_get_birth_date (b),
           N_("the birth date"));
  differs (fields, rc_client_get_created_at (a), rc_client_get_created_at (b),
           /* Translators: of a client or an assessment, in “%s: %s differs” */
           N_("the time it was created"));
  differs (fields, rc_client_get_updated_at (a), rc_client_get_updated_at (b),
           /* Translators: of a client or an assessment, in “%s: %s differs” */
           N_("the time it was last changed"));
  return fields;
}

/* A stored draft's "not rated yet" is what its export says, not
 * assessed: importing that file back changes nothing. */
static int
comparable_score (int score)
{
  return rc_score_is_missing (score) ? RC_SCORE_NOT_ASSESSED : score;
}

/* Room for any 64-bit number as text: numbers are compared as text too. */
#define NUMBER_CHARS 24

static const char *
number_text (gint64  value,
             char   *buffer)
{
  g_snprintf (buffer, NUMBER_CHARS, "%" G_GINT64_FORMAT, value);
  return buffer;
}

static GPtrArray *
assessment_differences (RcAssessment *a,
                        RcAssessment *b)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *a_instrument = g_strdup_printf ("%s %u", rc_assessment_get_instrument_id (a),
                                                   rc_assessment_get_instrument_version (a));
  g_autofree char *b_instrument = g_strdup_printf ("%s %u", rc_assessment_get_instrument_id (b),
                                                   rc_assessment_get_instrument_version (b));
  char a_number[NUMBER_CHARS], b_number[NUMBER_CHARS];

  differs (fields, rc_assessment_get_client_uuid (a), rc_assessment_get_client_uuid (b),
           /* Translators: this and the following are what can differ between
            * an assessment in the file and the one stored, in “%s: %s differs” */
           N_("the client"));
  differs (fields, a_instrument, b_instrument, N_("the instrument or its version"));
  differs (fields, number_text (rc_assessment_get_version (a), a_number),
           number_text (rc_assessment_get_version (b), b_number), N_("the version"));
  differs (fields, rc_timepoint_to_string (rc_assessment_get_timepoint (a)),
           rc_timepoint_to_string (rc_assessment_get_timepoint (b)), N_("the timepoint"));
  differs (fields, rc_assessment_get_date (a), rc_assessment_get_date (b), N_("the date"));
  differs (fields, rc_assessment_get_assessor (a), rc_assessment_get_assessor (b),
           N_("the assessor"));
  differs (fields, rc_rater_to_string (rc_assessment_get_rater (a)),
           rc_rater_to_string (rc_assessment_get_rater (b)), N_("the rater"));
  differs (fields, rc_assessment_status_to_string (rc_assessment_get_status (a)),
           rc_assessment_status_to_string (rc_assessment_get_status (b)), N_("the status"));
  differs (fields, rc_assessment_get_supersedes (a), rc_assessment_get_supersedes (b),
           N_("the assessment it amends"));
  differs (fields, rc_assessment_get_amendment_reason (a), rc_assessment_get_amendment_reason (b),
           N_("the reason for the amendment"));
  differs (fields, rc_assessment_get_created_at (a), rc_assessment_get_created_at (b),
           N_("the time it was created"));
  differs (fields, rc_assessment_get_updated_at (a), rc_assessment_get_updated_at (b),
           N_("the time it was last changed"));
  for (guint i = 0; i < rc_assessment_get_n_ratings (a); i++)
    {
      const char *key = rc_assessment_get_rating_key (a, i);

      differs (fields, number_text (comparable_score (rc_assessment_get_score (a, key)), a_number),
               number_text (comparable_score (rc_assessment_get_score (b, key)), b_number),
               /* Translators: %s is a factor's key as in the file, such as
                * “family” */
               N_("the score of “%s”"), key);
      differs (fields, rc_assessment_get_note (a, key), rc_assessment_get_note (b, key),
               /* Translators: %s is a factor's key as in the file, such as
                * “family” */
               N_("the note on “%s”"), key);
      differs (fields, rc_assessment_get_goal (a, key), rc_assessment_get_goal (b, key),
               /* Translators: %s is a factor's key as in the file, such as
                * “family” */
               N_("the goal for “%s”"), key);
    }
  differs (fields, number_text (rc_assessment_get_n_ratings (a), a_number),
           number_text (rc_assessment_get_n_ratings (b), b_number), N_("the factors rated"));
  return fields;
}

/* Under the "newer" policy the incoming record wins if it was changed
 * later; timestamps in the same format compare as text. */
static gboolean
incoming_wins (Importer   *importer,
               const char *incoming_updated,
               const char *stored_updated)
{
  return importer->policy == RC_CONFLICT_NEWER && g_strcmp0 (incoming_updated, stored_updated) > 0;
}

/* Returns FALSE on a store error; *skip says the client is not taken. */
static gboolean
apply_client (Importer  *importer,
              gboolean  *skip,
              GError   **error)
{
  RcClient *incoming = importer->client;
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(RcClient) stored = rc_store_find_client (importer->store, rc_client_get_uuid (incoming),
                                                     &lookup_error);
  g_autoptr(RcClient) code_owner = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  *skip = FALSE;
  if (stored == NULL && !g_error_matches (lookup_error, RC_ERROR, RC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  if (stored == NULL)
    {
      g_autoptr(GError) owner_error = NULL;

      /* Codes match as the store compares them: "rc-1" is "RC-1". */
      code_owner = rc_store_find_client (importer->store, rc_client_get_clinic_code (incoming),
                                         &owner_error);
      if (code_owner == NULL && !g_error_matches (owner_error, RC_ERROR, RC_ERROR_NOT_FOUND) &&
          !g_error_matches (owner_error, RC_ERROR, RC_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&owner_error));
          return FALSE;
        }
      if (code_owner != NULL || g_error_matches (owner_error, RC_ERROR, RC_ERROR_CONFLICT))
        {
          const char *uuid = rc_client_get_uuid (incoming);
          const char *code = rc_client_get_clinic_code (incoming);

          g_ptr_array_add (importer->summary->conflicts,
                           code_owner != NULL
                           /* Translators: a client's UUID, a clinic code, then
                            * another client's UUID */
                           ? g_strdup_printf (_("client %s: clinic code %s is used by client %s"),
                                              uuid, code, rc_client_get_uuid (code_owner))
                           /* Translators: a client's UUID, then a clinic code */
                           : g_strdup_printf (_("client %s: clinic code %s is used by several "
                                                "clients"), uuid, code));
          *skip = TRUE;
          return TRUE;
        }
      importer->summary->new_clients++;
      return rc_store_import_client (importer->store, incoming, error);
    }

  fields = client_differences (incoming, stored);
  if (fields->len == 0)
    {
      importer->summary->unchanged_clients++;
      return TRUE;
    }
  if (!incoming_wins (importer, rc_client_get_updated_at (incoming),
                      rc_client_get_updated_at (stored)))
    {
      /* Translators: a clinic code, such as RC-000501; this begins a
       * conflict, as in “client RC-000501: the given name differs” */
      g_autofree char *subject = g_strdup_printf (_("client %s"),
                                                  rc_client_get_clinic_code (stored));

      conflict (importer, subject, fields);
      return TRUE;
    }
  importer->summary->updated_clients++;
  return rc_store_import_client (importer->store, incoming, error);
}

static gboolean
apply_assessment (Importer      *importer,
                  RcAssessment  *incoming,
                  GError       **error)
{
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(RcAssessment) stored =
    rc_store_load_assessment (importer->store, rc_assessment_get_uuid (incoming), &lookup_error);
  g_autoptr(GPtrArray) fields = NULL;

  if (stored == NULL && !g_error_matches (lookup_error, RC_ERROR, RC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  if (stored == NULL)
    {
      importer->summary->new_assessments++;
      return rc_store_import_assessment (importer->store, incoming, error);
    }

  fields = assessment_differences (incoming, stored);
  if (fields->len == 0)
    {
      importer->summary->unchanged_assessments++;
      return TRUE;
    }
  /* A completed assessment here is final: never overwritten. */
  if (rc_assessment_get_status (stored) == RC_ASSESSMENT_COMPLETE ||
      !incoming_wins (importer, rc_assessment_get_updated_at (incoming),
                      rc_assessment_get_updated_at (stored)))
    {
      g_autoptr(RcClient) owner =
        rc_store_find_client (importer->store, rc_assessment_get_client_uuid (stored), NULL);
      g_autofree char *subject =
        /* Translators: an assessment's UUID, then a clinic code or a
         * client's UUID; this begins a conflict, as in “assessment UUID of
         * client RC-000501: the date differs” */
        g_strdup_printf (_("assessment %s of client %s"), rc_assessment_get_uuid (stored),
                         owner != NULL ? rc_client_get_clinic_code (owner)
                                       : rc_assessment_get_client_uuid (stored));

      conflict (importer, subject, fields);
      return TRUE;
    }
  importer->summary->updated_assessments++;
  return rc_store_import_assessment (importer->store, incoming, error);
}

/* A record the store refuses is the file's problem, at the client's
 * line. A store that fails (a full disk, an I/O error, another program
 * writing, damage) is not: its error is passed on as it is, for the
 * caller to tell from a bad file, and blames no line. */
static void
store_failed (Importer *importer,
              GError   *error)
{
  static const RcError data_errors[] = {
    RC_ERROR_INVALID, RC_ERROR_NOT_FOUND, RC_ERROR_CONFLICT, RC_ERROR_LOCKED, RC_ERROR_CHANGED,
  };

  importer->fatal = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (data_errors); i++)
    if (g_error_matches (error, RC_ERROR, (int) data_errors[i]))
      {
        problem_at (importer, importer->client_line, error->message);
        g_error_free (error);
        return;
      }
  g_clear_error (&importer->store_error);
  importer->store_error = error;
}

static void
end_client (Importer *importer)
{
  g_autoptr(GError) local_error = NULL;
  gboolean skip;

  /* A de-identified client has no names to require; one the schema
   * found wrong has been reported. */
  if (!importer->deidentified &&
      !schema_error_between (importer, importer->client_line,
                             xmlTextReaderGetParserLineNumber (importer->reader)) &&
      !rc_client_validate (importer->client, &local_error))
    problem_at (importer, importer->client_line, local_error->message);
  if (importer->store == NULL || importer->summary->problems->len > 0)
    return;

  if (!apply_client (importer, &skip, &local_error))
    {
      store_failed (importer, g_steal_pointer (&local_error));
      return;
    }
  for (guint i = 0; !skip && i < importer->assessments->len; i++)
    if (!apply_assessment (importer, g_ptr_array_index (importer->assessments, i), &local_error))
      {
        store_failed (importer, g_steal_pointer (&local_error));
        return;
      }
  g_clear_object (&importer->client);
}

static void
end_element (Importer *importer)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (importer->reader);

  if (g_str_equal (name, "assessment") && importer->assessment != NULL)
    end_assessment (importer);
  else if (g_str_equal (name, "rating"))
    g_clear_pointer (&importer->factor, g_free);
  else if (g_str_equal (name, "client") && importer->client != NULL)
    end_client (importer);
}

static void
read_document (Importer *importer)
{
  int ret;

  while (!importer->fatal && (ret = xmlTextReaderRead (importer->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (importer->reader);

      /* Told as the database's error would be: the file is not at fault. */
      if (!rc_progress_check (importer->progress, &importer->store_error))
        importer->fatal = TRUE;
      else if (xmlTextReaderDepth (importer->reader) > MAX_DEPTH)
        {
          problem (importer, "%s", _("elements nested too deeply"));
          importer->fatal = TRUE;
        }
      else if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
               type == XML_READER_TYPE_ENTITY)
        {
          problem (importer, "%s", document_type_message ());
          importer->fatal = TRUE;
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        start_element (importer);
      else if (type == XML_READER_TYPE_END_ELEMENT)
        end_element (importer);

      if (xmlTextReaderIsEmptyElement (importer->reader) && type == XML_READER_TYPE_ELEMENT)
        end_element (importer);
    }
  /* The reader does not pass its parser's errors on: ask for the last. */
  if (!importer->fatal && ret < 0 && importer->summary->problems->len == 0)
    {
      xmlErrorPtr last = xmlGetLastError ();

      if (last != NULL && last->message != NULL)
        {
          g_autofree char *message = parser_message (last);

          problem_at (importer, last->line, message);
        }
      else
        problem (importer, "%s", _("the file is not well-formed XML"));
    }
  if (!importer->fatal && xmlTextReaderIsValid (importer->reader) != 1 &&
      importer->summary->problems->len == 0)
    problem (importer, "%s", _("the file does not follow the profile schema"));
}

static gboolean
set_total_bytes (RcProgress  *progress,
                 int          fd,
                 const char  *path,
                 GError     **error)
{
  GStatBuf file;

  if (fstat (fd, &file) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, _("%s: cannot be read: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  rc_progress_set_total (progress, (gsize) file.st_size);
  return TRUE;
}

static gboolean
run (Importer  *importer,
     GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) assessments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) schema_lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) schema_reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 NULL);
  xmlSchemaPtr schema = load_schema ();
  int fd;

  fd = g_open (importer->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, _("%s: cannot be read: %s"), importer->path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (importer->progress != NULL && !set_total_bytes (importer->progress, fd, importer->path, error))
    {
      g_close (fd, NULL);
      return FALSE;
    }
  importer->screen = (Screen) {
    .fd = fd,
    .state = SCREEN_TEXT,
    .line = 1,
    .run_line = 1,
    .maybe_ebcdic = TRUE,
  };
  importer->seen = seen;
  importer->assessments = assessments;
  importer->schema_lines = schema_lines;
  importer->schema_reported = schema_reported;

  /* No XML_PARSE_NOENT, DTDLOAD, HUGE or XINCLUDE: none of what the
   * hostile-input tests try is ever done. IGNORE_ENC: the file is read as
   * UTF-8, as the screen reads it, whatever its declaration says. */
  xmlResetLastError ();
  importer->reader = xmlReaderForIO (read_cb, close_cb, importer, importer->path, NULL,
                                     XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  if (importer->reader == NULL)
    {
      g_close (fd, NULL);
      if (importer->summary->problems->len == 0)
        problem_at (importer, 1, _("the file cannot be read as XML"));
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, "%s",
                   (const char *) g_ptr_array_index (importer->summary->problems, 0));
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (importer->reader, structured_error_cb, importer);
  if (xmlTextReaderSetSchema (importer->reader, schema) != 0)
    {
      xmlFreeTextReader (importer->reader);
      g_close (fd, NULL);
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, _("%s: cannot be validated"), importer->path);
      return FALSE;
    }

  /* The first bytes are read as the reader is made. */
  if (!importer->screen.refused)
    read_document (importer);
  xmlFreeTextReader (importer->reader);
  g_close (fd, NULL);
  g_clear_object (&importer->client);
  g_clear_object (&importer->assessment);
  g_clear_pointer (&importer->factor, g_free);

  if (importer->store_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&importer->store_error));
      return FALSE;
    }
  if (importer->summary->problems->len > 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, "%s",
                   (const char *) g_ptr_array_index (importer->summary->problems, 0));
      return FALSE;
    }
  return TRUE;
}

/**
 * rc_import_profiles:
 * @summary: (out caller-allocates): initialised with rc_import_summary_init()
 * @progress: (nullable): counts the bytes read; once cancelled, the import
 *   stops with %G_IO_ERROR_CANCELLED and nothing is changed
 *
 * Imports a profile file, all or nothing. Conflicts are listed in
 * @summary; under %RC_CONFLICT_FAIL any conflict fails the import (with
 * %RC_ERROR_CONFLICT) and nothing is changed; under the other policies the
 * conflicting records are settled and reported.
 */
gboolean
rc_import_profiles (RcStore           *store,
                    const char        *path,
                    RcConflictPolicy   policy,
                    RcImportFlags      flags,
                    RcImportSummary   *summary,
                    RcProgress        *progress,
                    GError           **error)
{
  Importer importer = { 0 };
  gboolean ok;

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (summary != NULL && summary->problems != NULL, FALSE);
  g_return_val_if_fail (progress == NULL || RC_IS_PROGRESS (progress), FALSE);

  importer.path = path;
  importer.store = store;
  importer.catalog = rc_store_get_catalog (store);
  importer.policy = policy;
  importer.summary = summary;
  importer.progress = progress;

  if (!rc_store_begin (store, error))
    return FALSE;
  ok = run (&importer, error);
  if (ok && policy == RC_CONFLICT_FAIL && summary->conflicts->len > 0)
    {
      g_autofree char *count = rc_i18n_format_count (summary->conflicts->len);

      g_set_error (error, RC_ERROR, RC_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %s conflict, nothing imported: %s",
                                "%s: %s conflicts, nothing imported: %s",
                                summary->conflicts->len),
                   path, count, (const char *) g_ptr_array_index (summary->conflicts, 0));
      ok = FALSE;
    }
  if (!ok || (flags & RC_IMPORT_DRY_RUN))
    {
      rc_store_rollback (store);
      return ok;
    }
  return rc_store_commit (store, error);
}

/**
 * rc_validate_profiles:
 *
 * Checks a profile file against the schema and the rules it cannot
 * express, without a database. Every problem, up to 100, is listed in
 * @summary as "FILE:LINE: what"; @error holds the first.
 */
gboolean
rc_validate_profiles (RcInstrumentCatalog  *catalog,
                      const char           *path,
                      RcImportSummary      *summary,
                      GError              **error)
{
  Importer importer = { 0 };

  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (catalog), FALSE);
  g_return_val_if_fail (summary != NULL && summary->problems != NULL, FALSE);

  importer.path = path;
  importer.catalog = catalog;
  importer.summary = summary;
  return run (&importer, error);
}

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

#include "rc-core-resources.h"
#include "rc-date.h"
#include "rc-error.h"
#include "rc-exporter.h"
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

  Screen               screen;
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
  problem_at (importer, xmlTextReaderGetParserLineNumber (importer->reader), message);
}

/* libxml2 quotes the offending value ("The value 'Noor …' is not …") and
 * the bytes of bad UTF-8; in a health record that may be a name, and
 * messages never carry one. */
static char *
scrub_message (const char *message)
{
  g_autoptr(GString) scrubbed = g_string_new (NULL);
  const char *bytes = strstr (message, "Bytes:");
  const char *end = bytes != NULL ? bytes : message + strlen (message);

  for (const char *p = message; p < end; p++)
    {
      if (g_str_has_prefix (p, "value '"))
        {
          const char *close = strchr (p + 7, '\'');

          if (close != NULL && close < end)
            {
              g_string_append (scrubbed, "value");
              p = close;
              continue;
            }
        }
      g_string_append_c (scrubbed, *p == '\n' ? ' ' : *p);
    }
  return g_strchomp (g_string_free (g_steal_pointer (&scrubbed), FALSE));
}

/* libxml2's schema messages name an element as '{namespace}name' and
 * tag each rule as "[facet '…']"; without them the element and the rule
 * stand out. */
static char *
plain_message (xmlErrorPtr error)
{
  g_autofree char *scrubbed = scrub_message (error->message);
  g_autoptr(GString) text = NULL;
  const char *facet;

  if (error->domain == XML_FROM_SCHEMASV && error->code == XML_SCHEMAV_CVC_ELT_1)
    return g_strdup ("not a Recovery Capital profile file: the root must be <profiles> in "
                     "namespace " RC_PROFILE_NAMESPACE);
  text = g_string_new (scrubbed);
  g_string_replace (text, "'{" RC_PROFILE_NAMESPACE "}", "'", 0);
  while ((facet = strstr (text->str, "[facet '")) != NULL)
    {
      const char *close = strstr (facet, "'] ");

      if (close == NULL)
        break;
      g_string_erase (text, facet - text->str, close + 3 - facet);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Importer *importer = user_data;
  g_autofree char *message = NULL;

  /* What libxml2 says of the input the screen cut off adds nothing. */
  if (importer->screen.refused)
    return;
  message = plain_message (error);
  problem_at (importer, error->line, message);
  if (error->domain != XML_FROM_SCHEMASV)
    importer->fatal = TRUE;
}

/* The screen: the bytes libxml2 reads pass through it on their way, and
 * it refuses, before handing them on, what would cost libxml2 too much:
 * too many attributes on one element, an attribute value, a name, a tag
 * or a text too long, a document type, a NUL byte or another encoding.
 * It knows just enough of XML to tell where it is: in text, a tag, an
 * attribute value (where ">" is text), a comment, a CDATA section or a
 * processing instruction. Anything else wrong is left to libxml2, which
 * stops at it; the screen need only never see less than libxml2. */

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
    return refuse (importer, screen->run_line,
                   "the file has a text longer than %d bytes", MAX_RUN_BYTES);
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
        return refuse (importer, screen->tag_line, "document types and entities are not allowed");
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
    return refuse (importer, importer->screen.line,
                   "the file has a name longer than %d bytes", MAX_NAME_BYTES);
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
                   "the file has an element with too many attributes (more than %d)",
                   MAX_ATTRIBUTES);
  return TRUE;
}

static gboolean
screen_tag_byte (Importer *importer,
                 guchar    c)
{
  Screen *screen = &importer->screen;

  if (++screen->tag > MAX_TAG_BYTES)
    return refuse (importer, screen->tag_line,
                   "the file has a tag longer than %d bytes", MAX_TAG_BYTES);
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
        return refuse (importer, screen->value_line,
                       "the file has an attribute value longer than %d bytes", MAX_VALUE_BYTES);
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
        return refuse (importer, screen->line, "not UTF-8 text");
      if (screen->offset < sizeof ebcdic_start)
        {
          screen->maybe_ebcdic = screen->maybe_ebcdic && c == ebcdic_start[screen->offset];
          if (screen->maybe_ebcdic && screen->offset + 1 == sizeof ebcdic_start)
            return refuse (importer, screen->line, "not UTF-8 text");
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

      refuse (importer, screen->line, "the file could not be read: %s", g_strerror (saved_errno));
      return -1;
    }
  if (n == 0 && screen->offset == 0)
    {
      refuse (importer, 1, "the file is empty");
      return -1;
    }
  if (!screen_bytes (importer, (const guchar *) buffer, (gsize) n))
    return -1;
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

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL))
    problem (importer, "%s “%s” is not a positive whole number", name, text);
  return (guint) value;
}

/* Reads an element's text; the reader then walks through it as usual. */
static char *
element_text (Importer *importer)
{
  xmlChar *text = xmlTextReaderReadString (importer->reader);
  char *copy;

  if (text != NULL && strlen ((const char *) text) > MAX_TEXT_BYTES)
    {
      problem (importer, "text longer than %d bytes", MAX_TEXT_BYTES);
      importer->fatal = TRUE;
    }
  copy = g_strdup (text != NULL ? (const char *) text : "");
  xmlFree (text);
  return copy;
}

/* A UUID may stand once in a file. */
static void
check_unique (Importer   *importer,
              const char *uuid)
{
  if (uuid == NULL)
    return;
  if (g_hash_table_contains (importer->seen, uuid))
    problem (importer, "UUID %s appears more than once", uuid);
  else
    g_hash_table_add (importer->seen, g_strdup (uuid));
}

static void
start_profiles (Importer *importer)
{
  g_autofree char *version = attribute (importer, "format-version");
  g_autofree char *mode = attribute (importer, "mode");
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (importer->reader);

  if (g_strcmp0 (ns, RC_PROFILE_NAMESPACE) != 0)
    {
      problem (importer, "not a Recovery Capital profile file (namespace %s)", ns ? ns : "none");
      importer->fatal = TRUE;
    }
  else if (g_strcmp0 (version, RC_PROFILE_FORMAT_VERSION) != 0)
    {
      problem (importer, "format version %s is not supported (this program reads %s)",
               version ? version : "none", RC_PROFILE_FORMAT_VERSION);
      importer->fatal = TRUE;
    }
  else if (importer->store != NULL && g_strcmp0 (mode, "deidentified") == 0)
    {
      problem (importer, "the file is de-identified and cannot be imported");
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
  rc_client_set_uuid (importer->client, uuid);
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
  RcTimepoint timepoint_value = RC_TIMEPOINT_INTAKE;
  RcRater rater_value = RC_RATER_WORKER;
  RcAssessmentStatus status_value = RC_ASSESSMENT_DRAFT;
  RcAssessment *assessment = rc_assessment_new_empty ();

  check_unique (importer, uuid);
  /* The schema has checked the values; a bad one is already reported. */
  rc_timepoint_from_string (timepoint, &timepoint_value);
  rc_rater_from_string (rater, &rater_value);
  rc_assessment_status_from_string (status, &status_value);

  rc_assessment_set_uuid (assessment, uuid);
  rc_assessment_set_client_uuid (assessment, rc_client_get_uuid (importer->client));
  rc_assessment_set_instrument (assessment, instrument, uint_attribute (importer, "instrument-version"));
  rc_assessment_set_timepoint (assessment, timepoint_value);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_rater (assessment, rater_value);
  rc_assessment_set_status (assessment, status_value);
  rc_assessment_set_version (assessment, uint_attribute (importer, "version"));
  rc_assessment_set_supersedes (assessment, supersedes);
  rc_assessment_set_created_at (assessment, created);
  rc_assessment_set_updated_at (assessment, updated);

  g_clear_object (&importer->assessment);
  importer->assessment = assessment;
  importer->assessment_line = xmlTextReaderGetParserLineNumber (importer->reader);
}

static void
start_rating (Importer *importer)
{
  g_autofree char *score = attribute (importer, "score");
  g_autofree char *not_assessed = attribute (importer, "not-assessed");
  gint64 value = RC_SCORE_NOT_ASSESSED;

  g_free (importer->factor);
  importer->factor = attribute (importer, "factor");
  if (importer->factor != NULL && importer->assessment != NULL &&
      rc_assessment_has_rating (importer->assessment, importer->factor))
    problem (importer, "factor “%s” is rated twice", importer->factor);
  if ((score == NULL) == (not_assessed == NULL))
    problem (importer, "rating “%s” must have either a score or not-assessed=\"true\"",
             importer->factor ? importer->factor : "");
  else if (score != NULL && !g_ascii_string_to_signed (score, 10, 0, RC_SCORE_MAX, &value, NULL))
    problem (importer, "score “%s” is not a whole number from 0 to %d", score, RC_SCORE_MAX);
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
    problem (importer, "a de-identified file must not have <%s>", name);
  else if (!importer->deidentified && g_str_equal (name, "birth-year"))
    problem (importer, "an identified file gives a <birth-date>, not a <birth-year>");

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

  if (instrument == NULL)
    {
      g_autofree char *message =
        g_strdup_printf ("instrument %s version %u is not installed",
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
  GString *message = g_string_new (subject);

  g_string_append (message, ": ");
  for (guint i = 0; i < fields->len; i++)
    {
      if (i > 0)
        g_string_append (message, i + 1 == fields->len ? " and " : ", ");
      g_string_append (message, g_ptr_array_index (fields, i));
    }
  g_string_append (message, fields->len == 1 ? " differs" : " differ");
  g_ptr_array_add (importer->summary->conflicts, g_string_free (message, FALSE));
}

/* Adds what @format names to @fields when @a and @b differ. Only the
 * name is kept, never the values: they can name a person, and conflicts
 * reach the terminal and the app's dialog. */
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
  g_ptr_array_add (fields, g_strdup_vprintf (format, args));
  va_end (args);
}

static GPtrArray *
client_differences (RcClient *a,
                    RcClient *b)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  differs (fields, rc_client_get_clinic_code (a), rc_client_get_clinic_code (b), "the clinic code");
  differs (fields, rc_client_get_given_name (a), rc_client_get_given_name (b), "the given name");
  differs (fields, rc_client_get_family_name (a), rc_client_get_family_name (b),
           "the family name");
  differs (fields, rc_client_get_birth_date (a), rc_client_get_birth_date (b), "the birth date");
  differs (fields, rc_client_get_created_at (a), rc_client_get_created_at (b),
           "the time it was created");
  differs (fields, rc_client_get_updated_at (a), rc_client_get_updated_at (b),
           "the time it was last changed");
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
           "the client");
  differs (fields, a_instrument, b_instrument, "the instrument or its version");
  differs (fields, number_text (rc_assessment_get_version (a), a_number),
           number_text (rc_assessment_get_version (b), b_number), "the version");
  differs (fields, rc_timepoint_to_string (rc_assessment_get_timepoint (a)),
           rc_timepoint_to_string (rc_assessment_get_timepoint (b)), "the timepoint");
  differs (fields, rc_assessment_get_date (a), rc_assessment_get_date (b), "the date");
  differs (fields, rc_assessment_get_assessor (a), rc_assessment_get_assessor (b),
           "the assessor");
  differs (fields, rc_rater_to_string (rc_assessment_get_rater (a)),
           rc_rater_to_string (rc_assessment_get_rater (b)), "the rater");
  differs (fields, rc_assessment_status_to_string (rc_assessment_get_status (a)),
           rc_assessment_status_to_string (rc_assessment_get_status (b)), "the status");
  differs (fields, rc_assessment_get_supersedes (a), rc_assessment_get_supersedes (b),
           "the assessment it amends");
  differs (fields, rc_assessment_get_amendment_reason (a), rc_assessment_get_amendment_reason (b),
           "the reason for the amendment");
  differs (fields, rc_assessment_get_created_at (a), rc_assessment_get_created_at (b),
           "the time it was created");
  differs (fields, rc_assessment_get_updated_at (a), rc_assessment_get_updated_at (b),
           "the time it was last changed");
  for (guint i = 0; i < rc_assessment_get_n_ratings (a); i++)
    {
      const char *key = rc_assessment_get_rating_key (a, i);

      differs (fields, number_text (comparable_score (rc_assessment_get_score (a, key)), a_number),
               number_text (comparable_score (rc_assessment_get_score (b, key)), b_number),
               "the score of “%s”", key);
      differs (fields, rc_assessment_get_note (a, key), rc_assessment_get_note (b, key),
               "the note on “%s”", key);
      differs (fields, rc_assessment_get_goal (a, key), rc_assessment_get_goal (b, key),
               "the goal for “%s”", key);
    }
  differs (fields, number_text (rc_assessment_get_n_ratings (a), a_number),
           number_text (rc_assessment_get_n_ratings (b), b_number), "the factors rated");
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
      if (code_owner != NULL || g_error_matches (owner_error, RC_ERROR, RC_ERROR_CONFLICT))
        {
          const char *uuid = rc_client_get_uuid (incoming);
          const char *code = rc_client_get_clinic_code (incoming);

          g_ptr_array_add (importer->summary->conflicts,
                           code_owner != NULL
                           ? g_strdup_printf ("client %s: clinic code %s is used by client %s",
                                              uuid, code, rc_client_get_uuid (code_owner))
                           : g_strdup_printf ("client %s: clinic code %s is used by several"
                                              " clients", uuid, code));
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
      g_autofree char *subject = g_strdup_printf ("client %s", rc_client_get_clinic_code (stored));

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
        g_strdup_printf ("assessment %s of client %s", rc_assessment_get_uuid (stored),
                         owner != NULL ? rc_client_get_clinic_code (owner)
                                       : rc_assessment_get_client_uuid (stored));

      conflict (importer, subject, fields);
      return TRUE;
    }
  importer->summary->updated_assessments++;
  return rc_store_import_assessment (importer->store, incoming, error);
}

static void
end_client (Importer  *importer,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean skip;

  /* A de-identified client has no names to require. */
  if (!importer->deidentified && !rc_client_validate (importer->client, &local_error))
    problem (importer, "%s", local_error->message);
  if (importer->store == NULL || importer->summary->problems->len > 0)
    return;

  if (!apply_client (importer, &skip, &local_error))
    {
      problem (importer, "%s", local_error->message);
      importer->fatal = TRUE;
      return;
    }
  for (guint i = 0; !skip && i < importer->assessments->len; i++)
    if (!apply_assessment (importer, g_ptr_array_index (importer->assessments, i), &local_error))
      {
        problem (importer, "%s", local_error->message);
        importer->fatal = TRUE;
        return;
      }
  g_clear_object (&importer->client);
}

static void
end_element (Importer  *importer,
             GError   **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (importer->reader);

  if (g_str_equal (name, "assessment") && importer->assessment != NULL)
    end_assessment (importer);
  else if (g_str_equal (name, "rating"))
    g_clear_pointer (&importer->factor, g_free);
  else if (g_str_equal (name, "client") && importer->client != NULL)
    end_client (importer, error);
}

static void
read_document (Importer  *importer,
               GError   **error)
{
  int ret;

  while (!importer->fatal && (ret = xmlTextReaderRead (importer->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (importer->reader);

      if (xmlTextReaderDepth (importer->reader) > MAX_DEPTH)
        {
          problem (importer, "elements nested too deeply");
          importer->fatal = TRUE;
        }
      else if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
               type == XML_READER_TYPE_ENTITY)
        {
          problem (importer, "document types and entities are not allowed");
          importer->fatal = TRUE;
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        start_element (importer);
      else if (type == XML_READER_TYPE_END_ELEMENT)
        end_element (importer, error);

      if (xmlTextReaderIsEmptyElement (importer->reader) && type == XML_READER_TYPE_ELEMENT)
        end_element (importer, error);
    }
  /* The reader does not pass its parser's errors on: ask for the last. */
  if (!importer->fatal && ret < 0 && importer->summary->problems->len == 0)
    {
      xmlErrorPtr last = xmlGetLastError ();

      if (last != NULL && last->message != NULL)
        {
          g_autofree char *scrubbed = scrub_message (last->message);
          g_autofree char *message = g_strdup_printf ("not well-formed XML: %s", scrubbed);

          problem_at (importer, last->line, message);
        }
      else
        problem (importer, "the file is not well-formed XML");
    }
  if (!importer->fatal && xmlTextReaderIsValid (importer->reader) != 1 &&
      importer->summary->problems->len == 0)
    problem (importer, "the file does not follow the profile schema");
}

static gboolean
run (Importer  *importer,
     GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) assessments = g_ptr_array_new_with_free_func (g_object_unref);
  xmlSchemaPtr schema = load_schema ();
  int fd;

  fd = g_open (importer->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, "%s: cannot be read: %s", importer->path,
                   g_strerror (saved_errno));
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
        problem_at (importer, 1, "the file cannot be read as XML");
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, "%s",
                   (const char *) g_ptr_array_index (importer->summary->problems, 0));
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (importer->reader, structured_error_cb, importer);
  if (xmlTextReaderSetSchema (importer->reader, schema) != 0)
    {
      xmlFreeTextReader (importer->reader);
      g_close (fd, NULL);
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID, "%s: cannot be validated", importer->path);
      return FALSE;
    }

  /* The first bytes are read as the reader is made. */
  if (!importer->screen.refused)
    read_document (importer, error);
  xmlFreeTextReader (importer->reader);
  g_close (fd, NULL);
  g_clear_object (&importer->client);
  g_clear_object (&importer->assessment);
  g_clear_pointer (&importer->factor, g_free);

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
                    GError           **error)
{
  Importer importer = { 0 };
  gboolean ok;

  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (summary != NULL && summary->problems != NULL, FALSE);

  importer.path = path;
  importer.store = store;
  importer.catalog = rc_store_get_catalog (store);
  importer.policy = policy;
  importer.summary = summary;

  if (!rc_store_begin (store, error))
    return FALSE;
  ok = run (&importer, error);
  if (ok && policy == RC_CONFLICT_FAIL && summary->conflicts->len > 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_CONFLICT, "%s: %u conflict%s, nothing imported: %s",
                   path, summary->conflicts->len, summary->conflicts->len == 1 ? "" : "s",
                   (const char *) g_ptr_array_index (summary->conflicts, 0));
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

#define NS "urn:recovery-capital:instrument:1"

static const char * const default_keys[] = {
  "family", "physical-health", "coping", "spirituality",
  "self-esteem", "finances", "support-groups", "housing",
};

/* A small valid instrument with reliability figures, as a clinic might add. */
static const char *validated_instrument =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<instrument xmlns='" NS "' id='clinic-scale' version='2'>\n"
  "  <name>Clinic scale</name>\n"
  "  <scale min='0' max='2' max-missing='0'/>\n"
  "  <reliability r='0.85' sd='1.5'/>\n"
  "  <factor key='work'>\n"
  "    <title>Work</title>\n"
  "    <reliability r='0.7' sd='0.6'/>\n"
  "    <level score='0' label='None'>No work.</level>\n"
  "    <level score='1' label='Some'>Some work.</level>\n"
  "    <level score='2' label='Steady'>Steady work.</level>\n"
  "  </factor>\n"
  "</instrument>\n";

static void
test_default_instrument (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  RcInstrument *instrument;

  rc_instrument_catalog_load_builtin (catalog);
  instrument = rc_instrument_catalog_get_default (catalog);
  g_assert_nonnull (instrument);
  g_assert_cmpstr (rc_instrument_get_id (instrument), ==, RC_DEFAULT_INSTRUMENT_ID);
  g_assert_cmpuint (rc_instrument_get_version (instrument), ==, 1);
  g_assert_cmpint (rc_instrument_get_min_score (instrument), ==, 1);
  g_assert_cmpint (rc_instrument_get_max_score (instrument), ==, 5);
  g_assert_cmpuint (rc_instrument_get_max_missing (instrument), ==, 2);
  g_assert_nonnull (rc_instrument_get_name (instrument));
  g_assert_nonnull (strstr (rc_instrument_get_description (instrument), "not a validated"));
  /* Not validated: it must carry no reliability figures. */
  g_assert_false (rc_instrument_get_total_reliability (instrument, NULL, NULL));

  g_assert_cmpuint (rc_instrument_get_n_factors (instrument), ==, G_N_ELEMENTS (default_keys));
  for (guint i = 0; i < G_N_ELEMENTS (default_keys); i++)
    {
      RcFactor *factor = rc_instrument_get_factor (instrument, i);

      g_assert_cmpstr (rc_factor_get_key (factor), ==, default_keys[i]);
      g_assert_true (rc_instrument_lookup_factor (instrument, default_keys[i]) == factor);
      g_assert_cmpuint (strlen (rc_factor_get_title (factor)), >, 3);
      g_assert_cmpuint (strlen (rc_factor_get_description (factor)), >, 10);
      g_assert_false (rc_factor_get_reliability (factor, NULL, NULL));
      for (int score = 1; score <= 5; score++)
        {
          g_assert_nonnull (rc_factor_get_level_label (factor, score));
          g_assert_cmpuint (strlen (rc_factor_get_level_anchor (factor, score)), >, 10);
        }
      g_assert_null (rc_factor_get_level_label (factor, 0));
      g_assert_null (rc_factor_get_level_anchor (factor, 6));
    }
  g_assert_cmpstr (rc_factor_get_level_label (rc_instrument_get_factor (instrument, 0), 1), ==,
                   "Severe lack");
  g_assert_cmpuint (rc_instrument_catalog_get_problems (catalog)->len, ==, 0);
}

static void
write_file (const char *directory,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_user_directory (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(GFile) directory = NULL;
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  const GPtrArray *problems;
  RcInstrument *instrument;
  double r, sd;

  rc_test_isolate_data_home (tmpdir);
  directory = rc_instrument_catalog_get_user_directory ();
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (directory), 0700), ==, 0);
  write_file (g_file_peek_path (directory), "a-broken.xml", "<instrument xmlns='" NS "'>\n<oops");
  write_file (g_file_peek_path (directory), "b-clinic.xml", validated_instrument);
  write_file (g_file_peek_path (directory), "c-again.xml", validated_instrument);
  write_file (g_file_peek_path (directory), "notes.txt", "not an instrument");

  catalog = rc_instrument_catalog_new_default ();

  /* The good file loads beside the built-in one... */
  g_assert_cmpuint (rc_instrument_catalog_get_n_instruments (catalog), ==, 2);
  g_assert_nonnull (rc_instrument_catalog_get_default (catalog));
  instrument = rc_instrument_catalog_lookup (catalog, "clinic-scale", 2);
  g_assert_nonnull (instrument);
  g_assert_null (rc_instrument_catalog_lookup (catalog, "clinic-scale", 1));
  g_assert_true (rc_instrument_get_total_reliability (instrument, &r, &sd));
  g_assert_cmpfloat_with_epsilon (r, 0.85, 1e-9);
  g_assert_cmpfloat_with_epsilon (sd, 1.5, 1e-9);
  g_assert_true (rc_factor_get_reliability (rc_instrument_get_factor (instrument, 0), &r, &sd));
  g_assert_cmpfloat_with_epsilon (r, 0.7, 1e-9);

  /* ...the broken one and the duplicate are reported, with file and line. */
  problems = rc_instrument_catalog_get_problems (catalog);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "a-broken.xml:2:"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "c-again.xml"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "already loaded"));

  rc_test_tmpdir_free (tmpdir);
}

static void
test_missing_user_directory (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autoptr(RcInstrumentCatalog) catalog = NULL;

  rc_test_isolate_data_home (tmpdir);
  catalog = rc_instrument_catalog_new_default ();
  g_assert_cmpuint (rc_instrument_catalog_get_n_instruments (catalog), ==, 1);
  g_assert_cmpuint (rc_instrument_catalog_get_problems (catalog)->len, ==, 0);
  rc_test_tmpdir_free (tmpdir);
}

static const char *factor_template =
  "<factor key='a'><title>A</title>"
  "<level score='1' label='L1'>one</level><level score='2' label='L2'>two</level></factor>";

typedef struct
{
  const char *xml;
  const char *message;
} BadInstrument;

static void
test_bad_instruments (void)
{
  g_autofree char *deep = NULL;
  g_autoptr(GString) nested = g_string_new ("<instrument xmlns='" NS "' id='x' version='1'>");
  const BadInstrument cases[] = {
    { "", "bad.xml:" },
    { "not xml at all", "bad.xml:1:" },
    { "<instrument xmlns='" NS "' id='x' version='1'>", "bad.xml:" },
    { "<other xmlns='" NS "'/>", "root element must be <instrument>" },
    { "<instrument xmlns='urn:else' id='x' version='1'/>", "not in the namespace" },
    { "<instrument xmlns='" NS "' version='1'/>", "lacks the attribute id" },
    { "<instrument xmlns='" NS "' id='Bad Id' version='1'/>", "lowercase letters" },
    { "<instrument xmlns='" NS "' id='x' version='0'/>", "attribute version" },
    { "<instrument xmlns='" NS "' id='x' version='1'><scale min='1' max='2' max-missing='0'/>"
      "</instrument>", "has no <name>" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name></instrument>", "no <scale>" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='2' max-missing='0'/></instrument>", "no <factor>" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='2' max='2' max-missing='0'/></instrument>", "min must be below max" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='200' max-missing='0'/></instrument>", "attribute max" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='3' max-missing='0'/><factor key='a'><title>A</title>"
      "<level score='1' label='L'>one</level><level score='2' label='L'>two</level></factor>"
      "</instrument>", "exactly one <level> for each score from 1 to 3" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='2' max-missing='0'/><factor key='a'><title>A</title>"
      "<level score='1' label='L'>one</level><level score='1' label='L'>two</level></factor>"
      "</instrument>", "level 1 of factor “a” is given twice in the language “en”" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<name xml:lang='fr'>X</name><name xml:lang='fr'>Y</name></instrument>",
      "the name of the instrument is given twice in the language “fr”" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='2' max-missing='1'/>%s</instrument>", "max-missing must be below" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='2' max-missing='0'/>%s%s</instrument>", "factor “a” given twice" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name>"
      "<scale min='1' max='2' max-missing='0'/><factor key='a'>"
      "<level score='1' label='L'>one</level><level score='2' label='L'>two</level></factor>"
      "</instrument>", "has no <title>" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X</name><colour/></instrument>",
      "unknown element <colour>" },
    { "<instrument xmlns='" NS "' id='x' version='1'><name>X<b>bold</b></name></instrument>",
      "unexpected element <b>" },
    { "<instrument xmlns='" NS "' id='x' version='1'>stray text</instrument>",
      "unexpected text" },
    { "<instrument xmlns='" NS "' id='x' version='1'><reliability r='1' sd='2'/></instrument>",
      "attribute r" },
    { "<instrument xmlns='" NS "' id='x' version='1'><reliability r='0.8' sd='-1'/></instrument>",
      "attribute sd" },
    { "<instrument xmlns='" NS "' id='x' version='1'/><second/>", "bad.xml:1:" },
  };

  for (guint i = 0; i < 40; i++)
    g_string_append (nested, "<name>");
  deep = g_string_free (g_steal_pointer (&nested), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (cases[i].xml, "%s", -1);
      g_autofree char *xml = g_strjoinv (factor_template, parts);
      g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
      g_autoptr(GError) error = NULL;
      g_autoptr(RcInstrument) instrument = rc_instrument_new_from_bytes (bytes, "bad.xml", &error);

      g_test_message ("case %u: %s", i, xml);
      g_assert_null (instrument);
      g_assert_error (error, RC_INSTRUMENT_ERROR, error->code);
      g_assert_true (g_str_has_prefix (error->message, "bad.xml:"));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep, strlen (deep));
    g_autoptr(GError) error = NULL;
    g_autoptr(RcInstrument) instrument = rc_instrument_new_from_bytes (bytes, "deep.xml", &error);

    g_assert_null (instrument);
    g_assert_nonnull (error);
  }
}

/* One instrument in three languages, the description of one factor left
 * in the file's own language. */
#define TRILINGUAL \
  "<instrument xmlns='" NS "' id='x' version='1' xml:lang='en'>" \
  "<name>Resources</name><name xml:lang='fr'>Ressources</name>" \
  "<name xml:lang='es'>Recursos</name>" \
  "<scale min='1' max='2' max-missing='0'/>" \
  "<factor key='a'><title>Housing</title><title xml:lang='fr'>Logement</title>" \
  "<title xml:lang='es'>Vivienda</title><description>Where one lives</description>" \
  "<level score='1' label='Lacking'>none</level>" \
  "<level score='1' label='Manque' xml:lang='fr'>aucun</level>" \
  "<level score='1' label='Falta' xml:lang='es'>ninguno</level>" \
  "<level score='2' label='Secure'>settled</level>" \
  "<level score='2' label='Sûr' xml:lang='fr'>stable</level>" \
  "<level score='2' label='Seguro' xml:lang='es'>estable</level>" \
  "</factor></instrument>"

/* Loads @xml with the messages' locale @locale and $LANGUAGE @language. */
static RcInstrument *
load_in_locale (const char *locale,
                const char *language,
                const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (setlocale (LC_MESSAGES, NULL));
  RcInstrument *instrument;

  g_assert_nonnull (setlocale (LC_MESSAGES, locale));
  /* GLib reads the languages from the environment on each call. */
  g_setenv ("LANGUAGE", language, TRUE);
  instrument = rc_instrument_new_from_bytes (bytes, "languages.xml", &error);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, before);
  g_assert_no_error (error);
  return instrument;
}

/* C.UTF-8, the one locale besides C that a fresh Debian has, is one
 * where gettext follows $LANGUAGE. */
static RcInstrument *
load_in (const char *language,
         const char *xml)
{
  return load_in_locale ("C.UTF-8", language, xml);
}

/* Of each text, the one in the language the user prefers; else the
 * file's own; else any there is. */
static void
test_languages (void)
{
  struct {
    const char *wanted, *language, *name, *title, *label;
  } cases[] = {
    { "fr", "fr", "Ressources", "Logement", "Manque" },
    { "es_MX:es", "es", "Recursos", "Vivienda", "Falta" },
    { "de:es", "es", "Recursos", "Vivienda", "Falta" },
    { "de", "en", "Resources", "Housing", "Lacking" },
    { "fr:es", "fr", "Ressources", "Logement", "Manque" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RcInstrument) instrument = load_in (cases[i].wanted, TRILINGUAL);
      RcFactor *factor = rc_instrument_get_factor (instrument, 0);

      g_test_message ("LANGUAGE=%s", cases[i].wanted);
      g_assert_cmpstr (rc_instrument_get_language (instrument), ==, cases[i].language);
      g_assert_cmpstr (rc_instrument_get_name (instrument), ==, cases[i].name);
      g_assert_cmpstr (rc_factor_get_title (factor), ==, cases[i].title);
      g_assert_cmpstr (rc_score_level_label (factor, 1), ==, cases[i].label);
      /* Not translated: the file's own. */
      g_assert_cmpstr (rc_factor_get_description (factor), ==, "Where one lives");
    }

  /* A file only in French is read in French by anyone. */
  {
    g_autoptr(RcInstrument) instrument =
      load_in ("en", "<instrument xmlns='" NS "' id='x' version='1' xml:lang='fr'>"
                     "<name>Ressources</name><scale min='1' max='2' max-missing='0'/>"
                     "<factor key='a'><title>Logement</title>"
                     "<level score='1' label='Manque'>aucun</level>"
                     "<level score='2' label='Sûr'>stable</level></factor></instrument>");

    g_assert_cmpstr (rc_instrument_get_language (instrument), ==, "fr");
    g_assert_cmpstr (rc_instrument_get_name (instrument), ==, "Ressources");
  }
}

/* Under a "C" or "POSIX" locale gettext ignores $LANGUAGE and the messages
 * are English: the instrument's texts are then the file's own too, not
 * French texts among English words. */
static void
test_languages_c_locale (void)
{
  const char *locales[] = { "C", "POSIX" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autoptr(RcInstrument) instrument = load_in_locale (locales[i], "fr", TRILINGUAL);
      RcFactor *factor = rc_instrument_get_factor (instrument, 0);

      g_test_message ("LC_MESSAGES=%s LANGUAGE=fr", locales[i]);
      g_assert_cmpstr (rc_instrument_get_language (instrument), ==, "en");
      g_assert_cmpstr (rc_instrument_get_name (instrument), ==, "Resources");
      g_assert_cmpstr (rc_factor_get_title (factor), ==, "Housing");
      g_assert_cmpstr (rc_score_level_label (factor, 1), ==, "Lacking");
    }

  /* The same file and $LANGUAGE under C.UTF-8: French, as the messages. */
  {
    g_autoptr(RcInstrument) instrument = load_in_locale ("C.UTF-8", "fr", TRILINGUAL);

    g_assert_cmpstr (rc_instrument_get_language (instrument), ==, "fr");
    g_assert_cmpstr (rc_instrument_get_name (instrument), ==, "Ressources");
  }

  /* A file only in French is still read in French: there is nothing else. */
  {
    g_autoptr(RcInstrument) instrument =
      load_in_locale ("C", "en", "<instrument xmlns='" NS "' id='x' version='1' xml:lang='fr'>"
                                 "<name>Ressources</name><scale min='1' max='2' max-missing='0'/>"
                                 "<factor key='a'><title>Logement</title>"
                                 "<level score='1' label='Manque'>aucun</level>"
                                 "<level score='2' label='Sûr'>stable</level></factor>"
                                 "</instrument>");

    g_assert_cmpstr (rc_instrument_get_language (instrument), ==, "fr");
  }
}

/* Entities are never expanded and no external file is read: the content
 * of a file named by an entity must not reach the instrument. */
static void
test_external_entity_not_read (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *secret_path = g_build_filename (tmpdir, "secret.txt", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcInstrument) instrument = NULL;

  g_file_set_contents (secret_path, "TOPSECRET", -1, &error);
  g_assert_no_error (error);
  xml = g_strdup_printf ("<?xml version='1.0'?>\n"
                         "<!DOCTYPE instrument [<!ENTITY leak SYSTEM 'file://%s'>]>\n"
                         "<instrument xmlns='" NS "' id='x' version='1'><name>&leak;</name>"
                         "<scale min='1' max='2' max-missing='0'/>%s</instrument>",
                         secret_path, factor_template);
  bytes = g_bytes_new (xml, strlen (xml));
  instrument = rc_instrument_new_from_bytes (bytes, "xxe.xml", &error);

  if (instrument != NULL)
    g_assert_null (strstr (rc_instrument_get_name (instrument), "TOPSECRET"));
  else
    g_assert_null (strstr (error->message, "TOPSECRET"));
  rc_test_tmpdir_free (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/instrument/default", test_default_instrument);
  g_test_add_func ("/instrument/user-directory", test_user_directory);
  g_test_add_func ("/instrument/user-directory/missing", test_missing_user_directory);
  g_test_add_func ("/instrument/bad", test_bad_instruments);
  g_test_add_func ("/instrument/languages", test_languages);
  g_test_add_func ("/instrument/languages/c-locale", test_languages_c_locale);
  g_test_add_func ("/instrument/external-entity", test_external_entity_not_read);

  return g_test_run ();
}

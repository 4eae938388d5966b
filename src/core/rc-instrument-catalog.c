/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-instrument-catalog"

#include "config.h"

#include "rc-core-resources.h"
#include "rc-instrument-catalog.h"

/* Every instrument the program knows: those built in and those a clinic
 * put in its instruments folder. A file that does not load is reported
 * among the problems and skipped; the rest still load. */

#define BUILTIN_PATH RESOURCE_PREFIX "/instruments/"

struct _RcInstrumentCatalog
{
  GObject    parent_instance;

  GPtrArray *instruments;
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (RcInstrumentCatalog, rc_instrument_catalog, G_TYPE_OBJECT)

static void
rc_instrument_catalog_finalize (GObject *object)
{
  RcInstrumentCatalog *self = RC_INSTRUMENT_CATALOG (object);

  g_ptr_array_unref (self->instruments);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (rc_instrument_catalog_parent_class)->finalize (object);
}

static void
rc_instrument_catalog_class_init (RcInstrumentCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_instrument_catalog_finalize;
}

static void
rc_instrument_catalog_init (RcInstrumentCatalog *self)
{
  self->instruments = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

RcInstrumentCatalog *
rc_instrument_catalog_new (void)
{
  return g_object_new (RC_TYPE_INSTRUMENT_CATALOG, NULL);
}

/**
 * rc_instrument_catalog_new_default:
 *
 * Returns: (transfer full): a catalog of the built-in instruments and
 *   those in the user's instruments folder
 */
RcInstrumentCatalog *
rc_instrument_catalog_new_default (void)
{
  RcInstrumentCatalog *self = rc_instrument_catalog_new ();
  g_autoptr(GFile) directory = rc_instrument_catalog_get_user_directory ();

  rc_instrument_catalog_load_builtin (self);
  rc_instrument_catalog_load_directory (self, directory);
  return self;
}

/**
 * rc_instrument_catalog_get_user_directory:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/recovery-capital/instruments`
 */
GFile *
rc_instrument_catalog_get_user_directory (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "instruments", NULL);
}

static void
add_problem (RcInstrumentCatalog *self,
             const GError        *error)
{
  g_ptr_array_add (self->problems, g_strdup (error->message));
}

static void
add_instrument (RcInstrumentCatalog *self,
                RcInstrument        *instrument,
                const char          *origin)
{
  const char *id = rc_instrument_get_id (instrument);
  guint version = rc_instrument_get_version (instrument);

  if (rc_instrument_catalog_lookup (self, id, version) != NULL)
    {
      g_ptr_array_add (self->problems,
                       g_strdup_printf ("%s: instrument %s version %u is already loaded; skipped",
                                        origin, id, version));
      return;
    }
  g_ptr_array_add (self->instruments, g_object_ref (instrument));
}

static void
ensure_resources_registered (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      rc_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * rc_instrument_catalog_load_builtin:
 *
 * Adds the instruments compiled into the program.
 */
void
rc_instrument_catalog_load_builtin (RcInstrumentCatalog *self)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RC_IS_INSTRUMENT_CATALOG (self));

  ensure_resources_registered ();
  names = g_resources_enumerate_children (BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (BUILTIN_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(RcInstrument) instrument = rc_instrument_new_from_bytes (bytes, path, &error);

      /* The build checks these files; a broken one is a programming error. */
      g_assert_no_error (error);
      add_instrument (self, instrument, path);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rc_instrument_catalog_load_directory:
 * @directory: a folder of `*.xml` instrument files
 *
 * Adds every instrument in @directory, in file-name order. A missing
 * folder holds no instruments; a file that does not load is added to the
 * problems and skipped.
 */
void
rc_instrument_catalog_load_directory (RcInstrumentCatalog *self,
                                      GFile               *directory)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  g_return_if_fail (RC_IS_INSTRUMENT_CATALOG (self));
  g_return_if_fail (G_IS_FILE (directory));

  enumerator = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_problem (self, error);
      return;
    }

  while (g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &error) && info != NULL)
    if (g_str_has_suffix (g_file_info_get_name (info), ".xml"))
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
  if (error != NULL)
    add_problem (self, error);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (directory, g_ptr_array_index (names, i));
      g_autoptr(GError) load_error = NULL;
      g_autoptr(RcInstrument) instrument = rc_instrument_new_from_file (file, &load_error);
      g_autofree char *origin = g_file_get_parse_name (file);

      if (instrument == NULL)
        add_problem (self, load_error);
      else
        add_instrument (self, instrument, origin);
    }
}

/**
 * rc_instrument_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the instrument @id at @version
 */
RcInstrument *
rc_instrument_catalog_lookup (RcInstrumentCatalog *self,
                              const char          *id,
                              guint                version)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (self), NULL);

  for (guint i = 0; i < self->instruments->len; i++)
    {
      RcInstrument *instrument = g_ptr_array_index (self->instruments, i);

      if (g_strcmp0 (rc_instrument_get_id (instrument), id) == 0 &&
          rc_instrument_get_version (instrument) == version)
        return instrument;
    }
  return NULL;
}

/**
 * rc_instrument_catalog_lookup_for:
 *
 * Returns: (transfer none) (nullable): the instrument @assessment was
 *   taken with, if it is installed
 */
RcInstrument *
rc_instrument_catalog_lookup_for (RcInstrumentCatalog *self,
                                  RcAssessment        *assessment)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), NULL);

  return rc_instrument_catalog_lookup (self, rc_assessment_get_instrument_id (assessment),
                                       rc_assessment_get_instrument_version (assessment));
}

/**
 * rc_instrument_catalog_get_default:
 *
 * Returns: (transfer none) (nullable): the newest version of the default
 *   eight-factor instrument
 */
RcInstrument *
rc_instrument_catalog_get_default (RcInstrumentCatalog *self)
{
  RcInstrument *newest = NULL;

  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (self), NULL);

  for (guint i = 0; i < self->instruments->len; i++)
    {
      RcInstrument *instrument = g_ptr_array_index (self->instruments, i);

      if (g_str_equal (rc_instrument_get_id (instrument), RC_DEFAULT_INSTRUMENT_ID) &&
          (newest == NULL || rc_instrument_get_version (instrument) > rc_instrument_get_version (newest)))
        newest = instrument;
    }
  return newest;
}

guint
rc_instrument_catalog_get_n_instruments (RcInstrumentCatalog *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (self), 0);
  return self->instruments->len;
}

/**
 * rc_instrument_catalog_get_instrument:
 *
 * Returns: (transfer none): the instrument at @position, in load order
 */
RcInstrument *
rc_instrument_catalog_get_instrument (RcInstrumentCatalog *self,
                                      guint                position)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->instruments->len, NULL);
  return g_ptr_array_index (self->instruments, position);
}

/**
 * rc_instrument_catalog_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): one message for each file
 *   that was skipped, "FILE:LINE: what is wrong"
 */
const GPtrArray *
rc_instrument_catalog_get_problems (RcInstrumentCatalog *self)
{
  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (self), NULL);
  return self->problems;
}

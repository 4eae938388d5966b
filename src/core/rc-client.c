/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-client"

#include "config.h"

#include <string.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-text.h"
#include "rc-client.h"

/* A person the service works with. Names are the client's own; the
 * clinic code is the service's identifier and is what logs and error
 * messages name, never the person. */

struct _RcClient
{
  GObject  parent_instance;

  char    *uuid;
  char    *clinic_code;
  char    *given_name;
  char    *family_name;
  char    *birth_date;
  char    *created_at;
  char    *updated_at;
  guint    n_assessments;
};

G_DEFINE_FINAL_TYPE (RcClient, rc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_CLINIC_CODE,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_BIRTH_DATE,
  PROP_N_ASSESSMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rc_client_finalize (GObject *object)
{
  RcClient *self = RC_CLIENT (object);

  g_free (self->uuid);
  g_free (self->clinic_code);
  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->birth_date);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (rc_client_parent_class)->finalize (object);
}

static void
rc_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RcClient *self = RC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_CLINIC_CODE:
      g_value_set_string (value, self->clinic_code);
      break;
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;
    case PROP_N_ASSESSMENTS:
      g_value_set_uint (value, self->n_assessments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RcClient *self = RC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_UUID:
      rc_client_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_CLINIC_CODE:
      rc_client_set_clinic_code (self, g_value_get_string (value));
      break;
    case PROP_GIVEN_NAME:
      rc_client_set_given_name (self, g_value_get_string (value));
      break;
    case PROP_FAMILY_NAME:
      rc_client_set_family_name (self, g_value_get_string (value));
      break;
    case PROP_BIRTH_DATE:
      rc_client_set_birth_date (self, g_value_get_string (value));
      break;
    case PROP_N_ASSESSMENTS:
      rc_client_set_n_assessments (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
rc_client_class_init (RcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rc_client_finalize;
  object_class->get_property = rc_client_get_property;
  object_class->set_property = rc_client_set_property;

  properties[PROP_UUID] = string_property ("uuid");
  properties[PROP_CLINIC_CODE] = string_property ("clinic-code");
  properties[PROP_GIVEN_NAME] = string_property ("given-name");
  properties[PROP_FAMILY_NAME] = string_property ("family-name");
  properties[PROP_BIRTH_DATE] = string_property ("birth-date");
  properties[PROP_N_ASSESSMENTS] =
    g_param_spec_uint ("n-assessments", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rc_client_init (RcClient *self)
{
}

/**
 * rc_client_new:
 *
 * Returns: (transfer full): a new client with a fresh random UUID
 */
RcClient *
rc_client_new (void)
{
  RcClient *self = rc_client_new_empty ();

  self->uuid = g_uuid_string_random ();
  return self;
}

/**
 * rc_client_new_empty:
 *
 * Returns: (transfer full): a client with no UUID yet, for a loader to
 *   fill in (a random UUID costs a read of the system's random source)
 */
RcClient *
rc_client_new_empty (void)
{
  return g_object_new (RC_TYPE_CLIENT, NULL);
}

/* Replaces *@field by a copy of @value; returns whether it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* What a code or a name is stored as: composed (NFC), so that one
 * spelling is one string, without white space around it. Invalid UTF-8
 * is kept as given, for rc_client_validate() to refuse. */
static char *
tidy_text (const char *text)
{
  g_autofree char *composed = NULL;
  const char *start;
  const char *end;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  start = composed;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *last = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (last)))
        break;
      end = last;
    }
  return g_strndup (start, end - start);
}

const char *
rc_client_get_uuid (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->uuid;
}

void
rc_client_set_uuid (RcClient   *self,
                    const char *uuid)
{
  g_autofree char *lower = uuid != NULL ? g_ascii_strdown (uuid, -1) : NULL;

  g_return_if_fail (RC_IS_CLIENT (self));
  /* Kept in lower case, as in RcAssessment, so lookups match. */
  if (set_string (&self->uuid, lower))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
rc_client_get_clinic_code (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->clinic_code;
}

void
rc_client_set_clinic_code (RcClient   *self,
                           const char *clinic_code)
{
  g_autofree char *tidy = tidy_text (clinic_code);

  g_return_if_fail (RC_IS_CLIENT (self));
  if (set_string (&self->clinic_code, tidy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLINIC_CODE]);
}

const char *
rc_client_get_given_name (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->given_name;
}

void
rc_client_set_given_name (RcClient   *self,
                          const char *given_name)
{
  g_autofree char *tidy = tidy_text (given_name);

  g_return_if_fail (RC_IS_CLIENT (self));
  if (set_string (&self->given_name, tidy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GIVEN_NAME]);
}

const char *
rc_client_get_family_name (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->family_name;
}

void
rc_client_set_family_name (RcClient   *self,
                           const char *family_name)
{
  g_autofree char *tidy = tidy_text (family_name);

  g_return_if_fail (RC_IS_CLIENT (self));
  if (set_string (&self->family_name, tidy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_NAME]);
}

/**
 * rc_client_dup_full_name:
 *
 * Returns: (transfer full): "Given Family"
 */
char *
rc_client_dup_full_name (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return g_strjoin (" ", self->given_name ? self->given_name : "",
                    self->family_name ? self->family_name : "", NULL);
}

/**
 * rc_client_get_birth_date:
 *
 * Returns: (nullable): the birth date as YYYY-MM-DD, or %NULL when unknown
 */
const char *
rc_client_get_birth_date (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->birth_date;
}

void
rc_client_set_birth_date (RcClient   *self,
                          const char *birth_date)
{
  g_return_if_fail (RC_IS_CLIENT (self));
  if (set_string (&self->birth_date, birth_date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTH_DATE]);
}

/**
 * rc_client_get_created_at:
 *
 * Returns: (nullable): when the client was first stored, in ISO 8601 UTC
 */
const char *
rc_client_get_created_at (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->created_at;
}

void
rc_client_set_created_at (RcClient   *self,
                          const char *created_at)
{
  g_return_if_fail (RC_IS_CLIENT (self));
  set_string (&self->created_at, created_at);
}

const char *
rc_client_get_updated_at (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), NULL);
  return self->updated_at;
}

void
rc_client_set_updated_at (RcClient   *self,
                          const char *updated_at)
{
  g_return_if_fail (RC_IS_CLIENT (self));
  set_string (&self->updated_at, updated_at);
}

guint
rc_client_get_n_assessments (RcClient *self)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), 0);
  return self->n_assessments;
}

void
rc_client_set_n_assessments (RcClient *self,
                             guint     n_assessments)
{
  g_return_if_fail (RC_IS_CLIENT (self));
  if (self->n_assessments == n_assessments)
    return;
  self->n_assessments = n_assessments;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ASSESSMENTS]);
}

/**
 * rc_client_validate:
 *
 * Checks what a client must have before it is stored. Messages name the
 * field, never the person.
 *
 * Returns: %TRUE when valid, else %FALSE with an %RC_ERROR_INVALID error
 */
gboolean
rc_client_validate (RcClient  *self,
                    GError   **error)
{
  g_return_val_if_fail (RC_IS_CLIENT (self), FALSE);

  if (self->uuid == NULL || !g_uuid_string_is_valid (self->uuid))
    return rc_set_invalid (error, "client: the UUID is not valid");
  if (rc_text_is_blank (self->clinic_code))
    return rc_set_invalid (error, "client: the clinic code is required");
  if (!g_utf8_validate (self->clinic_code, -1, NULL) || g_utf8_strlen (self->clinic_code, -1) > 64)
    return rc_set_invalid (error, "client: the clinic code must be valid text of at most 64 characters");
  /* Not quoted: the message would carry the character refused into a
   * terminal or a log. */
  if (!rc_text_is_clean_code (self->clinic_code))
    return rc_set_invalid (error,
                           "client: the clinic code contains a control or invisible formatting "
                           "character");
  if (rc_text_is_blank (self->given_name) || rc_text_is_blank (self->family_name))
    return rc_set_invalid (error, "client %s: given and family names are required",
                           self->clinic_code);
  if (!g_utf8_validate (self->given_name, -1, NULL) ||
      !g_utf8_validate (self->family_name, -1, NULL))
    return rc_set_invalid (error, "client %s: names must be valid UTF-8 text", self->clinic_code);
  if (!rc_text_is_clean_name (self->given_name))
    return rc_set_invalid (error, "client %s: the given name contains a control or invisible "
                           "formatting character", self->clinic_code);
  if (!rc_text_is_clean_name (self->family_name))
    return rc_set_invalid (error, "client %s: the family name contains a control or invisible "
                           "formatting character", self->clinic_code);
  if (self->birth_date != NULL && !rc_date_is_valid (self->birth_date))
    return rc_set_invalid (error, "client %s: the birth date must be a date as YYYY-MM-DD",
                           self->clinic_code);
  if (self->birth_date != NULL && rc_date_is_future (self->birth_date))
    return rc_set_invalid (error, "client %s: the birth date is in the future", self->clinic_code);
  return TRUE;
}

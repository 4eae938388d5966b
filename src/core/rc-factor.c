/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-factor"

#include "config.h"

#include "rc-factor-private.h"

/* One factor of an instrument: what it covers and the anchor text of each
 * level of its scale. Immutable once the instrument is loaded. */

typedef struct
{
  int   score;
  char *label;
  char *anchor;
} Level;

struct _RcFactor
{
  GObject  parent_instance;

  char    *key;
  char    *title;
  char    *description;
  GArray  *levels;
  gboolean has_reliability;
  double   reliability_r;
  double   reliability_sd;
};

G_DEFINE_FINAL_TYPE (RcFactor, rc_factor, G_TYPE_OBJECT)

static void
clear_level (gpointer data)
{
  Level *level = data;

  g_free (level->label);
  g_free (level->anchor);
}

static void
rc_factor_finalize (GObject *object)
{
  RcFactor *self = RC_FACTOR (object);

  g_free (self->key);
  g_free (self->title);
  g_free (self->description);
  g_array_unref (self->levels);

  G_OBJECT_CLASS (rc_factor_parent_class)->finalize (object);
}

static void
rc_factor_class_init (RcFactorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_factor_finalize;
}

static void
rc_factor_init (RcFactor *self)
{
  self->levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (self->levels, clear_level);
}

RcFactor *
rc_factor_new (const char *key)
{
  RcFactor *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (RC_TYPE_FACTOR, NULL);
  self->key = g_strdup (key);
  return self;
}

void
rc_factor_set_title (RcFactor   *self,
                     const char *title)
{
  g_return_if_fail (RC_IS_FACTOR (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

void
rc_factor_set_description (RcFactor   *self,
                           const char *description)
{
  g_return_if_fail (RC_IS_FACTOR (self));

  g_free (self->description);
  self->description = g_strdup (description);
}

static Level *
find_level (RcFactor *self,
            int       score)
{
  for (guint i = 0; i < self->levels->len; i++)
    {
      Level *level = &g_array_index (self->levels, Level, i);

      if (level->score == score)
        return level;
    }
  return NULL;
}

/* Gives @score its label and anchor, in place of any it had: the
 * instrument's loader keeps the texts of the language the user prefers. */
void
rc_factor_set_level (RcFactor   *self,
                     int         score,
                     const char *label,
                     const char *anchor)
{
  Level level = { score, g_strdup (label), g_strdup (anchor) };
  Level *existing;

  g_return_if_fail (RC_IS_FACTOR (self));

  existing = find_level (self, score);
  if (existing == NULL)
    {
      g_array_append_val (self->levels, level);
      return;
    }
  clear_level (existing);
  *existing = level;
}

/* Whether every score from @min_score to @max_score, and no other, has a level. */
gboolean
rc_factor_has_levels (RcFactor *self,
                      int       min_score,
                      int       max_score)
{
  g_return_val_if_fail (RC_IS_FACTOR (self), FALSE);

  if (self->levels->len != (guint) (max_score - min_score + 1))
    return FALSE;
  for (int score = min_score; score <= max_score; score++)
    if (find_level (self, score) == NULL)
      return FALSE;
  return TRUE;
}

void
rc_factor_set_reliability (RcFactor *self,
                           double    r,
                           double    sd)
{
  g_return_if_fail (RC_IS_FACTOR (self));

  self->has_reliability = TRUE;
  self->reliability_r = r;
  self->reliability_sd = sd;
}

const char *
rc_factor_get_key (RcFactor *self)
{
  g_return_val_if_fail (RC_IS_FACTOR (self), NULL);
  return self->key;
}

const char *
rc_factor_get_title (RcFactor *self)
{
  g_return_val_if_fail (RC_IS_FACTOR (self), NULL);
  return self->title;
}

const char *
rc_factor_get_description (RcFactor *self)
{
  g_return_val_if_fail (RC_IS_FACTOR (self), NULL);
  return self->description;
}

/**
 * rc_factor_get_level_label:
 *
 * Returns: (nullable): the short name of the anchor for @score, or %NULL
 *   when @score is not on the scale
 */
const char *
rc_factor_get_level_label (RcFactor *self,
                           int       score)
{
  const Level *level;

  g_return_val_if_fail (RC_IS_FACTOR (self), NULL);

  level = find_level (self, score);
  return level != NULL ? level->label : NULL;
}

/**
 * rc_factor_get_level_anchor:
 *
 * Returns: (nullable): the description of the level @score, or %NULL
 */
const char *
rc_factor_get_level_anchor (RcFactor *self,
                            int       score)
{
  const Level *level;

  g_return_val_if_fail (RC_IS_FACTOR (self), NULL);

  level = find_level (self, score);
  return level != NULL ? level->anchor : NULL;
}

/**
 * rc_factor_get_reliability:
 * @r: (out) (optional): the reliability coefficient
 * @sd: (out) (optional): the reference standard deviation
 *
 * Returns: whether the instrument gives reliability figures for this factor
 */
gboolean
rc_factor_get_reliability (RcFactor *self,
                           double   *r,
                           double   *sd)
{
  g_return_val_if_fail (RC_IS_FACTOR (self), FALSE);

  if (r != NULL)
    *r = self->reliability_r;
  if (sd != NULL)
    *sd = self->reliability_sd;
  return self->has_reliability;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rc-factor.h"

G_BEGIN_DECLS

#define RC_INSTRUMENT_NAMESPACE "urn:recovery-capital:instrument:1"

/* Scores are small non-negative integers; -1 marks a factor deliberately
 * not assessed. -2 marks one not rated yet: that exists only in drafts (a
 * completed assessment, and so every export, says not assessed instead). */
#define RC_SCORE_NOT_ASSESSED (-1)
#define RC_SCORE_UNRATED (-2)
#define RC_SCORE_MAX 100

/* Whether @score gives no level: not assessed or not rated yet. Scoring,
 * comparison and charts count both alike as missing. */
static inline gboolean
rc_score_is_missing (int score)
{
  return score == RC_SCORE_NOT_ASSESSED || score == RC_SCORE_UNRATED;
}

#define RC_INSTRUMENT_ERROR (rc_instrument_error_quark ())

typedef enum
{
  RC_INSTRUMENT_ERROR_MALFORMED,
  RC_INSTRUMENT_ERROR_INVALID,
} RcInstrumentError;

#define RC_TYPE_INSTRUMENT (rc_instrument_get_type ())

G_DECLARE_FINAL_TYPE (RcInstrument, rc_instrument, RC, INSTRUMENT, GObject)

GQuark        rc_instrument_error_quark          (void);

RcInstrument *rc_instrument_new_from_bytes       (GBytes       *xml,
                                                  const char   *origin,
                                                  GError      **error);
RcInstrument *rc_instrument_new_from_file        (GFile        *file,
                                                  GError      **error);

const char   *rc_instrument_get_id               (RcInstrument *self);
guint         rc_instrument_get_version          (RcInstrument *self);
const char   *rc_instrument_get_name             (RcInstrument *self);
const char   *rc_instrument_get_language         (RcInstrument *self);
const char   *rc_instrument_get_description      (RcInstrument *self);
int           rc_instrument_get_min_score        (RcInstrument *self);
int           rc_instrument_get_max_score        (RcInstrument *self);
guint         rc_instrument_get_max_missing      (RcInstrument *self);
guint         rc_instrument_get_n_factors        (RcInstrument *self);
RcFactor     *rc_instrument_get_factor           (RcInstrument *self,
                                                  guint         position);
RcFactor     *rc_instrument_lookup_factor        (RcInstrument *self,
                                                  const char   *key);
gboolean      rc_instrument_get_total_reliability (RcInstrument *self,
                                                   double       *r,
                                                   double       *sd);

G_END_DECLS

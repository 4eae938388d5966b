/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rc-instrument.h"

G_BEGIN_DECLS

typedef enum
{
  RC_TIMEPOINT_INTAKE,
  RC_TIMEPOINT_REVIEW,
  RC_TIMEPOINT_DISCHARGE,
  RC_TIMEPOINT_FOLLOW_UP,
} RcTimepoint;

typedef enum
{
  RC_RATER_WORKER,
  RC_RATER_CLIENT,
} RcRater;

typedef enum
{
  RC_ASSESSMENT_DRAFT,
  RC_ASSESSMENT_COMPLETE,
} RcAssessmentStatus;

const char *rc_timepoint_to_string (RcTimepoint         timepoint);
gboolean    rc_timepoint_from_string (const char       *text,
                                      RcTimepoint      *timepoint);
const char *rc_rater_to_string     (RcRater             rater);
gboolean    rc_rater_from_string   (const char         *text,
                                    RcRater            *rater);
const char *rc_assessment_status_to_string   (RcAssessmentStatus  status);
gboolean    rc_assessment_status_from_string (const char         *text,
                                              RcAssessmentStatus *status);

#define RC_TYPE_ASSESSMENT (rc_assessment_get_type ())

G_DECLARE_FINAL_TYPE (RcAssessment, rc_assessment, RC, ASSESSMENT, GObject)

RcAssessment      *rc_assessment_new            (const char         *client_uuid,
                                                 RcInstrument       *instrument);
RcAssessment      *rc_assessment_new_empty      (void);
RcAssessment      *rc_assessment_new_amendment  (RcAssessment       *completed,
                                                 const char         *reason);
RcAssessment      *rc_assessment_new_copy       (RcAssessment       *draft);

const char        *rc_assessment_get_uuid       (RcAssessment       *self);
void               rc_assessment_set_uuid       (RcAssessment       *self,
                                                 const char         *uuid);
const char        *rc_assessment_get_client_uuid (RcAssessment      *self);
void               rc_assessment_set_client_uuid (RcAssessment      *self,
                                                  const char        *client_uuid);
const char        *rc_assessment_get_instrument_id (RcAssessment    *self);
guint              rc_assessment_get_instrument_version (RcAssessment *self);
void               rc_assessment_set_instrument (RcAssessment       *self,
                                                 const char         *id,
                                                 guint               version);
RcTimepoint        rc_assessment_get_timepoint  (RcAssessment       *self);
void               rc_assessment_set_timepoint  (RcAssessment       *self,
                                                 RcTimepoint         timepoint);
const char        *rc_assessment_get_date       (RcAssessment       *self);
void               rc_assessment_set_date       (RcAssessment       *self,
                                                 const char         *date);
const char        *rc_assessment_get_assessor   (RcAssessment       *self);
void               rc_assessment_set_assessor   (RcAssessment       *self,
                                                 const char         *assessor);
RcRater            rc_assessment_get_rater      (RcAssessment       *self);
void               rc_assessment_set_rater      (RcAssessment       *self,
                                                 RcRater             rater);
RcAssessmentStatus rc_assessment_get_status     (RcAssessment       *self);
void               rc_assessment_set_status     (RcAssessment       *self,
                                                 RcAssessmentStatus  status);
guint              rc_assessment_get_version    (RcAssessment       *self);
void               rc_assessment_set_version    (RcAssessment       *self,
                                                 guint               version);
const char        *rc_assessment_get_supersedes (RcAssessment       *self);
void               rc_assessment_set_supersedes (RcAssessment       *self,
                                                 const char         *uuid);
const char        *rc_assessment_get_amendment_reason (RcAssessment *self);
void               rc_assessment_set_amendment_reason (RcAssessment *self,
                                                       const char   *reason);
const char        *rc_assessment_get_text_language (RcAssessment    *self);
void               rc_assessment_set_text_language (RcAssessment    *self,
                                                    const char      *language);
const char        *rc_assessment_get_created_at (RcAssessment       *self);
void               rc_assessment_set_created_at (RcAssessment       *self,
                                                 const char         *created_at);
const char        *rc_assessment_get_updated_at (RcAssessment       *self);
void               rc_assessment_set_updated_at (RcAssessment       *self,
                                                 const char         *updated_at);

guint              rc_assessment_get_n_ratings  (RcAssessment       *self);
const char        *rc_assessment_get_rating_key (RcAssessment       *self,
                                                 guint               position);
const char        *rc_assessment_get_rating     (RcAssessment       *self,
                                                 guint               position,
                                                 int                *score,
                                                 const char        **note,
                                                 const char        **goal);
gboolean           rc_assessment_has_rating     (RcAssessment       *self,
                                                 const char         *factor_key);
int                rc_assessment_get_score      (RcAssessment       *self,
                                                 const char         *factor_key);
gboolean           rc_assessment_set_score      (RcAssessment       *self,
                                                 const char         *factor_key,
                                                 int                 score);
GPtrArray         *rc_assessment_dup_unrated_keys (RcAssessment     *self);
gboolean           rc_assessment_mark_unrated_not_assessed (RcAssessment *self);
const char        *rc_assessment_get_note       (RcAssessment       *self,
                                                 const char         *factor_key);
gboolean           rc_assessment_set_note       (RcAssessment       *self,
                                                 const char         *factor_key,
                                                 const char         *note);
const char        *rc_assessment_get_goal       (RcAssessment       *self,
                                                 const char         *factor_key);
gboolean           rc_assessment_set_goal       (RcAssessment       *self,
                                                 const char         *factor_key,
                                                 const char         *goal);
gboolean           rc_assessment_validate       (RcAssessment       *self,
                                                 RcInstrument       *instrument,
                                                 GError            **error);

G_END_DECLS

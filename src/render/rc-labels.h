/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rc-assessment.h"
#include "rc-comparison.h"
#include "rc-instrument.h"

G_BEGIN_DECLS

/* Words for people, shared by the app's views and the printed report so
 * that both say the same thing in the user's language. */
char       *rc_labels_format_date (const char  *iso_date);
char       *rc_labels_format_time (GDateTime   *time,
                                   const char  *format);
const char *rc_labels_timepoint   (RcTimepoint  timepoint);
char       *rc_labels_describe_text_languages (RcComparison *comparison);
char       *rc_labels_list_unshared_factors (RcComparison *comparison);

G_END_DECLS

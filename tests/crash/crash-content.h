/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-core.h"

G_BEGIN_DECLS

/* What crash-writer stores at each revision of a draft: a function of
 * the revision alone, so that the harness can check a save it was never
 * told about (the writer killed between the commit and its report) as
 * exactly as one it was. The save that makes revision
 * CRASH_CONTENT_COMPLETE_AT completes the assessment. */
#define CRASH_CONTENT_COMPLETE_AT 25

void  crash_content_apply       (RcAssessment *assessment,
                                 RcInstrument *instrument,
                                 gint64        revision);
char *crash_content_dup_problem (RcAssessment *assessment,
                                 RcInstrument *instrument,
                                 gint64        revision);

G_END_DECLS

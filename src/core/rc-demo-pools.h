/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char * const *items;
  gsize               n_items;
} RcDemoPool;

extern const RcDemoPool rc_demo_given_names;   /* client given names */
extern const RcDemoPool rc_demo_family_names;  /* client family names */
extern const RcDemoPool rc_demo_staff_names;   /* assessor full names, "Given Family" */
/* Indexed in the instrument's factor order (family, physical-health, coping, spirituality,
 * self-esteem, finances, support-groups, housing): short client goals and worker notes. */
extern const RcDemoPool rc_demo_goals[8];
extern const RcDemoPool rc_demo_notes[8];

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   bench_sort   (double *values,
                     guint   n_values);
double bench_median (double *values,
                     guint   n_values);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "bench-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  const double *x = a, *y = b;

  return (*x > *y) - (*x < *y);
}

void
bench_sort (double *values,
            guint   n_values)
{
  qsort (values, n_values, sizeof values[0], compare_doubles);
}

/* The median of @values, which it sorts: one run on a shared machine can
 * be off by half. */
double
bench_median (double *values,
              guint   n_values)
{
  bench_sort (values, n_values);
  return values[n_values / 2];
}

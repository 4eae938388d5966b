/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-assessment.h"
#include "rc-client.h"
#include "rc-comparison.h"
#include "rc-date.h"
#include "rc-demo.h"
#include "rc-error.h"
#include "rc-factor.h"
#include "rc-instrument.h"
#include "rc-instrument-catalog.h"
#include "rc-output-file.h"
#include "rc-scoring.h"
#include "rc-store.h"
#include "rc-text.h"
#include "rc-client-list.h"
#include "rc-exporter.h"
#include "rc-importer.h"

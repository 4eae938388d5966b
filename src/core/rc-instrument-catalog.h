/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rc-assessment.h"
#include "rc-instrument.h"

G_BEGIN_DECLS

#define RC_DEFAULT_INSTRUMENT_ID "rc-eight-factor"

#define RC_TYPE_INSTRUMENT_CATALOG (rc_instrument_catalog_get_type ())

G_DECLARE_FINAL_TYPE (RcInstrumentCatalog, rc_instrument_catalog, RC, INSTRUMENT_CATALOG, GObject)

RcInstrumentCatalog *rc_instrument_catalog_new            (void);
RcInstrumentCatalog *rc_instrument_catalog_new_default    (void);
void                 rc_instrument_catalog_load_builtin   (RcInstrumentCatalog *self);
void                 rc_instrument_catalog_load_directory (RcInstrumentCatalog *self,
                                                           GFile               *directory);
RcInstrument        *rc_instrument_catalog_lookup         (RcInstrumentCatalog *self,
                                                           const char          *id,
                                                           guint                version);
RcInstrument        *rc_instrument_catalog_lookup_for     (RcInstrumentCatalog *self,
                                                           RcAssessment        *assessment);
RcInstrument        *rc_instrument_catalog_get_default    (RcInstrumentCatalog *self);
guint                rc_instrument_catalog_get_n_instruments (RcInstrumentCatalog *self);
RcInstrument        *rc_instrument_catalog_get_instrument (RcInstrumentCatalog *self,
                                                           guint                position);
const GPtrArray     *rc_instrument_catalog_get_problems   (RcInstrumentCatalog *self);
GFile               *rc_instrument_catalog_get_user_directory (void);

G_END_DECLS

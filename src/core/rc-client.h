/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RC_TYPE_CLIENT (rc_client_get_type ())

G_DECLARE_FINAL_TYPE (RcClient, rc_client, RC, CLIENT, GObject)

RcClient   *rc_client_new             (void);
RcClient   *rc_client_new_empty       (void);

const char *rc_client_get_uuid        (RcClient   *self);
void        rc_client_set_uuid        (RcClient   *self,
                                       const char *uuid);
const char *rc_client_get_clinic_code (RcClient   *self);
void        rc_client_set_clinic_code (RcClient   *self,
                                       const char *clinic_code);
const char *rc_client_get_given_name  (RcClient   *self);
void        rc_client_set_given_name  (RcClient   *self,
                                       const char *given_name);
const char *rc_client_get_family_name (RcClient   *self);
void        rc_client_set_family_name (RcClient   *self,
                                       const char *family_name);
char       *rc_client_dup_full_name   (RcClient   *self);
const char *rc_client_get_birth_date  (RcClient   *self);
void        rc_client_set_birth_date  (RcClient   *self,
                                       const char *birth_date);
const char *rc_client_get_created_at  (RcClient   *self);
void        rc_client_set_created_at  (RcClient   *self,
                                       const char *created_at);
const char *rc_client_get_updated_at  (RcClient   *self);
void        rc_client_set_updated_at  (RcClient   *self,
                                       const char *updated_at);
guint       rc_client_get_n_assessments (RcClient *self);
void        rc_client_set_n_assessments (RcClient *self,
                                         guint     n_assessments);
gboolean    rc_client_validate        (RcClient   *self,
                                       GError    **error);

G_END_DECLS

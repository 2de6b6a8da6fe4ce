/* drso-account.c
 *
 * Copyright 2026 The DRS Orchestrator authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "drso-account.h"
#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-validation.h"

/**
 * DrsoAccount:
 *
 * An AWS account the orchestrator works in: the seed's target-account
 * document (accountId, accountName, roleArn, externalId, regions, validated,
 * lastValidated), plus how it is reached: a shared-config profile, an
 * endpoint (the Sandbox's), and whether it is simulated. Secrets are never
 * part of it.
 */
struct _DrsoAccount
{
  DrsoDocument parent_instance;

  char     *role_arn;
  char     *external_id;
  char    **regions;
  char     *profile;
  char     *endpoint_url;
  gint64    last_validated;
  guint     simulated : 1;
  guint     validated : 1;
};

G_DEFINE_FINAL_TYPE (DrsoAccount, drso_account, DRSO_TYPE_DOCUMENT)

enum {
  PROP_0,
  PROP_ROLE_ARN,
  PROP_EXTERNAL_ID,
  PROP_REGIONS,
  PROP_PROFILE,
  PROP_ENDPOINT_URL,
  PROP_SIMULATED,
  PROP_VALIDATED,
  PROP_LAST_VALIDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An empty string means none. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
drso_account_serialize (DrsoDocument *document,
                        JsonObject   *object)
{
  DrsoAccount *self = DRSO_ACCOUNT (document);

  _drso_json_set_string (object, "roleArn", self->role_arn);
  _drso_json_set_string (object, "externalId", self->external_id);
  _drso_json_set_strv (object, "regions", (const char * const *) self->regions);
  _drso_json_set_string (object, "profile", self->profile);
  _drso_json_set_string (object, "endpointUrl", self->endpoint_url);
  json_object_set_boolean_member (object, "simulated", self->simulated);
  json_object_set_boolean_member (object, "validated", self->validated);
  _drso_json_set_time (object, "lastValidated", self->last_validated);
}

static gboolean
drso_account_deserialize (DrsoDocument  *document,
                          JsonObject    *object,
                          const char    *path,
                          GError       **error)
{
  DrsoAccount *self = DRSO_ACCOUNT (document);
  gboolean simulated = FALSE, validated = FALSE;

  g_autofree char *role_arn = NULL, *external_id = NULL, *profile = NULL, *endpoint_url = NULL;

  if (!_drso_json_get_string (object, path, "roleArn", FALSE, &role_arn, error) ||
      !_drso_json_get_string (object, path, "externalId", FALSE, &external_id, error) ||
      !_drso_json_get_strv (object, path, "regions", FALSE, &self->regions, error) ||
      !_drso_json_get_string (object, path, "profile", FALSE, &profile, error) ||
      !_drso_json_get_string (object, path, "endpointUrl", FALSE, &endpoint_url, error) ||
      !_drso_json_get_bool (object, path, "simulated", FALSE, &simulated, error) ||
      !_drso_json_get_bool (object, path, "validated", FALSE, &validated, error) ||
      !_drso_json_get_int (object, path, "lastValidated", FALSE, 0, G_MAXINT64,
                           &self->last_validated, error))
    return FALSE;

  replace_string (&self->role_arn, role_arn);
  replace_string (&self->external_id, external_id);
  replace_string (&self->profile, profile);
  replace_string (&self->endpoint_url, endpoint_url);
  self->simulated = simulated;
  self->validated = validated;
  return TRUE;
}

/* Whether @host (as GUri gives it: no brackets around an IPv6 address) is
 * this computer: localhost, 127.0.0.0/8 or ::1. */
static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* An endpoint is https://, where TLS checks the server's certificate; plain
 * http:// only reaches this computer (the Sandbox, a test server), never a
 * host on the network, where anyone on the way could read or change the
 * calls. */
static gboolean
validate_endpoint_url (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("“%s” is not an endpoint URL: it should start with https://"), url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: %s is a URL such as http://drs.example.com */
                   _("The endpoint %s is refused: plain http:// is allowed only for this "
                     "computer (localhost, 127.0.0.1, ::1), since anyone on the network could "
                     "read and change its calls; use https://"),
                   url);
      return FALSE;
    }

  return TRUE;
}

static gboolean
drso_account_validate (DrsoDocument  *document,
                       GError       **error)
{
  DrsoAccount *self = DRSO_ACCOUNT (document);
  const char *account_id = drso_document_get_id (document);

  if (!drso_validate_account_id (account_id, error) ||
      !drso_validate_name (_("account"), drso_document_get_name (document), error))
    return FALSE;

  if (self->role_arn != NULL)
    {
      g_autofree char *arn_account = NULL;

      if (!drso_validate_role_arn (self->role_arn, error))
        return FALSE;

      arn_account = drso_role_arn_dup_account_id (self->role_arn);
      if (g_strcmp0 (arn_account, account_id) != 0)
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
                       _("The role %s belongs to account %s, not to account %s"),
                       self->role_arn, arn_account, account_id);
          return FALSE;
        }
    }

  if (self->external_id != NULL && !drso_validate_external_id (self->external_id, error))
    return FALSE;

  for (guint i = 0; self->regions != NULL && self->regions[i] != NULL; i++)
    {
      if (!drso_validate_region (self->regions[i], error))
        return FALSE;
    }

  if (self->endpoint_url != NULL && !validate_endpoint_url (self->endpoint_url, error))
    return FALSE;

  return TRUE;
}

static void
drso_account_finalize (GObject *object)
{
  DrsoAccount *self = (DrsoAccount *) object;

  g_clear_pointer (&self->role_arn, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->regions, g_strfreev);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->endpoint_url, g_free);

  G_OBJECT_CLASS (drso_account_parent_class)->finalize (object);
}

static void
drso_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DrsoAccount *self = DRSO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ROLE_ARN:
      g_value_set_string (value, self->role_arn);
      break;
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_REGIONS:
      g_value_set_boxed (value, self->regions);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_ENDPOINT_URL:
      g_value_set_string (value, self->endpoint_url);
      break;
    case PROP_SIMULATED:
      g_value_set_boolean (value, self->simulated);
      break;
    case PROP_VALIDATED:
      g_value_set_boolean (value, self->validated);
      break;
    case PROP_LAST_VALIDATED:
      g_value_set_int64 (value, self->last_validated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DrsoAccount *self = DRSO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ROLE_ARN:
      drso_account_set_role_arn (self, g_value_get_string (value));
      break;
    case PROP_EXTERNAL_ID:
      drso_account_set_external_id (self, g_value_get_string (value));
      break;
    case PROP_REGIONS:
      drso_account_set_regions (self, g_value_get_boxed (value));
      break;
    case PROP_PROFILE:
      drso_account_set_profile (self, g_value_get_string (value));
      break;
    case PROP_ENDPOINT_URL:
      drso_account_set_endpoint_url (self, g_value_get_string (value));
      break;
    case PROP_SIMULATED:
      drso_account_set_simulated (self, g_value_get_boolean (value));
      break;
    case PROP_VALIDATED:
      drso_account_set_validated (self, g_value_get_boolean (value));
      break;
    case PROP_LAST_VALIDATED:
      drso_account_set_last_validated (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_class_init (DrsoAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DrsoDocumentClass *document_class = DRSO_DOCUMENT_CLASS (klass);

  object_class->finalize = drso_account_finalize;
  object_class->get_property = drso_account_get_property;
  object_class->set_property = drso_account_set_property;

  document_class->id_key = "accountId";
  document_class->name_key = "accountName";
  document_class->id_prefix = NULL;
  document_class->serialize = drso_account_serialize;
  document_class->deserialize = drso_account_deserialize;
  document_class->validate = drso_account_validate;

#define STR_PROP(id, name)                                                                   \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL,                              \
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |        \
                                        G_PARAM_STATIC_STRINGS)
  STR_PROP (PROP_ROLE_ARN, "role-arn");
  STR_PROP (PROP_EXTERNAL_ID, "external-id");
  STR_PROP (PROP_PROFILE, "profile");
  STR_PROP (PROP_ENDPOINT_URL, "endpoint-url");
#undef STR_PROP

  properties[PROP_REGIONS] =
    g_param_spec_boxed ("regions", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIMULATED] =
    g_param_spec_boolean ("simulated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALIDATED] =
    g_param_spec_boolean ("validated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_VALIDATED] =
    g_param_spec_int64 ("last-validated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_account_init (DrsoAccount *self)
{
  self->regions = g_new0 (char *, 1);
}

/**
 * drso_account_new:
 * @account_id: the 12-digit AWS account id
 * @account_name: a name to show
 *
 * Returns: (transfer full): a new #DrsoAccount
 */
DrsoAccount *
drso_account_new (const char *account_id,
                  const char *account_name)
{
  return g_object_new (DRSO_TYPE_ACCOUNT, "id", account_id, "name", account_name, NULL);
}

/**
 * drso_account_new_from_json:
 * @node: a JSON object in the seed's target-account shape
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL on error
 */
DrsoAccount *
drso_account_new_from_json (JsonNode  *node,
                            GError   **error)
{
  return DRSO_ACCOUNT (drso_document_new_from_json (DRSO_TYPE_ACCOUNT, node, error));
}

/**
 * drso_account_get_account_id:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the 12-digit account id
 */
const char *
drso_account_get_account_id (DrsoAccount *self)
{
  return drso_document_get_id (DRSO_DOCUMENT (self));
}

/**
 * drso_account_get_account_name:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the account's name
 */
const char *
drso_account_get_account_name (DrsoAccount *self)
{
  return drso_document_get_name (DRSO_DOCUMENT (self));
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                    \
  const char *                                                                 \
  drso_account_get_##field (DrsoAccount *self)                                 \
  {                                                                            \
    g_return_val_if_fail (DRSO_IS_ACCOUNT (self), NULL);                       \
    return self->field;                                                        \
  }                                                                            \
                                                                               \
  void                                                                         \
  drso_account_set_##field (DrsoAccount *self,                                 \
                            const char  *value)                                \
  {                                                                            \
    g_return_if_fail (DRSO_IS_ACCOUNT (self));                                 \
    if (replace_string (&self->field, value))                                  \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }

/**
 * drso_account_get_role_arn:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the IAM role assumed to reach this account
 */
/**
 * drso_account_set_role_arn:
 * @self: a #DrsoAccount
 * @value: (nullable): an IAM role ARN in this account, or %NULL
 */
DEFINE_STRING_ACCESSORS (role_arn, PROP_ROLE_ARN)

/**
 * drso_account_get_external_id:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the external id passed to STS AssumeRole
 */
/**
 * drso_account_set_external_id:
 * @self: a #DrsoAccount
 * @value: (nullable): the external id, or %NULL
 */
DEFINE_STRING_ACCESSORS (external_id, PROP_EXTERNAL_ID)

/**
 * drso_account_get_profile:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the profile of the shared AWS config files to use
 */
/**
 * drso_account_set_profile:
 * @self: a #DrsoAccount
 * @value: (nullable): a profile name, or %NULL
 */
DEFINE_STRING_ACCESSORS (profile, PROP_PROFILE)

/**
 * drso_account_get_endpoint_url:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the endpoint that replaces AWS's for this account
 */
/**
 * drso_account_set_endpoint_url:
 * @self: a #DrsoAccount
 * @value: (nullable): an https URL (or an http one of this computer, such
 *   as the Sandbox's), or %NULL
 */
DEFINE_STRING_ACCESSORS (endpoint_url, PROP_ENDPOINT_URL)

#undef DEFINE_STRING_ACCESSORS

/**
 * drso_account_get_regions:
 * @self: a #DrsoAccount
 *
 * Returns: (transfer none) (array zero-terminated=1): the regions used in this account
 */
const char * const *
drso_account_get_regions (DrsoAccount *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT (self), NULL);
  return (const char * const *) self->regions;
}

/**
 * drso_account_set_regions:
 * @self: a #DrsoAccount
 * @regions: (nullable) (array zero-terminated=1): region names
 */
void
drso_account_set_regions (DrsoAccount        *self,
                          const char * const *regions)
{
  g_return_if_fail (DRSO_IS_ACCOUNT (self));

  static const char * const empty[] = { NULL };

  if (regions == NULL)
    regions = empty;
  if (g_strv_equal ((const char * const *) self->regions, regions))
    return;

  g_strfreev (self->regions);
  self->regions = g_strdupv ((char **) regions);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGIONS]);
}

/**
 * drso_account_get_default_region:
 * @self: a #DrsoAccount
 *
 * Returns: (nullable): the first of the account's regions
 */
const char *
drso_account_get_default_region (DrsoAccount *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT (self), NULL);
  return self->regions[0];
}

/**
 * drso_account_get_simulated:
 * @self: a #DrsoAccount
 *
 * Returns: %TRUE if the account lives in the built-in Sandbox
 */
gboolean
drso_account_get_simulated (DrsoAccount *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT (self), FALSE);
  return self->simulated;
}

/**
 * drso_account_set_simulated:
 * @self: a #DrsoAccount
 * @simulated: whether the account lives in the built-in Sandbox
 */
void
drso_account_set_simulated (DrsoAccount *self,
                            gboolean     simulated)
{
  g_return_if_fail (DRSO_IS_ACCOUNT (self));
  if (self->simulated == !!simulated)
    return;
  self->simulated = !!simulated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMULATED]);
}

/**
 * drso_account_get_validated:
 * @self: a #DrsoAccount
 *
 * Returns: %TRUE if the last validation of the account's access passed
 */
gboolean
drso_account_get_validated (DrsoAccount *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT (self), FALSE);
  return self->validated;
}

/**
 * drso_account_set_validated:
 * @self: a #DrsoAccount
 * @validated: whether the last validation passed
 */
void
drso_account_set_validated (DrsoAccount *self,
                            gboolean     validated)
{
  g_return_if_fail (DRSO_IS_ACCOUNT (self));
  if (self->validated == !!validated)
    return;
  self->validated = !!validated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATED]);
}

/**
 * drso_account_get_last_validated:
 * @self: a #DrsoAccount
 *
 * Returns: when the account was last validated, in seconds since 1970, or 0
 */
gint64
drso_account_get_last_validated (DrsoAccount *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT (self), 0);
  return self->last_validated;
}

/**
 * drso_account_set_last_validated:
 * @self: a #DrsoAccount
 * @last_validated: seconds since 1970, or 0
 */
void
drso_account_set_last_validated (DrsoAccount *self,
                                 gint64       last_validated)
{
  g_return_if_fail (DRSO_IS_ACCOUNT (self));
  if (self->last_validated == last_validated)
    return;
  self->last_validated = last_validated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_VALIDATED]);
}

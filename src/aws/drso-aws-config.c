/* drso-aws-config.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-aws-config-private.h"

/* The shared configuration follows the rules of the AWS SDKs' shared profile
 * parser tests: sections are [profile NAME], [default], [sso-session NAME] and
 * [services NAME] in the config file and plain [NAME] in the credentials file;
 * property keys are lower-cased; a value that starts empty and goes on in
 * indented lines holds sub-properties, and is kept as its raw text (for
 * instance "\nmax_concurrent_requests = 10"). */

G_DEFINE_QUARK (drso-aws-config-error-quark, drso_aws_config_error)

struct _DrsoAwsConfig
{
  /* Name → (key → value) tables. */
  GHashTable *profiles;
  GHashTable *sso_sessions;
  GHashTable *services;
};

struct _DrsoAwsCredentialPlan
{
  char                    *profile;
  DrsoAwsCredentialSource  source;
  char                    *source_profile;
  DrsoAwsCredentials      *static_credentials;
  char                    *process_command;
  GPtrArray               *role_steps;
  char                    *region;
  char                    *endpoint_url;
};

typedef enum
{
  FILE_KIND_CONFIG,
  FILE_KIND_CREDENTIALS,
} FileKind;

typedef struct
{
  const char *label;
  FileKind    kind;
  guint       line_no;

  /* Owned references */
  GHashTable *bare_default;   /* [default] sections of the config file */
  char       *key;            /* the last property, for continuations */

  /* Borrowed references */
  GHashTable *profiles;       /* this file's profiles */
  GHashTable *scratch;        /* where ignored sections' properties go */
  GHashTable *sso_sessions;
  GHashTable *services;
  GHashTable *section;        /* the current section; NULL before the first */

  gboolean    prefixed_default;
  gboolean    sub_properties;
} Parser;

static void
wipe_free (gpointer text)
{
  if (text != NULL)
    {
      volatile char *p = text;

      while (*p)
        *p++ = 0;
      g_free (text);
    }
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Profile, sso-session and property names: letters, digits and - / . % @ _ : + */
static gboolean
is_identifier (const char *name)
{
  if (name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-/.%@_:+", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Values may be secrets: they are wiped when freed. */
static GHashTable *
properties_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
}

static GHashTable *
sections_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
ensure_section (GHashTable *sections,
                const char *name)
{
  GHashTable *properties = g_hash_table_lookup (sections, name);

  if (properties == NULL)
    {
      properties = properties_new ();
      g_hash_table_insert (sections, g_strdup (name), properties);
    }

  return properties;
}

static void
drop_invalid_keys (GHashTable *sections)
{
  GHashTableIter iter;
  GHashTable *properties;

  g_hash_table_iter_init (&iter, sections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &properties))
    {
      GHashTableIter piter;
      const char *key;

      g_hash_table_iter_init (&piter, properties);
      while (g_hash_table_iter_next (&piter, (gpointer *) &key, NULL))
        {
          if (!is_identifier (key))
            g_hash_table_iter_remove (&piter);
        }
    }
}

/* If @text starts with @word followed by whitespace, returns the rest,
 * trimmed; NULL otherwise. */
static char *
strip_prefix_word (char       *text,
                   const char *word)
{
  gsize len = strlen (word);

  if (strncmp (text, word, len) != 0 || !is_blank (text[len]))
    return NULL;

  return g_strstrip (text + len);
}

static gboolean
parser_error (Parser      *parser,
              GError     **error,
              const char  *message)
{
  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE,
               /* TRANSLATORS: a file, a line number and what is wrong there */
               _("%s, line %u: %s"), parser->label, parser->line_no, message);
  return FALSE;
}

static void
parser_begin_section (Parser     *parser,
                      GHashTable *section)
{
  parser->section = section;
  g_clear_pointer (&parser->key, g_free);
  parser->sub_properties = FALSE;
}

static gboolean
parse_section_line (Parser  *parser,
                    char    *line,
                    GError **error)
{
  char *inner;
  char *name;
  gsize len;

  /* In a section line a comment may start anywhere, even right after ']'. */
  line[strcspn (line, "#;")] = '\0';
  g_strchomp (line);
  len = strlen (line);
  if (len < 2 || line[len - 1] != ']')
    return parser_error (parser, error, _("Profile definition must end with ']'"));

  line[len - 1] = '\0';
  inner = g_strstrip (line + 1);

  if (parser->kind == FILE_KIND_CREDENTIALS)
    {
      /* Plain names only; a "profile" prefix is not allowed here. */
      if (strip_prefix_word (inner, "profile") != NULL || !is_identifier (inner))
        parser_begin_section (parser, parser->scratch);
      else
        parser_begin_section (parser, ensure_section (parser->profiles, inner));
    }
  else if ((name = strip_prefix_word (inner, "profile")) != NULL)
    {
      if (!is_identifier (name))
        parser_begin_section (parser, parser->scratch);
      else
        {
          if (strcmp (name, "default") == 0)
            parser->prefixed_default = TRUE;
          parser_begin_section (parser, ensure_section (parser->profiles, name));
        }
    }
  else if ((name = strip_prefix_word (inner, "sso-session")) != NULL)
    {
      parser_begin_section (parser, is_identifier (name)
                                      ? ensure_section (parser->sso_sessions, name)
                                      : parser->scratch);
    }
  else if ((name = strip_prefix_word (inner, "services")) != NULL)
    {
      parser_begin_section (parser, is_identifier (name)
                                      ? ensure_section (parser->services, name)
                                      : parser->scratch);
    }
  else if (strcmp (inner, "default") == 0)
    {
      /* [default] counts only when no [profile default] exists: see parse_file (). */
      if (parser->bare_default == NULL)
        parser->bare_default = properties_new ();
      parser_begin_section (parser, parser->bare_default);
    }
  else
    {
      /* Config sections without a known prefix are ignored. */
      parser_begin_section (parser, parser->scratch);
    }

  return TRUE;
}

static gboolean
parse_continuation_line (Parser  *parser,
                         char    *line,
                         GError **error)
{
  const char *value;
  char *text;

  if (parser->section == NULL)
    return parser_error (parser, error, _("Expected a profile definition, found continuation"));
  if (parser->key == NULL)
    return parser_error (parser, error, _("Expected a property definition, found continuation"));

  text = g_strstrip (line);

  if (parser->sub_properties)
    {
      char *equals = strchr (text, '=');
      g_autofree char *name = NULL;

      if (equals == NULL)
        return parser_error (parser, error, _("Expected an '=' sign defining a sub-property"));
      name = g_strndup (text, equals - text);
      if (g_strstrip (name)[0] == '\0')
        return parser_error (parser, error, _("Sub-property did not have a name"));
    }

  value = g_hash_table_lookup (parser->section, parser->key);
  g_hash_table_insert (parser->section, g_strdup (parser->key),
                       g_strconcat (value != NULL ? value : "", "\n", text, NULL));
  return TRUE;
}

static gboolean
parse_property_line (Parser  *parser,
                     char    *line,
                     GError **error)
{
  char *equals;
  char *key;
  char *value;

  if (parser->section == NULL)
    return parser_error (parser, error, _("Expected a profile definition"));

  /* A comment starts at # or ; that follows whitespace; glued to a value,
   * they are part of it. */
  for (char *p = line + 1; *p != '\0'; p++)
    {
      if ((*p == '#' || *p == ';') && is_blank (p[-1]))
        {
          *p = '\0';
          break;
        }
    }

  equals = strchr (line, '=');
  if (equals == NULL)
    return parser_error (parser, error, _("Expected an '=' sign defining a property"));

  *equals = '\0';
  key = g_strstrip (line);
  value = g_strstrip (equals + 1);
  if (key[0] == '\0')
    return parser_error (parser, error, _("Property did not have a name"));

  g_free (parser->key);
  parser->key = g_ascii_strdown (key, -1);
  parser->sub_properties = value[0] == '\0';
  g_hash_table_insert (parser->section, g_strdup (parser->key), g_strdup (value));
  return TRUE;
}

static gboolean
parse_line (Parser  *parser,
            char    *line,
            GError **error)
{
  gsize len = strlen (line);
  const char *p;

  if (len > 0 && line[len - 1] == '\r')
    line[len - 1] = '\0';

  for (p = line; is_blank (*p); p++)
    ;
  if (*p == '\0')
    return TRUE;

  if (line[0] == '#' || line[0] == ';')
    return TRUE;
  if (line[0] == '[')
    return parse_section_line (parser, line, error);
  if (is_blank (line[0]))
    return parse_continuation_line (parser, line, error);
  return parse_property_line (parser, line, error);
}

/* Parses @text into a table of profiles, adding sso-sessions and services
 * to those of @self. */
static GHashTable *
parse_file (DrsoAwsConfig  *self,
            const char     *text,
            FileKind        kind,
            const char     *label,
            GError        **error)
{
  Parser parser = { 0 };
  g_autoptr(GHashTable) profiles = sections_new ();
  g_autoptr(GHashTable) scratch = properties_new ();
  g_autoptr(GHashTable) bare_default = NULL;
  const char *end = NULL;
  const char *line = text;
  gboolean ok = TRUE;

  if (!g_utf8_validate (text, -1, &end))
    {
      guint line_no = 1;

      for (const char *p = text; p < end; p++)
        line_no += *p == '\n';
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE,
                   _("%s, line %u: the text is not UTF-8"), label, line_no);
      return NULL;
    }

  parser.label = label;
  parser.kind = kind;
  parser.profiles = profiles;
  parser.scratch = scratch;
  parser.sso_sessions = self->sso_sessions;
  parser.services = self->services;

  while (ok && line != NULL && *line != '\0')
    {
      const char *newline = strchr (line, '\n');
      gsize len = newline != NULL ? (gsize) (newline - line) : strlen (line);
      char *copy = g_strndup (line, len);

      parser.line_no++;
      ok = parse_line (&parser, copy, error);
      memset (copy, 0, len);
      g_free (copy);
      line = newline != NULL ? newline + 1 : NULL;
    }

  bare_default = parser.bare_default;
  g_free (parser.key);
  if (!ok)
    return NULL;

  /* [profile default] wins over [default] in the config file. */
  if (bare_default != NULL && !parser.prefixed_default)
    g_hash_table_insert (profiles, g_strdup ("default"), g_steal_pointer (&bare_default));

  drop_invalid_keys (profiles);
  return g_steal_pointer (&profiles);
}

static void
merge_profiles (GHashTable *into,
                GHashTable *from)
{
  GHashTableIter iter;
  const char *name;
  GHashTable *properties;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &properties))
    {
      GHashTable *target = ensure_section (into, name);
      GHashTableIter piter;
      const char *key;
      const char *value;

      g_hash_table_iter_init (&piter, properties);
      while (g_hash_table_iter_next (&piter, (gpointer *) &key, (gpointer *) &value))
        g_hash_table_insert (target, g_strdup (key), g_strdup (value));
    }
}

static void
drso_aws_config_clear (gpointer data)
{
  DrsoAwsConfig *self = data;

  g_clear_pointer (&self->profiles, g_hash_table_unref);
  g_clear_pointer (&self->sso_sessions, g_hash_table_unref);
  g_clear_pointer (&self->services, g_hash_table_unref);
}

static DrsoAwsConfig *
parse_texts (const char  *config_text,
             const char  *config_label,
             const char  *credentials_text,
             const char  *credentials_label,
             GError     **error)
{
  g_autoptr(DrsoAwsConfig) self = g_atomic_rc_box_new0 (DrsoAwsConfig);
  g_autoptr(GHashTable) credentials = NULL;

  self->sso_sessions = sections_new ();
  self->services = sections_new ();

  self->profiles = parse_file (self, config_text != NULL ? config_text : "",
                               FILE_KIND_CONFIG, config_label, error);
  if (self->profiles == NULL)
    return NULL;

  credentials = parse_file (self, credentials_text != NULL ? credentials_text : "",
                            FILE_KIND_CREDENTIALS, credentials_label, error);
  if (credentials == NULL)
    return NULL;

  /* For a key set in both files, the credentials file wins. */
  merge_profiles (self->profiles, credentials);
  drop_invalid_keys (self->sso_sessions);
  drop_invalid_keys (self->services);

  return g_steal_pointer (&self);
}

/**
 * drso_aws_config_new_from_data:
 * @config_text: (nullable): the text of a config file
 * @credentials_text: (nullable): the text of a credentials file
 * @error: return location for a #GError
 *
 * Parses the two shared files. A parse error is %DRSO_AWS_CONFIG_ERROR_PARSE
 * and names the file and the line.
 *
 * Returns: (transfer full): the configuration, or %NULL on error
 */
DrsoAwsConfig *
drso_aws_config_new_from_data (const char  *config_text,
                               const char  *credentials_text,
                               GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_texts (config_text, _("config file"),
                      credentials_text, _("credentials file"), error);
}

static gboolean
read_optional_file (const char  *path,
                    char       **contents,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *contents = NULL;

  /* Like botocore, anything but a regular file counts as an empty one. */
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  if (!g_file_get_contents (path, contents, NULL, &local_error))
    {
      /* It may have gone since. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * drso_aws_config_new_from_files:
 * @config_path: (nullable): the config file
 * @credentials_path: (nullable): the credentials file
 * @error: return location for a #GError
 *
 * Reads and parses the two shared files. A file that does not exist, or is
 * not a regular file, counts as empty; one that cannot be read is an error.
 *
 * Returns: (transfer full): the configuration, or %NULL on error
 */
DrsoAwsConfig *
drso_aws_config_new_from_files (const char  *config_path,
                                const char  *credentials_path,
                                GError     **error)
{
  g_autofree char *config_text = NULL;
  char *credentials_text = NULL;
  g_autofree char *config_label = NULL;
  g_autofree char *credentials_label = NULL;
  DrsoAwsConfig *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_optional_file (config_path, &config_text, error) ||
      !read_optional_file (credentials_path, &credentials_text, error))
    return NULL;

  config_label = config_path != NULL ? g_filename_display_name (config_path) : g_strdup ("");
  credentials_label = credentials_path != NULL
                        ? g_filename_display_name (credentials_path) : g_strdup ("");
  self = parse_texts (config_text, config_label, credentials_text, credentials_label, error);
  wipe_free (credentials_text);
  return self;
}

/**
 * drso_aws_config_load:
 * @error: return location for a #GError
 *
 * Reads the shared files where the AWS SDKs find them in this process's
 * environment: see drso_aws_config_locate().
 *
 * Returns: (transfer full): the configuration, or %NULL on error
 */
DrsoAwsConfig *
drso_aws_config_load (GError **error)
{
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;

  drso_aws_config_locate (NULL, &config_path, &credentials_path);
  return drso_aws_config_new_from_files (config_path, credentials_path, error);
}

DrsoAwsConfig *
drso_aws_config_ref (DrsoAwsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
drso_aws_config_unref (DrsoAwsConfig *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, drso_aws_config_clear);
}

static char *
expand_home (const char *path,
             const char *home)
{
  if (path[0] == '~' && (path[1] == '\0' || path[1] == '/'))
    return g_strconcat (home, path + 1, NULL);
  return g_strdup (path);
}

static const char *
environ_get (const char * const *envp,
             const char         *name)
{
  const char *value = g_environ_getenv ((char **) envp, name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/**
 * drso_aws_config_locate:
 * @envp: (nullable): an environment, or %NULL for this process's
 * @config_path: (out): where the config file is
 * @credentials_path: (out): where the credentials file is
 *
 * Computes where the shared files are, as the SDKs do on Linux and macOS:
 * `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` (with `~` expanded),
 * else `.aws/config` and `.aws/credentials` in `HOME`. Only when @envp has no
 * `HOME` does the account's home folder come from the system.
 */
void
drso_aws_config_locate (const char * const  *envp,
                        char               **config_path,
                        char               **credentials_path)
{
  g_auto(GStrv) own_environ = NULL;
  const char *home;
  const char *value;

  g_return_if_fail (config_path != NULL);
  g_return_if_fail (credentials_path != NULL);

  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_get_environ ());

  home = environ_get (envp, "HOME");
  if (home == NULL)
    home = g_get_home_dir ();

  if ((value = environ_get (envp, "AWS_CONFIG_FILE")) != NULL)
    *config_path = expand_home (value, home);
  else
    *config_path = g_build_filename (home, ".aws", "config", NULL);

  if ((value = environ_get (envp, "AWS_SHARED_CREDENTIALS_FILE")) != NULL)
    *credentials_path = expand_home (value, home);
  else
    *credentials_path = g_build_filename (home, ".aws", "credentials", NULL);
}

/**
 * drso_aws_config_get_default_profile:
 * @envp: (nullable): an environment, or %NULL for this process's
 *
 * Returns: (transfer full): the profile named by `AWS_DEFAULT_PROFILE` (which
 *   botocore reads first) or `AWS_PROFILE`, else "default"
 */
char *
drso_aws_config_get_default_profile (const char * const *envp)
{
  g_auto(GStrv) own_environ = NULL;
  const char *value;

  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_get_environ ());

  if ((value = environ_get (envp, "AWS_DEFAULT_PROFILE")) != NULL ||
      (value = environ_get (envp, "AWS_PROFILE")) != NULL)
    return g_strdup (value);
  return g_strdup ("default");
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * drso_aws_config_get_profile_names:
 * @self: a #DrsoAwsConfig
 *
 * Returns: (transfer full): the profile names, sorted
 */
char **
drso_aws_config_get_profile_names (DrsoAwsConfig *self)
{
  g_autofree char **names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_names = 0;

  g_return_val_if_fail (self != NULL, NULL);

  names = (char **) g_hash_table_get_keys_as_array (self->profiles, &n_names);
  qsort (names, n_names, sizeof (char *), compare_names);
  for (guint i = 0; i < n_names; i++)
    g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}

gboolean
drso_aws_config_has_profile (DrsoAwsConfig *self,
                             const char    *profile)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  return g_hash_table_contains (self->profiles, profile);
}

static const char *
lookup (GHashTable *sections,
        const char *section,
        const char *key)
{
  GHashTable *properties = g_hash_table_lookup (sections, section);
  g_autofree char *lower = NULL;

  if (properties == NULL)
    return NULL;
  lower = g_ascii_strdown (key, -1);
  return g_hash_table_lookup (properties, lower);
}

/* Finds @sub_key among the sub-properties of @value; the last one wins. */
static char *
lookup_sub_value (const char *value,
                  const char *sub_key)
{
  g_auto(GStrv) lines = NULL;
  char *found = NULL;

  if (value == NULL || value[0] != '\n')
    return NULL;

  lines = g_strsplit (value + 1, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *equals = strchr (lines[i], '=');

      if (equals == NULL)
        continue;
      *equals = '\0';
      if (g_ascii_strcasecmp (g_strstrip (lines[i]), sub_key) == 0)
        {
          g_free (found);
          found = g_strdup (g_strstrip (equals + 1));
        }
    }

  return found;
}

/**
 * drso_aws_config_get_value:
 * @self: a #DrsoAwsConfig
 * @profile: a profile name
 * @key: a property key (case does not matter)
 *
 * Returns: (nullable): the value, raw text for a property with sub-properties
 */
const char *
drso_aws_config_get_value (DrsoAwsConfig *self,
                           const char    *profile,
                           const char    *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup (self->profiles, profile, key);
}

/**
 * drso_aws_config_get_sub_value:
 * @self: a #DrsoAwsConfig
 * @profile: a profile name
 * @key: a property that holds sub-properties, such as "s3"
 * @sub_key: a sub-property, such as "max_concurrent_requests"
 *
 * Returns: (transfer full) (nullable): the value of the sub-property
 */
char *
drso_aws_config_get_sub_value (DrsoAwsConfig *self,
                               const char    *profile,
                               const char    *key,
                               const char    *sub_key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (sub_key != NULL, NULL);

  return lookup_sub_value (lookup (self->profiles, profile, key), sub_key);
}

const char *
drso_aws_config_get_sso_session_value (DrsoAwsConfig *self,
                                       const char    *session,
                                       const char    *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup (self->sso_sessions, session, key);
}

/**
 * drso_aws_config_get_services_value:
 * @self: a #DrsoAwsConfig
 * @services: the name of a [services NAME] section
 * @service_id: a service key in it, such as "drs"
 * @key: a sub-property of that service, such as "endpoint_url"
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
drso_aws_config_get_services_value (DrsoAwsConfig *self,
                                    const char    *services,
                                    const char    *service_id,
                                    const char    *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (services != NULL, NULL);
  g_return_val_if_fail (service_id != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup_sub_value (lookup (self->services, services, service_id), key);
}

static JsonNode *
sections_to_json (GHashTable *sections)
{
  g_autoptr(JsonObject) object = json_object_new ();
  GHashTableIter iter;
  const char *name;
  GHashTable *properties;
  JsonNode *node;

  g_hash_table_iter_init (&iter, sections);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &properties))
    {
      JsonObject *members = json_object_new ();
      GHashTableIter piter;
      const char *key;
      const char *value;

      g_hash_table_iter_init (&piter, properties);
      while (g_hash_table_iter_next (&piter, (gpointer *) &key, (gpointer *) &value))
        json_object_set_string_member (members, key, value);
      json_object_set_object_member (object, name, members);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/**
 * drso_aws_config_to_json:
 * @self: a #DrsoAwsConfig
 *
 * Describes the configuration in the shape of the SDKs' parser tests:
 * `{"profiles": {NAME: {KEY: VALUE}}, "sso_sessions": {…}}`, plus
 * `"services"` when the config file has [services] sections.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
drso_aws_config_to_json (DrsoAwsConfig *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  json_object_set_member (object, "profiles", sections_to_json (self->profiles));
  json_object_set_member (object, "sso_sessions", sections_to_json (self->sso_sessions));
  if (g_hash_table_size (self->services) > 0)
    json_object_set_member (object, "services", sections_to_json (self->services));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* Resolution */

static void
role_step_free (gpointer data)
{
  DrsoAwsRoleStep *step = data;

  g_free (step->profile);
  g_free (step->role_arn);
  g_free (step->external_id);
  g_free (step->role_session_name);
  g_free (step);
}

static void
drso_aws_credential_plan_clear (gpointer data)
{
  DrsoAwsCredentialPlan *self = data;

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->source_profile, g_free);
  g_clear_pointer (&self->static_credentials, drso_aws_credentials_unref);
  g_clear_pointer (&self->process_command, g_free);
  g_clear_pointer (&self->role_steps, g_ptr_array_unref);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint_url, g_free);
}

static const char *
get_property (GHashTable *properties,
              const char *key)
{
  const char *value = g_hash_table_lookup (properties, key);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static gboolean
has_static_keys (GHashTable *properties)
{
  return g_hash_table_contains (properties, "aws_access_key_id") ||
         g_hash_table_contains (properties, "aws_secret_access_key");
}

static gboolean
has_role (GHashTable *properties)
{
  /* role_arn with a web identity token is web identity, not AssumeRole. */
  return g_hash_table_contains (properties, "role_arn") &&
         !g_hash_table_contains (properties, "web_identity_token_file");
}

static gboolean
take_static_keys (DrsoAwsCredentialPlan  *plan,
                  const char             *profile,
                  GHashTable             *properties,
                  GError                **error)
{
  const char *access_key_id = get_property (properties, "aws_access_key_id");
  const char *secret_access_key = get_property (properties, "aws_secret_access_key");
  const char *session_token = get_property (properties, "aws_session_token");

  if (access_key_id == NULL || secret_access_key == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The profile “%s” needs both aws_access_key_id and aws_secret_access_key"),
                   profile);
      return FALSE;
    }

  if (session_token == NULL)
    session_token = get_property (properties, "aws_security_token");

  plan->source = DRSO_AWS_CREDENTIAL_SOURCE_STATIC;
  plan->source_profile = g_strdup (profile);
  plan->static_credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                                       session_token, 0);
  drso_aws_credentials_set_account_id (plan->static_credentials,
                                       get_property (properties, "aws_account_id"));
  return TRUE;
}

/* A profile without an assumed role: static keys, else credential_process. */
static gboolean
take_profile_credentials (DrsoAwsCredentialPlan  *plan,
                          const char             *profile,
                          GHashTable             *properties,
                          GError                **error)
{
  const char *process;

  if (g_hash_table_contains (properties, "web_identity_token_file"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” uses a web identity token, which is not supported"),
                   profile);
      return FALSE;
    }

  if (has_static_keys (properties))
    return take_static_keys (plan, profile, properties, error);

  if ((process = get_property (properties, "credential_process")) != NULL)
    {
      plan->source = DRSO_AWS_CREDENTIAL_SOURCE_PROCESS;
      plan->source_profile = g_strdup (profile);
      plan->process_command = g_strdup (process);
      return TRUE;
    }

  if (g_hash_table_contains (properties, "sso_session") ||
      g_hash_table_contains (properties, "sso_start_url"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” signs in with IAM Identity Center (SSO), "
                     "which is not supported"),
                   profile);
      return FALSE;
    }

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_CREDENTIALS,
               _("The profile “%s” has no credentials"), profile);
  return FALSE;
}

static gboolean
add_role_step (DrsoAwsCredentialPlan  *plan,
               const char             *profile,
               GHashTable             *properties,
               GError                **error)
{
  DrsoAwsRoleStep *step;
  const char *role_arn = get_property (properties, "role_arn");
  const char *duration = get_property (properties, "duration_seconds");
  const char *session_name = get_property (properties, "role_session_name");
  guint64 seconds = 0;

  if (role_arn == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The role_arn of profile “%s” is empty"), profile);
      return FALSE;
    }

  if (g_hash_table_contains (properties, "mfa_serial"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” asks for an MFA code (mfa_serial): MFA is not supported"),
                   profile);
      return FALSE;
    }

  if (duration != NULL &&
      !g_ascii_string_to_unsigned (duration, 10,
                                   DRSO_AWS_ROLE_DURATION_MIN, DRSO_AWS_ROLE_DURATION_MAX,
                                   &seconds, NULL))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The duration_seconds of profile “%s” must be a number "
                     "from %u to %u, not “%s”"),
                   profile, DRSO_AWS_ROLE_DURATION_MIN, DRSO_AWS_ROLE_DURATION_MAX, duration);
      return FALSE;
    }

  step = g_new0 (DrsoAwsRoleStep, 1);
  step->profile = g_strdup (profile);
  step->role_arn = g_strdup (role_arn);
  step->external_id = g_strdup (get_property (properties, "external_id"));
  step->duration_seconds = (guint) seconds;
  if (session_name != NULL)
    step->role_session_name = g_strdup (session_name);
  else
    step->role_session_name = g_strdup_printf ("drso-session-%" G_GINT64_FORMAT,
                                               g_get_real_time () / G_USEC_PER_SEC);

  /* The deepest role is assumed first. */
  g_ptr_array_insert (plan->role_steps, 0, step);
  return TRUE;
}

static gboolean
take_credential_source (DrsoAwsCredentialPlan  *plan,
                        const char             *profile,
                        const char             *credential_source,
                        GError                **error)
{
  if (strcmp (credential_source, "Environment") == 0)
    {
      plan->source = DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT;
      return TRUE;
    }

  if (strcmp (credential_source, "Ec2InstanceMetadata") == 0 ||
      strcmp (credential_source, "EcsContainer") == 0)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” takes its credentials from %s, "
                     "which is not available on a desktop"),
                   profile, credential_source);
      return FALSE;
    }

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
               _("The credential_source “%s” of profile “%s” is not one of "
                 "Environment, Ec2InstanceMetadata or EcsContainer"),
               credential_source, profile);
  return FALSE;
}

static void
set_loop_error (GPtrArray   *visited,
                const char  *source_profile,
                GError     **error)
{
  g_autoptr(GString) chain = g_string_new (NULL);

  for (guint i = 0; i < visited->len; i++)
    g_string_append_printf (chain, "%s → ", (const char *) g_ptr_array_index (visited, i));
  g_string_append (chain, source_profile);

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_LOOP,
               _("The source_profile settings make a loop: %s"), chain->str);
}

/**
 * drso_aws_config_resolve:
 * @self: a #DrsoAwsConfig
 * @profile: (nullable): a profile name, or %NULL for "default"
 * @error: return location for a #GError
 *
 * Works out how to get credentials for @profile, as botocore does: a profile
 * with a role_arn assumes it with credentials from its source_profile (a
 * chain ends at a profile with static keys) or its credential_source;
 * otherwise the profile's static keys, else its credential_process.
 *
 * Returns: (transfer full): the plan, or %NULL on error
 */
DrsoAwsCredentialPlan *
drso_aws_config_resolve (DrsoAwsConfig  *self,
                         const char     *profile,
                         GError        **error)
{
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GPtrArray) visited = NULL;
  GHashTable *properties;
  const char *current;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (profile == NULL)
    profile = "default";

  properties = g_hash_table_lookup (self->profiles, profile);
  if (properties == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
                   _("The profile “%s” does not exist"), profile);
      return NULL;
    }

  plan = g_atomic_rc_box_new0 (DrsoAwsCredentialPlan);
  plan->profile = g_strdup (profile);
  plan->role_steps = g_ptr_array_new_with_free_func (role_step_free);
  plan->region = g_strdup (get_property (properties, "region"));
  plan->endpoint_url = g_strdup (get_property (properties, "endpoint_url"));

  if (!has_role (properties))
    return take_profile_credentials (plan, profile, properties, error)
             ? g_steal_pointer (&plan) : NULL;

  visited = g_ptr_array_new ();
  g_ptr_array_add (visited, (gpointer) profile);

  for (current = profile; ; )
    {
      const char *source_profile;
      const char *credential_source;
      GHashTable *source;

      properties = g_hash_table_lookup (self->profiles, current);
      if (!add_role_step (plan, current, properties, error))
        return NULL;

      source_profile = get_property (properties, "source_profile");
      credential_source = get_property (properties, "credential_source");

      if (source_profile != NULL && credential_source != NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                       _("The profile “%s” has both source_profile and credential_source"),
                       current);
          return NULL;
        }

      if (credential_source != NULL)
        return take_credential_source (plan, current, credential_source, error)
                 ? g_steal_pointer (&plan) : NULL;

      if (source_profile == NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                       _("The profile “%s” has a role_arn but neither "
                         "source_profile nor credential_source"),
                       current);
          return NULL;
        }

      source = g_hash_table_lookup (self->profiles, source_profile);
      if (source == NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
                       _("The source_profile “%s” of profile “%s” does not exist"),
                       source_profile, current);
          return NULL;
        }

      /* A profile may be its own source when it holds static keys. */
      if (g_ptr_array_find_with_equal_func (visited, source_profile, g_str_equal, NULL) &&
          (strcmp (source_profile, current) != 0 || !has_static_keys (source)))
        {
          set_loop_error (visited, source_profile, error);
          return NULL;
        }
      g_ptr_array_add (visited, (gpointer) source_profile);

      /* Static keys end the chain, even in a profile with a role. */
      if (has_static_keys (source))
        return take_static_keys (plan, source_profile, source, error)
                 ? g_steal_pointer (&plan) : NULL;

      if (!has_role (source))
        return take_profile_credentials (plan, source_profile, source, error)
                 ? g_steal_pointer (&plan) : NULL;

      current = source_profile;
    }
}

DrsoAwsCredentialPlan *
drso_aws_credential_plan_ref (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
drso_aws_credential_plan_unref (DrsoAwsCredentialPlan *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, drso_aws_credential_plan_clear);
}

/* The profile the plan was made for. */
const char *
drso_aws_credential_plan_get_profile (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->profile;
}

DrsoAwsCredentialSource
drso_aws_credential_plan_get_source (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, DRSO_AWS_CREDENTIAL_SOURCE_STATIC);
  return self->source;
}

/* The profile whose keys or credential_process start the chain; NULL for
 * the environment. */
const char *
drso_aws_credential_plan_get_source_profile (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source_profile;
}

/* The keys of a STATIC source; NULL for the others. */
DrsoAwsCredentials *
drso_aws_credential_plan_get_static_credentials (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->static_credentials;
}

/* The command of a PROCESS source; NULL for the others. */
const char *
drso_aws_credential_plan_get_process_command (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->process_command;
}

/* The roles to assume, in order, starting from the source's credentials. */
guint
drso_aws_credential_plan_get_n_role_steps (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->role_steps->len;
}

const DrsoAwsRoleStep *
drso_aws_credential_plan_get_role_step (DrsoAwsCredentialPlan *self,
                                        guint                  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->role_steps->len, NULL);
  return g_ptr_array_index (self->role_steps, index);
}

/* The region and endpoint_url of the profile the plan was made for. */
const char *
drso_aws_credential_plan_get_region (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

const char *
drso_aws_credential_plan_get_endpoint_url (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->endpoint_url;
}

/* Environment */

static gboolean
parse_iso8601 (const char *text,
               gint64     *seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  if (time == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (time);
  return TRUE;
}

/**
 * drso_aws_credentials_from_environment:
 * @envp: (nullable): an environment, or %NULL for this process's
 * @error: return location for a #GError
 *
 * Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or
 * the legacy `AWS_SECURITY_TOKEN`), `AWS_CREDENTIAL_EXPIRATION` and
 * `AWS_ACCOUNT_ID`. Returns %NULL without an error when neither key is set;
 * one key without the other, or an expiration that is not ISO 8601, is
 * %DRSO_AWS_CONFIG_ERROR_INVALID.
 *
 * Returns: (transfer full) (nullable): the credentials
 */
DrsoAwsCredentials *
drso_aws_credentials_from_environment (const char * const  *envp,
                                       GError             **error)
{
  g_auto(GStrv) own_environ = NULL;
  DrsoAwsCredentials *credentials;
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token;
  const char *expiration;
  gint64 expires = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_get_environ ());

  access_key_id = environ_get (envp, "AWS_ACCESS_KEY_ID");
  secret_access_key = environ_get (envp, "AWS_SECRET_ACCESS_KEY");
  if (access_key_id == NULL && secret_access_key == NULL)
    return NULL;

  if (access_key_id == NULL || secret_access_key == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("%s is set but %s is not"),
                   access_key_id != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   access_key_id != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }

  session_token = environ_get (envp, "AWS_SESSION_TOKEN");
  if (session_token == NULL)
    session_token = environ_get (envp, "AWS_SECURITY_TOKEN");

  expiration = environ_get (envp, "AWS_CREDENTIAL_EXPIRATION");
  if (expiration != NULL && !parse_iso8601 (expiration, &expires))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time"));
      return NULL;
    }

  credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                          session_token, expires);
  drso_aws_credentials_set_account_id (credentials, environ_get (envp, "AWS_ACCOUNT_ID"));
  return credentials;
}

/* credential_process */

typedef struct
{
  GCancellable *cancellable;
  GSource      *timeout_source;
  GSource      *cancel_source;
  guint         timeout_ms;
  gboolean      timed_out;
} ProcessData;

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
process_data_free (gpointer user_data)
{
  ProcessData *data = user_data;

  destroy_source (&data->timeout_source);
  destroy_source (&data->cancel_source);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
process_timeout_cb (gpointer user_data)
{
  ProcessData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  ProcessData *data = user_data;

  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
process_error (GTask      *task,
               const char *message)
{
  g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                           "%s", message);
  return FALSE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (json_node_get_string (node)[0] == '\0')
    return NULL;
  return json_node_get_string (node);
}

/* The first line of the process's standard error, unless it might give away
 * a secret: it is left out when it holds a secret value or a part of the
 * standard output. */
static char *
describe_stderr (GBytes     *err,
                 const char *out,
                 JsonObject *object)
{
  static const char * const secret_members[] = { "SecretAccessKey", "SessionToken" };
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  const char *start;
  gsize len;

  if (err == NULL || g_bytes_get_size (err) == 0)
    return NULL;

  text = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  for (start = text; g_ascii_isspace (*start); start++)
    ;
  len = MIN (strcspn (start, "\r\n"), 200);
  line = g_utf8_make_valid (start, len);
  g_strstrip (line);
  for (char *p = line; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        *p = ' ';
    }

  if (line[0] == '\0' || strstr (out, line) != NULL)
    return NULL;

  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (secret_members); i++)
    {
      const char *secret = get_string_member (object, secret_members[i]);

      if (secret != NULL && strstr (line, secret) != NULL)
        return NULL;
    }

  return g_steal_pointer (&line);
}

static gboolean
check_exit_status (GTask       *task,
                   GSubprocess *process,
                   GBytes      *err,
                   const char  *out,
                   JsonObject  *object)
{
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (g_subprocess_get_if_exited (process))
    {
      if (g_subprocess_get_exit_status (process) == 0)
        return TRUE;
      message = g_strdup_printf (_("The credential process exited with status %d"),
                                 g_subprocess_get_exit_status (process));
    }
  else
    {
      message = g_strdup_printf (_("The credential process was killed by signal %d"),
                                 g_subprocess_get_term_sig (process));
    }

  detail = describe_stderr (err, out, object);
  if (detail != NULL)
    {
      char *full = g_strdup_printf ("%s: %s", message, detail);

      g_free (message);
      message = full;
    }

  return process_error (task, message);
}

static gboolean
parse_process_output (GTask       *task,
                      JsonObject  *object)
{
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  JsonNode *version;
  const char *access_key_id;
  const char *secret_access_key;
  const char *expiration;
  gint64 expires = 0;

  if (object == NULL)
    return process_error (task, _("The credential process did not print a JSON object"));

  version = json_object_get_member (object, "Version");
  if (version == NULL)
    return process_error (task, _("The credential process printed no Version"));
  if (!JSON_NODE_HOLDS_VALUE (version) ||
      !((json_node_get_value_type (version) == G_TYPE_INT64 &&
         json_node_get_int (version) == 1) ||
        (json_node_get_value_type (version) == G_TYPE_DOUBLE &&
         json_node_get_double (version) == 1.0)))
    return process_error (task, _("The credential process printed a Version other than 1, "
                                  "the only version supported"));

  if ((access_key_id = get_string_member (object, "AccessKeyId")) == NULL)
    return process_error (task, _("The credential process printed no AccessKeyId"));
  if ((secret_access_key = get_string_member (object, "SecretAccessKey")) == NULL)
    return process_error (task, _("The credential process printed no SecretAccessKey"));

  if (json_object_has_member (object, "Expiration") &&
      !json_object_get_null_member (object, "Expiration"))
    {
      expiration = get_string_member (object, "Expiration");
      if (expiration == NULL || !parse_iso8601 (expiration, &expires))
        return process_error (task, _("The credential process printed an Expiration "
                                      "that is not an ISO 8601 time"));
    }

  credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                          get_string_member (object, "SessionToken"),
                                          expires);
  drso_aws_credentials_set_account_id (credentials, get_string_member (object, "AccountId"));
  g_task_return_pointer (task, g_steal_pointer (&credentials),
                         (GDestroyNotify) drso_aws_credentials_unref);
  return TRUE;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *out_text = NULL;
  JsonNode *root;
  JsonObject *json = NULL;

  destroy_source (&data->timeout_source);
  destroy_source (&data->cancel_source);

  if (!g_subprocess_communicate_finish (process, result, &out, &err, &error))
    {
      g_subprocess_force_exit (process);
      if (data->timed_out)
        {
          guint seconds = MAX (1, (data->timeout_ms + 999) / 1000);

          g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "The credential process did not finish "
                                                "within %u second",
                                                "The credential process did not finish "
                                                "within %u seconds",
                                                seconds),
                                   seconds);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                                 _("Could not read the output of the credential process: %s"),
                                 error->message);
      return;
    }

  /* The output holds secrets: it never goes into a message. */
  out_text = g_bytes_get_size (out) > 0
               ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out))
               : g_strdup ("");
  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, out_text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    json = json_node_get_object (root);

  if (check_exit_status (task, process, err, out_text, json))
    {
      if (json == NULL && g_bytes_get_size (out) == 0)
        process_error (task, _("The credential process printed nothing"));
      else
        parse_process_output (task, json);
    }

  memset (out_text, 0, strlen (out_text));
}

/**
 * drso_aws_run_credential_process_full_async:
 * @command: the credential_process command line
 * @timeout_ms: how long the process may take, in milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the process has finished
 * @user_data: data for @callback
 *
 * Splits @command like a shell and runs it without one. It must exit with
 * status 0 and print credentials as JSON (Version 1). Errors are
 * %DRSO_AWS_CONFIG_ERROR_PROCESS; their messages never quote the output.
 */
void
drso_aws_run_credential_process_full_async (const char          *command,
                                            guint                timeout_ms,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  ProcessData *data;

  g_return_if_fail (command != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_run_credential_process_full_async);

  data = g_new0 (ProcessData, 1);
  data->cancellable = g_cancellable_new ();
  data->timeout_ms = timeout_ms;
  g_task_set_task_data (task, data, process_data_free);

  if (!g_shell_parse_argv (command, NULL, &argv, &error))
    {
      g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                               _("The credential_process command cannot be read: %s"),
                               error->message);
      return;
    }

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                               _("The credential process could not start: %s"),
                               error->message);
      return;
    }

  if (cancellable != NULL)
    {
      /* The task returns the caller's cancellation itself; this only stops
       * the process. */
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (caller_cancelled_cb), data, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }

  data->timeout_source = g_timeout_source_new (timeout_ms);
  g_source_set_callback (data->timeout_source, process_timeout_cb, data, NULL);
  g_source_attach (data->timeout_source, g_task_get_context (task));

  g_subprocess_communicate_async (process, NULL, data->cancellable,
                                  communicate_cb, g_steal_pointer (&task));
}

/**
 * drso_aws_run_credential_process_async:
 * @command: the credential_process command line
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the process has finished
 * @user_data: data for @callback
 *
 * Runs @command with a timeout of %DRSO_AWS_CREDENTIAL_PROCESS_TIMEOUT
 * seconds: see drso_aws_run_credential_process_full_async().
 */
void
drso_aws_run_credential_process_async (const char          *command,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  drso_aws_run_credential_process_full_async (command,
                                              DRSO_AWS_CREDENTIAL_PROCESS_TIMEOUT * 1000,
                                              cancellable, callback, user_data);
}

/**
 * drso_aws_run_credential_process_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the credentials, or %NULL on error
 */
DrsoAwsCredentials *
drso_aws_run_credential_process_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        drso_aws_run_credential_process_full_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

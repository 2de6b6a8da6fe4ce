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

#include "drso-aws-config-internal.h"

/* The shared configuration follows the rules of the AWS SDKs' shared profile
 * parser tests: sections are [profile NAME], [default], [sso-session NAME] and
 * [services NAME] in the config file and plain [NAME] in the credentials file;
 * property keys are lower-cased; a value that starts empty and goes on in
 * indented lines holds sub-properties, and is kept as its raw text (for
 * instance "\nmax_concurrent_requests = 10"). */

G_DEFINE_QUARK (drso-aws-config-error-quark, drso_aws_config_error)

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

/* The value of @name in @envp, or NULL when it is unset or empty. */
const char *
_drso_aws_environ_get (const char * const *envp,
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

  home = _drso_aws_environ_get (envp, "HOME");
  if (home == NULL)
    home = g_get_home_dir ();

  if ((value = _drso_aws_environ_get (envp, "AWS_CONFIG_FILE")) != NULL)
    *config_path = expand_home (value, home);
  else
    *config_path = g_build_filename (home, ".aws", "config", NULL);

  if ((value = _drso_aws_environ_get (envp, "AWS_SHARED_CREDENTIALS_FILE")) != NULL)
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

  if ((value = _drso_aws_environ_get (envp, "AWS_DEFAULT_PROFILE")) != NULL ||
      (value = _drso_aws_environ_get (envp, "AWS_PROFILE")) != NULL)
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

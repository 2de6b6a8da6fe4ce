/* drso-sandbox-estate.c
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

/* The estate of the Sandbox, drawn from its seed: the hashes and random
 * draws everything derives from, the accounts of a fictional company, its
 * source servers (a demo of eight three-tier applications, or any number
 * generated), their point-in-time snapshots, and the names of each
 * account's network. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include "drso-sandbox.h"
#include "drso-sandbox-world-internal.h"

#define GIB (G_GINT64_CONSTANT (1) << 30)

const DrsoSandboxAccountInfo _drso_sandbox_accounts[] = {
  { DRSO_SANDBOX_ACCOUNT_ID, "Quillfeather Logistics Production", NULL, 20 },
  { "444455556666", "Quillfeather Logistics Recovery East", "qfl-recovery-east-7Q2M", 40 },
  { "777788889999", "Quillfeather Logistics Recovery Vault", "qfl-recovery-vault-K9P4", 60 },
};

const guint _drso_sandbox_n_accounts = G_N_ELEMENTS (_drso_sandbox_accounts);

const DrsoSandboxAccountInfo *
_drso_sandbox_find_account (const char *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (_drso_sandbox_accounts); i++)
    {
      if (g_strcmp0 (_drso_sandbox_accounts[i].account_id, account_id) == 0)
        return &_drso_sandbox_accounts[i];
    }
  return NULL;
}

/* Draws and IDs, derived from the seed */

static void
hash_valist (guint8      digest[32],
             guint64     seed,
             const char *format,
             va_list     args) G_GNUC_PRINTF (3, 0);

static void
hash_valist (guint8      digest[32],
             guint64     seed,
             const char *format,
             va_list     args)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *text = g_strdup_vprintf (format, args);
  char seed_text[24];
  gsize length = 32;

  g_snprintf (seed_text, sizeof seed_text, "%" G_GUINT64_FORMAT "/", seed);
  g_checksum_update (checksum, (const guchar *) seed_text, -1);
  g_checksum_update (checksum, (const guchar *) text, -1);
  g_checksum_get_digest (checksum, digest, &length);
}

/* @prefix followed by 17 lowercase hex digits of a hash of the seed and the
 * formatted text. */
char *
_drso_sandbox_hash_id (const char *prefix,
                       guint64     seed,
                       const char *format,
                       ...)
{
  static const char hex[] = "0123456789abcdef";
  guint8 digest[32];
  GString *id = g_string_new (prefix);
  va_list args;

  va_start (args, format);
  hash_valist (digest, seed, format, args);
  va_end (args);

  for (guint i = 0; i < 17; i++)
    g_string_append_c (id, hex[(digest[i / 2] >> (i % 2 ? 0 : 4)) & 0xf]);
  return g_string_free (id, FALSE);
}

GRand *
_drso_sandbox_rand_new (guint64     seed,
                        const char *format,
                        ...)
{
  guint8 digest[32];
  guint32 words[8];
  va_list args;

  va_start (args, format);
  hash_valist (digest, seed, format, args);
  va_end (args);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = (guint32) digest[4 * i] << 24 | (guint32) digest[4 * i + 1] << 16 |
               (guint32) digest[4 * i + 2] << 8 | digest[4 * i + 3];
  return g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
}

/* A triangular distribution whose mode is a quarter of the way up: below
 * the mode, the larger of two uniform draws scaled to it; above, the
 * smaller of two scaled from it (each with the weight of its side). */
double
_drso_sandbox_draw (GRand  *rand,
                    double  low,
                    double  high)
{
  double mode = 0.25;
  double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
  double x;

  if (g_rand_double (rand) < mode)
    x = mode * MAX (u1, u2);
  else
    x = mode + (1 - mode) * MIN (u1, u2);
  return low + (high - low) * x;
}

/* Servers */

enum { TIER_WEB, TIER_APP, TIER_DB, N_TIERS };

static const char * const tier_names[N_TIERS] = { "web", "app", "db" };

typedef struct
{
  const char *instance_type;
  guint       cores;
  guint       ram_gib;
} Profile;

static const Profile profiles[N_TIERS][3] = {
  { { "t3.medium", 2, 4 }, { "c5.large", 2, 4 }, { "t3.large", 2, 8 } },
  { { "m5.large", 2, 8 }, { "m5.xlarge", 4, 16 }, { "m5.2xlarge", 8, 32 } },
  { { "r5.xlarge", 4, 32 }, { "r5.2xlarge", 8, 64 }, { "r5.4xlarge", 16, 128 } },
};

/* Disk sizes in GiB by tier: the system disk, then data disks (0: none). */
static const guint disk_sizes[N_TIERS][3][3] = {
  { { 40, 60, 80 }, { 0, 0, 0 }, { 0, 0, 0 } },
  { { 60, 80, 80 }, { 100, 250, 500 }, { 0, 0, 0 } },
  { { 80, 100, 120 }, { 500, 1000, 2000 }, { 100, 200, 200 } },
};

static const char * const linux_disks[] = { "/dev/sda", "/dev/sdb", "/dev/sdc" };
static const char * const windows_disks[] = {
  "\\\\.\\PHYSICALDRIVE0", "\\\\.\\PHYSICALDRIVE1", "\\\\.\\PHYSICALDRIVE2",
};

static const char * const linux_systems[] = {
  "Red Hat Enterprise Linux 8.9 (Ootpa)",
  "Red Hat Enterprise Linux 9.3 (Plow)",
  "Ubuntu 22.04.4 LTS",
  "SUSE Linux Enterprise Server 15 SP5",
};
static const char * const windows_systems[] = {
  "Microsoft Windows Server 2019 Datacenter",
  "Microsoft Windows Server 2022 Standard",
};
static const char * const cpu_models[] = {
  "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz",
  "AMD EPYC 7543 32-Core Processor",
};

typedef struct
{
  const char *name;
  const char *code;          /* of its hostnames */
  const char *cost_center;
  const char *environment;
  guint       account;
  gboolean    windows;
  gboolean    aws_origin;
  guint       tiers[N_TIERS];
} Application;

static const Application demo_applications[] = {
  { "Order Portal", "ord", "CC-2100", "Production", 0, FALSE, FALSE, { 3, 3, 2 } },
  { "Fleet Tracking", "flt", "CC-2310", "Production", 0, FALSE, FALSE, { 2, 3, 1 } },
  { "Warehouse Management", "wms", "CC-2420", "Production", 0, TRUE, FALSE, { 2, 2, 2 } },
  { "Billing", "bil", "CC-1150", "Production", 0, TRUE, FALSE, { 2, 2, 2 } },
  { "Customer Portal", "cpt", "CC-2105", "Production", 0, FALSE, FALSE, { 3, 2, 1 } },
  { "Route Planner", "rte", "CC-2330", "Production", 0, FALSE, FALSE, { 2, 4, 2 } },
  { "Payroll", "pay", "CC-1200", "Production", 1, TRUE, FALSE, { 1, 2, 1 } },
  { "Telemetry Ingest", "tel", "CC-3400", "Staging", 2, FALSE, TRUE, { 1, 2, 1 } },
};

/* Words of generated application names. */
static const char * const name_firsts[] = {
  "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor",
  "Iris", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orchid", "Pioneer",
};
static const char * const name_seconds[] = {
  "Billing", "Portal", "Inventory", "Analytics", "Payments", "Scheduling",
  "Catalog", "Messaging", "Reporting", "Identity", "Search", "Shipping",
};

typedef struct
{
  guint64    seed;
  guint      size;
  GRand     *rand;
  GPtrArray *servers;
  guint      hosts[G_N_ELEMENTS (_drso_sandbox_accounts)];
} Builder;

static char *
vmware_uuid (Builder *builder)
{
  g_autofree char *a = _drso_sandbox_hash_id ("", builder->seed, "uuid/%u/%u/a", builder->size,
                                              builder->servers->len);
  g_autofree char *b = _drso_sandbox_hash_id ("", builder->seed, "uuid/%u/%u/b", builder->size,
                                              builder->servers->len);

  return g_strdup_printf ("4216%.4s-%.4s-%.4s-%.4s-%.8s%.4s", a, a + 4, a + 8, a + 12, b, b + 8);
}

static void
add_server (Builder           *builder,
            const Application *app,
            const char        *os,
            guint              tier,
            guint              number)
{
  const DrsoSandboxAccountInfo *account = &_drso_sandbox_accounts[app->account];
  DrsoSandboxServer *server = g_new0 (DrsoSandboxServer, 1);
  const Profile *profile = &profiles[tier][g_rand_int_range (builder->rand, 0, 3)];
  guint host = builder->hosts[app->account]++;
  guint slot = host / DRSO_SANDBOX_N_ZONES;

  server->server_id = _drso_sandbox_hash_id ("s-", builder->seed, "estate/%u/server/%u",
                                             builder->size, builder->servers->len);
  server->account_id = account->account_id;
  server->hostname = g_strdup_printf ("%s-%s%02u", app->code, tier_names[tier], number);
  server->fqdn = g_strdup_printf ("%s.%s.quillfeather.example", server->hostname,
                                  g_str_equal (app->environment, "Production") ? "prod" : "stage");
  server->windows = app->windows;
  server->aws_origin = app->aws_origin;
  server->os = os;
  server->hardware_id = app->aws_origin ?
    _drso_sandbox_hash_id ("i-", builder->seed, "origin/%u/%u", builder->size,
                           builder->servers->len) :
    vmware_uuid (builder);
  server->zone = host % DRSO_SANDBOX_N_ZONES;
  server->private_ip = g_strdup_printf ("10.%u.%u.%u", account->network,
                                        64 * server->zone + slot / 250, 4 + slot % 250);
  server->mac_address = g_strdup_printf ("%s:%02x:%02x:%02x",
                                         app->aws_origin ? "0a:3f:5c" : "00:50:56",
                                         g_rand_int_range (builder->rand, 0, 256),
                                         g_rand_int_range (builder->rand, 0, 256),
                                         g_rand_int_range (builder->rand, 0, 256));
  server->cpu_model = cpu_models[g_rand_int_range (builder->rand, 0, G_N_ELEMENTS (cpu_models))];
  server->instance_type = profile->instance_type;
  server->cores = profile->cores;
  server->ram_bytes = profile->ram_gib * GIB;
  for (guint i = 0; i < 3 && disk_sizes[tier][i][0] != 0; i++)
    {
      server->disks[i].device_name = app->windows ? windows_disks[i] : linux_disks[i];
      server->disks[i].bytes = disk_sizes[tier][i][g_rand_int_range (builder->rand, 0, 3)] * GIB;
      server->n_disks++;
    }

  server->tags = json_object_new ();
  json_object_set_string_member (server->tags, "Application", app->name);
  json_object_set_string_member (server->tags, "Tier", tier_names[tier]);
  json_object_set_string_member (server->tags, "Environment", app->environment);
  json_object_set_string_member (server->tags, "CostCenter", app->cost_center);

  server->replication_state = "CONTINUOUS";
  server->lag = g_rand_int_range (builder->rand, 0, 4) * G_USEC_PER_SEC;
  server->added = -g_rand_int_range (builder->rand, 30, 400) * DRSO_SANDBOX_USEC_PER_DAY -
                  g_rand_int_range (builder->rand, 0, 86400) * (gint64) G_USEC_PER_SEC;
  server->first_byte = server->added +
                       g_rand_int_range (builder->rand, 5, 40) * DRSO_SANDBOX_USEC_PER_MINUTE;

  g_ptr_array_add (builder->servers, server);
}

static void
add_application (Builder           *builder,
                 const Application *app)
{
  const char *os;

  if (app->aws_origin)
    os = "Amazon Linux 2023";
  else if (app->windows)
    os = windows_systems[g_rand_int_range (builder->rand, 0, G_N_ELEMENTS (windows_systems))];
  else
    os = linux_systems[g_rand_int_range (builder->rand, 0, G_N_ELEMENTS (linux_systems))];

  for (guint tier = 0; tier < N_TIERS; tier++)
    {
      for (guint i = 0; i < app->tiers[tier]; i++)
        add_server (builder, app, os, tier, i + 1);
    }
}

/* Replication that lags, is behind, or stopped some time ago. */
static void
set_lagging (Builder           *builder,
             DrsoSandboxServer *server)
{
  server->lag = g_rand_int_range (builder->rand, 20, 90) * DRSO_SANDBOX_USEC_PER_MINUTE;
}

static void
set_backlog (Builder           *builder,
             DrsoSandboxServer *server)
{
  server->replication_state = "BACKLOG";
  server->lag = g_rand_int_range (builder->rand, 5, 30) * DRSO_SANDBOX_USEC_PER_MINUTE;
}

static void
set_stalled (Builder           *builder,
             DrsoSandboxServer *server)
{
  server->replication_state = "STALLED";
  server->stopped = -g_rand_int_range (builder->rand, 20, 360) * DRSO_SANDBOX_USEC_PER_MINUTE;
}

static void
set_disconnected (Builder           *builder,
                  DrsoSandboxServer *server)
{
  server->replication_state = "DISCONNECTED";
  server->stopped = -g_rand_int_range (builder->rand, 24, 72) * DRSO_SANDBOX_USEC_PER_HOUR;
}

/* 48 servers: 40 in the primary account, 4 in each recovery account; among
 * the primary ones, two lag, one is behind, two stalled, one disconnected. */
static void
build_demo (Builder *builder)
{
  guint order[40];

  for (guint i = 0; i < G_N_ELEMENTS (demo_applications); i++)
    add_application (builder, &demo_applications[i]);

  g_assert (builder->servers->len == 48);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (builder->rand, 0, i + 1);
      guint swap = order[i];

      order[i] = order[j];
      order[j] = swap;
    }
  set_lagging (builder, g_ptr_array_index (builder->servers, order[0]));
  set_lagging (builder, g_ptr_array_index (builder->servers, order[1]));
  set_backlog (builder, g_ptr_array_index (builder->servers, order[2]));
  set_stalled (builder, g_ptr_array_index (builder->servers, order[3]));
  set_stalled (builder, g_ptr_array_index (builder->servers, order[4]));
  set_disconnected (builder, g_ptr_array_index (builder->servers, order[5]));
}

/* @size servers in applications of 6 to 12, all in the primary account. */
static void
build_generated (Builder *builder)
{
  guint n_names = G_N_ELEMENTS (name_firsts) * G_N_ELEMENTS (name_seconds);

  for (guint index = 0; builder->servers->len < builder->size; index++)
    {
      const char *first = name_firsts[index % G_N_ELEMENTS (name_firsts)];
      const char *second = name_seconds[(index / G_N_ELEMENTS (name_firsts)) %
                                        G_N_ELEMENTS (name_seconds)];
      guint drawn = (guint) g_rand_int_range (builder->rand, 6, 13);
      guint size = MIN (drawn, builder->size - builder->servers->len);
      g_autofree char *name = NULL, *code = NULL, *cost_center = NULL;
      g_autofree char *first_code = g_ascii_strdown (first, 3);
      g_autofree char *second_code = g_ascii_strdown (second, 3);
      Application app = { 0 };

      name = index < n_names ? g_strdup_printf ("%s %s", first, second) :
                               g_strdup_printf ("%s %s %u", first, second, index / n_names + 1);
      code = g_strdup_printf ("%s%s%u", first_code, second_code, index);
      cost_center = g_strdup_printf ("CC-%04d", g_rand_int_range (builder->rand, 1000, 9999));

      app.name = name;
      app.code = code;
      app.cost_center = cost_center;
      app.environment = g_rand_double (builder->rand) < 0.85 ? "Production" : "Staging";
      app.windows = g_rand_double (builder->rand) < 0.3;
      app.tiers[TIER_WEB] = MAX (1, size * 3 / 10);
      app.tiers[TIER_DB] = size > 1 ? MAX (1, size / 4) : 0;
      app.tiers[TIER_APP] = size - app.tiers[TIER_WEB] - app.tiers[TIER_DB];

      /* The JSON tags copy the strings; the hostnames were formatted. */
      add_application (builder, &app);
    }

  for (guint i = 0; i < builder->servers->len; i++)
    {
      DrsoSandboxServer *server = g_ptr_array_index (builder->servers, i);
      double draw = g_rand_double (builder->rand);

      if (draw < 0.005)
        set_disconnected (builder, server);
      else if (draw < 0.015)
        set_stalled (builder, server);
      else if (draw < 0.025)
        set_backlog (builder, server);
      else if (draw < 0.05)
        set_lagging (builder, server);
    }
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b)
{
  const DrsoSandboxServer *sa = *(const DrsoSandboxServer **) a;
  const DrsoSandboxServer *sb = *(const DrsoSandboxServer **) b;

  return strcmp (sa->server_id, sb->server_id);
}

/* The servers of an estate (element-type DrsoSandboxServer), by ID. */
GPtrArray *
_drso_sandbox_estate_new (guint64 seed,
                          guint   size)
{
  Builder builder = { seed, size, NULL, NULL, { 0 } };

  builder.rand = _drso_sandbox_rand_new (seed, "estate/%u", size);
  builder.servers = g_ptr_array_new_full (size ? size : 48,
                                          (GDestroyNotify) _drso_sandbox_server_free);
  if (size == 0)
    build_demo (&builder);
  else
    build_generated (&builder);
  g_rand_free (builder.rand);

  g_ptr_array_sort (builder.servers, compare_servers);
  return builder.servers;
}

void
_drso_sandbox_server_free (DrsoSandboxServer *server)
{
  g_free (server->server_id);
  g_free (server->hostname);
  g_free (server->fqdn);
  g_free (server->hardware_id);
  g_free (server->private_ip);
  g_free (server->mac_address);
  json_object_unref (server->tags);
  g_free (server);
}

gboolean
_drso_sandbox_server_replicates (const DrsoSandboxServer *server)
{
  return server->stopped == 0;
}

/* Snapshots: DRS's default point-in-time policy, aligned on the clock. A
 * server that stopped replicating keeps the snapshots it had then. */

typedef struct
{
  gint64 interval;
  gint64 retention;
} PitRule;

static const PitRule pit_rules[] = {
  { 10 * DRSO_SANDBOX_USEC_PER_MINUTE, DRSO_SANDBOX_USEC_PER_HOUR },
  { DRSO_SANDBOX_USEC_PER_HOUR, DRSO_SANDBOX_USEC_PER_DAY },
  { DRSO_SANDBOX_USEC_PER_DAY, 7 * DRSO_SANDBOX_USEC_PER_DAY },
};

static int
compare_instants (gconstpointer a,
                  gconstpointer b)
{
  gint64 ia = *(const gint64 *) a, ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

GArray *
_drso_sandbox_server_snapshots (DrsoSandboxWorld        *world,
                                const DrsoSandboxServer *server,
                                gint64                   now)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *snapshots = g_array_new (FALSE, FALSE, sizeof (DrsoSandboxSnapshot));
  gint64 until = server->stopped ? MIN (now, world->created + server->stopped) : now;
  /* The first snapshot follows the initial sync. */
  gint64 first = world->created + server->first_byte + DRSO_SANDBOX_USEC_PER_HOUR;

  for (guint i = 0; i < G_N_ELEMENTS (pit_rules); i++)
    {
      for (gint64 mark = until / pit_rules[i].interval * pit_rules[i].interval;
           mark > until - pit_rules[i].retention && mark >= first;
           mark -= pit_rules[i].interval)
        g_array_append_val (marks, mark);
    }
  g_array_sort (marks, compare_instants);

  for (guint i = 0; i < marks->len; i++)
    {
      gint64 mark = g_array_index (marks, gint64, i);
      g_autofree char *id = NULL;
      DrsoSandboxSnapshot snapshot;

      if (i > 0 && mark == g_array_index (marks, gint64, i - 1))
        continue;
      id = _drso_sandbox_hash_id ("pit-", world->seed, "snapshot/%s/%" G_GINT64_FORMAT,
                                  server->server_id, mark / G_USEC_PER_SEC);
      g_strlcpy (snapshot.snapshot_id, id, sizeof snapshot.snapshot_id);
      snapshot.expected = mark;
      snapshot.taken = mark + (5 + g_ascii_xdigit_value (id[20]) * 3) * G_USEC_PER_SEC;
      if (snapshot.taken <= until)
        g_array_append_val (snapshots, snapshot);
    }
  return snapshots;
}

/* Networks */

char *
_drso_sandbox_vpc_id (DrsoSandboxWorld *world,
                      const char       *account_id)
{
  return _drso_sandbox_hash_id ("vpc-", world->seed, "vpc/%s", account_id);
}

char *
_drso_sandbox_subnet_id (DrsoSandboxWorld *world,
                         const char       *account_id,
                         int               zone)
{
  return _drso_sandbox_hash_id ("subnet-", world->seed, "subnet/%s/%d", account_id, zone);
}

char *
_drso_sandbox_zone_name (DrsoSandboxWorld *world,
                         guint             zone)
{
  return g_strdup_printf ("%s%c", world->region, 'a' + zone);
}

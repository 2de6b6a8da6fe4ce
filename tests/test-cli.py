#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# drso end to end: runs the built command line against a store in a
# temporary data folder and checks its output, files and exit codes.

import http.server
import json
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

DRSO = None
ACCOUNT = "123456789012"


def bundle(groups, plans, version=1):
    return {"formatVersion": version, "protectionGroups": groups, "recoveryPlans": plans}


def group(gid, name, servers, account=ACCOUNT):
    return {"groupId": gid, "groupName": name, "description": "", "region": "us-east-1",
            "accountId": account, "serverIds": servers, "tagCriteria": {}}


def plan(pid, name, waves):
    return {"planId": pid, "planName": name, "description": "",
            "waves": [{"waveNumber": i + 1, "waveName": "Wave %d" % (i + 1),
                       "protectionGroupIds": ids, "pauseBeforeWave": i > 0,
                       "estimatedDuration": 300} for i, ids in enumerate(waves)]}


GOOD = bundle([group("pg-db", "Database", ["s-0000000000000000a"]),
               group("pg-web", "Web", ["s-0000000000000000b"])],
              [plan("plan-1", "Production", [["pg-db"], ["pg-web"]])])


SERVERS = {"items": [
    {"sourceServerID": "s-0000000000000000a", "tags": {"Tier": "web"},
     "sourceProperties": {"identificationHints": {"hostname": "web-1"}},
     "dataReplicationInfo": {"dataReplicationState": "CONTINUOUS", "lagDuration": "PT2M"}},
    {"sourceServerID": "s-0000000000000000b", "tags": {"Tier": "db"},
     "sourceProperties": {"identificationHints": {"hostname": "db-1"}},
     "dataReplicationInfo": {"dataReplicationState": "STALLED"}},
]}


class FakeDrs(http.server.BaseHTTPRequestHandler):
    """Answers DescribeSourceServers; records who signed."""
    seen = []

    def do_POST(self):
        request = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        FakeDrs.seen.append((self.path, self.headers.get("Authorization", "")))
        if self.path == "/" and request.startswith(b"Action=GetCallerIdentity"):
            body = (b"<GetCallerIdentityResponse><GetCallerIdentityResult>"
                    b"<Arn>arn:aws:iam::345678901234:user/ci</Arn><UserId>AIDA</UserId>"
                    b"<Account>345678901234</Account></GetCallerIdentityResult>"
                    b"</GetCallerIdentityResponse>")
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        body = json.dumps(SERVERS if self.path == "/DescribeSourceServers" else {}).encode()
        self.send_response(200 if self.path == "/DescribeSourceServers" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class CliBase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ)
        for key in ("LD_PRELOAD", "ASAN_OPTIONS"):
            # The program links the sanitizer runtime itself when built with it.
            self.env.pop(key, None)
        self.env.update({
            "XDG_DATA_HOME": os.path.join(self.tmp.name, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp.name, "config"),
            "GSETTINGS_BACKEND": "keyfile",
            "LANGUAGE": "C",
            "LC_ALL": "C.UTF-8",
            "G_DEBUG": "fatal-criticals",
        })
        rc, _, err = self.run_drso("accounts", "add", ACCOUNT, "--name", "Production")
        self.assertEqual(rc, 0, err)

    def tearDown(self):
        self.tmp.cleanup()

    def run_drso(self, *args, stdin=None):
        proc = subprocess.run([DRSO, *args], env=self.env, input=stdin, capture_output=True,
                              text=True, timeout=60)
        return proc.returncode, proc.stdout, proc.stderr

    def write(self, name, content):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path

    def set_role(self, role):
        folder = os.path.join(self.env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "keyfile"), "w") as f:
            f.write("[io/github/drso/Orchestrator]\nrole='%s'\n" % role)

    def snapshot(self):
        rc, out, err = self.run_drso("plans", "export", "--all")
        self.assertEqual(rc, 0, err)
        rc, groups, err = self.run_drso("groups", "list")
        self.assertEqual(rc, 0, err)
        return out + groups

    def assert_one_line_error(self, err):
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("drso: "), err)



class CliTest(CliBase):
    def test_version_and_help(self):
        rc, out, _ = self.run_drso("--version")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^drso \d+\.\d+\.\d+\n$")
        rc, out, _ = self.run_drso("--help")
        self.assertEqual(rc, 0)
        for command in ("plans export", "plans import", "plans list", "groups list"):
            self.assertIn(command, out)
        self.assertIn("5 conflict", out)

    def test_usage_errors(self):
        for args in ((), ("plans",), ("plans", "frobnicate"), ("--bogus",),
                     ("--output", "yaml", "plans", "list"), ("plans", "import"),
                     ("plans", "export"), ("plans", "list", "extra")):
            rc, out, err = self.run_drso(*args)
            self.assertEqual(rc, 2, args)
            self.assertTrue(err.strip(), args)

    def test_import_export_round_trip(self):
        path = self.write("good.json", GOOD)
        rc, out, err = self.run_drso("plans", "import", path)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out), {"protectionGroups": 2, "recoveryPlans": 1,
                                           "changed": 3})

        rc, out, err = self.run_drso("plans", "import", path)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["changed"], 0)

        rc, out, err = self.run_drso("plans", "list")
        self.assertEqual(rc, 0, err)
        plans = json.loads(out)
        self.assertEqual([p["planName"] for p in plans], ["Production"])
        self.assertEqual(plans[0]["totalWaves"], 2)

        exported = os.path.join(self.tmp.name, "out.json")
        rc, out, err = self.run_drso("plans", "export", "production", "-o", exported)
        self.assertEqual(rc, 0, err)
        with open(exported) as f:
            doc = json.load(f)
        self.assertEqual(doc["formatVersion"], 1)
        self.assertEqual(sorted(g["groupId"] for g in doc["protectionGroups"]),
                         ["pg-db", "pg-web"])
        self.assertEqual(doc["recoveryPlans"][0]["waves"][1]["pauseBeforeWave"], True)

        # The exported file imports into the same store with no change.
        rc, out, err = self.run_drso("plans", "import", exported)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["changed"], 0)

        # Standard input works too.
        rc, out, err = self.run_drso("plans", "import", "-", stdin=json.dumps(GOOD))
        self.assertEqual(rc, 0, err)

        rc, out, err = self.run_drso("--output", "text", "plans", "show", "plan-1")
        self.assertEqual(rc, 0, err)
        self.assertIn("Wave 2", out)
        self.assertIn("pause", out)

    def test_bad_imports_change_nothing(self):
        rc, _, err = self.run_drso("plans", "import", self.write("good.json", GOOD))
        self.assertEqual(rc, 0, err)
        before = self.snapshot()

        cases = [
            ("truncated", json.dumps(GOOD)[:57], 1, "not valid JSON"),
            ("version", bundle([], [], version=7), 1, "version 7"),
            ("types", {"formatVersion": 1, "protectionGroups": {"a": 1}}, 1,
             "protectionGroups"),
            ("dangling", bundle([], [plan("plan-2", "Other", [["pg-nowhere"]])]), 1,
             "pg-nowhere"),
            ("duplicate ids", bundle([group("pg-x", "X", ["s-0000000000000000c"]),
                                      group("pg-x", "Y", ["s-0000000000000000d"])], []), 5,
             "pg-x"),
            ("conflicting server", bundle([group("pg-new", "New", ["s-0000000000000000a"])],
                                          []), 5, "Database"),
            ("duplicate name", bundle([group("pg-other", "web", ["s-0000000000000000e"])], []),
             5, "Web"),
        ]
        for name, content, code, needle in cases:
            with self.subTest(name):
                rc, out, err = self.run_drso("plans", "import", self.write(name, content))
                self.assertEqual(rc, code, err)
                self.assert_one_line_error(err)
                self.assertIn(needle, err)
                self.assertEqual(self.snapshot(), before)

    def test_not_found(self):
        rc, _, err = self.run_drso("plans", "export", "no-such-plan")
        self.assertEqual(rc, 4)
        self.assert_one_line_error(err)
        self.assertIn("no-such-plan", err)
        rc, _, err = self.run_drso("plans", "import", os.path.join(self.tmp.name, "missing.json"))
        self.assertEqual(rc, 4)
        self.assert_one_line_error(err)

    def test_not_permitted(self):
        self.set_role("read-only")
        rc, _, err = self.run_drso("plans", "import", self.write("good.json", GOOD))
        self.assertEqual(rc, 3, err)
        self.assert_one_line_error(err)
        self.assertIn("drs:CreateProtectionGroup", err)
        self.set_role("plan-manager")
        rc, _, err = self.run_drso("plans", "import", self.write("good.json", GOOD))
        self.assertEqual(rc, 0, err)

    def test_table_output(self):
        self.run_drso("plans", "import", self.write("good.json", GOOD))
        rc, out, err = self.run_drso("--output", "table", "groups", "list")
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("NAME"))
        self.assertEqual(len(lines), 3)
        self.assertTrue(lines[1].startswith("Database"))

    def test_accounts_and_discovery(self):
        server = http.server.HTTPServer(("127.0.0.1", 0), FakeDrs)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = "http://127.0.0.1:%d" % server.server_address[1]
            self.env.update({"AWS_ACCESS_KEY_ID": "AKIDCLITEST", "AWS_SECRET_ACCESS_KEY": "cli-secret"})
            rc, out, err = self.run_drso("accounts", "add", "210987654321", "--name", "Recovery",
                                         "--region", "eu-west-1", "--endpoint-url", url)
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["regions"], ["eu-west-1"])
            rc, out, err = self.run_drso("accounts", "add", "210987654321")
            self.assertEqual(rc, 5, err)
            self.assert_one_line_error(err)
            rc, out, err = self.run_drso("accounts", "add", "12345")
            self.assertEqual(rc, 1, err)
            self.assertIn("12 digits", err)

            rc, out, err = self.run_drso("servers", "discover", "--account", "Recovery")
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out), {"accountId": "Recovery", "sourceServers": 2})
            self.assertTrue(FakeDrs.seen[-1][1].startswith("AWS4-HMAC-SHA256 Credential=AKIDCLITEST/"))
            self.assertIn("/eu-west-1/drs/aws4_request", FakeDrs.seen[-1][1])
            self.assertNotIn("cli-secret", out + err)

            rc, out, err = self.run_drso("servers", "list", "--tag", "Tier=web")
            self.assertEqual(rc, 0, err)
            servers = json.loads(out)
            self.assertEqual([s["hostname"] for s in servers], ["web-1"])
            self.assertEqual(servers[0]["lagSeconds"], 120)
            self.assertEqual(servers[0]["region"], "eu-west-1")

            rc, out, err = self.run_drso("--output", "table", "servers", "list",
                                         "--replication-state", "stalled")
            self.assertEqual(rc, 0, err)
            self.assertEqual(len(out.splitlines()), 2)
            self.assertIn("db-1", out)

            rc, out, err = self.run_drso("servers", "discover", "--account", "nobody")
            self.assertEqual(rc, 4, err)
            self.assert_one_line_error(err)

            # A profile of the shared files: its account is set up on the way.
            config = self.write("aws-config", "[profile prod]\nregion = eu-central-1\n"
                                              "aws_access_key_id = AKIDPROFILE\n"
                                              "aws_secret_access_key = profile-secret\n")
            self.env["AWS_CONFIG_FILE"] = config
            self.env["AWS_SHARED_CREDENTIALS_FILE"] = self.write("aws-credentials", "")
            del self.env["AWS_ACCESS_KEY_ID"], self.env["AWS_SECRET_ACCESS_KEY"]
            rc, out, err = self.run_drso("servers", "discover", "--profile", "prod",
                                         "--region", "eu-central-1", "--endpoint-url", url)
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["sourceServers"], 2)
            self.assertIn("Credential=AKIDPROFILE/", FakeDrs.seen[-1][1])
            rc, out, err = self.run_drso("accounts", "list")
            accounts = {a["accountId"]: a for a in json.loads(out)}
            self.assertEqual(accounts["345678901234"]["profile"], "prod")
            self.assertEqual(accounts["345678901234"]["accountName"], "prod")
            rc, out, err = self.run_drso("servers", "list", "--account", "345678901234")
            self.assertEqual(len(json.loads(out)), 2)
            rc, out, err = self.run_drso("servers", "discover", "--profile", "nope")
            self.assertEqual(rc, 1, err)
            self.assert_one_line_error(err)
            self.assertIn("nope", err)
            self.assertNotIn("profile-secret", out + err)
        finally:
            server.shutdown()
            server.server_close()

    def test_sandbox_discovery_and_readiness(self):
        # A new store has the Sandbox's account: discovery and readiness work
        # with no AWS set-up, against the data folder's own Sandbox.
        rc, out, err = self.run_drso("servers", "discover", "--account", "111122223333")
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out), {"accountId": "111122223333", "sourceServers": 40})
        self.assertTrue(os.path.exists(os.path.join(self.env["XDG_DATA_HOME"],
                                                    "drs-orchestrator", "sandbox.db")))

        groups = [{"groupId": "pg-%s" % tier, "groupName": "Orders %s" % tier,
                   "description": "", "region": "us-east-1", "accountId": "111122223333",
                   "serverIds": [], "tagCriteria": {"Application": "Order Portal", "Tier": tier}}
                  for tier in ("db", "web")]
        orders = plan("plan-orders", "Orders", [["pg-db"], ["pg-web"]])
        orders["rpoTargetSeconds"] = 900
        rc, _, err = self.run_drso("plans", "import", self.write("orders.json",
                                                                  bundle(groups, [orders])))
        self.assertEqual(rc, 0, err)

        rc, out, err = self.run_drso("plans", "readiness", "Orders")
        report = json.loads(out)
        self.assertIn(report["verdict"], ("GO", "GO_WITH_WARNINGS", "NO_GO"))
        self.assertEqual(rc, 1 if report["verdict"] == "NO_GO" else 0, err)
        self.assertEqual(report["predictedRtoSeconds"], 600)
        for finding in report["findings"]:
            self.assertEqual(set(finding), {"severity", "rule", "wave", "serverId", "message"})
            self.assertIn(finding["severity"], ("INFO", "WARNING", "BLOCKER"))
        if rc == 1:
            self.assert_one_line_error(err)
            self.assertIn("Orders is not ready", err)

        rc, _, err = self.run_drso("plans", "readiness", "No such plan")
        self.assertEqual(rc, 4, err)
        self.assert_one_line_error(err)

    def test_store_files_are_private(self):
        self.run_drso("plans", "list")
        folder = os.path.join(self.env["XDG_DATA_HOME"], "drs-orchestrator")
        self.assertEqual(os.stat(folder).st_mode & 0o777, 0o700)
        for name in os.listdir(folder):
            self.assertEqual(os.stat(os.path.join(folder, name)).st_mode & 0o777, 0o600, name)


SANDBOX = "111122223333"
TARGET = "444455556666"
TARGET_ROLE = "arn:aws:iam::444455556666:role/DrsoRecoveryRole"
TARGET_EXTERNAL_ID = "qfl-recovery-east-7Q2M"

# Every command, as drso --help lists them.
COMMANDS = [("accounts", v) for v in ("list", "add", "show", "update", "remove", "validate")] + \
    [("servers", v) for v in ("discover", "list", "show")] + \
    [("groups", v) for v in ("list", "create", "show", "update", "delete", "resolve")] + \
    [("plans", v) for v in ("list", "create", "show", "update", "delete", "validate",
                            "readiness", "export", "import")] + \
    [("executions", v) for v in ("start", "list", "show", "events", "pause", "resume",
                                 "cancel", "retry", "skip-wave", "terminate-instances",
                                 "drive", "delete")] + \
    [("drs", v) for v in ("quotas", "jobs", "job-log", "instances",
                          "launch-configuration")] + \
    [("config", "show"), ("config", "set"), ("sandbox",)]


class SandboxCliTest(CliBase):
    """The commands against the data folder's own Sandbox: no fakes."""

    def setUp(self):
        super().setUp()
        rc, _, err = self.run_drso("servers", "discover", "--account", SANDBOX)
        self.assertEqual(rc, 0, err)

    def json_ok(self, *args):
        rc, out, err = self.run_drso(*args)
        self.assertEqual(rc, 0, "%s: %s" % (args, err))
        return json.loads(out)

    def assert_fails(self, code, needle, *args):
        rc, out, err = self.run_drso(*args)
        self.assertEqual(rc, code, "%s: %s" % (args, err))
        self.assert_one_line_error(err)
        if needle:
            self.assertIn(needle, err)
        return err

    def run_on_pty(self, *args):
        master, slave = pty.openpty()
        proc = subprocess.Popen([DRSO, *args], env=self.env, stdout=slave,
                                stderr=subprocess.PIPE, text=True)
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        err = proc.stderr.read()
        proc.stderr.close()
        self.assertEqual(proc.wait(timeout=30), 0, err)
        return b"".join(chunks).decode().replace("\r\n", "\n")

    def test_help_lists_every_command(self):
        rc, out, _ = self.run_drso("--help")
        self.assertEqual(rc, 0)
        for command in COMMANDS:
            self.assertIn(" ".join(command), out)
            rc, help_out, err = self.run_drso(*command, "--help")
            self.assertEqual(rc, 0, (command, err))
            self.assertIn("drso " + " ".join(command), help_out)

    def test_accounts(self):
        account = self.json_ok("accounts", "show", SANDBOX)
        self.assertEqual(account["accountId"], SANDBOX)
        self.assertTrue(account["simulated"])

        report = self.json_ok("accounts", "validate", SANDBOX)
        self.assertEqual(report["accountId"], SANDBOX)
        self.assertEqual([c["check"] for c in report["checks"]], ["sts", "drs", "ec2"])
        self.assertTrue(all(c["ok"] for c in report["checks"]), report)
        self.assertIn(SANDBOX, report["checks"][0]["detail"])
        account = self.json_ok("accounts", "show", SANDBOX)
        self.assertTrue(account["validated"])
        self.assertGreater(account["lastValidated"], 0)

        # A simulated target account whose role asks for another external id.
        added = self.json_ok("accounts", "add", TARGET, "--simulated", "--name", "Recovery East",
                             "--region", "us-east-1", "--role-arn", TARGET_ROLE,
                             "--external-id", "not-the-right-one")
        self.assertTrue(added["simulated"])
        rc, out, err = self.run_drso("accounts", "validate", "Recovery East")
        self.assertEqual(rc, 1, err)
        self.assert_one_line_error(err)
        checks = {c["check"]: c for c in json.loads(out)["checks"]}
        self.assertTrue(checks["sts"]["ok"])
        self.assertFalse(checks["role"]["ok"])
        self.assertIn("AssumeRole", checks["role"]["detail"])
        self.assertFalse(self.json_ok("accounts", "show", TARGET)["validated"])

        updated = self.json_ok("accounts", "update", TARGET, "--external-id", TARGET_EXTERNAL_ID,
                               "--name", "East", "--region", "us-east-1", "--region", "us-west-2")
        self.assertEqual(updated["externalId"], TARGET_EXTERNAL_ID)
        self.assertEqual(updated["regions"], ["us-east-1", "us-west-2"])
        rc, out, err = self.run_drso("--output", "text", "accounts", "validate", "East")
        self.assertEqual(rc, 0, err)
        self.assertEqual([line[:1] for line in out.splitlines()], ["✓"] * 4)
        self.assertIn("role", out)

        self.assertEqual(self.json_ok("accounts", "remove", "East"),
                         {"accountId": TARGET, "removed": True})
        self.assert_fails(4, "East", "accounts", "show", "East")
        self.assert_fails(4, "nobody", "accounts", "validate", "nobody")
        self.assert_fails(2, "Say what to change", "accounts", "update", SANDBOX)
        self.assert_fails(2, None, "accounts", "show")
        self.assert_fails(2, None, "accounts", "update", SANDBOX, "--bogus")

    def test_servers(self):
        servers = self.json_ok("servers", "list", "--account", SANDBOX, "--tag", "Tier=db",
                               "--tag", "Application=Billing")
        self.assertTrue(servers)
        for server in servers:
            self.assertEqual(server["tags"]["Tier"], "db")
            self.assertEqual(server["tags"]["Application"], "Billing")
        every = self.json_ok("servers", "list", "--region", "us-east-1")
        self.assertEqual(len(every), 40)
        continuous = self.json_ok("servers", "list", "--state", "continuous")
        self.assertTrue(all(s["replicationState"] == "CONTINUOUS" for s in continuous))
        self.assertLess(len(continuous), 40)
        self.assertEqual(self.json_ok("servers", "list", "--region", "eu-west-1"), [])

        first = servers[0]
        by_id = self.json_ok("servers", "show", first["sourceServerID"])
        by_host = self.json_ok("servers", "show", first["hostname"])
        self.assertEqual(by_id, by_host)
        self.assertEqual(by_id["sourceServerID"], first["sourceServerID"])
        self.assert_fails(4, "nowhere-01", "servers", "show", "nowhere-01")
        self.assert_fails(2, "KEY=VALUE", "servers", "list", "--tag", "Tier")

    def test_groups(self):
        group = self.json_ok("groups", "create", "Billing DB", "--account", "Sandbox (simulated)",
                             "--tag", "Application=Billing", "--tag", "Tier=db",
                             "--description", "The billing databases")
        self.assertEqual(group["accountId"], SANDBOX)
        self.assertEqual(group["region"], "us-east-1")
        self.assertEqual(group["tagCriteria"], {"Application": "Billing", "Tier": "db"})
        self.assertTrue(group["groupId"].startswith("pg-"))

        resolved = self.json_ok("groups", "resolve", "Billing DB")
        self.assertTrue(resolved)
        for server in resolved:
            self.assertEqual((server["tags"]["Application"], server["tags"]["Tier"]),
                             ("Billing", "db"))

        web = [s for s in self.json_ok("servers", "list", "--tag", "Tier=web")]
        created = self.json_ok("groups", "create", "Web", "--account", SANDBOX, "--server",
                               web[0]["hostname"])
        self.assertEqual(created["serverIds"], [web[0]["sourceServerID"]])
        updated = self.json_ok("groups", "update", "Web", "--add-server",
                               web[1]["sourceServerID"], "--name", "Web tier")
        self.assertEqual(updated["groupName"], "Web tier")
        self.assertEqual(updated["serverIds"], [s["sourceServerID"] for s in web[:2]])
        updated = self.json_ok("groups", "update", "Web tier", "--remove-server",
                               web[0]["hostname"])
        self.assertEqual(updated["serverIds"], [web[1]["sourceServerID"]])
        self.assertEqual(self.json_ok("groups", "show", created["groupId"])["groupName"],
                         "Web tier")

        self.assert_fails(5, "Web tier", "groups", "create", "web tier", "--account", SANDBOX,
                          "--tag", "Tier=app")
        self.assert_fails(5, None, "groups", "create", "Other", "--account", SANDBOX,
                          "--server", web[1]["sourceServerID"])
        self.assert_fails(2, "--server", "groups", "create", "Empty", "--account", SANDBOX)
        self.assert_fails(2, "KEY=VALUE", "groups", "create", "Bad", "--account", SANDBOX,
                          "--tag", "novalue")
        self.assert_fails(4, "nowhere", "groups", "create", "Bad", "--account", SANDBOX,
                          "--server", "nowhere")
        self.assert_fails(4, None, "groups", "create", "Bad", "--account", "999999999999",
                          "--tag", "A=b")
        self.assert_fails(4, "Nope", "groups", "show", "Nope")
        self.assert_fails(4, "Nope", "groups", "resolve", "Nope")

        out = self.run_on_pty("groups", "list")
        lines = out.splitlines()
        self.assertEqual(lines[0].split()[:2], ["NAME", "ID"])
        self.assertEqual(len(lines), 3)
        self.assertTrue(any(line.startswith("Billing DB") for line in lines))

        self.assertEqual(self.json_ok("groups", "delete", "Web tier"),
                         {"groupId": created["groupId"], "deleted": True})
        self.assert_fails(4, None, "groups", "delete", "Web tier")

    def test_plans(self):
        db = self.json_ok("groups", "create", "DB", "--account", SANDBOX, "--tag", "Tier=db")
        web = self.json_ok("groups", "create", "Web", "--account", SANDBOX, "--tag", "Tier=web")
        app = self.json_ok("groups", "create", "App", "--account", SANDBOX, "--tag", "Tier=app")
        plan = self.json_ok("plans", "create", "Orders", "--description", "All tiers",
                            "--wave", "Data:DB", "--wave", "Front:Web," + app["groupId"] + ":pause",
                            "--rpo", "900", "--rto", "3600")
        self.assertEqual(plan["planName"], "Orders")
        self.assertEqual(plan["rpoTargetSeconds"], 900)
        self.assertEqual([(w["waveName"], w["protectionGroupIds"], w["pauseBeforeWave"])
                          for w in plan["waves"]],
                         [("Data", [db["groupId"]], False),
                          ("Front", [web["groupId"], app["groupId"]], True)])

        server = self.json_ok("groups", "resolve", "Web")[0]["sourceServerID"]
        other = self.json_ok("groups", "resolve", "DB")[0]["sourceServerID"]
        plan = self.json_ok("plans", "update", "Orders", "--optional", server,
                            "--pin", other + "=pit-0123456789abcdef0")
        self.assertEqual(plan["serverSettings"][server]["criticality"], "OPTIONAL")
        self.assertEqual(plan["serverSettings"][other]["recoverySnapshotId"],
                         "pit-0123456789abcdef0")
        plan = self.json_ok("plans", "update", plan["planId"], "--critical", server,
                            "--unpin", other, "--wave", "All:DB,Web,App", "--name", "Orders 2")
        self.assertEqual(plan["planName"], "Orders 2")
        self.assertEqual(len(plan["waves"]), 1)
        self.assertNotIn("recoverySnapshotId", plan.get("serverSettings", {}).get(other, {}))

        self.assertEqual(self.json_ok("plans", "validate", "Orders 2"),
                         {"planId": plan["planId"], "planName": "Orders 2", "valid": True,
                          "problems": []})

        self.assert_fails(2, "NAME:GROUP", "plans", "create", "Bad", "--wave", "Only a name")
        self.assert_fails(2, "NAME:GROUP", "plans", "create", "Bad", "--wave", "W:DB:later")
        self.assert_fails(4, "Missing", "plans", "create", "Bad", "--wave", "W:Missing")
        self.assert_fails(1, None, "plans", "update", "Orders 2", "--pin", server + "=snap-1")
        self.assert_fails(2, "SERVER=pit", "plans", "update", "Orders 2", "--pin", server)
        self.assert_fails(5, None, "plans", "create", "orders 2", "--wave", "W:DB")
        self.assert_fails(1, "one wave only", "plans", "create", "Twice", "--wave", "A:DB", "--wave", "B:DB")
        self.assert_fails(2, "Say what to change", "plans", "update", "Orders 2")
        self.assert_fails(4, "Nope", "plans", "validate", "Nope")
        self.assert_fails(5, "Orders 2", "groups", "delete", "DB")

        self.assertEqual(self.json_ok("plans", "delete", "Orders 2"),
                         {"planId": plan["planId"], "deleted": True})
        self.assertEqual(self.json_ok("plans", "list"), [])
        self.assert_fails(4, None, "plans", "delete", "Orders 2")

    def start_shared_sandbox(self, *options):
        proc = subprocess.Popen([DRSO, "sandbox", "--shared", *options], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        environment = {}
        while "AWS_DEFAULT_REGION" not in environment:
            line = proc.stdout.readline()
            self.assertTrue(line, "drso sandbox --shared ended early")
            key, _, value = line.strip()[len("export "):].partition("=")
            environment[key] = value
        return proc, environment

    def test_drs(self):
        quotas = self.json_ok("drs", "quotas", "--account", SANDBOX)
        self.assertEqual(quotas["limits"], {"replicatingServers": 300, "activeJobs": 20,
                                            "serversPerJob": 100, "serversInActiveJobs": 500})
        [region] = quotas["regions"]
        self.assertEqual((region["accountId"], region["region"]), (SANDBOX, "us-east-1"))
        self.assertEqual(region["sourceServers"], 40)
        self.assertLessEqual(region["replicatingServers"], 40)
        self.assertGreater(region["replicatingServers"], 0)
        self.assertEqual(region["activeJobs"], 0)

        out = self.run_on_pty("drs", "quotas", "--account", SANDBOX)
        self.assertIn("300 replicating servers", out)
        row = [line for line in out.splitlines() if line.startswith(SANDBOX)]
        self.assertEqual(len(row), 1, out)
        self.assertIn("%d/300" % region["replicatingServers"], row[0])
        self.assertIn("0/20", row[0])

        self.assertEqual(self.json_ok("drs", "jobs", "--account", SANDBOX, "--since", "1h"), [])
        self.assertEqual(self.json_ok("drs", "instances", "--account", SANDBOX), [])
        self.assert_fails(4, "nope", "drs", "instances", "--account", SANDBOX, "--server", "nope")
        server = self.json_ok("servers", "list")[0]
        config = self.json_ok("drs", "launch-configuration", server["hostname"])
        self.assertEqual(config["sourceServerID"], server["sourceServerID"])
        self.assertTrue(config["ec2LaunchTemplateID"].startswith("lt-"), config)
        self.assertIn(config["launchDisposition"], ("STARTED", "STOPPED"))
        self.assert_fails(4, "nope", "drs", "launch-configuration", "nope")
        self.assert_fails(2, None, "drs", "launch-configuration")
        self.assert_fails(2, "--since", "drs", "jobs", "--account", SANDBOX, "--since", "soon")
        self.assert_fails(4, "nobody", "drs", "quotas", "--account", "nobody")
        self.assert_fails(4, None, "drs", "job-log", "drsjob-00000000000000000",
                          "--account", SANDBOX)

        try:
            import boto3
        except ImportError:
            self.skipTest("boto3 is needed to start a DRS job in the Sandbox")
        sandbox, environment = self.start_shared_sandbox("--time-scale", "600")
        try:
            drs = boto3.client("drs", endpoint_url=environment["AWS_ENDPOINT_URL"],
                               region_name=environment["AWS_REGION"],
                               aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
                               aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"])
            server = self.json_ok("servers", "list", "--state", "CONTINUOUS")[0]
            job = drs.start_recovery(isDrill=True,
                                     sourceServers=[{"sourceServerID": server["sourceServerID"]}],
                                     tags={"purpose": "cli-test"})["job"]

            jobs = self.json_ok("drs", "jobs", "--account", SANDBOX, "--since", "10m")
            self.assertEqual([j["jobID"] for j in jobs], [job["jobID"]])
            self.assertEqual(jobs[0]["type"], "LAUNCH")
            self.assertEqual(jobs[0]["tags"], {"purpose": "cli-test"})
            self.assertEqual([s["sourceServerID"] for s in jobs[0]["participatingServers"]],
                             [server["sourceServerID"]])
            self.assertIn(jobs[0]["status"], ("PENDING", "STARTED", "COMPLETED"))
            log = self.json_ok("drs", "job-log", job["jobID"], "--account", SANDBOX)
            self.assertIsInstance(log, list)
            for item in log:
                self.assertIn("event", item)
                self.assertIn("logDateTime", item)
            quotas = self.json_ok("drs", "quotas", "--account", SANDBOX)
            active = 0 if jobs[0]["status"] == "COMPLETED" else 1
            # The drill's instance, once the job has launched it.
            for _ in range(240):
                instances = self.json_ok("drs", "instances", "--account", SANDBOX,
                                         "--server", server["hostname"])
                if instances:
                    break
                time.sleep(0.5)
            [instance] = instances
            self.assertEqual((instance["sourceServerID"], instance["jobID"], instance["isDrill"]),
                             (server["sourceServerID"], job["jobID"], True))
            self.assertTrue(instance["ec2InstanceID"].startswith("i-"))
            self.assertEqual(self.json_ok("drs", "instances", "--account", SANDBOX, "--instance",
                                          instance["recoveryInstanceID"]), [instance])
            self.assertLessEqual(quotas["regions"][0]["activeJobs"], active)
        finally:
            sandbox.send_signal(signal.SIGTERM)
            sandbox.wait(timeout=30)
            sandbox.stdout.close()

    def test_config(self):
        config = self.json_ok("config", "show")
        self.assertEqual(sorted(config), ["default-region", "notify-finished", "notify-paused",
                                          "notify-wave-completed", "poll-max-interval",
                                          "poll-min-interval", "role", "sandbox-faults",
                                          "sandbox-time-scale", "window-height",
                                          "window-maximized", "window-width"])
        self.assertEqual(config["role"]["value"], "administrator")
        self.assertIn("read-only", config["role"]["takes"])
        self.assertTrue(config["role"]["writable"])

        err = self.assert_fails(2, "boss", "config", "set", "role", "boss")
        self.assertIn("plan-manager", err)
        self.assert_fails(2, "whole number", "config", "set", "window-width", "wide")
        self.assert_fails(4, "nope", "config", "set", "nope", "1")
        self.assert_fails(2, None, "config", "set", "role")

        self.assertEqual(self.json_ok("config", "set", "window-width", "1300"),
                         {"key": "window-width", "value": 1300})
        self.assertEqual(self.json_ok("config", "set", "role", "read-only"),
                         {"key": "role", "value": "read-only"})
        self.assertEqual(self.json_ok("config", "show", "role")["role"]["value"], "read-only")
        # The role now in force refuses changes.
        self.assert_fails(3, "drs:CreateProtectionGroup", "groups", "create", "G",
                          "--account", SANDBOX, "--tag", "A=b")
        self.json_ok("config", "set", "role", "administrator")
        self.json_ok("groups", "create", "G", "--account", SANDBOX, "--tag", "A=b")


if __name__ == "__main__":
    DRSO = sys.argv.pop(1)
    unittest.main(verbosity=2)

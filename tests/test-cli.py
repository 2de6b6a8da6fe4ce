#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# drso end to end: runs the built command line against a store in a
# temporary data folder and checks its output, files and exit codes.

import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
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


class CliTest(unittest.TestCase):
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


if __name__ == "__main__":
    DRSO = sys.argv.pop(1)
    unittest.main(verbosity=2)

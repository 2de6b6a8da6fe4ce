#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# No secret anywhere: recognisable AWS secrets are planted through every way
# one comes in (the keyring, a static profile of the shared files, a
# credential_process, a role chain and STS AssumeRole, the environment),
# then drso is put through its paces with debug logging on (accounts add,
# list, show and validate in every output format, discovery against a fake
# AWS and the Sandbox, calls that fail in each way, a drill driven by a
# background process, exports, crashes); then every file of its home, XDG
# and data folders (the store's bytes, its -wal, driver.log, the Sandbox's
# state file), every output it printed and its crash output are searched
# for each secret, as is and encoded (base64, URL, hex, JSON). Zero hits.
#
# What is secret: a secret access key and a session token, wherever they
# come from (AssumeRole's included). An access key id is not (AWS says so),
# but drso has no reason to show or keep one, so it is searched for too. An
# external id is not secret either: it is one of an account's settings, kept
# in the store and shown (`accounts show`).

import base64
import binascii
import json
import os
import resource
import signal
import subprocess
import sys
import time
import unittest
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import securitylib as lib  # noqa: E402

REGION = "us-east-1"

KEYRING = {"account": "210000000001", "id": "AKIAPLANTEDKEYRING01",
           "secret": "kEyRiNg/PLANTED+secretAccessKey0000000001"}
STATIC = {"account": "210000000002", "id": "AKIAPLANTEDSTATIC002",
          "secret": "sTaTiC/PLANTED+secretAccessKey00000000002"}
PROCESS = {"account": "210000000003", "id": "AKIAPLANTEDPROCESS03",
           "secret": "pRoCeSs/PLANTED+secretAccessKey0000000003",
           "token": "IQoJb3JpZ2luPLANTED/process+sessionToken/0000000003=="}
CHAIN_ACCOUNT = "210000000004"
ENVIRONMENT = {"account": "210000000005", "id": "AKIAPLANTEDENVIRON05",
               "secret": "eNvIrOn/PLANTED+secretAccessKey0000000005",
               "token": "IQoJb3JpZ2luPLANTED/environment+sessionToken/05=="}
TARGET = {"account": "210000000006", "role": "arn:aws:iam::210000000006:role/DrsoTarget",
          "external_id": "not-a-secret-external-id-06"}
ASSUMED = {"AccessKeyId": "ASIAPLANTEDASSUMED06",
           "SecretAccessKey": "aSsUmEd/PLANTED+secretAccessKey0000000006",
           "SessionToken": "IQoJb3JpZ2luPLANTED/assumed+sessionToken/0000000006=="}
DENIED = {"account": "210000000007", "id": "AKIAPLANTEDDENIED007",
          "secret": "dEnIeD/PLANTED+secretAccessKey00000000007"}
UNREACHABLE_ACCOUNT = "210000000008"
SANDBOX_AUTH_ACCOUNT = "210000000009"
BAD_PROCESS = {"account": "210000000010", "secret": "bAdPrOc/PLANTED+secretAccessKey0000000010",
               "token": "IQoJb3JpZ2luPLANTED/badprocess+sessionToken/10=="}
BAD_JSON = {"account": "210000000011", "secret": "bAdJsOn/PLANTED+secretAccessKey0000000011"}
CUT_ACCOUNT = "210000000012"

SECRETS = {
    "keyring secret access key": KEYRING["secret"],
    "profile secret access key": STATIC["secret"],
    "credential_process secret access key": PROCESS["secret"],
    "credential_process session token": PROCESS["token"],
    "environment secret access key": ENVIRONMENT["secret"],
    "environment session token": ENVIRONMENT["token"],
    "AssumeRole secret access key": ASSUMED["SecretAccessKey"],
    "AssumeRole session token": ASSUMED["SessionToken"],
    "denied profile secret access key": DENIED["secret"],
    "failing credential_process secret access key": BAD_PROCESS["secret"],
    "failing credential_process session token": BAD_PROCESS["token"],
    "unreadable credential_process secret access key": BAD_JSON["secret"],
}
KEY_IDS = {name: value for name, value in (
    ("keyring key id", KEYRING["id"]), ("profile key id", STATIC["id"]),
    ("credential_process key id", PROCESS["id"]), ("environment key id", ENVIRONMENT["id"]),
    ("AssumeRole key id", ASSUMED["AccessKeyId"]), ("denied key id", DENIED["id"]))}

PROCESS_SCRIPT = r'''
import json, sys
kind = sys.argv[1]
if kind == "good":
    print(json.dumps({"Version": 1, "AccessKeyId": "%(pid)s", "SecretAccessKey": "%(psecret)s",
                      "SessionToken": "%(ptoken)s"}))
elif kind == "fails":
    # A broken helper that prints what it should not, then fails.
    print(json.dumps({"Version": 1, "AccessKeyId": "AKIABADPROCESS000010",
                      "SecretAccessKey": "%(bsecret)s", "SessionToken": "%(btoken)s"}))
    sys.stderr.write("could not refresh %(bsecret)s for token %(btoken)s\n")
    sys.exit(3)
else:
    # Cut short in the middle of the secret: not JSON.
    sys.stdout.write('{"Version": 1, "AccessKeyId": "AKIABADJSON000000011", '
                     '"SecretAccessKey": "%(jsecret)s')
''' % {"pid": PROCESS["id"], "psecret": PROCESS["secret"], "ptoken": PROCESS["token"],
       "bsecret": BAD_PROCESS["secret"], "btoken": BAD_PROCESS["token"],
       "jsecret": BAD_JSON["secret"]}

DEBUG = {"G_MESSAGES_DEBUG": "all"}


def keyring_available():
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) and \
        subprocess.run(["sh", "-c", "command -v secret-tool"], capture_output=True).returncode == 0


def keyring_store(account, key_id, secret):
    value = '{"accessKeyId":"%s","secretAccessKey":"%s"}' % (key_id, secret)
    subprocess.run(["secret-tool", "store", "--label=DRS Orchestrator test keys",
                    "xdg:schema", "io.github.drso.Orchestrator", "account-id", account],
                   input=value.encode(), check=True, timeout=30)


def keyring_clear(account):
    subprocess.run(["secret-tool", "clear", "xdg:schema", "io.github.drso.Orchestrator",
                    "account-id", account], timeout=30)


def allow_core_files():
    """In the child: core files as large as the hard limit allows, so that
    only the program itself can keep them from being written."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


class SecretsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = lib.Workspace()
        cls.fake = lib.FakeAws(accounts={
            KEYRING["id"]: KEYRING["account"], STATIC["id"]: STATIC["account"],
            PROCESS["id"]: PROCESS["account"], ENVIRONMENT["id"]: ENVIRONMENT["account"],
            DENIED["id"]: DENIED["account"]}, assumed=ASSUMED)
        cls.fake.denied.add(DENIED["id"])
        cls.keyring = keyring_available()
        cls.crashes = []
        cls.snapshots = []
        cls.sandbox = None
        try:
            cls.exercise()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.sandbox is not None:
            cls.ws.stop(cls.sandbox)
            cls.sandbox = None
        if cls.keyring:
            keyring_clear(KEYRING["account"])
        cls.fake.close()
        if os.environ.get("DRSO_KEEP_SECURITY_TREE"):
            cls.ws.tmp._finalizer.detach()
            print("kept", cls.ws.root, file=sys.stderr)
        else:
            cls.ws.cleanup()

    # The run

    @classmethod
    def ok(cls, *args, env=None):
        rc, out, err = cls.ws.run(*args, env=cls.env(env))
        if rc != 0:
            raise AssertionError("drso %s: exit %d: %s" % (" ".join(args), rc, err[-2000:]))
        return out

    @classmethod
    def json_ok(cls, *args):
        # Debug messages go to stdout with GLib's default writer: none here.
        return json.loads(cls.ok(*args, env={"G_MESSAGES_DEBUG": ""}))

    @classmethod
    def fails(cls, *args, env=None):
        rc, out, err = cls.ws.run(*args, env=cls.env(env))
        if rc == 0:
            raise AssertionError("drso %s should have failed: %s" % (" ".join(args), out))
        return err

    @classmethod
    def env(cls, extra=None):
        # Every run has the environment's keys and debug logging.
        env = {"AWS_ACCESS_KEY_ID": ENVIRONMENT["id"],
               "AWS_SECRET_ACCESS_KEY": ENVIRONMENT["secret"],
               "AWS_SESSION_TOKEN": ENVIRONMENT["token"]}
        env.update(DEBUG)
        env.update(extra or {})
        return env

    @classmethod
    def plant(cls):
        ws = cls.ws
        script = ws.write_input("credential-process.py", PROCESS_SCRIPT, 0o700)
        ws.write_input("aws-credentials",
                       "[static]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n"
                       "[denied]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (
                           STATIC["id"], STATIC["secret"], DENIED["id"], DENIED["secret"]))
        ws.write_input("aws-config",
                       "[profile static]\nregion = %s\n\n"
                       "[profile proc]\nregion = %s\n"
                       "credential_process = /usr/bin/python3 %s good\n\n"
                       "[profile chain]\nregion = %s\nrole_arn = arn:aws:iam::%s:role/Chain\n"
                       "source_profile = static\nexternal_id = chain-external-id\n\n"
                       "[profile badproc]\nregion = %s\n"
                       "credential_process = /usr/bin/python3 %s fails\n\n"
                       "[profile badjson]\nregion = %s\n"
                       "credential_process = /usr/bin/python3 %s cut\n\n"
                       "[profile denied]\nregion = %s\n" % (
                           REGION, REGION, script, REGION, CHAIN_ACCOUNT, REGION, script,
                           REGION, script, REGION))
        if cls.keyring:
            try:
                keyring_store(KEYRING["account"], KEYRING["id"], KEYRING["secret"])
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                cls.keyring = False   # a bus, but no keyring on it

    @classmethod
    def exercise(cls):
        ws, url = cls.ws, cls.fake.url
        cls.plant()

        # The built-in Sandbox, served by the process itself.
        cls.ok("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)

        # Accounts through each way in.
        real = [(KEYRING["account"], "Keyring", []),
                (STATIC["account"], "Static", ["--profile", "static"]),
                (PROCESS["account"], "Process", ["--profile", "proc"]),
                (CHAIN_ACCOUNT, "Chain", ["--profile", "chain"]),
                (ENVIRONMENT["account"], "Environment", []),
                (TARGET["account"], "Target", ["--role-arn", TARGET["role"], "--external-id",
                                               TARGET["external_id"]])]
        for account, name, options in real:
            cls.ok("accounts", "add", account, "--name", name, "--region", REGION,
                   "--endpoint-url", url, *options)
        cls.ok("--output", "table", "accounts", "add", DENIED["account"], "--name", "Denied",
               "--region", REGION, "--endpoint-url", url, "--profile", "denied")
        cls.ok("--output", "text", "accounts", "add", UNREACHABLE_ACCOUNT, "--name", "Unreachable",
               "--region", REGION, "--endpoint-url", "http://127.0.0.1:%d" % lib.closed_port())
        cls.ok("accounts", "add", BAD_PROCESS["account"], "--name", "Bad process", "--region",
               REGION, "--endpoint-url", url, "--profile", "badproc")
        cls.ok("accounts", "add", BAD_JSON["account"], "--name", "Bad JSON", "--region", REGION,
               "--endpoint-url", url, "--profile", "badjson")
        cls.ok("accounts", "add", CUT_ACCOUNT, "--name", "Cut", "--region", REGION,
               "--endpoint-url", url, "--role-arn", "arn:aws:iam::%s:role/Cut" % CUT_ACCOUNT)

        working = [a for a, _, _ in real if a != KEYRING["account"] or cls.keyring]
        for output in ("json", "table", "text"):
            cls.ok("--output", output, "accounts", "list")
            for account in working:
                cls.ok("--output", output, "accounts", "show", account)
        for account in working:
            cls.ok("accounts", "validate", account)
            cls.ok("--output", "text", "accounts", "validate", account)
            cls.ok("servers", "discover", "--account", account)
        cls.ok("servers", "discover", "--profile", "static", "--region", REGION,
               "--endpoint-url", url)
        cls.ok("--output", "table", "servers", "list")

        # Calls that fail: refused, unreachable, a failing or unreadable
        # credential process, an AssumeRole answer cut short.
        cls.fails("servers", "discover", "--account", DENIED["account"])
        cls.fails("--output", "text", "accounts", "validate", DENIED["account"])
        cls.fails("servers", "discover", "--account", UNREACHABLE_ACCOUNT)
        cls.fails("accounts", "validate", UNREACHABLE_ACCOUNT)
        cls.fails("servers", "discover", "--account", BAD_PROCESS["account"])
        cls.fails("--output", "text", "accounts", "validate", BAD_PROCESS["account"])
        cls.fails("servers", "discover", "--account", BAD_JSON["account"])
        cls.fails("--output", "text", "accounts", "validate", BAD_JSON["account"])
        cls.fake.cut_assume_role = True
        try:
            cls.fails("servers", "discover", "--account", CUT_ACCOUNT)
            cls.fails("--output", "text", "accounts", "validate", CUT_ACCOUNT)
        finally:
            cls.fake.cut_assume_role = False
        cls.fails("servers", "discover", "--profile", "badproc", "--region", REGION,
                  "--endpoint-url", url)

        # The shared Sandbox, which knows none of the keys.
        cls.sandbox, exported = ws.start_shared_sandbox(env=cls.env())
        cls.ok("accounts", "add", SANDBOX_AUTH_ACCOUNT, "--name", "Sandbox with my keys",
               "--region", REGION, "--endpoint-url", exported["AWS_ENDPOINT_URL"])
        cls.fails("servers", "discover", "--account", SANDBOX_AUTH_ACCOUNT)
        cls.fails("--output", "text", "accounts", "validate", SANDBOX_AUTH_ACCOUNT)

        cls.drill()
        cls.crash(signal.SIGSEGV)
        cls.crash(signal.SIGABRT)

    @classmethod
    def drill(cls):
        """A drill of the Sandbox's servers, driven by a background process
        (its messages in driver.log), then its instances terminated and the
        plan exported."""
        cls.ok("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)
        servers = [s for s in cls.json_ok("servers", "list", "--account", lib.SANDBOX_ACCOUNT,
                                          "--state", "CONTINUOUS")
                   if s.get("lagSeconds", 0) < 60]
        cls.ok("groups", "create", "Secrets DB", "--account", lib.SANDBOX_ACCOUNT, "--server",
               servers[0]["hostname"])
        cls.ok("groups", "create", "Secrets Web", "--account", lib.SANDBOX_ACCOUNT, "--server",
               servers[1]["hostname"])
        cls.ok("plans", "create", "Secrets", "--wave", "DB:Secrets DB", "--wave",
               "Web:Secrets Web")
        execution = cls.json_ok("executions", "start", "Secrets", "--drill")
        execution_id = execution["executionId"]
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline:
            status = cls.json_ok("executions", "show", execution_id)["status"]
            if status not in ("PENDING", "RUNNING", "PAUSED"):
                break
            if len(cls.snapshots) < 3:
                cls.snapshots.append(cls.ws.snapshot("drill-%d" % len(cls.snapshots)))
            time.sleep(0.5)
        if status != "COMPLETED":
            raise AssertionError("the drill ended %s" % status)
        cls.ok("executions", "events", execution_id)
        cls.ok("executions", "terminate-instances", execution_id)
        cls.ok("plans", "export", "--all", "-o", os.path.join(cls.ws.root, "export.json"))
        cls.ok("plans", "export", "--all")
        # The driver has ended: driver.log is complete.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and cls.drivers():
            time.sleep(0.2)

    @classmethod
    def drivers(cls):
        marker = ("XDG_DATA_HOME=" + cls.ws.env["XDG_DATA_HOME"]).encode()
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    command = f.read().split(b"\0")
                with open("/proc/%s/environ" % pid, "rb") as f:
                    environment = f.read().split(b"\0")
            except OSError:
                continue
            if b"drive" in command and marker in environment:
                found.append(int(pid))
        return found

    @classmethod
    def crash(cls, signum):
        """A drso process with the keyring's (or the environment's) secret
        in memory, killed by @signum in the middle of a call, allowed to
        write a core file in its working folder (the test's home)."""
        account = KEYRING["account"] if cls.keyring else ENVIRONMENT["account"]
        seen = len(cls.fake.requests)
        cls.fake.release.clear()
        cls.fake.stall.set()
        proc = cls.ws.popen("servers", "discover", "--account", account, env=cls.env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=allow_core_files)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not any(
                    path == "/DescribeSourceServers" for path, _, _ in cls.fake.requests[seen:]):
                time.sleep(0.05)
            with open("/proc/%d/limits" % proc.pid) as f:
                limits = [line for line in f if line.startswith("Max core file size")]
            cls.snapshots.append(cls.ws.snapshot("crash-%d" % signum))
            proc.send_signal(signum)
            out, err = proc.communicate(timeout=60)
        finally:
            cls.fake.stall.clear()
            cls.fake.release.set()
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        cls.ws.runs.append((("crash", signum), proc.returncode, out, err))
        cls.crashes.append((signum, proc.returncode, limits[0].split()[4] if limits else None))

    # The checks

    def search(self):
        return lib.SecretSearch(dict(SECRETS, **KEY_IDS))

    def test_search_finds_every_form(self):
        """The search itself: a secret is found as is, in base64 at any
        offset, URL-encoded, JSON-escaped and in hexadecimal."""
        search = lib.SecretSearch({"s": PROCESS["token"]})
        raw = PROCESS["token"].encode()
        for blob in (b"x" + raw + b"y", urllib.parse.quote(PROCESS["token"], safe="").encode(),
                     PROCESS["token"].replace("/", "\\/").encode(), binascii.hexlify(raw),
                     base64.b64encode(b"a" + raw), base64.b64encode(b"ab" + raw + b"c"),
                     base64.urlsafe_b64encode(b"abc" + raw)):
            self.assertEqual(search.in_bytes(blob), ["s"], blob)
        self.assertEqual(search.in_bytes(raw[:-2]), [])

    def test_secrets_were_used(self):
        """Each way in was taken: the fake AWS saw calls signed with the
        keys of each one (a secret that was never read proves nothing)."""
        used = {auth.partition("Credential=")[2].partition("/")[0]
                for _, auth, _ in self.fake.requests}
        expected = [STATIC["id"], PROCESS["id"], ENVIRONMENT["id"], ASSUMED["AccessKeyId"],
                    DENIED["id"]]
        for key_id in expected:
            self.assertIn(key_id, used)
        self.assertTrue(os.path.exists(os.path.join(self.ws.folder, "driver.log")))
        self.assertTrue(os.path.exists(os.path.join(self.ws.folder, "sandbox.db")))
        self.assertTrue(os.path.exists(os.path.join(self.ws.folder, "drs-orchestrator.db")))
        # The searches saw the -wal files of the store and of the Sandbox.
        taken = [name for names in self.snapshots for name in names]
        self.assertIn("drs-orchestrator.db-wal", taken)
        self.assertIn("sandbox.db-wal", taken)

    def test_keyring_was_used(self):
        """The keyring's keys were read (from gnome-keyring, through
        libsecret) and used."""
        if not self.keyring:
            self.skipTest("No keyring on a session bus: build-aux/dev test runs this under "
                          "dbus-run-session with an unlocked gnome-keyring")
        used = {auth.partition("Credential=")[2].partition("/")[0]
                for _, auth, _ in self.fake.requests}
        self.assertIn(KEYRING["id"], used)

    def test_no_secret_in_files(self):
        """Home, XDG folders, data folder (the store, its -wal, driver.log,
        the Sandbox's state, exports): no secret, no access key id."""
        search = self.search()
        hits = search.in_tree(self.ws.root, skip=(self.ws.inputs,))
        self.assertEqual(hits, {})

    def test_no_secret_in_output(self):
        """Whatever drso printed, on stdout or stderr, debug messages and
        error messages included, and what crashed processes left."""
        search = self.search()
        leaks = []
        for args, rc, out, err in self.ws.runs:
            for stream, data in (("stdout", out), ("stderr", err)):
                found = search.in_bytes(data or b"")
                if found:
                    leaks.append((args, stream, found))
        self.assertEqual(leaks, [])
        # Debug messages were on: the search covered them.
        self.assertTrue(any(b"-DEBUG: " in out + err for _, _, out, err in self.ws.runs))

    def test_errors_say_what_failed(self):
        """The failures above were failures of the kind meant, with
        messages that say so (not, say, a missing profile)."""
        errors = {" ".join(str(a) for a in args): err.decode(errors="replace")
                  for args, rc, out, err in self.ws.runs if rc not in (0, None)}
        def error_of(*args):
            return errors[" ".join(args)]
        self.assertIn("not authorized", error_of("servers", "discover", "--account",
                                                 DENIED["account"]))
        self.assertIn("credential process exited with status 3",
                      error_of("servers", "discover", "--account", BAD_PROCESS["account"]))
        self.assertIn("JSON", error_of("servers", "discover", "--account", BAD_JSON["account"]))
        self.assertIn("not known", error_of("servers", "discover", "--account",
                                            SANDBOX_AUTH_ACCOUNT))

    def test_crash_leaves_no_core(self):
        """A crash writes no core file: the program keeps the soft limit of
        core files at 0 once it holds secrets."""
        self.assertEqual([s for s, _, _ in self.crashes], [signal.SIGSEGV, signal.SIGABRT])
        for signum, rc, _ in self.crashes:
            # Killed by the signal; in a sanitizer build, AddressSanitizer
            # reports a SIGSEGV itself and exits with 1.
            self.assertIn(rc, (-signum, 1), signum)
        for _, _, soft_limit in self.crashes:
            self.assertEqual(soft_limit, "0")
        cores = [os.path.join(folder, name) for folder, _, files in os.walk(self.ws.root)
                 for name in files if name.startswith("core")]
        self.assertEqual(cores, [])


if __name__ == "__main__":
    lib.set_drso(sys.argv.pop(1))
    unittest.main(verbosity=2)

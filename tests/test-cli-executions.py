#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# drso executions end to end: drills and recoveries of a small plan run
# against the data folder's own Sandbox (shared, with a fast clock), driven
# in the foreground (--wait) or by background drivers, and controlled from
# other processes.

import datetime
import importlib.util
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
import unittest
from pathlib import Path

_spec = importlib.util.spec_from_file_location("test_cli", Path(__file__).with_name("test-cli.py"))
cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli)

SANDBOX = cli.SANDBOX
UNFINISHED = ("PENDING", "RUNNING", "PAUSED")
PHASES = ("snapshotStart", "snapshotEnd", "conversionStart", "conversionEnd", "launchStart",
          "launchEnd")


def read_pty(master, deadline):
    """Everything written to a pseudo-terminal until its last writer closes it."""
    chunks = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], max(0.1, deadline - time.monotonic()))
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode(errors="replace")


class ExecutionsTest(cli.CliBase):
    json_ok = cli.SandboxCliTest.json_ok
    assert_fails = cli.SandboxCliTest.assert_fails
    run_on_pty = cli.SandboxCliTest.run_on_pty

    def setUp(self):
        super().setUp()
        self.folder = os.path.join(self.env["XDG_DATA_HOME"], "drs-orchestrator")
        # A shared Sandbox ten times faster than the default: every other drso
        # process, background drivers included, finds it through the data folder.
        self.sandbox = subprocess.Popen([cli.DRSO, "sandbox", "--shared", "--time-scale", "600"],
                                        env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(self.stop_sandbox)
        for _ in range(5):
            line = self.sandbox.stdout.readline()
            self.assertTrue(line.startswith("export "), "drso sandbox --shared ended early")

        self.assertEqual(self.json_ok("servers", "discover", "--account", SANDBOX)["sourceServers"],
                         40)
        servers = [s for s in self.json_ok("servers", "list", "--state", "CONTINUOUS")
                   if s.get("lagSeconds", 0) < 60]
        db = [s for s in servers if s["tags"].get("Tier") == "db"][0]
        web = [s for s in servers if s["tags"].get("Tier") == "web"][0]
        self.servers = {db["sourceServerID"], web["sourceServerID"]}
        self.json_ok("groups", "create", "GroupA", "--account", SANDBOX, "--server", db["hostname"])
        self.json_ok("groups", "create", "GroupB", "--account", SANDBOX, "--server", web["hostname"])
        self.json_ok("plans", "create", "Shop", "--wave", "DB:GroupA", "--wave", "Web:GroupB:pause")
        # No RPO target: any CONTINUOUS server will do.
        self.assertIn(self.json_ok("plans", "readiness", "Shop")["verdict"],
                      ("GO", "GO_WITH_WARNINGS"))

    def tearDown(self):
        try:
            # Leave no work behind: cancel what still runs, let the drivers end.
            for execution in self.json_ok("executions", "list"):
                if execution["status"] in UNFINISHED:
                    self.run_drso("executions", "cancel", execution["executionId"])
            left = self.wait_for(lambda: not self.drivers(), "background drivers to end",
                                 fail=False)
            for pid in self.drivers():
                os.kill(pid, signal.SIGTERM)
            self.assertTrue(left, "a background driver was still running")
        finally:
            self.doCleanups()
            super().tearDown()

    def stop_sandbox(self):
        if self.sandbox.poll() is None:
            self.sandbox.send_signal(signal.SIGTERM)
            self.sandbox.wait(timeout=30)
        self.sandbox.stdout.close()

    def drivers(self):
        """The `drso executions drive` processes of this test's data folder."""
        marker = b"XDG_DATA_HOME=" + self.env["XDG_DATA_HOME"].encode()
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

    def wait_for(self, predicate, what, timeout=90, fail=True):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.2)
        if fail:
            self.fail("Gave up waiting for " + what)
        return None

    def status(self, execution_id):
        return self.json_ok("executions", "show", execution_id)["status"]

    def wait_status(self, execution_id, wanted):
        self.wait_for(lambda: self.status(execution_id) == wanted,
                      "%s to be %s" % (execution_id, wanted))

    def start_in_background(self):
        execution = self.json_ok("executions", "start", "Shop", "--drill")
        self.assertTrue(execution["executionId"].startswith("exec-"), execution)
        self.assertIn(execution["status"], ("PENDING", "RUNNING"))
        self.assertEqual(execution["executionType"], "DRILL")
        return execution["executionId"]

    def run_plain(self, *args, stdin=subprocess.DEVNULL):
        proc = subprocess.run([cli.DRSO, *args], env=self.env, stdin=stdin, capture_output=True,
                              text=True, timeout=60)
        return proc.returncode, proc.stdout, proc.stderr

    def test_wait_resumed_from_another_process(self):
        proc = subprocess.Popen([cli.DRSO, "executions", "start", "Shop", "--drill", "--wait"],
                                env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            def paused():
                self.assertIsNone(proc.poll(), "start --wait ended before the pause")
                return self.json_ok("executions", "list", "--status", "PAUSED")
            [execution] = self.wait_for(paused, "the execution to pause before wave 2")
            execution_id = execution["executionId"]
            self.assertEqual(execution["currentWave"], 2)
            resumed = self.json_ok("executions", "resume", execution_id[5:13])
            self.assertEqual(resumed["executionId"], execution_id)
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        self.assertEqual(proc.returncode, 0, err)

        result = json.loads(out)
        self.assertEqual(result["executionId"], execution_id)
        self.assertEqual(result["status"], "COMPLETED")
        self.assertEqual([w["status"] for w in result["waveStatus"]], ["COMPLETED", "COMPLETED"])
        servers = [s for w in result["waveStatus"] for s in w["servers"]]
        self.assertEqual({s["serverId"] for s in servers}, self.servers)
        now = datetime.datetime.now(datetime.timezone.utc)
        for server in servers:
            self.assertEqual((server["status"], server["health"]), ("LAUNCHED", "ok"), server)
            times = [datetime.datetime.fromisoformat(server[phase]) for phase in PHASES]
            self.assertEqual(times, sorted(times), server)
            for moment in times:
                self.assertLess(abs(now - moment), datetime.timedelta(days=1), server)
        self.assertIn("PAUSED", err)
        self.assertIn("Paused before wave 2. To go on: drso executions resume " + execution_id,
                      err)

        events = self.json_ok("executions", "events", execution_id)
        kinds = [e["kind"] for e in events]
        expected = ["EXECUTION_STARTED", "WAVE_STARTED", "PAUSED", "RESUMED", "WAVE_COMPLETED",
                    "EXECUTION_FINISHED"]
        position = 0
        for kind in expected:
            self.assertIn(kind, kinds[position:], kinds)
            position = kinds.index(kind, position) + 1
        self.assertEqual(kinds[-1], "EXECUTION_FINISHED")
        pause_id = events[kinds.index("PAUSED")]["eventId"]
        later = self.json_ok("executions", "events", execution_id, "--after", str(pause_id))
        self.assertEqual(later, [e for e in events if e["eventId"] > pause_id])
        self.assertEqual(later[0]["kind"], "RESUMED")

        err = self.assert_fails(5, "terminate-instances", "executions", "delete", execution_id)
        terminated = self.json_ok("executions", "terminate-instances", execution_id)
        self.assertTrue(terminated["instancesTerminated"])
        self.assertTrue(self.json_ok("executions", "show", execution_id)["instancesTerminated"])
        self.assertEqual(self.json_ok("executions", "delete", execution_id),
                         {"executionId": execution_id, "deleted": True})
        self.assert_fails(4, None, "executions", "show", execution_id)

    def test_background_driver(self):
        execution_id = self.start_in_background()
        self.wait_status(execution_id, "PAUSED")
        self.assertEqual(len(self.drivers()), 1, "no background driver waits at the pause")
        self.assert_fails(5, None, "executions", "pause", execution_id)
        self.assertEqual(self.json_ok("executions", "resume", execution_id)["executionId"],
                         execution_id)
        self.wait_status(execution_id, "COMPLETED")
        shown = self.json_ok("executions", "show", execution_id)
        self.assertEqual([w["status"] for w in shown["waveStatus"]], ["COMPLETED", "COMPLETED"])
        self.assert_fails(5, "COMPLETED", "executions", "cancel", execution_id)
        self.assert_fails(5, None, "executions", "retry", execution_id)

        second = self.start_in_background()
        self.assertNotEqual(second, execution_id)
        self.wait_status(second, "PAUSED")
        self.assertEqual(self.json_ok("executions", "cancel", second)["status"], "CANCELLED")
        self.assertEqual(self.status(second), "CANCELLED")
        self.assertEqual([e["executionId"] for e in self.json_ok("executions", "list")],
                         [second, execution_id])
        self.assert_fails(4, "start of 2", "executions", "show", "exec-")
        self.assertEqual(self.json_ok("executions", "list", "--limit", "1")[0]["executionId"],
                         second)
        self.assertEqual([e["executionId"] for e in
                          self.json_ok("executions", "list", "--status", "completed")],
                         [execution_id])

        self.wait_for(lambda: not self.drivers(), "background drivers to end")
        log = os.path.join(self.folder, "driver.log")
        self.assertEqual(os.stat(log).st_mode & 0o777, 0o600)
        with open(log) as f:
            text = f.read()
        self.assertIn(execution_id + " ended: COMPLETED", text)
        self.assertIn(second + " ended: CANCELLED", text)

        # Several at once, all or none: both drills left instances running.
        self.assert_fails(5, "terminate-instances", "executions", "delete", second, execution_id)
        self.assertEqual(len(self.json_ok("executions", "list")), 2)
        self.assertEqual(self.json_ok("executions", "delete", second, execution_id, "--force"),
                         [{"executionId": second, "deleted": True},
                          {"executionId": execution_id, "deleted": True}])
        self.assertEqual(self.json_ok("executions", "list"), [])

    def test_wait_on_a_terminal(self):
        master, slave = pty.openpty()
        proc = subprocess.Popen([cli.DRSO, "executions", "start", "Shop", "--drill", "--wait",
                                 "--auto-resume"], env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=slave, text=True)
        os.close(slave)
        try:
            err = read_pty(master, time.monotonic() + 120)
            out = proc.stdout.read()
            self.assertEqual(proc.wait(timeout=30), 0, err)
        finally:
            os.close(master)
            proc.stdout.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertIn("\x1b[K", err)
        self.assertIn("Wave 1/2", err)
        self.assertIn("launched", err)
        self.assertIn("RESUMED", err)
        self.assertNotIn("To go on", err)
        result = json.loads(out)
        self.assertEqual(result["status"], "COMPLETED")
        self.assertEqual(result["executionType"], "DRILL")

    def test_recovery_confirmation(self):
        rc, out, err = self.run_plain("executions", "start", "Shop", "--recovery")
        self.assertEqual(rc, 2, err)
        self.assert_one_line_error(err)
        self.assertIn("--yes", err)
        self.assertEqual(out, "")
        self.assertEqual(self.json_ok("executions", "list"), [])

        master, slave = pty.openpty()
        try:
            os.write(master, b"Not the plan\n")
            rc, out, err = self.run_plain("executions", "start", "Shop", "--recovery", stdin=slave)
        finally:
            os.close(slave)
            os.close(master)
        self.assertEqual(rc, 1, err)
        self.assertIn("Type the plan", err)
        self.assertIn("did not match", err)
        self.assertEqual(self.json_ok("executions", "list"), [])

        execution = self.json_ok("executions", "start", "Shop", "--recovery", "--yes")
        self.assertEqual(execution["executionType"], "RECOVERY")
        self.assertIn(execution["status"], ("PENDING", "RUNNING"))
        [listed] = self.json_ok("executions", "list")
        self.assertEqual(listed["executionId"], execution["executionId"])
        self.assertEqual(self.json_ok("executions", "cancel",
                                      execution["executionId"])["status"], "CANCELLED")
        self.wait_for(lambda: self.status(execution["executionId"]) not in UNFINISHED,
                      "the recovery to end")

    def test_usage_and_errors(self):
        self.assert_fails(2, "--drill", "executions", "start", "Shop")
        self.assert_fails(2, "--drill", "executions", "start", "Shop", "--drill", "--recovery")
        self.assert_fails(2, "--wait", "executions", "start", "Shop", "--drill", "--auto-resume")
        self.assert_fails(2, None, "executions", "start", "--drill")
        self.assert_fails(4, "Nope", "executions", "start", "Nope", "--drill")
        for command in ("show", "events", "pause", "resume", "delete"):
            self.assert_fails(4, "exec-nope", "executions", command, "exec-nope")
        self.assert_fails(2, "bogus", "executions", "list", "--status", "bogus")
        self.assert_fails(2, "--limit", "executions", "list", "--limit", "-1")
        self.assert_fails(2, None, "executions", "events", "exec-nope", "--after", "-3")
        self.assertEqual(self.json_ok("executions", "list"), [])

        execution_id = self.start_in_background()
        self.wait_status(execution_id, "PAUSED")
        self.assert_fails(5, None, "executions", "delete", execution_id)
        self.assertEqual(self.json_ok("config", "set", "role", "read-only"),
                         {"key": "role", "value": "read-only"})
        self.assert_fails(3, None, "executions", "start", "Shop", "--drill")
        self.assert_fails(3, None, "executions", "pause", execution_id)
        self.assert_fails(3, None, "executions", "cancel", execution_id)
        self.assertEqual(self.status(execution_id), "PAUSED")
        self.assertEqual(len(self.json_ok("executions", "list")), 1)
        self.json_ok("config", "set", "role", "administrator")

        lines = self.run_on_pty("--output", "table", "executions", "list").splitlines()
        self.assertEqual(lines[0].split()[:4], ["ID", "PLAN", "TYPE", "STATUS"])
        self.assertEqual(len(lines), 2, lines)
        self.assertEqual(lines[1].split()[:4], [execution_id, "Shop", "DRILL", "PAUSED"])

        self.assertEqual(self.json_ok("executions", "cancel", execution_id)["status"],
                         "CANCELLED")


if __name__ == "__main__":
    cli.DRSO = sys.argv.pop(1)
    unittest.main(verbosity=2)

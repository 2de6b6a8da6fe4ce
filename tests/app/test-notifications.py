#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The app's notifications, through a real notification daemon's D-Bus
# interface (python-dbusmock's) on a private session bus.
#
# A drill is started from the command line and its background driver killed
# at once; the app, started next, adopts the execution, tells that it waits
# before wave 2 (with a Resume button); its window is closed, and it stays
# and says so; it is resumed from the notification's button, tells that the
# drill completed, and ends once nothing runs. The wave notifications are
# turned off in the settings, and none is sent.
#
# Usage: test-notifications.py PATH-TO-drs-orchestrator PATH-TO-drso

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import dbus
import dbusmock

APP = None
DRSO = None
APP_ID = "io.github.drso.Orchestrator"
SANDBOX = "111122223333"


class NotificationTest(dbusmock.DBusTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_session_bus()
        cls.dbus_con = cls.get_dbus(system_bus=False)

    def setUp(self):
        if not os.environ.get("DISPLAY"):
            self.skipTest("needs a display (run under xvfb-run)")
        self.daemon, self.daemon_obj = self.spawn_server_template(
            "notification_daemon", {}, stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.daemon_obj, dbusmock.MOCK_IFACE)
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ)
        # The app links the sanitizer runtime itself when built with it; it
        # keeps the suite's ASAN_OPTIONS (full stacks for the suppressions).
        self.env.pop("LD_PRELOAD", None)
        self.env.update({
            "XDG_DATA_HOME": os.path.join(self.tmp.name, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp.name, "config"),
            "GSETTINGS_BACKEND": "keyfile",
            "LANGUAGE": "C",
            "LC_ALL": "C.UTF-8",
            "DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"],
        })
        settings = os.path.join(self.env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(settings)
        with open(os.path.join(settings, "keyfile"), "w") as f:
            f.write("[io/github/drso/Orchestrator]\n"
                    "sandbox-time-scale=600.0\n"
                    "poll-min-interval=0.2\n"
                    "notify-wave-completed=false\n")
        self.sandbox = None
        self.app = None

    def tearDown(self):
        for proc in (self.app, self.sandbox):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        for stream in (self.app and self.app.stderr, self.sandbox and self.sandbox.stdout):
            if stream:
                stream.close()
        for driver in self.drivers():
            os.kill(driver, signal.SIGKILL)
        self.daemon.terminate()
        self.daemon.wait()
        self.tmp.cleanup()

    def drso(self, *args):
        proc = subprocess.run([DRSO, "--output", "json", *args], env=self.env,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, "%s: %s" % (args, proc.stderr))
        return json.loads(proc.stdout)

    def drivers(self):
        """The background drivers of this test's data folder."""
        found = []
        marker = ("XDG_DATA_HOME=" + self.env["XDG_DATA_HOME"]).encode()
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    cmdline = f.read().split(b"\0")
                with open("/proc/%s/environ" % pid, "rb") as f:
                    environ = f.read().split(b"\0")
            except OSError:
                continue
            if b"drive" in cmdline and marker in environ:
                found.append(int(pid))
        return found

    def notifications(self):
        """(id, summary, body, actions) of each Notify call, in order. The
        mock numbers new notifications from 1; a replacement keeps its id."""
        result = []
        next_id = 1
        for _, method, args in self.mock.GetCalls():
            if method != "Notify":
                continue
            replaces = int(args[1])
            if replaces:
                nid = replaces
            else:
                nid = next_id
                next_id += 1
            result.append((nid, str(args[3]), str(args[4]), [str(a) for a in args[5]]))
        return result

    def wait_for_notification(self, summary, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for notification in self.notifications():
                if notification[1] == summary:
                    return notification
            self.assertIsNone(self.app.poll(), "the app ended early")
            time.sleep(0.2)
        self.fail("no notification “%s”; got %s" % (summary, self.notifications()))

    def test_pause_resume_and_finish(self):
        self.sandbox = subprocess.Popen([DRSO, "sandbox", "--shared", "--time-scale", "600"],
                                        env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        self.assertTrue(self.sandbox.stdout.readline().startswith("export "))
        self.drso("servers", "discover", "--account", SANDBOX)
        servers = [s for s in self.drso("servers", "list", "--state", "CONTINUOUS")
                   if s.get("lagSeconds", 0) < 60]
        self.drso("groups", "create", "A", "--server", servers[0]["sourceServerID"])
        self.drso("groups", "create", "B", "--server", servers[1]["sourceServerID"])
        self.drso("plans", "create", "Shop", "--wave", "One:A", "--wave", "Two:B:pause")

        # Started from the command line, its driver killed at once.
        execution_id = self.drso("executions", "start", "Shop", "--drill")["executionId"]
        deadline = time.monotonic() + 30
        while not self.drivers():
            self.assertLess(time.monotonic(), deadline, "no background driver")
            time.sleep(0.05)
        for driver in self.drivers():
            os.kill(driver, signal.SIGKILL)

        # The app adopts it at start-up and tells that it waits.
        self.app = subprocess.Popen([APP], env=self.env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
        nid, _, body, actions = self.wait_for_notification("Drill of “Shop” is waiting for you")
        self.assertIn("Paused before wave 2", body)
        self.assertIn("Resume", actions)
        key = actions[actions.index("Resume") - 1]
        self.assertIn("resume-execution", key)
        self.assertIn(execution_id, key)
        self.assertEqual(self.drso("executions", "show", execution_id)["status"], "PAUSED")

        # The window closed while the drill waits: the app stays, and says so.
        bus = dbus.SessionBus()
        window = bus.get_object(APP_ID, "/io/github/drso/Orchestrator/window/1")
        dbus.Interface(window, "org.gtk.Actions").Activate("close", [], {})
        self.wait_for_notification("DRS Orchestrator keeps running")
        self.assertIsNone(self.app.poll(), "the app ended with a drill under way")

        # The Resume button, pressed in the notification.
        self.mock.EmitSignal("org.freedesktop.Notifications", "ActionInvoked", "us",
                                   [dbus.UInt32(nid), key])
        self.wait_for_notification("Drill of “Shop” completed")

        shown = self.drso("executions", "show", execution_id)
        self.assertEqual(shown["status"], "COMPLETED")
        kinds = [e["kind"] for e in self.drso("executions", "events", execution_id)]
        self.assertLess(kinds.index("PAUSED"), kinds.index("RESUMED"))
        messages = [e["message"] for e in self.drso("executions", "events", execution_id)]
        self.assertTrue(any(m.startswith("Adopted by") for m in messages), messages)

        # Turned off in the settings: no wave notifications.
        summaries = [n[1] for n in self.notifications()]
        self.assertFalse([s for s in summaries if s.startswith("Wave ")], summaries)
        # The waiting notification was withdrawn once the drill went on.
        closed = [args for _, method, args in self.mock.GetCalls()
                  if method == "CloseNotification"]
        self.assertIn(nid, [int(args[0]) for args in closed])

        # Nothing runs any more and no window is open: the app ends by itself.
        self.assertEqual(self.app.wait(timeout=30), 0, self.app.stderr.read())


if __name__ == "__main__":
    APP = sys.argv.pop(1)
    DRSO = sys.argv.pop(1)
    unittest.main(verbosity=2)

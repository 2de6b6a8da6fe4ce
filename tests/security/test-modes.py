#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Private files: with a umask that takes nothing away (000), every file drso
# creates is 0600 and every folder 0700: the store and its -wal and -shm
# files, the backup made before a schema upgrade, driver.log, the Sandbox's
# state file, its lock and its -wal and -shm files (the data folder's and one
# named with --state-file), and an export written with -o. A data folder
# someone opened up is closed again. The GSettings keyfile is GLib's, not
# drso's, and is left out.

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import securitylib as lib  # noqa: E402


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


class ModesTest(unittest.TestCase):
    def setUp(self):
        self.ws = lib.Workspace(umask=0o000)
        self.addCleanup(self.ws.cleanup)
        self.seen = {}   # path → mode, as found while drso ran

    def ok(self, *args):
        rc, out, err = self.ws.run(*args)
        self.assertEqual(rc, 0, "%s: %s" % (args, err))
        return out

    def json_ok(self, *args):
        return json.loads(self.ok(*args))

    def look(self):
        """Notes the mode of everything under the tree now (the -wal and
        -shm files exist only while a process has the database open)."""
        for folder, dirs, files in os.walk(self.ws.root):
            if folder == self.ws.inputs:
                continue
            for name in dirs + files:
                path = os.path.join(folder, name)
                self.seen.setdefault(path, set()).add(mode(path))

    def assert_private(self, created):
        """Every folder in @created 0700, every file 0600, whenever seen."""
        self.look()
        wrong = {}
        for path in created:
            expected = 0o700 if os.path.isdir(path) else 0o600
            modes = self.seen[path] if path in self.seen else {mode(path)}
            if modes != {expected}:
                wrong[path] = sorted(oct(m) for m in modes)
        self.assertEqual(wrong, {})

    def created_by_drso(self):
        """What is under the tree that the test did not make itself."""
        mine = {self.ws.root, self.ws.inputs, self.ws.home,
                os.path.join(self.ws.root, "exports")}
        return sorted(p for p in self.seen if p not in mine and
                      not p.startswith(self.ws.inputs + os.sep))

    def test_data_folder(self):
        """The store, the Sandbox of the data folder, a drill driven in the
        background (driver.log), while they run and after."""
        self.ok("plans", "list")
        self.look()
        sandbox, _ = self.ws.start_shared_sandbox()
        try:
            self.look()
            self.ok("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)
            servers = [s for s in self.json_ok("servers", "list", "--state", "CONTINUOUS")
                       if s.get("lagSeconds", 0) < 60]
            self.ok("groups", "create", "Modes", "--account", lib.SANDBOX_ACCOUNT, "--server",
                    servers[0]["hostname"])
            self.ok("plans", "create", "Modes", "--wave", "One:Modes")
            execution_id = self.json_ok("executions", "start", "Modes", "--drill")["executionId"]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                self.look()
                status = self.json_ok("executions", "show", execution_id)["status"]
                if status not in ("PENDING", "RUNNING", "PAUSED"):
                    break
                time.sleep(0.3)
            self.assertEqual(status, "COMPLETED")
        finally:
            self.ws.stop(sandbox)
        created = self.created_by_drso()
        for name in ("drs-orchestrator.db", "drs-orchestrator.db-wal", "drs-orchestrator.db-shm",
                     "sandbox.db", "sandbox.db-wal", "sandbox.db-shm", "sandbox.lock",
                     "driver.log"):
            self.assertIn(os.path.join(self.ws.folder, name), created)
        self.assertIn(self.ws.env["XDG_DATA_HOME"], created)
        self.assert_private(created)

    def test_sandbox_state_file(self):
        """`drso sandbox --state-file` in a folder of the user's."""
        os.makedirs(os.path.join(self.ws.root, "exports"))
        state = os.path.join(self.ws.root, "exports", "world.db")
        proc = self.ws.popen("sandbox", "--state-file", state, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        try:
            line = proc.stdout.readline().decode()
            self.assertTrue(line.startswith("export "), line)
            deadline = time.monotonic() + 30
            while not os.path.exists(state + "-wal") and time.monotonic() < deadline:
                time.sleep(0.1)
            self.look()
        finally:
            self.ws.stop(proc)
        created = self.created_by_drso()
        self.assertIn(state, created)
        self.assertIn(state + "-wal", created)
        self.assert_private(created)

    def test_export(self):
        """A bundle written with -o."""
        os.makedirs(os.path.join(self.ws.root, "exports"))
        self.ok("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)
        self.ok("groups", "create", "Exported", "--account", lib.SANDBOX_ACCOUNT, "--tag",
                "Tier=db")
        self.ok("plans", "create", "Exported", "--wave", "One:Exported")
        path = os.path.join(self.ws.root, "exports", "plans.json")
        self.ok("plans", "export", "--all", "-o", path)
        self.assertEqual(oct(mode(path)), oct(0o600))

    def test_schema_backup(self):
        """The copy of the store made before its schema is upgraded."""
        self.ok("plans", "list")
        db = os.path.join(self.ws.folder, "drs-orchestrator.db")
        # Back to schema 2: the table schema 3 added goes.
        with sqlite3.connect(db) as connection:
            connection.execute("DROP TABLE execution_requests")
            connection.execute("PRAGMA user_version = 2")
        connection.close()
        self.ok("plans", "list")
        backups = [name for name in os.listdir(self.ws.folder)
                   if name.startswith("drs-orchestrator.db.schema-2") and name.endswith(".bak")]
        self.assertEqual(len(backups), 1, os.listdir(self.ws.folder))
        self.assert_private(self.created_by_drso())

    def test_opened_up_folder_is_closed(self):
        """A data folder and store someone made readable by all are made
        private again when drso opens them."""
        os.makedirs(self.ws.folder, mode=0o777)
        os.chmod(self.ws.env["XDG_DATA_HOME"], 0o700)
        os.chmod(self.ws.folder, 0o777)
        db = os.path.join(self.ws.folder, "drs-orchestrator.db")
        with open(db, "wb"):
            pass
        os.chmod(db, 0o666)
        self.ok("plans", "list")
        self.assertEqual(oct(mode(self.ws.folder)), oct(0o700))
        self.assertEqual(oct(mode(db)), oct(0o600))


if __name__ == "__main__":
    lib.set_drso(sys.argv.pop(1))
    unittest.main(verbosity=2)

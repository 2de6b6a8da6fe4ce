#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# drso when the disk under its store fails it: full (a small tmpfs on the
# data folder), read-only (the folder's modes, or a read-only mount), a
# damaged or foreign database file, and a database of a newer version. Each
# failed run prints one line, "drso: " and what is wrong with which file,
# exits 1 ("the operation failed", as drso(1) and the help's exit-status
# page say), and leaves the database file as it was, byte for byte.
#
# The mounts need a mount namespace of this process's own: root gets one
# with unshare(2), another user inside a user namespace of its own. Where
# neither works, the cases that mount are skipped.

import ctypes
import errno
import http.server
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

DRSO = None
ACCOUNT = "123456789012"
RECOVERY = "210987654321"
SANDBOX = "111122223333"

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_CAPBSET_DROP = 24
# The capabilities that let root ignore file modes.
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                       ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
libc.unshare.argtypes = [ctypes.c_int]

# Why nothing can be mounted here, or None.
MOUNT_PROBLEM = "not tried"


def libc_error(what):
    return "%s: %s" % (what, os.strerror(ctypes.get_errno()))


def enter_mount_namespace():
    """Called once, while this process has one thread."""
    if os.geteuid() == 0:
        if libc.unshare(CLONE_NEWNS) != 0:
            return libc_error("unshare")
    else:
        uid, gid = os.geteuid(), os.getegid()
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
            return libc_error("unshare")
        try:
            for name, text in (("setgroups", "deny"), ("uid_map", "%d %d 1" % (uid, uid)),
                               ("gid_map", "%d %d 1" % (gid, gid))):
                with open("/proc/self/" + name, "w") as f:
                    f.write(text)
        except OSError as e:
            return str(e)
    if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return libc_error("mount --make-rprivate /")
    return None


def mount(source, target, fstype, flags, options):
    if libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                  flags, options and options.encode()) != 0:
        raise OSError(ctypes.get_errno(), "mount %s" % target)


def umount(target):
    if libc.umount2(target.encode(), MNT_DETACH) != 0:
        raise OSError(ctypes.get_errno(), "umount %s" % target)


def honour_file_modes():
    """Run in the child before drso: root loses the capabilities that
    bypass file modes, so that it sees what any user sees."""
    if os.geteuid() == 0:
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl")


def server_items(count):
    return [{"sourceServerID": "s-%017x" % i,
             "tags": {"Tier": "web" if i % 2 else "db", "Owner": "platform-team"},
             "sourceProperties": {"identificationHints": {
                 "hostname": "host-%05d.example.internal" % i}},
             "dataReplicationInfo": {"dataReplicationState": "CONTINUOUS",
                                     "lagDuration": "PT1M"}}
            for i in range(1, count + 1)]


class FakeDrs(http.server.BaseHTTPRequestHandler):
    """Answers DescribeSourceServers with FakeDrs.count servers."""
    count = 2

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        found = self.path == "/DescribeSourceServers"
        body = json.dumps({"items": server_items(FakeDrs.count)} if found else {}).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


GOOD = {"formatVersion": 1,
        "protectionGroups": [
            {"groupId": "pg-db", "groupName": "Database", "description": "",
             "region": "us-east-1", "accountId": ACCOUNT,
             "serverIds": ["s-0000000000000000a"], "tagCriteria": {}}],
        "recoveryPlans": [
            {"planId": "plan-1", "planName": "Production", "description": "",
             "waves": [{"waveNumber": 1, "waveName": "Wave 1", "protectionGroupIds": ["pg-db"],
                        "pauseBeforeWave": False, "estimatedDuration": 300}]}]}


class Base(unittest.TestCase):
    needs_mount = False

    def setUp(self):
        if self.needs_mount and MOUNT_PROBLEM is not None:
            self.skipTest("nothing can be mounted here (%s)" % MOUNT_PROBLEM)
        self.tmp = tempfile.TemporaryDirectory()
        self.home = os.path.join(self.tmp.name, "data")
        self.folder = os.path.join(self.home, "drs-orchestrator")
        self.db = os.path.join(self.folder, "drs-orchestrator.db")
        self.filler = os.path.join(self.home, "filler")
        self.mounts = []
        os.mkdir(self.home, 0o700)
        self.env = dict(os.environ)
        for key in ("LD_PRELOAD", "ASAN_OPTIONS"):
            # The program links the sanitizer runtime itself when built with it.
            self.env.pop(key, None)
        self.env.update({
            "XDG_DATA_HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.tmp.name, "config"),
            "GSETTINGS_BACKEND": "keyfile",
            "LANGUAGE": "C",
            "LC_ALL": "C.UTF-8",
            "G_DEBUG": "fatal-criticals",
            "AWS_ACCESS_KEY_ID": "AKIDFAULTTEST",
            "AWS_SECRET_ACCESS_KEY": "fault-secret",
        })

    def tearDown(self):
        for target in reversed(self.mounts):
            umount(target)
        self.tmp.cleanup()

    def mount_tmpfs(self, size):
        mount("tmpfs", self.home, "tmpfs", MS_NOSUID | MS_NODEV, "size=%d,mode=0700" % size)
        self.mounts.append(self.home)

    def run_drso(self, *args, as_user=False):
        proc = subprocess.run([DRSO, *args], env=self.env, capture_output=True, text=True,
                              timeout=60, preexec_fn=honour_file_modes if as_user else None)
        return proc.returncode, proc.stdout, proc.stderr

    def ok(self, *args):
        rc, out, err = self.run_drso(*args)
        self.assertEqual(rc, 0, err)
        return json.loads(out) if out.strip() else None

    def write(self, name, content):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path

    def make_store(self):
        """A store with an account, a group and a plan, closed."""
        self.ok("accounts", "add", ACCOUNT, "--name", "Production")
        self.ok("plans", "import", self.write("good.json", GOOD))

    def state(self, side_files=False):
        """The database file's bytes and times, and what the folder holds.
        With @side_files, SQLite's write-ahead log and index are left out
        of the listing when they hold nothing (an empty log): on a full
        disk, a run that could not even set them up leaves them behind,
        and the next run uses them."""
        st = os.stat(self.db)
        with open(self.db, "rb") as f:
            contents = f.read()
        names = sorted(os.listdir(self.folder))
        if side_files:
            wal = self.db + "-wal"
            if os.path.exists(wal):
                self.assertEqual(os.path.getsize(wal), 0, "a write-ahead log with frames")
            names = [n for n in names if not n.endswith(("-wal", "-shm"))]
        return contents, st.st_mtime_ns, stat.S_IMODE(st.st_mode), names

    def assert_state(self, before, side_files=False):
        after = self.state(side_files)
        self.assertEqual(after[0], before[0], "the database's bytes changed")
        self.assertEqual(after[1:], before[1:])

    def assert_refused(self, needles, *args, as_user=False):
        """drso ARGS… fails: exit 1, nothing on stdout, one line on stderr that
        names each of @needles."""
        rc, out, err = self.run_drso(*args, as_user=as_user)
        self.assertEqual(rc, 1, err)
        self.assertEqual(out, "")
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("drso: "), err)
        for needle in needles:
            self.assertIn(needle, lines[0])
        return lines[0]

    def count(self, sql):
        connection = sqlite3.connect(self.db)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()

    def assert_integrity(self):
        connection = sqlite3.connect(self.db)
        try:
            self.assertEqual(connection.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        finally:
            connection.close()


class FullDisk(Base):
    needs_mount = True

    def setUp(self):
        super().setUp()
        self.mount_tmpfs(4 * 1024 * 1024)

    def available(self):
        st = os.statvfs(self.home)
        return st.f_bavail * st.f_frsize

    def fill(self, leave=0):
        """Fills the disk to its last byte, then gives @leave bytes back."""
        with open(self.filler, "ab", buffering=0) as f:
            block = b"x" * 65536
            try:
                while True:
                    f.write(block)
            except OSError as e:
                self.assertEqual(e.errno, errno.ENOSPC)
            self.assertEqual(self.available(), 0)
            if leave:
                f.truncate(f.seek(0, os.SEEK_END) - leave)

    def free(self):
        os.unlink(self.filler)

    def full_message(self):
        return [self.db, "is full", "free some space"]

    def test_first_run(self):
        self.fill()
        line = self.assert_refused(self.full_message(), "accounts", "list")
        print("full disk, first run:", line, file=sys.stderr)
        self.assertIn(self.folder, line)
        # Again: nothing half made stands in the way.
        self.assert_refused(self.full_message(), "plans", "list")

        self.free()
        accounts = self.ok("accounts", "list")
        self.assertEqual([a["accountId"] for a in accounts], [SANDBOX])
        self.assert_integrity()

    def test_every_command(self):
        self.make_store()
        before = self.state()
        self.fill()
        cases = [
            ("accounts", "list"),
            ("plans", "list"),
            ("accounts", "add", RECOVERY, "--name", "Recovery"),
            ("groups", "create", "Web", "--account", ACCOUNT, "--region", "us-east-1",
             "--tag", "Tier=web"),
            ("plans", "create", "Second", "--wave", "One:Database"),
            ("plans", "update", "Production", "--rpo", "600"),
            ("plans", "delete", "Production"),
            ("plans", "import", self.write("again.json", GOOD)),
            ("executions", "start", "Production", "--drill", "--yes"),
            ("servers", "list"),
        ]
        for args in cases:
            with self.subTest(" ".join(args[:2])):
                self.assert_refused(self.full_message(), *args)
                self.assert_state(before, side_files=True)

        # Room again: the same commands work, on the data as it was.
        self.free()
        self.assertEqual([p["planName"] for p in self.ok("plans", "list")], ["Production"])
        self.ok("plans", "create", "Second", "--wave", "One:Database")
        self.assertEqual(len(self.ok("plans", "list")), 2)
        self.assert_integrity()

    def test_discovery_fills_the_disk(self):
        server = http.server.HTTPServer(("127.0.0.1", 0), FakeDrs)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = "http://127.0.0.1:%d" % server.server_address[1]
            self.ok("accounts", "add", RECOVERY, "--name", "Recovery", "--region", "eu-west-1",
                    "--endpoint-url", url)
            FakeDrs.count = 20
            self.assertEqual(self.ok("servers", "discover", "--account", "Recovery"),
                             {"accountId": "Recovery", "sourceServers": 20})
            before = self.state()

            # Room to open the store, not for 3,000 servers: the write fails
            # part of the way through and leaves all 20 as they were.
            FakeDrs.count = 3000
            self.fill(leave=160 * 1024)
            line = self.assert_refused(self.full_message(), "servers", "discover",
                                       "--account", "Recovery")
            print("full disk, discovery:", line, file=sys.stderr)
            self.assert_state(before)
            self.assertEqual(len(self.ok("servers", "list", "--account", RECOVERY)), 20)
            self.assert_state(before)

            self.free()
            self.assertEqual(self.ok("servers", "discover", "--account", "Recovery"),
                             {"accountId": "Recovery", "sourceServers": 3000})
            self.assertEqual(self.count("SELECT count(*) FROM source_servers "
                                        "WHERE account_id = '%s'" % RECOVERY), 3000)
            self.assert_integrity()
        finally:
            server.shutdown()
            server.server_close()
            FakeDrs.count = 2


    def test_drill_stops_and_goes_on(self):
        """The disk fills while drso executions start --wait drives a drill:
        the command says the engine stopped and how to go on, and exits 1
        (it used to wait for ever); with room again, drso executions drive
        takes the drill up from its last saved step to its end."""
        sandbox = subprocess.Popen([DRSO, "sandbox", "--shared", "--time-scale", "60"],
                                   env=self.env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        try:
            for _ in range(5):
                self.assertTrue(sandbox.stdout.readline().startswith("export "),
                                "drso sandbox --shared ended early")
            self.ok("servers", "discover", "--account", SANDBOX)
            servers = [s for s in self.ok("servers", "list", "--state", "CONTINUOUS")
                       if s.get("lagSeconds", 0) < 60]
            first, second = servers[0]["hostname"], servers[1]["hostname"]
            self.ok("groups", "create", "First", "--account", SANDBOX, "--server", first)
            self.ok("groups", "create", "Second", "--account", SANDBOX, "--server", second)
            self.ok("plans", "create", "Shop", "--wave", "One:First", "--wave", "Two:Second")

            drill = subprocess.Popen([DRSO, "executions", "start", "Shop", "--drill", "--wait"],
                                     env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                deadline = time.monotonic() + 60
                running = []
                while not running and time.monotonic() < deadline:
                    self.assertIsNone(drill.poll(), "the drill ended before the disk filled")
                    running = self.ok("executions", "list", "--status", "RUNNING")
                    time.sleep(0.2)
                self.assertTrue(running, "the drill did not start")
                execution_id = running[0]["executionId"]
                self.fill()
                out, err = drill.communicate(timeout=90)
            finally:
                if drill.poll() is None:
                    drill.kill()
                    drill.communicate()
            print("full disk, drill:", err.strip().splitlines()[-1], file=sys.stderr)
            self.assertEqual(drill.returncode, 1, err)
            self.assertIn("Stopped driving the execution " + execution_id, err)
            self.assertIn("drso executions drive " + execution_id, err)

            self.free()
            rc, out, err = self.run_drso("executions", "drive", execution_id)
            self.assertEqual(rc, 0, err)
            execution = self.ok("executions", "show", execution_id)
            self.assertEqual(execution["status"], "COMPLETED")
            self.assertEqual([w["status"] for w in execution["waveStatus"]],
                             ["COMPLETED", "COMPLETED"])
            self.assert_integrity()
        finally:
            sandbox.terminate()
            sandbox.communicate(timeout=30)


class ReadOnly(Base):
    def test_folder_modes(self):
        self.make_store()
        os.chmod(self.folder, 0o500)
        try:
            before = self.state()
            for args in (("accounts", "list"), ("plans", "create", "Second", "--wave",
                                                "One:Database")):
                with self.subTest(args[0] + " " + args[1]):
                    line = self.assert_refused([self.db, "cannot be written",
                                                os.strerror(errno.EACCES)], *args, as_user=True)
                    self.assert_state(before)
            print("read-only folder:", line, file=sys.stderr)
        finally:
            os.chmod(self.folder, 0o700)
        self.assertEqual(len(self.ok("plans", "list")), 1)

    def test_read_only_file(self):
        self.make_store()
        os.chmod(self.db, 0o400)
        before = self.state()
        line = self.assert_refused([self.db, "cannot be written", os.strerror(errno.EACCES)],
                                   "plans", "list", as_user=True)
        print("read-only file:", line, file=sys.stderr)
        self.assert_state(before)

    def test_read_only_mount(self):
        if MOUNT_PROBLEM is not None:
            self.skipTest("nothing can be mounted here (%s)" % MOUNT_PROBLEM)
        self.make_store()
        before = self.state()
        mount(self.folder, self.folder, None, MS_BIND, None)
        self.mounts.append(self.folder)
        mount(None, self.folder, None, MS_REMOUNT | MS_BIND | MS_RDONLY, None)
        for args in (("accounts", "list"), ("plans", "delete", "Production")):
            with self.subTest(args[0] + " " + args[1]):
                line = self.assert_refused([self.db, "cannot be written", os.strerror(errno.EROFS)],
                                           *args)
                self.assert_state(before)
        print("read-only mount:", line, file=sys.stderr)
        umount(self.folder)
        self.mounts.remove(self.folder)
        self.assertEqual(len(self.ok("plans", "list")), 1)


class Damaged(Base):
    def refused_untouched(self, detail, *args):
        before = self.state()
        line = self.assert_refused([self.db, "is damaged or is not a DRS Orchestrator database",
                                    detail, "left as it is"], *args)
        self.assert_state(before)
        return line

    def test_not_a_database(self):
        os.mkdir(self.folder, 0o700)
        with open(self.db, "wb") as f:
            f.write(bytes((i * 131 + 7) % 251 for i in range(8192)))
        os.chmod(self.db, 0o600)
        for args in (("accounts", "list"), ("plans", "import", self.write("g.json", GOOD))):
            line = self.refused_untouched("(file is not a database)", *args)
        print("not a database:", line, file=sys.stderr)

    def test_truncated(self):
        self.make_store()
        size = os.path.getsize(self.db)
        os.truncate(self.db, size // 2)
        line = self.refused_untouched("(database disk image is malformed)", "plans", "list")
        print("truncated:", line, file=sys.stderr)

    def test_another_programs_database(self):
        os.mkdir(self.folder, 0o700)
        connection = sqlite3.connect(self.db)
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
        connection.commit()
        connection.close()
        os.chmod(self.db, 0o600)
        line = self.refused_untouched("(file is not a database)", "accounts", "list")
        print("another program's database:", line, file=sys.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM sqlite_schema"), 1)


class NewerSchema(Base):
    def test_refused_untouched(self):
        self.make_store()
        connection = sqlite3.connect(self.db)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("PRAGMA user_version = %d" % (version + 1))
        connection.close()
        before = self.state()
        for args in (("plans", "list"), ("accounts", "add", RECOVERY)):
            line = self.assert_refused(
                [self.db, "was written by a newer version of DRS Orchestrator",
                 "schema %d; this version knows up to %d" % (version + 1, version),
                 "update DRS Orchestrator"], *args)
            self.assert_state(before)
        print("newer schema:", line, file=sys.stderr)


if __name__ == "__main__":
    DRSO = sys.argv.pop(1)
    MOUNT_PROBLEM = enter_mount_namespace()
    if MOUNT_PROBLEM is not None:
        print("# the cases that mount are skipped: %s" % MOUNT_PROBLEM, file=sys.stderr)
    unittest.main(verbosity=2)

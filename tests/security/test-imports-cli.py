#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `drso plans import` of crafted bundles: nothing a bundle names is read,
# written, run or contacted. Account settings (accounts, roleArn, profile,
# endpointUrl, credential_process, keys, config file paths) are refused with
# a one-line error naming the member (exit 1); a group of an account that is
# not set up is refused; members the format does not know and text that
# looks like a path, a command or a URL are inert. Checked with inotify on
# every file a bundle names (an AWS config and credentials file, a
# credential_process script, a database, a Sandbox state file: none is
# opened), a marker a command would create, a listener a URL points at, and
# the store's content.

import ctypes
import ctypes.util
import json
import os
import socket
import struct
import sys
import threading
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import securitylib as lib  # noqa: E402

ACCOUNT = "210987654321"
IN_ACCESS, IN_MODIFY, IN_ATTRIB, IN_OPEN = 0x1, 0x2, 0x4, 0x20


class Watch:
    """inotify on a set of files: which were opened, read, written or
    changed."""

    def __init__(self, paths):
        self.libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.paths = {}
        for path in paths:
            wd = self.libc.inotify_add_watch(self.fd, path.encode(),
                                             IN_ACCESS | IN_MODIFY | IN_ATTRIB | IN_OPEN)
            if wd < 0:
                raise OSError(ctypes.get_errno(), "inotify_add_watch " + path)
            self.paths[wd] = path

    def touched(self):
        found = set()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return sorted(found)
            offset = 0
            while offset < len(data):
                wd, mask, _, length = struct.unpack_from("iIII", data, offset)
                found.add(self.paths.get(wd, "?"))
                offset += 16 + length

    def close(self):
        os.close(self.fd)


class Listener:
    def __init__(self):
        self.connections = 0
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.url = "http://127.0.0.1:%d" % self.socket.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self.socket.close()


def group(gid="pg-crafted", account=ACCOUNT, **extra):
    document = {"groupId": gid, "groupName": "Crafted " + gid, "description": "",
                "region": "us-east-1", "accountId": account,
                "serverIds": ["s-0000000000000000a"], "tagCriteria": {}}
    document.update(extra)
    return document


def plan(groups, wave_extra=None, **extra):
    wave = {"waveNumber": 1, "waveName": "One", "protectionGroupIds": groups,
            "pauseBeforeWave": False, "estimatedDuration": 300}
    wave.update(wave_extra or {})
    document = {"planId": "plan-crafted", "planName": "Crafted", "description": "",
                "waves": [wave]}
    document.update(extra)
    return document


def bundle(groups, plans, **extra):
    document = {"formatVersion": 1, "protectionGroups": groups, "recoveryPlans": plans}
    document.update(extra)
    return document


class ImportsTest(unittest.TestCase):
    def setUp(self):
        self.ws = lib.Workspace()
        self.addCleanup(self.ws.cleanup)
        self.listener = Listener()
        self.addCleanup(self.listener.close)
        self.marker = os.path.join(self.ws.root, "marker")
        # What a bundle might name: files of the user's.
        self.script = self.ws.write_input("credential-process.sh",
                                          "#!/bin/sh\ntouch %s\n" % self.marker, 0o700)
        self.config = self.ws.write_input("aws-config", "[profile planted]\nregion = us-east-1\n"
                                          "credential_process = %s\n" % self.script)
        self.credentials = self.ws.write_input("aws-credentials", "[planted-static]\n"
                                               "aws_access_key_id = AKIDPLANTED\n"
                                               "aws_secret_access_key = planted-secret\n")
        self.database = self.ws.write_input("other.db", "")
        self.state = self.ws.write_input("world.db", "")
        rc, _, err = self.ws.run("accounts", "add", ACCOUNT, "--name", "Production", "--region",
                                 "us-east-1", "--endpoint-url", self.listener.url)
        self.assertEqual(rc, 0, err)
        rc, _, err = self.ws.run("plans", "list")   # the built-in Sandbox's account
        self.assertEqual(rc, 0, err)
        self.watch = Watch([self.script, self.config, self.credentials, self.database,
                            self.state, self.ws.inputs])
        self.addCleanup(self.watch.close)

    def snapshot(self):
        rc, plans, err = self.ws.run("plans", "export", "--all")
        self.assertEqual(rc, 0, err)
        rc, groups, err = self.ws.run("groups", "list")
        self.assertEqual(rc, 0, err)
        rc, accounts, err = self.ws.run("accounts", "list")
        self.assertEqual(rc, 0, err)
        return plans + groups + accounts

    def import_bundle(self, document, name="bundle.json"):
        path = os.path.join(self.ws.root, name)
        with open(path, "w") as f:
            json.dump(document, f)
        self.watch.touched()   # the test's own writes
        result = self.ws.run("plans", "import", path)
        return result

    def assert_untouched(self):
        self.assertEqual(self.watch.touched(), [])
        self.assertFalse(os.path.exists(self.marker))
        self.assertEqual(self.listener.connections, 0)
        # The files the bundle named are as they were.
        self.assertEqual(os.path.getsize(self.database), 0)
        self.assertEqual(os.path.getsize(self.state), 0)

    def test_account_settings_refused(self):
        before = self.snapshot()
        command = "%s" % self.script
        cases = [
            ("accounts", bundle([], [], accounts=[{
                "accountId": "999988887777", "accountName": "Evil",
                "endpointUrl": self.listener.url, "profile": "planted",
                "roleArn": "arn:aws:iam::999988887777:role/Evil"}])),
            ("protectionGroups[0].endpointUrl",
             bundle([group(endpointUrl=self.listener.url)], [])),
            ("protectionGroups[0].credential_process",
             bundle([group(credential_process=command)], [])),
            ("protectionGroups[0].profile", bundle([group(profile="planted")], [])),
            ("recoveryPlans[0].roleArn",
             bundle([group()], [plan(["pg-crafted"],
                                     roleArn="arn:aws:iam::210987654321:role/Evil")])),
            ("recoveryPlans[0].waves[0].externalId",
             bundle([group()], [plan(["pg-crafted"], {"externalId": "x-1"})])),
            ("AWS_CONFIG_FILE", bundle([group()], [], AWS_CONFIG_FILE=self.config)),
            ("sharedCredentialsFile",
             bundle([group()], [], sharedCredentialsFile=self.credentials)),
            ("aws_secret_access_key",
             bundle([group(aws_secret_access_key="bundle/PLANTED+secret000000000000001")], [])),
        ]
        for needle, document in cases:
            with self.subTest(needle):
                rc, out, err = self.import_bundle(document)
                self.assertEqual(rc, 1, err)
                lines = err.strip().splitlines()
                self.assertEqual(len(lines), 1, err)
                self.assertIn(needle, err)
                self.assertIn("never imported", err)
                self.assertNotIn("bundle/PLANTED+secret", err)
                self.assert_untouched()
        self.assertEqual(self.snapshot(), before)

    def test_unknown_account_refused(self):
        before = self.snapshot()
        rc, _, err = self.import_bundle(bundle([group(account="999988887777")], []))
        self.assertEqual(rc, 1, err)
        self.assertIn("add the account first", err)
        self.assert_untouched()
        self.assertEqual(self.snapshot(), before)

    def test_path_ids_refused(self):
        before = self.snapshot()
        for gid in ("../../etc/passwd", "/tmp/pg"):
            with self.subTest(gid):
                rc, _, err = self.import_bundle(bundle([group(gid=gid)], []))
                self.assertEqual(rc, 1, err)
                self.assertIn(gid, err)
                self.assert_untouched()
        self.assertEqual(self.snapshot(), before)

    def test_inert(self):
        """Unknown members naming files and endpoints, and text that looks
        like paths and commands: imported as data, used as nothing."""
        evil = "$(%s) `%s`; ../../../%s" % (self.script, self.script, self.marker)
        document = bundle(
            [group(dbPath=self.database, stateFile=self.state, sandboxUrl=self.listener.url,
                   description=evil),
             group(gid="pg-tags", account=lib.SANDBOX_ACCOUNT, serverIds=[],
                   tagCriteria={"profile": "planted", "endpointUrl": self.listener.url,
                                "credential_process": self.script})],
            [plan(["pg-crafted", "pg-tags"], {"waveName": evil}, logFile=self.database,
                  planName="../../" + os.path.basename(self.marker))],
            database=self.database, dataDir=os.path.join(self.ws.root, "elsewhere"),
            sandbox={"stateFile": self.state, "url": self.listener.url})
        rc, out, err = self.import_bundle(document)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["changed"], 3)
        self.assert_untouched()
        self.assertFalse(os.path.exists(os.path.join(self.ws.root, "elsewhere")))

        rc, out, err = self.ws.run("plans", "export", "--all")
        self.assertEqual(rc, 0, err)
        exported = json.loads(out)
        groups = {g["groupId"]: g for g in exported["protectionGroups"]}
        self.assertEqual(groups["pg-crafted"]["description"], evil)
        self.assertEqual(groups["pg-tags"]["tagCriteria"]["credential_process"], self.script)
        for member in ("dbPath", "stateFile", "sandboxUrl", "logFile", "database", "dataDir",
                       "sandbox"):
            self.assertNotIn(member, out)
        # Listing and showing what came in runs nothing either.
        for args in (("plans", "show", "plan-crafted"), ("groups", "show", "pg-crafted"),
                     ("--output", "table", "plans", "list"), ("plans", "validate",
                                                              "plan-crafted")):
            rc, _, err = self.ws.run(*args)
            self.assertEqual(rc, 0, (args, err))
        self.assert_untouched()

    def test_checks_see_use(self):
        """The checks above would see use: the same profile used on purpose
        (drso servers discover --profile) reads the config files and runs
        the credential process, which creates the marker."""
        self.watch.touched()
        rc, _, err = self.ws.run("servers", "discover", "--profile", "planted", "--region",
                                 "us-east-1", "--endpoint-url", self.listener.url)
        self.assertNotEqual(rc, 0)
        touched = self.watch.touched()
        self.assertIn(self.config, touched)
        self.assertIn(self.script, touched)
        self.assertTrue(os.path.exists(self.marker))


if __name__ == "__main__":
    lib.set_drso(sys.argv.pop(1))
    unittest.main(verbosity=2)

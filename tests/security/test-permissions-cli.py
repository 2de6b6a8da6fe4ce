#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The role × permission table through drso: every command that changes the
# store or controls an execution, under each of the five roles (the `role`
# key of the settings). A role without the permission gets exit status 3
# and one line naming the role and the permission, and nothing changes (the
# accounts, groups, plans and executions read back the same); a role with it
# is not refused (the command does its work, or fails for another reason,
# such as an execution that has ended). The calls' own effects are checked
# through the library by the permissions test.

import json
import os
import signal
import sys
import time
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import securitylib as lib  # noqa: E402

ROLES = {
    "administrator": ("Administrator", "DRSOrchestrationAdmin"),
    "recovery-manager": ("Recovery manager", "DRSRecoveryManager"),
    "plan-manager": ("Plan manager", "DRSPlanManager"),
    "operator": ("Operator", "DRSOperator"),
    "read-only": ("Read-only", "DRSReadOnly"),
}

# src/core/drso-role.c, written out.
TABLE = {
    "administrator": {"drs:CreateProtectionGroup", "drs:UpdateProtectionGroup",
                      "drs:DeleteProtectionGroup", "drs:CreateRecoveryPlan",
                      "drs:UpdateRecoveryPlan", "drs:DeleteRecoveryPlan", "drs:ExecuteRecovery",
                      "drs:ManageExecution", "drs:TerminateInstances", "drs:ViewResources",
                      "drs:ManageAccounts"},
    "recovery-manager": {"drs:ExecuteRecovery", "drs:ManageExecution",
                         "drs:TerminateInstances", "drs:ViewResources"},
    "plan-manager": {"drs:CreateProtectionGroup", "drs:UpdateProtectionGroup",
                     "drs:CreateRecoveryPlan", "drs:UpdateRecoveryPlan", "drs:ViewResources"},
    "operator": {"drs:ExecuteRecovery", "drs:ViewResources"},
    "read-only": {"drs:ViewResources"},
}

ACCOUNT = "210987654321"
SPARE_ACCOUNT = "210987654322"
PROFILE_ACCOUNT = "345678901234"
PROFILE_KEY = "AKIDPERMISSIONSCLI01"


class PermissionsCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = lib.Workspace()
        cls.fake = lib.FakeAws(accounts={PROFILE_KEY: PROFILE_ACCOUNT})
        cls.ws.write_input("aws-credentials", "[prof]\naws_access_key_id = %s\n"
                                              "aws_secret_access_key = permissions-secret\n"
                                              % PROFILE_KEY)
        cls.sandbox = None
        try:
            cls.sandbox, _ = cls.ws.start_shared_sandbox()
            cls.admin("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)
            servers = [s for s in cls.admin_json("servers", "list", "--state", "CONTINUOUS")
                       if s.get("lagSeconds", 0) < 60]
            cls.hosts = [servers[0]["hostname"], servers[1]["hostname"]]
            cls.admin("groups", "create", "G1", "--account", lib.SANDBOX_ACCOUNT, "--server",
                      cls.hosts[0])
            cls.admin("groups", "create", "G2", "--account", lib.SANDBOX_ACCOUNT, "--server",
                      cls.hosts[1])
            cls.admin("plans", "create", "Shop", "--wave", "DB:G1", "--wave", "Web:G2")
            cls.admin("accounts", "add", ACCOUNT, "--name", "Production", "--region",
                      "us-east-1", "--endpoint-url", cls.fake.url)
            # Ended drills whose instances still run: one for the controls
            # (its instances terminated on the way), one that keeps them.
            cls.ended = cls.drill()
            cls.left = cls.drill()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.ws.set_role("administrator")
        if cls.sandbox is not None:
            cls.stop_executions()
            cls.ws.stop(cls.sandbox)
        cls.fake.close()
        cls.ws.cleanup()

    # Helpers

    @classmethod
    def admin(cls, *args):
        cls.ws.set_role("administrator")
        rc, out, err = cls.ws.run(*args)
        if rc != 0:
            raise AssertionError("drso %s: exit %d: %s" % (" ".join(args), rc, err))
        return out

    @classmethod
    def admin_json(cls, *args):
        return json.loads(cls.admin(*args))

    @classmethod
    def admin_try(cls, *args):
        cls.ws.set_role("administrator")
        return cls.ws.run(*args)[0]

    @classmethod
    def drill(cls):
        """Runs a drill of Shop to its end here; returns its id."""
        execution = cls.admin_json("executions", "start", "Shop", "--drill", "--wait",
                                   "--auto-resume")
        assert execution["status"] == "COMPLETED", execution
        return execution["executionId"]

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
    def stop_executions(cls):
        """Cancels what runs and waits for the background drivers to end."""
        cls.ws.set_role("administrator")
        rc, out, _ = cls.ws.run("executions", "list")
        for execution in json.loads(out) if rc == 0 else []:
            if execution["status"] in ("PENDING", "RUNNING", "PAUSED"):
                cls.ws.run("executions", "cancel", execution["executionId"])
        deadline = time.monotonic() + 60
        while cls.drivers() and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in cls.drivers():
            os.kill(pid, signal.SIGTERM)

    def snapshot(self):
        self.ws.set_role("administrator")
        parts = []
        for args in (("accounts", "list"), ("groups", "list"), ("plans", "export", "--all"),
                     ("executions", "list")):
            rc, out, err = self.ws.run(*args)
            self.assertEqual(rc, 0, err)
            parts.append(out)
        return parts

    def write_bundle(self, name, document):
        path = os.path.join(self.ws.root, name)
        with open(path, "w") as f:
            json.dump(document, f)
        return path

    # What each command needs set up, as administrator

    def ensure_account(self, account):
        self.admin_try("accounts", "add", account, "--region", "us-east-1")

    def ensure_no_account(self, account):
        self.admin_try("accounts", "remove", account)

    def ensure_group(self, name):
        self.admin_try("groups", "create", name, "--account", lib.SANDBOX_ACCOUNT, "--tag",
                       "Purpose=" + name.lower())

    def ensure_no_group(self, name):
        self.admin_try("groups", "delete", name)

    def ensure_plan(self, name):
        self.admin_try("plans", "create", name, "--wave", "W:G1")

    def ensure_no_plan(self, name):
        self.admin_try("plans", "delete", name)

    def new_bundle(self):
        self.ensure_no_plan("Imported")
        self.ensure_no_group("Imported")
        return self.write_bundle("new.json", {
            "formatVersion": 1,
            "protectionGroups": [{"groupId": "pg-imported", "groupName": "Imported",
                                  "description": "", "region": "us-east-1",
                                  "accountId": lib.SANDBOX_ACCOUNT, "serverIds": [],
                                  "tagCriteria": {"Purpose": "imported"}}],
            "recoveryPlans": [{"planId": "plan-imported", "planName": "Imported",
                               "description": "",
                               "waves": [{"waveNumber": 1, "waveName": "W",
                                          "protectionGroupIds": ["pg-imported"]}]}]})

    def changed_bundle(self):
        document = self.admin_json("plans", "export", "Shop")
        for group in document["protectionGroups"]:
            group["description"] = "Changed %f" % time.time()
        return self.write_bundle("changed.json", document)

    def deletable_execution(self, allowed):
        # A refused role deletes nothing: any execution will do.
        return self.drill() if allowed else self.ended

    def commands(self):
        """(name, permission, prepare), where prepare(allowed) sets up what
        the command needs (as administrator) and returns its arguments."""
        ended, left, sandbox, fake = self.ended, self.left, lib.SANDBOX_ACCOUNT, self.fake.url

        def after(setup, *args):
            return lambda allowed: (setup(), args)[1]

        def just(*args):
            return lambda allowed: args

        def stamp():
            return "%f" % time.time()

        return [
            ("accounts add", "drs:ManageAccounts",
             after(lambda: self.ensure_no_account(SPARE_ACCOUNT),
                   "accounts", "add", SPARE_ACCOUNT, "--region", "us-east-1")),
            ("accounts update", "drs:ManageAccounts",
             lambda allowed: ("accounts", "update", ACCOUNT, "--name", "Renamed " + stamp())),
            ("accounts remove", "drs:ManageAccounts",
             after(lambda: self.ensure_account(SPARE_ACCOUNT),
                   "accounts", "remove", SPARE_ACCOUNT)),
            ("servers discover --profile (sets the account up)", "drs:ManageAccounts",
             after(lambda: self.ensure_no_account(PROFILE_ACCOUNT),
                   "servers", "discover", "--profile", "prof", "--region", "us-east-1",
                   "--endpoint-url", fake)),
            ("groups create", "drs:CreateProtectionGroup",
             after(lambda: self.ensure_no_group("New group"),
                   "groups", "create", "New group", "--account", sandbox, "--tag",
                   "Purpose=new")),
            ("groups update", "drs:UpdateProtectionGroup",
             lambda allowed: ("groups", "update", "G1", "--description", stamp())),
            ("groups delete", "drs:DeleteProtectionGroup",
             after(lambda: self.ensure_group("Spare"), "groups", "delete", "Spare")),
            ("plans create", "drs:CreateRecoveryPlan",
             after(lambda: self.ensure_no_plan("New plan"),
                   "plans", "create", "New plan", "--wave", "W:G2")),
            ("plans update", "drs:UpdateRecoveryPlan",
             lambda allowed: ("plans", "update", "Shop", "--rto",
                              str(3000 + int(time.time()) % 500))),
            ("plans delete", "drs:DeleteRecoveryPlan",
             after(lambda: self.ensure_plan("Spare plan"), "plans", "delete", "Spare plan")),
            ("plans import (new)", "drs:CreateProtectionGroup",
             lambda allowed: ("plans", "import", self.new_bundle())),
            ("plans import (changes)", "drs:UpdateProtectionGroup",
             lambda allowed: ("plans", "import", self.changed_bundle())),
            ("executions start --drill", "drs:ExecuteRecovery",
             just("executions", "start", "Shop", "--drill")),
            ("executions start --recovery", "drs:ExecuteRecovery",
             just("executions", "start", "Shop", "--recovery", "--yes")),
            ("executions drive", "drs:ExecuteRecovery",
             just("executions", "drive", ended, "--quiet")),
            ("executions pause", "drs:ManageExecution", just("executions", "pause", ended)),
            ("executions resume", "drs:ManageExecution", just("executions", "resume", ended)),
            ("executions cancel", "drs:ManageExecution", just("executions", "cancel", ended)),
            ("executions retry", "drs:ManageExecution", just("executions", "retry", ended)),
            ("executions skip-wave", "drs:ManageExecution",
             just("executions", "skip-wave", ended)),
            ("executions terminate-instances", "drs:TerminateInstances",
             just("executions", "terminate-instances", ended)),
            ("executions delete (instances left)", "drs:ManageExecution",
             just("executions", "delete", left)),
            ("executions delete --force", "drs:ManageExecution",
             lambda allowed: ("executions", "delete", self.deletable_execution(allowed),
                              "--force")),
        ]

    def check_role(self, role):
        name, group = ROLES[role]
        for command, permission, prepare in self.commands():
            with self.subTest(role=role, command=command):
                args = prepare(permission in TABLE[role])
                self.stop_executions()
                before = self.snapshot()
                self.ws.set_role(role)
                rc, out, err = self.ws.run(*args)
                if permission in TABLE[role]:
                    self.assertNotEqual(rc, 3, err)
                    self.assertNotIn("does not have the permission", err)
                else:
                    self.assertEqual(rc, 3, "%s: %s" % (args, err))
                    lines = err.strip().splitlines()
                    self.assertEqual(len(lines), 1, err)
                    self.assertTrue(lines[0].startswith("drso: "), err)
                    self.assertIn("The role %s (%s) does not have the permission %s"
                                  % (name, group, permission), lines[0])
                    self.assertEqual(self.snapshot(), before)
                self.stop_executions()

    def test_administrator(self):
        self.check_role("administrator")

    def test_recovery_manager(self):
        self.check_role("recovery-manager")

    def test_plan_manager(self):
        self.check_role("plan-manager")

    def test_operator(self):
        self.check_role("operator")

    def test_read_only(self):
        self.check_role("read-only")

    def test_table(self):
        """Every command is refused to some role, and every role but the
        administrator is refused some command."""
        commands = self.commands()
        for role in ROLES:
            refused = [c for c, p, _ in commands if p not in TABLE[role]]
            self.assertEqual(bool(refused), role != "administrator", role)
        for command, permission, _ in commands:
            self.assertTrue(any(permission not in TABLE[r] for r in ROLES), command)


if __name__ == "__main__":
    lib.set_drso(sys.argv.pop(1))
    unittest.main(verbosity=2)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Uses libdrso through its typelib, as a script would: creates an account, a
# protection group and a plan, and checks errors, live models and export.

import json
import os
import tempfile
import unittest

import gi

gi.require_version("Drso", "1")
from gi.repository import Drso, Gio, GLib  # noqa: E402

ACCOUNT = "123456789012"


class GirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "data", "store.db")
        self.store = Drso.Store.new(self.path)
        account = Drso.Account.new(ACCOUNT, "Production")
        account.set_regions(["us-east-1"])
        self.store.add_account(account)

    def tearDown(self):
        Gio.Settings.new("io.github.drso.Orchestrator").reset("role")
        del self.store
        self.tmp.cleanup()

    def make_group(self, name, servers=(), tags=None):
        group = Drso.ProtectionGroup.new(name, ACCOUNT, "us-east-1")
        for server in servers:
            group.add_server_id(server)
        for key, value in (tags or {}).items():
            group.set_tag(key, value)
        self.store.create_protection_group(group)
        return group

    def test_create_plan(self):
        db = self.make_group("Database", ["s-0000000000000000a", "s-0000000000000000b"])
        web = self.make_group("Web", tags={"Tier": "web"})

        plan = Drso.RecoveryPlan.new("Production 3-tier")
        plan.set_description("Made from Python")
        first = Drso.Wave.new("Database tier")
        first.add_protection_group_id(db.get_group_id())
        first.set_estimated_duration(600)
        second = Drso.Wave.new("Web tier")
        second.add_protection_group_id(web.get_group_id())
        second.set_pause_before_wave(True)
        plan.append_wave(first)
        plan.append_wave(second)
        self.store.create_recovery_plan(plan)

        stored = self.store.lookup_recovery_plan("production 3-TIER")
        self.assertEqual(stored.get_plan_id(), plan.get_plan_id())
        self.assertEqual(stored.get_n_waves(), 2)
        waves = stored.get_waves()
        self.assertEqual(waves.get_item(0).get_wave_name(), "Database tier")
        self.assertEqual(waves.get_item(1).get_wave_number(), 2)
        self.assertTrue(waves.get_item(1).get_pause_before_wave())
        self.assertEqual(list(waves.get_item(0).get_protection_group_ids()), [db.get_group_id()])
        self.assertEqual(stored.get_estimated_total_duration(), 600)
        self.assertEqual(stored.props.description, "Made from Python")

        doc = json.loads(stored.to_string(False))
        self.assertEqual(doc["planName"], "Production 3-tier")
        self.assertEqual([w["waveNumber"] for w in doc["waves"]], [1, 2])

        self.assertEqual(db.get_server_count(), 2)
        self.assertEqual(dict(self.store.lookup_protection_group("Web").get_tag_criteria()),
                         {"Tier": "web"})

    def test_live_model_signals(self):
        plans = self.store.get_recovery_plans()
        changes = []
        plans.connect("items-changed", lambda m, p, r, a: changes.append((p, r, a)))
        group = self.make_group("Batch", ["s-0000000000000000c"])
        for name in ("Bravo", "Alpha"):
            plan = Drso.RecoveryPlan.new(name)
            wave = Drso.Wave.new(None)
            wave.add_protection_group_id(group.get_group_id())
            plan.append_wave(wave)
            # A group is in one wave of a plan, but may be in many plans.
            self.store.create_recovery_plan(plan)
        self.assertEqual(changes, [(0, 0, 1), (0, 0, 1)])
        self.assertEqual([plans.get_item(i).get_plan_name() for i in range(plans.get_n_items())],
                         ["Alpha", "Bravo"])

    def test_errors(self):
        self.make_group("Database", ["s-0000000000000000a"])
        with self.assertRaises(GLib.Error) as caught:
            self.make_group("database", ["s-0000000000000000d"])
        self.assertTrue(caught.exception.matches(Drso.model_error_quark(),
                                                 Drso.ModelError.DUPLICATE_NAME))

        with self.assertRaises(GLib.Error) as caught:
            self.make_group("Other", ["s-0000000000000000a"])
        self.assertTrue(caught.exception.matches(Drso.model_error_quark(),
                                                 Drso.ModelError.SERVER_IN_OTHER_GROUP))
        self.assertIn("Database", caught.exception.message)

        plan = Drso.RecoveryPlan.new("Empty")
        with self.assertRaises(GLib.Error) as caught:
            self.store.create_recovery_plan(plan)
        self.assertTrue(caught.exception.matches(Drso.model_error_quark(),
                                                 Drso.ModelError.NO_WAVES))

        with self.assertRaises(GLib.Error) as caught:
            self.store.lookup_recovery_plan("nothing")
        self.assertTrue(caught.exception.matches(Drso.store_error_quark(),
                                                 Drso.StoreError.NOT_FOUND))

    def test_role(self):
        settings = Gio.Settings.new("io.github.drso.Orchestrator")
        settings.set_string("role", "read-only")
        self.assertEqual(self.store.get_role(), Drso.Role.READ_ONLY)
        with self.assertRaises(GLib.Error) as caught:
            self.make_group("Denied", ["s-0000000000000000e"])
        self.assertTrue(caught.exception.matches(Drso.permission_error_quark(),
                                                 Drso.PermissionError.DENIED))
        self.assertIn("drs:CreateProtectionGroup", caught.exception.message)
        self.assertIn("DRSReadOnly", caught.exception.message)
        settings.reset("role")
        self.assertEqual(self.store.get_role(), Drso.Role.ADMINISTRATOR)
        self.assertTrue(Drso.role_has_permission(Drso.Role.PLAN_MANAGER,
                                                 Drso.Permission.CREATE_RECOVERY_PLAN))

    def test_export_import(self):
        group = self.make_group("Database", ["s-0000000000000000a"])
        plan = Drso.RecoveryPlan.new("Exported")
        wave = Drso.Wave.new("Only")
        wave.add_protection_group_id(group.get_group_id())
        plan.append_wave(wave)
        self.store.create_recovery_plan(plan)

        bundle = self.store.export_plans(["Exported"])
        data, length = bundle.to_data()
        doc = json.loads(data)
        self.assertEqual(doc["formatVersion"], 1)
        self.assertEqual([g["groupName"] for g in doc["protectionGroups"]], ["Database"])

        again = Drso.Bundle.new_from_data(data, -1)
        ok, changed = self.store.import_bundle(again)
        self.assertTrue(ok)
        self.assertEqual(changed, 0)


    def test_engine_settings_and_leases(self):
        group = self.make_group("Payments", ["s-0000000000000000a"])
        plan = Drso.RecoveryPlan.new("Engine")
        wave = Drso.Wave.new("Only")
        wave.add_protection_group_id(group.get_group_id())
        plan.append_wave(wave)
        plan.props.rto_target = 1800
        plan.set_server_criticality("s-0000000000000000a", Drso.ServerCriticality.OPTIONAL)
        plan.set_server_snapshot("s-0000000000000000b", "pit-0123456789abcdef0")
        self.store.create_recovery_plan(plan)

        stored = self.store.lookup_recovery_plan("Engine")
        self.assertEqual(stored.get_rto_target(), 1800)
        self.assertEqual(list(stored.dup_configured_servers()),
                         ["s-0000000000000000a", "s-0000000000000000b"])
        self.assertIsNone(stored.get_server_snapshot("s-0000000000000000a"))
        doc = json.loads(stored.to_string(False))
        self.assertEqual(doc["rtoTargetSeconds"], 1800)
        self.assertNotIn("rpoTargetSeconds", doc)
        self.assertEqual(doc["serverSettings"],
                         {"s-0000000000000000a": {"criticality": "OPTIONAL"},
                          "s-0000000000000000b": {"recoverySnapshotId": "pit-0123456789abcdef0"}})

        execution = Drso.Execution.new(plan.get_plan_id(), "Engine", Drso.ExecutionType.DRILL)
        execution.set_initiated_by_arn("arn:aws:iam::123456789012:user/alice")
        execution.add_warning("A warning.")
        self.store.create_execution(execution)
        execution_id = execution.get_execution_id()
        self.assertEqual(self.store.dup_lease_owner(execution_id), (None, 0))
        self.assertTrue(self.store.acquire_lease(execution_id, "drso-python:1@here"))
        owner, heartbeat = self.store.dup_lease_owner(execution_id)
        self.assertEqual(owner, "drso-python:1@here")
        self.assertGreater(heartbeat, 0)
        with self.assertRaises(GLib.Error) as caught:
            self.store.acquire_lease(execution_id, "drso-python:2@there")
        self.assertTrue(caught.exception.matches(Drso.store_error_quark(),
                                                 Drso.StoreError.LEASED))
        self.assertIn("drso-python:1@here", caught.exception.message)
        unfinished = self.store.list_unfinished_executions()
        self.assertEqual([e.get_execution_id() for e in unfinished], [execution_id])
        self.assertEqual(list(unfinished[0].get_warnings()), ["A warning."])
        self.assertTrue(self.store.release_lease(execution_id, "drso-python:1@here"))
        self.assertEqual(Drso.STORE_LEASE_TIMEOUT_SECONDS, 30)

    def test_sandbox_discovery(self):
        # The store starts with the Sandbox's account; a Sandbox started
        # through the typelib serves it, and discovery fills the store.
        builtin = self.store.lookup_account(Drso.SANDBOX_ACCOUNT_ID)
        self.assertTrue(builtin.get_simulated())
        self.assertEqual(self.store.dup_default_account().get_account_id(), ACCOUNT)

        sandbox = Drso.Sandbox(time_scale=60.0, estate_size=25)
        sandbox.start()
        self.assertTrue(sandbox.props.running)
        self.assertTrue(sandbox.get_url().startswith("http://127.0.0.1:"))

        client = Drso.AwsClient.new()
        client.set_sandbox_url(sandbox.get_url())
        discovery = Drso.Discovery.new(self.store, Drso.SANDBOX_ACCOUNT_ID, None, client)
        loop = GLib.MainLoop()
        outcome = {}

        def done(source, result):
            outcome["ok"], outcome["n"] = source.run_finish(result)
            loop.quit()

        discovery.run_async(None, done)
        loop.run()
        self.assertTrue(outcome["ok"])
        self.assertEqual(outcome["n"], 25)
        self.assertEqual(self.store.get_source_servers().get_n_items(), 25)

        # Arrays that own their items come back usable, again and again
        # (they are "transfer container": Python takes its own references).
        servers = self.store.get_source_servers()
        ids = sorted(servers.get_item(i).get_source_server_id() for i in range(3))
        group = Drso.ProtectionGroup.new("Resolved", Drso.SANDBOX_ACCOUNT_ID, "us-east-1")
        for server_id in ids:
            group.add_server_id(server_id)
        self.store.create_protection_group(group)
        for _ in range(20):
            resolved = self.store.resolve_protection_group(group)
            self.assertEqual(sorted(s.get_source_server_id() for s in resolved), ids)
            del resolved
        sandbox.stop()
        self.assertIsNone(sandbox.get_url())

if __name__ == "__main__":
    unittest.main(verbosity=2)

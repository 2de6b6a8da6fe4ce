#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A drill from Python, through the Drso-1 typelib, against the Sandbox:
# discover the source servers, make a protection group per tier and a
# two-wave plan that pauses before its second wave, run it as a drill,
# resume it at the pause, terminate the instances it launched, and read
# its event log.
#
#   python3 drill.py [DATA-FOLDER]
#
# With no folder it works in a temporary one and leaves nothing behind.

import os
import sys
import tempfile

import gi

gi.require_version("Drso", "1")
from gi.repository import Drso, GLib  # noqa: E402

ACCOUNT = Drso.SANDBOX_ACCOUNT_ID


def wait(obj, name, *args):
    """Calls obj.NAME_async(*args) and returns what obj.NAME_finish says."""
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome["value"] = getattr(obj, name + "_finish")(result)
        except GLib.Error as error:
            outcome["error"] = error
        loop.quit()

    getattr(obj, name + "_async")(*args, None, done)
    loop.run()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def main(folder):
    # The Sandbox: a simulated region, its clock 600 times as fast.
    sandbox = Drso.Sandbox(time_scale=600.0,
                           state_file=os.path.join(folder, "sandbox.db"))
    sandbox.start()
    client = Drso.AwsClient.new()
    client.set_sandbox_url(sandbox.get_url())

    # A new store holds one account: the Sandbox's.
    store = Drso.Store.new(os.path.join(folder, "store.db"))
    discovery = Drso.Discovery.new(store, ACCOUNT, None, client)
    ok, n_servers = wait(discovery, "run")
    print("Discovered %d source servers" % n_servers)

    # Two healthy servers of the billing application, one per tier.
    servers = [s for s in store.get_source_servers()
               if s.get_account_id() == ACCOUNT and s.get_hostname().startswith("bil-")
               and s.get_replication_state() == "CONTINUOUS"]
    database = next(s for s in servers if "-db" in s.get_hostname())
    app = next(s for s in servers if "-app" in s.get_hostname())

    groups = []
    for name, server in (("Billing database", database), ("Billing app", app)):
        group = Drso.ProtectionGroup.new(name, ACCOUNT, Drso.SANDBOX_REGION)
        group.add_server_id(server.get_source_server_id())
        store.create_protection_group(group)
        groups.append(group)

    plan = Drso.RecoveryPlan.new("Billing")
    for number, group in enumerate(groups, start=1):
        wave = Drso.Wave.new("%s wave" % group.get_group_name())
        wave.add_protection_group_id(group.get_group_id())
        wave.set_pause_before_wave(number == 2)
        plan.append_wave(wave)
    store.create_recovery_plan(plan)
    print("Created the plan %s with %d waves" % (plan.get_plan_name(), plan.get_n_waves()))

    # Run it. The engine checks readiness first, then launches wave 1.
    engine = Drso.Engine.new(store, client)
    engine.set_property("poll-min-interval", 0.1)
    engine.set_property("poll-max-interval", 1.0)
    loop = GLib.MainLoop()
    seen = {"paused": [], "waves": []}

    def on_paused(engine, execution_id, wave_number):
        print("Paused before wave %d: resuming" % wave_number)
        seen["paused"].append(wave_number)
        wait(engine, "request", execution_id, Drso.EngineControl.RESUME)

    def on_wave_completed(engine, execution_id, wave_number, status):
        print("Wave %d: %s" % (wave_number, status.value_nick.upper()))
        seen["waves"].append((wave_number, status))

    def on_finished(engine, execution_id, status):
        seen["status"] = status
        loop.quit()

    engine.connect("paused", on_paused)
    engine.connect("wave-completed", on_wave_completed)
    engine.connect("execution-finished", on_finished)
    execution = wait(engine, "start_execution", plan.get_plan_id(), Drso.ExecutionType.DRILL)
    execution_id = execution.get_execution_id()
    print("Started the drill %s" % execution_id)
    loop.run()

    assert seen["status"] == Drso.ExecutionStatus.COMPLETED, seen
    assert seen["paused"] == [2], seen
    assert seen["waves"] == [(1, Drso.WaveStatus.COMPLETED), (2, Drso.WaveStatus.COMPLETED)], seen

    done = store.lookup_execution(execution_id)
    for wave_run in done.get_wave_runs():
        for server in wave_run.get_servers():
            assert server.get_status() == Drso.LaunchStatus.LAUNCHED, server.get_hostname()
            assert server.get_health() == "ok", server.get_hostname()
            print("  %s launched as %s" % (server.get_hostname(), server.get_ec2_instance_id()))

    # Clean up after the drill.
    ok, n_terminated = wait(engine, "terminate_instances", execution_id)
    print("Terminated %d recovery instances" % n_terminated)
    assert n_terminated == 2
    assert store.lookup_execution(execution_id).get_instances_terminated()

    # The event log tells the whole story, in order.
    kinds = [event.get_kind() for event in store.list_events(execution_id, 0)]
    story = [Drso.EventKind.EXECUTION_STARTED, Drso.EventKind.WAVE_STARTED,
             Drso.EventKind.WAVE_COMPLETED, Drso.EventKind.PAUSED, Drso.EventKind.RESUMED,
             Drso.EventKind.WAVE_STARTED, Drso.EventKind.WAVE_COMPLETED,
             Drso.EventKind.EXECUTION_FINISHED]
    told = [kind for kind in kinds if kind in story]
    assert told == story, told
    print("%d events, from %s to %s" % (len(kinds), kinds[0].value_nick, kinds[-1].value_nick))

    sandbox.stop()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(sys.argv[1]))
    with tempfile.TemporaryDirectory() as folder:
        sys.exit(main(folder))

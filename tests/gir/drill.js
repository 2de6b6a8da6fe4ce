// SPDX-License-Identifier: GPL-3.0-or-later
//
// The async calls of Drso-1 from GJS, as promises: discovery in the Sandbox,
// a one-wave plan, a drill to its end, and the clean-up after it.

imports.gi.versions.Drso = '1';
const {Drso, Gio, GLib} = imports.gi;

Gio._promisify(Drso.Discovery.prototype, 'run_async', 'run_finish');
Gio._promisify(Drso.Engine.prototype, 'start_execution_async', 'start_execution_finish');
Gio._promisify(Drso.Engine.prototype, 'terminate_instances_async',
    'terminate_instances_finish');

function check(condition, what) {
    if (!condition)
        throw new Error(`Failed: ${what}`);
}

async function main(folder) {
    const sandbox = new Drso.Sandbox({time_scale: 600, state_file: `${folder}/sandbox.db`});
    sandbox.start();
    const client = Drso.AwsClient.new();
    client.set_sandbox_url(sandbox.get_url());
    const store = Drso.Store.new(`${folder}/store.db`);

    const discovery = Drso.Discovery.new(store, Drso.SANDBOX_ACCOUNT_ID, null, client);
    // A gboolean with a GError is dropped: the out argument is what is left.
    const [found] = await discovery.run_async(null);
    check(found === 40, `40 servers discovered, not ${found}`);

    const servers = store.get_source_servers();
    let server = null;
    for (let i = 0; i < servers.get_n_items(); i++) {
        const item = servers.get_item(i);
        if (item.get_hostname() === 'bil-db01')
            server = item;
    }
    check(server !== null, 'bil-db01 discovered');

    const group = Drso.ProtectionGroup.new('Billing database', Drso.SANDBOX_ACCOUNT_ID,
        Drso.SANDBOX_REGION);
    group.add_server_id(server.get_source_server_id());
    store.create_protection_group(group);
    const plan = Drso.RecoveryPlan.new('Billing from GJS');
    const wave = Drso.Wave.new('Database');
    wave.add_protection_group_id(group.get_group_id());
    plan.append_wave(wave);
    store.create_recovery_plan(plan);

    const engine = Drso.Engine.new(store, client);
    engine.poll_min_interval = 0.1;
    const finished = new Promise(resolve => {
        engine.connect('execution-finished', (_engine, id, status) => resolve(status));
    });
    const execution = await engine.start_execution_async(plan.get_plan_id(),
        Drso.ExecutionType.DRILL, null);
    const status = await finished;
    check(status === Drso.ExecutionStatus.COMPLETED, `the drill completed (${status})`);

    const [terminated] = await engine.terminate_instances_async(
        execution.get_execution_id(), null);
    check(terminated === 1, `one instance terminated, not ${terminated}`);
    print(`GJS: drill ${execution.get_execution_id()} completed, ${terminated} instance terminated`);
    sandbox.stop();
}

const folder = GLib.dir_make_tmp('drso-gjs-XXXXXX');
const loop = new GLib.MainLoop(null, false);
let failure = null;
main(folder).catch(error => {
    failure = error;
}).finally(() => loop.quit());
loop.run();
GLib.spawn_command_line_sync(`rm -rf ${folder}`);
if (failure) {
    printerr(failure.stack ? `${failure}\n${failure.stack}` : `${failure}`);
    imports.system.exit(1);
}

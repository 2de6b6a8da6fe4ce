#!/usr/bin/python3
# test-engine-crash.py
#
# Copyright 2026 The DRS Orchestrator authors
#
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Crash safety of the execution engine.

A `drso sandbox` runs as its own process (it outlives every kill, its region
kept in a state file). engine-driver (tests/engine-driver.c) drives a drill
of a plan of 3 waves (waves 2 and 3 pause before them; the driver resumes at
once) and is SIGKILLed again and again, then started again, until the drill
has ended:

  - at a seeded random time: very early (right after the start or the
    adoption, when an intent has just been stored), or later (launching,
    monitoring, paused);
  - right after the N-th change the engine saved (--kill-after-saves N):
    between a commit and what follows it (the StartRecovery of a stored
    intent, the event of a transition).

Then, through boto3 against the Sandbox and sqlite3 on the store: every
server of every wave is in exactly one LAUNCH job of that wave (tags
drso:execution, drso:wave), the execution is COMPLETED, the event log has
no gaps and each wave started and completed once, and PRAGMA
integrity_check says ok.

    test-engine-crash.py ENGINE_DRIVER DRSO [--long] [unittest options]

DRSO_CRASH_KILLS (20; 50 with --long), DRSO_CRASH_SEED (7),
DRSO_CRASH_TIME_SCALE (120 for 20 kills, slower for more), DRSO_CRASH_FAULTS (latency=10-40, the
Sandbox's --faults) change the run; DRSO_CRASH_KEEP=1 keeps the
temporary folder.
"""

import collections
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import boto3
    import botocore.config
except ImportError:  # pragma: no cover
    boto3 = None

DRIVER = None
DRSO = None
LONG = False

PLAN = 'Crash drill'
WAVES = 3
PER_WAVE = 5


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


class Life:
    """One run of the driver: how it was to end, and how it ended."""

    def __init__(self, number, how, arg=None, limit=None):
        self.number = number
        self.how = how          # 'time', 'save', 'intent' or 'finish'
        self.arg = arg          # seconds, a save count or milliseconds
        self.limit = limit      # seconds before a SIGKILL from here
        self.rc = None
        self.phase = None       # the store's state when it died
        self.stderr = ''
        self.seconds = 0.0

    def killed_by(self):
        """Where the SIGKILL came from: the driver's crash point, or here."""
        if 'SIGKILL after save' in self.stderr:
            return 'save'
        if 'after an intent was saved' in self.stderr:
            return 'intent'
        return 'time'

    def __str__(self):
        what = {'time': 'kill after %.3f s' % (self.arg or 0),
                'save': 'kill after save %s' % self.arg,
                'intent': 'kill %s ms after an intent' % self.arg,
                'finish': 'run to the end'}[self.how]
        killed = self.rc == -signal.SIGKILL
        return 'life %d: %s → %s, phase %s, %.2f s' % (
            self.number, what, 'killed (%s)' % self.killed_by() if killed else 'rc %s' % self.rc,
            self.phase, self.seconds)


class EngineCrashTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if boto3 is None:
            raise unittest.SkipTest('boto3 is missing: apt install python3-boto3')
        cls.tmp = tempfile.mkdtemp(prefix='drso-crash-')
        cls.data = os.path.join(cls.tmp, 'data')
        os.makedirs(cls.data)
        env = dict(os.environ)
        env['XDG_DATA_HOME'] = os.path.join(cls.tmp, 'xdg')
        env['XDG_CONFIG_HOME'] = os.path.join(cls.tmp, 'config')
        cls.env = env
        cls.sandbox_log = open(os.path.join(cls.tmp, 'sandbox.log'), 'w')
        # A slower Sandbox for more kills: the drill must outlast them.
        kills = env_int('DRSO_CRASH_KILLS', 50 if LONG else 20)
        time_scale = os.environ.get('DRSO_CRASH_TIME_SCALE', str(max(10, 120 * 20 // kills)))
        cls.sandbox = subprocess.Popen(
            [DRSO, 'sandbox', '--state-file', os.path.join(cls.tmp, 'sandbox.db'),
             '--time-scale', time_scale, '--seed', '7',
             # Answers held back 10-40 ms, the work done first: a kill a few
             # milliseconds after a StartRecovery went out finds its job made
             # and its answer not in, the case adoption by tags is for.
             '--faults', os.environ.get('DRSO_CRASH_FAULTS', 'latency=10-40')],
            stdout=subprocess.PIPE, stderr=cls.sandbox_log, env=env, text=True)
        exports = {}
        while len(exports) < 5:
            line = cls.sandbox.stdout.readline()
            if not line:
                raise RuntimeError('drso sandbox ended before it printed its address: see ' +
                                   cls.sandbox_log.name)
            match = re.match(r'export (\w+)=(.*)', line.strip())
            if match:
                exports[match.group(1)] = match.group(2)
        cls.url = exports['AWS_ENDPOINT_URL']
        cls.drs = boto3.client('drs', endpoint_url=cls.url, region_name=exports['AWS_REGION'],
                               aws_access_key_id=exports['AWS_ACCESS_KEY_ID'],
                               aws_secret_access_key=exports['AWS_SECRET_ACCESS_KEY'],
                               config=botocore.config.Config(retries={'max_attempts': 10}))

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, 'sandbox', None) is not None:
            cls.sandbox.send_signal(signal.SIGTERM)
            try:
                rc = cls.sandbox.wait(60)
            except subprocess.TimeoutExpired:
                cls.sandbox.kill()
                rc = cls.sandbox.wait()
            cls.sandbox.stdout.close()
            if rc != 0:
                print('drso sandbox exited with %d: see its log below' % rc, file=sys.stderr)
                with open(cls.sandbox_log.name) as log:
                    sys.stderr.write(log.read()[-4000:])
        if getattr(cls, 'sandbox_log', None) is not None:
            cls.sandbox_log.close()
        if getattr(cls, 'tmp', None) and not os.environ.get('DRSO_CRASH_KEEP'):
            shutil.rmtree(cls.tmp, ignore_errors=True)
        elif getattr(cls, 'tmp', None):
            print('kept', cls.tmp, file=sys.stderr)

    # The store, read beside the driver (WAL: readers do not block it)

    def db(self):
        return sqlite3.connect('file:%s?mode=ro' % os.path.join(self.data, 'store.db'),
                               uri=True, timeout=10)

    def phase(self):
        """What the store says the execution was doing."""
        path = os.path.join(self.data, 'store.db')
        if not os.path.exists(path):
            return 'no-store'
        try:
            with self.db() as db:
                row = db.execute('SELECT execution_id, status, current_wave FROM executions '
                                 'ORDER BY start_time DESC LIMIT 1').fetchone()
                if row is None:
                    return 'starting'
                execution_id, status, wave = row
                if status != 'RUNNING':
                    return status.lower()
                intents = db.execute('SELECT COUNT(*) FROM server_runs WHERE execution_id = ? '
                                     'AND wave_number = ? AND launch_requested != 0 AND '
                                     'job_id IS NULL', (execution_id, wave)).fetchone()[0]
                pending = db.execute('SELECT COUNT(*) FROM server_runs WHERE execution_id = ? '
                                     'AND wave_number = ? AND job_id IS NULL',
                                     (execution_id, wave)).fetchone()[0]
                if intents:
                    return 'intent'
                if pending:
                    return 'launch'
                return 'monitor'
        except sqlite3.Error as error:
            return 'unreadable (%s)' % error

    def run_driver(self, life, extra=()):
        args = [DRIVER, '--timeout', '200'] + list(extra) + [self.data, self.url, PLAN]
        start = time.monotonic()
        with open(os.path.join(self.tmp, 'driver-%03d.log' % life.number), 'w+') as err:
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, env=self.env,
                                       text=True)
            if life.limit is not None:
                try:
                    process.wait(life.limit)
                except subprocess.TimeoutExpired:
                    process.send_signal(signal.SIGKILL)
            out, _ = process.communicate(timeout=240)
            life.rc = process.returncode
            life.seconds = time.monotonic() - start
            err.seek(0)
            life.stderr = err.read()
        life.phase = self.phase()
        return out.strip()

    # The Sandbox's view

    def launch_jobs(self, execution_id):
        jobs = []
        for page in self.drs.get_paginator('describe_jobs').paginate(filters={}):
            for job in page['items']:
                if job.get('tags', {}).get('drso:execution') == execution_id:
                    jobs.append(job)
        return [job for job in jobs if job['type'] == 'LAUNCH'], jobs

    def test_kill_and_restart(self):
        kills = env_int('DRSO_CRASH_KILLS', 50 if LONG else 20)
        rng = random.Random(env_int('DRSO_CRASH_SEED', 7))
        started = time.monotonic()
        setup = subprocess.run([DRIVER, '--setup', '--waves', str(WAVES), '--per-wave',
                                str(PER_WAVE), self.data, self.url, PLAN],
                               capture_output=True, text=True, env=self.env)
        self.assertEqual(setup.returncode, 0, setup.stderr)

        lives = []
        execution_id = None
        # Kill after kill until the drill ends by itself: at a saved change
        # (--kill-after-saves), at or just after a saved launch intent
        # (--kill-at-intent), else at a time, some within the first 0.15 s
        # (the start, the adoption, a fresh intent). The crash points fall
        # back on a kill from here after a while.
        while True:
            n = len(lives) + 1
            killed = sum(1 for life in lives if life.rc == -signal.SIGKILL)
            draw = rng.random()
            # Waves launch in a moment and are watched for seconds: after a
            # kill at a launch or a pause, kill the next life at its launch
            # intent more often, so that launches are hit again and again.
            if lives and lives[-1].phase in ('intent', 'launch', 'paused') and rng.random() < 0.6:
                draw = 0.3
            if killed >= kills:
                life = Life(n, 'finish')
            elif draw < 0.25:
                life = Life(n, 'save', rng.randint(1, 8), limit=1.5)
            elif draw < 0.5:
                life = Life(n, 'intent', rng.choice([0, rng.randint(1, 40), rng.randint(1, 40)]), limit=1.0)
            elif draw < 0.65:
                delay = rng.uniform(0.0, 0.15)
                life = Life(n, 'time', delay, limit=delay)
            else:
                delay = rng.uniform(0.15, 1.2)
                life = Life(n, 'time', delay, limit=delay)
            extra = {'save': ['--kill-after-saves', str(life.arg)],
                     'intent': ['--kill-at-intent', str(life.arg)]}.get(life.how, [])
            out = self.run_driver(life, extra)
            lives.append(life)
            print(life, file=sys.stderr)
            if life.rc == 0:
                execution_id = out.splitlines()[-1]
                break
            self.assertEqual(life.rc, -signal.SIGKILL,
                             'the driver failed by itself in %s:\n%s' % (life, life.stderr))
            self.assertLess(time.monotonic() - started, 600, 'the drill never ended')

        killed = [life for life in lives if life.rc == -signal.SIGKILL]
        self.assertGreaterEqual(len(killed), kills,
                                'the drill ended after %d kills only: lower '
                                'DRSO_CRASH_TIME_SCALE' % len(killed))
        duration = time.monotonic() - started
        report = '\n'.join(str(life) for life in lives)

        # One LAUNCH job per server and wave, in the Sandbox.
        launches, all_jobs = self.launch_jobs(execution_id)
        with self.db() as db:
            wave_servers = collections.defaultdict(set)
            for wave, server in db.execute('SELECT wave_number, server_id FROM server_runs '
                                           'WHERE execution_id = ?', (execution_id,)):
                wave_servers[wave].add(server)
        self.assertEqual(len(wave_servers), WAVES)
        seen = collections.defaultdict(list)
        for job in launches:
            wave = int(job['tags']['drso:wave'])
            for server in job['participatingServers']:
                seen[(wave, server['sourceServerID'])].append(job)
        problems = []
        for wave, servers in sorted(wave_servers.items()):
            for server in sorted(servers):
                jobs = seen.pop((wave, server), [])
                if len(jobs) != 1:
                    problems.append('wave %d server %s in %d LAUNCH jobs: %s' % (
                        wave, server, len(jobs),
                        ', '.join('%s (attempt %s, created %s)' % (
                            job['jobID'], job['tags'].get('drso:attempt'),
                            job['creationDateTime']) for job in jobs)))
        for (wave, server), jobs in seen.items():
            problems.append('server %s is in LAUNCH jobs of wave %d it is not in' % (server, wave))
        self.assertEqual(problems, [], '\n'.join(problems) + '\n\nlives:\n' + report)

        with self.db() as db:
            status, = db.execute('SELECT status FROM executions WHERE execution_id = ?',
                                 (execution_id,)).fetchone()
            self.assertEqual(status, 'COMPLETED')
            waves = db.execute('SELECT wave_number, status FROM wave_runs WHERE execution_id = ? '
                               'ORDER BY wave_number', (execution_id,)).fetchall()
            self.assertEqual(waves, [(w, 'COMPLETED') for w in range(1, WAVES + 1)])
            events = db.execute('SELECT event_id, wave_number, kind, message FROM '
                                'execution_events WHERE execution_id = ? ORDER BY event_id',
                                (execution_id,)).fetchall()
            all_ids = [row[0] for row in db.execute('SELECT event_id FROM execution_events '
                                                    'ORDER BY event_id')]
            integrity = db.execute('PRAGMA integrity_check').fetchall()
            foreign = db.execute('PRAGMA foreign_key_check').fetchall()
            lease = db.execute('SELECT owner FROM execution_leases WHERE execution_id = ?',
                               (execution_id,)).fetchall()

        self.assertEqual(integrity, [('ok',)])
        self.assertEqual(foreign, [])
        # No gaps: AUTOINCREMENT ids of one execution in a store of its own.
        self.assertEqual(all_ids, list(range(1, len(all_ids) + 1)), 'gaps in the event ids')

        kinds = collections.Counter((wave, kind) for _, wave, kind, _ in events)
        log = '\n'.join('%4d w%d %-18s %s' % row for row in events)
        lost = []

        def expect(wave, kind, n=1):
            if kinds[(wave, kind)] != n:
                lost.append('%s of wave %d: %d events, %d expected' % (kind, wave,
                                                                        kinds[(wave, kind)], n))

        expect(0, 'EXECUTION_STARTED')
        expect(0, 'EXECUTION_FINISHED')
        for wave in range(1, WAVES + 1):
            expect(wave, 'WAVE_STARTED')
            expect(wave, 'WAVE_COMPLETED')
            expect(wave, 'WAVE_FAILED', 0)
            if wave > 1 and kinds[(wave, 'PAUSED')] < 1:
                lost.append('PAUSED of wave %d: none' % wave)
            if wave > 1 and kinds[(wave, 'RESUMED')] < 1:
                lost.append('RESUMED of wave %d: none' % wave)
        if events and events[-1][2] != 'EXECUTION_FINISHED':
            lost.append('the last event is %s, not EXECUTION_FINISHED' % events[-1][2])
        order = [(wave, kind) for _, wave, kind, _ in events
                 if kind in ('WAVE_STARTED', 'WAVE_COMPLETED')]
        if order != sorted(set(order), key=lambda k: (k[0], k[1] != 'WAVE_STARTED')):
            lost.append('waves did not start and complete in order: %s' % order)
        # Each job in the log: its JOB_STARTED names it, or it was adopted
        # by its tags after a kill took the answer (an INFO of its wave).
        adopted_waves = {wave for _, wave, kind, message in events
                         if kind == 'INFO' and 'Found the DRS jobs' in message}
        for job in launches:
            wave = int(job['tags']['drso:wave'])
            if not any(job['jobID'] in message for _, _, kind, message in events
                       if kind == 'JOB_STARTED') and wave not in adopted_waves:
                lost.append('JOB_STARTED of %s (wave %d): none, and the job was not adopted'
                            % (job['jobID'], wave))
        job_started = sum(1 for _, _, kind, _ in events if kind == 'JOB_STARTED')
        adopted = sum(int(m.group(1)) for _, _, kind, message in events
                      for m in [re.search(r'Found the DRS jobs of (\d+) servers', message)]
                      if m)

        phases = collections.Counter(life.phase for life in killed)
        summary = ('engine-crash: %d kills (%d at a saved change, %d at a launch intent, %d '
                   'within 0.15 s), %d restarts, '
                   '%d LAUNCH jobs (%d jobs in all; %d JOB_STARTED events, %d servers adopted '
                   'by tags), %d events, %.1f s; phases at the kills: %s; events lost: %d; '
                   'integrity_check: %s; lease left: %s' % (
                       len(killed), sum(1 for life in killed if life.killed_by() == 'save'),
                       sum(1 for life in killed if life.killed_by() == 'intent'),
                       sum(1 for life in killed if life.how == 'time' and life.arg < 0.15),
                       len(lives) - 1, len(launches), len(all_jobs), job_started, adopted,
                       len(events), duration,
                       ', '.join('%s %d' % item for item in sorted(phases.items())),
                       len(lost), integrity[0][0], lease[0][0] if lease else 'none'))
        print(summary, file=sys.stderr)
        print(summary)
        self.assertEqual(lost, [], 'events lost:\n' + '\n'.join(lost) + '\n\nlives:\n' + report +
                         '\n\nevent log:\n' + log)


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: test-engine-crash.py ENGINE_DRIVER DRSO [--long] [unittest options]')
    DRIVER = os.path.abspath(sys.argv[1])
    DRSO = os.path.abspath(sys.argv[2])
    rest = sys.argv[3:]
    if '--long' in rest:
        LONG = True
        rest.remove('--long')
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)

#!/usr/bin/python3
# soak.py
#
# Copyright 2026 The DRS Orchestrator authors
#
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The crash soak of the execution engine.

A `drso sandbox` process (its region kept in a state file, a generated estate
of 100 servers) throttles 30% of the requests, answers 10% with a 5xx and
drops 2% of the connections (half of them after the request took effect).
engine-driver (tests/engine-driver.c, --drill N) runs drills of one plan, 5 waves of
12 servers (waves 2 to 5 pause before them; the driver resumes at once), one
drill after the other in one store. Each drill is driven by a process that
is SIGKILLed at seeded random moments and started again until the drill has
ended; the kills are spread over the drills:

  - at a time drawn over what is left of the drill, some within 0.15 s of
    the start (the start itself, the adoption, an intent just stored);
  - right after the N-th change the engine saved (between a commit and
    what follows it);
  - at, or a few milliseconds after, a saved launch intent (before the
    StartRecovery is sent, or after it went out with its answer not in).

Then, through boto3 against the Sandbox and sqlite3 on the store: every
drill COMPLETED with its 5 waves; each server of each wave in exactly one
LAUNCH job of that wave and drill (tags drso:execution, drso:wave), the job
the store names; no event lost (the event ids without gaps, each wave
started, paused, resumed and completed once, each job started or adopted);
PRAGMA integrity_check ok on the store and on the Sandbox's state file;
and the Sandbox holding no more open files than after the setup (it once
kept one per connection a client had closed).

    soak.py ENGINE_DRIVER DRSO [--drills D] [--kills K] [--seed S]
            [--time-scale X] [--json FILE] [--keep]

The short form (the test suite's): 2 drills, 6 kills. The long form, by
hand: --drills 20 --kills 50. The report is a table on stderr and one JSON
object on stdout; the exit status is 1 if any invariant failed.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import boto3
    import botocore.config
    import botocore.exceptions
except ImportError:  # pragma: no cover
    boto3 = None

PLAN = 'Soak drill'
WAVES = 5
PER_WAVE = 12
ESTATE = 100
FAULTS = 'throttle=0.30,5xx=0.10,drop=0.02'
# Simulated seconds of one drill of the plan (5 waves of snapshot,
# conversion, launch and boot): about 38 s at a time scale of 120.
DRILL_SIM_SECONDS = 4600
# Connections the Sandbox may still hold at the end (the last driver's,
# boto3's): far fewer than the requests of even one drill.
FD_SLACK = 64


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Failed(Exception):
    pass


class Life:
    """One run of the driver: how it was to end, and how it ended."""

    def __init__(self, drill, number, how, arg=None, limit=None, arm=0.0):
        self.drill = drill
        self.arm = arm          # seconds before the crash points count
        self.number = number
        self.how = how          # 'time', 'early', 'save', 'intent' or 'finish'
        self.arg = arg          # seconds, a save count or milliseconds
        self.limit = limit      # seconds before a SIGKILL from here
        self.rc = None
        self.phase = None       # what the store said when it ended
        self.stderr = ''
        self.seconds = 0.0
        self.ended = 0.0        # seconds from the start of the drill
        self.out = ''

    @property
    def killed(self):
        return self.rc == -signal.SIGKILL

    def killed_by(self):
        """The crash point that fired, or a kill from here (a time)."""
        if 'SIGKILL after save' in self.stderr:
            return 'save'
        if 'after an intent was saved' in self.stderr:
            return 'intent'
        return 'early' if self.how == 'early' else 'time'

    def __str__(self):
        what = {'time': 'kill after %.3f s' % (self.arg or 0),
                'early': 'kill after %.3f s' % (self.arg or 0),
                'save': 'kill after save %s from %.2f s' % (self.arg, self.arm),
                'intent': 'kill %s ms after an intent from %.2f s' % (self.arg, self.arm),
                'finish': 'run to the end'}[self.how]
        return 'drill %d life %d: %s -> %s, phase %s, %.2f s, ended at %.1f s' % (
            self.drill, self.number, what,
            'killed (%s)' % self.killed_by() if self.killed else 'rc %s' % self.rc,
            self.phase, self.seconds, self.ended)


class Soak:

    def __init__(self, args):
        self.args = args
        self.driver = os.path.abspath(args.driver)
        self.drso = os.path.abspath(args.drso)
        self.rng = random.Random(args.seed)
        self.tmp = tempfile.mkdtemp(prefix='drso-soak-')
        self.data = os.path.join(self.tmp, 'data')
        os.makedirs(self.data)
        self.env = dict(os.environ)
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'xdg')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'config')
        self.sandbox = None
        self.sandbox_log = None
        self.lives = []
        self.drills = []        # per drill: a dict of what it did
        self.problems = []
        self.expected = DRILL_SIM_SECONDS / args.time_scale

    # The Sandbox

    def start_sandbox(self):
        self.sandbox_log = open(os.path.join(self.tmp, 'sandbox.log'), 'w')
        self.sandbox = subprocess.Popen(
            [self.drso, 'sandbox', '--state-file', os.path.join(self.tmp, 'sandbox.db'),
             '--estate', str(ESTATE), '--seed', str(self.args.seed),
             '--time-scale', str(self.args.time_scale), '--faults', FAULTS],
            stdout=subprocess.PIPE, stderr=self.sandbox_log, env=self.env, text=True)
        exports = {}
        while len(exports) < 5:
            line = self.sandbox.stdout.readline()
            if not line:
                raise Failed('drso sandbox ended before it printed its address: see ' +
                             self.sandbox_log.name)
            match = re.match(r'export (\w+)=(.*)', line.strip())
            if match:
                exports[match.group(1)] = match.group(2)
        self.url = exports['AWS_ENDPOINT_URL']
        # No retries of botocore's own (its backoff grows without end in the
        # legacy mode and its quota runs dry in the standard one under these
        # faults): call() retries every fault the Sandbox injects.
        self.drs = boto3.client('drs', endpoint_url=self.url, region_name=exports['AWS_REGION'],
                                aws_access_key_id=exports['AWS_ACCESS_KEY_ID'],
                                aws_secret_access_key=exports['AWS_SECRET_ACCESS_KEY'],
                                config=botocore.config.Config(retries={'max_attempts': 1},
                                                              connect_timeout=10,
                                                              read_timeout=30))

    def sandbox_fds(self):
        """The file descriptors the Sandbox holds open (Linux)."""
        try:
            return len(os.listdir('/proc/%d/fd' % self.sandbox.pid))
        except (OSError, AttributeError):
            return -1

    def stop_sandbox(self):
        if self.sandbox is None:
            return
        self.sandbox.send_signal(signal.SIGTERM)
        try:
            rc = self.sandbox.wait(60)
        except subprocess.TimeoutExpired:
            self.sandbox.kill()
            rc = self.sandbox.wait()
        self.sandbox.stdout.close()
        self.sandbox = None
        if rc != 0:
            self.problems.append('drso sandbox exited with %d' % rc)
            with open(self.sandbox_log.name) as sandbox_log:
                log(sandbox_log.read()[-4000:])

    def call(self, method, **kwargs):
        """A call of the Sandbox, again while its faults refuse it."""
        for attempt in range(60):
            try:
                return method(**kwargs)
            except botocore.exceptions.ClientError as error:
                code = error.response.get('Error', {}).get('Code', '')
                status = error.response.get('ResponseMetadata', {}).get('HTTPStatusCode', 0)
                if status < 500 and 'Throttl' not in code and code != 'RequestLimitExceeded':
                    raise
            except (botocore.exceptions.ConnectionError,
                    botocore.exceptions.HTTPClientError):
                pass
            time.sleep(min(0.02 * (attempt + 1), 0.5))
        raise Failed('the Sandbox refused %s 60 times' % method.__name__)

    def describe_jobs(self):
        jobs, token = [], None
        while True:
            kwargs = {'filters': {}}
            if token:
                kwargs['nextToken'] = token
            page = self.call(self.drs.describe_jobs, **kwargs)
            jobs.extend(page['items'])
            token = page.get('nextToken')
            if not token:
                return jobs

    # The store, read beside the driver (WAL: readers do not block it)

    def db(self):
        return sqlite3.connect('file:%s?mode=ro' % os.path.join(self.data, 'store.db'),
                               uri=True, timeout=10)

    def phase(self):
        """What the store says the newest execution was doing."""
        if not os.path.exists(os.path.join(self.data, 'store.db')):
            return 'no-store'
        try:
            with self.db() as db:
                row = db.execute('SELECT execution_id, status, current_wave FROM executions '
                                 'ORDER BY start_time DESC, rowid DESC LIMIT 1').fetchone()
                if row is None:
                    return 'starting'
                execution_id, status, wave = row
                if status != 'RUNNING':
                    return status.lower()
                intents, pending = db.execute(
                    'SELECT SUM(launch_requested != 0 AND job_id IS NULL), '
                    'SUM(job_id IS NULL) FROM server_runs WHERE execution_id = ? '
                    'AND wave_number = ?', (execution_id, wave)).fetchone()
                if intents:
                    return 'intent'
                if pending:
                    return 'launch'
                return 'monitor'
        except sqlite3.Error as error:
            return 'unreadable (%s)' % error

    # The driver

    def run_driver(self, life, extra=()):
        timeout = int(max(600, 20 * self.expected))
        args = ([self.driver, '--drill', str(life.drill), '--timeout', str(timeout)] +
                list(extra) + [self.data, self.url, PLAN])
        start = time.monotonic()
        path = os.path.join(self.tmp, 'driver-%02d-%03d.log' % (life.drill, life.number))
        with open(path, 'w+') as err:
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, env=self.env,
                                       text=True)
            try:
                process.wait(life.limit)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
            out, _ = process.communicate(timeout=60)
            life.rc = process.returncode
            life.seconds = time.monotonic() - start
            err.seek(0)
            life.stderr = err.read()
        life.out = out.strip()
        life.phase = self.phase()

    def set_up(self):
        for attempt in range(5):
            setup = subprocess.run([self.driver, '--setup', '--waves', str(WAVES), '--per-wave',
                                    str(PER_WAVE), self.data, self.url, PLAN],
                                   capture_output=True, text=True, env=self.env)
            if setup.returncode == 0:
                plan_id, found, used = setup.stdout.split()
                log('soak: %s, %s servers discovered, %s in the plan' % (plan_id, found, used))
                return
            log('soak: setup %d failed: %s' % (attempt + 1, setup.stderr.strip()[-400:]))
        raise Failed('the setup failed 5 times')

    def next_life(self, drill, number, kills_left, elapsed, targets, previous):
        """How the next life of a drill is to end. @targets are the moments
        of the drill (seconds from its start) the kills aim at, drawn over
        its whole length; @elapsed is now."""
        if kills_left <= 0:
            return Life(drill, number, 'finish', limit=max(300, 10 * self.expected))
        rng = self.rng
        wave = self.expected / WAVES
        # Right after a restart: the start, the adoption, an intent found.
        if previous is not None and previous.killed and rng.random() < 0.15:
            delay = rng.uniform(0.0, 0.15)
            return Life(drill, number, 'early', delay, limit=delay)
        # After a kill at a launch or a pause, aim at the launch again.
        if previous is not None and previous.phase in ('intent', 'launch', 'paused') and \
                rng.random() < 0.4:
            arm = 0.0
        else:
            later = [t for t in targets if t > elapsed]
            target = later[0] if later else elapsed + rng.uniform(
                0.0, max(0.3, (self.expected - elapsed) / (kills_left + 1)))
            arm = max(0.0, target - elapsed)
        # A crash point that has not fired by then becomes a kill from
        # here, before the drill could end.
        until = max(arm + 0.3, 0.97 * self.expected - elapsed)
        draw = rng.random()
        if draw < 0.3:
            return Life(drill, number, 'save', rng.randint(1, 6), arm=arm,
                        limit=min(arm + max(2.0, wave), until))
        if draw < 0.6:
            return Life(drill, number, 'intent',
                        rng.choice([0, rng.randint(1, 40), rng.randint(1, 40)]), arm=arm,
                        limit=min(arm + wave + 2.0, until))
        delay = max(arm, 0.15) + rng.uniform(0.0, 0.2)
        return Life(drill, number, 'time', delay, limit=delay)

    def run_drill(self, drill, kills):
        """Runs drill number @drill to its end with @kills kills; returns the
        kills left over (the drill ended first) and the execution id."""
        start = time.monotonic()
        lives = []
        kills_left = kills
        # The kills aim at moments drawn over the whole drill.
        targets = sorted(self.rng.uniform(0.0, 0.9 * self.expected) for _ in range(kills))
        while True:
            previous = lives[-1] if lives else None
            life = self.next_life(drill, len(lives) + 1, kills_left, time.monotonic() - start,
                                  targets, previous)
            extra = {'save': ['--kill-after-saves', str(life.arg)],
                     'intent': ['--kill-at-intent', str(life.arg)]}.get(life.how, [])
            if life.arm > 0:
                extra += ['--arm-after', '%.3f' % life.arm]
            self.run_driver(life, extra)
            life.ended = time.monotonic() - start
            lives.append(life)
            self.lives.append(life)
            if self.args.verbose:
                log('  ' + str(life))
            if life.rc == 0:
                break
            if not life.killed:
                raise Failed('the driver failed by itself in %s:\n%s' % (life, life.stderr[-3000:]))
            if life.how == 'finish':
                raise Failed('the driver did not end with the drill in %s:\n%s' % (
                    life, life.stderr[-3000:]))
            kills_left -= 1
            if time.monotonic() - start > max(900, 30 * self.expected):
                raise Failed('drill %d never ended' % drill)
        seconds = time.monotonic() - start
        execution_id = life.out.splitlines()[-1] if life.out else ''
        starts = sum(len(re.findall(r'start \d+ failed', l.stderr)) for l in lives)
        return execution_id, max(kills_left, 0), lives, seconds, starts

    # The checks of one drill

    def check_drill(self, drill, execution_id):
        problems = []
        with self.db() as db:
            row = db.execute('SELECT status, execution_type FROM executions '
                             'WHERE execution_id = ?', (execution_id,)).fetchone()
            n_executions, = db.execute('SELECT COUNT(*) FROM executions').fetchone()
            waves = db.execute('SELECT wave_number, status FROM wave_runs WHERE execution_id = ? '
                               'ORDER BY wave_number', (execution_id,)).fetchall()
            runs = db.execute('SELECT wave_number, server_id, job_id FROM server_runs '
                              'WHERE execution_id = ?', (execution_id,)).fetchall()
            events = db.execute('SELECT event_id, wave_number, kind, message FROM '
                                'execution_events WHERE execution_id = ? ORDER BY event_id',
                                (execution_id,)).fetchall()
        if row is None:
            raise Failed('drill %d: the store has no execution %r' % (drill, execution_id))
        if n_executions != drill:
            problems.append('drill %d: the store holds %d executions' % (drill, n_executions))
        if row != ('COMPLETED', 'DRILL'):
            problems.append('drill %d: %s is %s %s, not a COMPLETED DRILL' % (
                drill, execution_id, row[1], row[0]))
        if waves != [(w, 'COMPLETED') for w in range(1, WAVES + 1)]:
            problems.append('drill %d: waves %s' % (drill, waves))

        # One LAUNCH job per server and wave, in the Sandbox, the one the
        # store names.
        wave_servers = collections.defaultdict(dict)
        for wave, server, job_id in runs:
            wave_servers[wave][server] = job_id
        if sorted(len(s) for s in wave_servers.values()) != [PER_WAVE] * WAVES:
            problems.append('drill %d: servers per wave %s' % (
                drill, {w: len(s) for w, s in sorted(wave_servers.items())}))
        jobs = [job for job in self.describe_jobs()
                if job.get('tags', {}).get('drso:execution') == execution_id]
        launches = [job for job in jobs if job['type'] == 'LAUNCH']
        seen = collections.defaultdict(list)
        for job in launches:
            wave = int(job['tags']['drso:wave'])
            for server in job['participatingServers']:
                seen[(wave, server['sourceServerID'])].append(job['jobID'])
        counts = []
        for wave, servers in sorted(wave_servers.items()):
            for server, job_id in sorted(servers.items()):
                found = seen.pop((wave, server), [])
                counts.append(len(found))
                if len(found) != 1:
                    problems.append('drill %d wave %d: server %s in %d LAUNCH jobs: %s' % (
                        drill, wave, server, len(found), ', '.join(found)))
                elif found[0] != job_id:
                    problems.append('drill %d wave %d: server %s launched by %s, the store '
                                    'says %s' % (drill, wave, server, found[0], job_id))
        for (wave, server), found in sorted(seen.items()):
            counts.append(len(found))
            problems.append('drill %d: server %s in LAUNCH jobs of wave %d it is not in: %s' % (
                drill, server, wave, ', '.join(found)))

        # The event log: each wave started, paused, resumed and completed
        # once, each job started (or adopted by its tags), the end last.
        kinds = collections.Counter((wave, kind) for _, wave, kind, _ in events)
        lost = []

        def expect(wave, kind, n=1):
            if kinds[(wave, kind)] != n:
                lost.append('%s of wave %d: %d events, %d expected' % (
                    kind, wave, kinds[(wave, kind)], n))

        expect(0, 'EXECUTION_STARTED')
        expect(0, 'EXECUTION_FINISHED')
        for wave in range(1, WAVES + 1):
            expect(wave, 'WAVE_STARTED')
            expect(wave, 'WAVE_COMPLETED')
            expect(wave, 'WAVE_FAILED', 0)
            # A pause adopted after a kill may be told again: at least one.
            for kind in ('PAUSED', 'RESUMED'):
                if wave > 1 and kinds[(wave, kind)] < 1:
                    lost.append('%s of wave %d: none' % (kind, wave))
        if events and events[-1][2] != 'EXECUTION_FINISHED':
            lost.append('the last event is %s, not EXECUTION_FINISHED' % events[-1][2])
        order = [(wave, kind) for _, wave, kind, _ in events
                 if kind in ('WAVE_STARTED', 'WAVE_COMPLETED')]
        if order != sorted(set(order), key=lambda k: (k[0], k[1] != 'WAVE_STARTED')):
            lost.append('waves did not start and complete in order: %s' % order)
        adopted_waves = {wave for _, wave, kind, message in events
                         if kind == 'INFO' and 'Found the DRS jobs' in message}
        for job in launches:
            wave = int(job['tags']['drso:wave'])
            if not any(job['jobID'] in message for _, _, kind, message in events
                       if kind == 'JOB_STARTED') and wave not in adopted_waves:
                lost.append('JOB_STARTED of %s (wave %d): none, and the job was not adopted'
                            % (job['jobID'], wave))
        ids = [row[0] for row in events]
        if ids and ids != list(range(ids[0], ids[0] + len(ids))):
            lost.append('the event ids of the execution have gaps')
        for item in lost:
            problems.append('drill %d: event lost: %s' % (drill, item))

        adopted = sum(int(m.group(1)) for _, _, kind, message in events
                      for m in [re.search(r'Found the DRS jobs of (\d+) servers', message)] if m)
        return {
            'problems': problems,
            'counts': counts,
            'launch_jobs': len(launches),
            'jobs': len(jobs),
            'events': len(events),
            'events_lost': len(lost),
            'adopted': adopted,
            'aws_errors': sum(1 for _, _, kind, _ in events if kind == 'ERROR'),
            'status': row[0],
        }

    def check_store(self):
        """The whole store once the last drill ended."""
        with self.db() as db:
            all_ids = [row[0] for row in db.execute('SELECT event_id FROM execution_events '
                                                    'ORDER BY event_id')]
            integrity = db.execute('PRAGMA integrity_check').fetchall()
            foreign = db.execute('PRAGMA foreign_key_check').fetchall()
            leases = db.execute('SELECT COUNT(*) FROM execution_leases').fetchone()[0]
        # AUTOINCREMENT ids in a store of the soak's own, drills one after
        # the other: 1 to N with no gaps.
        gaps = (all_ids[-1] - len(all_ids)) if all_ids else 0
        return all_ids, integrity, foreign, leases, gaps

    def check_sandbox_file(self):
        path = os.path.join(self.tmp, 'sandbox.db')
        try:
            with sqlite3.connect('file:%s?mode=ro' % path, uri=True, timeout=10) as db:
                return db.execute('PRAGMA integrity_check').fetchall()
        except sqlite3.Error as error:
            return [('unreadable: %s' % error,)]

    # The whole run

    def allocate_kills(self):
        drills, kills = self.args.drills, self.args.kills
        per = [kills // drills] * drills
        for i in self.rng.sample(range(drills), kills % drills):
            per[i] += 1
        return per

    def run(self):
        started = time.monotonic()
        self.start_sandbox()
        self.set_up()
        fds_before = self.sandbox_fds()
        per_drill = self.allocate_kills()
        carry = 0
        for index in range(self.args.drills):
            drill = index + 1
            kills = per_drill[index] + carry
            execution_id, carry, lives, seconds, starts = self.run_drill(drill, kills)
            if any(d['execution'] == execution_id for d in self.drills):
                raise Failed('drill %d ended with the execution of an earlier drill, %s' % (
                    drill, execution_id))
            result = self.check_drill(drill, execution_id)
            killed = [life for life in lives if life.killed]
            result.update(execution=execution_id, seconds=seconds, lives=len(lives),
                          kills=len(killed), start_failures=starts)
            self.drills.append(result)
            self.problems.extend(result['problems'])
            # A drill that took longer tells how long the next ones take.
            self.expected = statistics.median(d['seconds'] for d in self.drills)
            log('soak: drill %d/%d %s %s: %d kills (%s), %d lives, %.1f s, %d LAUNCH jobs, '
                'StartRecovery per server and wave %d-%d, %d events (%d lost)%s' % (
                    drill, self.args.drills, execution_id, result['status'], len(killed),
                    ', '.join('%s %d' % kv for kv in sorted(collections.Counter(
                        life.killed_by() for life in killed).items())) or 'none',
                    len(lives), seconds, result['launch_jobs'], min(result['counts']),
                    max(result['counts']), result['events'], result['events_lost'],
                    '; ' + '; '.join(result['problems'][:3]) if result['problems'] else ''))
            if carry and drill == self.args.drills:
                log('soak: the last drill ended %d kills early' % carry)

        all_ids, integrity, foreign, leases, gaps = self.check_store()
        # Thousands of requests went through the Sandbox; each connection
        # must have been let go (a leak of one per request ran it out of
        # descriptors once).
        fds_after = self.sandbox_fds()
        self.stop_sandbox()
        sandbox_integrity = self.check_sandbox_file()
        wall = time.monotonic() - started

        killed = [life for life in self.lives if life.killed]
        counts = [n for d in self.drills for n in d['counts']]
        completed = sum(1 for d in self.drills if d['status'] == 'COMPLETED')
        events_lost = sum(d['events_lost'] for d in self.drills) + gaps
        report = collections.OrderedDict([
            ('drills', self.args.drills),
            ('drillsCompleted', completed),
            ('plan', {'waves': WAVES, 'servers': WAVES * PER_WAVE}),
            ('faults', FAULTS),
            ('timeScale', self.args.time_scale),
            ('seed', self.args.seed),
            ('kills', len(killed)),
            ('killsBy', dict(sorted(collections.Counter(
                life.killed_by() for life in killed).items()))),
            ('killPhases', dict(sorted(collections.Counter(
                life.phase for life in killed).items()))),
            ('restarts', len(self.lives) - self.args.drills),
            ('startRecoveryPerServerWave', {'min': min(counts) if counts else 0,
                                            'max': max(counts) if counts else 0,
                                            'serverWaves': len(counts)}),
            ('launchJobs', sum(d['launch_jobs'] for d in self.drills)),
            ('serversAdoptedByTags', sum(d['adopted'] for d in self.drills)),
            ('startsRefusedByFaults', sum(d['start_failures'] for d in self.drills)),
            ('awsErrorEvents', sum(d['aws_errors'] for d in self.drills)),
            ('events', len(all_ids)),
            ('eventsLost', events_lost),
            ('integrityCheck', integrity[0][0] if len(integrity) == 1 else str(integrity)),
            ('foreignKeyViolations', len(foreign)),
            ('leasesLeft', leases),
            ('sandboxOpenFiles', {'afterSetup': fds_before, 'atEnd': fds_after}),
            ('sandboxIntegrityCheck', sandbox_integrity[0][0] if len(sandbox_integrity) == 1
             else str(sandbox_integrity)),
            ('drillSeconds', {'min': round(min(d['seconds'] for d in self.drills), 1),
                              'median': round(statistics.median(
                                  d['seconds'] for d in self.drills), 1),
                              'max': round(max(d['seconds'] for d in self.drills), 1)}),
            ('wallSeconds', round(wall, 1)),
        ])

        if completed != self.args.drills:
            self.problems.append('%d of %d drills completed' % (completed, self.args.drills))
        if counts and (min(counts) != 1 or max(counts) != 1):
            self.problems.append('StartRecovery per server and wave: %d to %d, not exactly 1' % (
                min(counts), max(counts)))
        if gaps:
            self.problems.append('%d event ids missing from the store' % gaps)
        if integrity != [('ok',)]:
            self.problems.append('PRAGMA integrity_check of the store: %s' % integrity)
        if foreign:
            self.problems.append('PRAGMA foreign_key_check of the store: %s' % foreign[:5])
        if sandbox_integrity != [('ok',)]:
            self.problems.append('PRAGMA integrity_check of sandbox.db: %s' % sandbox_integrity)
        if fds_after > fds_before + FD_SLACK:
            self.problems.append('the Sandbox holds %d file descriptors, %d after the setup: '
                                 'it leaks connections' % (fds_after, fds_before))
        if len(killed) < self.args.kills:
            self.problems.append('%d kills of %d: the drills ended first (lower --time-scale)'
                                 % (len(killed), self.args.kills))
        report['ok'] = not self.problems
        return report

    def cleanup(self, failed):
        self.stop_sandbox()
        if self.sandbox_log is not None:
            self.sandbox_log.close()
        if self.args.keep or failed:
            log('soak: kept %s' % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def table(report):
    rows = [
        ('drills completed', '%d of %d' % (report['drillsCompleted'], report['drills'])),
        ('plan', '%d waves, %d servers' % (report['plan']['waves'], report['plan']['servers'])),
        ('faults', report['faults']),
        ('kills (SIGKILL)', '%d (%s)' % (report['kills'], ', '.join(
            '%s %d' % kv for kv in report['killsBy'].items()))),
        ('restarts', str(report['restarts'])),
        ('StartRecovery per server and wave', 'min %d, max %d over %d' % (
            report['startRecoveryPerServerWave']['min'],
            report['startRecoveryPerServerWave']['max'],
            report['startRecoveryPerServerWave']['serverWaves'])),
        ('LAUNCH jobs', str(report['launchJobs'])),
        ('servers adopted by tags', str(report['serversAdoptedByTags'])),
        ('events lost', '%d of %d' % (report['eventsLost'], report['events'])),
        ('PRAGMA integrity_check', '%s (sandbox.db %s)' % (report['integrityCheck'],
                                                           report['sandboxIntegrityCheck'])),
        ('Sandbox open files', '%d after the setup, %d at the end' % (
            report['sandboxOpenFiles']['afterSetup'], report['sandboxOpenFiles']['atEnd'])),
        ('drill time', '%.1f-%.1f s (median %.1f)' % (report['drillSeconds']['min'],
                                                      report['drillSeconds']['max'],
                                                      report['drillSeconds']['median'])),
        ('wall time', '%.1f s' % report['wallSeconds']),
    ]
    width = max(len(name) for name, _ in rows)
    return '\n'.join('%-*s  %s' % (width, name, value) for name, value in rows)


def main():
    parser = argparse.ArgumentParser(description='The crash soak of the execution engine.')
    parser.add_argument('driver', help='tests/engine-driver')
    parser.add_argument('drso', help='src/cli/drso')
    parser.add_argument('--drills', type=int, default=2, help='drills, one after the other (2)')
    parser.add_argument('--kills', type=int, default=6, help='SIGKILLs over all drills (6)')
    parser.add_argument('--seed', type=int, default=7, help='the seed of the kills and the '
                        'Sandbox (7)')
    parser.add_argument('--time-scale', type=float, default=120.0,
                        help="the Sandbox's simulated seconds per real second (120)")
    parser.add_argument('--json', metavar='FILE', help='write the report there too')
    parser.add_argument('--keep', action='store_true', help='keep the temporary folder')
    parser.add_argument('--verbose', '-v', action='store_true', help='print every life')
    args = parser.parse_args()
    if args.drills < 1 or args.kills < 0 or args.time_scale < 1:
        parser.error('--drills needs 1 or more, --kills 0 or more, --time-scale 1 or more')
    if boto3 is None:
        log('soak: boto3 is missing (apt install python3-boto3): skipped')
        return 77

    soak = Soak(args)
    failed = True
    try:
        report = soak.run()
        failed = not report['ok']
    except Failed as error:
        log('soak: FAILED: %s' % error)
        for life in soak.lives[-10:]:
            log('  ' + str(life))
        return 1
    finally:
        soak.cleanup(failed)

    log(table(report))
    for problem in soak.problems:
        log('soak: FAILED: %s' % problem)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        with open(args.json, 'w') as out:
            out.write(text + '\n')
    return 0 if report['ok'] else 1


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# bench-sandbox-boto3.py: discovery of a large estate, boto3 against our
# client. Starts "drso sandbox --estate N", pages through DescribeSourceServers
# with boto3's paginator (1,000 servers a page, the page size of our client),
# then runs bench-discovery (our DRS client) on the same Sandbox, and prints
# both: pages, servers, seconds (best of ROUNDS), servers/s, peak RSS.
#
# Copyright 2026 The DRS Orchestrator authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 bench-sandbox-boto3.py DRSO BENCH-DISCOVERY [SERVERS [ROUNDS]]
# (Debian's interpreter, which has python3-boto3.)

import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "contract"))

import sandbox_process  # noqa: E402

PAGE_SIZE = 1000


def peak_rss_mib():
    """VmHWM of this process, the figure bench-discovery prints of itself."""
    with open("/proc/self/status") as status:
        for text in status:
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def line(name, pages, servers, seconds, rss_mib):
    return ("%-24s pages %4d  servers %6d  seconds %7.3f  servers/s %8.0f  peak RSS %6.1f MiB"
            % (name, pages, servers, seconds, servers / seconds, rss_mib))


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("Usage: %s DRSO BENCH-DISCOVERY [SERVERS [ROUNDS]]\n" % sys.argv[0])
        return 2
    drso, bench_discovery = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3

    sandbox_process.isolate_boto3_from_user_files()
    try:
        import boto3
    except ImportError as error:
        sys.stderr.write("bench-sandbox-boto3: %s cannot import boto3 (%s): install python3-boto3\n"
                         % (sys.executable, error))
        return 1

    started = time.perf_counter()
    sandbox = sandbox_process.Sandbox(drso, "--estate", str(count), "--time-scale", "1",
                                      startup_timeout=300).start()
    try:
        startup = time.perf_counter() - started
        drs = sandbox_process.boto3_client(sandbox, "drs", max_attempts=3)
        best = None
        pages = servers = 0
        for _ in range(rounds):
            start = time.perf_counter()
            items = []
            pages = 0
            for page in drs.get_paginator("describe_source_servers").paginate(
                    PaginationConfig={"PageSize": PAGE_SIZE}):
                pages += 1
                items.extend(page["items"])
            seconds = time.perf_counter() - start
            servers = len(items)
            del items
            best = seconds if best is None else min(best, seconds)
        rss_mib = peak_rss_mib()

        print("DescribeSourceServers over a Sandbox of %d servers (started in %.1f s), "
              "%d a page, best of %d:" % (count, startup, PAGE_SIZE, rounds))
        print(line("boto3 %s paginator" % boto3.__version__, pages, servers, best, rss_mib))
        sys.stdout.flush()

        env = dict(os.environ, AWS_ENDPOINT_URL=sandbox.endpoint,
                   AWS_ACCESS_KEY_ID=sandbox.access_key,
                   AWS_SECRET_ACCESS_KEY=sandbox.secret_key, AWS_REGION=sandbox.region)
        ours = subprocess.run([bench_discovery, sandbox.endpoint, str(rounds)], env=env,
                              capture_output=True, text=True, timeout=600)
        sys.stdout.write(ours.stdout)
        sys.stderr.write(ours.stderr)
        if ours.returncode != 0:
            return ours.returncode
    finally:
        sandbox.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

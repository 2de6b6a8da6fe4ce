#!/usr/bin/python3
# bench-sandbox-boto3.py: discovery of a large estate, boto3 against our
# client. Starts "drso sandbox --estate N", pages through DescribeSourceServers
# with boto3's paginator (1,000 servers a page, the page size of our client),
# then runs bench-discovery (our DRS client) on the same Sandbox, and prints
# both: pages, servers, seconds (best of ROUNDS), servers/s, peak RSS. A third
# line, the same pages fetched with http.client and json.loads, shows how much
# of either is the Sandbox's own time.
#
# Copyright 2026 The DRS Orchestrator authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 bench-sandbox-boto3.py DRSO BENCH-DISCOVERY [SERVERS [ROUNDS]]
# (Debian's interpreter, which has python3-boto3.)

import json
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


def raw_scan(sandbox, page_size):
    """The same pages with no SDK: botocore's signer, http.client and
    json.loads. What is left is mostly the Sandbox's time to answer."""
    import http.client

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    credentials = Credentials(sandbox.access_key, sandbox.secret_key)
    connection = http.client.HTTPConnection(*sandbox.host_port, timeout=300)
    pages = servers = 0
    token = None
    try:
        while True:
            body = {"maxResults": page_size}
            if token:
                body["nextToken"] = token
            request = AWSRequest(method="POST", url=sandbox.endpoint + "/DescribeSourceServers",
                                 data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
            SigV4Auth(credentials, "drs", sandbox.region).add_auth(request)
            prepared = request.prepare()
            connection.request("POST", "/DescribeSourceServers", body=prepared.body,
                               headers=dict(prepared.headers))
            answer = connection.getresponse()
            document = json.loads(answer.read())
            if answer.status != 200:
                raise RuntimeError("DescribeSourceServers answered %d: %r" % (answer.status,
                                                                              document))
            pages += 1
            servers += len(document["items"])
            token = document.get("nextToken")
            if not token:
                return pages, servers
    finally:
        connection.close()


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

        raw_best = None
        for _ in range(rounds):
            start = time.perf_counter()
            raw_pages, raw_servers = raw_scan(sandbox, PAGE_SIZE)
            seconds = time.perf_counter() - start
            raw_best = seconds if raw_best is None else min(raw_best, seconds)

        print("DescribeSourceServers over a Sandbox of %d servers (started in %.1f s), "
              "%d a page, best of %d:" % (count, startup, PAGE_SIZE, rounds))
        print(line("boto3 %s paginator" % boto3.__version__, pages, servers, best, rss_mib))
        print(line("(http.client + json)", raw_pages, raw_servers, raw_best, peak_rss_mib()))
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

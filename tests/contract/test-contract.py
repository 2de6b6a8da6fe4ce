#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Sandbox judged by boto3: each test class starts "drso sandbox" on a
# free port and talks to it only through boto3 (botocore's serializers,
# signers, parsers, paginators and retry rules), as any AWS client would.
# DRS (rest-json), EC2 (ec2 query) and STS (query); success and error
# paths; signatures; quotas; injected faults; a full drill.
#
# Usage: /usr/bin/python3 test-contract.py DRSO CONTRACT-ACCOUNTS [unittest args]
# (the built drso, and contract-accounts built beside this file)

import datetime
import http.client
import ipaddress
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import types
import unittest
import warnings
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sandbox_process  # noqa: E402
from sandbox_process import Sandbox, boto3_client  # noqa: E402

try:
    import boto3
    import botocore
    import botocore.auth
    import botocore.parsers
    from botocore.awsrequest import AWSRequest, HeadersDict
    from botocore.credentials import Credentials
    from botocore.exceptions import ClientError, ConnectionClosedError
    from botocore.retries import standard as standard_retries
except ImportError as error:  # pragma: no cover - the message is the point
    sys.stderr.write("test-contract: %s cannot import boto3/botocore (%s).\n"
                     "The contract tests need Debian's python3-boto3: "
                     "apt-get install python3-boto3 (build-aux/dev deps does it).\n"
                     % (sys.executable, error))
    sys.exit(1)

DRSO = None
ACCOUNTS_HELPER = None

PRIMARY_ACCOUNT = "111122223333"
TARGET_ACCOUNTS = ("444455556666", "777788889999")
ROLE_NAME = "DrsoRecoveryRole"

# Generous: polls return as soon as the condition holds, and a sanitizer
# build on two slow cores is many times slower than a normal one.
DEADLINE = 60.0
POLL = 0.05

# Fast enough that a drill (a few simulated minutes) takes a second or two.
FAST = "1000"

SERVER_ID = re.compile(r"^s-[0-9a-zA-Z]{17}$")
JOB_ID = re.compile(r"^drsjob-[0-9a-zA-Z]{17}$")
RECOVERY_INSTANCE_ID = re.compile(r"^i-[0-9a-fA-F]{8,}$")
SNAPSHOT_ID = re.compile(r"^pit-[0-9a-zA-Z]{17}$")

THROTTLING_CODES = set(standard_retries.ThrottledRetryableChecker._THROTTLED_ERROR_CODES)
TRANSIENT_STATUSES = set(standard_retries.TransientRetryableChecker._TRANSIENT_STATUS_CODES)


# Helpers

def parse_iso(text):
    """An ISO8601DatetimeString of the DRS model as an aware datetime."""
    match = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$", text)
    if match is None:
        raise AssertionError("not a DRS ISO 8601 date-time: %r" % text)
    fraction = (match.group(2) or ".0")[1:7].ljust(6, "0")
    return datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S").replace(
        microsecond=int(fraction), tzinfo=datetime.timezone.utc)


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def wait_for(what, probe, timeout=DEADLINE):
    """Calls @probe until it returns something true; returns that."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("gave up after %.0f s waiting for %s" % (timeout, what))
        time.sleep(POLL)


# Constraints of the model that contradict themselves, and real AWS: an EBS
# volume ID is "vol-" and 17 hex digits (21 characters, as the shape's own
# pattern allows), but EbsVolumeID says at most 19.
MODEL_QUIRKS = {("EbsVolumeID", "max")}


def shape_problems(shape, value, path="", problems=None):
    """Where @value (as botocore parsed it) breaks @shape of the model:
    types, required members, enums, lengths, ranges and patterns."""
    if problems is None:
        problems = []
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append("%s: %r is not an object" % (path or "output", value))
            return problems
        for name in shape.required_members:
            if name not in value:
                problems.append("%s: required member %s is missing" % (path or "output", name))
        for name, member in shape.members.items():
            if name in value:
                shape_problems(member, value[name], "%s.%s" % (path, name) if path else name,
                               problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append("%s: %r is not a list" % (path, value))
            return problems
        if "min" in meta and len(value) < meta["min"]:
            problems.append("%s: %d items, fewer than %d" % (path, len(value), meta["min"]))
        if "max" in meta and len(value) > meta["max"]:
            problems.append("%s: %d items, more than %d" % (path, len(value), meta["max"]))
        for i, item in enumerate(value):
            shape_problems(shape.member, item, "%s[%d]" % (path, i), problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append("%s: %r is not a map" % (path, value))
            return problems
        for key, item in value.items():
            shape_problems(shape.key, key, "%s.<key>" % path, problems)
            shape_problems(shape.value, item, "%s[%r]" % (path, key), problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append("%s: %r is not a string" % (path, value))
            return problems
        if shape.enum and value not in shape.enum:
            problems.append("%s: %r is not one of %s" % (path, value, shape.enum))
        if "min" in meta and len(value) < meta["min"]:
            problems.append("%s: %r is shorter than %d" % (path, value, meta["min"]))
        if ("max" in meta and len(value) > meta["max"] and
                (shape.name, "max") not in MODEL_QUIRKS):
            problems.append("%s: %r is longer than %d" % (path, value, meta["max"]))
        if "pattern" in meta:
            try:
                pattern = re.compile(meta["pattern"])
            except re.error:
                pattern = None
            if pattern is not None and pattern.search(value) is None:
                problems.append("%s: %r does not match %s" % (path, value, meta["pattern"]))
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append("%s: %r is not an integer" % (path, value))
        else:
            if "min" in meta and value < meta["min"]:
                problems.append("%s: %d is less than %d" % (path, value, meta["min"]))
            if "max" in meta and value > meta["max"]:
                problems.append("%s: %d is more than %d" % (path, value, meta["max"]))
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append("%s: %r is not a boolean" % (path, value))
    elif kind in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append("%s: %r is not a number" % (path, value))
    elif kind == "timestamp":
        if not isinstance(value, datetime.datetime):
            problems.append("%s: %r is not a timestamp" % (path, value))
    return problems


class SandboxTestCase(unittest.TestCase):
    """One Sandbox for the class, started in setUpClass and killed in
    tearDownClass. Subclasses set SANDBOX_ARGS."""

    SANDBOX_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="drso-contract-")
        cls.sandbox = Sandbox(DRSO, *cls.SANDBOX_ARGS).start()
        cls.drs = cls.client("drs")
        cls.ec2 = cls.client("ec2")
        cls.sts = cls.client("sts")

    @classmethod
    def tearDownClass(cls):
        cls.sandbox.close()
        cls.tmp.cleanup()

    @classmethod
    def client(cls, service, sandbox=None, **kwargs):
        return boto3_client(sandbox or cls.sandbox, service, **kwargs)

    def setUp(self):
        if not self.sandbox.running():
            self.fail("the Sandbox is no longer running:\n" + self.sandbox.output())

    # Assertions

    def assert_conforms(self, client, operation, response):
        """@response (a boto3 result) fits the output shape of @operation."""
        model = client.meta.service_model.operation_model(operation)
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
        problems = shape_problems(model.output_shape, body) if model.output_shape else []
        self.assertEqual(problems, [], "%s answered outside its model" % operation)

    def assert_client_error(self, caught, code, status=None):
        """@caught (an assertRaises context) holds a ClientError with @code."""
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], code, response)
        if status is not None:
            self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], status, response)
        self.assertTrue(response["Error"].get("Message"), "no message in %r" % response)
        return response

    def assert_validation(self, caught, *field_names):
        """A DRS ValidationException whose fieldList names each of @field_names
        (a name matches when it contains the given text)."""
        response = self.assert_client_error(caught, "ValidationException", 400)
        self.assertIsInstance(caught.exception, self.drs.exceptions.ValidationException)
        if field_names:
            self.assertEqual(response.get("reason"), "fieldValidationFailed", response)
            names = [field.get("name", "") for field in response.get("fieldList", [])]
            for field in response.get("fieldList", []):
                self.assertTrue(field.get("message"), response)
            for wanted in field_names:
                self.assertTrue(any(wanted in name for name in names),
                                "fieldList %r names no %r" % (names, wanted))
        return response

    # DRS helpers

    def all_servers(self, drs=None):
        drs = drs or self.drs
        servers = []
        for page in drs.get_paginator("describe_source_servers").paginate():
            self.assert_conforms(drs, "DescribeSourceServers", page)
            servers.extend(page["items"])
        return servers

    def job(self, job_id, drs=None):
        drs = drs or self.drs
        response = drs.describe_jobs(filters={"jobIDs": [job_id]})
        self.assert_conforms(drs, "DescribeJobs", response)
        jobs = [job for job in response["items"] if job["jobID"] == job_id]
        self.assertEqual(len(jobs), 1, response["items"])
        return jobs[0]

    def wait_job(self, job_id, drs=None, timeout=DEADLINE):
        """Polls the job to COMPLETED; checks its status only moves forward."""
        order = {"PENDING": 0, "STARTED": 1, "COMPLETED": 2}
        seen = []

        def probe():
            job = self.job(job_id, drs)
            if not seen or seen[-1] != job["status"]:
                seen.append(job["status"])
            return job if job["status"] == "COMPLETED" else None

        job = wait_for("job %s to complete" % job_id, probe, timeout)
        self.assertEqual([order[s] for s in seen], sorted(order[s] for s in seen),
                         "job %s went %s" % (job_id, " → ".join(seen)))
        self.assertIn("endDateTime", job)
        self.assertGreaterEqual(parse_iso(job["endDateTime"]), parse_iso(job["creationDateTime"]))
        return job

    def log_items(self, job_id, drs=None, page_size=None):
        drs = drs or self.drs
        config = {"PageSize": page_size} if page_size else {}
        items = []
        for page in drs.get_paginator("describe_job_log_items").paginate(
                jobID=job_id, PaginationConfig=config):
            self.assert_conforms(drs, "DescribeJobLogItems", page)
            items.extend(page["items"])
        return items

    def start(self, server_ids, is_drill=True, tags=None, drs=None, snapshots=None):
        drs = drs or self.drs
        servers = []
        for server_id in server_ids:
            entry = {"sourceServerID": server_id}
            if snapshots and server_id in snapshots:
                entry["recoverySnapshotID"] = snapshots[server_id]
            servers.append(entry)
        kwargs = {"sourceServers": servers, "isDrill": is_drill}
        if tags is not None:
            kwargs["tags"] = tags
        response = drs.start_recovery(**kwargs)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assert_conforms(drs, "StartRecovery", response)
        return response["job"]


def hostname(server):
    return server.get("sourceProperties", {}).get("identificationHints", {}).get("hostname")


def launchable(servers):
    """Servers a drill may take: replicating, with no recovery instance."""
    return [s for s in servers
            if s.get("dataReplicationInfo", {}).get("dataReplicationState") == "CONTINUOUS"
            and not s.get("recoveryInstanceId")]


def fake_server_ids(count, start=0):
    return ["s-%017x" % (0xc0ffee0000000 + start + i) for i in range(count)]


# The command line

class LifecycleTest(unittest.TestCase):
    """drso sandbox itself: its export block, signals and state file."""

    def test_export_block_and_sigint(self):
        sandbox = Sandbox(DRSO, "--estate", "demo").start()
        try:
            host, port = sandbox.host_port
            self.assertEqual(host, "127.0.0.1")
            self.assertGreater(port, 0)
            self.assertEqual(sandbox.endpoint, "http://127.0.0.1:%d" % port)
            self.assertEqual(sandbox.access_key, "AKIASANDBOXDRSO00001")
            self.assertEqual(sandbox.secret_key, "sandbox/drso/not-a-secret/0000000000000")
            self.assertEqual(sandbox.exports["AWS_REGION"], "us-east-1")
            self.assertEqual(sandbox.exports["AWS_DEFAULT_REGION"], "us-east-1")
            identity = boto3_client(sandbox, "sts").get_caller_identity()
            self.assertEqual(identity["Account"], PRIMARY_ACCOUNT)
            self.assertEqual(sandbox.stop(signal.SIGINT), 0, sandbox.output())
        finally:
            sandbox.close()

    def test_state_file_survives_a_restart_and_sigterm(self):
        with tempfile.TemporaryDirectory(prefix="drso-contract-") as tmp:
            state = os.path.join(tmp, "state.db")
            first = Sandbox(DRSO, "--estate", "demo", "--time-scale", "1",
                            state_file=state).start()
            try:
                drs = boto3_client(first, "drs")
                servers = sorted(s["sourceServerID"] for page in
                                 drs.get_paginator("describe_source_servers").paginate()
                                 for s in page["items"])
                job = drs.start_recovery(sourceServers=[{"sourceServerID": servers[0]}],
                                         isDrill=True, tags={"contract": "restart"})["job"]
                self.assertEqual(first.stop(signal.SIGTERM), 0, first.output())
            finally:
                first.close()
            self.assertTrue(os.path.exists(state))

            second = Sandbox(DRSO, "--estate", "demo", state_file=state).start()
            try:
                drs = boto3_client(second, "drs")
                again = sorted(s["sourceServerID"] for page in
                               drs.get_paginator("describe_source_servers").paginate()
                               for s in page["items"])
                self.assertEqual(again, servers)
                jobs = drs.describe_jobs(filters={"jobIDs": [job["jobID"]]})["items"]
                self.assertEqual([j["jobID"] for j in jobs], [job["jobID"]])
                self.assertEqual(jobs[0]["tags"], {"contract": "restart"})
                self.assertEqual(second.stop(signal.SIGTERM), 0, second.output())
            finally:
                second.close()

    def test_bad_fault_spec_is_refused(self):
        for spec in ("throttle=2", "latency=9-1", "frobnicate=1"):
            with self.subTest(spec):
                sandbox = Sandbox(DRSO, "--faults", spec, startup_timeout=30)
                try:
                    with self.assertRaises(sandbox_process.SandboxError):
                        sandbox.start()
                    # A usage error (drso's exit status 2) that names the fault.
                    self.assertEqual(sandbox.process.returncode, 2, sandbox.output())
                    self.assertEqual(sandbox.exports, {})
                    with open(sandbox.stderr_path) as err:
                        self.assertIn(spec.split("=")[0], err.read())
                finally:
                    sandbox.close()


# DRS, EC2 and STS reads on the demo estate

class EstateTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "demo", "--time-scale", FAST)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servers = [s for page in cls.drs.get_paginator("describe_source_servers").paginate()
                       for s in page["items"]]

    def test_describe_source_servers(self):
        response = self.drs.describe_source_servers()
        self.assert_conforms(self.drs, "DescribeSourceServers", response)
        self.assertTrue(response["ResponseMetadata"].get("RequestId"), response["ResponseMetadata"])
        servers = self.all_servers()
        ids = [s["sourceServerID"] for s in servers]
        self.assertEqual(len(ids), len(set(ids)), "a server listed twice")
        self.assertTrue(20 <= len(servers) <= 80, "the demo estate has %d servers" % len(servers))
        for server in servers:
            with self.subTest(server["sourceServerID"]):
                self.assertRegex(server["sourceServerID"], SERVER_ID)
                self.assertEqual(server["arn"], "arn:aws:drs:us-east-1:%s:source-server/%s"
                                 % (PRIMARY_ACCOUNT, server["sourceServerID"]))
                self.assertTrue(hostname(server), server)
                self.assertIn("dataReplicationState", server["dataReplicationInfo"])
        self.assertTrue(launchable(servers), "no server of the demo estate replicates")

    def test_filter_by_source_server_ids(self):
        chosen = [self.servers[0]["sourceServerID"], self.servers[-1]["sourceServerID"]]
        response = self.drs.describe_source_servers(filters={"sourceServerIDs": chosen})
        self.assertEqual(sorted(s["sourceServerID"] for s in response["items"]), sorted(chosen))
        response = self.drs.describe_source_servers(
            filters={"sourceServerIDs": fake_server_ids(1)})
        self.assertEqual(response["items"], [])
        response = self.drs.describe_source_servers(filters={"sourceServerIDs": []})
        listed = {s["sourceServerID"] for s in response["items"]}
        while response.get("nextToken"):
            response = self.drs.describe_source_servers(filters={"sourceServerIDs": []},
                                                        nextToken=response["nextToken"])
            listed |= {s["sourceServerID"] for s in response["items"]}
        self.assertEqual(listed, {s["sourceServerID"] for s in self.servers})

    def test_filter_by_hardware_id(self):
        tried = 0
        for server in self.servers:
            hints = server.get("sourceProperties", {}).get("identificationHints", {})
            hardware = hints.get("awsInstanceID") or hints.get("vmWareUuid")
            if not hardware:
                continue
            tried += 1
            response = self.drs.describe_source_servers(filters={"hardwareId": hardware})
            self.assertEqual([s["sourceServerID"] for s in response["items"]],
                             [server["sourceServerID"]], hardware)
            if tried >= 3:
                break
        self.assertGreater(tried, 0, "no server has an awsInstanceID or a vmWareUuid")
        response = self.drs.describe_source_servers(filters={"hardwareId": "no-such-hardware"})
        self.assertEqual(response["items"], [])

    def test_filter_by_staging_account_ids(self):
        response = self.drs.describe_source_servers(filters={"stagingAccountIDs": ["999988887777"]})
        self.assertEqual(response["items"], [])
        staged = {}
        for server in self.servers:
            account = server.get("stagingArea", {}).get("stagingAccountID")
            if account:
                staged.setdefault(account, set()).add(server["sourceServerID"])
        for account, ids in staged.items():
            response = self.drs.describe_source_servers(filters={"stagingAccountIDs": [account]},
                                                        maxResults=1000)
            self.assertEqual({s["sourceServerID"] for s in response["items"]}, ids, account)

    def test_small_pages(self):
        pages = list(self.drs.get_paginator("describe_source_servers").paginate(
            PaginationConfig={"PageSize": 7}))
        self.assertGreater(len(pages), 1)
        for page in pages:
            self.assertLessEqual(len(page["items"]), 7)
        for page in pages[:-1]:
            self.assertTrue(page.get("nextToken"))
        self.assertFalse(pages[-1].get("nextToken"))
        self.assertEqual([s["sourceServerID"] for p in pages for s in p["items"]],
                         [s["sourceServerID"] for s in self.servers])

    def test_describe_source_servers_validation(self):
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.describe_source_servers(filters={"sourceServerIDs": ["s-!!!!!!!!!!!!!!!!!"]})
        self.assert_validation(caught, "sourceServerIDs")
        with self.assertRaises(ClientError) as caught:
            drs.describe_source_servers(maxResults=0)
        self.assert_validation(caught, "maxResults")
        with self.assertRaises(ClientError) as caught:
            drs.describe_source_servers(maxResults="ten")
        self.assert_validation(caught, "maxResults")
        with self.assertRaises(ClientError) as caught:
            self.drs.describe_source_servers(nextToken="not-a-token-this-sandbox-gave")
        self.assert_validation(caught)

    def test_launch_configuration(self):
        server_id = self.servers[1]["sourceServerID"]
        current = self.drs.get_launch_configuration(sourceServerID=server_id)
        self.assert_conforms(self.drs, "GetLaunchConfiguration", current)
        self.assertEqual(current["sourceServerID"], server_id)
        for member in ("launchDisposition", "targetInstanceTypeRightSizingMethod", "copyTags",
                       "copyPrivateIp", "ec2LaunchTemplateID"):
            self.assertIn(member, current)

        wanted = {
            "launchDisposition": "STOPPED" if current["launchDisposition"] == "STARTED"
            else "STARTED",
            "copyTags": not current["copyTags"],
            "copyPrivateIp": not current["copyPrivateIp"],
            "targetInstanceTypeRightSizingMethod":
                "NONE" if current["targetInstanceTypeRightSizingMethod"] != "NONE" else "BASIC",
            "name": "contract-test",
            "licensing": {"osByol": True},
        }
        updated = self.drs.update_launch_configuration(sourceServerID=server_id, **wanted)
        self.assert_conforms(self.drs, "UpdateLaunchConfiguration", updated)
        again = self.drs.get_launch_configuration(sourceServerID=server_id)
        for key, value in wanted.items():
            self.assertEqual(updated[key], value, key)
            self.assertEqual(again[key], value, key)
        self.assertEqual(again["ec2LaunchTemplateID"], current["ec2LaunchTemplateID"])
        # Idempotent: the same update again changes nothing.
        self.drs.update_launch_configuration(sourceServerID=server_id, **wanted)
        self.assertEqual({k: v for k, v in self.drs.get_launch_configuration(
            sourceServerID=server_id).items() if k != "ResponseMetadata"},
            {k: v for k, v in again.items() if k != "ResponseMetadata"})

        # Another server's configuration is untouched.
        other = self.drs.get_launch_configuration(sourceServerID=self.servers[2]["sourceServerID"])
        self.assertNotEqual(other.get("name"), "contract-test")

    def test_launch_configuration_errors(self):
        missing = fake_server_ids(1)[0]
        for call in (self.drs.get_launch_configuration, self.drs.update_launch_configuration):
            with self.subTest(call.__name__):
                with self.assertRaises(self.drs.exceptions.ResourceNotFoundException) as caught:
                    call(sourceServerID=missing)
                response = self.assert_client_error(caught, "ResourceNotFoundException", 404)
                self.assertTrue(response["ResponseMetadata"].get("RequestId"), response)
        drs = self.client("drs", validate=False)
        server_id = self.servers[1]["sourceServerID"]
        with self.assertRaises(ClientError) as caught:
            drs.update_launch_configuration(sourceServerID=server_id, launchDisposition="SOMETIMES")
        self.assert_validation(caught, "launchDisposition")
        with self.assertRaises(ClientError) as caught:
            drs.update_launch_configuration(sourceServerID=server_id, copyTags="yes")
        self.assert_validation(caught, "copyTags")
        with self.assertRaises(ClientError) as caught:
            drs.get_launch_configuration(sourceServerID="s-short")
        self.assert_validation(caught, "sourceServerID")
        with self.assertRaises(ClientError) as caught:
            drs.get_launch_configuration()
        self.assert_validation(caught, "sourceServerID")

    def test_replication_configuration(self):
        server_id = self.servers[0]["sourceServerID"]
        response = self.drs.get_replication_configuration(sourceServerID=server_id)
        self.assert_conforms(self.drs, "GetReplicationConfiguration", response)
        self.assertEqual(response["sourceServerID"], server_id)
        self.assertTrue(response["stagingAreaSubnetId"].startswith("subnet-"), response)
        self.assertTrue(response["replicationServerInstanceType"], response)
        self.assertIsInstance(response["replicatedDisks"], list)
        self.assertTrue(response["pitPolicy"], response)
        with self.assertRaises(self.drs.exceptions.ResourceNotFoundException) as caught:
            self.drs.get_replication_configuration(sourceServerID=fake_server_ids(1)[0])
        self.assert_client_error(caught, "ResourceNotFoundException", 404)

    def test_recovery_snapshots(self):
        server = launchable(self.servers)[0]
        server_id = server["sourceServerID"]

        def snapshots(order, **config):
            items = []
            for page in self.drs.get_paginator("describe_recovery_snapshots").paginate(
                    sourceServerID=server_id, order=order, PaginationConfig=config):
                self.assert_conforms(self.drs, "DescribeRecoverySnapshots", page)
                items.extend(page["items"])
            return items

        ascending = snapshots("ASC")
        self.assertGreaterEqual(len(ascending), 2, "a replicating server has snapshots")
        for snapshot in ascending:
            self.assertEqual(snapshot["sourceServerID"], server_id)
            self.assertRegex(snapshot["snapshotID"], SNAPSHOT_ID)
        times = [parse_iso(s["expectedTimestamp"]) for s in ascending]
        self.assertEqual(times, sorted(times))
        self.assertLessEqual(times[-1], utcnow() + datetime.timedelta(minutes=1))
        descending = snapshots("DESC")
        self.assertEqual([s["snapshotID"] for s in descending],
                         [s["snapshotID"] for s in reversed(ascending)])
        self.assertEqual([s["snapshotID"] for s in snapshots("ASC", PageSize=1)],
                         [s["snapshotID"] for s in ascending])

        # Bounds halfway between two snapshots, so that neither which of
        # their times the filter reads nor whether its bounds are inclusive
        # matters.
        def between(k):
            return iso(times[k - 1] + (times[k] - times[k - 1]) / 2)

        k = len(ascending) // 2
        since = self.drs.describe_recovery_snapshots(
            sourceServerID=server_id, order="ASC", maxResults=1000,
            filters={"fromDateTime": between(k)})["items"]
        self.assertEqual([s["snapshotID"] for s in since],
                         [s["snapshotID"] for s in ascending[k:]])
        until = self.drs.describe_recovery_snapshots(
            sourceServerID=server_id, order="ASC", maxResults=1000,
            filters={"toDateTime": between(1)})["items"]
        self.assertEqual([s["snapshotID"] for s in until], [ascending[0]["snapshotID"]])

        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.describe_recovery_snapshots(sourceServerID=server_id, order="SIDEWAYS")
        self.assert_validation(caught, "order")
        with self.assertRaises(ClientError) as caught:
            drs.describe_recovery_snapshots(sourceServerID=server_id,
                                            filters={"fromDateTime": "yesterday-ish-morning"})
        self.assert_validation(caught, "fromDateTime")

    def test_list_tags_for_resource(self):
        tagged = [s for s in self.servers if s.get("tags")]
        self.assertTrue(tagged, "no server of the demo estate has tags")
        for server in tagged[:3]:
            response = self.drs.list_tags_for_resource(resourceArn=server["arn"])
            self.assert_conforms(self.drs, "ListTagsForResource", response)
            self.assertEqual(response["tags"], server["tags"])
        unknown = "arn:aws:drs:us-east-1:%s:source-server/%s" % (PRIMARY_ACCOUNT,
                                                                  fake_server_ids(1)[0])
        with self.assertRaises(self.drs.exceptions.ResourceNotFoundException) as caught:
            self.drs.list_tags_for_resource(resourceArn=unknown)
        self.assert_client_error(caught, "ResourceNotFoundException", 404)
        with self.assertRaises(ClientError) as caught:
            self.client("drs", validate=False).list_tags_for_resource(resourceArn="arn:too-short")
        self.assert_validation(caught, "resourceArn")

    def test_unknown_job_log(self):
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.describe_job_log_items(jobID="drsjob-!!!!!!!!!!!!!!!!!")
        self.assert_validation(caught, "jobID")

    def test_sts_get_caller_identity(self):
        identity = self.sts.get_caller_identity()
        self.assert_conforms(self.sts, "GetCallerIdentity", identity)
        self.assertEqual(identity["Account"], PRIMARY_ACCOUNT)
        self.assertTrue(identity["Arn"].startswith("arn:aws:iam::%s:" % PRIMARY_ACCOUNT),
                        identity)
        self.assertTrue(identity["UserId"])
        self.assertTrue(identity["ResponseMetadata"].get("RequestId"))

    def test_ec2_describe_subnets(self):
        response = self.ec2.describe_subnets()
        self.assert_conforms(self.ec2, "DescribeSubnets", response)
        self.assertTrue(response["Subnets"], "no subnets")
        for subnet in response["Subnets"]:
            self.assertRegex(subnet["SubnetId"], r"^subnet-[0-9a-f]+$")
            self.assertRegex(subnet["VpcId"], r"^vpc-[0-9a-f]+$")
            self.assertTrue(subnet["AvailabilityZone"].startswith("us-east-1"), subnet)
            network = ipaddress.ip_network(subnet["CidrBlock"])
            self.assertLessEqual(subnet["AvailableIpAddressCount"], network.num_addresses)
            self.assertEqual(subnet["OwnerId"], PRIMARY_ACCOUNT)
        self.assertTrue(response["ResponseMetadata"].get("RequestId"))

    def test_ec2_describe_security_groups(self):
        response = self.ec2.describe_security_groups()
        self.assert_conforms(self.ec2, "DescribeSecurityGroups", response)
        self.assertTrue(response["SecurityGroups"], "no security groups")
        vpcs = {s["VpcId"] for s in self.ec2.describe_subnets()["Subnets"]}
        for group in response["SecurityGroups"]:
            self.assertRegex(group["GroupId"], r"^sg-[0-9a-f]+$")
            self.assertTrue(group["GroupName"])
            self.assertIn(group["VpcId"], vpcs)
            self.assertEqual(group["OwnerId"], PRIMARY_ACCOUNT)

    def test_ec2_describe_instances(self):
        response = self.ec2.describe_instances()
        self.assert_conforms(self.ec2, "DescribeInstances", response)
        for reservation in response["Reservations"]:
            for instance in reservation["Instances"]:
                self.assertRegex(instance["InstanceId"], r"^i-[0-9a-f]+$")

    def test_ec2_unknown_instances(self):
        unknown = "i-0123456789abcdef0"
        with self.assertRaises(ClientError) as caught:
            self.ec2.describe_instances(InstanceIds=[unknown])
        self.assert_client_error(caught, "InvalidInstanceID.NotFound", 400)
        self.assertTrue(caught.exception.response["ResponseMetadata"].get("RequestId"))
        with self.assertRaises(ClientError) as caught:
            self.ec2.describe_instance_status(InstanceIds=[unknown])
        self.assert_client_error(caught, "InvalidInstanceID.NotFound", 400)
        with self.assertRaises(ClientError) as caught:
            self.ec2.terminate_instances(InstanceIds=[unknown])
        self.assert_client_error(caught, "InvalidInstanceID.NotFound", 400)
        with self.assertRaises(ClientError) as caught:
            self.client("ec2", validate=False).terminate_instances(InstanceIds=[])
        self.assertIn(caught.exception.response["Error"]["Code"],
                      ("MissingParameter", "InvalidParameterValue"))

    def test_ec2_unknown_subnets_and_groups(self):
        with self.assertRaises(ClientError) as caught:
            self.ec2.describe_subnets(SubnetIds=["subnet-00000000000000000"])
        self.assert_client_error(caught, "InvalidSubnetID.NotFound", 400)
        with self.assertRaises(ClientError) as caught:
            self.ec2.describe_security_groups(GroupIds=["sg-00000000000000000"])
        self.assert_client_error(caught, "InvalidGroup.NotFound", 400)
        subnet = self.ec2.describe_subnets()["Subnets"][0]
        response = self.ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])
        self.assertEqual([s["SubnetId"] for s in response["Subnets"]], [subnet["SubnetId"]])

    def test_unknown_action(self):
        connection = http.client.HTTPConnection(*self.sandbox.host_port, timeout=30)
        try:
            body = "Action=FrobnicateInstances&Version=2016-11-15"
            request = AWSRequest(method="POST", url=self.sandbox.endpoint + "/", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded; "
                                                          "charset=utf-8"})
            botocore.auth.SigV4Auth(Credentials(self.sandbox.access_key, self.sandbox.secret_key),
                                    "ec2", "us-east-1").add_auth(request)
            prepared = request.prepare()
            connection.request("POST", "/", body=prepared.body, headers=dict(prepared.headers))
            answer = connection.getresponse()
            self.assertEqual(answer.status, 400)
            self.assertIn(b"InvalidAction", answer.read())
        finally:
            connection.close()


# A drill, a recovery and their jobs, seen through boto3 alone

class DrillTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "demo", "--time-scale", FAST)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        servers = [s for page in cls.drs.get_paginator("describe_source_servers").paginate()
                   for s in page["items"]]
        cls.pool = launchable(servers)
        cls.pool_lock = threading.Lock()

    def take(self, count):
        """Servers no other test of the class uses."""
        with self.pool_lock:
            if len(self.pool) < count:
                self.fail("the demo estate has too few launchable servers left")
            taken, type(self).pool = self.pool[:count], self.pool[count:]
        return [s["sourceServerID"] for s in taken]

    def source_server(self, server_id):
        items = self.drs.describe_source_servers(filters={"sourceServerIDs": [server_id]})["items"]
        self.assertEqual(len(items), 1)
        return items[0]

    def recovery_instances(self, server_ids):
        items = []
        for page in self.drs.get_paginator("describe_recovery_instances").paginate(
                filters={"sourceServerIDs": server_ids}):
            self.assert_conforms(self.drs, "DescribeRecoveryInstances", page)
            items.extend(page["items"])
        return items

    def ec2_instances(self, instance_ids):
        response = self.ec2.describe_instances(InstanceIds=instance_ids)
        self.assert_conforms(self.ec2, "DescribeInstances", response)
        return {i["InstanceId"]: i for r in response["Reservations"] for i in r["Instances"]}

    def check_launch_log(self, items, server_ids, job_end=True):
        events = [item["event"] for item in items]
        self.assertEqual(events[0], "JOB_START", events)
        if job_end:
            self.assertEqual(events[-1], "JOB_END", events)
            self.assertEqual(events.count("JOB_END"), 1, events)
        times = [parse_iso(item["logDateTime"]) for item in items]
        self.assertEqual(times, sorted(times), "log items out of order")
        self.assertNotIn("LAUNCH_END", events)
        for server_id in server_ids:
            mine = [item["event"] for item in items
                    if item.get("eventData", {}).get("sourceServerID") == server_id]
            with self.subTest(server=server_id, events=mine):
                self.assertNotIn("LAUNCH_FAILED", mine)
                if "USING_PREVIOUS_SNAPSHOT" in mine:
                    snapshot_done = mine.index("USING_PREVIOUS_SNAPSHOT")
                else:
                    self.assertLess(mine.index("SNAPSHOT_START"), mine.index("SNAPSHOT_END"))
                    snapshot_done = mine.index("SNAPSHOT_END")
                self.assertLess(snapshot_done, mine.index("CONVERSION_START"))
                self.assertLess(mine.index("CONVERSION_START"), mine.index("CONVERSION_END"))
                self.assertLess(mine.index("CONVERSION_END"), mine.index("LAUNCH_START"))

    def test_drill_start_poll_launch_terminate(self):
        server_ids = self.take(3)
        tags = {"contract": "drill", "wave": "1"}
        before = utcnow() - datetime.timedelta(seconds=2)

        job = self.start(server_ids, is_drill=True, tags=tags)
        self.assertRegex(job["jobID"], JOB_ID)
        self.assertEqual(job["arn"], "arn:aws:drs:us-east-1:%s:job/%s" % (PRIMARY_ACCOUNT,
                                                                          job["jobID"]))
        self.assertEqual(job["type"], "LAUNCH")
        self.assertEqual(job["initiatedBy"], "START_DRILL")
        self.assertEqual(job["status"], "PENDING")
        self.assertEqual(job["tags"], tags)
        self.assertEqual(sorted(p["sourceServerID"] for p in job["participatingServers"]),
                         sorted(server_ids))
        for participant in job["participatingServers"]:
            self.assertEqual(participant["launchStatus"], "PENDING")
        self.assertGreaterEqual(parse_iso(job["creationDateTime"]), before)
        self.assertEqual(self.drs.list_tags_for_resource(resourceArn=job["arn"])["tags"], tags)

        # Poll the job to its end.
        done = self.wait_job(job["jobID"])
        self.assertEqual(done["type"], "LAUNCH")
        self.assertEqual(done["initiatedBy"], "START_DRILL")
        self.assertEqual(done["tags"], tags)
        launched = {p["sourceServerID"]: p for p in done["participatingServers"]}
        self.assertEqual(sorted(launched), sorted(server_ids))
        for server_id, participant in launched.items():
            self.assertEqual(participant["launchStatus"], "LAUNCHED", participant)
            self.assertRegex(participant["recoveryInstanceID"], RECOVERY_INSTANCE_ID)

        self.check_launch_log(self.log_items(done["jobID"]), server_ids)
        self.assertEqual(self.log_items(done["jobID"], page_size=1),
                         self.log_items(done["jobID"]))

        # The recovery instances, in DRS and in EC2.
        instances = self.recovery_instances(server_ids)
        self.assertEqual(sorted(i["sourceServerID"] for i in instances), sorted(server_ids))
        by_id = {}
        for instance in instances:
            participant = launched[instance["sourceServerID"]]
            self.assertEqual(instance["recoveryInstanceID"], participant["recoveryInstanceID"])
            self.assertEqual(instance["jobID"], done["jobID"])
            self.assertIs(instance["isDrill"], True)
            self.assertTrue(instance["ec2InstanceID"].startswith("i-"))
            self.assertIn(instance["ec2InstanceState"], ("PENDING", "RUNNING"))
            self.assertIn("pointInTimeSnapshotDateTime", instance)
            self.assertEqual(instance["arn"], "arn:aws:drs:us-east-1:%s:recovery-instance/%s"
                             % (PRIMARY_ACCOUNT, instance["recoveryInstanceID"]))
            by_id[instance["ec2InstanceID"]] = instance
        by_recovery_id = self.drs.describe_recovery_instances(
            filters={"recoveryInstanceIDs": [instances[0]["recoveryInstanceID"]]})["items"]
        self.assertEqual([i["recoveryInstanceID"] for i in by_recovery_id],
                         [instances[0]["recoveryInstanceID"]])
        paged = [i["recoveryInstanceID"] for page in
                 self.drs.get_paginator("describe_recovery_instances").paginate(
                     filters={"sourceServerIDs": server_ids}, PaginationConfig={"PageSize": 1})
                 for i in page["items"]]
        self.assertEqual(sorted(paged), sorted(i["recoveryInstanceID"] for i in instances))

        ec2_ids = sorted(by_id)

        def all_checks_ok():
            response = self.ec2.describe_instance_status(InstanceIds=ec2_ids,
                                                         IncludeAllInstances=True)
            self.assert_conforms(self.ec2, "DescribeInstanceStatus", response)
            statuses = response["InstanceStatuses"]
            self.assertEqual(sorted(s["InstanceId"] for s in statuses), ec2_ids)
            for status in statuses:
                self.assertIn(status["InstanceStatus"]["Status"],
                              ("initializing", "ok", "not-applicable"))
            return all(s["InstanceState"]["Name"] == "running" and
                       s["InstanceStatus"]["Status"] == "ok" and
                       s["SystemStatus"]["Status"] == "ok" for s in statuses)

        wait_for("the instances' status checks to pass", all_checks_ok)
        ec2_instances = self.ec2_instances(ec2_ids)
        self.assertEqual(sorted(ec2_instances), ec2_ids)
        for instance_id, instance in ec2_instances.items():
            self.assertEqual(instance["State"], {"Code": 16, "Name": "running"})
            self.assertTrue(instance["InstanceType"])
            self.assertTrue(instance["SubnetId"].startswith("subnet-"))
            self.assertTrue(instance["Placement"]["AvailabilityZone"].startswith("us-east-1"))
            ipaddress.ip_address(instance["PrivateIpAddress"])
        for instance in self.recovery_instances(server_ids):
            self.assertEqual(instance["ec2InstanceState"], "RUNNING")
        paged = [i["InstanceId"] for page in self.ec2.get_paginator("describe_instances").paginate(
                     PaginationConfig={"PageSize": 5})
                 for r in page["Reservations"] for i in r["Instances"]]
        self.assertEqual(len(paged), len(set(paged)), "an instance listed twice")
        self.assertTrue(set(ec2_ids) <= set(paged))

        # The source servers remember the drill.
        for server_id in server_ids:
            server = self.source_server(server_id)
            self.assertEqual(server["recoveryInstanceId"],
                             launched[server_id]["recoveryInstanceID"])
            self.assertEqual(server["lastLaunchResult"], "SUCCEEDED")
            last = server["lifeCycle"]["lastLaunch"]
            self.assertEqual(last["initiated"]["jobID"], done["jobID"])
            self.assertEqual(last["initiated"]["type"], "DRILL")

        # Terminate them: a TERMINATE job.
        response = self.drs.terminate_recovery_instances(
            recoveryInstanceIDs=[i["recoveryInstanceID"] for i in instances])
        self.assert_conforms(self.drs, "TerminateRecoveryInstances", response)
        terminate = response["job"]
        self.assertEqual(terminate["type"], "TERMINATE")
        self.assertEqual(terminate["initiatedBy"], "TERMINATE_RECOVERY_INSTANCES")
        self.assertEqual(sorted(p["sourceServerID"] for p in terminate["participatingServers"]),
                         sorted(server_ids))
        ended = self.wait_job(terminate["jobID"])
        self.assertEqual(ended["type"], "TERMINATE")
        events = [item["event"] for item in self.log_items(terminate["jobID"])]
        self.assertEqual(events[0], "JOB_START", events)
        self.assertEqual(events[-1], "JOB_END", events)
        self.assertIn("CLEANUP_START", events)
        self.assertIn("CLEANUP_END", events)
        self.assertLess(events.index("CLEANUP_START"), events.index("CLEANUP_END"))

        wait_for("the recovery instances to go", lambda: not self.recovery_instances(server_ids))

        def terminated():
            return all(i["State"]["Name"] == "terminated"
                       for i in self.ec2_instances(ec2_ids).values())

        wait_for("EC2 to show the instances terminated", terminated)
        for server_id in server_ids:
            self.assertFalse(self.source_server(server_id).get("recoveryInstanceId"))

    def test_recovery_then_ec2_terminate_instances(self):
        [server_id] = self.take(1)
        job = self.start([server_id], is_drill=False)
        self.assertEqual(job["initiatedBy"], "START_RECOVERY")
        self.assertEqual(job.get("tags", {}), {})
        done = self.wait_job(job["jobID"])
        [participant] = done["participatingServers"]
        self.assertEqual(participant["launchStatus"], "LAUNCHED")
        [instance] = self.recovery_instances([server_id])
        self.assertIs(instance["isDrill"], False)
        server = self.source_server(server_id)
        self.assertEqual(server["lifeCycle"]["lastLaunch"]["initiated"]["type"], "RECOVERY")

        ec2_id = instance["ec2InstanceID"]
        wait_for("the instance to run",
                 lambda: self.ec2_instances([ec2_id])[ec2_id]["State"]["Name"] == "running")
        response = self.ec2.terminate_instances(InstanceIds=[ec2_id])
        self.assert_conforms(self.ec2, "TerminateInstances", response)
        [change] = response["TerminatingInstances"]
        self.assertEqual(change["InstanceId"], ec2_id)
        self.assertEqual(change["PreviousState"], {"Code": 16, "Name": "running"})
        self.assertIn(change["CurrentState"]["Name"], ("shutting-down", "terminated"))
        self.assertEqual(change["CurrentState"]["Code"],
                         {"shutting-down": 32, "terminated": 48}[change["CurrentState"]["Name"]])
        wait_for("EC2 to finish terminating",
                 lambda: self.ec2_instances([ec2_id])[ec2_id]["State"] ==
                 {"Code": 48, "Name": "terminated"})

        def drs_sees_it():
            instances = self.recovery_instances([server_id])
            return not instances or instances[0]["ec2InstanceState"] == "TERMINATED"

        wait_for("DRS to see the EC2 instance terminated", drs_sees_it)

    def test_recovery_from_a_chosen_snapshot(self):
        [server_id] = self.take(1)
        snapshots = self.drs.describe_recovery_snapshots(sourceServerID=server_id, order="DESC",
                                                         maxResults=5)["items"]
        self.assertTrue(snapshots)
        chosen = snapshots[-1]
        job = self.start([server_id], snapshots={server_id: chosen["snapshotID"]})
        done = self.wait_job(job["jobID"])
        self.assertEqual(done["participatingServers"][0]["launchStatus"], "LAUNCHED")
        items = self.log_items(done["jobID"])
        self.check_launch_log(items, [server_id])
        self.assertIn("USING_PREVIOUS_SNAPSHOT", [item["event"] for item in items])
        [instance] = self.recovery_instances([server_id])
        self.assertEqual(parse_iso(instance["pointInTimeSnapshotDateTime"]),
                         parse_iso(chosen.get("timestamp") or chosen["expectedTimestamp"]))
        with self.assertRaises(ClientError) as caught:
            self.drs.start_recovery(sourceServers=[{"sourceServerID": self.take(1)[0],
                                                    "recoverySnapshotID": "pit-00000000000000000"}])
        self.assertIn(caught.exception.response["Error"]["Code"],
                      ("ResourceNotFoundException", "ValidationException"))

    def test_describe_jobs_filters_and_pages(self):
        server_ids = self.take(3)
        start = utcnow() - datetime.timedelta(seconds=2)
        jobs = [self.start([server_id], tags={"n": str(n)}) for n, server_id in
                enumerate(server_ids)]
        end = utcnow() + datetime.timedelta(seconds=2)
        ids = [job["jobID"] for job in jobs]

        response = self.drs.describe_jobs(filters={"jobIDs": ids[:2]})
        self.assert_conforms(self.drs, "DescribeJobs", response)
        self.assertEqual(sorted(j["jobID"] for j in response["items"]), sorted(ids[:2]))

        def listed(**filters):
            found = []
            for page in self.drs.get_paginator("describe_jobs").paginate(
                    filters=filters, PaginationConfig={"PageSize": 2}):
                self.assertLessEqual(len(page["items"]), 2)
                found.extend(j["jobID"] for j in page["items"])
            self.assertEqual(len(found), len(set(found)), "a job listed twice")
            return set(found)

        self.assertTrue(set(ids) <= listed())
        self.assertTrue(set(ids) <= listed(fromDate=iso(start), toDate=iso(end)))
        self.assertFalse(set(ids) & listed(toDate=iso(start - datetime.timedelta(seconds=1))))
        self.assertFalse(set(ids) & listed(fromDate=iso(end + datetime.timedelta(seconds=1))))
        self.assertEqual(listed(jobIDs=["drsjob-00000000000000000"]), set())

        for job in jobs:
            self.wait_job(job["jobID"])
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.describe_jobs(filters={"fromDate": "last tuesday, around noon"})
        self.assert_validation(caught, "fromDate")
        with self.assertRaises(ClientError) as caught:
            drs.describe_jobs(filters={"jobIDs": ["job-1"]})
        self.assert_validation(caught, "jobIDs")

    def test_start_recovery_validation(self):
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.start_recovery(sourceServers=[{"sourceServerID": s}
                                              for s in fake_server_ids(201)])
        self.assert_validation(caught, "sourceServers")
        with self.assertRaises(ClientError) as caught:
            drs.start_recovery(sourceServers=[])
        self.assert_validation(caught, "sourceServers")
        with self.assertRaises(ClientError) as caught:
            drs.start_recovery(sourceServers=[{"sourceServerID": "s-!!!!!!!!!!!!!!!!!"}])
        self.assert_validation(caught, "sourceServerID")
        with self.assertRaises(ClientError) as caught:
            drs.start_recovery(sourceServers=[{"recoverySnapshotID": "pit-00000000000000000"}])
        self.assert_validation(caught, "sourceServerID")
        with self.assertRaises(ClientError) as caught:
            drs.start_recovery(sourceServers=[{"sourceServerID": fake_server_ids(1)[0]}])
        self.assertIn(caught.exception.response["Error"]["Code"],
                      ("ResourceNotFoundException", "ValidationException"))

    def test_describe_recovery_instances_validation(self):
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.describe_recovery_instances(filters={"recoveryInstanceIDs": ["instance-1"]})
        self.assert_validation(caught, "recoveryInstanceIDs")
        with self.assertRaises(ClientError) as caught:
            drs.describe_recovery_instances(filters={"sourceServerIDs": ["s-1"]})
        self.assert_validation(caught, "sourceServerIDs")
        response = self.drs.describe_recovery_instances(
            filters={"recoveryInstanceIDs": ["i-0123456789abcdef0"]})
        self.assertEqual(response["items"], [])

    def test_terminate_recovery_instances_validation(self):
        drs = self.client("drs", validate=False)
        with self.assertRaises(ClientError) as caught:
            drs.terminate_recovery_instances(recoveryInstanceIDs=["i-zzzzzzzzzzzz"])
        self.assert_validation(caught, "recoveryInstanceIDs")
        with self.assertRaises(ClientError) as caught:
            drs.terminate_recovery_instances(
                recoveryInstanceIDs=["i-%017x" % n for n in range(201)])
        self.assert_validation(caught, "recoveryInstanceIDs")
        with self.assertRaises(ClientError) as caught:
            drs.terminate_recovery_instances(recoveryInstanceIDs=[])
        self.assert_validation(caught, "recoveryInstanceIDs")


# Failing and stalling launches

class FailStallTest(SandboxTestCase):
    """A Sandbox whose faults name servers of its own estate: the estate is
    read from a first run and the faults set for a second run on the same
    state file."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="drso-contract-")
        state = os.path.join(cls.tmp.name, "sandbox.db")
        first = Sandbox(DRSO, "--estate", "demo", "--time-scale", FAST, state_file=state).start()
        try:
            servers = [s for page in boto3_client(first, "drs").get_paginator(
                "describe_source_servers").paginate() for s in page["items"]]
            first.stop()
        finally:
            first.close()
        pool = launchable(servers)
        cls.failing_by_id, cls.failing_by_host, cls.stalling, cls.normal, cls.spare = \
            [s["sourceServerID"] for s in pool[:5]]
        host = hostname(pool[1])
        spec = "fail=%s:%s,stall=%s" % (cls.failing_by_id, host, cls.stalling)
        cls.sandbox = Sandbox(DRSO, "--time-scale", FAST, "--faults", spec,
                              state_file=state).start()
        cls.drs = cls.client("drs")
        cls.ec2 = cls.client("ec2")
        cls.sts = cls.client("sts")

    def test_failed_and_stalled_launches(self):
        failing = [self.failing_by_id, self.failing_by_host]
        job = self.start(failing + [self.stalling, self.normal])

        def others_done():
            current = self.job(job["jobID"])
            status = {p["sourceServerID"]: p["launchStatus"]
                      for p in current["participatingServers"]}
            if status[self.normal] == "LAUNCHED" and all(status[f] == "FAILED" for f in failing):
                return current
            return None

        current = wait_for("the failing and normal servers to finish", others_done)
        status = {p["sourceServerID"]: p["launchStatus"] for p in current["participatingServers"]}
        self.assertIn(status[self.stalling], ("PENDING", "IN_PROGRESS"))
        self.assertEqual(current["status"], "STARTED")

        items = self.log_items(job["jobID"])
        events = [item["event"] for item in items]
        self.assertNotIn("JOB_END", events)
        failed = {item["eventData"]["sourceServerID"] for item in items
                  if item["event"] == "LAUNCH_FAILED"}
        self.assertEqual(failed, set(failing))
        for item in items:
            if item["event"] == "LAUNCH_FAILED":
                self.assertTrue(item["eventData"].get("rawError"), item)

        for server_id in failing:
            server = self.drs.describe_source_servers(
                filters={"sourceServerIDs": [server_id]})["items"][0]
            self.assertEqual(server["lastLaunchResult"], "FAILED")
            self.assertFalse(server.get("recoveryInstanceId"))
        self.assertEqual(self.drs.describe_recovery_instances(
            filters={"sourceServerIDs": failing})["items"], [])
        self.assertEqual(len(self.drs.describe_recovery_instances(
            filters={"sourceServerIDs": [self.normal]})["items"]), 1)

        # The stalled server is still in an active job.
        with self.assertRaises(self.drs.exceptions.ConflictException) as caught:
            self.start([self.stalling, self.spare])
        self.assert_client_error(caught, "ConflictException", 409)
        # So are the failed ones, while their job is still active.
        with self.assertRaises(self.drs.exceptions.ConflictException):
            self.start([self.failing_by_id])


# Quotas and conflicts

class JobQuotaTest(SandboxTestCase):
    """Jobs last minutes here (time scale 1), so they stay active."""
    SANDBOX_ARGS = ("--estate", "150", "--time-scale", "1")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server_ids = [s["sourceServerID"] for page in
                          cls.drs.get_paginator("describe_source_servers").paginate()
                          for s in page["items"]]

    def active_jobs(self):
        return [j for page in self.drs.get_paginator("describe_jobs").paginate()
                for j in page["items"] if j["status"] != "COMPLETED"]

    # Numbered: the last one leaves the Sandbox at its job limit.

    def test_1_more_than_100_servers_in_a_job(self):
        self.assertGreaterEqual(len(self.server_ids), 150)
        before = len(self.active_jobs())
        with self.assertRaises(self.drs.exceptions.ServiceQuotaExceededException) as caught:
            self.start(self.server_ids[:101])
        response = self.assert_client_error(caught, "ServiceQuotaExceededException", 402)
        self.assertTrue(response.get("quotaCode"), response)
        self.assertEqual(response.get("serviceCode"), "drs", response)
        self.assertEqual(len(self.active_jobs()), before)
        job = self.start(self.server_ids[:100])
        self.assertEqual(len(job["participatingServers"]), 100)

    def test_2_more_than_200_servers_is_invalid(self):
        with self.assertRaises(ClientError) as caught:
            self.client("drs", validate=False).start_recovery(
                sourceServers=[{"sourceServerID": s} for s in fake_server_ids(201)])
        self.assert_validation(caught, "sourceServers")

    def test_3_server_in_an_active_job_conflicts(self):
        busy = self.server_ids[0]      # in test 1's job
        free = self.server_ids[120]
        with self.assertRaises(self.drs.exceptions.ConflictException) as caught:
            self.start([free, busy])
        response = self.assert_client_error(caught, "ConflictException", 409)
        self.assertTrue(response["ResponseMetadata"].get("RequestId"))
        # Nothing started for the free one either.
        self.start([free])
        with self.assertRaises(self.drs.exceptions.ConflictException):
            self.start([free])

    def test_4_twenty_concurrent_jobs(self):
        spare = iter(self.server_ids[125:])
        while len(self.active_jobs()) < 20:
            self.start([next(spare)])
        self.assertEqual(len(self.active_jobs()), 20)
        with self.assertRaises(self.drs.exceptions.ServiceQuotaExceededException) as caught:
            self.start([next(spare)])
        self.assert_client_error(caught, "ServiceQuotaExceededException", 402)
        self.assertEqual(len(self.active_jobs()), 20)


class ServerQuotaTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "520", "--time-scale", "1")

    def test_500_servers_across_active_jobs(self):
        server_ids = [s["sourceServerID"] for page in
                      self.drs.get_paginator("describe_source_servers").paginate(
                          PaginationConfig={"PageSize": 1000})
                      for s in page["items"]]
        self.assertEqual(len(server_ids), 520)
        jobs = [self.start(server_ids[n * 100:(n + 1) * 100]) for n in range(5)]
        with self.assertRaises(self.drs.exceptions.ServiceQuotaExceededException) as caught:
            self.start([server_ids[510]])
        self.assert_client_error(caught, "ServiceQuotaExceededException", 402)

        listed = [j["jobID"] for page in self.drs.get_paginator("describe_jobs").paginate(
            PaginationConfig={"PageSize": 2}) for j in page["items"]]
        self.assertEqual(sorted(listed), sorted(j["jobID"] for j in jobs))


# Pagination over 10,000 servers

class PaginationTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "10000", "--time-scale", "1")
    COUNT = 10000

    # Each scan of 10,000 servers costs seconds: each page size is scanned
    # once and kept for the tests that compare.
    scans = {}

    def scan(self, page_size=None):
        if page_size not in self.scans:
            config = {"PageSize": page_size} if page_size else {}
            pages = list(self.drs.get_paginator("describe_source_servers").paginate(
                PaginationConfig=config))
            self.scans[page_size] = (pages, [s["sourceServerID"] for page in pages
                                             for s in page["items"]])
        return self.scans[page_size]

    def test_default_pages(self):
        pages, ids = self.scan()
        self.assertEqual(len(ids), self.COUNT)
        self.assertEqual(len(set(ids)), self.COUNT)
        for page in pages[:-1]:
            self.assertTrue(page["items"])
            self.assertTrue(page.get("nextToken"))
        self.assertFalse(pages[-1].get("nextToken"))
        self.assert_conforms(self.drs, "DescribeSourceServers", pages[0])

    def test_pages_of_1000(self):
        pages, ids = self.scan(1000)
        self.assertEqual(len(ids), self.COUNT)
        self.assertEqual(len(set(ids)), self.COUNT)
        self.assertGreaterEqual(len(pages), 10)
        for page in pages:
            self.assertLessEqual(len(page["items"]), 1000)
        self.assertEqual(ids, self.scan()[1], "the order depends on the page size")

    def test_resuming_from_a_starting_token(self):
        _, ids = self.scan(1000)
        paginator = self.drs.get_paginator("describe_source_servers")
        head = paginator.paginate(PaginationConfig={"PageSize": 1000, "MaxItems": 2500})
        first = head.build_full_result()
        self.assertEqual(len(first["items"]), 2500)
        self.assertTrue(first.get("NextToken"))
        rest = paginator.paginate(PaginationConfig={"PageSize": 1000,
                                                    "StartingToken": first["NextToken"]})
        second = rest.build_full_result()
        self.assertFalse(second.get("NextToken"))
        self.assertEqual([s["sourceServerID"] for s in first["items"] + second["items"]], ids)

    def test_filter_among_many(self):
        _, ids = self.scan(1000)
        chosen = [ids[0], ids[len(ids) // 2], ids[-1]]
        response = self.drs.describe_source_servers(filters={"sourceServerIDs": chosen})
        self.assertEqual(sorted(s["sourceServerID"] for s in response["items"]), sorted(chosen))


# Injected faults

class FaultsTest(unittest.TestCase):
    """One Sandbox per fault, each answering every request with it."""

    FAULTS = {"throttle": "throttle=1", "5xx": "5xx=1", "drop": "drop=1",
              "latency": "latency=20-60"}

    @classmethod
    def setUpClass(cls):
        cls.sandboxes = {}
        try:
            for name, spec in cls.FAULTS.items():
                cls.sandboxes[name] = Sandbox(DRSO, "--estate", "demo", "--faults", spec).start()
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for sandbox in cls.sandboxes.values():
            sandbox.close()

    def test_throttling(self):
        sandbox = self.sandboxes["throttle"]
        drs = boto3_client(sandbox, "drs")
        with self.assertRaises(drs.exceptions.ThrottlingException) as caught:
            drs.describe_source_servers()
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], "ThrottlingException")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 429)
        self.assertTrue(response["Error"]["Message"])
        self.assertRegex(response["ResponseMetadata"]["HTTPHeaders"].get("retry-after", ""),
                         r"^\d+$")
        self.assertRegex(str(response.get("retryAfterSeconds", "")), r"^\d+$")
        request_id = response["ResponseMetadata"].get("RequestId")

        # botocore's standard mode retries it, by its code.
        retried = boto3_client(sandbox, "drs", max_attempts=2)
        with self.assertRaises(retried.exceptions.ThrottlingException) as caught:
            retried.describe_jobs()
        self.assertEqual(caught.exception.response["ResponseMetadata"]["RetryAttempts"], 1)

        for service, call in (("ec2", "describe_instances"), ("sts", "get_caller_identity")):
            with self.subTest(service):
                client = boto3_client(sandbox, service)
                with self.assertRaises(ClientError) as caught:
                    getattr(client, call)()
                self.assertIn(caught.exception.response["Error"]["Code"], THROTTLING_CODES)
        self.assertTrue(request_id, "no x-amzn-RequestId on a ThrottlingException")

    def test_internal_errors(self):
        sandbox = self.sandboxes["5xx"]
        drs = boto3_client(sandbox, "drs")
        with self.assertRaises(drs.exceptions.InternalServerException) as caught:
            drs.describe_source_servers()
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], "InternalServerException")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertTrue(response["Error"]["Message"])

        retried = boto3_client(sandbox, "drs", max_attempts=2)
        with self.assertRaises(retried.exceptions.InternalServerException) as caught:
            retried.describe_jobs()
        self.assertEqual(caught.exception.response["ResponseMetadata"]["RetryAttempts"], 1)

        for service, call in (("ec2", "describe_instances"), ("sts", "get_caller_identity")):
            with self.subTest(service):
                client = boto3_client(sandbox, service)
                with self.assertRaises(ClientError) as caught:
                    getattr(client, call)()
                self.assertIn(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"],
                              TRANSIENT_STATUSES)
                self.assertTrue(caught.exception.response["Error"]["Code"])

    def test_dropped_connections(self):
        sandbox = self.sandboxes["drop"]
        for service, call in (("drs", "describe_source_servers"), ("ec2", "describe_instances"),
                              ("sts", "get_caller_identity")):
            with self.subTest(service):
                client = boto3_client(sandbox, service)
                with self.assertRaises(ConnectionClosedError):
                    getattr(client, call)()

    def test_latency_still_answers(self):
        sandbox = self.sandboxes["latency"]
        results = {}

        calls = (("drs", "describe_source_servers", {"maxResults": 5}),
                 ("ec2", "describe_subnets", {}),
                 ("sts", "get_caller_identity", {}))

        def call(n):
            service, name, kwargs = calls[n % len(calls)]
            try:
                results[n] = getattr(boto3_client(sandbox, service), name)(**kwargs)
            except Exception as error:  # reported below
                results[n] = error

        threads = [threading.Thread(target=call, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE)
        self.assertEqual(sorted(results), list(range(6)))
        for n, result in results.items():
            self.assertIsInstance(result, dict, result)
            self.assertEqual(result["ResponseMetadata"]["HTTPStatusCode"], 200)


# Signatures

class _ShiftedDatetime(datetime.datetime):
    """datetime.datetime with utcnow() moved by SHIFT: botocore's signer
    reads the clock through botocore.auth.datetime.datetime.utcnow()."""
    SHIFT = datetime.timedelta(0)

    @classmethod
    def utcnow(cls):
        return datetime.datetime.utcnow() + cls.SHIFT


def shifted_clock(delta):
    shifted = type("ShiftedDatetime", (_ShiftedDatetime,), {"SHIFT": delta})
    return mock.patch.object(botocore.auth, "datetime",
                             types.SimpleNamespace(datetime=shifted))


class SignatureTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "demo")

    CALLS = {"drs": ("describe_source_servers", {}),
             "ec2": ("describe_instances", {}),
             "sts": ("get_caller_identity", {})}

    def refused(self, service, client=None, **kwargs):
        client = client or self.client(service, **kwargs)
        name, args = self.CALLS[service]
        with self.assertRaises(ClientError) as caught:
            getattr(client, name)(**args)
        return caught.exception.response

    def assert_code(self, response, code, statuses):
        codes = (code,) if isinstance(code, str) else code
        self.assertIn(response["Error"]["Code"], codes, response)
        self.assertIn(response["ResponseMetadata"]["HTTPStatusCode"], statuses, response)
        self.assertTrue(response["Error"].get("Message"), response)

    def test_wrong_secret(self):
        # EC2 answers AuthFailure to some signature mismatches.
        expected = {"drs": ("InvalidSignatureException", (403,)),
                    "ec2": (("SignatureDoesNotMatch", "AuthFailure"), (401, 403)),
                    "sts": ("SignatureDoesNotMatch", (403,))}
        for service, (code, statuses) in expected.items():
            with self.subTest(service):
                response = self.refused(service, secret_key="not-the-secret-0000000000000000000")
                self.assert_code(response, code, statuses)

    def test_unknown_key(self):
        expected = {"drs": ("UnrecognizedClientException", (403,)),
                    "ec2": ("AuthFailure", (401, 403)),
                    "sts": ("InvalidClientTokenId", (403,))}
        for service, (code, statuses) in expected.items():
            with self.subTest(service):
                response = self.refused(service, access_key="AKIAUNKNOWNKEY000000")
                self.assert_code(response, code, statuses)

    def test_expired_date(self):
        expected = {"drs": ("InvalidSignatureException", (403,)),
                    "ec2": (("RequestExpired", "SignatureDoesNotMatch"), (400, 403)),
                    "sts": ("SignatureDoesNotMatch", (403,))}
        for minutes in (-20, 20):
            for service, (code, statuses) in expected.items():
                with self.subTest(service=service, minutes=minutes):
                    client = self.client(service)
                    with shifted_clock(datetime.timedelta(minutes=minutes)):
                        response = self.refused(service, client)
                    self.assert_code(response, code, statuses)
                    message = response["Error"]["Message"].lower()
                    if minutes < 0:
                        self.assertIn("expired", message)
                    else:
                        # AWS says "not yet current" of a date ahead.
                        self.assertTrue("expired" in message or "not yet current" in message,
                                        message)

    def test_small_clock_skew_is_accepted(self):
        # Within the 5 minutes AWS allows everywhere (the Sandbox allows 15).
        for minutes in (-4, 4):
            for service, (name, args) in self.CALLS.items():
                with self.subTest(service=service, minutes=minutes):
                    client = self.client(service)
                    with shifted_clock(datetime.timedelta(minutes=minutes)):
                        getattr(client, name)(**args)

    def test_unsigned(self):
        expected = {"drs": ("IncompleteSignatureException", "MissingAuthenticationTokenException"),
                    "ec2": ("MissingAuthenticationToken", "IncompleteSignature"),
                    "sts": ("MissingAuthenticationToken", "IncompleteSignature")}
        for service, codes in expected.items():
            with self.subTest(service):
                response = self.refused(service, unsigned=True)
                self.assert_code(response, codes, (400, 401, 403))
                if service == "drs":
                    self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_malformed_authorization(self):
        expected = {"drs": "IncompleteSignatureException", "ec2": "IncompleteSignature",
                    "sts": "IncompleteSignature"}
        for service, code in expected.items():
            with self.subTest(service):
                client = self.client(service)

                def mangle(request, **_):
                    request.headers["Authorization"] = (
                        "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/%s/aws4_request"
                        % (self.sandbox.access_key, service))

                client.meta.events.register("before-send.%s" % service, mangle)
                response = self.refused(service, client)
                self.assert_code(response, code, (400, 403))

    def test_wrong_region_in_scope(self):
        expected = {"drs": "InvalidSignatureException",
                    "ec2": ("SignatureDoesNotMatch", "AuthFailure"),
                    "sts": "SignatureDoesNotMatch"}
        for service, code in expected.items():
            with self.subTest(service):
                response = self.refused(service, region="eu-west-1")
                self.assert_code(response, code, (400, 401, 403))

    def test_session_token_must_match(self):
        # A long-term key with a token it does not have.
        response = self.refused("drs", session_token="FwoGZXIvYXdzEXAMPLETOKEN")
        self.assert_code(response, "UnrecognizedClientException", (403,))
        response = self.refused("sts", session_token="FwoGZXIvYXdzEXAMPLETOKEN")
        self.assert_code(response, "InvalidClientTokenId", (403,))

    def test_request_id_on_every_drs_answer(self):
        # AWS puts x-amzn-RequestId on every answer, errors included; botocore
        # reads it into ResponseMetadata.RequestId.
        def metadata_of(call):
            try:
                return call()["ResponseMetadata"]
            except ClientError as error:
                return error.response["ResponseMetadata"]

        server_id = self.drs.describe_source_servers(maxResults=1)["items"][0]["sourceServerID"]
        loose = self.client("drs", validate=False)
        cases = {
            "success": lambda: self.drs.get_launch_configuration(sourceServerID=server_id),
            "ResourceNotFoundException":
                lambda: self.drs.get_launch_configuration(sourceServerID=fake_server_ids(1)[0]),
            "ValidationException (model)":
                lambda: loose.get_launch_configuration(sourceServerID="s-short"),
            "InvalidSignatureException":
                lambda: self.client("drs", secret_key="wrong").describe_jobs(),
            "UnrecognizedClientException":
                lambda: self.client("drs", access_key="AKIAUNKNOWNKEY000000").describe_jobs(),
            "unsigned": lambda: self.client("drs", unsigned=True).describe_jobs(),
        }
        for name, call in cases.items():
            with self.subTest(name):
                self.assertTrue(metadata_of(call).get("RequestId"),
                                "no x-amzn-RequestId on %s" % name)

    def raw(self, method, path, body, headers):
        connection = http.client.HTTPConnection(*self.sandbox.host_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            return {"status_code": answer.status,
                    "headers": HeadersDict(dict(answer.getheaders())),
                    "body": answer.read()}
        finally:
            connection.close()

    def parse_drs_error(self, raw):
        parser = botocore.parsers.create_parser("rest-json")
        model = self.drs.meta.service_model.operation_model("DescribeSourceServers")
        return parser.parse(raw, model.output_shape)

    def test_raw_request_without_authorization(self):
        raw = self.raw("POST", "/DescribeSourceServers", b"{}",
                       {"Content-Type": "application/json"})
        self.assertEqual(raw["status_code"], 403)
        parsed = self.parse_drs_error(raw)
        self.assertIn(parsed["Error"]["Code"], ("IncompleteSignatureException",
                                                "MissingAuthenticationTokenException"), parsed)

        raw = self.raw("POST", "/", b"Action=GetCallerIdentity&Version=2011-06-15",
                       {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        parsed = botocore.parsers.create_parser("query").parse(
            raw, self.sts.meta.service_model.operation_model("GetCallerIdentity").output_shape)
        self.assertIn(parsed["Error"]["Code"], ("MissingAuthenticationToken",
                                                "IncompleteSignature"), parsed)

    def test_raw_sigv4_with_a_wrong_secret(self):
        request = AWSRequest(method="POST", url=self.sandbox.endpoint + "/DescribeSourceServers",
                             data=b"{}", headers={"Content-Type": "application/json"})
        botocore.auth.SigV4Auth(Credentials(self.sandbox.access_key, "wrong/secret"), "drs",
                                "us-east-1").add_auth(request)
        prepared = request.prepare()
        raw = self.raw("POST", "/DescribeSourceServers", prepared.body, dict(prepared.headers))
        self.assertEqual(raw["status_code"], 403)
        self.assertEqual(self.parse_drs_error(raw)["Error"]["Code"], "InvalidSignatureException")

        # The same request with the right secret goes through.
        request = AWSRequest(method="POST", url=self.sandbox.endpoint + "/DescribeSourceServers",
                             data=b"{}", headers={"Content-Type": "application/json"})
        botocore.auth.SigV4Auth(Credentials(self.sandbox.access_key, self.sandbox.secret_key),
                                "drs", "us-east-1").add_auth(request)
        prepared = request.prepare()
        raw = self.raw("POST", "/DescribeSourceServers", prepared.body, dict(prepared.headers))
        self.assertEqual(raw["status_code"], 200, raw["body"])
        self.assertIn("items", json.loads(raw["body"]))


# STS AssumeRole into the recovery target accounts

class AssumeRoleTest(SandboxTestCase):
    SANDBOX_ARGS = ("--estate", "demo", "--time-scale", FAST)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.targets = [account for account in sandbox_process.read_accounts(ACCOUNTS_HELPER)
                       if account["external_id"]]

    def setUp(self):
        super().setUp()
        self.assertEqual(sorted(t["account_id"] for t in self.targets), list(TARGET_ACCOUNTS),
                         "the state file names other target accounts: %r" % self.targets)

    def assume(self, target, session_name="contract", **kwargs):
        response = self.sts.assume_role(RoleArn=target["role_arn"], RoleSessionName=session_name,
                                        ExternalId=target["external_id"], **kwargs)
        self.assert_conforms(self.sts, "AssumeRole", response)
        return response

    def test_assume_role_into_each_target(self):
        for target in self.targets:
            with self.subTest(target["account_id"]):
                account = target["account_id"]
                self.assertEqual(target["role_arn"],
                                 "arn:aws:iam::%s:role/%s" % (account, ROLE_NAME))
                response = self.assume(target, DurationSeconds=900)
                credentials = response["Credentials"]
                self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"), credentials)
                self.assertTrue(credentials["SecretAccessKey"])
                self.assertTrue(credentials["SessionToken"])
                expiration = credentials["Expiration"]
                now = utcnow()
                self.assertGreater(expiration, now + datetime.timedelta(minutes=10))
                self.assertLess(expiration, now + datetime.timedelta(minutes=20))
                arn = "arn:aws:sts::%s:assumed-role/%s/contract" % (account, ROLE_NAME)
                self.assertEqual(response["AssumedRoleUser"]["Arn"], arn)
                self.assertTrue(response["AssumedRoleUser"]["AssumedRoleId"].endswith(":contract"))

                session = dict(access_key=credentials["AccessKeyId"],
                               secret_key=credentials["SecretAccessKey"],
                               session_token=credentials["SessionToken"])
                identity = self.client("sts", **session).get_caller_identity()
                self.assertEqual(identity["Account"], account)
                self.assertEqual(identity["Arn"], arn)

                drs = self.client("drs", **session)
                servers = self.all_servers(drs)
                self.assertEqual(len(servers), 4)
                for server in servers:
                    self.assertEqual(server["arn"].split(":")[4], account)
                ec2 = self.client("ec2", **session)
                for subnet in ec2.describe_subnets()["Subnets"]:
                    self.assertEqual(subnet["OwnerId"], account)

                # The session's key wants its own token.
                with self.assertRaises(ClientError) as caught:
                    self.client("sts", access_key=credentials["AccessKeyId"],
                                secret_key=credentials["SecretAccessKey"]).get_caller_identity()
                self.assertEqual(caught.exception.response["Error"]["Code"],
                                 "InvalidClientTokenId")
                with self.assertRaises(ClientError) as caught:
                    self.client("drs", access_key=credentials["AccessKeyId"],
                                secret_key=credentials["SecretAccessKey"],
                                session_token=credentials["SessionToken"][:-4] + "AAAA"
                                ).describe_source_servers()
                self.assertEqual(caught.exception.response["Error"]["Code"],
                                 "UnrecognizedClientException")

    def test_wrong_external_id_is_denied(self):
        target = self.targets[0]
        for external_id in ("wrong-external-id", target["external_id"] + "x"):
            with self.subTest(external_id):
                with self.assertRaises(ClientError) as caught:
                    self.sts.assume_role(RoleArn=target["role_arn"], RoleSessionName="contract",
                                         ExternalId=external_id)
                self.assert_client_error(caught, "AccessDenied", 403)
        with self.assertRaises(ClientError) as caught:
            self.sts.assume_role(RoleArn=target["role_arn"], RoleSessionName="contract")
        self.assert_client_error(caught, "AccessDenied", 403)

    def test_other_roles_are_denied(self):
        target = self.targets[0]
        for role_arn in ("arn:aws:iam::%s:role/SomeOtherRole" % target["account_id"],
                         "arn:aws:iam::%s:role/%s" % (PRIMARY_ACCOUNT, ROLE_NAME),
                         "arn:aws:iam::999999999999:role/%s" % ROLE_NAME):
            with self.subTest(role_arn):
                with self.assertRaises(ClientError) as caught:
                    self.sts.assume_role(RoleArn=role_arn, RoleSessionName="contract",
                                         ExternalId=target["external_id"])
                self.assert_client_error(caught, "AccessDenied", 403)

    def test_assume_role_validation(self):
        sts = self.client("sts", validate=False)
        target = self.targets[0]
        for kwargs in ({"RoleSessionName": "x"}, {"RoleSessionName": "has spaces"},
                       {"RoleSessionName": "contract", "DurationSeconds": 60}):
            with self.subTest(kwargs):
                with self.assertRaises(ClientError) as caught:
                    sts.assume_role(RoleArn=target["role_arn"], ExternalId=target["external_id"],
                                    **kwargs)
                self.assert_client_error(caught, "ValidationError", 400)

    def test_cross_account_resources(self):
        target = self.targets[0]
        credentials = self.assume(target)["Credentials"]
        drs = self.client("drs", access_key=credentials["AccessKeyId"],
                          secret_key=credentials["SecretAccessKey"],
                          session_token=credentials["SessionToken"])
        primary_server = self.all_servers()[0]
        with self.assertRaises(drs.exceptions.AccessDeniedException) as caught:
            drs.list_tags_for_resource(resourceArn=primary_server["arn"])
        self.assert_client_error(caught, "AccessDeniedException", 403)
        # And the target's servers are not the primary's.
        own = {s["sourceServerID"] for s in self.all_servers(drs)}
        self.assertNotIn(primary_server["sourceServerID"], own)
        with self.assertRaises(drs.exceptions.ResourceNotFoundException):
            drs.get_launch_configuration(sourceServerID=primary_server["sourceServerID"])


def setUpModule():
    # boto3 clients left to the garbage collector close their connections
    # late; that is no concern of these tests.
    warnings.filterwarnings("ignore", category=ResourceWarning)


def main():
    global DRSO, ACCOUNTS_HELPER
    if len(sys.argv) < 3:
        sys.stderr.write("Usage: %s PATH-TO-DRSO PATH-TO-CONTRACT-ACCOUNTS [unittest arguments]\n"
                         % sys.argv[0])
        return 2
    DRSO = os.path.abspath(sys.argv.pop(1))
    ACCOUNTS_HELPER = os.path.abspath(sys.argv.pop(1))
    sandbox_process.isolate_boto3_from_user_files()
    sys.stderr.write("test-contract: boto3 %s, botocore %s\n"
                     % (boto3.__version__, botocore.__version__))
    program = unittest.main(verbosity=2, exit=False)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())

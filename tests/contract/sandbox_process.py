# SPDX-License-Identifier: GPL-3.0-or-later
#
# sandbox_process.py: a Sandbox ("drso sandbox") started as a child process
# for the contract tests and the benchmarks, and boto3 clients pointed at it.
#
# Only the standard library here: the callers import boto3 themselves, so
# that a missing boto3 is reported once, clearly, by them.

import os
import shlex
import signal
import subprocess
import tempfile
import time

# What "drso sandbox" prints before it serves (see the CLI's help).
EXPORT_KEYS = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
               "AWS_REGION", "AWS_DEFAULT_REGION")


class SandboxError(Exception):
    pass


class Sandbox:
    """One "drso sandbox" child process, with its own HOME and data folders.

    Its stdout and stderr go to files in a private folder, so that a chatty
    child can never block on a full pipe; the export block is read from the
    stdout file as it appears."""

    def __init__(self, drso, *args, state_file=None, startup_timeout=60.0):
        self.drso = drso
        self.args = list(args)
        self.startup_timeout = startup_timeout
        self.dir = tempfile.TemporaryDirectory(prefix="drso-sandbox-")
        self.state_file = state_file
        self.process = None
        self.exports = {}
        self.returncode = None

    # Life

    def start(self):
        command = [self.drso, "sandbox", "--port", "0"] + self.args
        if self.state_file is not None:
            command += ["--state-file", self.state_file]
        env = dict(os.environ)
        for key in list(env):
            if key.startswith("AWS_"):
                del env[key]
        for key in ("LD_PRELOAD", "ASAN_OPTIONS"):
            # drso links the sanitizer runtime itself when built with it, and
            # its leak checks are wanted.
            env.pop(key, None)
        home = self.dir.name
        env.update({"HOME": home,
                    "XDG_DATA_HOME": os.path.join(home, "data"),
                    "XDG_CONFIG_HOME": os.path.join(home, "config"),
                    "XDG_CACHE_HOME": os.path.join(home, "cache"),
                    "XDG_STATE_HOME": os.path.join(home, "state")})
        self.stdout_path = os.path.join(home, "stdout")
        self.stderr_path = os.path.join(home, "stderr")
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=err, env=env)
        self.command = command
        deadline = time.monotonic() + self.startup_timeout
        while True:
            self.exports = self._read_exports()
            if all(key in self.exports for key in EXPORT_KEYS):
                return self
            if self.process.poll() is not None:
                raise SandboxError("%s exited with %d before printing its export block:\n%s"
                                   % (" ".join(command), self.process.returncode, self.output()))
            if time.monotonic() > deadline:
                self.kill()
                raise SandboxError("%s printed no complete export block in %.0f s:\n%s"
                                   % (" ".join(command), self.startup_timeout, self.output()))
            time.sleep(0.01)

    def _read_exports(self):
        exports = {}
        with open(self.stdout_path, "rb") as out:
            text = out.read().decode("utf-8", "replace")
        # Only whole lines: the last one may still be being written.
        for line in text.splitlines(True):
            if not line.endswith("\n"):
                break
            words = shlex.split(line.strip()) if line.strip() else []
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                key, value = words[1].split("=", 1)
                exports[key] = value
        return exports

    def stop(self, sig=signal.SIGTERM, timeout=30.0):
        """Asks the Sandbox to stop with @sig; returns its exit status."""
        if self.process is None:
            return self.returncode
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.returncode = self.process.returncode
                self.process = None
                raise SandboxError("the Sandbox did not stop within %.0f s of %s:\n%s"
                                   % (timeout, signal.Signals(sig).name, self.output()))
        self.returncode = self.process.returncode
        self.process = None
        return self.returncode

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            self.returncode = self.process.returncode
        self.process = None

    def close(self):
        self.kill()
        self.dir.cleanup()

    def running(self):
        return self.process is not None and self.process.poll() is None

    def output(self):
        """What the child wrote, for failure messages."""
        parts = []
        for name, path in (("stdout", getattr(self, "stdout_path", None)),
                           ("stderr", getattr(self, "stderr_path", None))):
            if path and os.path.exists(path):
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
                if len(text) > 6000:
                    text = "…" + text[-6000:]
                parts.append("--- %s ---\n%s" % (name, text))
        return "\n".join(parts)

    # What it printed

    @property
    def endpoint(self):
        return self.exports["AWS_ENDPOINT_URL"]

    @property
    def access_key(self):
        return self.exports["AWS_ACCESS_KEY_ID"]

    @property
    def secret_key(self):
        return self.exports["AWS_SECRET_ACCESS_KEY"]

    @property
    def region(self):
        return self.exports["AWS_REGION"]

    @property
    def host_port(self):
        rest = self.endpoint.split("://", 1)[1].rstrip("/")
        host, port = rest.rsplit(":", 1)
        return host, int(port)


def boto3_client(sandbox, service, *, access_key=None, secret_key=None, session_token=None,
                 max_attempts=1, validate=True, unsigned=False, region=None, session=None):
    """A boto3 client for @service of @sandbox with explicit credentials.

    Standard retries, one attempt in all unless told otherwise, so that an
    error comes back as the Sandbox sent it."""
    import boto3
    import botocore
    from botocore.config import Config

    # total_max_attempts counts the first attempt; botocore's "max_attempts"
    # in a Config counts retries only (max_attempts=1 would allow a retry).
    options = dict(retries={"mode": "standard", "total_max_attempts": max_attempts},
                   parameter_validation=validate, connect_timeout=10, read_timeout=60)
    if unsigned:
        options["signature_version"] = botocore.UNSIGNED
    session = session or _default_session()
    return session.client(service, endpoint_url=sandbox.endpoint,
                          region_name=region or sandbox.region,
                          aws_access_key_id=access_key or sandbox.access_key,
                          aws_secret_access_key=secret_key or sandbox.secret_key,
                          aws_session_token=session_token,
                          config=Config(**options))


_SESSION = None


def _default_session():
    global _SESSION
    import boto3

    if _SESSION is None:
        _SESSION = boto3.session.Session()
    return _SESSION


def isolate_boto3_from_user_files():
    """Keeps the user's ~/.aws and AWS_* settings out of the clients."""
    for key in list(os.environ):
        if key.startswith("AWS_"):
            del os.environ[key]
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def read_accounts(helper):
    """The accounts of the Sandbox's organisation, from contract-accounts
    (built from the Sandbox's own code): a list of dicts with "account_id",
    "role_arn" and "external_id" (None for the primary account)."""
    output = subprocess.run([helper], capture_output=True, text=True, timeout=60, check=True)
    accounts = []
    for line in output.stdout.splitlines():
        account_id, role_arn, external_id = line.split("\t")
        accounts.append({"account_id": account_id,
                         "role_arn": None if role_arn == "-" else role_arn,
                         "external_id": None if external_id == "-" else external_id})
    return accounts

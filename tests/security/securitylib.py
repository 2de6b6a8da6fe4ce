# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the security tests share: a private set of folders for drso (home,
# XDG folders, data folder) with every output kept for later search, a fake
# AWS on loopback (http or https) that answers STS, DRS and EC2 and records
# who called, throwaway self-signed certificates, and searches for a secret
# in every form it could take on disk.

import base64
import binascii
import http.server
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse

DRSO = None

SANDBOX_ACCOUNT = "111122223333"


def set_drso(path):
    global DRSO
    DRSO = os.path.abspath(path)


# Secrets and how they can look


def encoded_forms(secret):
    """Every form of @secret worth looking for: as is, URL-encoded, JSON- and
    XML-escaped, hexadecimal, and base64 (standard and URL-safe) at each of
    the three byte alignments it can have inside a longer text."""
    raw = secret.encode()
    forms = {raw, urllib.parse.quote(secret, safe="").encode(),
             urllib.parse.quote_plus(secret).encode(),
             json.dumps(secret)[1:-1].encode(), secret.replace("/", "\\/").encode(),
             secret.replace("&", "&amp;").replace("<", "&lt;").encode(),
             binascii.hexlify(raw), binascii.hexlify(raw).upper()}
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\0" * shift + raw)
            # Only the characters whose six bits all come from the secret.
            start = -(-shift * 8 // 6)
            end = (shift + len(raw)) * 8 // 6
            if end - start >= 12:
                forms.add(text[start:end])
    return [f for f in forms if len(f) >= 12]


class SecretSearch:
    """Looks for a set of named secrets, in all their forms."""

    def __init__(self, secrets):
        self.needles = []
        for name, value in secrets.items():
            for form in encoded_forms(value):
                self.needles.append((name, form))

    def in_bytes(self, data):
        return sorted({name for name, form in self.needles if form in data})

    def in_tree(self, root, skip=()):
        """{path: [names]} for every file under @root (not following links)
        that holds a secret. Folders in @skip are left out."""
        hits = {}
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if os.path.join(folder, d) not in skip]
            for name in files:
                path = os.path.join(folder, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                with open(path, "rb") as f:
                    found = self.in_bytes(f.read())
                if found:
                    hits[path] = found
        return hits


# drso in private folders


class Workspace:
    """A temporary tree with HOME, the XDG folders and an inputs folder (the
    files a test plants, which are left out of searches). Every run of drso
    is kept: command, exit status, stdout and stderr."""

    def __init__(self, umask=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="drso-security-")
        self.root = self.tmp.name
        self.inputs = os.path.join(self.root, "inputs")
        os.makedirs(self.inputs)
        self.home = os.path.join(self.root, "home")
        os.makedirs(self.home)
        self.umask = umask
        self.env = dict(os.environ)
        for key in ("LD_PRELOAD", "ASAN_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                    "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
                    "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE",
                    "AWS_SHARED_CREDENTIALS_FILE", "G_MESSAGES_DEBUG"):
            # The program links the sanitizer runtime itself when built with it.
            self.env.pop(key, None)
        for key in list(self.env):
            if key.startswith("AWS_ENDPOINT_URL_"):
                del self.env[key]
        self.env.update({
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_CACHE_HOME": os.path.join(self.root, "cache"),
            "XDG_STATE_HOME": os.path.join(self.root, "state"),
            "AWS_CONFIG_FILE": os.path.join(self.inputs, "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.inputs, "aws-credentials"),
            "GSETTINGS_BACKEND": "keyfile",
            "LANGUAGE": "C",
            "LC_ALL": "C.UTF-8",
            "G_DEBUG": "fatal-criticals",
            "AWS_MAX_ATTEMPTS": "1",
        })
        self.folder = os.path.join(self.env["XDG_DATA_HOME"], "drs-orchestrator")
        self.runs = []

    def cleanup(self):
        self.tmp.cleanup()

    def write_input(self, name, content, mode=0o600):
        path = os.path.join(self.inputs, name)
        with open(path, "w") as f:
            f.write(content)
        os.chmod(path, mode)
        return path

    def preexec(self):
        if self.umask is not None:
            os.umask(self.umask)

    def run(self, *args, env=None, stdin=None, timeout=90, cwd=None):
        full_env = dict(self.env)
        full_env.update(env or {})
        proc = subprocess.run([DRSO, *args], env=full_env, input=stdin, capture_output=True,
                              timeout=timeout, preexec_fn=self.preexec, cwd=cwd or self.home)
        self.runs.append((args, proc.returncode, proc.stdout, proc.stderr))
        return proc.returncode, proc.stdout.decode(errors="replace"), \
            proc.stderr.decode(errors="replace")

    def popen(self, *args, env=None, **kwargs):
        full_env = dict(self.env)
        full_env.update(env or {})
        return subprocess.Popen([DRSO, *args], env=full_env, preexec_fn=kwargs.pop(
            "preexec_fn", self.preexec), cwd=kwargs.pop("cwd", self.home), **kwargs)

    def snapshot(self, label):
        """Copies the data folder as it is now (the store's and the Sandbox's
        -wal and -shm files exist only while a process has them open) into
        the tree, so that searches of the tree see them."""
        target = os.path.join(self.root, "snapshots", label)
        os.makedirs(target)
        for name in os.listdir(self.folder):
            path = os.path.join(self.folder, name)
            if os.path.isfile(path):
                shutil.copyfile(path, os.path.join(target, name))
        return sorted(os.listdir(target))

    def set_role(self, role):
        folder = os.path.join(self.env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "keyfile"), "w") as f:
            f.write("[io/github/drso/Orchestrator]\nrole='%s'\n" % role)

    def start_shared_sandbox(self, time_scale="600", env=None):
        """`drso sandbox --shared`: every other drso process of this data
        folder finds it. Returns the process and what it exports."""
        proc = self.popen("sandbox", "--shared", "--time-scale", time_scale, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        exported = {}
        while "AWS_DEFAULT_REGION" not in exported:
            line = proc.stdout.readline().decode()
            if not line:
                raise RuntimeError("drso sandbox --shared ended early")
            key, _, value = line.strip()[len("export "):].partition("=")
            exported[key] = value
        return proc, exported

    def stop(self, proc):
        """Stops a drso process started with popen; keeps what it printed."""
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        self.runs.append((proc.args[1:], proc.returncode, out or b"", err or b""))


# A fake AWS on loopback


class FakeAws:
    """STS (GetCallerIdentity, AssumeRole), DRS (DescribeSourceServers) and
    EC2 (DescribeInstances) on 127.0.0.1, over http or, given a certificate,
    https. It records every request (path, Authorization) and connection.

    accounts: access key id → account id its caller is in.
    assumed: what AssumeRole hands out (AccessKeyId, SecretAccessKey,
    SessionToken). Keys in `denied` get AccessDenied from DRS; while `stall`
    is set, DRS calls wait for it to be cleared; `cut_assume_role` cuts the
    answer of AssumeRole short in the middle of the secret."""

    def __init__(self, accounts=None, assumed=None, certfile=None, keyfile=None):
        self.accounts = dict(accounts or {})
        self.assumed = assumed
        self.denied = set()
        self.requests = []
        self.connections = 0
        self.stall = threading.Event()
        self.release = threading.Event()
        self.cut_assume_role = False
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                fake.connections += 1
                super().setup()

            def log_message(self, *args):
                pass

            def reply(self, status, body, content_type):
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode(errors="replace")
                auth = self.headers.get("Authorization", "")
                key = auth.partition("Credential=")[2].partition("/")[0]
                fake.requests.append((self.path, auth, body))
                form = urllib.parse.parse_qs(body)
                action = form.get("Action", [""])[0]
                if action == "GetCallerIdentity":
                    account = fake.accounts.get(key, "000000000000")
                    self.reply(200, "<GetCallerIdentityResponse><GetCallerIdentityResult>"
                               "<Arn>arn:aws:iam::%s:user/tester</Arn><UserId>AIDATESTER</UserId>"
                               "<Account>%s</Account></GetCallerIdentityResult>"
                               "</GetCallerIdentityResponse>" % (account, account), "text/xml")
                elif action == "AssumeRole":
                    role = form.get("RoleArn", [""])[0]
                    account = role.split(":")[4] if role.count(":") >= 5 else "000000000000"
                    answer = ("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                              "<AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey>"
                              "<SessionToken>%s</SessionToken><Expiration>%s</Expiration>"
                              "</Credentials><AssumedRoleUser>"
                              "<AssumedRoleId>AROATEST:s</AssumedRoleId>"
                              "<Arn>arn:aws:sts::%s:assumed-role/Test/s</Arn></AssumedRoleUser>"
                              "</AssumeRoleResult></AssumeRoleResponse>" % (
                                  fake.assumed["AccessKeyId"], fake.assumed["SecretAccessKey"],
                                  fake.assumed["SessionToken"],
                                  time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                time.gmtime(time.time() + 3600)), account))
                    fake.accounts[fake.assumed["AccessKeyId"]] = account
                    if fake.cut_assume_role:
                        cut = answer.index("</SecretAccessKey>") - 5
                        self.send_response(200)
                        self.send_header("Content-Type", "text/xml")
                        self.send_header("Content-Length", str(len(answer)))
                        self.end_headers()
                        self.wfile.write(answer[:cut].encode())
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.reply(200, answer, "text/xml")
                elif action == "DescribeInstances":
                    self.reply(200, "<DescribeInstancesResponse><requestId>r-1</requestId>"
                               "<reservationSet/></DescribeInstancesResponse>", "text/xml")
                elif self.path == "/DescribeSourceServers":
                    if fake.stall.is_set():
                        fake.release.wait(120)
                    if key in fake.denied:
                        self.send_response(403)
                        data = json.dumps({"message": "User is not authorized to perform "
                                                      "drs:DescribeSourceServers"}).encode()
                        self.send_header("X-Amzn-Errortype", "AccessDeniedException")
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)
                        return
                    self.reply(200, json.dumps({"items": [{
                        "sourceServerID": "s-0000000000000000a", "tags": {"Tier": "web"},
                        "sourceProperties": {"identificationHints": {"hostname": "web-1"}},
                        "dataReplicationInfo": {"dataReplicationState": "CONTINUOUS",
                                                "lagDuration": "PT1M"}}]}),
                        "application/json")
                else:
                    self.reply(404, json.dumps({"message": "Unknown operation"}),
                               "application/json")

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass   # a client killed in the middle of a call, say

        self.server = Server(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if certfile is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certfile, keyfile)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "%s://127.0.0.1:%d" % (self.scheme, self.server.server_address[1])

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def self_signed_certificate(folder, host="127.0.0.1"):
    """A throwaway key and self-signed certificate for @host, made now."""
    key = os.path.join(folder, "server.key")
    cert = os.path.join(folder, "server.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=" + host, "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def closed_port():
    """A loopback port nothing listens on (just released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def without_sanitizer_lines(text):
    """@text less what a sanitizer runtime adds: in a sanitizer build,
    LeakSanitizer's exit-time scan can crash on the thread-local storage of
    the TLS module (GnuTLS, loaded by GIO) and say so on stderr."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith("==") and not line.startswith("Tracer caught signal"))


def have_openssl():
    return shutil.which("openssl") is not None

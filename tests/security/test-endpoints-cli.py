#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Where drso's calls may go: an https endpoint with a self-signed
# certificate (made now with openssl) fails with a clear TLS error, whatever
# the environment says; a plain http:// endpoint is refused unless its host
# is this computer (an account's --endpoint-url, discovery's, or
# AWS_ENDPOINT_URL), without a connection being tried; the Sandbox and a
# server on loopback are reached.

import os
import socket
import sys
import threading
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import securitylib as lib  # noqa: E402

ACCOUNT = "210987654321"
KEYS = {"AWS_ACCESS_KEY_ID": "AKIDENDPOINTSCLI0001",
        "AWS_SECRET_ACCESS_KEY": "endpoints-cli-secret"}
# What other tools read to turn certificate checks off: none of it counts.
LOOSEN = {"NODE_TLS_REJECT_UNAUTHORIZED": "0", "PYTHONHTTPSVERIFY": "0", "CURL_CA_BUNDLE": "",
          "AWS_CA_BUNDLE": "", "GIT_SSL_NO_VERIFY": "1", "SOUP_SSL_STRICT": "0"}


def network_address():
    """An address of this computer that is not loopback, or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))   # no packet is sent
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


class Listener:
    """Counts the connections made to a port on every address."""

    def __init__(self):
        self.connections = 0
        self.socket = socket.socket()
        self.socket.bind(("0.0.0.0", 0))
        self.socket.listen(8)
        self.port = self.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self.socket.close()


class EndpointsTest(unittest.TestCase):
    def setUp(self):
        self.ws = lib.Workspace()
        self.addCleanup(self.ws.cleanup)
        self.ws.env.update(KEYS)

    def assert_one_line(self, err):
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("drso: "), err)

    @unittest.skipUnless(lib.have_openssl(), "openssl makes the self-signed certificate")
    def test_self_signed_certificate(self):
        cert, key = lib.self_signed_certificate(self.ws.inputs)
        fake = lib.FakeAws(certfile=cert, keyfile=key)
        self.addCleanup(fake.close)
        host = fake.url[len("https://"):]
        rc, _, err = self.ws.run("accounts", "add", ACCOUNT, "--region", "us-east-1",
                                 "--endpoint-url", fake.url)
        self.assertEqual(rc, 0, err)

        rc, out, err = self.ws.run("servers", "discover", "--account", ACCOUNT, env=LOOSEN)
        err = lib.without_sanitizer_lines(err)
        self.assertEqual(rc, 1, err)
        self.assert_one_line(err)
        self.assertIn("TLS certificate is not trusted", err)
        self.assertIn("not signed by a known certificate authority", err)
        self.assertIn(host, err)

        rc, out, err = self.ws.run("--output", "text", "accounts", "validate", ACCOUNT, env=LOOSEN)
        self.assertEqual(rc, 1, err)
        self.assertIn("TLS certificate is not trusted", out)

        rc, out, err = self.ws.run("servers", "discover", "--profile", "none", "--region",
                                   "us-east-1", "--endpoint-url", fake.url, env=LOOSEN)
        self.assertNotEqual(rc, 0)
        # Not one request got through the handshake.
        self.assertEqual(fake.requests, [])

    def test_plain_http_to_the_network_is_refused(self):
        for url in ("http://drs.us-east-1.amazonaws.com", "http://10.1.2.3:4566",
                    "http://[2001:db8::1]", "http://localhost.example.com"):
            with self.subTest(url):
                rc, _, err = self.ws.run("accounts", "add", ACCOUNT, "--endpoint-url", url)
                self.assertEqual(rc, 1, err)
                self.assert_one_line(err)
                self.assertIn(url, err)
                self.assertIn("plain http://", err)
                self.assertIn("https://", err)
        rc, out, _ = self.ws.run("accounts", "list")
        self.assertNotIn(ACCOUNT, out)

        rc, _, err = self.ws.run("accounts", "add", ACCOUNT, "--region", "us-east-1")
        self.assertEqual(rc, 0, err)
        rc, _, err = self.ws.run("accounts", "update", ACCOUNT, "--endpoint-url",
                                 "http://192.168.7.7")
        self.assertEqual(rc, 1, err)
        self.assertIn("http://192.168.7.7", err)

    def test_no_connection_is_tried(self):
        """A host of the network behind http://: drso says no before it
        connects (a listener on every address counts connections)."""
        listener = Listener()
        self.addCleanup(listener.close)
        address = network_address() or "192.0.2.1"
        url = "http://%s:%d" % (address, listener.port)
        rc, _, err = self.ws.run("accounts", "add", ACCOUNT, "--region", "us-east-1")
        self.assertEqual(rc, 0, err)
        self.ws.write_input("aws-credentials", "[nearby]\naws_access_key_id = AKIDNEARBY\n"
                                               "aws_secret_access_key = nearby-secret\n")

        cases = [
            (("servers", "discover", "--account", ACCOUNT), {"AWS_ENDPOINT_URL": url}),
            (("servers", "discover", "--account", ACCOUNT), {"AWS_ENDPOINT_URL_DRS": url}),
            (("accounts", "validate", ACCOUNT), {"AWS_ENDPOINT_URL": url}),
            (("servers", "discover", "--profile", "nearby", "--region", "us-east-1",
              "--endpoint-url", url), {}),
        ]
        for args, env in cases:
            with self.subTest(args=args, env=env):
                rc, out, err = self.ws.run(*args, env=env)
                self.assertEqual(rc, 1, err)
                self.assertIn("plain http://", out + err)
                self.assertIn(url, out + err)
        self.assertEqual(listener.connections, 0)

        # The same port over loopback is reached.
        rc, _, err = self.ws.run("servers", "discover", "--account", ACCOUNT,
                                 env={"AWS_ENDPOINT_URL": "http://127.0.0.1:%d" % listener.port})
        self.assertEqual(rc, 1, err)
        self.assertGreater(listener.connections, 0)

    def test_loopback_is_reached(self):
        """The Sandbox, and a server of this computer over plain http, by
        address or as localhost."""
        fake = lib.FakeAws()
        self.addCleanup(fake.close)
        rc, out, err = self.ws.run("servers", "discover", "--account", lib.SANDBOX_ACCOUNT)
        self.assertEqual(rc, 0, err)
        for number, host in enumerate(("127.0.0.1", "localhost")):
            account = "21098765432%d" % number
            url = fake.url.replace("127.0.0.1", host)
            with self.subTest(host):
                seen = len(fake.requests)
                rc, _, err = self.ws.run("accounts", "add", account, "--region", "us-east-1",
                                         "--endpoint-url", url)
                self.assertEqual(rc, 0, err)
                rc, _, err = self.ws.run("servers", "discover", "--account", account)
                self.assertEqual(rc, 0, err)
                self.assertEqual([path for path, _, _ in fake.requests[seen:]],
                                 ["/DescribeSourceServers"])

if __name__ == "__main__":
    lib.set_drso(sys.argv.pop(1))
    unittest.main(verbosity=2)

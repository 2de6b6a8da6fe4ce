#!/usr/bin/python3
# test-app-smoke.py
#
# Copyright 2026 The DRS Orchestrator authors
#
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Starts the built drs-orchestrator, waits for its window, quits it over D-Bus.

Usage: test-app-smoke.py PATH-TO-drs-orchestrator

Needs a display and a session bus of its own, as under
`xvfb-run -a dbus-run-session -- meson test`.
"""

import os
import subprocess
import sys
import tempfile
import time
import unittest

import gi

gi.require_version('Gio', '2.0')
gi.require_version('GLib', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

APP_ID = 'io.github.drso.Orchestrator'
OBJECT_PATH = '/io/github/drso/Orchestrator'
WINDOW_PATH = OBJECT_PATH + '/window/1'
START_TIMEOUT = 20.0
EXIT_TIMEOUT = 5.0

binary = None


def call(bus, name, path, interface, method, parameters=None, reply_type=None):
    return bus.call_sync(name, path, interface, method, parameters,
                         GLib.VariantType(reply_type) if reply_type else None,
                         Gio.DBusCallFlags.NONE, 2000, None)


def name_has_owner(bus, name):
    reply = call(bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus',
                 'org.freedesktop.DBus', 'NameHasOwner',
                 GLib.Variant('(s)', (name,)), '(b)')
    return reply.unpack()[0]


class AppSmokeTest(unittest.TestCase):
    def setUp(self):
        if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
            self.skipTest('needs a display (run under xvfb-run)')
        try:
            self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        except GLib.Error as e:
            self.skipTest('needs a session bus (run under dbus-run-session): ' + e.message)
        if name_has_owner(self.bus, APP_ID):
            self.skipTest(APP_ID + ' already runs on this session bus; '
                          'use a private one (dbus-run-session)')

        self.home = tempfile.TemporaryDirectory(prefix='drso-smoke-')
        self.env = dict(os.environ)
        for var, sub in (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                         ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
            path = os.path.join(self.home.name, sub)
            os.makedirs(path)
            self.env[var] = path
        # A real backend, so that the test sees what the window saves on the way out.
        self.env['GSETTINGS_BACKEND'] = 'keyfile'
        self.proc = None

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        if hasattr(self, 'home'):
            self.home.cleanup()

    def wait_for(self, what, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                _, err = self.proc.communicate()
                self.fail('drs-orchestrator exited with status %d while waiting for %s:\n%s'
                          % (self.proc.returncode, what, err))
            try:
                if predicate():
                    return
            except GLib.Error:
                pass
            time.sleep(0.1)
        self.fail('timed out after %.0f s waiting for %s' % (timeout, what))

    def window_actions(self):
        reply = call(self.bus, APP_ID, WINDOW_PATH, 'org.gtk.Actions', 'List', None, '(as)')
        return reply.unpack()[0]

    def test_starts_and_quits_cleanly(self):
        self.proc = subprocess.Popen([binary], env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     universal_newlines=True)

        self.wait_for('the name ' + APP_ID, lambda: name_has_owner(self.bus, APP_ID),
                      START_TIMEOUT)
        # A GtkApplicationWindow exports its actions once the application has it;
        # show-help-overlay is there when the shortcuts window was found.
        self.wait_for('the main window', lambda: len(self.window_actions()) > 0, START_TIMEOUT)
        self.assertIn('show-help-overlay', self.window_actions())

        app_actions = call(self.bus, APP_ID, OBJECT_PATH, 'org.gtk.Actions', 'List',
                           None, '(as)').unpack()[0]
        for action in ('quit', 'about', 'help'):
            self.assertIn(action, app_actions)

        call(self.bus, APP_ID, OBJECT_PATH, 'org.gtk.Actions', 'Activate',
             GLib.Variant('(sava{sv})', ('quit', [], {})))

        try:
            out, err = self.proc.communicate(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            self.fail('drs-orchestrator did not exit within %.0f s of app.quit:\n%s'
                      % (EXIT_TIMEOUT, err))

        self.assertEqual(self.proc.returncode, 0, 'exit status; stderr:\n' + err)
        bad = [line for line in err.splitlines() if 'CRITICAL' in line or 'WARNING' in line]
        self.assertEqual(bad, [], 'warnings on stderr:\n' + err)

        # Quitting closes the window, which saves its size.
        keyfile = os.path.join(self.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
        self.assertTrue(os.path.exists(keyfile), 'the window state was not saved')
        with open(keyfile, encoding='utf-8') as f:
            saved = f.read()
        self.assertIn('window-width', saved)
        self.assertIn('window-maximized', saved)


def main():
    global binary

    if len(sys.argv) != 2:
        print('usage: %s PATH-TO-drs-orchestrator' % sys.argv[0], file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(AppSmokeTest)
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)

    failed = len(result.failures) + len(result.errors)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))

    if failed:
        return 1
    if skipped and not passed:
        return 77
    return 0


if __name__ == '__main__':
    sys.exit(main())

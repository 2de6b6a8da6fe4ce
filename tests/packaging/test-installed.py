#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""meson install into a temporary tree, then the installed app in German.

Usage: test-installed.py MESON BUILD_ROOT PREFIX BINDIR LIBDIR DATADIR APPLICATION_ID INTROSPECTION

1. `meson install --destdir` into a temporary folder; every file a user
   needs is there (programs, library, typelib, desktop file, metainfo,
   icons, schema, D-Bus service, help, translation, man page, completion),
   and desktop-file-validate and appstreamcli validate the installed files.
2. The temporary tree is mounted over PREFIX in a private mount namespace
   (bubblewrap), so that the installed programs find their files exactly
   where the build told them to look (the locale folder above all).  There,
   on a private session bus whose service folders come from XDG_DATA_DIRS,
   the app is started the way a desktop starts it: by D-Bus activation of
   its installed service file.  With LANGUAGE=de its window speaks German:
   the names of its widgets, read through the accessibility bus, are the
   German translations of the sidebar, and not the English originals.
   A screenshot of the screen is saved as screenshots/installed-de.png.
   The installed typelib loads, and drso speaks German too.
"""

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
import time

SECTIONS = ['Dashboard', 'Source Servers', 'Protection Groups', 'Recovery Plans', 'Executions',
            'Accounts']


def fail(message):
    print('FAIL: ' + message, flush=True)
    sys.exit(1)


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        fail(f'{" ".join(args)} exited with {result.returncode}:\n{result.stdout}{result.stderr}')
    return result


# --- outside: install and look at the files --------------------------------

def install(meson, build_root, dest, datadir):
    run([meson, 'install', '-C', build_root, '--no-rebuild', '--quiet', '--destdir', dest])
    # gnome.post_install leaves a DESTDIR install alone: a package's
    # triggers compile the schemas on the target system; so do we.
    run(['glib-compile-schemas', '--strict', dest + os.path.join(datadir, 'glib-2.0', 'schemas')])


def expected_files(prefix, bindir, libdir, datadir, app, introspection):
    files = [
        os.path.join(bindir, 'drs-orchestrator'),
        os.path.join(bindir, 'drso'),
        os.path.join(libdir, 'libdrso-1.so.0'),
        os.path.join(datadir, 'applications', app + '.desktop'),
        os.path.join(datadir, 'metainfo', app + '.metainfo.xml'),
        os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', app + '.svg'),
        os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', app + '-symbolic.svg'),
        os.path.join(datadir, 'glib-2.0', 'schemas', 'io.github.drso.Orchestrator.gschema.xml'),
        os.path.join(datadir, 'dbus-1', 'services', app + '.service'),
        os.path.join(datadir, 'help', 'C', 'drs-orchestrator', 'index.page'),
        os.path.join(datadir, 'locale', 'de', 'LC_MESSAGES', 'drs-orchestrator.mo'),
        os.path.join(datadir, 'man', 'man1', 'drso.1'),
        os.path.join(datadir, 'bash-completion', 'completions', 'drso'),
    ]
    if introspection:
        files.append(os.path.join(libdir, 'girepository-1.0', 'Drso-1.typelib'))
    return files


def check_files(dest, files):
    missing = [f for f in files if not os.path.exists(dest + f)]
    if missing:
        fail('meson install did not install:\n  ' + '\n  '.join(missing))


def check_installed_data(dest, bindir, datadir, app):
    run(['desktop-file-validate', dest + os.path.join(datadir, 'applications', app + '.desktop')])
    run(['appstreamcli', 'validate', '--no-net',
         dest + os.path.join(datadir, 'metainfo', app + '.metainfo.xml')])
    with open(dest + os.path.join(datadir, 'dbus-1', 'services', app + '.service')) as f:
        service = f.read()
    exec_line = os.path.join(bindir, 'drs-orchestrator') + ' --gapplication-service'
    if f'Name={app}\n' not in service or f'Exec={exec_line}\n' not in service:
        fail(f'the D-Bus service does not start {exec_line} as {app}:\n{service}')
    with open(dest + os.path.join(datadir, 'applications', app + '.desktop')) as f:
        desktop = f.read()
    for line in ('DBusActivatable=true', f'Icon={app}', 'Exec=drs-orchestrator'):
        if line + '\n' not in desktop:
            fail(f'the desktop file lacks {line}')
    if 'Comment[de]=' not in desktop:
        fail('the installed desktop file has no German comment')


def launch_inside(args, dest, prefix, libdir, datadir, scratch):
    """Runs this script again with --inside, PREFIX replaced by the tree."""
    if shutil.which('bwrap') is None:
        fail('bwrap (bubblewrap) is needed to mount the installed tree over the prefix')
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('GSETTINGS_SCHEMA_DIR', 'GI_TYPELIB_PATH', 'LD_LIBRARY_PATH',
                                'NO_AT_BRIDGE', 'GTK_A11Y', 'DBUS_SESSION_BUS_ADDRESS',
                                'LANGUAGE', 'LC_', 'G_DEBUG', 'GSETTINGS_BACKEND'))}
    env.update({
        'LANGUAGE': 'de',
        'LANG': 'C.UTF-8',
        'HOME': os.path.join(scratch, 'home'),
        'XDG_DATA_HOME': os.path.join(scratch, 'data'),
        'XDG_CONFIG_HOME': os.path.join(scratch, 'config'),
        'XDG_CACHE_HOME': os.path.join(scratch, 'cache'),
        'XDG_DATA_DIRS': datadir + ':/usr/share',
        'LD_LIBRARY_PATH': libdir,
        'GSETTINGS_BACKEND': 'memory',
        'GIO_USE_PROXY_RESOLVER': 'dummy',
        'GDK_BACKEND': 'x11',
    })
    for name in ('home', 'data', 'config', 'cache'):
        os.makedirs(os.path.join(scratch, name), mode=0o700, exist_ok=True)
    command = ['bwrap', '--dev-bind', '/', '/', '--bind', dest + prefix, prefix, '--',
               'dbus-run-session', '--', sys.executable, os.path.abspath(__file__), '--inside'] + args
    result = subprocess.run(command, env=env, timeout=240)
    if result.returncode != 0:
        fail(f'the installed app did not pass (exit {result.returncode})')


# --- inside: the installed app, in German -----------------------------------

def accessible_names(app_name, timeout):
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi

    def walk(node, depth, out):
        try:
            name = node.get_name()
            count = node.get_child_count()
        except Exception:
            return
        if name:
            out.add(name)
        if depth < 60:
            for i in range(count):
                child = node.get_child_at_index(i)
                if child is not None:
                    walk(child, depth + 1, out)

    deadline = time.monotonic() + timeout
    names = set()
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            node = desktop.get_child_at_index(i)
            if node is not None and node.get_name() == app_name:
                names = set()
                walk(node, 0, names)
        if len(names) > 20:
            return names
        time.sleep(0.5)
    return names


def inside(build_root, bindir, libdir, datadir, app, introspection):
    from gi.repository import Gio, GLib

    mo_dir = os.path.join(datadir, 'locale')
    german = gettext.translation('drs-orchestrator', localedir=mo_dir, languages=['de'])

    bus = Gio.bus_get_sync(Gio.BusType.SESSION)
    object_path = '/' + app.replace('.', '/')
    # As a desktop does with a DBusActivatable app: the bus starts it.
    bus.call_sync(app, object_path, 'org.freedesktop.Application', 'Activate',
                  GLib.Variant('(a{sv})', ({},)), None, Gio.DBusCallFlags.NONE, 60000, None)

    names = accessible_names('drs-orchestrator', 60)
    problems = []
    for english in SECTIONS:
        translated = german.gettext(english)
        if translated == english:
            problems.append(f'“{english}” has no German translation')
        elif translated not in names:
            problems.append(f'the window does not show “{translated}” (for “{english}”)')
        if english in names and english != translated:
            problems.append(f'the window shows “{english}” in English')

    screenshots = os.path.join(build_root, 'screenshots')
    os.makedirs(screenshots, exist_ok=True)
    shot = os.path.join(screenshots, 'installed-de.png')
    subprocess.run(['/usr/bin/import', '-window', 'root', shot], capture_output=True)
    if not os.path.exists(shot):
        problems.append('no screenshot could be taken')

    bus.call_sync(app, object_path, 'org.gtk.Actions', 'Activate',
                  GLib.Variant('(sava{sv})', ('quit', [], {})), None, Gio.DBusCallFlags.NONE,
                  10000, None)

    help_text = subprocess.run([os.path.join(bindir, 'drso'), '--help'], capture_output=True,
                               text=True).stdout
    usage = german.gettext('Design and run disaster-recovery plans for AWS Elastic Disaster '
                           'Recovery from the command line.')
    if usage not in help_text:
        problems.append('drso --help is not in German:\n' + help_text[:400])

    if introspection == 'true':
        check = subprocess.run([sys.executable, '-c',
                                'import gi; gi.require_version("Drso", "1"); '
                                'from gi.repository import Drso; print(Drso.Store.__name__)'],
                               capture_output=True, text=True,
                               env=dict(os.environ,
                                        GI_TYPELIB_PATH=os.path.join(libdir, 'girepository-1.0')))
        if check.returncode != 0 or 'Store' not in check.stdout:
            problems.append('the installed typelib does not load: ' + check.stderr[-400:])

    for _ in range(50):
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'NameHasOwner', GLib.Variant('(s)', (app,)),
                              None, Gio.DBusCallFlags.NONE, -1, None)
        if not reply.unpack()[0]:
            break
        time.sleep(0.2)
    else:
        problems.append('the app did not quit when asked over D-Bus')

    for problem in problems:
        print(problem, flush=True)
    print(f'{len(problems)} problem(s) in the installed app; '
          f'{len(names)} names read from its window', flush=True)
    return 1 if problems else 0


def main():
    if sys.argv[1] == '--inside':
        return inside(*sys.argv[2:])
    meson, build_root, prefix, bindir, libdir, datadir, app, introspection = sys.argv[1:9]
    bindir, libdir, datadir = (os.path.join(prefix, d) for d in (bindir, libdir, datadir))
    with tempfile.TemporaryDirectory(prefix='drso-install-') as scratch:
        dest = os.path.join(scratch, 'dest')
        install(meson, build_root, dest, datadir)
        check_files(dest, expected_files(prefix, bindir, libdir, datadir, app,
                                         introspection == 'true'))
        check_installed_data(dest, bindir, datadir, app)
        print('installed and checked the files; starting the installed app', flush=True)
        launch_inside([build_root, bindir, libdir, datadir, app, introspection], dest, prefix,
                      libdir, datadir, scratch)
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())

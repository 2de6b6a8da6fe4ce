#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests: flatpak-builder parses them, and they say
what the build installs and what a GNOME app on Flathub may ask for.

Usage: check-flatpak.py SOURCE_ROOT APP_ID COMMAND
"""

import json
import os
import subprocess
import sys
import tempfile

REQUIRED_ARGS = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                 '--device=dri', '--filesystem=~/.aws:ro'}
# What Flathub's linter refuses, and what this app has no use for: secrets
# and notifications go through portals, settings through a keyfile.
FORBIDDEN_PREFIXES = ('--socket=x11', '--socket=session-bus', '--socket=system-bus',
                      '--filesystem=home', '--filesystem=host', '--filesystem=~/.ssh',
                      '--filesystem=~/.gnupg', '--filesystem=xdg-run/dconf',
                      '--filesystem=~/.config/dconf', '--talk-name=ca.desrt.dconf',
                      '--talk-name=org.freedesktop.portal.', '--talk-name=org.freedesktop.Flatpak',
                      '--talk-name=org.freedesktop.Secrets', '--talk-name=org.freedesktop.Notifications',
                      '--env=DCONF_USER_CONFIG_DIR')


def check(path, expected_id, command, root, development):
    problems = []
    # flatpak-builder keeps a state folder where it runs: not in the tree.
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(['flatpak-builder', '--show-manifest', path],
                                capture_output=True, text=True, cwd=scratch)
    if result.returncode != 0:
        return [f'flatpak-builder cannot read it: {result.stderr.strip()}']
    manifest = json.loads(result.stdout)
    name = os.path.basename(path)

    def expect(condition, message):
        if not condition:
            problems.append(f'{name}: {message}')

    expect(manifest.get('id', manifest.get('app-id')) == expected_id,
           f'its id is {manifest.get("id")!r}, not {expected_id!r}')
    expect(name == expected_id + '.json', f'it is not named {expected_id}.json')
    expect(manifest.get('command') == command,
           f'its command is {manifest.get("command")!r}, not the installed {command!r}')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'its runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'its SDK is not org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if development:
        expect(version == 'master' or version.isdigit(), f'runtime-version {version!r}')
    else:
        expect(version.isdigit() and int(version) >= 48,
               f'runtime-version {version!r} is not a current GNOME release')

    args = manifest.get('finish-args', [])
    for arg in sorted(REQUIRED_ARGS - set(args)):
        problems.append(f'{name}: finish-args lacks {arg}')
    for arg in args:
        if arg.startswith(FORBIDDEN_PREFIXES):
            problems.append(f'{name}: finish-args has {arg}, which it must not')

    modules = manifest.get('modules', [])
    expect(len(modules) == 1, f'it has {len(modules)} modules; the runtime has every library')
    if modules:
        module = modules[0]
        expect(module.get('buildsystem') == 'meson', 'the module is not built with meson')
        sources = module.get('sources', [])
        dirs = [s for s in sources if s.get('type') == 'dir']
        expect(len(dirs) == 1, 'the module does not build this source tree')
        if dirs:
            where = os.path.normpath(os.path.join(os.path.dirname(path), dirs[0]['path']))
            expect(os.path.samefile(where, root), f'its source {dirs[0]["path"]} is not the project')
        options = module.get('config-opts', [])
        expect(('-Dprofile=development' in options) == development,
               'the development profile is ' + ('missing' if development else 'set'))
    expect('/share/gir-1.0' in manifest.get('cleanup', []), 'the GIR is not cleaned up')
    return problems


def main():
    root, app_id, command = sys.argv[1:4]
    folder = os.path.join(root, 'flatpak')
    problems = check(os.path.join(folder, app_id + '.json'), app_id, command, root, False)
    problems += check(os.path.join(folder, app_id + '.Devel.json'), app_id + '.Devel', command,
                      root, True)
    extra = ({n for n in os.listdir(folder) if not n.startswith('.')} -
             {app_id + '.json', app_id + '.Devel.json'})
    problems += [f'flatpak/{name} is not a manifest this test knows' for name in sorted(extra)]
    for problem in problems:
        print(problem)
    print(f'{len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks every translation in po/LINGUAS against the sources of today.

Usage: check-translations.py SOURCE_ROOT

For each language: msgfmt --check (formats, header, plural forms) and
--check-accelerators (one mnemonic where the original has one); then the
strings are extracted afresh from the files in POTFILES.in, with the same
keywords as meson's "glib" preset, and merged into a copy of the .po: any
string that is untranslated or fuzzy there is named, and the check fails.
The .po in the tree is not changed.
"""

import os
import subprocess
import sys
import tempfile

KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def fresh_template(root, folder):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        files = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    pot = os.path.join(folder, 'template.pot')
    args = ['xgettext', '--from-code=UTF-8', '--add-comments', '--directory', root,
            '--output', pot, '--package-name=drs-orchestrator']
    args += ['--keyword=' + k for k in KEYWORDS]
    result = run(args + files)
    if result.returncode != 0:
        sys.exit('xgettext failed:\n' + result.stderr)
    return pot


def entries_without_translation(po):
    # msgattrib prints the entries; keep just their first msgid line.
    names = []
    for flag in ('--untranslated', '--only-fuzzy'):
        out = run(['msgattrib', flag, '--no-obsolete', '--no-wrap', '--no-location', po]).stdout
        for line in out.splitlines():
            if line.startswith('msgid "') and line != 'msgid ""':
                names.append(('untranslated: ' if flag == '--untranslated' else 'fuzzy: ') +
                             line[6:])
    return names


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    if not languages:
        sys.exit('po/LINGUAS names no language')
    problems = 0
    with tempfile.TemporaryDirectory() as folder:
        pot = fresh_template(root, folder)
        for lang in languages:
            po = os.path.join(root, 'po', lang + '.po')
            check = run(['msgfmt', '--check', '--check-accelerators=_', '--statistics',
                         '-o', '/dev/null', po])
            if check.returncode != 0:
                print(f'{lang}.po: msgfmt --check failed:\n{check.stderr}')
                problems += 1
            merged = os.path.join(folder, lang + '.po')
            merge = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot])
            if merge.returncode != 0:
                print(f'{lang}.po: msgmerge failed:\n{merge.stderr}')
                problems += 1
                continue
            missing = entries_without_translation(merged)
            for name in missing:
                print(f'{lang}.po: {name}')
            problems += len(missing)
            print(f'{lang}: {check.stderr.strip()}')
    print(f'{problems} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

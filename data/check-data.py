#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the data files agree with the code and with each other.

Usage: check-data.py SOURCE_ROOT BUILT_METAINFO

- every settings key the code names is in the schema, and every key of the
  schema is named somewhere in the code;
- every screenshot the metainfo names is a PNG in data/screenshots, with a
  caption, and data/screenshots holds nothing else.
"""

import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

SETTINGS_CALL = re.compile(
    r'g_settings_(?:get|set|bind|reset|create_action|get_\w+|set_\w+|bind_\w+)\s*\(\s*'
    r'[^,;]+,\s*"([a-z0-9-]+)"')
SCHEMA_KEY_CALL = re.compile(r'g_settings_schema_(?:get|has)_key\s*\(\s*[^,;]+,\s*"([a-z0-9-]+)"')
CHANGED_SIGNAL = re.compile(r'"changed::([a-z0-9-]+)"')
STRING_LITERAL = re.compile(r'"([a-z0-9-]+)"')


def problems_in_schema(root):
    schema = ET.parse(os.path.join(root, 'data', 'io.github.drso.Orchestrator.gschema.xml'))
    keys = {key.get('name') for key in schema.iter('key')}
    named, literals = set(), set()
    for folder, _, files in os.walk(os.path.join(root, 'src')):
        for name in files:
            if not name.endswith(('.c', '.h')):
                continue
            with open(os.path.join(folder, name), encoding='utf-8') as f:
                text = f.read()
            for pattern in (SETTINGS_CALL, SCHEMA_KEY_CALL, CHANGED_SIGNAL):
                named.update(pattern.findall(text))
            literals.update(STRING_LITERAL.findall(text))
    problems = [f'the code reads the settings key “{k}”, which the schema does not have'
                for k in sorted(named - keys)]
    problems += [f'the schema has the key “{k}”, which no code names'
                 for k in sorted(keys - literals)]
    return problems


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    return struct.unpack('>II', head[16:24])


def problems_in_screenshots(root, metainfo):
    folder = os.path.join(root, 'data', 'screenshots')
    present = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    named = set()
    problems = []
    shots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')
    if not shots:
        problems.append('the metainfo has no screenshots')
    defaults = [s for s in shots if s.get('type') == 'default']
    if len(defaults) != 1:
        problems.append(f'the metainfo has {len(defaults)} default screenshots, not one')
    for shot in shots:
        image = shot.find('image')
        caption = shot.find('caption')
        if image is None or not image.text:
            problems.append('a screenshot has no image')
            continue
        name = image.text.strip().rsplit('/', 1)[-1]
        named.add(name)
        if caption is None or not (caption.text or '').strip():
            problems.append(f'the screenshot {name} has no caption')
        if name not in present:
            problems.append(f'the screenshot {name} is not in data/screenshots')
            continue
        size = png_size(os.path.join(folder, name))
        if size is None:
            problems.append(f'data/screenshots/{name} is not a PNG')
        elif size[0] < 620 or size[1] < 350:
            problems.append(f'data/screenshots/{name} is {size[0]}×{size[1]}, too small for a store')
    problems += [f'data/screenshots/{n} is not named by the metainfo' for n in sorted(present - named)]
    return problems


def main():
    root, metainfo = sys.argv[1], sys.argv[2]
    problems = problems_in_schema(root) + problems_in_screenshots(root, metainfo)
    for problem in problems:
        print(problem)
    print(f'{len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

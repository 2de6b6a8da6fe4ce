#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every source file with translatable strings must be listed in
# po/POTFILES.in, and every file listed there must exist.

import os
import re
import sys

root = sys.argv[1]
listed = set()
with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

marked = set()
pattern = re.compile(r"\b(?:_|N_|C_|NC_)\s*\(\s*\"|translatable=\"yes\"")
for top in ("src", "resources", "data"):
    for folder, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith((".c", ".ui", ".in")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                if pattern.search(f.read()):
                    marked.add(os.path.relpath(path, root))

missing = sorted(marked - listed)
gone = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
for path in missing:
    print(f"{path} has translatable strings but is not in po/POTFILES.in")
for path in gone:
    print(f"po/POTFILES.in lists {path}, which does not exist")
sys.exit(1 if missing or gone else 0)

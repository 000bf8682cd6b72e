#!/usr/bin/env python3
"""The layout's figures for a closing note: per target, its files, lines (generated tables
apart), largest file, and the local targets it depends on. Reads `swift package dump-package`.
Usage: scripts/layout-metrics.py [package-dir]"""
import json, os, subprocess, sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
pkg = json.loads(subprocess.check_output(["swift", "package", "dump-package"], cwd=root))
local = {t["name"] for t in pkg["targets"]}
products = [p["name"] for p in pkg["products"]]
rows, edges = [], 0
for t in pkg["targets"]:
    kind = t["type"]
    default = {"test": "Tests"}.get(kind, "Sources")
    path = os.path.join(root, t.get("path") or os.path.join(default, t["name"]))
    files = []
    for d, _, names in os.walk(path):
        for n in names:
            if n.endswith((".swift", ".c", ".cpp", ".h")):
                p = os.path.join(d, n)
                with open(p, encoding="utf-8", errors="replace") as f:
                    files.append((sum(1 for _ in f), os.path.relpath(p, root), "/Generated/" in p))
    deps = sorted({d.get("byName", d.get("target", [None]))[0] for d in t["dependencies"]} & local)
    edges += len(deps)
    hand = [f for f in files if not f[2]]
    largest = max(hand, default=(0, "-", False))
    rows.append((t["name"], kind, len(files), sum(f[0] for f in hand), sum(f[0] for f in files if f[2]),
                 largest[0], largest[1], ", ".join(deps)))
print("products:", ", ".join(products))
print(f"local targets: {len(rows)}, local dependency edges: {edges}")
print("| target | kind | files | lines (hand) | generated | largest file | depends on |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} `{r[6]}` | {r[7]} |")

#!/usr/bin/env python3
"""Developer aid: checks that every verbatim string in a standard pack occurs in its source.

Usage: scripts/check_pack_text.py standards/002-llm-deploy-engineer.yaml
The authoritative check is the C++ test (tests/standards); this gives pack authors quick feedback.
Whitespace is ignored on both sides; `ref` line ranges are checked with a tolerance of 3 lines.
"""
import re, sys, yaml, pathlib

TEXT_KEYS = {"text", "name", "duties", "requires_text", "label", "term", "title", "description"}
SKIP_NAME_PARENTS = set()

def squash(s):
    return re.sub(r"\s+", "", s)

def walk(node, path, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in ("text", "duties", "requires_text"):
                out.append((path + "." + k, v, node.get("ref")))
            elif isinstance(v, dict) and "text" in v and k in ("definition", "duties", "description", "methods", "evaluation_method", "venue"):
                walk(v, path + "." + k, out)
            else:
                walk(v, path + "." + str(k), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]", out)

def main():
    bad = 0
    for p in sys.argv[1:]:
        doc = yaml.safe_load(open(p, encoding="utf-8"))
        src = pathlib.Path(p).parent / "sources" / doc["source"]["file"]
        lines = src.read_text(encoding="utf-8").splitlines()
        whole = squash("\n".join(lines))
        found = []
        walk(doc, doc["id"], found)
        for where, text, ref in found:
            t = squash(text)
            if not t:
                continue
            if t not in whole:
                print(f"{p}: {where}: text not in source: {text[:60]}")
                bad += 1
                continue
            if ref:
                m = re.findall(r"L(\d+)", str(ref))
                if m:
                    a, b = int(m[0]), int(m[-1])
                    window = squash("\n".join(lines[max(0, a - 4): b + 3]))
                    if t not in window:
                        print(f"{p}: {where}: text not at {ref}: {text[:60]}")
                        bad += 1
        print(f"{p}: {len(found)} texts checked, {bad} problems")
    sys.exit(1 if bad else 0)

main()

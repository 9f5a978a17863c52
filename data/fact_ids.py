#!/usr/bin/env python3
"""The ids of the seed's facts (kg.FactID), and the audit table of data/AUDIT.md.

    python3 data/fact_ids.py [seed.yaml]            one line per fact: id, basis, confidence, from type to (role)
    python3 data/fact_ids.py --table [seed.yaml]    the audit table, in Markdown
    python3 data/fact_ids.py --check [seed.yaml]    exit 1 when data/AUDIT.md's table is not the seed's

The table is made from the seed itself, so that it cannot drift from it: for a stated fact the
"why" is the quote (the article's words that state it); for an inferred one, the curator's
basisNote and the words it rests on.
"""
from __future__ import annotations

import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_seed import fact_id  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN, END = "<!-- fact table: python3 data/fact_ids.py --table -->", "<!-- end of fact table -->"


def facts(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    out = []
    for r in doc.get("relations") or []:
        r = dict(r)
        r["id"] = fact_id(r["from"], r["type"], r["to"], r.get("role"))
        out.append(r)
    return out


def cell(s: str) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def table(path: str) -> str:
    rows = ["| # | fact id | fact | basis | conf. | why |", "|---|---|---|---|---|---|"]
    for i, r in enumerate(facts(path)):
        fact = f"{r['from']} {r['type']} {r['to']}" + (f" ({r['role']})" if r.get("role") else "")
        for k in ("validFrom", "validTo"):
            if k in r:
                fact += f"; {k} {r[k]}"
        basis = str(r.get("basis", "?")).upper()
        quote = f"“{r.get('quote', '')}”"
        why = f"says: {quote}" if basis == "STATED" else f"{r.get('basisNote', '')} From: {quote}"
        rows.append(f"| {i} | `{r['id']}` | {cell(fact)} | {basis} | {r.get('confidence')} | {cell(why)} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else os.path.join(HERE, "seed.yaml")
    if "--table" in argv:
        sys.stdout.write(table(path))
        return 0
    if "--check" in argv:
        with open(os.path.join(HERE, "AUDIT.md"), encoding="utf-8") as fh:
            audit = fh.read()
        try:
            got = audit.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"
        except IndexError:
            print("data/AUDIT.md has no fact table between the markers")
            return 1
        if got != table(path):
            print("data/AUDIT.md's fact table is not the seed's: regenerate it with python3 data/fact_ids.py --table")
            return 1
        print("data/AUDIT.md's fact table matches the seed")
        return 0
    for r in facts(path):
        role = f" ({r['role']})" if r.get("role") else ""
        print(f"{r['id']}\t{r.get('basis', '?')}\t{r.get('confidence')}\t{r['from']} {r['type']} {r['to']}{role}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

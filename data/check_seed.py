#!/usr/bin/env python3
"""Validate the diplograph seed data set (data/seed.yaml, format diplograph/v1).

Usage:
    python3 data/check_seed.py [path/to/seed.yaml] [--counts]

Checks (every failure is an ERROR and makes the exit status 1):
  * top level: `format: diplograph/v1`, lists `sources`, `entities`, `relations`; no unknown keys
  * ids: unique across sources and entities, well-formed ("<prefix>/<kebab-slug>", lowercase a-z0-9 and '-'),
    prefix matching the kind (sources use source/)
  * kinds are in the vocabulary; required fields present; no unknown fields
  * dates ("YYYY", "YYYY-MM", "YYYY-MM-DD", or bounds as EDTF intervals "2026-01-19/2026-01-26",
    "../2026-01-21", "2026-01-19/..": seed_dates.py) are quoted strings and real calendar dates;
    `date` is required on Events and forbidden elsewhere; validFrom is not after validTo
  * every relation has `basis: stated` or `basis: inferred`, and a `basisNote` exactly when inferred
  * an Event's `statuses` (optional): a list of {status, since, sources, quote} (or evidence), status one
    of scheduled/held/postponed/rescheduled/cancelled, `since` a date, entries in date order
  * relations: type in the vocabulary, endpoints exist and have kinds allowed for the type, confidence is a
    number in [0, 1], status valid, >= 1 existing source, role present where the type needs one,
    PRECEDES not contradicted by the events' dates, and no two relations with the same fact key
    (from, type, to, role ignoring case) - the importer merges those into one fact (kg.FactID)
  * every quote is a verbatim substring of the text of the relation's FIRST source (byte-exact after
    UTF-8 decoding, so curly quotes and apostrophes must match the file), and of every other source whose
    text is known (the importer's rule)
  * text limits of the importer: names, aliases and roles <= 300 characters, descriptions and quotes <= 4000,
    no control characters other than tab and newline
Warnings (printed, exit status unaffected): entities no relation touches, very long quotes, words in double
quotes in a description that no source text contains verbatim, an inferred
fact with a confidence above that of every stated fact with the same quote (it rests on them).

PyYAML is required:  pip install pyyaml
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import Counter

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("check_seed.py needs PyYAML: pip install pyyaml\n")
    sys.exit(2)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed_checks import (MAX_NAME, MAX_TEXT, Report, bad_text, check_description_quotes,  # noqa: E402
                         check_event_statuses, check_evidence, check_keys, nonempty_str, parse_date)

FORMAT = "diplograph/v1"

KIND_PREFIX = {
    "Person": "person",
    "Country": "country",
    "Organization": "organization",
    "Body": "body",
    "Conflict": "conflict",
    "Territory": "territory",
    "Proposal": "proposal",
    "Event": "event",
    "Track": "track",
    "Source": "source",  # sources live in the `sources:` list only
}
ENTITY_KINDS = set(KIND_PREFIX) - {"Source"}
ALL_KINDS = set(KIND_PREFIX)

ID_RE = re.compile(r"^([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")

STATUSES = {"asserted", "reported", "disputed", "retracted"}
BASES = {"stated", "inferred"}
MAX_BASIS_NOTE = 1000  # kg.MaxBasisNoteLength

P, C, O, B, CF, T, PR, E, TR, S = (
    "Person", "Country", "Organization", "Body", "Conflict", "Territory", "Proposal", "Event", "Track", "Source")

# type -> (allowed from-kinds, allowed to-kinds, role required?)
VOCAB = {
    "HOLDS_ROLE": ({P}, {C, O, B, P}, True),
    "LEADS": ({P, C, O}, {O, B, C, TR, E}, False),
    "MEMBER_OF": ({C, O, P}, {B, O}, True),
    "INVITED_TO": ({C, O, P}, {B, E}, True),
    "PARTY_TO": ({C, O, P}, {CF, TR}, True),
    "CONTROLS": ({C, O}, {T}, False),
    "CLAIMS": ({C, O}, {T}, False),
    "ANNEXED": ({C, O}, {T}, False),
    "BACKS": ({C, O, P}, {O, C, P, PR}, False),
    "PROPOSED": ({P, C, O}, {PR}, False),
    "ADDRESSES": ({PR, TR, E, B, P, O}, {CF, TR, T, PR}, False),
    "ESTABLISHED": ({P, C, O}, {B, O, TR}, False),
    "PARTICIPATED_IN": ({P, C, O, B}, {E}, True),
    "PART_OF": ({E, PR, T, O, B, CF}, {TR, CF, C, T, O, E}, False),
    "LOCATED_IN": ({E, T, O, B}, {T, C}, False),
    "BASED_IN": ({P, O}, {T, C}, True),
    "PRECEDES": ({E}, {E}, False),
    "STATED": ({P, O, C}, ALL_KINDS - {S}, True),
    "MET_WITH": ({P, C, O}, {P, C, O}, False),
    "CITES": ({S}, {S}, False),
}

TOP_KEYS = {"format", "sources", "entities", "relations"}
SOURCE_KEYS_REQ = {"id"}
SOURCE_KEYS_OPT = {"title", "name", "kind", "aliases", "author", "publisher", "url", "published", "textFile", "text",
                   "description", "externalIds"}
ENTITY_KEYS_REQ = {"id", "kind", "name"}
ENTITY_KEYS_OPT = {"aliases", "description", "externalIds", "date", "statuses"}
REL_KEYS_REQ = {"from", "type", "to", "confidence", "status", "basis"}
REL_KEYS_OPT = {"id", "role", "validFrom", "validTo", "sources", "quote", "evidence", "retraction", "basisNote"}



def fact_id(fr: str, rtype: str, to: str, role: str | None) -> str:
    """Same as kg.FactID: the importer's identity of a fact."""
    key = "\x00".join([fr, rtype, to, (role or "").strip().lower()])
    return f"rel/{rtype.lower()}/" + hashlib.sha256(key.encode("utf-8")).digest()[:8].hex()


def check_id(ident, expected_prefix: str | None, where: str, rep: Report) -> bool:
    if not isinstance(ident, str):
        rep.err(where, f"id must be a string, got {ident!r}")
        return False
    m = ID_RE.match(ident)
    if not m:
        rep.err(where, f"id {ident!r} is not '<prefix>/<kebab-slug>' (lowercase a-z0-9 and '-')")
        return False
    if expected_prefix is not None and m.group(1) != expected_prefix:
        rep.err(where, f"id {ident!r} should start with {expected_prefix + '/'!r}")
        return False
    return True


def validate(path: str) -> tuple[Report, dict]:
    rep = Report()
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    stats: dict = {"kinds": Counter(), "types": Counter(), "statuses": Counter()}
    if not isinstance(doc, dict):
        rep.err(path, "top level must be a mapping")
        return rep, stats
    check_keys(doc, TOP_KEYS, set(), "top level", rep)
    if doc.get("format") != FORMAT:
        rep.err("top level", f"format must be {FORMAT!r}, got {doc.get('format')!r}")

    kinds: dict[str, str] = {}          # id -> kind
    texts: dict[str, str | None] = {}   # source id -> text (None when no textFile)
    event_dates: dict[str, tuple] = {}

    # ---- sources
    sources = doc.get("sources") or []
    if not isinstance(sources, list):
        rep.err("sources", "must be a list")
        sources = []
    for i, s in enumerate(sources):
        where = f"sources[{i}]"
        if not isinstance(s, dict):
            rep.err(where, "must be a mapping")
            continue
        where = f"sources[{i}] {s.get('id')}"
        check_keys(s, SOURCE_KEYS_REQ, SOURCE_KEYS_OPT, where, rep)
        sid = s.get("id")
        if not check_id(sid, "source", where, rep):
            continue
        if sid in kinds:
            rep.err(where, f"duplicate id {sid!r}")
            continue
        kinds[sid] = "Source"
        stats["kinds"]["Source"] += 1
        if "kind" in s and str(s["kind"]).lower() != "source":
            rep.err(where, f"a record in the sources list is a Source, not {s['kind']!r}")
        title, name = s.get("title"), s.get("name")
        if title is None and name is None:
            rep.err(where, "a source needs a title (or a name)")
        if title is not None and name is not None and title != name:
            rep.err(where, "a source has a title or a name, not both")
        for f in ("title", "name", "author", "publisher", "url"):
            if f in s:
                why = "must be non-empty" if not nonempty_str(s[f]) else bad_text(s[f], MAX_NAME)
                if why:
                    rep.err(where, f"{f} {why}")
        if "description" in s:
            why = "must be non-empty" if not nonempty_str(s["description"]) else bad_text(s["description"], MAX_TEXT)
            if why:
                rep.err(where, f"description {why}")
        if "published" in s:
            parse_date(s["published"], where, "published", rep)
        texts[sid] = None
        if "text" in s:
            if "textFile" in s:
                rep.err(where, "give text or textFile, not both")
            elif not nonempty_str(s["text"]):
                rep.err(where, "text must be a non-empty string")
            else:
                texts[sid] = s["text"]
        if "textFile" in s:
            tf = s["textFile"]
            if not nonempty_str(tf) or os.path.isabs(tf) or os.path.normpath(tf).startswith(".."):
                rep.err(where, f"textFile must be a path inside the data file's folder, got {tf!r}")
                continue
            full = os.path.normpath(os.path.join(base, tf))
            try:
                with open(full, "rb") as fh:
                    texts[sid] = fh.read().decode("utf-8")
            except FileNotFoundError:
                rep.err(where, f"textFile {tf!r} not found (looked at {full})")
            except UnicodeDecodeError as exc:
                rep.err(where, f"textFile {tf!r} is not UTF-8: {exc}")

    # ---- entities
    entities = doc.get("entities") or []
    if not isinstance(entities, list):
        rep.err("entities", "must be a list")
        entities = []
    for i, e in enumerate(entities):
        where = f"entities[{i}]"
        if not isinstance(e, dict):
            rep.err(where, "must be a mapping")
            continue
        where = f"entities[{i}] {e.get('id')}"
        check_keys(e, ENTITY_KEYS_REQ, ENTITY_KEYS_OPT, where, rep)
        kind = e.get("kind")
        if kind not in ENTITY_KINDS:
            rep.err(where, f"kind {kind!r} not in {sorted(ENTITY_KINDS)} (Sources belong in `sources:`)")
            continue
        eid = e.get("id")
        if not check_id(eid, KIND_PREFIX[kind], where, rep):
            continue
        if eid in kinds:
            rep.err(where, f"duplicate id {eid!r}")
            continue
        kinds[eid] = kind
        stats["kinds"][kind] += 1
        if not nonempty_str(e.get("name")):
            rep.err(where, "name must be a non-empty string")
        elif bad_text(e["name"], MAX_NAME):
            rep.err(where, "name " + bad_text(e["name"], MAX_NAME))
        if "description" in e:
            why = "must be non-empty" if not nonempty_str(e["description"]) else bad_text(e["description"], MAX_TEXT)
            if why:
                rep.err(where, f"description {why}")
            else:
                check_description_quotes(e["description"], where, texts, rep)
        if "aliases" in e:
            al = e["aliases"]
            if not isinstance(al, list) or not all(nonempty_str(a) for a in al):
                rep.err(where, "aliases must be a list of non-empty strings")
            else:
                if len(set(al)) != len(al):
                    rep.err(where, "duplicate aliases")
                for a in al:
                    if bad_text(a, MAX_NAME):
                        rep.err(where, f"alias {a[:40]!r} " + bad_text(a, MAX_NAME))
                if e.get("name") in al:
                    rep.warn(where, "alias repeats the name")
        if "externalIds" in e:
            x = e["externalIds"]
            if not isinstance(x, dict) or not x:
                rep.err(where, "externalIds must be a non-empty mapping")
            else:
                for k, v in x.items():
                    if not nonempty_str(v):
                        rep.err(where, f"externalIds.{k} must be a non-empty string")
                    elif k == "wikidata" and not QID_RE.match(v):
                        rep.err(where, f"externalIds.wikidata {v!r} is not a QID")
        if kind == "Event":
            if "date" not in e:
                rep.err(where, "Events need a date (partial dates allowed)")
            else:
                rng = parse_date(e["date"], where, "date", rep)
                if rng:
                    event_dates[eid] = rng
        elif "date" in e:
            rep.err(where, "only Events carry a date (use relation validFrom/validTo)")
        if "statuses" in e:
            if kind != "Event":
                rep.err(where, "only Events carry statuses")
            else:
                check_event_statuses(e["statuses"], where, kinds, texts, rep)

    # ---- relations
    relations = doc.get("relations") or []
    if not isinstance(relations, list):
        rep.err("relations", "must be a list")
        relations = []
    used: set[str] = set()
    seen: dict[str, int] = {}
    by_quote: dict[str, list] = {}  # quote -> [(basis, confidence, where)]: inferred facts rest on stated ones
    for i, r in enumerate(relations):
        where = f"relations[{i}]"
        if not isinstance(r, dict):
            rep.err(where, "must be a mapping")
            continue
        where = f"relations[{i}] {r.get('from')} -{r.get('type')}-> {r.get('to')}"
        check_keys(r, REL_KEYS_REQ, REL_KEYS_OPT, where, rep)
        rtype, fr, to = r.get("type"), r.get("from"), r.get("to")
        stats["types"][rtype] += 1
        stats["statuses"][r.get("status")] += 1
        if rtype not in VOCAB:
            rep.err(where, f"type {rtype!r} not in the vocabulary")
        for end, val in (("from", fr), ("to", to)):
            if val not in kinds:
                rep.err(where, f"{end} {val!r} does not exist")
            else:
                used.add(val)
        if fr == to:
            rep.err(where, "relation from an entity to itself")
        if rtype in VOCAB and fr in kinds and to in kinds:
            fk, tk, role_req = VOCAB[rtype]
            if kinds[fr] not in fk:
                rep.err(where, f"{rtype} cannot start at a {kinds[fr]} (allowed: {sorted(fk)})")
            if kinds[to] not in tk:
                rep.err(where, f"{rtype} cannot end at a {kinds[to]} (allowed: {sorted(tk)})")
            if role_req and not nonempty_str(r.get("role")):
                rep.err(where, f"{rtype} needs a role")
        if "role" in r:
            why = "must be non-empty" if not nonempty_str(r["role"]) else bad_text(r["role"], MAX_NAME)
            if why:
                rep.err(where, f"role {why}")
        # confidence / status
        conf = r.get("confidence")
        if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            rep.err(where, f"confidence must be a number in [0, 1], got {conf!r}")
        if r.get("status") not in STATUSES:
            rep.err(where, f"status {r.get('status')!r} not in {sorted(STATUSES)}")
        # dates
        vf = parse_date(r["validFrom"], where, "validFrom", rep) if "validFrom" in r else None
        vt = parse_date(r["validTo"], where, "validTo", rep) if "validTo" in r else None
        if vf and vt and vf[0] > vt[1]:
            rep.err(where, f"validFrom {r['validFrom']} is after validTo {r['validTo']}")
        if rtype == "PARTICIPATED_IN" and to in event_dates and (vf or vt):
            lo = vf[0] if vf else (1, 1, 1)
            hi = vt[1] if vt else (9999, 12, 31)
            ev = event_dates[to]
            if hi < ev[0] or lo > ev[1]:
                rep.err(where, "validFrom/validTo do not overlap the event's date")
        if rtype == "PRECEDES" and fr in event_dates and to in event_dates:
            if event_dates[fr][0] > event_dates[to][1]:
                rep.err(where, "PRECEDES contradicts the events' dates (from-event is later)")
        check_evidence(r, where, kinds, texts, rep)
        # basis: the article says it, or the curator read it from what the article says
        basis, note = r.get("basis"), r.get("basisNote")
        if "basis" in r and basis not in BASES:
            rep.err(where, f"basis {basis!r} is not one of {sorted(BASES)}")
        if basis == "inferred" and not nonempty_str(note):
            rep.err(where, "an inferred fact needs a basisNote: what was inferred, and from what")
        elif basis == "stated" and "basisNote" in r:
            rep.err(where, "only an inferred fact has a basisNote; a stated one has its quote")
        elif note is not None and bad_text(note, MAX_BASIS_NOTE):
            rep.err(where, "basisNote " + bad_text(note, MAX_BASIS_NOTE))
        if isinstance(conf, (int, float)) and isinstance(r.get("quote"), str):
            by_quote.setdefault(r["quote"], []).append((basis, conf, where))
        # identity: the importer merges relations with the same (from, type, to, role) into one fact
        if isinstance(fr, str) and isinstance(rtype, str) and isinstance(to, str):
            fid = fact_id(fr, rtype, to, r.get("role") if isinstance(r.get("role"), str) else None)
            if "id" in r and r["id"] != fid:
                rep.err(where, f"id {r['id']!r} does not match the fact it names; omit it or use {fid!r}")
            if fid in seen:
                rep.err(where, f"same fact (from, type, to, role) as relations[{seen[fid]}]; the importer would "
                               "merge them - give them distinct roles or merge them here")
            else:
                seen[fid] = i
        if "retraction" in r and not isinstance(r["retraction"], dict):
            rep.err(where, "retraction must be a mapping")

    for quote, claims in by_quote.items():
        stated = [c for b, c, _ in claims if b == "stated"]
        for b, c, where in claims:
            if b == "inferred" and stated and c > max(stated):
                rep.warn(where, f"inferred with confidence {c}, above the stated facts it shares its quote with "
                                f"(at most {max(stated)}): an inference is no surer than what it rests on")
    for eid, k in kinds.items():
        if eid not in used and k != "Source":
            rep.warn(eid, "no relation touches this entity")
    return rep, stats


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.yaml")
    rep, stats = validate(path)
    for line in rep.warnings + rep.errors:
        print(line)
    if "--counts" in argv or not rep.errors:
        print("entities per kind:")
        for k, n in sorted(stats["kinds"].items()):
            print(f"  {k:<14}{n:>4}")
        print(f"  {'(total)':<14}{sum(stats['kinds'].values()):>4}")
        print("relations per type:")
        for t, n in sorted(stats["types"].items(), key=lambda kv: str(kv[0])):
            print(f"  {str(t):<16}{n:>4}")
        print(f"  {'(total)':<16}{sum(stats['types'].values()):>4}")
        print("relations per status: " + ", ".join(f"{s}={n}" for s, n in sorted(stats["statuses"].items(), key=lambda kv: str(kv[0]))))
    print(f"{path}: {len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The checks of check_seed.py that several records share: the report, text rules, dates, and what a claim
cites (a fact's or an event status's sources and quote), plus an event's status history and the quoted words
of descriptions. check_seed.py holds the record-by-record walk over the file."""
from __future__ import annotations

import re

from seed_dates import date_range

MAX_NAME = 300       # kg.MaxNameLength: names, aliases, roles, author/publisher/url
MAX_TEXT = 4000      # kg.MaxTextLength: descriptions, quotes
LONG_QUOTE = 260
EVENT_STATUSES = {"scheduled", "held", "postponed", "rescheduled", "cancelled"}
MAX_EVENT_STATUSES = 20  # kg.MaxEventStatuses
EVENT_STATUS_KEYS_REQ = {"status", "since"}
EVENT_STATUS_KEYS_OPT = {"sources", "quote", "evidence"}


def bad_text(v, limit: int) -> str | None:
    """Why v breaks the importer's text rules, or None."""
    if not isinstance(v, str):
        return f"must be a string, got {type(v).__name__}"
    if len(v) > limit:
        return f"is {len(v)} characters long; the limit is {limit}"
    for ch in v:
        if ch not in "\n\t" and (ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0):
            return f"contains the control character U+{ord(ch):04X}"
    return None


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR   {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"WARNING {where}: {msg}")


def parse_date(value, where: str, field: str, rep: Report):
    """Return (earliest, latest) as (y, m, d) tuples for a seed date, or None (error reported)."""
    rng = date_range(value)
    if isinstance(rng, str):
        rep.err(where, f"{field} {rng}")
        return None
    return rng


def check_keys(obj: dict, req: set, opt: set, where: str, rep: Report) -> None:
    for k in sorted(req - obj.keys()):
        rep.err(where, f"missing required field {k!r}")
    for k in sorted(obj.keys() - req - opt):
        rep.err(where, f"unknown field {k!r}")


def nonempty_str(v) -> bool:
    return isinstance(v, str) and v.strip() != ""


def check_evidence(obj: dict, where: str, kinds: dict, texts: dict, rep: Report) -> None:
    """A claim (a fact, an event's status) cites sources + quote, or evidence: one quote per source.
    Each source must be declared, the first must have a text, and every quote must be a verbatim
    substring of each cited source whose text is known."""
    pairs: list[tuple] = []
    if "evidence" in obj:
        if "sources" in obj or "quote" in obj:
            rep.err(where, "give evidence, or sources and quote, not both")
        ev = obj["evidence"]
        if not isinstance(ev, list) or not ev:
            rep.err(where, "evidence must be a non-empty list of {source, quote}")
            ev = []
        for j, item in enumerate(ev):
            if not isinstance(item, dict) or set(item) != {"source", "quote"}:
                rep.err(where, f"evidence[{j}] must be a mapping with exactly source and quote")
                continue
            pairs.append((item["source"], item["quote"]))
    else:
        srcs = obj.get("sources")
        if not isinstance(srcs, list) or not srcs:
            rep.err(where, "sources must be a non-empty list")
            srcs = []
        if "quote" not in obj:
            rep.err(where, "missing required field 'quote'")
        pairs = [(sid, obj.get("quote")) for sid in srcs]
    if len({str(sid) for sid, _ in pairs}) != len(pairs):
        rep.err(where, "duplicate sources")
    for j, (sid, quote) in enumerate(pairs):
        if kinds.get(sid) != "Source":
            rep.err(where, f"source {sid!r} is not a declared source")
            continue
        if not nonempty_str(quote):
            rep.err(where, "quote must be a non-empty string")
            continue
        if bad_text(quote, MAX_TEXT):
            rep.err(where, "quote " + bad_text(quote, MAX_TEXT))
        text = texts.get(sid)
        if text is None:
            if j == 0:
                rep.err(where, f"first source {sid!r} has no text (textFile) to check the quote against")
            continue
        if quote not in text:
            hint = ""
            norm = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
            if quote.translate(norm) in text.translate(norm):
                hint = " (matches only if quote marks/apostrophes are normalised: use the file's exact characters)"
            rep.err(where, f"quote is not a verbatim substring of {sid}: {quote!r}{hint}")
        if len(quote) > LONG_QUOTE:
            rep.warn(where, f"quote is {len(quote)} characters long")


def check_description_quotes(desc: str, where: str, texts: dict, rep: Report) -> None:
    """A description that puts words in double quotes claims they are the source's: warn when they are in no
    source text (trailing punctuation aside), so that a paraphrase does not pass for a quotation."""
    known = [t for t in texts.values() if t]
    for frag in re.findall(r'"([^"]+)"', desc):
        words = frag.rstrip(".,;:")
        if known and not any(words in t for t in known):
            rep.warn(where, f"description quotes {words!r}, which no source text contains verbatim")


def check_event_statuses(statuses, where: str, kinds: dict, texts: dict, rep: Report) -> None:
    """An Event's status history, oldest first: each entry a status with the day from which a source
    gives it, and that source's words (kg.EventStatusEntry). An event is scheduled until a source says
    it was held."""
    if not isinstance(statuses, list) or not statuses:
        rep.err(where, "statuses must be a non-empty list of {status, since, sources, quote}")
        return
    if len(statuses) > MAX_EVENT_STATUSES:
        rep.err(where, f"statuses has {len(statuses)} entries; the limit is {MAX_EVENT_STATUSES}")
    prev = None
    for j, st in enumerate(statuses):
        at = f"{where} statuses[{j}]"
        if not isinstance(st, dict):
            rep.err(at, "must be a mapping")
            continue
        check_keys(st, EVENT_STATUS_KEYS_REQ, EVENT_STATUS_KEYS_OPT, at, rep)
        if st.get("status") not in EVENT_STATUSES:
            rep.err(at, f"status {st.get('status')!r} not in {sorted(EVENT_STATUSES)}")
        since = parse_date(st["since"], at, "since", rep) if "since" in st else None
        if since and prev and prev[0] > since[0]:
            rep.err(at, "since comes before the entry above it: list the history in date order")
        prev = since or prev
        check_evidence(st, at, kinds, texts, rep)

"""Dates of the diplograph seed format, as the importer reads them (kg.ParseDate).

A date is known to the year, the month or the day ("2014", "2022-02", "2026-01-22"), or only by
its bounds, as an EDTF level-1 interval: "2026-01-19/2026-01-26" (some day between, inclusive),
"../2026-01-21" (not after), "2026-01-19/.." (not before). parse_date gives back the first and
the last day a date may mean; an open bound reaches to OPEN_START or OPEN_END.
"""
from __future__ import annotations

import calendar
import re

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
OPEN_START = (1, 1, 1)
OPEN_END = (9999, 12, 31)
FORMS = ("'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or bounds 'EARLIEST/LATEST' with '..' for an open end "
         "('2026-01-19/2026-01-26', '../2026-01-21', '2026-01-19/..')")


def calendar_range(value: str) -> tuple[tuple, tuple] | str:
    """(first day, last day) of a 'YYYY[-MM[-DD]]' date, or why it is not one."""
    m = DATE_RE.match(value)
    if not m:
        return f"{value!r} is not {FORMS}"
    y = int(m.group(1))
    if m.group(2) is None:
        return (y, 1, 1), (y, 12, 31)
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return f"{value!r} has month {mo:02d}"
    last = calendar.monthrange(y, mo)[1]
    if m.group(3) is None:
        return (y, mo, 1), (y, mo, last)
    d = int(m.group(3))
    if not 1 <= d <= last:
        return f"{value!r} is not a calendar date"
    return (y, mo, d), (y, mo, d)


def date_range(value) -> tuple[tuple, tuple] | str:
    """(first day, last day) a seed date may mean, or why it is not a date."""
    if not isinstance(value, str):
        return f"must be a quoted string ({FORMS}), got {type(value).__name__} {value!r}"
    if "/" not in value:
        return calendar_range(value)
    parts = value.split("/")
    if len(parts) != 2:
        return f"{value!r} is not {FORMS}"
    ends = []
    for side, part in zip(("earliest", "latest"), parts):
        if part == "..":
            ends.append(None)
            continue
        if part == "":
            return f"{value!r}: write '..' for an open {side} bound"
        rng = calendar_range(part)
        if isinstance(rng, str):
            return f"{value!r}: the {side} bound: {rng}"
        ends.append(rng)
    lo, hi = ends
    if lo is None and hi is None:
        return f"{value!r} has no bound: give at least one of the two dates"
    first = lo[0] if lo else OPEN_START
    last = hi[1] if hi else OPEN_END
    if first > last:
        return f"{value!r}: the earliest bound comes after the latest"
    return first, last


def is_bounded(value) -> bool:
    return isinstance(value, str) and "/" in value

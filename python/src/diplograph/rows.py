"""Flat rows from the service's objects, with provenance as plain columns.

Column and attribute names avoid the ones graph file readers reserve (``id``, ``label``,
``type``, ``kind``, ``start``, ``end``, ``weight``...): a networkx graph built from these rows
can be written to GEXF or GraphML without an attribute turning into XML structure.

Partial dates become four columns: ``<name>`` (the value as known: ``2014``, ``2026-01``,
``2026-01-22``), ``<name>_precision`` (YEAR, MONTH, DAY) and ``<name>_start`` /
``<name>_end`` (the first and last day it may mean, as ``datetime.date``; pandas frames turn
them into ``datetime64``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

Row = dict[str, Any]

# Columns that hold dates, so that to_df() can make them datetime64.
DATE_COLUMNS = (
    "date_start",
    "date_end",
    "valid_from_start",
    "valid_from_end",
    "valid_to_start",
    "valid_to_end",
)


def partial_date(prefix: str, value: Mapping[str, Any] | None) -> Row:
    """The columns of a PartialDate (all None when the date is unknown): the value as known,
    its precision, whether it is known only by its bounds, and its first and last day (None on
    an open side of a bounded date such as ``../2026-01-21``).

    >>> partial_date("date", {"value": "2026-01", "precision": "MONTH", "bounded": False,
    ...                       "start": "2026-01-01", "end": "2026-01-31"})["date_end"]
    datetime.date(2026, 1, 31)
    >>> partial_date("date", {"value": "../2026-01-21", "precision": "DAY", "bounded": True,
    ...                       "start": None, "end": "2026-01-21"})["date_start"] is None
    True
    """
    if not value:
        keys = (prefix, f"{prefix}_precision", f"{prefix}_bounded", f"{prefix}_start", f"{prefix}_end")
        return dict.fromkeys(keys)
    return {
        prefix: value["value"],
        f"{prefix}_precision": value["precision"],
        f"{prefix}_bounded": bool(value.get("bounded", False)),
        f"{prefix}_start": _day(value.get("start")),
        f"{prefix}_end": _day(value.get("end")),
    }


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def entity_row(e: Mapping[str, Any]) -> Row:
    """An entity as a row: entity_id, entity_kind, name, aliases, description, and an event's date."""
    row: Row = {
        "entity_id": e["id"],
        "entity_kind": e["kind"],
        "name": e["name"],
        "aliases": list(e.get("aliases") or []),
        "description": e.get("description"),
        # An event's status now (SCHEDULED until a source says HELD; None when none is given).
        "event_status": e.get("status"),
    }
    row.update(partial_date("date", e.get("date")))
    return row


def fact_row(r: Mapping[str, Any]) -> Row:
    """A fact as a row with its evidence: the fact's id, type, ends, role, valid time, confidence,
    status, basis (STATED or INFERRED, with the curator's note for an inferred one), first
    quote, and every source with its quote (parallel lists)."""
    evidence = r.get("evidence") or []
    row: Row = {
        "fact_id": r["id"],
        "relation_type": r["type"],
        "from_id": r["from"]["id"],
        "from_name": r["from"].get("name"),
        "to_id": r["to"]["id"],
        "to_name": r["to"].get("name"),
        "role": r.get("role") or None,
        "confidence": r["confidence"],
        "status": r["status"],
        "basis": r.get("basis"),
        "basis_note": r.get("basisNote"),
        "quote": r["quote"],
        "source_ids": [ev["source"]["id"] for ev in evidence],
        "source_titles": [ev["source"].get("title") for ev in evidence],
        "source_urls": [ev["source"].get("url") for ev in evidence],
        "quotes": [ev["quote"] for ev in evidence],
    }
    row.update(partial_date("valid_from", r.get("validFrom")))
    row.update(partial_date("valid_to", r.get("validTo")))
    return row


def require_pandas() -> Any:
    """Imports pandas, or says which extra installs it."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_df() needs pandas: pip install 'diplograph[pandas]'") from e
    return pandas


def require_networkx() -> Any:
    """Imports networkx, or says which extra installs it."""
    try:
        import networkx
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_networkx() needs networkx: pip install 'diplograph[networkx]'") from e
    return networkx


def frame(rows: list[Row], columns: list[str]) -> Any:
    """A DataFrame of rows with these columns (present even when there are no rows), date columns
    as datetime64 and text columns as pandas strings."""
    pd = require_pandas()
    df = pd.DataFrame(rows, columns=columns)
    for col in DATE_COLUMNS:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col])
    return df


ENTITY_COLUMNS = [
    "entity_id",
    "entity_kind",
    "name",
    "aliases",
    "description",
    "event_status",
    "date",
    "date_precision",
    "date_bounded",
    "date_start",
    "date_end",
]
FACT_COLUMNS = [
    "fact_id",
    "relation_type",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "role",
    "confidence",
    "status",
    "basis",
    "basis_note",
    "quote",
    "source_ids",
    "source_titles",
    "source_urls",
    "quotes",
    "valid_from",
    "valid_from_precision",
    "valid_from_bounded",
    "valid_from_start",
    "valid_from_end",
    "valid_to",
    "valid_to_precision",
    "valid_to_bounded",
    "valid_to_start",
    "valid_to_end",
]

"""The time arguments every analyst query takes, in one place.

Each helper accepts ``**time: Unpack[TimeArgs]`` and its GraphQL document declares and passes
the variables from :data:`TIME_VARIABLES`, so a new time argument (the record-time ``knownAt``
next to ``asOf``) is one entry here and one key in :class:`TimeArgs`, not an edit per helper.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

DateLike = dt.date | str
"""A calendar day: a :class:`datetime.date` (or datetime, or pandas Timestamp) or ``"YYYY-MM-DD"``."""

InstantLike = dt.datetime | str
"""An instant: a :class:`datetime.datetime` (naive ones are taken as UTC) or an RFC 3339 string."""


class TimeArgs(TypedDict, total=False):
    """Keyword arguments that pin a query to a moment.

    as_of: the world on this day (valid time): events not yet happened and facts not valid
        on the day are left out.
    known_at: what the graph held at this instant (record time): facts recorded later are
        left out, and corrections and retractions made later are undone (docs/model.md).
    """

    as_of: DateLike
    known_at: InstantLike


# Python keyword -> (GraphQL variable, GraphQL type, how a value is written).
def _day(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _instant(value: Any) -> str:
    if isinstance(value, dt.datetime):
        moment: dt.datetime = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return moment.isoformat()
    return str(value)


TIME_VARIABLES: dict[str, tuple[str, str, Any]] = {
    "as_of": ("asOf", "Date", _day),
    "known_at": ("knownAt", "Time", _instant),
}

# Spliced into the documents: "$asOf: Date" in the operation, "asOf: $asOf" in a field's arguments.
TIME_DECL = ", ".join(f"${name}: {gql_type}" for name, gql_type, _ in TIME_VARIABLES.values())
TIME_ARGS = ", ".join(f"{name}: ${name}" for name, _, _ in TIME_VARIABLES.values())


def time_variables(time: TimeArgs) -> dict[str, Any]:
    """The GraphQL variables for the time arguments given (absent ones are sent as null).

    >>> time_variables({"as_of": dt.date(2025, 12, 31)})
    {'asOf': '2025-12-31', 'knownAt': None}
    >>> time_variables({"known_at": dt.datetime(2026, 1, 27, 9, 30)})
    {'asOf': None, 'knownAt': '2026-01-27T09:30:00+00:00'}
    >>> time_variables({})
    {'asOf': None, 'knownAt': None}
    """
    unknown = set(time) - set(TIME_VARIABLES)
    if unknown:
        raise TypeError(f"unknown time argument(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for key, (name, _, write) in TIME_VARIABLES.items():
        value = time.get(key)
        out[name] = None if value is None else write(value)
    return out

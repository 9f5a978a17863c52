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


class TimeArgs(TypedDict, total=False):
    """Keyword arguments that pin a query to a moment.

    as_of: read the graph as it stood on this day (valid time); events not yet happened, facts
        not yet valid and retractions made later are left out or undone.
    """

    as_of: DateLike


# Python keyword -> (GraphQL variable, GraphQL type, how a value is written).
def _day(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


TIME_VARIABLES: dict[str, tuple[str, str, Any]] = {
    "as_of": ("asOf", "Date", _day),
}

# Spliced into the documents: "$asOf: Date" in the operation, "asOf: $asOf" in a field's arguments.
TIME_DECL = ", ".join(f"${name}: {gql_type}" for name, gql_type, _ in TIME_VARIABLES.values())
TIME_ARGS = ", ".join(f"{name}: ${name}" for name, _, _ in TIME_VARIABLES.values())


def time_variables(time: TimeArgs) -> dict[str, Any]:
    """The GraphQL variables for the time arguments given (absent ones are sent as null).

    >>> time_variables({"as_of": dt.date(2025, 12, 31)})
    {'asOf': '2025-12-31'}
    >>> time_variables({})
    {'asOf': None}
    """
    unknown = set(time) - set(TIME_VARIABLES)
    if unknown:
        raise TypeError(f"unknown time argument(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for key, (name, _, write) in TIME_VARIABLES.items():
        value = time.get(key)
        out[name] = None if value is None else write(value)
    return out

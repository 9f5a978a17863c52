"""Typed exceptions for the service's error vocabulary (``extensions.code``, see errcode/errcode.go).

Every GraphQL error the service returns carries one code; :func:`error_from_graphql` turns the
first error of a response into the exception class for that code, so callers can write::

    try:
        client.entity("person/nobody")
    except diplograph.NotFound as e:
        print(e.code, e.message)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class DiplographError(Exception):
    """A failure reported by the service (or on the way to it).

    Attributes:
        message: the service's user-facing message.
        code: the ``extensions.code``: NOT_FOUND, BAD_USER_INPUT, ...
        field: the input the error names, when there is one (``extensions.field``).
        path: the GraphQL path of the failing field, when there is one.
        errors: every error of the response, as the service sent them.
        data: whatever data came with the errors (partial results), or None.
        retry_after: seconds the service asked us to wait (``Retry-After``), if it did.
    """

    code: str = "UNKNOWN"
    retry_after: float | None = None

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        path: Sequence[str | int] | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
        data: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field
        self.path = list(path) if path else None
        self.errors = list(errors)
        self.data = data

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"{self.code}: {self.message}{where}"


class NotFound(DiplographError):
    """An id the graph does not hold."""

    code = "NOT_FOUND"


class BadUserInput(DiplographError):
    """The request was wrong: a bad argument (``field`` names it), a parse or validation error."""

    code = "BAD_USER_INPUT"


class Conflict(DiplographError):
    """A write lost a race: the ``expectedVersion`` given is no longer the stored one."""

    code = "CONFLICT"


class Unauthenticated(DiplographError):
    """Credentials are missing for an operation that needs them, or they did not verify."""

    code = "UNAUTHENTICATED"


class Forbidden(DiplographError):
    """The credentials verified but their role is too low."""

    code = "FORBIDDEN"


class Unavailable(DiplographError):
    """The service or its database cannot answer now; reads are retried on this one."""

    code = "UNAVAILABLE"


class Overloaded(Unavailable):
    """The database is up but the service is at its limit; retried like ``Unavailable``.

    A subclass of ``Unavailable``, so code that handles that one handles this one too.
    """

    code = "OVERLOADED"


class RateLimited(DiplographError):
    """The caller sent more than its share (HTTP 429); every call is retried after ``Retry-After``,
    mutations too: a refused request ran nothing."""

    code = "RATE_LIMITED"


class ReloadRequired(DiplographError):
    """A subscription resumed with ``since`` older than the service's replay log: read the graph
    again, then subscribe without ``since``."""

    code = "RELOAD_REQUIRED"


class SlowConsumer(DiplographError):
    """A subscription dropped because its events piled up unread; resubscribe with ``since``, the
    last sequence received."""

    code = "SLOW_CONSUMER"


class Internal(DiplographError):
    """A failure inside the service; its log has the details."""

    code = "INTERNAL"


ERROR_CLASSES: dict[str, type[DiplographError]] = {
    cls.code: cls
    for cls in (
        NotFound,
        BadUserInput,
        Conflict,
        Unauthenticated,
        Forbidden,
        Unavailable,
        Overloaded,
        RateLimited,
        ReloadRequired,
        SlowConsumer,
        Internal,
    )
}


def error_from_graphql(
    errors: Sequence[Mapping[str, Any]], data: Mapping[str, Any] | None = None
) -> DiplographError:
    """The exception for a response's errors, typed by the first error's code.

    >>> e = error_from_graphql([{"message": "first: 1 to 100", "extensions":
    ...     {"code": "BAD_USER_INPUT", "field": "first"}}])
    >>> type(e).__name__, e.field
    ('BadUserInput', 'first')
    """
    first = errors[0] if errors else {}
    ext = first.get("extensions") or {}
    code = str(ext.get("code") or "UNKNOWN")
    field = ext.get("field")
    cls = ERROR_CLASSES.get(code, DiplographError)
    return cls(
        str(first.get("message") or "unknown error"),
        code=code,
        field=str(field) if field is not None else None,
        path=first.get("path"),
        errors=errors,
        data=data,
    )

"""Following the graph as it changes: the service's GraphQL subscriptions over Server-Sent Events.

:class:`Subscription` is what ``Client.subscribe_track``, ``subscribe_entity`` and
``subscribe_relations`` return: an iterator of :class:`ChangeEvent` that reconnects after a
dropped connection and resumes from the last sequence number it yielded (``since``), so the
events sent while it was away come first and none is yielded twice. When the service no longer
holds what was missed it raises :class:`diplograph.ReloadRequired`: read what you need again,
then subscribe without ``since``. The stream is httpx's, read by ``httpx-sse``; the protocol is
gqlgen's (a POST with ``Accept: text/event-stream``, ``next`` events carrying a GraphQL
response each, then ``complete``). docs/live.md says what the service promises.
"""

from __future__ import annotations

import json
import random
import time as _time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError

from .errors import DiplographError, SlowConsumer, Unavailable, error_from_graphql


@dataclass(frozen=True)
class ChangeEvent:
    """One committed change, as the service published it.

    Attributes:
        sequence: grows with every event; pass the last one seen as ``since`` to resume.
        kind: ``CREATED``, ``CHANGED``, ``CORROBORATED``, ``RETRACTED``, ``MERGED`` or ``IMPORTED``.
        operation: the write that made it (``ASSERT_RELATION``, ``RETRACT_RELATION``, ...).
        by: who made it (the API key's name or the token's subject).
        at: when it was published, just after its commit.
        fields: the fields the change wrote, by their names in the import format.
        entity: the entity as it now reads (a dict as ``Client.entity`` returns), or None.
        relation: the fact as it now reads, with its evidence (as ``Client.relations`` reads
            facts), or None.
        merged_from: for ``MERGED``, the id folded into ``entity``.
        import_summary: for ``IMPORTED``, what the file wrote (``origin``, ``entities``, ...).
    """

    sequence: int
    kind: str
    operation: str
    by: str
    at: datetime
    fields: tuple[str, ...] = ()
    entity: dict[str, Any] | None = None
    relation: dict[str, Any] | None = None
    merged_from: str | None = None
    import_summary: dict[str, Any] | None = field(default=None)

    @property
    def subject(self) -> str | None:
        """The id of the fact or entity changed (None for an import)."""
        for part in (self.relation, self.entity):
            if part:
                return str(part["id"])
        return None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ChangeEvent:
        """An event from the subscription's ``ChangeEvent`` object.

        >>> e = ChangeEvent.from_json({"sequence": 7, "kind": "RETRACTED", "operation": "RETRACT_RELATION",
        ...     "by": "anonymous", "at": "2026-12-02T18:00:00Z", "fields": ["status"],
        ...     "relation": {"id": "rel/x", "status": "RETRACTED"}})
        >>> e.sequence, e.kind, e.subject, e.at.year
        (7, 'RETRACTED', 'rel/x', 2026)
        """
        return cls(
            sequence=int(d["sequence"]),
            kind=str(d["kind"]),
            operation=str(d.get("operation") or ""),
            by=str(d.get("by") or ""),
            at=datetime.fromisoformat(str(d["at"]).replace("Z", "+00:00")),
            fields=tuple(d.get("fields") or ()),
            entity=d.get("entity"),
            relation=d.get("relation"),
            merged_from=d.get("mergedFrom"),
            import_summary=d.get("import"),
        )


class Subscription(Iterator[ChangeEvent]):
    """An open subscription; iterate it for events, close it (or use ``with``) when done.

    The stream is opened when the subscription is made: the call returns once the service
    has answered, and it registers the subscription just after, so a change committed after
    the call is delivered in practice (pass ``since`` for a guarantee). A dropped connection
    (or the service dropping a subscriber that fell behind, SLOW_CONSUMER) is reopened with
    ``since`` set to :attr:`last_sequence`,
    up to ``reconnects`` times in a row without an event between, waiting ``backoff`` seconds
    (doubling, with jitter, at most ``max_backoff``); after that it raises
    :class:`diplograph.Unavailable`. A connection that sends nothing, not even the service's
    keep-alive (every 15 s), for ``idle_timeout`` seconds counts as dropped. Until the first
    event there is no sequence to resume from: a drop then reopens from that moment.

    Attributes:
        last_sequence: the sequence of the last event yielded (or the ``since`` given).
        reconnections: how many times the stream was reopened.
    """

    def __init__(
        self,
        http: httpx.Client,
        endpoint: str,
        document: str,
        field: str,
        variables: Mapping[str, Any],
        *,
        since: int | None = None,
        reconnects: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        idle_timeout: float | None = 60.0,
        sleep: Callable[[float], None] = _time.sleep,
    ) -> None:
        self._http = http
        self._endpoint = endpoint
        self._document = document
        self._field = field
        self._variables = dict(variables)
        self.last_sequence = since
        self.reconnections = 0
        self._reconnects = reconnects
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._sleep = sleep
        # Events may be hours apart, but the service writes a keep-alive every 15 s: a read that
        # waits idle_timeout for a byte has lost its connection, and is reopened.
        base = http.timeout
        self._timeout = httpx.Timeout(base.connect, read=idle_timeout, write=base.write, pool=base.pool)
        self._response: httpx.Response | None = None
        self._events: Iterator[ServerSentEvent] | None = None
        self._closed = False
        self._open()

    def __iter__(self) -> Subscription:
        return self

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ends the subscription and closes its connection."""
        self._closed = True
        self._drop()

    def __next__(self) -> ChangeEvent:
        failures = 0
        while not self._closed:
            if self._events is None:
                failures += 1
                if failures > self._reconnects:
                    raise Unavailable(
                        f"the subscription to {self._field} was dropped {failures - 1} times in a row "
                        f"(last sequence {self.last_sequence})"
                    )
                self._sleep(self._delay(failures))
                try:
                    self._open()
                except Unavailable:
                    continue
                self.reconnections += 1
            try:
                sse = next(self._events)  # type: ignore[arg-type]
            except (StopIteration, httpx.TransportError, SSEError):
                self._drop()  # complete, or the connection went: resume from last_sequence
                continue
            event = self._handle(sse)
            if event is not None:
                return event
        raise StopIteration

    def _handle(self, sse: ServerSentEvent) -> ChangeEvent | None:
        if sse.event == "complete":
            self._drop()
            return None
        if sse.event != "next" or not sse.data:
            return None
        body = json.loads(sse.data)
        if body.get("errors"):
            err = error_from_graphql(body["errors"], body.get("data"))
            if isinstance(err, SlowConsumer):
                self._drop()  # dropped for falling behind: resume from last_sequence
                return None
            self.close()
            raise err
        event = ChangeEvent.from_json(body["data"][self._field])
        if self.last_sequence is not None and event.sequence <= self.last_sequence:
            return None  # yielded already, before a reconnection
        self.last_sequence = event.sequence
        return event

    def _open(self) -> None:
        payload = {"query": self._document, "variables": {**self._variables, "since": self.last_sequence}}
        request = self._http.build_request(
            "POST",
            self._endpoint,
            json=payload,
            headers={"Accept": "text/event-stream", "Cache-Control": "no-store"},
            timeout=self._timeout,
        )
        try:
            response = self._http.send(request, stream=True)
        except httpx.TransportError as e:
            raise Unavailable(f"cannot reach {self._endpoint}: {e}") from e
        if "text/event-stream" not in response.headers.get("content-type", ""):
            raise _refusal(response)
        self._response = response
        self._events = EventSource(response).iter_sse()

    def _drop(self) -> None:
        if self._response is not None:
            self._response.close()
        self._response = None
        self._events = None

    def _delay(self, failures: int) -> float:
        if failures == 1:
            return 0.0  # the first reconnection is immediate: most drops are one-off
        ceiling = min(self._max_backoff, self._backoff * 2 ** (failures - 2))
        return random.uniform(ceiling / 2, ceiling)


def _refusal(response: httpx.Response) -> DiplographError:
    """The service answered without a stream: its GraphQL errors (UNAUTHENTICATED, ...) or status."""
    try:
        response.read()
        body = response.json()
    except (ValueError, httpx.HTTPError):
        body = None
    finally:
        response.close()
    if isinstance(body, dict) and body.get("errors"):
        return error_from_graphql(body["errors"], body.get("data"))
    if response.status_code in (502, 503, 504):
        return Unavailable(f"HTTP {response.status_code} from {response.url}")
    return DiplographError(
        f"HTTP {response.status_code} from {response.url}: no event stream",
        code=f"HTTP_{response.status_code}",
    )

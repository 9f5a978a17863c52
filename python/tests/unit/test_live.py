"""The subscription iterator's own logic on canned event streams (the service's behaviour is
tested against the real one in tests/integration/test_live.py): resuming with since after a
stream ends, skipping what was yielded already, SLOW_CONSUMER, and refusals typed by code."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import diplograph

URL = "http://diplograph.test"


def event(seq: int, kind: str = "CREATED", fact: str = "rel/x") -> str:
    change = {
        "sequence": seq,
        "kind": kind,
        "operation": "ASSERT_RELATION",
        "by": "bot",
        "at": "2026-12-02T18:00:00Z",
        "fields": [],
        "relation": {"id": fact},
    }
    return f"event: next\ndata: {json.dumps({'data': {'trackActivity': change}})}\n\n"


def error(code: str, message: str = "no") -> str:
    body = {"errors": [{"message": message, "extensions": {"code": code}}], "data": None}
    return f"event: next\ndata: {json.dumps(body)}\n\n"


class Service:
    """Answers each POST with the next canned stream, and records the since each one asked for."""

    def __init__(self, *streams: str | httpx.Response) -> None:
        self.streams = list(streams)
        self.since: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["accept"] == "text/event-stream"
        self.since.append(json.loads(request.content)["variables"]["since"])
        s = self.streams.pop(0)
        if isinstance(s, httpx.Response):
            return s
        return httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=(":\n\n" + s).encode()
        )


def client(service: Service) -> diplograph.Client:
    return diplograph.Client(URL, transport=httpx.MockTransport(service))


def test_a_stream_that_ends_is_resumed_from_the_last_sequence_without_repeats() -> None:
    service = Service(event(10) + event(11), event(11) + event(12) + "event: complete\n\n", event(13))
    sleeps: list[float] = []
    with client(service) as c, c.subscribe_track("track/t", sleep=sleeps.append) as sub:
        got = [next(sub).sequence for _ in range(4)]
    assert got == [10, 11, 12, 13]  # 11 came again in the replay and is not yielded twice
    assert service.since == [None, 11, 12]
    assert sub.reconnections == 2


def test_a_slow_consumer_is_resumed_and_reload_required_raises() -> None:
    service = Service(event(5) + error("SLOW_CONSUMER"), error("RELOAD_REQUIRED", "read the graph again"))
    with client(service) as c, c.subscribe_track("track/t", since=4, sleep=lambda _: None) as sub:
        assert next(sub).sequence == 5
        with pytest.raises(diplograph.ReloadRequired, match="read the graph again"):
            next(sub)
    assert service.since == [4, 5]


def test_too_many_drops_in_a_row_raise_unavailable() -> None:
    service = Service(event(1), "", "", "")
    with client(service) as c, c.subscribe_track("track/t", reconnects=2, sleep=lambda _: None) as sub:
        next(sub)
        with pytest.raises(diplograph.Unavailable, match="dropped 2 times in a row"):
            next(sub)


def test_a_refusal_without_a_stream_is_typed() -> None:
    refused = httpx.Response(
        401, json={"errors": [{"message": "bad key", "extensions": {"code": "UNAUTHENTICATED"}}]}
    )
    with client(Service(refused)) as c, pytest.raises(diplograph.Unauthenticated):
        c.subscribe_track("track/t")

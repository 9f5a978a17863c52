"""Subscriptions over Server-Sent Events against the real service: a write through the API
produces its event, typed; a subscription resumed with ``since`` gets what it missed first; a
dropped connection is reopened and resumed on its own; a ``since`` from before the service's log
raises ReloadRequired. Each test asserts facts of its own on the seed's Ukraine track (a role
unique to the run) and retracts them, so the seed's counts and the notebook are unchanged."""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import diplograph
from diplograph.live import ChangeEvent, Subscription

TRACK = "track/ukraine-peace-talks"
SOURCE = "source/2026-01-26-us-envoys-to-meet-putin"
QUOTE = "Their last meeting was in Moscow on December 2, 2025"
ASSERT = """mutation($in: AssertRelationInput!) { assertRelation(input: $in) { created relation { id } } }"""
RETRACT = """mutation($id: ID!, $r: String!) { retractRelation(id: $id, reason: $r) { __typename } }"""
WAIT = 20.0  # seconds for an event that should come


@pytest.fixture
def facts(live: diplograph.Client) -> Iterator[Callable[[str], str]]:
    """assert_fact(person): that person PARTY_TO the track, in a role of this run; all retracted after."""
    made: list[str] = []
    run = uuid.uuid4().hex[:8]

    def assert_fact(person: str) -> str:
        data = live.query(
            ASSERT,
            {
                "in": {
                    "from": person,
                    "type": "PARTY_TO",
                    "to": TRACK,
                    "role": f"live test {run}",
                    "confidence": 0.5,
                    "status": "REPORTED",
                    "sources": [SOURCE],
                    "quote": QUOTE,
                }
            },
        )
        assert data["assertRelation"]["created"]
        made.append(data["assertRelation"]["relation"]["id"])
        return made[-1]

    yield assert_fact
    for fact in made:
        try:
            live.query(RETRACT, {"id": fact, "r": "python live test"})
        except diplograph.DiplographError:
            pass  # retracted by the test already


def next_within(sub: Subscription, seconds: float = WAIT) -> ChangeEvent:
    """The subscription's next event, failing the test (and closing it) if none comes in time."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(next, sub)
        try:
            return future.result(timeout=seconds)
        except TimeoutError:
            sub.close()
            pytest.fail(f"no event within {seconds} s (last sequence {sub.last_sequence})")


def test_a_write_produces_one_typed_event(live: diplograph.Client, facts: Callable[[str], str]) -> None:
    with live.subscribe_track(TRACK) as sub:
        fact = facts("person/dmitry-peskov")
        event = next_within(sub)
        assert isinstance(event, ChangeEvent)
        assert (event.kind, event.operation, event.subject) == ("CREATED", "ASSERT_RELATION", fact)
        assert event.relation is not None and event.relation["type"] == "PARTY_TO"
        assert event.relation["from"]["id"] == "person/dmitry-peskov"
        assert event.relation["evidence"][0]["quote"] == QUOTE
        assert event.by and event.at.tzinfo is not None
        assert sub.last_sequence == event.sequence

        live.query(RETRACT, {"id": fact, "r": "python live test"})
        retracted = next_within(sub)
        # The next event is the retraction: the assertion came once.
        assert (retracted.kind, retracted.subject) == ("RETRACTED", fact)
        assert retracted.relation is not None and retracted.relation["status"] == "RETRACTED"
        assert retracted.sequence > event.sequence


def test_since_resumes_with_what_was_missed(live: diplograph.Client, facts: Callable[[str], str]) -> None:
    with live.subscribe_track(TRACK) as sub:
        first = facts("person/dmitry-peskov")
        seen = next_within(sub)
        assert seen.subject == first
    missed = facts("person/steve-witkoff")  # while nobody listens
    with live.subscribe_track(TRACK, since=seen.sequence) as again:
        event = next_within(again)
        assert (event.kind, event.subject) == ("CREATED", missed)
        assert event.sequence > seen.sequence


class Cuttable:
    """A TCP relay to the service whose connections the test can cut, as a network drop would."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self.down = False  # refuse (accept and close) new connections
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        """Drops every connection; with down set, new ones are refused until it is cleared."""
        with self.lock:
            conns, self.conns = self.conns, []
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self.cut()
        self.server.close()


def test_a_dropped_connection_is_resumed(service_url: str, facts: Callable[[str], str]) -> None:
    host, port = service_url.removeprefix("http://").split(":")
    relay = Cuttable((host, int(port)))
    try:
        with (
            diplograph.Client(f"http://127.0.0.1:{relay.port}") as c,
            c.subscribe_track(TRACK, reconnects=20, backoff=0.2) as sub,
        ):
            before = facts("person/dmitry-peskov")
            assert next_within(sub).subject == before
            relay.down = True
            relay.cut()
            during = facts("person/steve-witkoff")  # while the connection is down
            relay.down = False
            event = next_within(sub)  # replayed from since on the reconnection
            assert (event.kind, event.subject) == ("CREATED", during)
            assert sub.reconnections >= 1
    finally:
        relay.close()


def test_since_older_than_the_log_raises_reload_required(live: diplograph.Client) -> None:
    # Sequence numbers start at the service's start time (in microseconds): 1 is from before it.
    with pytest.raises(diplograph.ReloadRequired, match="read the graph again") as info:
        with live.subscribe_track(TRACK, since=1) as sub:
            next_within(sub)
    assert info.value.code == "RELOAD_REQUIRED"


def test_a_refused_subscription_raises_its_code(live: diplograph.Client) -> None:
    with pytest.raises(diplograph.BadUserInput) as info:
        with live.subscribe_relations(min_confidence=7.0) as sub:
            next_within(sub)
    assert info.value.code == "BAD_USER_INPUT"

"""Retries: on UNAVAILABLE for reads and idempotent writes, on RATE_LIMITED for any call; bounded."""

from __future__ import annotations

import httpx
import pytest
import respx

import diplograph

from .responses import ENDPOINT, gql_data, gql_error

READ = "{ stats { entities } }"
WRITE = 'mutation { retractRelation(id: "rel/x", reason: "y") { relation { id } } }'


def test_read_is_retried_until_it_succeeds(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float]
) -> None:
    route = router.post(ENDPOINT).mock(
        side_effect=[
            gql_error("UNAVAILABLE"),
            gql_error("UNAVAILABLE"),
            gql_data({"stats": {"entities": 52}}),
        ]
    )
    assert client.query(READ) == {"stats": {"entities": 52}}
    assert route.call_count == 3
    assert len(sleeps) == 2


def test_retries_are_bounded_and_back_off(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float]
) -> None:
    route = router.post(ENDPOINT).mock(return_value=gql_error("UNAVAILABLE", "database unavailable"))
    with pytest.raises(diplograph.Unavailable, match="database unavailable"):
        client.query(READ)
    assert route.call_count == 4  # max_attempts
    assert len(sleeps) == 3
    # Each wait is within [ceiling/2, ceiling] for ceiling = 0.1, 0.2, 0.4 (cap 1.0).
    for wait, ceiling in zip(sleeps, (0.1, 0.2, 0.4), strict=True):
        assert ceiling / 2 <= wait <= ceiling


def test_backoff_is_capped(router: respx.MockRouter, sleeps: list[float]) -> None:
    router.post(ENDPOINT).mock(return_value=gql_error("UNAVAILABLE"))
    c = diplograph.Client(ENDPOINT, max_attempts=8, backoff=0.5, max_backoff=1.0, sleep=sleeps.append)
    with pytest.raises(diplograph.Unavailable):
        c.query(READ)
    assert len(sleeps) == 7 and max(sleeps) <= 1.0


def test_retry_after_is_honoured_up_to_the_cap(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float]
) -> None:
    busy = httpx.Response(503, headers={"Retry-After": "0.8"}, text="busy")
    router.post(ENDPOINT).mock(side_effect=[busy, gql_data({"ok": True})])
    assert client.query(READ) == {"ok": True}
    assert sleeps == [0.8]


def test_rate_limited_is_retried_after_its_wait_even_for_a_mutation(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float]
) -> None:
    refused = httpx.Response(
        429,
        headers={"Retry-After": "0.7", "RateLimit": '"address";r=0;t=1'},
        json={"errors": [{"message": "Too many", "extensions": {"code": "RATE_LIMITED", "retryAfter": 1}}]},
    )
    route = router.post(ENDPOINT).mock(side_effect=[refused, gql_data({"retractRelation": {}})])
    assert client.query(WRITE) == {"retractRelation": {}}
    assert route.call_count == 2 and sleeps == [0.7]


def test_rate_limited_retries_are_bounded(router: respx.MockRouter, client: diplograph.Client) -> None:
    route = router.post(ENDPOINT).mock(return_value=gql_error("RATE_LIMITED", status=429))
    with pytest.raises(diplograph.RateLimited):
        client.query(READ)
    assert route.call_count == 4  # max_attempts


@pytest.mark.parametrize("code", ["NOT_FOUND", "BAD_USER_INPUT", "INTERNAL", "FORBIDDEN", "UNAUTHENTICATED"])
def test_other_codes_are_not_retried(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float], code: str
) -> None:
    route = router.post(ENDPOINT).mock(return_value=gql_error(code))
    with pytest.raises(diplograph.DiplographError):
        client.query(READ)
    assert route.call_count == 1 and sleeps == []


def test_mutation_is_not_retried(
    router: respx.MockRouter, client: diplograph.Client, sleeps: list[float]
) -> None:
    route = router.post(ENDPOINT).mock(return_value=gql_error("UNAVAILABLE"))
    with pytest.raises(diplograph.Unavailable):
        client.query("# a comment first\n" + WRITE)
    assert route.call_count == 1 and sleeps == []


def test_idempotent_mutation_is_retried(router: respx.MockRouter, client: diplograph.Client) -> None:
    route = router.post(ENDPOINT).mock(side_effect=[gql_error("UNAVAILABLE"), gql_data({"upsertEntity": {}})])
    assert client.query(WRITE, idempotent=True) == {"upsertEntity": {}}
    assert route.call_count == 2


def test_connection_refused_is_unavailable_and_retried(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    route = router.post(ENDPOINT).mock(side_effect=[httpx.ConnectError("refused"), gql_data({"ok": 1})])
    assert client.query(READ) == {"ok": 1}
    assert route.call_count == 2


def test_max_attempts_one_turns_retries_off(router: respx.MockRouter, sleeps: list[float]) -> None:
    route = router.post(ENDPOINT).mock(return_value=gql_error("UNAVAILABLE"))
    with pytest.raises(diplograph.Unavailable):
        diplograph.Client(ENDPOINT, max_attempts=1, sleep=sleeps.append).query(READ)
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("{ a }", False),
        ("query Q { a }", False),
        ("  mutation M { a }", True),
        ("# mutation in a comment\nquery { a }", False),
        ("#c1\n#c2\nmutation { a }", True),
    ],
)
def test_is_mutation(doc: str, expected: bool) -> None:
    from diplograph.transport import is_mutation

    assert is_mutation(doc) is expected

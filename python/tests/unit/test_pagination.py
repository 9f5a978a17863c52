"""entities() follows the connection's cursors and stops at limit; time arguments become variables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
import respx

import diplograph

from .responses import ENDPOINT, gql_data, sent


def entity(i: int) -> dict[str, Any]:
    return {"id": f"country/c{i}", "kind": "COUNTRY", "name": f"C{i}", "aliases": [], "description": None}


def pages(total: int, size: int) -> list[httpx.Response]:
    out = []
    for start in range(0, total, size):
        ids = range(start, min(total, start + size))
        out.append(
            gql_data(
                {
                    "entities": {
                        "totalCount": total,
                        "pageInfo": {
                            "hasNextPage": start + size < total,
                            "endCursor": f"cursor{start + size}",
                        },
                        "nodes": [entity(i) for i in ids],
                    }
                }
            )
        )
    return out


def test_every_page_is_followed(router: respx.MockRouter, client: diplograph.Client) -> None:
    route = router.post(ENDPOINT).mock(side_effect=pages(250, 100))
    table = client.entities(kinds=["country"], name_contains="c")
    assert len(table) == 250 and table.total_count == 250
    assert [e["id"] for e in table][:2] == ["country/c0", "country/c1"]
    sent_vars = [sent(c)["variables"] for c in route.calls]
    assert [v["after"] for v in sent_vars] == [None, "cursor100", "cursor200"]
    assert all(v["first"] == 100 for v in sent_vars)
    assert sent_vars[0]["filter"] == {"kinds": ["COUNTRY"], "nameContains": "c"}
    assert sent_vars[0]["sort"] == "NAME" and sent_vars[0]["descending"] is False


def test_limit_stops_early_and_asks_only_for_what_is_left(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    route = router.post(ENDPOINT).mock(side_effect=pages(250, 30))
    table = client.entities(limit=45, page_size=30)
    assert route.call_count == 2
    assert [sent(c)["variables"]["first"] for c in route.calls] == [30, 15]
    assert table.total_count == 250


def test_as_of_is_sent_as_a_day(router: respx.MockRouter, client: diplograph.Client) -> None:
    route = router.post(ENDPOINT).mock(side_effect=pages(1, 100) * 3)
    client.entities(as_of=dt.date(2025, 12, 31))
    client.entities(as_of=dt.datetime(2025, 12, 31, 23, 59))
    client.entities()
    assert [sent(c)["variables"]["asOf"] for c in route.calls] == ["2025-12-31", "2025-12-31", None]
    assert "$asOf: Date" in sent(route.calls[0])["query"]


def test_unknown_time_argument_is_refused(client: diplograph.Client) -> None:
    with pytest.raises(TypeError, match="valid_at"):
        client.entities(valid_at="2026-01-01")  # type: ignore[call-arg]


def test_empty_listing_has_its_columns(router: respx.MockRouter, client: diplograph.Client) -> None:
    empty = {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": []}
    router.post(ENDPOINT).mock(return_value=gql_data({"entities": empty}))
    df = client.entities().to_df()
    assert len(df) == 0 and "entity_id" in df.columns and "date_start" in df.columns

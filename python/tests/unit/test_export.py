"""client.export: the endpoint's parameters, bytes or a file, and typed errors."""

from __future__ import annotations

import pathlib

import httpx
import pytest
import respx

import diplograph

from .responses import URL


def test_export_sends_the_scope_and_filters_and_returns_bytes(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    route = router.get(f"{URL}/export/gexf").mock(return_value=httpx.Response(200, content=b"<gexf/>"))
    body = client.export(
        "gexf",
        "neighborhood",
        id="person/vladimir-putin",
        depth=2,
        types=["met_with", "LEADS"],
        min_confidence=0.5,
        as_of="2025-12-31",
    )
    assert body == b"<gexf/>"
    params = dict(route.calls.last.request.url.params)
    assert params == {
        "scope": "neighborhood",
        "id": "person/vladimir-putin",
        "depth": "2",
        "types": "MET_WITH,LEADS",
        "minConfidence": "0.5",
        "asOf": "2025-12-31",
    }


def test_export_writes_a_file(
    router: respx.MockRouter, client: diplograph.Client, tmp_path: pathlib.Path
) -> None:
    router.get(f"{URL}/export/csv").mock(return_value=httpx.Response(200, content=b"PK..."))
    out = client.export("csv", "entities", tmp_path / "view.zip", ids=["country/russia", "person/x"])
    assert out == tmp_path / "view.zip" and out.read_bytes() == b"PK..."
    assert not list(tmp_path.glob("*.part"))


def test_export_errors_are_typed(router: respx.MockRouter, client: diplograph.Client) -> None:
    router.get(f"{URL}/export/graphml").mock(
        return_value=httpx.Response(
            400,
            json={
                "errors": [
                    {
                        "message": "depth: 9 is too deep",
                        "extensions": {"code": "BAD_USER_INPUT", "field": "depth"},
                    }
                ]
            },
        )
    )
    with pytest.raises(diplograph.BadUserInput) as info:
        client.export("graphml", "neighborhood", id="person/x", depth=9)
    assert info.value.field == "depth"
    with pytest.raises(ValueError, match="format 'pdf'"):
        client.export("pdf")

"""Every export format read back by the library analysts use, against the API's own answer:
networkx for GraphML, GEXF and node-link, pandas for the CSV zip. Node and edge counts, ids, and
each fact's type, confidence, status, valid time, sources and quotes must match."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import diplograph
from diplograph.rows import fact_row

CENTRE = "person/vladimir-putin"
AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def api(live: diplograph.Client) -> tuple[set[str], dict[str, dict[str, Any]]]:
    """The neighbourhood as GraphQL answers it: node ids, and each fact's row by fact id."""
    sub = live.neighborhood(CENTRE, depth=2, limit=500, as_of=AS_OF)
    assert not sub.truncated and len(sub.edges) > 20
    return {n["id"] for n in sub.nodes}, {e["id"]: fact_row(e) for e in sub.edges}


def _export(live: diplograph.Client, fmt: str) -> bytes:
    body = live.export(fmt, "neighborhood", id=CENTRE, depth=2, limit=500, as_of=AS_OF)
    assert isinstance(body, bytes)
    return body


def _day(value: Any) -> str:
    return "" if value is None else value.isoformat()


def _text(value: Any) -> str:
    """An attribute a format left out, or a CSV cell pandas read as NaN, is empty."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def check_edge(attrs: dict[str, Any], want: dict[str, Any], lists_are_json: bool) -> None:
    """One exported fact against the API's row for it."""
    sources, quotes = attrs["sources"], attrs["quotes"]
    if lists_are_json:
        sources, quotes = json.loads(sources), json.loads(quotes)
    assert attrs["relType"] == want["relation_type"]
    assert float(attrs["confidence"]) == want["confidence"]
    assert str(attrs["status"]).upper() == want["status"]
    assert _text(attrs.get("validFrom")) == (want["valid_from"] or "")
    assert _text(attrs.get("validTo")) == (want["valid_to"] or "")
    assert _text(attrs.get("validFromPrecision")) == (want["valid_from_precision"] or "")
    assert _text(attrs.get("validFirstDay")) == _day(want["valid_from_start"])
    assert _text(attrs.get("validLastDay")) == _day(want["valid_to_end"])
    assert sources == want["source_ids"] and quotes == want["quotes"]
    assert quotes[0] == want["quote"]


def check_graph(
    g: Any, api: tuple[set[str], dict[str, dict[str, Any]]], id_attr: str, lists_are_json: bool
) -> None:
    nodes, facts = api
    assert set(g.nodes) == nodes
    edges = {d[id_attr] if id_attr else k: (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    assert set(edges) == set(facts) and g.number_of_edges() == len(facts)
    for fact_id, (u, v, d) in edges.items():
        assert (u, v) == (facts[fact_id]["from_id"], facts[fact_id]["to_id"])
        check_edge(d, facts[fact_id], lists_are_json)


def test_graphml_round_trip(live: diplograph.Client, api: Any) -> None:
    g = nx.read_graphml(io.BytesIO(_export(live, "graphml")), force_multigraph=True)
    check_graph(g, api, "factId", lists_are_json=True)
    assert g.nodes[CENTRE]["name"] == "Vladimir Putin" and g.nodes[CENTRE]["entityKind"] == "Person"


def test_gexf_round_trip(live: diplograph.Client, api: Any) -> None:
    body = _export(live, "gexf")
    assert b'xmlns="http://gexf.net/1.3"' in body[:400] and b'mode="dynamic"' in body[:2000]
    g = nx.read_gexf(io.BytesIO(body))
    assert g.graph["mode"] == "dynamic"
    check_graph(g, api, "factId", lists_are_json=True)
    # Valid time is each fact's spell, so Gephi's timeline plays it.
    _, facts = api
    dated = [d for _, _, d in g.edges(data=True) if facts[d["factId"]]["valid_from_start"]]
    assert dated and all(d["spells"][0][0] == d["validFirstDay"] for d in dated)


def test_node_link_round_trip(live: diplograph.Client, api: Any) -> None:
    g = nx.node_link_graph(json.loads(_export(live, "nodelink")), edges="edges")
    assert g.is_directed() and g.is_multigraph()
    check_graph(g, api, "", lists_are_json=False)


def test_csv_round_trip(live: diplograph.Client, api: Any) -> None:
    with zipfile.ZipFile(io.BytesIO(_export(live, "csv"))) as z:
        assert z.namelist() == ["nodes.csv", "edges.csv"]
        nodes = pd.read_csv(z.open("nodes.csv"), keep_default_na=False)
        edges = pd.read_csv(z.open("edges.csv"), keep_default_na=False)
    want_nodes, facts = api
    assert set(nodes["id"]) == want_nodes and len(nodes) == len(want_nodes)
    assert set(edges["factId"]) == set(facts) and len(edges) == len(facts)
    for row in edges.to_dict("records"):
        want = facts[row["factId"]]
        assert (row["source"], row["target"]) == (want["from_id"], want["to_id"])
        check_edge(row, want, lists_are_json=True)


def test_whole_graph_and_file(live: diplograph.Client, tmp_path: Any) -> None:
    stats = live.query("{ stats { entities relations } }")["stats"]
    path = live.export("nodelink", path=tmp_path / "all.json")
    g = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert (g.number_of_nodes(), g.number_of_edges()) == (stats["entities"], stats["relations"])


def test_export_errors_are_typed(live: diplograph.Client) -> None:
    with pytest.raises(diplograph.BadUserInput) as info:
        live.export("gexf", "neighborhood", id=CENTRE, depth=9)
    assert info.value.field == "depth"
    with pytest.raises(diplograph.NotFound):
        live.export("gexf", "neighborhood", id="person/nobody-at-all")

"""Tables and graphs keep provenance: fact id, type, quote, sources, confidence, valid time with precision."""

from __future__ import annotations

from typing import Any

import pandas as pd
import respx

import diplograph

from .responses import ENDPOINT, gql_data

MONTH = {"value": "2026-01", "precision": "MONTH", "start": "2026-01-01", "end": "2026-01-31"}
DAY = {"value": "2026-01-22", "precision": "DAY", "start": "2026-01-22", "end": "2026-01-22"}
YEAR = {"value": "2014", "precision": "YEAR", "start": "2014-01-01", "end": "2014-12-31"}


def fact(fid: str, src: str, typ: str, dst: str, valid_from: Any = None, quote: str = "q") -> dict[str, Any]:
    return {
        "id": fid,
        "type": typ,
        "role": "",
        "confidence": 0.9,
        "status": "REPORTED",
        "quote": quote,
        "from": {"id": src, "kind": src.split("/")[0].upper(), "name": src.split("/")[1]},
        "to": {"id": dst, "kind": dst.split("/")[0].upper(), "name": dst.split("/")[1]},
        "validFrom": valid_from,
        "validTo": None,
        "evidence": [
            {
                "quote": quote,
                "source": {"id": "source/a", "title": "A", "publisher": None, "url": "u", "published": None},
            },
            {
                "quote": quote + "!",
                "source": {"id": "source/b", "title": "B", "publisher": None, "url": None, "published": None},
            },
        ],
    }


def test_cross_track_rows_carry_both_sides_evidence(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    link = {
        "score": 2.5,
        "entity": {"id": "country/russia", "kind": "COUNTRY", "name": "Russia"},
        "tiesA": [{"via": None, "relations": [fact("rel/1", "country/russia", "PARTY_TO", "track/a", YEAR)]}],
        "tiesB": [
            {
                "via": {"id": "body/b", "kind": "BODY", "name": "Board"},
                "relations": [
                    fact("rel/2", "country/russia", "INVITED_TO", "body/b", quote="invited"),
                    fact("rel/3", "body/b", "PART_OF", "track/b"),
                ],
            }
        ],
    }
    router.post(ENDPOINT).mock(return_value=gql_data({"crossTrack": [link]}))
    ct = client.cross_track("track/a", "track/b")
    df = ct.to_df()
    assert list(df["fact_id"]) == ["rel/1", "rel/2", "rel/3"]
    assert list(df["side"]) == ["a", "b", "b"] and list(df["side_id"]) == ["track/a", "track/b", "track/b"]
    assert list(df["step"]) == [0, 0, 1] and df["via_id"].tolist()[1:] == ["body/b", "body/b"]
    assert df.loc[0, "valid_from"] == "2014" and df.loc[0, "valid_from_precision"] == "YEAR"
    assert df.loc[0, "valid_from_end"] == pd.Timestamp("2014-12-31")
    assert df.loc[1, "source_ids"] == ["source/a", "source/b"] and df.loc[1, "quotes"] == [
        "invited",
        "invited!",
    ]
    summary = ct.summary_df()
    assert summary.loc[0, "entity_name"] == "Russia"
    assert summary.loc[0, "evidence_b"] == "INVITED_TO via Board: “invited”"


def test_timeline_dates_are_pandas_with_precision(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    events = [
        {
            "id": "event/x",
            "kind": "EVENT",
            "name": "X",
            "aliases": [],
            "description": None,
            "date": MONTH,
            "participants": [{"role": "host", "entity": {"id": "country/russia", "name": "Russia"}}],
        },
        {
            "id": "event/y",
            "kind": "EVENT",
            "name": "Y",
            "aliases": [],
            "description": None,
            "date": DAY,
            "participants": [],
        },
    ]
    router.post(ENDPOINT).mock(return_value=gql_data({"timeline": events}))
    df = client.timeline("track/a").to_df()
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    assert pd.api.types.is_datetime64_any_dtype(df["date_end"])
    assert df["date_precision"].tolist() == ["MONTH", "DAY"]
    assert df["date"].tolist() == ["2026-01", "2026-01-22"]
    assert df.loc[0, "date_end"] == pd.Timestamp("2026-01-31")
    assert df.loc[0, "participants"] == ["country/russia"] and df.loc[0, "participant_roles"] == ["host"]


def test_neighborhood_graph_has_provenance_attributes(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    nodes = [
        {"id": "country/russia", "kind": "COUNTRY", "name": "Russia", "aliases": ["RF"], "description": "d"}
    ]
    edges = [
        fact("rel/1", "country/russia", "INVITED_TO", "body/b", DAY, quote="invited"),
        fact("rel/2", "country/russia", "PARTY_TO", "body/b"),
    ]
    router.post(ENDPOINT).mock(
        return_value=gql_data({"neighborhood": {"truncated": True, "nodes": nodes, "edges": edges}})
    )
    sub = client.neighborhood("country/russia")
    g = sub.to_networkx()
    assert g.graph["truncated"] is True
    assert g.number_of_nodes() == 2 and g.number_of_edges() == 2  # parallel facts stay apart
    assert g.nodes["country/russia"]["entity_kind"] == "COUNTRY"
    assert g.nodes["body/b"]["name"] == "b"  # an end known only from the fact
    e = g.edges["country/russia", "body/b", "rel/1"]
    assert e["relation_type"] == "INVITED_TO" and e["quote"] == "invited" and e["confidence"] == 0.9
    assert e["valid_from_precision"] == "DAY" and e["source_ids"] == ["source/a", "source/b"]
    reserved = {"id", "label", "type", "kind", "start", "end", "weight", "pid"}
    attrs = {k for _, _, d in g.edges(data=True) for k in d} | {k for _, d in g.nodes(data=True) for k in d}
    assert not attrs & reserved
    assert sub.nodes_df().loc[0, "aliases"] == ["RF"]
    assert len(sub.edges_df()) == 2


def test_paths_rows_number_paths_and_hops(router: respx.MockRouter, client: diplograph.Client) -> None:
    p = {
        "length": 2,
        "nodes": [
            {"id": "person/a", "kind": "PERSON", "name": "A", "aliases": [], "description": None},
            {"id": "person/b", "kind": "PERSON", "name": "B", "aliases": [], "description": None},
            {"id": "body/c", "kind": "BODY", "name": "C", "aliases": [], "description": None},
        ],
        "hops": [
            fact("rel/1", "person/a", "HOLDS_ROLE", "person/b"),
            fact("rel/2", "person/b", "ESTABLISHED", "body/c"),
        ],
    }
    router.post(ENDPOINT).mock(return_value=gql_data({"paths": [p]}))
    paths = client.paths("person/a", "body/c")
    assert paths[0].ids == ["person/a", "person/b", "body/c"]
    df = paths.to_df()
    assert df[["path", "hop", "fact_id"]].values.tolist() == [[0, 0, "rel/1"], [0, 1, "rel/2"]]
    assert paths.to_networkx().number_of_edges() == 2


def test_search_and_relations_tables(router: respx.MockRouter, client: diplograph.Client) -> None:
    hit = {
        "score": 3.1,
        "entity": {"id": "person/z", "kind": "PERSON", "name": "Z", "aliases": [], "description": None},
    }
    router.post(ENDPOINT).mock(
        side_effect=[
            gql_data({"search": [hit]}),
            gql_data({"entity": {"relations": [fact("rel/9", "person/z", "STATED", "track/t", MONTH)]}}),
        ]
    )
    assert client.search("z").to_df()[["entity_id", "score"]].values.tolist() == [["person/z", 3.1]]
    df = client.relations("person/z", types=["stated"]).to_df()
    assert df.loc[0, "valid_from_start"] == pd.Timestamp("2026-01-01")

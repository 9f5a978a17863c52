"""Real answers from the seed graph (data/seed.yaml, the article of 2026-01-26), through the client."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import diplograph

UKRAINE = "track/ukraine-peace-talks"
GAZA = "track/gaza-board-of-peace"


def test_cross_track_names_the_united_states_and_russia_with_evidence(live: diplograph.Client) -> None:
    ct = live.cross_track(UKRAINE, GAZA)
    summary = ct.summary_df()
    assert summary.loc[0, "entity_id"] == "country/united-states"
    assert {"country/united-states", "country/russia", "person/donald-trump"} <= set(summary["entity_id"])
    assert (summary["ties_a"] > 0).all() and (summary["ties_b"] > 0).all()
    df = ct.to_df()
    assert set(df["side"]) == {"a", "b"}
    assert df["quote"].str.len().gt(0).all() and df["source_ids"].map(len).gt(0).all()
    russia_b = df[(df.entity_id == "country/russia") & (df.side == "b") & (df.relation_type == "INVITED_TO")]
    assert russia_b["quote"].tolist() == ["Russia’s invitation to join this board"]
    assert russia_b["via_id"].tolist() == ["body/gaza-board-of-peace"]
    assert russia_b["fact_id"].str.startswith("rel/invited_to/").all()


def test_entities_follow_pages_to_the_whole_graph(live: diplograph.Client) -> None:
    table = live.entities(page_size=7)
    stats = live.query("{ stats { entities } }")["stats"]["entities"]
    assert len(table) == table.total_count == stats == 54
    assert len({e["id"] for e in table}) == 54
    invited = live.entities(
        kinds=["COUNTRY"], has_relation="INVITED_TO", related_to="body/gaza-board-of-peace"
    )
    assert invited.to_df()["name"].tolist() == ["Belarus", "Hungary", "Russia", "Vietnam"]
    assert len(live.entities(limit=10, page_size=4)) == 10


def test_search_tolerates_a_misspelling(live: diplograph.Client) -> None:
    df = live.search("Zelenski", first=3).to_df()
    assert df.loc[0, "entity_id"] == "person/volodymyr-zelenskyy"


def test_neighborhood_as_networkx(live: diplograph.Client) -> None:
    sub = live.neighborhood("body/gaza-board-of-peace", depth=1, limit=5)
    assert sub.truncated
    g = sub.to_networkx()
    assert {"country/russia", "country/hungary", "country/belarus", "country/vietnam"} <= set(g.nodes)
    invited = [
        d for u, v, d in g.edges(data=True) if d["relation_type"] == "INVITED_TO" and u == "country/russia"
    ]
    assert len(invited) == 1 and invited[0]["confidence"] == 0.9
    assert invited[0]["source_ids"] and invited[0]["quote"]


def test_paths_explain_themselves(live: diplograph.Client) -> None:
    paths = live.paths("person/steve-witkoff", "body/gaza-board-of-peace", max_hops=3, first=3)
    assert paths[0].ids == ["person/steve-witkoff", "person/donald-trump", "body/gaza-board-of-peace"]
    df = paths.to_df()
    assert df[df.path == 0]["relation_type"].tolist() == ["HOLDS_ROLE", "ESTABLISHED"]


def test_timeline_keeps_date_precision(live: diplograph.Client) -> None:
    df = live.timeline(UKRAINE, from_="2026-01", to="2026-01").to_df()
    # Three of January's events are known only by their bounds (../2026-01-26, ../2026-01-22,
    # 2026-01-19/2026-01-26): the two open at the start come first, with no first day.
    assert df["date_bounded"].tolist() == [True, True, True, False]
    assert df["event_id"].iloc[-1] == "event/2026-01-22-moscow-meeting-witkoff-kushner-putin"
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    assert df["date_start"].iloc[:2].isna().all() and df["date_start"].iloc[2] == pd.Timestamp("2026-01-19")
    ends = ("2026-01-26", "2026-01-22", "2026-01-26", "2026-01-22")
    assert df["date_end"].tolist() == [pd.Timestamp(d) for d in ends]
    assert "country/russia" in df["participants"].iloc[-1]
    # The article says the Moscow meeting is scheduled, not that it took place.
    assert df["event_status"].iloc[-1] == "SCHEDULED"


def test_facts_say_whether_stated_or_inferred(live: diplograph.Client) -> None:
    df = live.relations("country/hungary").to_df()
    assert set(df["basis"]) <= {"STATED", "INFERRED"}
    inferred = df[df["basis"] == "INFERRED"]
    assert inferred["basis_note"].notna().all()


def test_as_of_reads_the_past(live: diplograph.Client) -> None:
    now = live.timeline("person/vladimir-putin")
    then = live.timeline("person/vladimir-putin", as_of="2025-12-31")
    assert [e["id"] for e in then] == ["event/2025-12-02-moscow-meeting-witkoff-putin"]
    assert len(now) > len(then)


def test_known_at_reads_what_the_graph_held(live: diplograph.Client) -> None:
    # Record time: before the seed was imported the graph held none of its facts.
    assert len(live.relations("country/russia")) > 0
    assert len(live.relations("country/russia", known_at="2020-01-01T00:00:00Z")) == 0
    assert len(live.relations("country/russia", known_at=dt.datetime.now(dt.UTC))) > 0


def test_relations_keep_partial_valid_time(live: diplograph.Client) -> None:
    df = live.relations("country/russia", types=["ANNEXED"], direction="OUT").to_df()
    row = df.iloc[0]
    assert (row.to_id, row.valid_from, row.valid_from_precision) == ("territory/crimea", "2014", "YEAR")
    assert row.valid_from_end == pd.Timestamp("2014-12-31")


def test_unknown_id_is_not_found(live: diplograph.Client) -> None:
    with pytest.raises(diplograph.NotFound, match="person/nobody"):
        live.entity("person/nobody")


def test_bad_argument_names_its_field(live: diplograph.Client) -> None:
    with pytest.raises(diplograph.BadUserInput) as info:
        live.neighborhood("country/russia", depth=9)
    assert info.value.field == "depth"


def test_graphql_validation_error_is_bad_user_input(live: diplograph.Client) -> None:
    with pytest.raises(diplograph.BadUserInput):
        live.query("{ noSuchField }")


def test_bad_api_key_is_unauthenticated(service_url: str) -> None:
    with (
        diplograph.Client(service_url, api_key="not-a-key-the-service-knows") as c,
        pytest.raises(diplograph.Unauthenticated),
    ):
        c.entity("country/russia")


def test_nothing_listening_is_unavailable_after_bounded_retries() -> None:
    waits: list[float] = []
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with diplograph.Client("http://127.0.0.1:9", max_attempts=3, sleep=waits.append) as c:
        with pytest.raises(diplograph.Unavailable):
            c.entity("country/russia")
    assert len(waits) == 2

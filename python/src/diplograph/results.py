"""What the helpers return: the service's answer, plus tables (``to_df``) and graphs (``to_networkx``).

Every result keeps the raw answer (``.raw``) and offers ``rows()``: plain dicts, no pandas
needed. ``to_df()`` needs the ``pandas`` extra, ``to_networkx()`` the ``networkx`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .rows import (
    ENTITY_COLUMNS,
    FACT_COLUMNS,
    Row,
    entity_row,
    fact_row,
    frame,
    require_networkx,
)

Obj = Mapping[str, Any]


def build_graph(nodes: Iterable[Obj], edges: Iterable[Obj]) -> Any:
    """A networkx MultiDiGraph: entities keyed by id, facts keyed by fact id, provenance as attributes.

    Ends of a fact that are not among ``nodes`` are added with what the fact says about them.
    """
    nx = require_networkx()
    g = nx.MultiDiGraph()
    for n in nodes:
        row = entity_row(n)
        g.add_node(row.pop("entity_id"), **row)
    for r in edges:
        row = fact_row(r)
        u, v = row.pop("from_id"), row.pop("to_id")
        for end, name in ((u, row.pop("from_name")), (v, row.pop("to_name"))):
            if end not in g:
                g.add_node(end, name=name, entity_kind=end.split("/", 1)[0].upper())
        g.add_edge(u, v, key=row["fact_id"], **row)
    return g


@dataclass
class Table:
    """A list the service answered (``raw``), one row per item unless a subclass says otherwise."""

    raw: list[Obj]
    columns: ClassVar[list[str]] = []

    def __len__(self) -> int:
        return len(self.raw)

    def __iter__(self) -> Iterator[Obj]:
        return iter(self.raw)

    def rows(self) -> list[Row]:
        return [self.row(item) for item in self.raw]

    def row(self, item: Obj) -> Row:
        raise NotImplementedError

    def to_df(self) -> Any:
        """A DataFrame of :meth:`rows` with the class's columns; dates as datetime64."""
        return frame(self.rows(), self.columns)


@dataclass
class EntityTable(Table):
    """Entities of one listing, every page followed. ``total_count`` is the size of the whole listing.
    Columns: entity_id, entity_kind, name, aliases, description, an event's date."""

    total_count: int = 0
    columns: ClassVar[list[str]] = ENTITY_COLUMNS

    def row(self, item: Obj) -> Row:
        return entity_row(item)


@dataclass
class SearchHits(Table):
    """Search results, best first. Columns: score and the entity's columns."""

    columns: ClassVar[list[str]] = ["score", *ENTITY_COLUMNS]

    def row(self, item: Obj) -> Row:
        return {"score": item["score"], **entity_row(item["entity"])}


@dataclass
class Facts(Table):
    """Facts (relations), each with its evidence. Columns: see :func:`diplograph.rows.fact_row`."""

    columns: ClassVar[list[str]] = FACT_COLUMNS

    def row(self, item: Obj) -> Row:
        return fact_row(item)


@dataclass
class Subgraph:
    """A neighbourhood: its entities, the facts between them, and whether more were in reach."""

    nodes: list[Obj]
    edges: list[Obj]
    truncated: bool

    def nodes_df(self) -> Any:
        return frame([entity_row(n) for n in self.nodes], ENTITY_COLUMNS)

    def edges_df(self) -> Any:
        return Facts(self.edges).to_df()

    to_df = edges_df

    def to_networkx(self) -> Any:
        """A MultiDiGraph keyed by entity id and fact id; ``graph["truncated"]`` says if it is partial."""
        g = build_graph(self.nodes, self.edges)
        g.graph["truncated"] = self.truncated
        return g


@dataclass
class Path:
    """One shortest path: its entities in order and the fact for each hop."""

    length: int
    nodes: list[Obj]
    hops: list[Obj]

    @property
    def ids(self) -> list[str]:
        return [n["id"] for n in self.nodes]


@dataclass
class Paths:
    """Shortest paths between two entities, shortest first."""

    paths: list[Path]

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[Path]:
        return iter(self.paths)

    def __getitem__(self, i: int) -> Path:
        return self.paths[i]

    def rows(self) -> list[Row]:
        return [
            {"path": p_i, "hop": h_i, "length": p.length, **fact_row(h)}
            for p_i, p in enumerate(self.paths)
            for h_i, h in enumerate(p.hops)
        ]

    def to_df(self) -> Any:
        """One row per hop: path (0-based), hop (0-based), length, and the fact's columns."""
        return frame(self.rows(), ["path", "hop", "length", *FACT_COLUMNS])

    def to_networkx(self) -> Any:
        """The union of the paths as one MultiDiGraph."""
        return build_graph([n for p in self.paths for n in p.nodes], [h for p in self.paths for h in p.hops])


@dataclass
class CrossTrack(Table):
    """Who links two tracks (or conflicts): ``raw`` holds the links, strongest first, each with its
    ties to side ``a`` and side ``b``.

    ``to_df()`` has one row per fact of each tie. A tie is one fact (``via_id`` empty) or two
    through an entity in between (``step`` 0 and 1). Columns: rank, entity_id, entity_name,
    entity_kind, score, side (a/b), side_id, tie, via_id, via_name, step, then the fact's columns
    (fact_id, relation_type, quote, source_ids, confidence, valid_from...).
    """

    a: str = ""
    b: str = ""
    columns: ClassVar[list[str]] = [
        "rank", "entity_id", "entity_name", "entity_kind", "score", "side", "side_id",
        "tie", "via_id", "via_name", "step", *FACT_COLUMNS,
    ]  # fmt: skip

    def rows(self) -> list[Row]:
        out: list[Row] = []
        for rank, link in enumerate(self.raw):
            ent = link["entity"]
            for side, side_id, ties in (("a", self.a, link["tiesA"]), ("b", self.b, link["tiesB"])):
                for tie_i, tie in enumerate(ties):
                    via = tie.get("via") or {}
                    for step, rel in enumerate(tie["relations"]):
                        link_cols = {
                            "rank": rank, "entity_id": ent["id"], "entity_name": ent["name"],
                            "entity_kind": ent["kind"], "score": link["score"],
                        }  # fmt: skip
                        tie_cols = {
                            "side": side, "side_id": side_id, "tie": tie_i,
                            "via_id": via.get("id"), "via_name": via.get("name"), "step": step,
                        }  # fmt: skip
                        out.append({**link_cols, **tie_cols, **fact_row(rel)})
        return out

    def summary_df(self) -> Any:
        """One row per linking entity, strongest first, with each side's evidence in a few words:
        ``evidence_a`` / ``evidence_b`` list ``TYPE via X: “quote”`` for the first fact of each tie."""
        rows = []
        for link in self.raw:
            rows.append(
                {
                    "entity_id": link["entity"]["id"],
                    "entity_name": link["entity"]["name"],
                    "score": link["score"],
                    "ties_a": len(link["tiesA"]),
                    "ties_b": len(link["tiesB"]),
                    "evidence_a": _tie_summary(link["tiesA"]),
                    "evidence_b": _tie_summary(link["tiesB"]),
                }
            )
        return frame(
            rows, ["entity_id", "entity_name", "score", "ties_a", "ties_b", "evidence_a", "evidence_b"]
        )


def _tie_summary(ties: Sequence[Obj]) -> str:
    parts = []
    for tie in ties:
        rel = tie["relations"][0]
        via = f" via {tie['via']['name']}" if tie.get("via") else ""
        parts.append(f"{rel['type']}{via}: “{rel['quote']}”")
    return "; ".join(parts)


@dataclass
class Timeline(Table):
    """Events in date order, each with its participants. Columns: event_id, name, description,
    event_status (SCHEDULED, HELD...; None when no source gives one), date (as known),
    date_precision, date_bounded (known only by its bounds), date_start and date_end
    (datetime64: the first and last day the date may mean; NaT on an open side), participants
    and participant_roles (parallel lists)."""

    columns: ClassVar[list[str]] = [
        "event_id", "name", "description", "event_status", "date", "date_precision", "date_bounded",
        "date_start", "date_end", "participants", "participant_roles", "aliases", "entity_kind",
    ]  # fmt: skip

    def row(self, item: Obj) -> Row:
        row = entity_row(item)
        row["event_id"] = row.pop("entity_id")
        participants = item.get("participants") or []
        row["participants"] = [p["entity"]["id"] for p in participants]
        row["participant_roles"] = [p.get("role") for p in participants]
        return row

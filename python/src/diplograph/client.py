"""The analyst's client: GraphQL plus helpers that return tables and graphs with provenance.

>>> import diplograph
>>> c = diplograph.Client("http://localhost:8080")                      # doctest: +SKIP
>>> c.cross_track("track/ukraine-peace-talks", "track/gaza-board-of-peace").to_df()  # doctest: +SKIP
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Sequence
from typing import Any, Unpack

from . import documents as doc
from . import exports
from .live import Subscription
from .results import CrossTrack, EntityTable, Facts, Path, Paths, SearchHits, Subgraph, Timeline
from .timeargs import TimeArgs, time_variables
from .transport import GraphQLSession

# entities() pages by this many: the service's largest page.
MAX_PAGE = 100


def _names(values: Sequence[str] | None) -> list[str] | None:
    """Enum values as the schema spells them: ``"person"`` and ``"PERSON"`` both work."""
    return None if values is None else [v.upper() for v in values]


class Client(GraphQLSession):
    """A diplograph service. ``Client(url, api_key=None, token=None)``; see
    :class:`diplograph.transport.GraphQLSession` for retries and timeouts.

    Every helper that reads the graph at a moment takes the time keywords of
    :class:`diplograph.timeargs.TimeArgs` (``as_of="2025-12-31"``).

    Example::

        with diplograph.Client("http://localhost:8080", api_key=os.environ["DIPLOGRAPH_API_KEY"]) as c:
            df = c.entities(kinds=["COUNTRY"]).to_df()
    """

    def entity(self, id: str) -> dict[str, Any]:
        """One entity by id (NotFound when the graph has none).

        >>> c.entity("country/russia")["name"]  # doctest: +SKIP
        'Russia'
        """
        entity: dict[str, Any] = self.query(doc.ENTITY, {"id": id})["entity"]
        return entity

    def entities(
        self,
        *,
        kinds: Sequence[str] | None = None,
        name_contains: str | None = None,
        track: str | None = None,
        conflict: str | None = None,
        has_relation: str | None = None,
        related_to: str | None = None,
        sort: str = "NAME",
        descending: bool = False,
        limit: int | None = None,
        page_size: int = MAX_PAGE,
        **time: Unpack[TimeArgs],
    ) -> EntityTable:
        """Entities matching a filter, every page followed (up to ``limit`` entities if given).

        Example::

            c.entities(kinds=["COUNTRY"], has_relation="INVITED_TO",
                       related_to="body/gaza-board-of-peace").to_df()["name"].tolist()
            # ['Belarus', 'Hungary', 'Russia', 'Vietnam']
        """
        filt = {
            "kinds": _names(kinds),
            "nameContains": name_contains,
            "track": track,
            "conflict": conflict,
            "hasRelation": has_relation.upper() if has_relation else None,
            "relatedTo": related_to,
        }
        variables: dict[str, Any] = {
            "filter": {k: v for k, v in filt.items() if v is not None},
            "sort": sort.upper(),
            "descending": descending,
            "after": None,
            **time_variables(time),
        }
        found: list[Any] = []
        total = 0
        while True:
            want = page_size if limit is None else min(page_size, limit - len(found))
            variables["first"] = want
            conn = self.query(doc.ENTITIES, variables)["entities"]
            total = conn["totalCount"]
            found.extend(conn["nodes"])
            page = conn["pageInfo"]
            if not page["hasNextPage"] or (limit is not None and len(found) >= limit):
                return EntityTable(found, total_count=total)
            variables["after"] = page["endCursor"]

    def search(self, text: str, *, kinds: Sequence[str] | None = None, first: int = 10) -> SearchHits:
        """Full-text search over names, aliases and descriptions, best first (tolerates typos).

        >>> c.search("Zelenski", first=1).to_df()["entity_id"][0]  # doctest: +SKIP
        'person/volodymyr-zelenskyy'
        """
        data = self.query(doc.SEARCH, {"text": text, "kinds": _names(kinds), "first": first})
        return SearchHits(data["search"])

    def relations(
        self,
        id: str,
        *,
        types: Sequence[str] | None = None,
        direction: str = "BOTH",
        min_confidence: float = 0.0,
        statuses: Sequence[str] | None = None,
        **time: Unpack[TimeArgs],
    ) -> Facts:
        """The facts about one entity, each with its evidence.

        Example::

            c.relations("country/russia", types=["ANNEXED", "CLAIMS"], direction="OUT").to_df()
        """
        data = self.query(
            doc.RELATIONS,
            {
                "id": id,
                "types": _names(types),
                "direction": direction.upper(),
                "minConfidence": min_confidence,
                "statuses": _names(statuses),
                **time_variables(time),
            },
        )
        return Facts(data["entity"]["relations"])

    def neighborhood(
        self,
        id: str,
        *,
        depth: int = 1,
        relation_types: Sequence[str] | None = None,
        limit: int = 100,
        **time: Unpack[TimeArgs],
    ) -> Subgraph:
        """The entities within ``depth`` hops (1 to 3) of one entity and the facts between them.

        Example::

            g = c.neighborhood("body/gaza-board-of-peace", depth=2).to_networkx()
            g.edges["country/russia", "body/gaza-board-of-peace", fact_id]["quote"]
        """
        data = self.query(
            doc.NEIGHBORHOOD,
            {
                "id": id,
                "depth": depth,
                "relationTypes": _names(relation_types),
                "limit": limit,
                **time_variables(time),
            },
        )["neighborhood"]
        return Subgraph(data["nodes"], data["edges"], data["truncated"])

    def paths(
        self,
        from_: str,
        to: str,
        *,
        max_hops: int = 4,
        relation_types: Sequence[str] | None = None,
        first: int = 5,
        **time: Unpack[TimeArgs],
    ) -> Paths:
        """Shortest paths between two entities; every hop is a fact with its evidence.

        Example::

            p = c.paths("person/steve-witkoff", "body/gaza-board-of-peace", max_hops=3)
            p[0].ids  # ['person/steve-witkoff', 'person/donald-trump', 'body/gaza-board-of-peace']
        """
        data = self.query(
            doc.PATHS,
            {
                "from": from_,
                "to": to,
                "maxHops": max_hops,
                "relationTypes": _names(relation_types),
                "first": first,
                **time_variables(time),
            },
        )
        return Paths([Path(p["length"], p["nodes"], p["hops"]) for p in data["paths"]])

    def cross_track(self, a: str, b: str, *, first: int = 100, **time: Unpack[TimeArgs]) -> CrossTrack:
        """Who links two tracks or conflicts, strongest first, with the facts tying each to each side.

        Example::

            ct = c.cross_track("track/ukraine-peace-talks", "track/gaza-board-of-peace")
            ct.to_df()          # one row per fact of each tie, with quote and sources
            ct.summary_df()     # one row per linking entity
        """
        data = self.query(doc.CROSS_TRACK, {"a": a, "b": b, "first": first, **time_variables(time)})
        return CrossTrack(data["crossTrack"], a=a, b=b)

    def timeline(
        self,
        id: str,
        *,
        from_: str | None = None,
        to: str | None = None,
        first: int = 500,
        **time: Unpack[TimeArgs],
    ) -> Timeline:
        """The events of an entity or track in date order. ``from_`` and ``to`` are partial dates
        (``"2026"``, ``"2026-01"``); an event counts when its date may fall in the range.

        Example::

            df = c.timeline("track/ukraine-peace-talks", from_="2026-01").to_df()
            df[["name", "date", "date_precision", "date_start"]]
        """
        data = self.query(
            doc.TIMELINE,
            {
                "id": id,
                "from": from_,
                "to": to,
                "first": first,
                **time_variables(time),
            },
        )
        return Timeline(data["timeline"])

    def export(
        self,
        format: str,
        scope: str = "all",
        path: str | os.PathLike[str] | None = None,
        *,
        id: str | None = None,
        depth: int | None = None,
        limit: int | None = None,
        from_: str | None = None,
        to: str | None = None,
        max_hops: int | None = None,
        a: str | None = None,
        b: str | None = None,
        ids: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        min_confidence: float | None = None,
        **time: Unpack[TimeArgs],
    ) -> bytes | pathlib.Path:
        """A file from the service's exports (docs/exports.md): ``format`` is ``gexf`` (GEXF 1.3
        for Gephi, valid time on its timeline), ``graphml``, ``cytoscape``, ``nodelink`` or
        ``csv`` (a zip of nodes.csv and edges.csv); ``scope`` is ``all``, ``neighborhood``
        (``id``, ``depth``, ``limit``), ``track`` or ``conflict`` (``id``), ``paths`` (``from_``,
        ``to``, ``max_hops``), ``crossTrack`` (``a``, ``b``) or ``entities`` (``ids``), each
        filtered by the time keywords, ``types``, ``kinds`` and ``min_confidence``. Returns the
        bytes, or writes ``path`` (streamed) and returns it.

        Example::

            c.export("gexf", "track", "ukraine.gexf", id="track/ukraine-peace-talks")
            g = nx.node_link_graph(json.loads(c.export("nodelink", as_of="2025-12-31")), edges="edges")
        """
        options = {
            "id": id,
            "depth": depth,
            "limit": limit,
            "from_": from_,
            "to": to,
            "max_hops": max_hops,
            "a": a,
            "b": b,
            "ids": ids,
            "types": _names(types),
            "kinds": _names(kinds),
            "min_confidence": min_confidence,
        }
        base = self.endpoint.removesuffix("/graphql")
        return exports.export(self._http, base, format, scope, path, options, time)

    def subscribe_track(self, track: str, *, since: int | None = None, **options: Any) -> Subscription:
        """Every fact or event tied to a track as it changes, by the rule of ``tracks``
        (docs/live.md): an iterator of :class:`diplograph.live.ChangeEvent`, over Server-Sent
        Events. ``since``: resume after this sequence number (the ``sequence`` of the last event
        you saw); the events after it come first. A ``since`` older than the service's replay log
        raises :class:`diplograph.ReloadRequired`. ``options`` go to
        :class:`diplograph.live.Subscription` (``reconnects``, ``backoff``, ``idle_timeout``).

        Example::

            with c.subscribe_track("track/ukraine-peace-talks") as events:
                for e in events:
                    print(e.sequence, e.kind, e.relation and e.relation["type"])
        """
        return self._subscribe(doc.TRACK_ACTIVITY, "trackActivity", {"track": track}, since, options)

    def subscribe_entity(self, id: str, *, since: int | None = None, **options: Any) -> Subscription:
        """One entity's own changes (its record written, merges into or from it), as
        :meth:`subscribe_track` iterates them."""
        return self._subscribe(doc.ENTITY_CHANGED, "entityChanged", {"id": id}, since, options)

    def subscribe_relations(
        self,
        *,
        types: Sequence[str] | None = None,
        entity: str | None = None,
        track: str | None = None,
        min_confidence: float | None = None,
        since: int | None = None,
        **options: Any,
    ) -> Subscription:
        """Facts asserted, corroborated or retracted that match every filter given (all facts,
        and import summaries, when none is), as :meth:`subscribe_track` iterates them."""
        filt = {"types": _names(types), "entity": entity, "track": track, "minConfidence": min_confidence}
        variables = {"filter": {k: v for k, v in filt.items() if v is not None}}
        return self._subscribe(doc.RELATION_CHANGED, "relationChanged", variables, since, options)

    def _subscribe(
        self, document: str, field: str, variables: dict[str, Any], since: int | None, options: dict[str, Any]
    ) -> Subscription:
        return Subscription(self._http, self.endpoint, document, field, variables, since=since, **options)

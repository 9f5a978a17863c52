"""The GraphQL documents behind the helpers, each asking for the provenance of every fact.

The time variables (``$asOf``, and whatever :mod:`diplograph.timeargs` adds) are spliced in
from one place, so every document declares and passes the same ones.
"""

from __future__ import annotations

from .timeargs import TIME_ARGS, TIME_DECL

PARTIAL_DATE = "fragment PD on PartialDate { value precision bounded start end }"

ENTITY_FIELDS = """
fragment EntityFields on Entity {
  id kind name aliases description
  ... on Event { date { ...PD } status }
}"""

# A fact with everything that says where it came from: each source with its verbatim quote.
FACT_FIELDS = """
fragment Fact on Relation {
  id type role confidence status basis basisNote quote
  from { id kind name }
  to { id kind name }
  validFrom { ...PD }
  validTo { ...PD }
  evidence { quote source { id title publisher url published { value } } }
}"""

FRAGMENTS = "\n".join((PARTIAL_DATE, ENTITY_FIELDS, FACT_FIELDS))


def _doc(body: str, *fragments: str) -> str:
    return body + "\n" + "\n".join(fragments)


ENTITY = _doc(
    """query Entity($id: ID!) { entity(id: $id) { ...EntityFields } }""",
    PARTIAL_DATE,
    ENTITY_FIELDS,
)

ENTITIES = _doc(
    f"""query Entities($filter: EntityFilter, $sort: EntitySort!, $descending: Boolean!,
                 $first: Int!, $after: String, {TIME_DECL}) {{
  entities(filter: $filter, sort: $sort, descending: $descending, first: $first, after: $after,
           {TIME_ARGS}) {{
    totalCount
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ ...EntityFields }}
  }}
}}""",
    PARTIAL_DATE,
    ENTITY_FIELDS,
)

SEARCH = _doc(
    """query Search($text: String!, $kinds: [EntityKind!], $first: Int!) {
  search(text: $text, kinds: $kinds, first: $first) { score entity { ...EntityFields } }
}""",
    PARTIAL_DATE,
    ENTITY_FIELDS,
)

RELATIONS = _doc(
    f"""query Relations($id: ID!, $types: [RelationType!], $direction: Direction!, $minConfidence: Float!,
                  $statuses: [Status!], {TIME_DECL}) {{
  entity(id: $id) {{
    relations(types: $types, direction: $direction, minConfidence: $minConfidence, statuses: $statuses,
              {TIME_ARGS}) {{ ...Fact }}
  }}
}}""",
    PARTIAL_DATE,
    FACT_FIELDS,
)

NEIGHBORHOOD = _doc(
    f"""query Neighborhood($id: ID!, $depth: Int!, $relationTypes: [RelationType!], $limit: Int!,
                     {TIME_DECL}) {{
  neighborhood(id: $id, depth: $depth, relationTypes: $relationTypes, limit: $limit, {TIME_ARGS}) {{
    truncated
    nodes {{ ...EntityFields }}
    edges {{ ...Fact }}
  }}
}}""",
    FRAGMENTS,
)

PATHS = _doc(
    f"""query Paths($from: ID!, $to: ID!, $maxHops: Int!, $relationTypes: [RelationType!], $first: Int!,
              {TIME_DECL}) {{
  paths(from: $from, to: $to, maxHops: $maxHops, relationTypes: $relationTypes, first: $first,
        {TIME_ARGS}) {{
    length
    nodes {{ ...EntityFields }}
    hops {{ ...Fact }}
  }}
}}""",
    FRAGMENTS,
)

CROSS_TRACK = _doc(
    f"""query CrossTrack($a: ID!, $b: ID!, $first: Int!, {TIME_DECL}) {{
  crossTrack(a: $a, b: $b, first: $first, {TIME_ARGS}) {{
    score
    entity {{ id kind name }}
    tiesA {{ via {{ id kind name }} relations {{ ...Fact }} }}
    tiesB {{ via {{ id kind name }} relations {{ ...Fact }} }}
  }}
}}""",
    PARTIAL_DATE,
    FACT_FIELDS,
)

TIMELINE = _doc(
    f"""query Timeline($id: ID!, $from: String, $to: String, $first: Int!, {TIME_DECL}) {{
  timeline(id: $id, from: $from, to: $to, first: $first, {TIME_ARGS}) {{
    ...EntityFields
    participants({TIME_ARGS}) {{ role entity {{ id name }} }}
  }}
}}""",
    PARTIAL_DATE,
    ENTITY_FIELDS,
)

# What a subscription delivers (graph/subscription.graphqls): the entity or fact as it now
# reads, with the same fields as the queries above.
CHANGE_FIELDS = """
fragment Change on ChangeEvent {
  sequence kind operation by at fields mergedFrom
  entity { ...EntityFields }
  relation { ...Fact }
  import { origin entities relations created updated }
}"""

TRACK_ACTIVITY = _doc(
    """subscription TrackActivity($track: ID!, $since: Int) {
  trackActivity(track: $track, since: $since) { ...Change }
}""",
    FRAGMENTS,
    CHANGE_FIELDS,
)

ENTITY_CHANGED = _doc(
    """subscription EntityChanged($id: ID!, $since: Int) {
  entityChanged(id: $id, since: $since) { ...Change }
}""",
    FRAGMENTS,
    CHANGE_FIELDS,
)

RELATION_CHANGED = _doc(
    """subscription RelationChanged($filter: RelationChangeFilter, $since: Int) {
  relationChanged(filter: $filter, since: $since) { ...Change }
}""",
    FRAGMENTS,
    CHANGE_FIELDS,
)

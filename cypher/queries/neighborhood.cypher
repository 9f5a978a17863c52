// The subgraph around one entity. /*DEPTH*/ is a validated integer from 1 to 3 (a
// variable-length bound cannot be a parameter). A fact is followed when its type is asked
// for and, as of $asOf, it may have held and was not yet retracted.
MATCH (start:Entity {id: $id})
OPTIONAL MATCH (start)-[rs*1../*DEPTH*/]-(n:Entity)
WHERE n <> start
  AND all(r IN rs WHERE (size($types) = 0 OR type(r) IN $types)
      AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
      AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf)))
  AND ($asOf IS NULL OR coalesce(n.dateStart, $asOf) <= $asOf)
WITH start, n, min(size(rs)) AS hops
ORDER BY hops, n.id
WITH start, collect(n) AS reached
WITH start, reached[..$limit] AS kept, size(reached) > $limit AS truncated
WITH [start] + kept AS nodes, truncated
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes
    AND (size($types) = 0 OR type(r) IN $types)
    AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
    AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf))
  CALL (r) {
    MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source
    RETURN collect(s) AS sources
  }
  RETURN collect({rel: {props: r, type: type(r), from: a.id, to: b.id}, fromNode: a, toNode: b, sources: sources}) AS edges
}
RETURN nodes, edges, truncated

// Shortest paths between two entities over facts that pass the filter. /*MAXHOPS*/ is a
// validated integer from 1 to 6. Sources are never a step: a path through a document only
// says that two facts share a citation.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*1../*MAXHOPS*/]-(b))
WHERE all(r IN relationships(p) WHERE (size($types) = 0 OR type(r) IN $types)
        AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
        AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf)))
  AND all(n IN nodes(p)[1..-1] WHERE n:Entity AND n.kind <> 'Source')
WITH p LIMIT $first
RETURN nodes(p) AS nodes, [r IN relationships(p) | {
  rel: {props: r, type: type(r), from: startNode(r).id, to: endNode(r).id},
  fromNode: startNode(r),
  toNode: endNode(r),
  sources: COLLECT { MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source RETURN s }
}] AS hops

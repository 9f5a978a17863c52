// The facts of many entities at once (one round trip per GraphQL nesting level), each with
// its counterpart, and the source documents they cite, as visible on $asOf and $knownAt
// (cypher/visibility.go); $statuses, when given, replaces the default of "not retracted".
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(o:Entity)
WHERE (size($types) = 0 OR type(r) IN $types)
  AND ($direction = 'BOTH'
       OR ($direction = 'OUT' AND startNode(r) = e)
       OR ($direction = 'IN' AND endNode(r) = e))
  AND (size($counterpartKinds) = 0 OR o.kind IN $counterpartKinds)
  AND r.confidence >= $minConfidence
  AND visible.valid(r)
  AND visible.entity(o)
WITH id, e, r, o, visible.status(r) AS status
WHERE (size($statuses) = 0 AND visible.shown(status)) OR status IN $statuses
WITH id, e, r, o, status
ORDER BY r.validFromStart, type(r), r.id
// The entity is sent once, each fact with only its other end, and the sources once for
// all the entity's facts: an entity with fifty facts would otherwise come back fifty times.
WITH id, e, collect({
  rel: {props: r, status: status, type: type(r), from: startNode(r).id, to: endNode(r).id},
  counterpart: o
}) AS relations, collect(r.sources) AS cited
CALL (cited) {
  UNWIND cited AS ids
  UNWIND ids AS sid
  WITH DISTINCT sid
  MATCH (s:Entity {id: sid})
  WHERE s:Source
  RETURN collect(s) AS sources
}
RETURN id, e AS entity, relations, sources

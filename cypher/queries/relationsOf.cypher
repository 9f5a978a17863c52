// The facts of many entities at once (one round trip per GraphQL nesting level), each with
// its counterpart, and the source documents they cite. As of $asOf, a fact is visible when
// its valid time may include that day, and a retraction made later does not yet count.
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(o:Entity)
WHERE (size($types) = 0 OR type(r) IN $types)
  AND ($direction = 'BOTH'
       OR ($direction = 'OUT' AND startNode(r) = e)
       OR ($direction = 'IN' AND endNode(r) = e))
  AND (size($counterpartKinds) = 0 OR o.kind IN $counterpartKinds)
  AND r.confidence >= $minConfidence
  AND ($asOf IS NULL OR (
        coalesce(r.validFromStart, $asOf) <= $asOf
        AND coalesce(r.validToEnd, $asOf) >= $asOf
        AND coalesce(o.dateStart, $asOf) <= $asOf))
WITH id, e, r, o,
     CASE WHEN r.status = 'retracted' AND $asOf IS NOT NULL AND date(r.retractedAt) > $asOf
          THEN r.previousStatus ELSE r.status END AS status
WHERE (size($statuses) = 0 AND status <> 'retracted') OR status IN $statuses
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

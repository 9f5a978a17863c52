// mostConnected without counting every entity's facts. A node's number of relationships is
// kept by Neo4j (no relationship or property is read) and bounds the degree that
// mostConnected counts, which leaves out retracted facts and facts not valid $asOf. So only the
// $candidates entities with the largest bounds are counted. nextBound is the largest bound
// left out: when the last entity returned has a degree above it, nothing left out can rank,
// and MostConnected keeps this answer; otherwise it asks mostConnected.
MATCH (e:Entity)
WHERE e.kind <> 'Source'
  AND ($track IS NULL OR EXISTS { MATCH (e)--(:Entity {id: $track}) }
       OR EXISTS {
         MATCH (e)--(m:Entity)-[:PART_OF|ADDRESSES]->(:Entity {id: $track})
         WHERE m.kind IN ['Event', 'Proposal', 'Body']
       })
WITH e, COUNT { (e)--() } AS bound
ORDER BY bound DESC
LIMIT $candidates + 1
WITH collect({entity: e, bound: bound}) AS ranked
WITH ranked[..$candidates] AS candidates,
     CASE WHEN size(ranked) > $candidates THEN ranked[$candidates].bound END AS nextBound
UNWIND candidates AS c
WITH c.entity AS e, nextBound
WITH e, nextBound, COUNT {
  MATCH (e)-[r]-(:Entity)
  WHERE r.id IS NOT NULL
    AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
    AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf))
} AS degree
WHERE degree > 0
RETURN e AS entity, degree, nextBound
ORDER BY degree DESC, e.id
LIMIT $first

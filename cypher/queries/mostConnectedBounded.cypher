// mostConnected without counting every entity's facts. A node's number of relationships is
// kept by Neo4j (no relationship or property is read) and bounds the degree that
// mostConnected counts, which leaves out facts not visible on $asOf and $knownAt. So only the
// $candidates entities with the largest bounds are counted. nextBound is the largest bound
// left out: when the last entity returned has a degree above it, nothing left out can rank,
// and MostConnected keeps this answer; otherwise it asks mostConnected.
MATCH (e:Entity)
WHERE e.kind <> 'Source' AND visible.recorded(e)
  AND ($track IS NULL OR EXISTS { MATCH (e)-[r]-(:Entity {id: $track}) WHERE visible.fact(r) }
       OR EXISTS {
         MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(:Entity {id: $track})
         WHERE m.kind IN ['Event', 'Proposal', 'Body']
           AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m)
       })
WITH e, COUNT { (e)--() } AS bound
ORDER BY bound DESC
LIMIT $candidates + 1
WITH collect({entity: e, bound: bound}) AS ranked
WITH ranked[..$candidates] AS candidates,
     CASE WHEN size(ranked) > $candidates THEN ranked[$candidates].bound END AS nextBound
UNWIND candidates AS c
WITH c.entity AS e, nextBound
// visible.recorded and visible.unmerged are visible.entity, the second checked on the candidates
// only. A merged entity left among them only takes a place: nextBound keeps the answer exact.
WHERE visible.unmerged(e)
WITH e, nextBound, COUNT {
  MATCH (e)-[r]-(:Entity)
  WHERE r.id IS NOT NULL
    AND visible.fact(r)
} AS degree
WHERE degree > 0
RETURN e AS entity, degree, nextBound
ORDER BY degree DESC, e.id
LIMIT $first

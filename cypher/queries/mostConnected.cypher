// Entities by degree: the facts they take part in that are visible on $asOf and $knownAt
// (cypher/visibility.go). With $track, only entities engaged in that track count.
MATCH (e:Entity)
WHERE e.kind <> 'Source' AND visible.entity(e)
  AND ($track IS NULL OR EXISTS { MATCH (e)-[r]-(:Entity {id: $track}) WHERE visible.fact(r) }
       OR EXISTS {
         MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(:Entity {id: $track})
         WHERE m.kind IN ['Event', 'Proposal', 'Body']
           AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m)
       })
WITH e, COUNT {
  MATCH (e)-[r]-(:Entity)
  WHERE r.id IS NOT NULL
    AND visible.fact(r)
} AS degree
WHERE degree > 0
RETURN e AS entity, degree
ORDER BY degree DESC, e.id
LIMIT $first

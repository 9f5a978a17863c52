// Entities by degree: the facts they take part in that, as of $asOf, may have held and
// were not yet retracted. With $track, only entities engaged in that track count.
MATCH (e:Entity)
WHERE e.kind <> 'Source'
  AND ($track IS NULL OR EXISTS { MATCH (e)--(:Entity {id: $track}) }
       OR EXISTS {
         MATCH (e)--(m:Entity)-[:PART_OF|ADDRESSES]->(:Entity {id: $track})
         WHERE m.kind IN ['Event', 'Proposal', 'Body']
       })
WITH e, COUNT {
  MATCH (e)-[r]-(:Entity)
  WHERE r.id IS NOT NULL
    AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
    AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf))
} AS degree
WHERE degree > 0
RETURN e AS entity, degree
ORDER BY degree DESC, e.id
LIMIT $first

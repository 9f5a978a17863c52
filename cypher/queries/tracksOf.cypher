// The tracks each entity is engaged in: tied to the track directly, or through an event,
// proposal or body that is part of or addresses the track.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[r]-(t:Track)
  WHERE r.status <> 'retracted' AND ($asOf IS NULL OR coalesce(r.validFromStart, $asOf) <= $asOf)
  RETURN t
  UNION
  MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(t:Track)
  WHERE m.kind IN ['Event', 'Proposal', 'Body']
    AND r1.status <> 'retracted' AND r2.status <> 'retracted'
    AND ($asOf IS NULL OR (coalesce(r1.validFromStart, $asOf) <= $asOf AND coalesce(m.dateStart, $asOf) <= $asOf))
  RETURN t
  UNION
  MATCH (t:Track) WHERE t = e
  RETURN t
}
WITH id, t ORDER BY t.name
RETURN id, collect(t) AS tracks

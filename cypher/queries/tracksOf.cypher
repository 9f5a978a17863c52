// The tracks each entity is engaged in: tied to the track directly, or through an event,
// proposal or body that is part of or addresses the track, through facts and entities
// visible on $asOf and $knownAt (cypher/visibility.go).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[r]-(t:Track)
  WHERE visible.fact(r) AND visible.entity(t)
  RETURN t
  UNION
  MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(t:Track)
  WHERE m.kind IN ['Event', 'Proposal', 'Body']
    AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m) AND visible.entity(t)
  RETURN t
  UNION
  MATCH (t:Track) WHERE t = e
  RETURN t
}
WITH id, t ORDER BY t.name
RETURN id, collect(t) AS tracks

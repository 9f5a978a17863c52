// Rewrite facts of type /*TYPE*/ whose content hash differs from the stored one, found by a
// hinted index seek (see importRelations). row.props holds every property, absent ones as
// null, which removes them.
UNWIND $rows AS row
MATCH ()-[r:/*TYPE*/ {id: row.id}]->()
USING INDEX r:/*TYPE*/(id)
SET r += row.props,
    r.contentHash = row.hash,
    r.createdAt = coalesce(r.createdAt, $now),
    r.updatedAt = $now
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

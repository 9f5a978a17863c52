// Writes one fact of type /*TYPE*/ (an allow-listed vocabulary type put in by Go) between
// two existing, locked entities; MERGE on the stable id makes a repeated assertion update
// the same edge instead of adding one.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MERGE (a)-[r:/*TYPE*/ {id: $id}]->(b)
SET r += $props,
    r.contentHash = $hash,
    r.createdAt = coalesce(r.createdAt, $now),
    r.updatedAt = $now
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

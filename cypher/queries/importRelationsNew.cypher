// Create facts of one type with an endpoint that this transaction created: no other
// transaction can see that node, and a fact's id names its endpoints, so the fact cannot
// exist yet. /*TYPE*/ is a type from the vocabulary, put in by Go. row.props leaves out
// absent values.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:/*TYPE*/ {id: row.id}]->(b)
SET r += row.props,
    r.contentHash = row.hash,
    r.createdAt = $now,
    r.updatedAt = $now
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

// Re-creates moved facts on the kept entity. The type comes from the stored relationship,
// so it is one of the vocabulary; a dynamic type is fine in CREATE (it is MERGE with a
// dynamic type that is slow, see docs/benchmarks.md).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

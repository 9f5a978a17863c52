// Create facts of one type that the graph did not hold (the importer compared stored hashes
// first), between existing endpoints. /*TYPE*/ is a type from the vocabulary, put in by Go:
// a dynamic type cannot expand between two bound nodes and was fifteen times slower.
//
// This is MERGE spelled out. The importer holds the write locks of both endpoints already
// (importLock), so looking the id up again and creating only if it is absent cannot race
// with another writer. MERGE itself lets the planner choose its lookup from statistics, and
// with one fact of a type in the graph (the seed has one ANNEXED) it scanned the type's whole
// id index for every row: quadratic in the file (docs/benchmarks.md). The hint pins the
// lookup to an index seek. row.props leaves out absent values.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:/*TYPE*/ {id: row.id}]->(b)
USING INDEX old:/*TYPE*/(id)
WITH a, b, row
WHERE old IS NULL
CREATE (a)-[r:/*TYPE*/ {id: row.id}]->(b)
SET r += row.props,
    r.contentHash = row.hash,
    r.createdAt = $now,
    r.updatedAt = $now
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

// Merge facts of one type on their stable id between existing endpoints. /*TYPE*/ is a
// type from the vocabulary, put in by Go; the content hash makes a re-import a no-op.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:/*TYPE*/ {id: row.id}]->(b)
WITH r, row, r.contentHash IS NULL AS created
WHERE created OR r.contentHash <> row.hash
SET r += row.props,
    r.contentHash = row.hash,
    r.createdAt = coalesce(r.createdAt, $now),
    r.updatedAt = $now
RETURN count(CASE WHEN created THEN 1 END) AS created, count(*) AS changed

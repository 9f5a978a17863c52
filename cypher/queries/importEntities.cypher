// Merge entities on their stable id. A row whose content hash matches what is stored is
// left alone, so a second import of the same file changes no property, not even updatedAt.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row, e.contentHash IS NULL AS created
WHERE created OR e.contentHash <> row.hash
SET e += row.props,
    e:$(row.kind),
    e.contentHash = row.hash,
    e.createdAt = coalesce(e.createdAt, $now),
    e.updatedAt = $now,
    e.version = coalesce(e.version, 0) + 1
RETURN count(CASE WHEN created THEN 1 END) AS created, count(*) AS changed

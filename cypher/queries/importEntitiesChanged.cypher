// Rewrite entities of one kind whose content hash differs from the stored one. row.props
// holds every property, absent ones as null, which removes them.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e:/*KIND*/,
    e += row.props,
    e.nameKey = toLower(row.props.name),
    e.contentHash = row.hash,
    e.createdAt = coalesce(e.createdAt, $now),
    e.updatedAt = $now,
    e.version = coalesce(e.version, 0) + 1

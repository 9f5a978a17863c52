// Merge new entities of one kind on their stable id. /*KIND*/ is a kind from the
// allow-list, put in by Go. Rows are entities the graph did not hold (the importer compared
// stored hashes first), so everything is set on create; row.props leaves out absent values.
// Should another writer create the entity first, MERGE finds it and leaves it be.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:/*KIND*/,
    e += row.props,
    e.nameKey = toLower(row.props.name),
    e.contentHash = row.hash,
    e.createdAt = $now,
    e.updatedAt = $now,
    e.version = 1

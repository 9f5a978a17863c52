// Records, in the import's own transaction, that a data set was imported: its digest (the
// SHA-256 of the file and the source texts it read), where it came from and what it held.
MERGE (f:ImportedFile {digest: $digest})
ON CREATE SET f.firstImportedAt = $now
SET f.origin = $origin,
    f.importedAt = $now,
    f.entities = $entities,
    f.relations = $relations

// The content hashes stored for a batch of entity ids; ids not in the graph return nothing,
// and an id merged away says where it went (the importer refuses it).
// The hint keeps the plan an index seek whatever the statistics were when it was cached.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
USING INDEX e:Entity(id)
RETURN id, e.contentHash AS hash, e.mergedInto AS mergedInto

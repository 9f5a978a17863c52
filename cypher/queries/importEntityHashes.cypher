// The content hashes stored for a batch of entity ids; ids not in the graph return nothing.
// The hint keeps the plan an index seek whatever the statistics were when it was cached.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
USING INDEX e:Entity(id)
RETURN id, e.contentHash AS hash

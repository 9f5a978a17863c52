// The stored entity under edit (read after its lock is held), its source text, and the
// redirect left by a merge of the same id.
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (e)-[:HAS_TEXT]->(t:SourceText)
OPTIONAL MATCH (r:Redirect {id: $id})
RETURN CASE WHEN e._new IS NULL THEN e END AS entity, t.text AS text, r.mergedInto AS mergedInto

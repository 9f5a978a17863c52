// The kept source gets the duplicate source's text when it has none; the duplicate keeps
// its own, for reads known before the merge. No stored text is lost.
MATCH (d:Entity {id: $dup})-[:HAS_TEXT]->(t:SourceText)
MATCH (k:Entity {id: $keep})
WHERE NOT EXISTS { (k)-[:HAS_TEXT]->() }
CREATE (k)-[:HAS_TEXT]->(t)

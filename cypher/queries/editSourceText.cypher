// Stores a source's full text on its own node, as the importer does.
MATCH (s:Source {id: $id})
MERGE (s)-[:HAS_TEXT]->(t:SourceText)
SET t.text = $text

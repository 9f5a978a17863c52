// Stores a source's full text on its own node, as the importer does.
MATCH (s:Entity {id: $id}) WHERE s:Source
MERGE (s)-[:HAS_TEXT]->(t:SourceText)
SET t.text = $text

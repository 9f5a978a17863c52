// Source texts live on their own nodes so that reading a source's metadata never drags its
// full text across the wire. Sources are found through the Entity id constraint (Source
// alone has no index). Setting an unchanged text is a no-op.
UNWIND $rows AS row
MATCH (s:Entity {id: row.id})
MERGE (s)-[:HAS_TEXT]->(t:SourceText)
SET t.text = row.text

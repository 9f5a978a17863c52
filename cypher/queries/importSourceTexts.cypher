// Source texts live on their own nodes so that reading a source's metadata never drags its
// full text across the wire.
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
MERGE (s)-[:HAS_TEXT]->(t:SourceText)
SET t.text = row.text

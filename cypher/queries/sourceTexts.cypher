// The stored full texts of many sources at once (one round trip per GraphQL nesting level).
// Texts live on their own nodes so that reading a source never drags its text along unasked.
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[:HAS_TEXT]->(t:SourceText)
WHERE s:Source
RETURN id, t.text AS text

UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[:HAS_TEXT]->(t:SourceText)
RETURN e.id AS id, e.kind AS kind, CASE WHEN id IN $sources THEN t.text END AS text

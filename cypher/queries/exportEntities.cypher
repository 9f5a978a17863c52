MATCH (e:Entity)
OPTIONAL MATCH (e)-[:HAS_TEXT]->(t:SourceText)
RETURN e AS entity, t.text AS text
ORDER BY e.id

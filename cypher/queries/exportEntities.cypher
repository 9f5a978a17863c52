// The entities as the graph stands now: a duplicate kept by a merge is not one of them.
MATCH (e:Entity)
WHERE visible.unmerged(e)
OPTIONAL MATCH (e)-[:HAS_TEXT]->(t:SourceText)
RETURN e AS entity, t.text AS text
ORDER BY e.id

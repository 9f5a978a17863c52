// The kinds of ids a write refers to, and the texts of sources. An entity merged away is
// not one a write may name: it resolves to nothing, like an unknown id.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE visible.unmerged(e)
OPTIONAL MATCH (e)-[:HAS_TEXT]->(t:SourceText)
RETURN e.id AS id, e.kind AS kind, CASE WHEN id IN $sources THEN t.text END AS text

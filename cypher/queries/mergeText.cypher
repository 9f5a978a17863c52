// The duplicate source's text moves to the kept source when that has none, otherwise to
// the redirect: no stored text is lost.
MATCH (d:Entity {id: $dup})-[h:HAS_TEXT]->(t:SourceText)
MATCH (k:Entity {id: $keep})
MATCH (r:Redirect {id: $dup})
WITH h, t, k, r, EXISTS { (k)-[:HAS_TEXT]->() } AS keepHasText
FOREACH (_ IN CASE WHEN keepHasText THEN [1] ELSE [] END | CREATE (r)-[:HAS_TEXT]->(t))
FOREACH (_ IN CASE WHEN keepHasText THEN [] ELSE [1] END | CREATE (k)-[:HAS_TEXT]->(t))
DELETE h

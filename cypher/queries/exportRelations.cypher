MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN {props: r, type: type(r), from: a.id, to: b.id} AS rel
ORDER BY r.id

// The facts as the graph stands now, retracted ones among them; the facts of a duplicate
// kept by a merge moved to the kept entity, and are exported there.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL AND visible.live(r)
RETURN {props: r, type: type(r), from: a.id, to: b.id} AS rel
ORDER BY r.id

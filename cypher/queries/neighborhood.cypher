// The subgraph around one entity. /*DEPTH*/ is a validated integer from 1 to 3 (a
// variable-length bound cannot be a parameter). A fact is followed when its type is asked
// for and it is visible on $asOf and $knownAt, and so is the entity it reaches
// (cypher/visibility.go).
// An id that was merged away (by $knownAt) resolves, through its redirect, to the entity it
// was merged into, here rather than in a statement of its own: one round trip fewer.
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(visible.mergedInto(redirect), $id) AS startID
MATCH (start:Entity {id: startID})
OPTIONAL MATCH (start)-[rs*1../*DEPTH*/]-(n:Entity)
WHERE n <> start
  AND all(r IN rs WHERE (size($types) = 0 OR type(r) IN $types) AND visible.fact(r))
  AND visible.entity(n)
WITH start, n, min(size(rs)) AS hops
ORDER BY hops, n.id
WITH start, collect(n) AS reached
WITH start, reached[..$limit] AS kept, size(reached) > $limit AS truncated
WITH [start] + kept AS nodes, truncated
// Each fact names its ends by id, since both are among the nodes, and the sources cited
// are read once for the whole subgraph, so the answer carries every entity once; and only
// when $withSources, since a drawing seldom asks for them. When $brief the answer needs
// only what a drawing shows, so only those properties are sent, each entity and fact as a
// list in the order decode_subgraph.go reads it: lists cost less than maps to encode,
// send and decode.
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes
    AND (size($types) = 0 OR type(r) IN $types)
    AND visible.fact(r)
  RETURN collect(CASE WHEN $brief
                 THEN [r.id, type(r), a.id, b.id, r.role, r.confidence, visible.status(r), r.validFrom, r.validTo, r.basis]
                 ELSE {props: r, status: visible.status(r), type: type(r), from: a.id, to: b.id} END) AS edges,
         collect(r.sources) AS cited
}
CALL (cited) {
  UNWIND CASE WHEN $withSources THEN cited ELSE [] END AS ids
  UNWIND ids AS id
  WITH DISTINCT id
  MATCH (s:Entity {id: id})
  WHERE s:Source
  RETURN collect(s) AS sources
}
RETURN CASE WHEN $brief THEN [n IN nodes | [n.id, n.kind, n.name, n.aliases, n.description, n.version]] ELSE nodes END AS nodes,
       edges, sources, truncated

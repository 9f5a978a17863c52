// Shortest paths between two entities over facts that pass the filter. /*MAXHOPS*/ is a
// validated integer from 1 to 6. Sources are never a step: a path through a document only
// says that two facts share a citation. Facts and entities on the way are visible on $asOf
// and $knownAt (cypher/visibility.go).
// An id that was merged away (by $knownAt) resolves, through its redirect, to the entity it
// was merged into, here rather than in a statement of its own. The answer is one row: whether each
// end was found, and the paths.
OPTIONAL MATCH (fromRedirect:Redirect {id: $from})
OPTIONAL MATCH (toRedirect:Redirect {id: $to})
WITH coalesce(visible.mergedInto(fromRedirect), $from) AS fromID, coalesce(visible.mergedInto(toRedirect), $to) AS toID
OPTIONAL MATCH (a:Entity {id: fromID})
OPTIONAL MATCH (b:Entity {id: toID})
CALL (a, b) {
  // Two ids of one entity have no path between them (and allShortestPaths refuses one).
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = allShortestPaths((a)-[*1../*MAXHOPS*/]-(b))
  WHERE all(r IN relationships(p) WHERE (size($types) = 0 OR type(r) IN $types) AND visible.fact(r))
    AND all(n IN nodes(p)[1..-1] WHERE n:Entity AND n.kind <> 'Source' AND visible.entity(n))
  WITH p LIMIT $first
  RETURN collect({nodes: nodes(p), hops: [r IN relationships(p) | {
    rel: {props: r, status: visible.status(r), type: type(r), from: startNode(r).id, to: endNode(r).id},
    fromNode: startNode(r),
    toNode: endNode(r),
    sources: COLLECT { MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source RETURN s }
  }]}) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths

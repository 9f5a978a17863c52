// Entities engaged with both sides $a and $b (tracks or conflicts). An entity is engaged
// with a side through a direct fact, or through an event, proposal, body or track that is
// part of or addresses the side. Facts and entities count when visible on $asOf and
// $knownAt (cypher/visibility.go).
// An id that was merged away (by $knownAt) resolves, through its redirect, to the entity it
// was merged into, here rather than in a statement of its own. The answer is one row: whether each
// side was found, and the entities engaged with both.
OPTIONAL MATCH (redirectA:Redirect {id: $a})
OPTIONAL MATCH (redirectB:Redirect {id: $b})
WITH coalesce(visible.mergedInto(redirectA), $a) AS aID, coalesce(visible.mergedInto(redirectB), $b) AS bID
OPTIONAL MATCH (sa:Entity {id: aID})
OPTIONAL MATCH (sb:Entity {id: bID})
CALL (sa, sb) {
  WITH sa, sb WHERE sa IS NOT NULL AND sb IS NOT NULL
  CALL (sa) {
    MATCH (e:Entity)-[r]-(sa)
    WHERE e.kind <> 'Source' AND visible.fact(r) AND visible.entity(e)
    RETURN e, null AS via, [r] AS rels
    UNION
    MATCH (e:Entity)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(sa)
    WHERE e <> sa AND e <> m AND e.kind <> 'Source'
      AND m.kind IN ['Event', 'Proposal', 'Body', 'Track']
      AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m) AND visible.entity(e)
    RETURN e, m AS via, [r1, r2] AS rels
  }
  WITH sb, e, collect({via: via, rels: rels}) AS tiesA
  WHERE e <> sb
  CALL (sb, e) {
    MATCH (e)-[r]-(sb)
    WHERE visible.fact(r)
    RETURN null AS via, [r] AS rels
    UNION
    MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(sb)
    WHERE e <> m AND m.kind IN ['Event', 'Proposal', 'Body', 'Track']
      AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m)
    RETURN m AS via, [r1, r2] AS rels
  }
  WITH e, tiesA, collect({via: via, rels: rels}) AS tiesB
  RETURN collect({entity: e,
    tiesA: [t IN tiesA | {via: t.via, rels: [r IN t.rels | {
      rel: {props: r, status: visible.status(r), type: type(r), from: startNode(r).id, to: endNode(r).id},
      fromNode: startNode(r), toNode: endNode(r),
      sources: COLLECT { MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source RETURN s }}]}],
    tiesB: [t IN tiesB | {via: t.via, rels: [r IN t.rels | {
      rel: {props: r, status: visible.status(r), type: type(r), from: startNode(r).id, to: endNode(r).id},
      fromNode: startNode(r), toNode: endNode(r),
      sources: COLLECT { MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source RETURN s }}]}]}) AS links
}
RETURN sa IS NOT NULL AS aFound, sb IS NOT NULL AS bFound, links

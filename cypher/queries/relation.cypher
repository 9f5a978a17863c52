// One fact by id, with the status it had at $knownAt (null: not yet recorded; "merged": its
// end was merged away, and the fact moved to the kept entity, as movedTo says). /*TYPE*/ is
// the type named inside the id, checked against the vocabulary, so the lookup goes through
// that type's index.
MATCH (a:Entity)-[r:/*TYPE*/ {id: $id}]->(b:Entity)
CALL (r) {
  MATCH (s:Entity) WHERE s.id IN r.sources AND s:Source
  RETURN collect(s) AS sources
}
RETURN {
  rel: {props: r, status: visible.status(r), type: type(r), from: a.id, to: b.id},
  fromNode: a,
  toNode: b,
  sources: sources
} AS view, visible.status(r) AS status, r.movedTo AS movedTo

// A census in one round trip of the entities and facts visible on $asOf and $knownAt
// (cypher/visibility.go).
CALL () {
  MATCH (e:Entity)
  WHERE visible.entity(e)
  WITH e.kind AS kind, count(*) AS n ORDER BY kind
  RETURN collect([kind, n]) AS byKind
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.id IS NOT NULL AND visible.fact(r)
  WITH type(r) AS type, count(*) AS n ORDER BY type
  RETURN collect([type, n]) AS byType
}
RETURN byKind, byType

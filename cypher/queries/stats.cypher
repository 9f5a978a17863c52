// A census in one round trip. Facts count when, as of $asOf, they may have held and were
// not yet retracted.
CALL () {
  MATCH (e:Entity)
  WHERE $asOf IS NULL OR coalesce(e.dateStart, $asOf) <= $asOf
  WITH e.kind AS kind, count(*) AS n ORDER BY kind
  RETURN collect([kind, n]) AS byKind
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.id IS NOT NULL
    AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
    AND ($asOf IS NULL OR (coalesce(r.validFromStart, $asOf) <= $asOf AND coalesce(r.validToEnd, $asOf) >= $asOf))
  WITH type(r) AS type, count(*) AS n ORDER BY type
  RETURN collect([type, n]) AS byType
}
RETURN byKind, byType

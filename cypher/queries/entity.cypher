// One entity as the graph held it at $knownAt. An id that was merged away by then resolves,
// through its redirect, to the entity it was merged into; before its merge it is the
// duplicate itself (cypher/visibility.go). Its own fields were then what the first change of
// it made after $knownAt started from: that change's "before" in the audit trail (none when
// nothing changed since, or for a read known now).
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(visible.mergedInto(redirect), $id) AS target
MATCH (e:Entity {id: target})
WHERE visible.entity(e)
CALL (e) {
  OPTIONAL MATCH (c:Change {entityId: e.id})
  WHERE visible.later(c) AND c.relationId IS NULL AND c.before IS NOT NULL
  WITH c ORDER BY c.id LIMIT 1
  RETURN c.before AS before, c.operation AS operation
}
RETURN e AS entity, before, operation

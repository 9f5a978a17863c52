// The entities named by $ids as the graph held them at $knownAt and visible on $asOf, keyed by
// the id asked for: entity.cypher for a list. An id merged away by then resolves, through its
// redirect, to the entity it was merged into; before its merge it is the duplicate itself
// (cypher/visibility.go). An id that names nothing visible on those clocks has no row.
UNWIND $ids AS id
OPTIONAL MATCH (redirect:Redirect {id: id})
WITH id, coalesce(visible.mergedInto(redirect), id) AS target
MATCH (e:Entity {id: target})
WHERE visible.entity(e)
CALL (e) {
  OPTIONAL MATCH (c:Change {entityId: e.id})
  WHERE visible.later(c) AND c.relationId IS NULL AND c.before IS NOT NULL
  WITH c ORDER BY c.id LIMIT 1
  RETURN c.before AS before, c.operation AS operation
}
RETURN id, e AS entity, before, operation

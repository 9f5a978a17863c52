// Every fact of one entity, both directions, with its stored properties: the duplicate's
// facts to move, or (with $ids) the kept entity's facts that moved ones may coincide with.
// Facts that moved away in an earlier merge (to an entity merged before) stay where they are.
MATCH (e:Entity {id: $id})-[r]-(:Entity)
WHERE r.id IS NOT NULL AND ($ids IS NULL OR r.id IN $ids) AND visible.live(r)
RETURN {props: r, type: type(r), from: startNode(r).id, to: endNode(r).id} AS rel

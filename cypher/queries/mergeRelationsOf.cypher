// Every fact of one entity, both directions, with its stored properties: the duplicate's
// facts to move, or (with $ids) the kept entity's facts that moved ones may coincide with.
MATCH (e:Entity {id: $id})-[r]-(:Entity)
WHERE r.id IS NOT NULL AND ($ids IS NULL OR r.id IN $ids)
RETURN {props: r, type: type(r), from: startNode(r).id, to: endNode(r).id} AS rel

// The stored facts of type /*TYPE*/ an import is about to rewrite, for the audit trail's
// "before"; the hint as in importRelationHashes.
UNWIND $ids AS id
MATCH (a:Entity)-[r:/*TYPE*/ {id: id}]->(b:Entity)
USING INDEX r:/*TYPE*/(id)
RETURN {props: r, type: type(r), from: a.id, to: b.id} AS relation

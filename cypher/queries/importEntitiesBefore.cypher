// The stored entities an import is about to rewrite, for the audit trail's "before".
UNWIND $ids AS id
MATCH (e:Entity {id: id})
USING INDEX e:Entity(id)
RETURN e AS entity

// Like editLock for the one entity an edit writes: MERGE so that two editors creating the
// same new id take turns instead of failing on the uniqueness constraint. A placeholder
// made here is either filled by editEntity or rolled back with the transaction.
MERGE (e:Entity {id: $id})
ON CREATE SET e._new = true
SET e._lock = true
RETURN e._new IS NOT NULL AS created

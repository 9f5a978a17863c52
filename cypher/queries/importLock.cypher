// Takes the write locks of entities, in the order given (sorted by the importer), by
// setting and removing a marker: the transaction keeps the locks until it ends, and no
// property is left changed.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e._lock = true
REMOVE e._lock

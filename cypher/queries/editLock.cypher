// Takes the write lock of each entity, in the order given (sorted by the caller, so that
// concurrent edits lock in one order), by writing a marker that editUnlock removes before
// commit. Reading only after the lock is held is what prevents lost updates: Neo4j reads
// are not locked, and a version compared before locking may be stale by the time of the
// write. MERGE makes the lock on a new id safe too: a second creator waits for the first.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e._lock = true
RETURN e.id AS id

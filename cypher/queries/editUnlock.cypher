// Removes the lock markers of editLock before commit; the locks themselves are released
// by the commit.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
REMOVE e._lock, e._new

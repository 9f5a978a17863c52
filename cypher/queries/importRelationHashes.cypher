// The content hashes stored for a batch of fact ids of type /*TYPE*/ (put in by Go from the
// vocabulary); ids not in the graph return nothing. The hint keeps the plan an index seek:
// planned while the graph held no fact of the type (the seed has no MEMBER_OF), the cached
// plan scanned every fact of the type for each id, which made one re-import 40 times slower.
UNWIND $ids AS id
MATCH ()-[r:/*TYPE*/ {id: id}]->()
USING INDEX r:/*TYPE*/(id)
RETURN id, r.contentHash AS hash

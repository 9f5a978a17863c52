// Facts that cite the duplicate source; after a merge of sources they cite the kept one.
// The duplicate's own facts are left out: they were re-created on the kept source; so are
// facts that moved away in an earlier merge.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $id IN r.sources AND a.id <> $id AND b.id <> $id AND visible.live(r)
RETURN elementId(r) AS eid, {props: r, type: type(r), from: a.id, to: b.id} AS rel

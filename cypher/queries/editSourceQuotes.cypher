// The quotes that already cite a source, checked against a text stored for it later. It
// scans facts, which is acceptable for this rare edit (a source that gets its text late).
MATCH (:Entity)-[r]->(:Entity)
WHERE $id IN r.sources
RETURN r.id AS id, r.sources AS sources, r.quotes AS quotes

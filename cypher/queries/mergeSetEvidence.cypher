UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.eid
SET r.sources = row.sources, r.quotes = row.quotes, r.contentHash = row.hash, r.updatedAt = $now

// Ids that were merged into the duplicate now point at the kept entity, and the
// duplicate's id gets its own redirect: every id ever used resolves in one hop.
OPTIONAL MATCH (old:Redirect {mergedInto: $dup})
SET old.mergedInto = $keep
WITH count(old) AS repointed
CREATE (r:Redirect {id: $dup, mergedInto: $keep, mergedAt: $now, mergedBy: $by})
RETURN repointed

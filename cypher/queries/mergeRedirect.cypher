// Ids that were merged into the duplicate now point at the kept entity, and the
// duplicate's id gets its own redirect: every id ever used resolves in one hop. Each
// redirect logs every target it has had with the instant it got it, so a read known at an
// earlier instant resolves the id as it did then (visible.mergedInto, cypher/visibility.go).
OPTIONAL MATCH (old:Redirect {mergedInto: $dup})
SET old.mergedInto = $keep,
    old.mergedIntoLog = coalesce(old.mergedIntoLog, []) + $keep,
    old.mergedIntoSince = coalesce(old.mergedIntoSince, []) + $now
WITH count(old) AS repointed
CREATE (r:Redirect {id: $dup, mergedInto: $keep, mergedAt: $now, mergedBy: $by,
                    mergedIntoLog: [$keep], mergedIntoSince: [$now]})
RETURN repointed

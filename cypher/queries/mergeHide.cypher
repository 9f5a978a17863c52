// The duplicate is kept, with its facts as they were, and marked merged at $now (the label
// :Merged, and $mark: mergedAt, mergedInto), so a read known before the merge still finds it; each of its facts
// is logged "merged" at $now, and says which fact it became (movedTo; none when dropped).
// Reads hide both from the merge on (visible.entity, visible.fact in cypher/visibility.go).
MATCH (d:Entity {id: $dup})
SET d:Merged, d += $mark
WITH d
UNWIND $moved AS row
MATCH (d)-[r]-(:Entity)
WHERE r.id = row.id
SET r += row.props
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

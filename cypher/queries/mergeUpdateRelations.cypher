// Folds moved facts into the ones the kept entity already had: new evidence, confidence.
UNWIND $rows AS row
MATCH (:Entity {id: $keep})-[r]-(:Entity)
WHERE r.id = row.id
SET r += row.props
// Log the status with the instant of the write (cypher/visibility.go).
logStatus(r)

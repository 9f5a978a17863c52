// One branch of the census as the graph stands now: the duplicates that merges kept, by kind,
// through the index of mergedAt (migration 8); cypher/stats.go takes them off the count
// store's numbers.
MATCH (e:Entity) WHERE e.mergedAt IS NOT NULL
RETURN 'merged' AS of, e.kind AS name, count(e) AS n

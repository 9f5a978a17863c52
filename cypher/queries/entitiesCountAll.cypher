// The number of entities when no filter is set, as the graph stands now: Neo4j answers from
// its count store, without reading a node, less the duplicates kept by merges, found through
// the index of mergedAt (migration 8).
CALL () { MATCH (e:Entity) RETURN count(e) AS n }
CALL () { MATCH (e:Entity) WHERE e.mergedAt IS NOT NULL RETURN count(e) AS merged }
RETURN n - merged AS total

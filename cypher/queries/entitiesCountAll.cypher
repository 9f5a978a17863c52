// The number of entities when no filter is set, as the graph stands now: Neo4j answers from
// its count store, without reading a node, less the duplicates kept by merges (labelled
// :Merged, counted from the count store too).
CALL () { MATCH (e:Entity) RETURN count(e) AS n }
CALL () { MATCH (e:Merged) RETURN count(e) AS merged }
RETURN n - merged AS total

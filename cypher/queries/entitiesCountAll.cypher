// The number of entities when no filter is set: Neo4j answers from its count store, without
// reading a node.
MATCH (e:Entity)
RETURN count(e) AS total

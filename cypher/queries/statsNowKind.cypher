// One branch of the census as the graph stands now: the entities of one kind, from Neo4j's
// count store (which a bare count in a subquery reads, and a count returned beside other
// columns does not). /*KIND*/ is a kind from the allow-list, put in by Go (cypher/stats.go).
CALL () { MATCH (e:/*KIND*/) RETURN count(e) AS n }
RETURN 'kind' AS of, '/*KIND*/' AS name, n

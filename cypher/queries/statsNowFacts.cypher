// Two branches of the census as the graph stands now: the facts of one type, from Neo4j's
// count store, and the hidden among them (retracted, or moved away by a merge), through the
// type's status index (migration 5). /*TYPE*/ is a type from the vocabulary, put in by Go
// (cypher/stats.go).
CALL () { MATCH ()-[r:/*TYPE*/]->() RETURN count(r) AS n }
RETURN 'facts' AS of, '/*TYPE*/' AS name, n
UNION ALL
CALL () { MATCH ()-[r:/*TYPE*/]->() WHERE r.status IN ['retracted', 'merged'] RETURN count(r) AS n }
RETURN 'retracted' AS of, '/*TYPE*/' AS name, n

package cypher

// EntityQuery lets the external tests EXPLAIN the statements that Entities sends.
var EntityQuery = entityQuery

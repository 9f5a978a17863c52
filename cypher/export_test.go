package cypher

// EntityQuery lets the external tests EXPLAIN the statements that Entities sends.
var EntityQuery = entityQuery

// StatsNowQuery lets the external tests EXPLAIN the census that Stats sends for now.
var StatsNowQuery = statsNowQuery

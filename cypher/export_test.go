package cypher

// EntityQuery lets the external tests EXPLAIN the statements that Entities sends.
var EntityQuery = entityQuery

// StatsNowQuery lets the external tests EXPLAIN the census that Stats sends for now.
var StatsNowQuery = statsNowQuery

// MigrationStatements lets the external tests run one migration's statements again.
func MigrationStatements(version int) []string {
	ms, err := loadMigrations()
	if err != nil {
		panic(err)
	}
	for _, m := range ms {
		if m.version == version {
			return m.statements
		}
	}
	return nil
}

package cypher

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed migrations/*.cypher
var migrationFiles embed.FS

// migration is one numbered file of schema statements, applied once and recorded as a
// (:Migration {version}) node. Every statement is IF NOT EXISTS, so a run that died half
// way is simply run again.
type migration struct {
	version    int
	name       string
	statements []string
}

func loadMigrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and an underscore", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(e.Name(), ".cypher"), statements: splitStatements(string(b))})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// splitStatements cuts a file at semicolons that end a line and drops // comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(line + "\n")
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// Migrate applies pending migrations in order and returns the names it applied. Schema
// statements cannot share a transaction with data writes in Neo4j, so each runs on its own
// and the version is recorded after the last of them succeeds.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "migrationsApplied", nil)
	if err != nil {
		return nil, err
	}
	applied := map[int64]bool{}
	for _, r := range recs {
		v, _, _ := neo4j.GetRecordValue[int64](r, "version")
		applied[v] = true
	}
	var done []string
	for _, m := range ms {
		if applied[int64(m.version)] {
			continue
		}
		for _, stmt := range m.statements {
			countRoundTrip(ctx)
			if _, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.database)); err != nil && !createdMeanwhile(stmt, err) {
				return done, mapError("migrate "+m.name, err)
			}
		}
		if _, err := s.write(ctx, "migrationRecord", 0, func(tx neo4j.ManagedTransaction) (any, error) {
			_, err := tx.Run(ctx, query("migrationRecord"), map[string]any{"version": m.version, "name": m.name})
			return nil, err
		}); err != nil {
			return done, err
		}
		done = append(done, m.name)
	}
	// Index population is asynchronous; wait so that the first search after start-up sees
	// every entity.
	if len(done) > 0 {
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database)); err != nil {
			return done, mapError("await indexes", err)
		}
	}
	return done, nil
}

// createdMeanwhile: replicas started together migrate together, and Neo4j refuses the
// second of two concurrent "CREATE ... IF NOT EXISTS" of one index or constraint instead
// of treating it as existing. The statement's intent holds, so it is not a failure.
func createdMeanwhile(stmt string, err error) bool {
	var nerr *neo4j.Neo4jError
	if !strings.Contains(strings.ToUpper(stmt), "IF NOT EXISTS") || !errors.As(err, &nerr) {
		return false
	}
	switch nerr.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", "Neo.ClientError.Schema.IndexAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists":
		return true
	}
	return false
}

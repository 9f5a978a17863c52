package stack

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestMain terminates the Neo4j container that testneo4j may start for this package.
func TestMain(m *testing.M) { testneo4j.Main(m) }

// TestBenchStatementsRun runs each statement of the benchmark's raw side once against the
// test Neo4j, so that a parameter the store starts to send (as knownAt did) cannot leave
// the benchmark behind until someone next runs it at 100k.
func TestBenchStatementsRun(t *testing.T) {
	driver, c := testneo4j.Driver(t)
	for _, q := range benchQueries(t) {
		for _, st := range q.stmts {
			if _, err := neo4j.ExecuteQuery(context.Background(), driver, cypher.TextFor(st.text, st.params), st.params, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(c.Database), neo4j.ExecuteQueryWithReadersRouting()); err != nil {
				t.Errorf("%s: %s: %v", q.name, st.name, err)
			}
		}
	}
}

package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ReadForTest runs a statement that is not in queries/ (a deliberately slow one, say) the
// way every read runs: gated, deadline-bounded, errors mapped. For tests only.
func (s *Store) ReadForTest(ctx context.Context, name, text string) ([]*neo4j.Record, error) {
	return s.readText(ctx, name, text, nil)
}

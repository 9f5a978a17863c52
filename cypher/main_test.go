package cypher_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/datagen"
	"github.com/diplograph/diplograph/internal/testneo4j"
)

// TestMain terminates the Neo4j container that testneo4j may start for this package.
func TestMain(m *testing.M) { testneo4j.Main(m) }

// generatedStore is a wiped and migrated store that holds datagen's graph of n entities.
func generatedStore(t *testing.T, n int, seed uint64) *cypher.Store {
	t.Helper()
	s := testneo4j.MustOpenStore(t)
	if _, err := s.Import(context.Background(), datagen.Generate(n, seed), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

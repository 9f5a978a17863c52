package cypher_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/testneo4j"
)

// TestMain terminates the Neo4j container that testneo4j may start for this package.
func TestMain(m *testing.M) { testneo4j.Main(m) }

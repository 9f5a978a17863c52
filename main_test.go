package main

import (
	"os"
	"testing"

	"github.com/diplograph/diplograph/internal/testneo4j"
)

// TestMain terminates the Neo4j container that testneo4j may start for this package. Run
// with replicaEnv set, the binary is a `diplograph serve` replica (faults_rolling_test.go).
func TestMain(m *testing.M) {
	if os.Getenv(replicaEnv) == "1" {
		main()
		os.Exit(0)
	}
	testneo4j.Main(m)
}

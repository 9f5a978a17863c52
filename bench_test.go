package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/bench/stack"
	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/kg"
)

// The benchmarks' entry points. Their harness is package bench/stack (its doc says what they
// measure and how to run them); they are here because only this package can build the
// service as `diplograph serve` does, and that is what they measure. They skip unless
// NEO4J_BENCH_URI names a loaded graph (scripts/bench-queries).

func BenchmarkQuery(b *testing.B) { stack.Query(b, openBench(b, nil)) }

func BenchmarkStack(b *testing.B) { stack.Stack(b, openBench(b, stack.Memoise)) }

func BenchmarkStoreVsRaw(b *testing.B) {
	var store kg.Store
	env := openBench(b, func(s kg.Store) kg.Store { store = s; return s })
	stack.StoreVsRaw(b, env, store)
}

func TestLoadQuery(t *testing.T) { stack.Load(t, openBench(t, nil)) }

// openBench builds the service on the database of NEO4J_BENCH_URI with the default
// configuration and serves GraphQL from wrap(store) (the store itself when wrap is nil).
func openBench(tb testing.TB, wrap func(kg.Store) kg.Store) *stack.Env {
	tb.Helper()
	uri, database := stack.Target(tb)
	c, err := loadConfig(flag.NewFlagSet("bench", flag.ContinueOnError), nil)
	if err != nil {
		tb.Fatal(err)
	}
	c.Neo4jURI = uri
	if database != "" {
		c.Neo4jDatabase = database
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The service's own driver settings (pool, timeouts).
	driver, err := openDriver(ctx, c, log)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = driver.Close(context.Background()) })
	var store kg.Store = cypher.New(driver, cypher.Options{Database: c.Neo4jDatabase, TxTimeout: c.TxTimeout})
	if wrap != nil {
		store = wrap(store)
	}
	var ready atomic.Bool
	ready.Store(true)
	return stack.Open(tb, stack.Service{Driver: driver, Database: c.Neo4jDatabase, TxTimeout: c.TxTimeout,
		GraphQL: newGraphQLHandler(c, store, log),
		Routes:  func(gql http.Handler) http.Handler { return routes(c, store, gql, &ready) }})
}

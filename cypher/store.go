// Package cypher is the Neo4j implementation of kg.Store. Every statement lives in its own
// file under queries/, embedded at build time, so that a reader can follow a GraphQL field
// to the exact Cypher that answers it.
package cypher

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed queries/*.cypher
var queryFiles embed.FS

// queries holds every file under queries/ by name, its rules expanded (visibility.go),
// read once at start.
var queries = func() map[string]string {
	files, err := queryFiles.ReadDir("queries")
	if err != nil {
		panic(err)
	}
	m := make(map[string]string, len(files))
	for _, f := range files {
		b, err := queryFiles.ReadFile("queries/" + f.Name())
		if err != nil {
			panic(err)
		}
		name := strings.TrimSuffix(f.Name(), ".cypher")
		m[name] = queryText(name, string(b))
	}
	return m
}()

// query returns the text of queries/name.cypher. A missing file is a programming error
// caught by TestQueriesExist, so it panics.
func query(name string) string {
	text, ok := queries[name]
	if !ok {
		panic(fmt.Sprintf("cypher: no query %q", name))
	}
	return text
}

// Statement returns the text Neo4j runs for queries/name.cypher, its rules expanded: what
// the benchmarks' raw-driver baseline and the tests that run a statement directly send.
func Statement(name string) string { return query(name) }

// Store is a kg.Store over one Neo4j database.
type Store struct {
	driver      neo4j.DriverWithContext
	database    string
	txTimeout   time.Duration
	health      Health
	onRoundTrip func(query string) func(error)
}

// Health is the service's one view of whether the database answers (package health). The
// store asks it before each call, so that a database known to be down costs a request no
// driver call and no wait, and tells it of every failure that shows the database gone.
type Health interface {
	// Begin starts a call: the coded error to answer at once while the database is down,
	// else a context that is also cancelled, with that error as its cause, when the view
	// finds the database gone, so that a call in the driver's retry loop ends then too.
	// end releases it.
	Begin(ctx context.Context) (call context.Context, end func(), err error)
	// Unreachable reports a driver failure that says the database cannot be reached.
	Unreachable(err error)
	// Up reports the current belief, for readiness.
	Up() bool
}

var _ kg.Store = (*Store)(nil)

// Options configure a Store.
type Options struct {
	// Database is named on every query, so that nothing depends on the server's default.
	Database string
	// TxTimeout bounds every transaction on the server side. A call whose context has an
	// earlier deadline gets a shorter one (txTimeoutFor).
	TxTimeout time.Duration
	// Health, when set, gates every call and hears of every outage (nil: no gate).
	Health Health
	// OnRoundTrip, when set, is called as each statement or write transaction starts, and
	// the function it returns with the outcome (metrics.RoundTrip).
	OnRoundTrip func(query string) func(error)
}

// New wraps an open driver. The caller owns the driver and closes it.
func New(driver neo4j.DriverWithContext, o Options) *Store {
	if o.Database == "" {
		o.Database = "neo4j"
	}
	if o.TxTimeout <= 0 {
		o.TxTimeout = 10 * time.Second
	}
	return &Store{driver: driver, database: o.Database, txTimeout: o.TxTimeout, health: o.Health, onRoundTrip: o.OnRoundTrip}
}

// Database names the database the store reads and writes.
func (s *Store) Database() string { return s.database }

type roundTripKey struct{}

// CountRoundTrips returns a context in which every query the store sends is counted in the
// returned counter. Tests use it to prove that an operation's cost does not grow with data.
func CountRoundTrips(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, roundTripKey{}, n), n
}

// observe reports a round trip to OnRoundTrip: call it as the round trip starts, and the
// result with its (mapped) error.
func (s *Store) observe(name string) func(error) {
	if s.onRoundTrip == nil {
		return func(error) {}
	}
	return s.onRoundTrip(name)
}

func countRoundTrip(ctx context.Context) {
	if n, ok := ctx.Value(roundTripKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// read runs one read statement and returns its records.
func (s *Store) read(ctx context.Context, name string, params map[string]any) ([]*neo4j.Record, error) {
	return s.readText(ctx, name, query(name), params)
}

// readText runs a read statement whose text was assembled from allow-listed parts.
func (s *Store) readText(ctx context.Context, name, text string, params map[string]any) ([]*neo4j.Record, error) {
	ctx, end, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	return s.readUngated(ctx, name, text, params)
}

// readUngated runs a read even while the health view says the database is down: the
// view's own probe (Ping) must reach the database to see it come back.
func (s *Store) readUngated(ctx context.Context, name, text string, params map[string]any) ([]*neo4j.Record, error) {
	timeout, err := txTimeoutFor(ctx, s.txTimeout)
	if err != nil {
		return nil, mapError(name, err)
	}
	countRoundTrip(ctx)
	text = textFor(text, params)
	done := s.observe(name)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, text, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(timeout), neo4j.WithTxMetadata(map[string]any{"app": "diplograph", "query": name})))
	if err != nil {
		err = s.failed(ctx, name, err)
		done(err)
		return nil, err
	}
	done(nil)
	return res.Records, nil
}

// write runs fn in one managed write transaction. The driver retries transient failures,
// so fn must be safe to run more than once: every write here is a MERGE on a stable id.
func (s *Store) write(ctx context.Context, name string, timeout time.Duration, fn func(tx neo4j.ManagedTransaction) (any, error)) (any, error) {
	ctx, end, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	if timeout <= 0 {
		timeout = s.txTimeout
	}
	timeout, err = txTimeoutFor(ctx, timeout)
	if err != nil {
		return nil, mapError(name, err)
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	done := s.observe(name)
	out, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		countRoundTrip(ctx)
		return fn(tx)
	}, neo4j.WithTxTimeout(timeout), neo4j.WithTxMetadata(map[string]any{"app": "diplograph", "query": name}))
	if err != nil {
		err = s.failed(ctx, name, err)
		done(err)
		return nil, err
	}
	done(nil)
	return out, nil
}

// Ping checks that the database answers a query, in one attempt: no driver retries, so a
// refused connection is reported at once. It bypasses the health gate: it is how the health
// view probes.
func (s *Store) Ping(ctx context.Context) error {
	countRoundTrip(ctx)
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	res, err := session.Run(ctx, query("ping"), nil, neo4j.WithTxTimeout(time.Second))
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return mapError("ping", err)
}

// Ready reports whether the service should get traffic: from the health view when there
// is one (no round trip, so /readyz answers in microseconds), else by a ping.
func (s *Store) Ready(ctx context.Context) error {
	if s.health == nil {
		return s.Ping(ctx)
	}
	if !s.health.Up() {
		return kg.Errorf(errcode.Unavailable, "The database is not reachable.")
	}
	return nil
}

func (s *Store) begin(ctx context.Context) (context.Context, func(), error) {
	if s.health == nil {
		return ctx, func() {}, nil
	}
	return s.health.Begin(ctx)
}

// failed maps a driver error and tells the health view when it shows the database gone. A
// call that the view cut short gets the view's error.
func (s *Store) failed(ctx context.Context, name string, err error) error {
	if cause := context.Cause(ctx); cause != nil && cause != ctx.Err() && kg.ErrorCode(cause) != errcode.Internal {
		return wrap(name, kg.Errorf(kg.ErrorCode(cause), "%s", kg.ErrorMessage(cause)), err)
	}
	mapped := mapError(name, err)
	if s.health != nil && DatabaseDown(mapped) {
		s.health.Unreachable(mapped)
	}
	return mapped
}

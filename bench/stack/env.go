// Package stack is the benchmark harness of the service's query types: each through the
// whole GraphQL stack (HTTP over loopback into the real handler, store, decoders) beside the
// same Cypher sent raw through the same driver, so that the difference is what the service
// adds. They read a graph that is already loaded (scripts/bench-queries loads the
// generator's 100k graph) and write nothing, so they run only when NEO4J_BENCH_URI names
// that database: never in `make test`, and never against the test instance, which tests wipe.
//
// The entry points (BenchmarkQuery, BenchmarkStack, BenchmarkStoreVsRaw, TestLoadQuery) are
// in the root package's bench_test.go, because only the root package can build the service
// as `diplograph serve` does; they hand it to Open and call this package. Run them from the
// repository's root with -run '^$' so that no other test of that package starts:
//
//	NEO4J_BENCH_URI=bolt://127.0.0.1:7694 go test -run '^$' -bench BenchmarkQuery -benchtime 200x .
//	NEO4J_BENCH_URI=bolt://127.0.0.1:7694 BENCH_LOAD_QUERIES=entity,search go test -run '^TestLoadQuery$' -v .
package stack

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Env is the service under measurement: the real handler behind a loopback HTTP
// server, and the driver it uses, for the raw statements.
type Env struct {
	url      string
	post     func(ctx context.Context, body []byte) (status int, answer []byte, err error)
	driver   neo4j.DriverWithContext
	database string
	txTO     time.Duration
	sent     atomic.Int64 // statements the store sent, over all GraphQL requests

	mu      sync.Mutex
	handled []time.Duration // time inside the GraphQL handler, per request
}

// takeHandled returns the handler times recorded since the last call, sorted: beside the
// client's latency they tell the service's share from the HTTP transport's.
func (env *Env) takeHandled() []time.Duration {
	env.mu.Lock()
	defer env.mu.Unlock()
	out := env.handled
	env.handled = nil
	slices.Sort(out)
	return out
}

// Target is the database the benchmarks read, from NEO4J_BENCH_URI (and, when set,
// NEO4J_BENCH_DATABASE); it skips tb when NEO4J_BENCH_URI is unset: they need a loaded graph.
func Target(tb testing.TB) (uri, database string) {
	tb.Helper()
	uri = os.Getenv("NEO4J_BENCH_URI")
	if uri == "" {
		tb.Skip("NEO4J_BENCH_URI is not set; scripts/bench-queries starts a Neo4j, loads the 100k graph and runs these")
	}
	return uri, os.Getenv("NEO4J_BENCH_DATABASE")
}

// Service is the service under measurement, as the root package builds it.
type Service struct {
	// Driver is the service's own driver (its pool and timeouts), for the raw side too.
	Driver    neo4j.DriverWithContext
	Database  string
	TxTimeout time.Duration
	// GraphQL is the /graphql endpoint; Routes serves every route, with the given handler
	// at /graphql.
	GraphQL http.Handler
	Routes  func(graphql http.Handler) http.Handler
}

// Open serves s over loopback HTTP, counting the statements the store sends and the time
// inside the GraphQL handler of each request.
func Open(tb testing.TB, s Service) *Env {
	tb.Helper()
	env := &Env{driver: s.Driver, database: s.Database, txTO: s.TxTimeout}
	gql := s.GraphQL
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, n := cypher.CountRoundTrips(r.Context())
		start := time.Now()
		var once sync.Once
		account := func() {
			once.Do(func() {
				env.mu.Lock()
				env.handled = append(env.handled, time.Since(start))
				env.mu.Unlock()
				env.sent.Add(n.Load())
			})
		}
		gql.ServeHTTP(accountingWriter{w, account}, r.WithContext(ctx))
		account()
	})
	srv := httptest.NewServer(s.Routes(counted))
	tb.Cleanup(srv.Close)
	env.url = srv.URL + "/graphql"
	switch c := cmp.Or(os.Getenv("BENCH_CLIENT"), "blocking"); c {
	case "blocking":
		client := &blockingClient{addr: strings.TrimPrefix(srv.URL, "http://"), path: "/graphql"}
		tb.Cleanup(client.close)
		env.post = client.post
	case "net/http":
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512}}
		tb.Cleanup(client.CloseIdleConnections)
		env.post = func(ctx context.Context, body []byte) (int, []byte, error) {
			return netHTTPPost(ctx, client, env.url, body)
		}
	default:
		tb.Fatalf("BENCH_CLIENT=%q: use blocking (the default) or net/http", c)
	}
	return env
}

// accountingWriter calls account before the answer goes out. The answer has a
// Content-Length, so the client may have read all of it before ServeHTTP returns, and
// what it is told afterwards (the statements sent, the time in the handler) must be in.
type accountingWriter struct {
	http.ResponseWriter
	account func()
}

func (w accountingWriter) Write(b []byte) (int, error) {
	w.account()
	return w.ResponseWriter.Write(b)
}

// graphql posts the operation and reads the whole answer; a GraphQL error is an error.
func (env *Env) graphql(ctx context.Context, body []byte) ([]byte, error) {
	status, out, err := env.post(ctx, body)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK || bytes.Contains(out, []byte(`"errors":`)) {
		return nil, fmt.Errorf("status %d: %.300s", status, out)
	}
	return out, nil
}

// raw sends the statements one after another exactly as cypher.Store.readText does, and
// returns how many records came back.
func (env *Env) raw(ctx context.Context, stmts []benchStmt) (int, error) {
	records := 0
	for _, s := range stmts {
		res, err := neo4j.ExecuteQuery(ctx, env.driver, cypher.TextFor(s.text, s.params), s.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(env.database),
			neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(env.txTO), neo4j.WithTxMetadata(map[string]any{"app": "diplograph", "query": s.name})))
		if err != nil {
			return 0, fmt.Errorf("%s: %w", s.name, err)
		}
		records += len(res.Records)
	}
	return records, nil
}

// ops returns the two ways of asking q, each checked once.
func (env *Env) ops(tb testing.TB, q benchQuery) (gql, raw func(context.Context) error) {
	tb.Helper()
	body, err := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars})
	if err != nil {
		tb.Fatal(err)
	}
	gql = func(ctx context.Context) error { _, err := env.graphql(ctx, body); return err }
	raw = func(ctx context.Context) error { _, err := env.raw(ctx, q.stmts); return err }

	ctx := context.Background()
	before := env.sent.Load()
	out, err := env.graphql(ctx, body)
	if err != nil {
		tb.Fatalf("%s over GraphQL: %v", q.name, err)
	}
	// Same statements on both sides, or the comparison means nothing.
	if sent := env.sent.Load() - before; sent != int64(len(q.stmts)) {
		tb.Fatalf("%s over GraphQL sent %d statements; the raw side sends %d", q.name, sent, len(q.stmts))
	}
	records, err := env.raw(ctx, q.stmts)
	if err != nil {
		tb.Fatalf("%s raw: %v", q.name, err)
	}
	// benchLucene is copied, not computed: a different hit count means it went stale.
	if hits := bytes.Count(out, []byte(`"score":`)); q.name == "search" && hits != records {
		tb.Fatalf("search: %d hits over GraphQL, %d raw: benchLucene no longer matches cypher.luceneQuery", hits, records)
	}
	tb.Logf("%s: GraphQL answer %d bytes; raw %d statements, %d records", q.name, len(out), len(q.stmts), records)
	return gql, raw
}

// Query (BenchmarkQuery) measures each query type over GraphQL and raw, and reports the median and
// 99th percentile of the iterations' latencies beside the mean (ns/op). On a shared machine
// the load drifts between two sub-benchmarks, so /paired also alternates the two in one
// loop and reports both sides and the median of the per-pair differences (diff-p50-ms).
func Query(b *testing.B, env *Env) {
	for _, q := range benchQueries(b) {
		b.Run(q.name, func(b *testing.B) {
			gql, raw := env.ops(b, q)
			b.Run("graphql", func(b *testing.B) {
				lat := measure(b, gql)
				b.ReportMetric(ms(percentile(lat[0], 0.50)), "p50-ms")
				b.ReportMetric(ms(percentile(lat[0], 0.99)), "p99-ms")
			})
			b.Run("raw", func(b *testing.B) {
				lat := measure(b, raw)
				b.ReportMetric(ms(percentile(lat[0], 0.50)), "p50-ms")
				b.ReportMetric(ms(percentile(lat[0], 0.99)), "p99-ms")
			})
			b.Run("paired", func(b *testing.B) {
				env.takeHandled()
				lat := measure(b, gql, raw)
				b.ReportMetric(ms(percentile(env.takeHandled(), 0.50)), "handler-p50-ms")
				b.ReportMetric(ms(percentile(lat[2], 0.50)), "diff-p50-ms")
				b.ReportMetric(ms(percentile(lat[0], 0.50)), "gql-p50-ms")
				b.ReportMetric(ms(percentile(lat[1], 0.50)), "raw-p50-ms")
				b.ReportMetric(ms(percentile(lat[0], 0.99)), "gql-p99-ms")
				b.ReportMetric(ms(percentile(lat[1], 0.99)), "raw-p99-ms")
			})
		})
	}
}

// measure runs every op once per iteration, starting with a different one each time, after
// a short warm-up (plan cache, connection pool), and returns each op's latencies, sorted;
// with two ops a third list holds the per-iteration differences first − second. At 100k
// entities some queries take seconds, so iterations also stop once BENCH_BUDGET (default
// 60s) has passed: ns/op is then the mean of the iterations run, and samples says how many
// there were (below 100, p99 is the slowest).
func measure(b *testing.B, ops ...func(context.Context) error) [][]time.Duration {
	ctx := context.Background()
	budget := envDuration(b, "BENCH_BUDGET", 60*time.Second)
	for i, start := 0, time.Now(); i < 5 && (i == 0 || time.Since(start) < 2*time.Second); i++ {
		for _, op := range ops {
			if err := op(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	lat := make([][]time.Duration, len(ops), len(ops)+1)
	var total time.Duration
	b.ResetTimer()
	deadline := time.Now().Add(budget)
	n := 0
	for ; n < b.N && (n == 0 || time.Now().Before(deadline)); n++ {
		for k := range ops {
			j := (n + k) % len(ops)
			start := time.Now()
			if err := ops[j](ctx); err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			lat[j] = append(lat[j], took)
			total += took
		}
	}
	b.StopTimer()
	if len(ops) == 2 {
		diff := make([]time.Duration, n)
		for i := range diff {
			diff[i] = lat[0][i] - lat[1][i]
		}
		lat = append(lat, diff)
	}
	for _, l := range lat {
		slices.Sort(l)
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(n), "ns/op")
	b.ReportMetric(float64(n), "samples")
	return lat
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func envDuration(tb testing.TB, key string, def time.Duration) time.Duration {
	tb.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		tb.Fatalf("%s=%q: want a duration such as 8ms", key, v)
	}
	return d
}

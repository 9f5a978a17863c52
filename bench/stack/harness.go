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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Ids of the generator's graph (datagen: n=100000, seed 1); any n ≥ 2500 has them. In
// that graph person/gen-17 has 5 facts; country/gen-3 has 43, 9 of them with events, so its
// timeline has something in it (a generated track has almost none); the two tracks share
// no entity, so crossTrack answers an empty list after doing its work.
const (
	benchPerson  = "person/gen-17"
	benchCountry = "country/gen-3"
	benchTrackA  = "track/gen-0"
	benchTrackB  = "track/gen-1"
	benchSearch  = "Northern Person 17"
	// benchLucene is what cypher.luceneQuery makes of benchSearch.
	benchLucene = "(northern^4 OR northern*^2 OR northern~2) OR (person^4 OR person*^2 OR person~2) OR (17^4)"
)

// benchQuery is one query type: a GraphQL operation and the statements, with their exact
// text and parameters, that the store sends to answer it (nested lists loaded after).
type benchQuery struct {
	name  string
	gql   string
	vars  map[string]any
	stmts []benchStmt
}

type benchStmt struct {
	name   string // the file under cypher/queries, as the store names it in tx metadata
	text   string
	params map[string]any
}

// benchQueries takes the store's statements (cypher.Statement) and fills their placeholders
// the way the cypher package does.
func benchQueries(tb testing.TB) []benchQuery {
	tb.Helper()
	file := cypher.Statement
	stmt := func(name string, params map[string]any) benchStmt {
		return benchStmt{name: name, text: file(name), params: params}
	}
	// stats as of now: a branch per kind and per relation type (cypher.statsNowQuery).
	var census []string
	for _, k := range kg.Kinds {
		census = append(census, strings.ReplaceAll(file("statsNowKind"), "/*KIND*/", string(k)))
	}
	for _, spec := range kg.Vocabulary {
		census = append(census, strings.ReplaceAll(file("statsNowFacts"), "/*TYPE*/", string(spec.Type)))
	}
	statsNow := strings.Join(census, "UNION ALL\n")
	none := []string{}

	// entities: the shared filter with the NAME sort ascending (cypher.entityQuery).
	sortName := strings.NewReplacer("/*SORT_KEY*/", "e.nameKey", "/*AFTER*/", ">", "/*ORDER*/", "ASC",
		"/*HINT*/", "USING INDEX e:Entity(nameKey)", "/*SEEK*/", "e.nameKey >= coalesce($afterKey, '') AND")
	listParams := map[string]any{"kinds": none, "name": nil, "track": nil, "conflict": nil, "relatedTo": nil,
		"relType": nil, "asOf": nil, "knownAt": nil, "first": 20, "after": nil, "afterKey": nil, "afterID": nil}
	neighborhood := stmt("neighborhood", map[string]any{"id": benchPerson, "types": none, "limit": 100, "asOf": nil, "knownAt": nil, "withSources": false, "brief": true})
	neighborhood.text = strings.ReplaceAll(neighborhood.text, "/*DEPTH*/", "2")
	paths := stmt("paths", map[string]any{"from": benchPerson, "to": benchCountry, "types": none, "first": 5, "asOf": nil, "knownAt": nil})
	paths.text = strings.ReplaceAll(paths.text, "/*MAXHOPS*/", "4")

	return []benchQuery{{
		// Not one of the types: one index seek, no nested list, so graphql − raw is
		// the cost of the stack alone (HTTP, parse, validate, resolve, decode, encode).
		name:  "entityBare",
		gql:   `query($id: ID!) { entity(id: $id) { id kind name aliases description } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{stmt("entity", map[string]any{"id": benchPerson, "asOf": nil, "knownAt": nil})},
	}, {
		name: "entity",
		gql: `query($id: ID!) { entity(id: $id) { id kind name relations { id type role confidence status quote
			validFrom { value precision } from { id name } to { id name } sources { id name } } } }`,
		vars: map[string]any{"id": benchPerson},
		stmts: []benchStmt{stmt("entity", map[string]any{"id": benchPerson, "asOf": nil, "knownAt": nil}), stmt("relationsOf", map[string]any{
			"ids": []string{benchPerson}, "types": none, "direction": "BOTH", "counterpartKinds": none,
			"minConfidence": 0.0, "statuses": none, "asOf": nil, "knownAt": nil})},
	}, {
		name: "entities",
		gql:  `{ entities(first: 20, sort: NAME) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind name } } }`,
		stmts: []benchStmt{
			{"entities", sortName.Replace(file("entityFilter") + file("entities")), listParams},
			{"entitiesCountAll", file("entitiesCountAll"), listParams},
		},
	}, {
		name:  "search",
		gql:   `query($t: String!) { search(text: $t) { score entity { id kind name } } }`,
		vars:  map[string]any{"t": benchSearch},
		stmts: []benchStmt{stmt("searchAll", map[string]any{"lucene": benchLucene, "kinds": none, "first": 10, "asOf": nil, "knownAt": nil})},
	}, {
		name: "neighborhood",
		gql: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence from { id } to { id } } } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{neighborhood},
	}, {
		// The drawing with each fact's basis (the dashboard draws inferred facts apart): the
		// same brief statement, so it must cost what neighborhood costs.
		name: "neighborhoodBasis",
		gql: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence basis from { id } to { id } } } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{neighborhood},
	}, {
		name: "paths",
		gql: `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { length nodes { id kind name }
			hops { id type confidence quote sources { id } } } }`,
		vars:  map[string]any{"a": benchPerson, "b": benchCountry},
		stmts: []benchStmt{paths},
	}, {
		name: "crossTrack",
		gql: `query($a: ID!, $b: ID!) { crossTrack(a: $a, b: $b) { score entity { id kind name }
			tiesA { via { id name } relations { id type confidence } } tiesB { via { id name } relations { id type confidence } } } }`,
		vars:  map[string]any{"a": benchTrackA, "b": benchTrackB},
		stmts: []benchStmt{stmt("crossTrack", map[string]any{"a": benchTrackA, "b": benchTrackB, "asOf": nil, "knownAt": nil})},
	}, {
		name: "timeline",
		gql:  `query($id: ID!) { timeline(id: $id) { id name date { value precision } } }`,
		vars: map[string]any{"id": benchCountry},
		stmts: []benchStmt{stmt("timeline", map[string]any{"id": benchCountry, "asOf": nil, "knownAt": nil, "first": 100, "eventStatuses": none,
			"fromStart": nil, "toEnd": nil})},
	}, {
		name:  "stats",
		gql:   `{ stats { entities relations byKind { kind count } byRelationType { type count } } }`,
		stmts: []benchStmt{{"stats", statsNow, nil}},
	}, {
		name:  "mostConnected",
		gql:   `{ mostConnected { degree entity { id kind name } } }`,
		stmts: []benchStmt{stmt("mostConnectedBounded", map[string]any{"track": nil, "first": 10, "asOf": nil, "knownAt": nil, "candidates": 60})},
	}}
}

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

// Load (TestLoadQuery) offers requests at a fixed arrival rate (an open loop: a slow answer does
// not slow the next arrival), over GraphQL and then raw, and logs latency percentiles. Each
// latency counts from the request's scheduled arrival, so queueing in the client shows up
// rather than hiding (no coordinated omission). Bounded: rate × seconds requests, at most
// 200 in flight (more count as dropped), 10 s each.
//
//	BENCH_LOAD_QUERIES=entity,search  (query types; default entity)
//	BENCH_LOAD_RATE=50                (requests per second)
//	BENCH_LOAD_SECONDS=20
func Load(t *testing.T, env *Env) {
	rate := envFloat(t, "BENCH_LOAD_RATE", 50)
	secs := envFloat(t, "BENCH_LOAD_SECONDS", 20)
	if rate <= 0 || rate > 1000 || secs <= 0 || secs > 300 {
		t.Fatalf("BENCH_LOAD_RATE must be in (0, 1000] and BENCH_LOAD_SECONDS in (0, 300]; got %v and %v", rate, secs)
	}
	want := strings.Split(cmp.Or(os.Getenv("BENCH_LOAD_QUERIES"), "entity"), ",")
	for _, q := range benchQueries(t) {
		if !slices.Contains(want, q.name) {
			continue
		}
		t.Run(q.name, func(t *testing.T) {
			gql, raw := env.ops(t, q)
			for _, side := range []struct {
				name string
				op   func(context.Context) error
			}{{"graphql", gql}, {"raw", raw}} {
				r := openLoop(rate, time.Duration(secs*float64(time.Second)), side.op)
				t.Logf("LOAD %s/%s rate=%.0f/s n=%d ok=%d errors=%d dropped=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
					q.name, side.name, rate, r.offered, len(r.lat), r.errors, r.dropped,
					ms(percentile(r.lat, 0.50)), ms(percentile(r.lat, 0.90)), ms(percentile(r.lat, 0.99)), ms(percentile(r.lat, 1)))
				// Errors and drops are results here (the rate is more than the database
				// sustains); ops has already checked that both sides answer.
				if r.firstErr != nil {
					t.Logf("%s/%s: first error: %v", q.name, side.name, r.firstErr)
				}
			}
		})
	}
}

type loadResult struct {
	offered, errors, dropped int
	lat                      []time.Duration // successful requests, sorted
	firstErr                 error
}

func openLoop(rate float64, d time.Duration, op func(context.Context) error) loadResult {
	const maxInFlight = 200
	n := int(rate * d.Seconds())
	interval := time.Duration(float64(time.Second) / rate)
	var (
		mu  sync.Mutex
		r   = loadResult{offered: n}
		wg  sync.WaitGroup
		sem = make(chan struct{}, maxInFlight)
	)
	start := time.Now()
	for i := range n {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		select {
		case sem <- struct{}{}:
		default:
			mu.Lock()
			r.dropped++
			mu.Unlock()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := op(ctx)
			took := time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				r.errors++
				if r.firstErr == nil {
					r.firstErr = err
				}
				return
			}
			r.lat = append(r.lat, took)
		}()
	}
	wg.Wait()
	slices.Sort(r.lat)
	return r
}

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

func envFloat(t *testing.T, key string, def float64) float64 {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", key, v, err)
	}
	return f
}

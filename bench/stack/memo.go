package stack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Stack (BenchmarkStack) measures what the service adds to each query type with the database
// taken out: the store's answers are read from the loaded graph once, then served from
// memory, so ns/op and allocs/op are HTTP, gqlgen, the resolvers and JSON alone. It is the
// fast, low-noise way to see the effect of a change to the stack (compare runs with
// benchstat); BenchmarkQuery remains the measure of the targets.
//
// httpFloor is the smallest exchange with the same HTTP server: a POST that its router
// refuses (405) before any GraphQL. BENCH_IDLE=8ms leaves the machine idle that long
// before each request, as the paired benchmark's requests come after the database's work,
// and reports the median request (p50-ms; ns/op then counts the idle time too): on a
// machine whose cores go idle, the same work costs several times as much (docs/benchmarks.md).
//
//	NEO4J_BENCH_URI=bolt://127.0.0.1:7694 go test -run '^$' -bench BenchmarkStack -benchmem -count 6 .
//	NEO4J_BENCH_URI=bolt://127.0.0.1:7694 BENCH_IDLE=8ms go test -run '^$' -bench BenchmarkStack -benchtime 300x .
func Stack(b *testing.B, env *Env) {
	ctx := context.Background()
	idle := envDuration(b, "BENCH_IDLE", 0)
	b.Run("httpFloor", func(b *testing.B) {
		floor := &blockingClient{addr: strings.TrimPrefix(strings.TrimSuffix(env.url, "/graphql"), "http://"), path: "/healthz"}
		b.Cleanup(floor.close)
		stackLoop(b, idle, func(ctx context.Context) error {
			status, _, err := floor.post(ctx, []byte(`{}`))
			if err == nil && status != http.StatusMethodNotAllowed {
				err = fmt.Errorf("POST /healthz: status %d, want 405", status)
			}
			return err
		})
	})
	for _, q := range benchQueries(b) {
		if q.name == "stats" || q.name == "mostConnected" || q.name == "search" {
			// Not memoised below: these would measure Neo4j.
			continue
		}
		b.Run(q.name, func(b *testing.B) {
			body, err := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars})
			if err != nil {
				b.Fatal(err)
			}
			gql := func(ctx context.Context) error { _, err := env.graphql(ctx, body); return err }
			if err := gql(ctx); err != nil { // fills the memo
				b.Fatal(err)
			}
			stackLoop(b, idle, gql)
		})
	}
}

// stackLoop runs op b.N times, each after idle, and reports the median.
func stackLoop(b *testing.B, idle time.Duration, op func(context.Context) error) {
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		time.Sleep(idle)
		start := time.Now()
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
}

// Memoise is the store Stack's service must be built on: s, its reads memoised.
func Memoise(s kg.Store) kg.Store { return &memoStore{Store: s, memo: map[string]memoEntry{}} }

// memoStore answers the reads that BenchmarkStack's queries make from memory after the
// first call with the same arguments. Everything else goes to the real store.
type memoStore struct {
	kg.Store
	mu   sync.Mutex
	memo map[string]memoEntry
}

type memoEntry struct {
	v   any
	err error
}

func memo[T any](s *memoStore, ctx context.Context, key string, read func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	e, ok := s.memo[key]
	s.mu.Unlock()
	if !ok {
		v, err := read(ctx)
		e = memoEntry{v, err}
		s.mu.Lock()
		s.memo[key] = e
		s.mu.Unlock()
	}
	v, _ := e.v.(T)
	return v, e.err
}

func (s *memoStore) Entity(ctx context.Context, id string, knownAt *time.Time) (*kg.Entity, error) {
	return memo(s, ctx, fmt.Sprint("Entity ", id, knownAt), func(ctx context.Context) (*kg.Entity, error) { return s.Store.Entity(ctx, id, knownAt) })
}

func (s *memoStore) EntitiesByID(ctx context.Context, ids []string, at kg.Clocks) (map[string]*kg.Entity, error) {
	return memo(s, ctx, fmt.Sprint("EntitiesByID ", ids, at), func(ctx context.Context) (map[string]*kg.Entity, error) {
		return s.Store.EntitiesByID(ctx, ids, at)
	})
}

func (s *memoStore) Entities(ctx context.Context, f kg.EntityFilter, p kg.PageRequest) (*kg.Page[*kg.Entity], error) {
	return memo(s, ctx, fmt.Sprintf("Entities %+v %+v", f, p), func(ctx context.Context) (*kg.Page[*kg.Entity], error) {
		return s.Store.Entities(ctx, f, p)
	})
}

func (s *memoStore) RelationsOf(ctx context.Context, ids []string, f kg.RelationFilter) (map[string][]kg.RelationView, error) {
	return memo(s, ctx, fmt.Sprintf("RelationsOf %v %+v", ids, f), func(ctx context.Context) (map[string][]kg.RelationView, error) {
		return s.Store.RelationsOf(ctx, ids, f)
	})
}

func (s *memoStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	return memo(s, ctx, fmt.Sprintf("Neighborhood %+v", q), func(ctx context.Context) (*kg.Subgraph, error) {
		return s.Store.Neighborhood(ctx, q)
	})
}

func (s *memoStore) Paths(ctx context.Context, q kg.PathQuery) ([]kg.Path, error) {
	return memo(s, ctx, fmt.Sprintf("Paths %+v", q), func(ctx context.Context) ([]kg.Path, error) { return s.Store.Paths(ctx, q) })
}

func (s *memoStore) CrossTrack(ctx context.Context, q kg.CrossTrackQuery) ([]kg.CrossTrackLink, error) {
	return memo(s, ctx, fmt.Sprintf("CrossTrack %+v", q), func(ctx context.Context) ([]kg.CrossTrackLink, error) {
		return s.Store.CrossTrack(ctx, q)
	})
}

func (s *memoStore) Timeline(ctx context.Context, q kg.TimelineQuery) ([]*kg.Entity, error) {
	return memo(s, ctx, fmt.Sprintf("Timeline %+v", q), func(ctx context.Context) ([]*kg.Entity, error) { return s.Store.Timeline(ctx, q) })
}

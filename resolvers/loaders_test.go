package resolvers

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

func TestBatcher(t *testing.T) {
	var fetches atomic.Int32
	b := newBatcher(func(_ context.Context, keys []int) (map[int]int, error) {
		fetches.Add(1)
		out := map[int]int{}
		for _, k := range keys {
			out[k] = k * 10
		}
		return out, nil
	})
	t.Run("SiblingsInAListShareOneFetch", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Index: &i})
				if v, err := b.Load(ctx, i%10); err != nil || v != (i%10)*10 {
					t.Errorf("Load(%d) = %d, %v", i%10, v, err)
				}
			}(i)
		}
		wg.Wait()
		if n := fetches.Load(); n != 1 {
			t.Errorf("%d fetches for 20 sibling loads of 10 keys, want 1", n)
		}
	})
	t.Run("KnownKeyIsNotFetchedAgain", func(t *testing.T) {
		before := fetches.Load()
		if v, _ := b.Load(context.Background(), 3); v != 30 || fetches.Load() != before {
			t.Errorf("a loaded key was fetched again")
		}
	})
	t.Run("OutsideAListFetchesAtOnce", func(t *testing.T) {
		if v, err := b.Load(context.Background(), 42); err != nil || v != 420 {
			t.Errorf("Load(42) = %d, %v", v, err)
		}
	})
	t.Run("OutsideAListFetchesInTheCallersGoroutine", func(t *testing.T) {
		caller, fetcher := goroutineID(), ""
		own := newBatcher(func(_ context.Context, keys []int) (map[int]int, error) {
			fetcher = goroutineID()
			return map[int]int{keys[0]: 1}, nil
		})
		if v, err := own.Load(context.Background(), 7); err != nil || v != 1 {
			t.Fatalf("Load(7) = %d, %v", v, err)
		}
		if fetcher != caller {
			t.Errorf("fetched on goroutine %s, not the caller's %s", fetcher, caller)
		}
	})
}

// goroutineID is the number in the first line of this goroutine's stack trace.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}

// relationsStore answers RelationsOf and counts its calls; the rest of kg.Store is not
// used by the relations loader.
type relationsStore struct {
	kg.Store
	mu      sync.Mutex
	calls   int
	filters []kg.RelationFilter
}

func (s *relationsStore) RelationsOf(_ context.Context, ids []string, f kg.RelationFilter) (map[string][]kg.RelationView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.filters = append(s.filters, f)
	out := map[string][]kg.RelationView{}
	for _, id := range ids {
		out[id] = []kg.RelationView{{Relation: &kg.Relation{ID: "rel/" + id}}}
	}
	return out, nil
}

// TestRelationsLoader_EqualFiltersShareOneCall: siblings that build equal filters each from
// their own arguments (fresh slices, times that differ only below the day for asOf or by
// zone for knownAt) share one store call, and a different filter gets its own.
func TestRelationsLoader_EqualFiltersShareOneCall(t *testing.T) {
	store := &relationsStore{}
	r := &Resolver{Store: store}
	ctx := r.WithLoaders(context.Background())
	knownAt := time.Date(2026, 1, 26, 12, 0, 0, 0, time.UTC)
	args := func(i int) relationArgs {
		asOf := time.Date(2026, 1, 20, i%3, 0, 0, 0, time.UTC)
		k := knownAt.In(time.FixedZone("", 3600*(i%2)))
		minimum := 0.5
		return relationArgs{types: []kg.RelationType{"MET_WITH", "HOLDS_ROLE"}, minConfidence: &minimum,
			at: kg.Clocks{AsOf: &asOf, KnownAt: &k}}
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
			a := args(i)
			if i >= 10 { // two siblings ask for one type only: another filter
				a.types = a.types[:1]
			}
			id := "person/p" + strconv.Itoa(i)
			rels, err := r.relationsOf(lctx, &model.Person{EntityRef: model.EntityRef{Entity: &kg.Entity{ID: id}}}, a)
			if err != nil || len(rels) != 1 || rels[0].ID != "rel/"+id {
				t.Errorf("relations of %s: %v, %v", id, rels, err)
			}
		}()
	}
	wg.Wait()
	if store.calls != 2 {
		t.Fatalf("%d RelationsOf calls for two distinct filters, want 2", store.calls)
	}
	for _, f := range store.filters {
		if !f.AsOf.Equal(time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)) || f.KnownAt.Location() != time.UTC || !f.KnownAt.Equal(knownAt) {
			t.Errorf("the store was asked asOf %v, knownAt %v: want the day and the instant in UTC", f.AsOf, f.KnownAt)
		}
	}
}

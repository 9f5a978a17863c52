package resolvers_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// boundsStore answers every bounded read with nothing and records the bound it was given.
type boundsStore struct {
	kgmock.Store
	calls int
	got   int // the bound of the last call
}

func newBoundsStore() *boundsStore {
	s := &boundsStore{}
	note := func(n int) { s.calls++; s.got = n }
	s.NeighborhoodFn = func(_ context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
		note(q.Depth*1000 + q.Limit) // both bounds in one number: depth, then limit
		return &kg.Subgraph{}, nil
	}
	s.PathsFn = func(_ context.Context, q kg.PathQuery) ([]kg.Path, error) {
		note(q.MaxHops*1000 + q.First)
		return nil, nil
	}
	s.EntitiesFn = func(_ context.Context, _ kg.EntityFilter, p kg.PageRequest) (*kg.Page[*kg.Entity], error) {
		note(p.First)
		return &kg.Page[*kg.Entity]{}, nil
	}
	s.SearchFn = func(_ context.Context, _ string, _ []kg.Kind, first int) ([]kg.SearchHit, error) {
		note(first)
		return nil, nil
	}
	s.CrossTrackFn = func(_ context.Context, q kg.CrossTrackQuery) ([]kg.CrossTrackLink, error) {
		note(q.First)
		return nil, nil
	}
	s.TimelineFn = func(_ context.Context, q kg.TimelineQuery) ([]*kg.Entity, error) {
		note(q.First)
		return nil, nil
	}
	s.MostConnectedFn = func(_ context.Context, _ string, first int, _ kg.Clocks) ([]kg.Ranked, error) {
		note(first)
		return nil, nil
	}
	s.HistoryFn = func(_ context.Context, _ string, first int) ([]*kg.Change, error) {
		note(first)
		return nil, nil
	}
	return s
}

// Every bounded argument at both ends of its documented range reaches the store as given;
// one beyond either end is BAD_USER_INPUT naming the argument, and the store is not called.
// The ranges are the schema's descriptions (depth 1 to 3, maxHops 1 to 6, page sizes),
// written as literals so that a changed constant in kg fails here.
func TestAPI_ArgumentBounds(t *testing.T) {
	const p = `"person/a"`
	cases := []struct {
		field    string
		query    func(v int) string
		min, max int
		// stored is what the store is given for v (a default filled in beside it).
		stored func(v int) int
	}{
		{"depth", func(v int) string { return fmt.Sprintf(`{ neighborhood(id: %s, depth: %d) { truncated } }`, p, v) },
			1, 3, func(v int) int { return v*1000 + 100 }},
		{"limit", func(v int) string { return fmt.Sprintf(`{ neighborhood(id: %s, limit: %d) { truncated } }`, p, v) },
			1, 500, func(v int) int { return 1000 + v }},
		{"maxHops", func(v int) string {
			return fmt.Sprintf(`{ paths(from: %s, to: "person/b", maxHops: %d) { length } }`, p, v)
		},
			1, 6, func(v int) int { return v*1000 + 5 }},
		{"first", func(v int) string {
			return fmt.Sprintf(`{ paths(from: %s, to: "person/b", first: %d) { length } }`, p, v)
		},
			1, 20, func(v int) int { return 4000 + v }},
		{"first", func(v int) string { return fmt.Sprintf(`{ entities(first: %d) { nodes { id } } }`, v) },
			1, 100, func(v int) int { return v }},
		{"first", func(v int) string { return fmt.Sprintf(`{ search(text: "x", first: %d) { score } }`, v) },
			1, 100, func(v int) int { return v }},
		{"first", func(v int) string {
			return fmt.Sprintf(`{ crossTrack(a: "track/a", b: "track/b", first: %d) { entity { id } } }`, v)
		},
			1, 100, func(v int) int { return v }},
		{"first", func(v int) string { return fmt.Sprintf(`{ timeline(id: %s, first: %d) { id } }`, p, v) },
			1, 500, func(v int) int { return v }},
		{"first", func(v int) string { return fmt.Sprintf(`{ mostConnected(first: %d) { degree } }`, v) },
			1, 100, func(v int) int { return v }},
		{"first", func(v int) string { return fmt.Sprintf(`{ history(id: %s, first: %d) { at } }`, p, v) },
			1, 100, func(v int) int { return v }},
	}
	for _, c := range cases {
		t.Run(c.query(0), func(t *testing.T) {
			for _, v := range []int{c.min, c.max} {
				s := newBoundsStore()
				post(t, newAPI(t, &s.Store, defaultAPI), c.query(v)).ok(t)
				if s.calls != 1 || s.got != c.stored(v) {
					t.Errorf("%s=%d: store called %d times with %d, want once with %d", c.field, v, s.calls, s.got, c.stored(v))
				}
			}
			for _, v := range []int{c.min - 1, c.max + 1, -1} {
				s := newBoundsStore()
				e := post(t, newAPI(t, &s.Store, defaultAPI), c.query(v)).only(t)
				if e.code() != errcode.BadUserInput || e.field() != c.field {
					t.Errorf("%s=%d: code %q field %q (%s), want %s naming %s", c.field, v, e.code(), e.field(), e.Message, errcode.BadUserInput, c.field)
				}
				if s.calls != 0 {
					t.Errorf("%s=%d: the store was called", c.field, v)
				}
			}
		})
	}
}

// A malformed id is refused before the store is asked, naming the argument.
func TestAPI_MalformedIDNamesTheArgument(t *testing.T) {
	s := newBoundsStore()
	e := post(t, newAPI(t, &s.Store, defaultAPI), `{ paths(from: "person/a", to: "not an id") { length } }`).only(t)
	if e.code() != errcode.BadUserInput || e.field() != "to" || s.calls != 0 {
		t.Errorf("code %q field %q, %d store calls; want BAD_USER_INPUT naming to, none", e.code(), e.field(), s.calls)
	}
}

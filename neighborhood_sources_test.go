package main

import (
	"context"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
)

// The neighbourhood reads the documents its facts cite only when the edges ask for sources
// or evidence. When they do, facts_test.go checks that every fact reads as relation(id)
// reads it; here, that the store is asked for exactly what the selection needs, and that
// the answer then carries the sources.
func TestNeighborhood_ReadsSourcesOnlyWhenAsked(t *testing.T) {
	store := testneo4j.MustOpenStore(t)
	if _, err := importer.ImportFile(context.Background(), store, "data/seed.yaml", importer.Options{}); err != nil {
		t.Fatal(err)
	}
	rec := &neighborhoodRecorder{Store: store}
	srv := newTestServer(t, rec)

	cases := []struct {
		name, selection, fragments string
		want                       bool
	}{
		{"nodes only", `nodes { id }`, "", false},
		{"edges without their sources", `edges { id quote from { id } to { id } }`, "", false},
		{"sources", `edges { id sources { id } }`, "", true},
		{"evidence", `edges { evidence { quote source { id } } }`, "", true},
		{"sources through a fragment", `edges { id ...Cited }`, `fragment Cited on Relation { sources { id } }`, true},
		{"sources skipped", `edges { id sources @skip(if: true) { id } }`, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			query := `{ neighborhood(id: "person/vladimir-putin", depth: 2) { ` + c.selection + ` } } ` + c.fragments
			var g struct {
				Edges []struct {
					Sources  []struct{ ID string }
					Evidence []struct{ Quote string }
				}
			}
			decodeData(t, srv, query, "neighborhood", &g)
			if got := rec.last(); got != c.want {
				t.Errorf("store asked with Sources=%v, want %v", got, c.want)
			}
			cited := 0
			for _, e := range g.Edges {
				cited += len(e.Sources) + len(e.Evidence)
			}
			if c.want && cited == 0 {
				t.Errorf("no edge of %d carries a source or evidence", len(g.Edges))
			}
		})
	}
}

// neighborhoodRecorder remembers whether the last neighbourhood read asked for sources.
type neighborhoodRecorder struct {
	kg.Store
	mu      sync.Mutex
	sources bool
}

func (r *neighborhoodRecorder) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	r.mu.Lock()
	r.sources = q.Sources
	r.mu.Unlock()
	return r.Store.Neighborhood(ctx, q)
}

func (r *neighborhoodRecorder) last() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sources
}

package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
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
	rec, srv := recordedSeedServer(t)

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
			if got := rec.last().Sources; got != c.want {
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

// A drawing's selection is answered from a brief read (kg.NeighborhoodQuery.Brief), and
// anything more from the full one. Here, that the store is asked for the brief read
// exactly when the selection allows it, and that both reads answer the drawing's fields
// alike: the brief case selects every field a brief read gives, the full one the same and
// one more.
func TestNeighborhood_BriefReadWhenTheSelectionAllows(t *testing.T) {
	rec, srv := recordedSeedServer(t)

	const drawing = `__typename truncated
		nodes { __typename id kind name aliases description version tracks { id } }
		edges { __typename id type role confidence status basis validFrom { value precision start end } validTo { value }
			from { id kind name aliases description version } to { ...Drawn } }`
	cases := []struct {
		name, selection string
		want            bool
	}{
		{"a drawing", drawing, true},
		{"a drawing with timestamps", drawing + ` nodes { createdAt }`, false},
		{"a fact's quote", `edges { id quote }`, false},
		{"a fact's retraction", `edges { id retraction { reason } }`, false},
		{"an end's external ids", `edges { from { externalIds { id } } }`, false},
		{"an event's date through a fragment", `nodes { id ... on Event { date { value } } }`, false},
		{"a source's title", `nodes { ... on Source { title } }`, false},
		{"a field skipped", `nodes { id createdAt @skip(if: true) }`, true},
	}
	answers := map[bool]string{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			query := `{ neighborhood(id: "person/vladimir-putin", depth: 2) { ` + c.selection + ` } }
				fragment Drawn on Entity { id kind name aliases description version }`
			if !strings.Contains(c.selection, "...Drawn") {
				query = strings.SplitN(query, "fragment", 2)[0]
			}
			var g drawnSubgraph
			decodeData(t, srv, query, "neighborhood", &g)
			if got := rec.last().Brief; got != c.want {
				t.Errorf("store asked with Brief=%v, want %v", got, c.want)
			}
			if strings.HasPrefix(c.selection, drawing) {
				if len(g.Nodes) < 5 || len(g.Edges) < 5 {
					t.Fatalf("a small neighbourhood: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
				}
				b, _ := json.Marshal(g)
				answers[c.want] = string(b)
			}
		})
	}
	if answers[true] == "" || answers[true] != answers[false] {
		t.Errorf("a drawing's fields read briefly\n%s\nread in full\n%s", answers[true], answers[false])
	}
}

// drawnSubgraph holds the fields a brief read gives, as the drawing case selects them.
type drawnSubgraph struct {
	Typename  string `json:"__typename"`
	Truncated bool
	Nodes     []drawnEntity
	Edges     []struct {
		Typename         string `json:"__typename"`
		ID, Type, Status string
		Basis            string
		Role             *string
		Confidence       float64
		ValidFrom        *struct{ Value, Precision, Start, End string }
		ValidTo          *struct{ Value string }
		From, To         drawnEntity
	}
}

type drawnEntity struct {
	Typename       string `json:"__typename"`
	ID, Kind, Name string
	Aliases        []string
	Description    *string
	Version        int
	Tracks         []struct{ ID string }
}

// recordedSeedServer serves the seed graph, recording the neighbourhood reads.
func recordedSeedServer(t *testing.T) (*neighborhoodRecorder, *httptest.Server) {
	store := testneo4j.MustOpenStore(t)
	if _, err := importer.ImportFile(context.Background(), store, "data/seed.yaml", importer.Options{}); err != nil {
		t.Fatal(err)
	}
	rec := &neighborhoodRecorder{Store: store}
	return rec, newTestServer(t, rec)
}

// neighborhoodRecorder remembers the last neighbourhood read.
type neighborhoodRecorder struct {
	kg.Store
	mu sync.Mutex
	q  kg.NeighborhoodQuery
}

func (r *neighborhoodRecorder) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	r.mu.Lock()
	r.q = q
	r.mu.Unlock()
	return r.Store.Neighborhood(ctx, q)
}

func (r *neighborhoodRecorder) last() kg.NeighborhoodQuery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.q
}

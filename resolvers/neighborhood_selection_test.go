package resolvers_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// The neighbourhood reads the documents its facts cite only when the edges ask for sources
// or evidence. Here, that the store is asked for exactly what the selection needs; that the
// seed's answer then carries the sources, and that the brief and full reads answer a
// drawing alike, is checked against Neo4j (neighborhood_reads_test.go in the root package).
func TestNeighborhood_ReadsSourcesOnlyWhenAsked(t *testing.T) {
	rec, api := recordedAPI(t)

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
			post(t, api, query).ok(t)
			if got := rec.last().Sources; got != c.want {
				t.Errorf("store asked with Sources=%v, want %v", got, c.want)
			}
		})
	}
}

// A drawing's selection is answered from a brief read (kg.NeighborhoodQuery.Brief), and
// anything more from the full one. Here, that the store is asked for the brief read
// exactly when the selection allows it.
func TestNeighborhood_BriefReadWhenTheSelectionAllows(t *testing.T) {
	rec, api := recordedAPI(t)

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
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			query := `{ neighborhood(id: "person/vladimir-putin", depth: 2) { ` + c.selection + ` } }`
			if strings.Contains(c.selection, "...Drawn") {
				query += ` fragment Drawn on Entity { id kind name aliases description version }`
			}
			post(t, api, query).ok(t)
			if got := rec.last().Brief; got != c.want {
				t.Errorf("store asked with Brief=%v, want %v", got, c.want)
			}
		})
	}
}

// drawing selects every field a brief read gives (the dashboard's drawing);
// the root package's neighborhood_reads_test.go holds the same selection.
const drawing = `__typename truncated
		nodes { __typename id kind name aliases description version tracks { id } }
		edges { __typename id type role confidence status basis validFrom { value precision start end } validTo { value }
			from { id kind name aliases description version } to { ...Drawn } }`

// recordedAPI serves a neighbourhood of one node from a store that remembers the query it
// was given, and answers the nested lists with nothing.
func recordedAPI(t *testing.T) (*neighborhoodRecorder, *client.Client) {
	rec := &neighborhoodRecorder{}
	none := func(context.Context, []string, kg.Clocks) (map[string][]*kg.Entity, error) { return nil, nil }
	store := &kgmock.Store{
		NeighborhoodFn: func(_ context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
			rec.mu.Lock()
			rec.q = q
			rec.mu.Unlock()
			return &kg.Subgraph{Nodes: []*kg.Entity{person(q.ID, "Vladimir Putin")}}, nil
		},
		TracksOfFn: none,
	}
	return rec, newAPI(t, store, defaultAPI)
}

// neighborhoodRecorder remembers the last neighbourhood read.
type neighborhoodRecorder struct {
	mu sync.Mutex
	q  kg.NeighborhoodQuery
}

func (r *neighborhoodRecorder) last() kg.NeighborhoodQuery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.q
}

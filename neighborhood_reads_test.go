package main

import (
	"encoding/json"
	"testing"
)

// The neighbourhood's two reads against the seed graph. Which read the resolvers ask for
// is tested in process (resolvers/neighborhood_selection_test.go); here, that the edges
// carry their sources when asked for them, and that the brief read (kg.NeighborhoodQuery.Brief)
// answers a drawing's fields as the full one does: the brief case selects every field a
// brief read gives, the full one the same and one more.
func TestNeighborhood_BriefAndFullReadsAnswerAlike(t *testing.T) {
	srv, _ := seededServer(t)

	for _, sel := range []string{`edges { id sources { id } }`, `edges { evidence { quote source { id } } }`} {
		var g struct {
			Edges []struct {
				Sources  []struct{ ID string }
				Evidence []struct{ Quote string }
			}
		}
		decodeData(t, srv, `{ neighborhood(id: "person/vladimir-putin", depth: 2) { `+sel+` } }`, "neighborhood", &g)
		cited := 0
		for _, e := range g.Edges {
			cited += len(e.Sources) + len(e.Evidence)
		}
		if cited == 0 {
			t.Errorf("%s: no edge of %d carries a source or evidence", sel, len(g.Edges))
		}
	}

	const drawing = `__typename truncated
		nodes { __typename id kind name aliases description version tracks { id } }
		edges { __typename id type role confidence status basis validFrom { value precision start end } validTo { value }
			from { id kind name aliases description version } to { ...Drawn } }`
	answers := map[bool]string{}
	for brief, selection := range map[bool]string{true: drawing, false: drawing + ` nodes { createdAt }`} {
		query := `{ neighborhood(id: "person/vladimir-putin", depth: 2) { ` + selection + ` } }
			fragment Drawn on Entity { id kind name aliases description version }`
		var g drawnSubgraph
		decodeData(t, srv, query, "neighborhood", &g)
		if len(g.Nodes) < 5 || len(g.Edges) < 5 {
			t.Fatalf("a small neighbourhood: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
		}
		b, _ := json.Marshal(g)
		answers[brief] = string(b)
	}
	if answers[true] == "" || answers[true] != answers[false] {
		t.Errorf("a drawing's fields read briefly\n%s\nread in full\n%s", answers[true], answers[false])
	}
}

// drawnSubgraph holds the fields a brief read gives, as the drawing selects them.
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

package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// A neighbourhood's facts must read exactly as the same facts read one by one through
// relation(id), ends and evidence included: the subgraph query sends each entity and
// source once and the store puts the pieces back together.
func TestGraphQL_NeighborhoodEdgesMatchRelation(t *testing.T) {
	srv, _ := seededServer(t)
	const fact = `id type confidence status validFrom { value precision } quote
		from { id kind name } to { id kind name }
		sources { id title } evidence { quote source { id } }`
	r := postQuery(t, srv, `{ neighborhood(id: "person/vladimir-putin", depth: 2) { nodes { id } edges { `+fact+` } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var g struct {
		Nodes []struct{ ID string }
		Edges []json.RawMessage
	}
	if err := json.Unmarshal(r.Data["neighborhood"], &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Edges) < 5 {
		t.Fatalf("%d edges around Putin at depth 2; the seed has more", len(g.Edges))
	}
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		nodes[n.ID] = true
	}
	for _, raw := range g.Edges {
		var e struct {
			ID       string
			From, To struct{ ID string }
			Sources  []struct{ ID string }
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		if !nodes[e.From.ID] || !nodes[e.To.ID] {
			t.Errorf("%s runs %s -> %s, outside the subgraph's nodes", e.ID, e.From.ID, e.To.ID)
		}
		if len(e.Sources) == 0 {
			t.Errorf("%s has no sources; every seed fact cites one", e.ID)
		}
		one := postQuery(t, srv, `query($id: ID!) { relation(id: $id) { `+fact+` } }`, map[string]any{"id": e.ID})
		if len(one.Errors) > 0 {
			t.Fatal(one.Errors)
		}
		if !bytes.Equal(one.Data["relation"], raw) {
			t.Errorf("%s in the neighbourhood:\n%s\nthrough relation(id):\n%s", e.ID, raw, one.Data["relation"])
		}
	}
}

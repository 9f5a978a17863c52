package main

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/diplograph/diplograph/internal/servicetest"
)

// factSelection asks for everything a fact carries, its ends and evidence included.
const factSelection = `id type confidence status validFrom { value precision } quote
	from { id kind name } to { id kind name }
	sources { id title } evidence { quote source { id } }`

// A fact must read the same wherever it appears. The list queries send each entity and
// source once and the store puts the pieces back together; relation(id) reads one fact
// whole, so it is the reference.
func TestGraphQL_FactsReadAsThroughRelation(t *testing.T) {
	srv, _ := seededServer(t)
	t.Run("Neighborhood", func(t *testing.T) {
		var g struct {
			Nodes []struct{ ID string }
			Edges []json.RawMessage
		}
		decodeData(t, srv, `{ neighborhood(id: "person/vladimir-putin", depth: 2) { nodes { id } edges { `+factSelection+` } } }`, "neighborhood", &g)
		nodes := map[string]bool{}
		for _, n := range g.Nodes {
			nodes[n.ID] = true
		}
		for _, e := range checkFacts(t, srv, g.Edges, 5) {
			if !nodes[e.From.ID] || !nodes[e.To.ID] {
				t.Errorf("%s runs %s -> %s, outside the subgraph's nodes", e.ID, e.From.ID, e.To.ID)
			}
		}
	})
	t.Run("PathHops", func(t *testing.T) {
		distinct := map[string]bool{}
		for _, ends := range [][2]string{{"person/vladimir-putin", "body/gaza-board-of-peace"}, {"person/steve-witkoff", "country/hungary"}} {
			var paths []struct {
				Nodes []struct{ ID string }
				Hops  []json.RawMessage
			}
			decodeData(t, srv, `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 20) {
				nodes { id } hops { `+factSelection+` } } }`, "paths", &paths, "from", ends[0], "to", ends[1])
			for _, p := range paths {
				for i, e := range checkFacts(t, srv, p.Hops, 1) {
					a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
					if !(e.From.ID == a && e.To.ID == b) && !(e.From.ID == b && e.To.ID == a) {
						t.Errorf("hop %d, %s, runs %s -> %s; the path steps from %s to %s", i, e.ID, e.From.ID, e.To.ID, a, b)
					}
					distinct[e.ID] = true
				}
			}
		}
		if len(distinct) < 4 {
			t.Errorf("%d distinct hops; the seed gives more", len(distinct))
		}
	})
	t.Run("EntityRelations", func(t *testing.T) {
		for _, id := range []string{"person/vladimir-putin", "country/russia", "body/gaza-board-of-peace"} {
			var e struct{ Relations []json.RawMessage }
			decodeData(t, srv, `query($id: ID!) { entity(id: $id) { relations { `+factSelection+` } } }`, "entity", &e, "id", id)
			for _, f := range checkFacts(t, srv, e.Relations, 5) {
				if f.From.ID != id && f.To.ID != id {
					t.Errorf("%s of %s runs %s -> %s", f.ID, id, f.From.ID, f.To.ID)
				}
			}
		}
	})
}

type factEnds struct {
	ID       string
	From, To struct{ ID string }
}

// checkFacts compares each fact with relation(id) and returns their ends. It fails on
// fewer than atLeast facts, which the seed gives each list asked for here.
func checkFacts(t *testing.T, srv *httptest.Server, facts []json.RawMessage, atLeast int) []factEnds {
	t.Helper()
	if len(facts) < atLeast {
		t.Fatalf("%d facts; the seed gives at least %d", len(facts), atLeast)
	}
	out := make([]factEnds, len(facts))
	for i, raw := range facts {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			t.Fatal(err)
		}
		one := servicetest.Post(t, srv.URL, nil, `query($id: ID!) { relation(id: $id) { `+factSelection+` } }`, map[string]any{"id": out[i].ID})
		if len(one.Errors) > 0 {
			t.Fatal(one.Errors)
		}
		if !bytes.Equal(one.Data["relation"], raw) {
			t.Errorf("%s in the list:\n%s\nthrough relation(id):\n%s", out[i].ID, raw, one.Data["relation"])
		}
	}
	return out
}

// decodeData posts the query (vars as name, value pairs) and decodes one field of data.
func decodeData(t *testing.T, srv *httptest.Server, query, field string, into any, vars ...string) {
	t.Helper()
	v := map[string]any{}
	for i := 0; i+1 < len(vars); i += 2 {
		v[vars[i]] = vars[i+1]
	}
	r := servicetest.Post(t, srv.URL, nil, query, v)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if err := json.Unmarshal(r.Data[field], into); err != nil {
		t.Fatal(err)
	}
}

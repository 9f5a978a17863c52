package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

// What a string argument holds, which decides what hostile values must do to it.
type argKind int

const (
	idArg    argKind = iota // an id that must exist: every hostile value is refused
	newIDArg                // the id of what the call creates: an unknown id is fine
	dateArg                 // a partial date
	textArg                 // free text: syntax is stored verbatim, length and control characters are refused
	bodyArg                 // a source's full text: only the request body limit applies
)

// hostileCase is one string argument of one mutation: a valid call (fresh for each n) and
// the path of the argument inside its variables.
type hostileCase struct {
	mutation string
	path     string
	kind     argKind
	unknown  string // an id of the right shape that names nothing
}

var hostileValues = []struct {
	name  string
	value string
	kinds []argKind
}{
	{"CypherInjection", `'}) MATCH (n) DETACH DELETE n //`, []argKind{idArg, newIDArg, dateArg, textArg, bodyArg}},
	{"LuceneSyntax", `*:*~^" OR name:*`, []argKind{idArg, newIDArg, dateArg, textArg, bodyArg}},
	{"ControlChars", "a\x00b\x1b[2Jc\x7f", []argKind{idArg, newIDArg, dateArg, textArg}},
	{"HundredThousandChars", strings.Repeat("x", 100_000), []argKind{idArg, newIDArg, dateArg, textArg}},
	{"ImpossibleDate", "2026-02-30", []argKind{dateArg}},
	{"NoSuchMonth", "2026-13", []argKind{dateArg}},
	{"UnknownID", "", []argKind{idArg}},
}

// hostileCall returns a valid call of mutation for the n-th case, preparing what it needs.
func hostileCall(t *testing.T, store *cypher.Store, mutation string, n int) (string, map[string]any) {
	t.Helper()
	ctx := context.Background()
	src := []any{"source/no-text"}
	switch mutation {
	case "upsertEntity":
		return `mutation($in: UpsertEntityInput!) { upsertEntity(input: $in) { entity { id name aliases description externalIds { system id } ... on Event { date { value } } } } }`,
			map[string]any{"in": map[string]any{"id": fmt.Sprintf("event/hostile-%d", n), "name": "Hostile", "aliases": []any{"H"},
				"description": "d", "externalIds": []any{map[string]any{"system": "local", "id": "1"}}, "date": "2026-01-02"}}
	case "addSource":
		return `mutation($in: AddSourceInput!) { addSource(input: $in) { source { id title author publisher url published { value } } } }`,
			map[string]any{"in": map[string]any{"id": fmt.Sprintf("source/hostile-%d", n), "title": "T", "author": "A", "publisher": "P",
				"url": "https://example.org/", "published": "2026-01", "text": "Body."}}
	case "assertRelation":
		return `mutation($in: AssertRelationInput!) { assertRelation(input: $in) { relation { id role quote validFrom { value } } } }`,
			map[string]any{"in": map[string]any{"from": "person/donald-trump", "type": "MET_WITH", "to": "person/vladimir-putin",
				"role": fmt.Sprintf("hostile %d", n), "validFrom": "2025", "validTo": "2026", "confidence": 0.5, "sources": src, "quote": "q"}}
	case "recordEvent":
		return `mutation($in: RecordEventInput!) { recordEvent(input: $in) { event { id name description } relations { role quote } } }`,
			map[string]any{"in": map[string]any{"id": fmt.Sprintf("event/hostile-record-%d", n), "name": "E", "date": "2026-01-05",
				"description": "d", "place": "territory/moscow", "track": "track/ukraine-peace-talks",
				"participants": []any{map[string]any{"entity": "person/steve-witkoff", "role": "envoy"}}, "sources": src, "quote": "q"}}
	case "retractRelation":
		res, err := store.AssertRelation(ctx, "setup", kg.Assertion{From: "person/donald-trump", Type: "MET_WITH", To: "person/vladimir-putin",
			Role: fmt.Sprintf("to retract %d", n), Confidence: 0.5, Sources: []string{"source/no-text"}, Quote: "q"})
		if err != nil {
			t.Fatal(err)
		}
		return `mutation($id: ID!, $reason: String!) { retractRelation(id: $id, reason: $reason) { relation { retraction { reason } } } }`,
			map[string]any{"id": res.Relation.ID, "reason": "r"}
	case "mergeEntities":
		keep, dup := fmt.Sprintf("person/keep-%d", n), fmt.Sprintf("person/dup-%d", n)
		for _, id := range []string{keep, dup} {
			if _, err := store.UpsertEntity(ctx, "setup", kg.EntityPatch{ID: id, Name: &id}); err != nil {
				t.Fatal(err)
			}
		}
		return `mutation($keep: ID!, $dup: ID!) { mergeEntities(keep: $keep, duplicate: $dup) { entity { id } } }`,
			map[string]any{"keep": keep, "dup": dup}
	}
	t.Fatalf("no mutation %s", mutation)
	return "", nil
}

var hostileCases = []hostileCase{
	{"upsertEntity", "in.id", newIDArg, ""},
	{"upsertEntity", "in.name", textArg, ""},
	{"upsertEntity", "in.aliases.0", textArg, ""},
	{"upsertEntity", "in.description", textArg, ""},
	{"upsertEntity", "in.externalIds.0.system", textArg, ""},
	{"upsertEntity", "in.externalIds.0.id", textArg, ""},
	{"upsertEntity", "in.date", dateArg, ""},
	{"addSource", "in.id", newIDArg, ""},
	{"addSource", "in.title", textArg, ""},
	{"addSource", "in.author", textArg, ""},
	{"addSource", "in.publisher", textArg, ""},
	{"addSource", "in.url", textArg, ""},
	{"addSource", "in.published", dateArg, ""},
	{"addSource", "in.text", bodyArg, ""},
	{"assertRelation", "in.from", idArg, "person/does-not-exist"},
	{"assertRelation", "in.to", idArg, "person/does-not-exist"},
	{"assertRelation", "in.role", textArg, ""},
	{"assertRelation", "in.validFrom", dateArg, ""},
	{"assertRelation", "in.validTo", dateArg, ""},
	{"assertRelation", "in.sources.0", idArg, "source/does-not-exist"},
	{"assertRelation", "in.quote", textArg, ""},
	{"recordEvent", "in.id", newIDArg, ""},
	{"recordEvent", "in.name", textArg, ""},
	{"recordEvent", "in.date", dateArg, ""},
	{"recordEvent", "in.description", textArg, ""},
	{"recordEvent", "in.place", idArg, "territory/does-not-exist"},
	{"recordEvent", "in.track", idArg, "track/does-not-exist"},
	{"recordEvent", "in.participants.0.entity", idArg, "person/does-not-exist"},
	{"recordEvent", "in.participants.0.role", textArg, ""},
	{"recordEvent", "in.sources.0", idArg, "source/does-not-exist"},
	{"recordEvent", "in.quote", textArg, ""},
	{"retractRelation", "id", idArg, "rel/met_with/0123456789abcdef"},
	{"retractRelation", "reason", textArg, ""},
	{"mergeEntities", "keep", idArg, "person/does-not-exist"},
	{"mergeEntities", "dup", idArg, "person/does-not-exist"},
}

// TestWrite_HostileInput puts hostile values in every string argument of every mutation.
// A refused value gets BAD_USER_INPUT or NOT_FOUND and leaves the node and relationship
// counts as they were; free text that is merely odd (Cypher or Lucene syntax) is stored
// verbatim, which proves it never became part of a query.
func TestWrite_HostileInput(t *testing.T) {
	store := servicetest.SeededStore(t)
	if _, err := store.AddSource(context.Background(), "setup", kg.EntityPatch{ID: "source/no-text", Name: ptrTo("No text")}); err != nil {
		t.Fatal(err)
	}
	srv := newServerWith(t, authConfig(t), store)
	n := 0
	for _, hc := range hostileCases {
		for _, hv := range hostileValues {
			if !containsKind(hv.kinds, hc.kind) {
				continue
			}
			t.Run(hc.mutation+"/"+hc.path+"/"+hv.name, func(t *testing.T) {
				n++
				query, vars := hostileCall(t, store, hc.mutation, n)
				value := hv.value
				if hv.name == "UnknownID" {
					value = hc.unknown
				}
				setPath(t, vars, hc.path, value)
				nodes, rels := servicetest.Counts(t)
				r := servicetest.Post(t, srv.URL, admin, query, vars)
				switch code := r.Code(); {
				case code == errcode.BadUserInput || code == errcode.NotFound:
					if n2, r2 := servicetest.Counts(t); n2 != nodes || r2 != rels {
						t.Errorf("refused (%s) but wrote: nodes %d -> %d, relationships %d -> %d", code, nodes, n2, rels, r2)
					}
				case code != "":
					t.Errorf("code = %q, want BAD_USER_INPUT or NOT_FOUND: %+v", code, r.Errors)
				case hc.kind == bodyArg:
				case hc.kind == textArg && (hv.name == "CypherInjection" || hv.name == "LuceneSyntax"):
					if !holdsString(r.Data, value) {
						t.Errorf("accepted, but the value is not stored verbatim: %s", mustJSON(r.Data))
					}
				default:
					t.Errorf("accepted a hostile %s: %s", hv.name, mustJSON(r.Data))
				}
			})
		}
	}
	t.Run("TenMegabytes", func(t *testing.T) {
		big := strings.Repeat("x", 10<<20)
		bodies := make([][]byte, len(hostileCases))
		for i, hc := range hostileCases {
			n++
			query, vars := hostileCall(t, store, hc.mutation, n)
			setPath(t, vars, hc.path, big)
			bodies[i], _ = json.Marshal(map[string]any{"query": query, "variables": vars})
		}
		nodes, rels := servicetest.Counts(t)
		for i, hc := range hostileCases {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(bodies[i]))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-API-Key", adminKey)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s: %v", hc.path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("%s %s: status %d, want 413", hc.mutation, hc.path, resp.StatusCode)
			}
		}
		if n2, r2 := servicetest.Counts(t); n2 != nodes || r2 != rels {
			t.Errorf("refused bodies wrote: nodes %d -> %d, relationships %d -> %d", nodes, n2, rels, r2)
		}
	})
}

func containsKind(ks []argKind, k argKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// setPath sets a value inside nested variables: "in.participants.0.entity".
func setPath(t *testing.T, vars map[string]any, path string, value any) {
	t.Helper()
	var cur any = vars
	parts := strings.Split(path, ".")
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = value
				return
			}
			cur = c[p]
		case []any:
			j, _ := strconv.Atoi(p)
			if last {
				c[j] = value
				return
			}
			cur = c[j]
		default:
			t.Fatalf("path %s: %T at %s", path, cur, p)
		}
	}
}

// holdsString reports whether s appears as a whole string value anywhere in data.
func holdsString(data map[string]json.RawMessage, s string) bool {
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			return x == s
		case []any:
			for _, y := range x {
				if walk(y) {
					return true
				}
			}
		case map[string]any:
			for _, y := range x {
				if walk(y) {
					return true
				}
			}
		}
		return false
	}
	for _, raw := range data {
		var v any
		if json.Unmarshal(raw, &v) == nil && walk(v) {
			return true
		}
	}
	return false
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 1500 {
		return string(b[:1500]) + "…"
	}
	return string(b)
}

func ptrTo[T any](v T) *T { return &v }

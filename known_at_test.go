package main

import (
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

// TestGraphQL_EntityAndRelationKnownAt: entity(id) and relation(id) read the graph as it
// stood at knownAt. A fact retracted later reads with the status it had; an entity or fact
// recorded later is not found; an event status set later is not yet known.
func TestGraphQL_EntityAndRelationKnownAt(t *testing.T) {
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	const meeting = "event/2026-01-22-moscow-meeting-witkoff-kushner-putin"
	hungary := kg.FactID("country/hungary", "INVITED_TO", "body/gaza-board-of-peace", "invited")
	seeded := time.Now().UTC().Format(time.RFC3339Nano)
	for _, m := range []string{
		`mutation($id: ID!) { retractRelation(id: $id, reason: "Test: wrongly read.") { relation { status } } }`,
		`mutation { upsertEntity(input: {id: "person/late-comer", name: "Late Comer"}) { created } }`,
		`mutation { upsertEntity(input: {id: "person/steve-witkoff", description: "Edited after the seed.", aliases: ["S. W."]}) { changed } }`,
		`mutation { setEventStatus(input: {event: "` + meeting + `", status: HELD, since: "2026-01-22", sources: ["` + seedSource + `"],
			quote: "meet with Russian President Vladimir Putin in Moscow on January 22"}) { changed } }`,
	} {
		if r := servicetest.Post(t, srv.URL, editor, m, map[string]any{"id": hungary}); r.Code() != "" {
			t.Fatalf("%s: %+v", m, r.Errors)
		}
	}
	const q = `query($id: ID!, $knownAt: Time) {
		relation(id: $id, knownAt: $knownAt) { id status retraction { reason } }
		witkoff: entity(id: "person/steve-witkoff", knownAt: $knownAt) { aliases description version }
		meeting: entity(id: "` + meeting + `", knownAt: $knownAt) { ... on Event { status(knownAt: $knownAt) statusHistory(knownAt: $knownAt) { status recordedAt } } }
	}`
	for _, tc := range []struct {
		name, knownAt string
		want          []string
	}{
		{"Now", "", []string{`"status":"RETRACTED","retraction":{"reason":"Test: wrongly read."}`, `"status":"HELD","statusHistory":[{"status":"SCHEDULED","recordedAt":null},{"status":"HELD","recordedAt":"`,
			`{"aliases":["Witkoff","S. W."],"description":"Edited after the seed.","version":2}`}},
		{"KnownBefore", seeded, []string{`"status":"REPORTED","retraction":null`, `"status":"SCHEDULED","statusHistory":[{"status":"SCHEDULED","recordedAt":null}]`,
			`{"aliases":["Witkoff"],"description":"U.S. Special Envoy; `, `"version":1}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]any{"id": hungary}
			if tc.knownAt != "" {
				vars["knownAt"] = tc.knownAt
			}
			r := servicetest.Post(t, srv.URL, nil, q, vars)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			got := string(r.Data["relation"]) + string(r.Data["meeting"]) + string(r.Data["witkoff"])
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %s: %s", w, got)
				}
			}
		})
	}
	t.Run("RecordedLaterIsNotFound", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `query($k: Time) { entity(id: "person/late-comer", knownAt: $k) { id } }`, map[string]any{"k": seeded})
		if r.Code() != "NOT_FOUND" {
			t.Errorf("entity recorded after knownAt: %+v", r.Errors)
		}
		early := "2020-01-01T00:00:00Z"
		r = servicetest.Post(t, srv.URL, nil, `query($id: ID!, $k: Time) { relation(id: $id, knownAt: $k) { id } }`, map[string]any{"id": hungary, "k": early})
		if r.Code() != "NOT_FOUND" {
			t.Errorf("relation recorded after knownAt: %+v", r.Errors)
		}
	})
	t.Run("ErrBadKnownAt", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ relation(id: "x", knownAt: "yesterday") { id } }`, nil)
		if r.Code() == "" || !strings.Contains(r.Errors[0].Message, "knownAt") {
			t.Errorf("errors = %+v, want one naming knownAt", r.Errors)
		}
	})
}

// TestGraphQL_MergeKnownBeforeAndAfter: a merge is on the record clock. Known before it, the
// duplicate is itself, with its own facts, and the kept entity is without them; known after
// it (or now) the duplicate's id names the kept entity, which has the facts.
func TestGraphQL_MergeKnownBeforeAndAfter(t *testing.T) {
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	for _, m := range []struct {
		who   servicetest.Cred
		query string
	}{
		{editor, `mutation { upsertEntity(input: {id: "person/v-putin", name: "V. V. Putin"}) { created } }`},
		{editor, `mutation { assertRelation(input: {from: "person/v-putin", type: MET_WITH, to: "person/steve-witkoff",
			confidence: 0.8, sources: ["` + seedSource + `"], quote: "Putin and Witkoff"}) { created } }`},
	} {
		if r := servicetest.Post(t, srv.URL, m.who, m.query, nil); r.Code() != "" {
			t.Fatalf("%s: %+v", m.query, r.Errors)
		}
	}
	before := time.Now().UTC().Format(time.RFC3339Nano)
	time.Sleep(5 * time.Millisecond)
	if r := servicetest.Post(t, srv.URL, admin, `mutation { mergeEntities(keep: "person/vladimir-putin", duplicate: "person/v-putin") { moved } }`, nil); r.Code() != "" {
		t.Fatalf("merge: %+v", r.Errors)
	}
	old := kg.FactID("person/v-putin", "MET_WITH", "person/steve-witkoff", "")
	moved := kg.FactID("person/vladimir-putin", "MET_WITH", "person/steve-witkoff", "")
	const q = `query($k: Time) {
		dup: entity(id: "person/v-putin", knownAt: $k) { id name relations(types: [MET_WITH], knownAt: $k) { id } }
		kept: entity(id: "person/vladimir-putin", knownAt: $k) { aliases relations(types: [MET_WITH], knownAt: $k) { id } }
		witkoff: neighborhood(id: "person/steve-witkoff", depth: 1, limit: 100, knownAt: $k) { nodes { id } }
		entities(filter: {kinds: [PERSON]}, first: 100, knownAt: $k) { nodes { id } }
	}`
	const byID = `query($k: Time, $id: ID!) { relation(id: $id, knownAt: $k) { id } }`
	t.Run("KnownBefore", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"k": before})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		if got, want := string(r.Data["dup"]), `{"id":"person/v-putin","name":"V. V. Putin","relations":[{"id":"`+old+`"}]}`; got != want {
			t.Errorf("dup = %s, want %s", got, want)
		}
		if got := string(r.Data["kept"]); strings.Contains(got, moved) || strings.Contains(got, "V. V. Putin") {
			t.Errorf("kept = %s, has the fact moved to it later, or the alias the merge gave it", got)
		}
		for _, field := range []string{"witkoff", "entities"} {
			if !strings.Contains(string(r.Data[field]), `"person/v-putin"`) {
				t.Errorf("%s known before the merge lacks the duplicate: %s", field, r.Data[field])
			}
		}
		r = servicetest.Post(t, srv.URL, nil, byID, map[string]any{"k": before, "id": old})
		if got := string(r.Data["relation"]); got != `{"id":"`+old+`"}` {
			t.Errorf("relation(old fact) known before = %s %+v", got, r.Errors)
		}
	})
	t.Run("Now", func(t *testing.T) {
		if r := servicetest.Post(t, srv.URL, nil, byID, map[string]any{"id": old}); r.Code() != "NOT_FOUND" || !strings.Contains(r.Errors[0].Message, moved) {
			t.Errorf("relation(old fact) now: %+v; want NOT_FOUND naming %s", r.Errors, moved)
		}
		r := servicetest.Post(t, srv.URL, nil, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		for field, want := range map[string]string{
			"dup":  `"id":"person/vladimir-putin"`,
			"kept": `{"id":"` + moved + `"}`,
		} {
			if got := string(r.Data[field]); !strings.Contains(got, want) {
				t.Errorf("%s = %s, want %s", field, got, want)
			}
		}
		if got := string(r.Data["kept"]); !strings.Contains(got, `"V. V. Putin"`) {
			t.Errorf("kept = %s, lacks the duplicate's name as an alias", got)
		}
		for _, field := range []string{"witkoff", "entities"} {
			if strings.Contains(string(r.Data[field]), `"person/v-putin"`) {
				t.Errorf("%s now shows the duplicate: %s", field, r.Data[field])
			}
		}
	})
}

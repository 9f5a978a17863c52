package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

var editor = servicetest.Cred{"X-API-Key": editorKey}
var admin = servicetest.Cred{"X-API-Key": adminKey}

const upsertQuery = `mutation($in: UpsertEntityInput!) { upsertEntity(input: $in) { created changed entity { id name aliases version } } }`

// TestWrite_ConcurrentEditors has N editors update one entity at once, all naming the
// version they read: exactly one wins, every other gets CONFLICT, and the entity ends one
// version up with the winner's name. Then N editors add an alias each without naming a
// version: all succeed and no alias is lost.
func TestWrite_ConcurrentEditors(t *testing.T) {
	const n = 16
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, authConfig(t), store)
	before, err := store.Entity(context.Background(), "person/steve-witkoff", nil)
	if err != nil {
		t.Fatal(err)
	}
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := servicetest.Post(t, srv.URL, editor, upsertQuery, map[string]any{"in": map[string]any{
				"id": "person/steve-witkoff", "name": fmt.Sprintf("Editor %d", i), "expectedVersion": before.Version,
			}})
			codes[i] = r.Code()
		}()
	}
	wg.Wait()
	winner := -1
	for i, c := range codes {
		switch c {
		case "":
			if winner >= 0 {
				t.Errorf("editors %d and %d both succeeded", winner, i)
			}
			winner = i
		case errcode.Conflict:
		default:
			t.Errorf("editor %d: code %q, want CONFLICT or success", i, c)
		}
	}
	after, err := store.Entity(context.Background(), "person/steve-witkoff", nil)
	if err != nil {
		t.Fatal(err)
	}
	if winner < 0 || after.Version != before.Version+1 || after.Name != fmt.Sprintf("Editor %d", winner) {
		t.Errorf("winner %d; entity at version %d (from %d) named %q", winner, after.Version, before.Version, after.Name)
	}

	t.Run("NoLostAliases", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := servicetest.Post(t, srv.URL, editor, upsertQuery, map[string]any{"in": map[string]any{
					"id": "person/steve-witkoff", "aliases": []string{fmt.Sprintf("alias %d", i)},
				}})
				if r.Code() != "" {
					t.Errorf("editor %d: %+v", i, r.Errors)
				}
			}()
		}
		wg.Wait()
		final, err := store.Entity(context.Background(), "person/steve-witkoff", nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if !containsString(final.Aliases, fmt.Sprintf("alias %d", i)) {
				t.Errorf("alias %d was lost: %v", i, final.Aliases)
			}
		}
		if final.Version != after.Version+n {
			t.Errorf("version %d, want %d", final.Version, after.Version+n)
		}
	})
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestWrite_RetractThenAsOf retracts a fact: we learnt it was wrong, so no day shows it
// unless RETRACTED is asked for, and what the graph held before the retraction (knownAt)
// still has it with its old status.
func TestWrite_RetractThenAsOf(t *testing.T) {
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, authConfig(t), store)
	id := kg.FactID("person/vladimir-putin", "HOLDS_ROLE", "country/russia", "President")
	beforeRetraction := time.Now().UTC().Format(time.RFC3339Nano)
	r := servicetest.Post(t, srv.URL, editor, `mutation($id: ID!) { retractRelation(id: $id, reason: "Test of retraction.") {
		relation { status retraction { by reason previousStatus } } } }`, map[string]any{"id": id})
	if r.Code() != "" {
		t.Fatalf("retract: %+v", r.Errors)
	}
	if got := string(r.Data["retractRelation"]); !strings.Contains(got, `"status":"RETRACTED"`) || !strings.Contains(got, `"by":"ed-editor"`) || !strings.Contains(got, `"previousStatus":"ASSERTED"`) {
		t.Errorf("payload = %s", got)
	}
	const q = `query($asOf: Date, $knownAt: Time, $st: [Status!]) { entity(id: "person/vladimir-putin") {
		relations(types: [HOLDS_ROLE], asOf: $asOf, knownAt: $knownAt, statuses: $st) { id status } } }`
	for _, tc := range []struct {
		name     string
		asOf     any
		knownAt  any
		statuses any
		want     string // status of the fact, "" when absent
	}{
		{"AsOfADayBefore", "2026-01-26", nil, nil, ""},
		{"KnownBeforeRetraction", "2026-01-26", beforeRetraction, nil, "ASSERTED"},
		{"KnownBeforeRetractionAnyDay", nil, beforeRetraction, nil, "ASSERTED"},
		{"Now", nil, nil, nil, ""},
		{"NowWithRetracted", nil, nil, []string{"RETRACTED"}, "RETRACTED"},
		{"KnownBeforeWithRetracted", nil, beforeRetraction, []string{"RETRACTED"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": tc.asOf, "knownAt": tc.knownAt, "st": tc.statuses})
			var got struct{ Relations []struct{ ID, Status string } }
			if err := json.Unmarshal(r.Data["entity"], &got); err != nil {
				t.Fatalf("%v: %+v", err, r.Errors)
			}
			status := ""
			for _, rel := range got.Relations {
				if rel.ID == id {
					status = rel.Status
				}
			}
			if status != tc.want {
				t.Errorf("status = %q, want %q", status, tc.want)
			}
		})
	}
}

// TestWrite_MergeThenOldID merges a duplicate entry: the old id resolves to the kept
// entity, its facts moved, and its history stays readable.
func TestWrite_MergeThenOldID(t *testing.T) {
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, authConfig(t), store)
	steps := []struct {
		who   servicetest.Cred
		query string
	}{
		{editor, `mutation { upsertEntity(input: {id: "person/v-putin", name: "V. V. Putin", aliases: ["VVP"]}) { created } }`},
		{editor, `mutation { assertRelation(input: {from: "person/v-putin", type: MET_WITH, to: "person/steve-witkoff",
			confidence: 0.8, sources: ["` + seedSource + `"], quote: "Putin and Witkoff"}) { created } }`},
		{admin, `mutation { mergeEntities(keep: "person/vladimir-putin", duplicate: "person/v-putin") { moved merged dropped entity { id } } }`},
	}
	for _, s := range steps {
		if r := servicetest.Post(t, srv.URL, s.who, s.query, nil); r.Code() != "" {
			t.Fatalf("%s: %+v", s.query, r.Errors)
		}
	}
	r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/v-putin") { id aliases relations(types: [MET_WITH]) { from { id } to { id } } } }`, nil)
	got := string(r.Data["entity"])
	for _, want := range []string{`"id":"person/vladimir-putin"`, `"V. V. Putin"`, `"VVP"`, `"from":{"id":"person/vladimir-putin"},"to":{"id":"person/steve-witkoff"}`} {
		if !strings.Contains(got, want) {
			t.Errorf("entity(old id) = %s %+v, want %s", got, r.Errors, want)
		}
	}
	r = servicetest.Post(t, srv.URL, nil, `{ history(id: "person/v-putin") { operation by entityId counterpartId before after } }`, nil)
	if h := string(r.Data["history"]); !strings.Contains(h, `"operation":"MERGE_ENTITIES","by":"ada-admin","entityId":"person/vladimir-putin","counterpartId":"person/v-putin"`) ||
		!strings.Contains(h, `"operation":"UPSERT_ENTITY","by":"ed-editor"`) {
		t.Errorf("history = %s %+v", h, r.Errors)
	}
	r = servicetest.Post(t, srv.URL, admin, `{ changes(first: 2) { nodes { operation } pageInfo { hasNextPage endCursor } } }`, nil)
	if c := string(r.Data["changes"]); !strings.Contains(c, `"operation":"MERGE_ENTITIES"`) || !strings.Contains(c, `"hasNextPage":true`) {
		t.Errorf("changes = %s %+v", c, r.Errors)
	}
}

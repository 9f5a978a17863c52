package main

import (
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

// TestGraphQL_RetractionOneAnswer is issue 15's walk-through: Hungary's only fact is
// retracted, and every read that can show it agrees: hidden now, on any asOf day; shown
// again, as REPORTED, by a read known at an instant before the retraction.
func TestGraphQL_RetractionOneAnswer(t *testing.T) {
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	id := kg.FactID("country/hungary", "INVITED_TO", "body/gaza-board-of-peace", "invited")
	before := time.Now().UTC().Format(time.RFC3339Nano)
	if r := servicetest.Post(t, srv.URL, editor, `mutation($id: ID!) { retractRelation(id: $id, reason: "Test: wrongly read.") { relation { status } } }`,
		map[string]any{"id": id}); r.Code() != "" {
		t.Fatalf("retract: %+v", r.Errors)
	}
	const q = `query($asOf: Date, $knownAt: Time) {
		entity(id: "country/hungary") {
			relations(asOf: $asOf, knownAt: $knownAt) { id status }
			tracks(asOf: $asOf, knownAt: $knownAt) { id }
		}
		neighborhood(id: "country/hungary", asOf: $asOf, knownAt: $knownAt) { edges { id status } }
		entities(filter: {track: "track/gaza-board-of-peace", kinds: [COUNTRY]}, first: 100, asOf: $asOf, knownAt: $knownAt) { nodes { id } }
	}`
	for _, tc := range []struct {
		name    string
		asOf    any
		knownAt any
		shown   bool
	}{
		{"Now", nil, nil, false},
		{"AsOfAfterTheArticle", "2026-01-30", nil, false},
		{"KnownBefore", nil, before, true},
		{"KnownBeforeAsOfAfterTheArticle", "2026-01-30", before, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": tc.asOf, "knownAt": tc.knownAt})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			reads := map[string]string{
				"relations":       string(r.Data["entity"]),
				"neighborhood":    string(r.Data["neighborhood"]),
				"tracks":          string(r.Data["entity"]),
				"entities(track)": string(r.Data["entities"]),
			}
			marks := map[string]string{
				"relations":       `"id":"` + id + `","status":"REPORTED"`,
				"neighborhood":    `"id":"` + id + `","status":"REPORTED"`,
				"tracks":          `"id":"track/gaza-board-of-peace"`,
				"entities(track)": `"id":"country/hungary"`,
			}
			for read, answer := range reads {
				if got := strings.Contains(answer, marks[read]); got != tc.shown {
					t.Errorf("%s shows the fact = %v, want %v: %s", read, got, tc.shown, answer)
				}
			}
		})
	}
	t.Run("ErrBadKnownAt", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ stats(knownAt: "yesterday") { relations } }`, nil)
		if r.Code() == "" || !strings.Contains(r.Errors[0].Message, "knownAt") {
			t.Errorf("errors = %+v, want one naming knownAt", r.Errors)
		}
	})
}

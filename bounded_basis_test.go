package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/servicetest"
)

// TestGraphQL_BoundedDatesAndBasis asserts an inferred fact known only by a bound, reads it
// back with its bounds and basis, and checks that asOf treats an open bound as open.
func TestGraphQL_BoundedDatesAndBasis(t *testing.T) {
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	const assert = `mutation($validFrom: String, $basis: Basis, $note: String) {
		assertRelation(input: {from: "person/steve-witkoff", type: MET_WITH, to: "person/volodymyr-zelenskyy",
			validFrom: $validFrom, validTo: $validFrom, confidence: 0.6, basis: $basis, basisNote: $note,
			sources: ["` + seedSource + `"], quote: "ahead of the Kremlin visit"}) {
			relation { id basis basisNote validFrom { value precision bounded start end } }
		} }`
	r := servicetest.Post(t, srv.URL, editor, assert, map[string]any{"validFrom": "../2026-01-21", "basis": "INFERRED",
		"note": "The article says officials met Ukrainian representatives; that Witkoff was among them is read from his role."})
	if len(r.Errors) > 0 {
		t.Fatalf("assert: %+v", r.Errors)
	}
	var got struct {
		AssertRelation struct {
			Relation struct {
				ID, Basis string
				BasisNote *string
				ValidFrom struct {
					Value, Precision string
					Bounded          bool
					Start, End       *string
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data["assertRelation"], &got.AssertRelation); err != nil {
		t.Fatal(err)
	}
	rel := got.AssertRelation.Relation
	if rel.Basis != "INFERRED" || rel.BasisNote == nil || rel.ValidFrom.Value != "../2026-01-21" || rel.ValidFrom.Precision != "DAY" ||
		!rel.ValidFrom.Bounded || rel.ValidFrom.Start != nil || rel.ValidFrom.End == nil || *rel.ValidFrom.End != "2026-01-21" {
		t.Errorf("relation = %+v", rel)
	}
	// Open at the start: it may have happened on any day up to 2026-01-21, and a meeting is
	// history after it.
	const read = `query($asOf: Date) { entity(id: "person/steve-witkoff") { relations(types: [MET_WITH], asOf: $asOf) { id } } }`
	for asOf, want := range map[string]bool{"2025-06-01": true, "2026-01-21": true, "2026-03-01": true} {
		r := servicetest.Post(t, srv.URL, nil, read, map[string]any{"asOf": asOf})
		if got := containsJSON(r.Data["entity"], rel.ID); got != want {
			t.Errorf("as of %s shown = %v, want %v", asOf, got, want)
		}
	}
	for _, tc := range []struct {
		name        string
		vars        map[string]any
		field, code string
	}{
		{"ErrInferredWithoutNote", map[string]any{"validFrom": "2026-01", "basis": "INFERRED"}, "basisNote", "BAD_USER_INPUT"},
		{"ErrBoundsReversed", map[string]any{"validFrom": "2026-01-27/2026-01-26"}, "validFrom", "BAD_USER_INPUT"},
		{"ErrNoBound", map[string]any{"validFrom": "../.."}, "validFrom", "BAD_USER_INPUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, editor, assert, tc.vars)
			if r.Code() != tc.code || len(r.Errors) == 0 || r.Errors[0].Extensions["field"] != tc.field {
				t.Errorf("errors = %+v, want %s on %s", r.Errors, tc.code, tc.field)
			}
		})
	}
}

// containsJSON reports whether an answer holds s as a JSON string.
func containsJSON(raw json.RawMessage, s string) bool {
	return strings.Contains(string(raw), strconv.Quote(s))
}

// TestGraphQL_SourceText serves a source's stored text, in which its facts' quotes are found
// verbatim: what the dashboard highlights. A source without a text has none.
func TestGraphQL_SourceText(t *testing.T) {
	srv, _ := seededServer(t)
	r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/vladimir-putin") { relations(types: [HOLDS_ROLE]) { quote sources { id hasText text } } }
		untexted: entity(id: "source/cnbc-com") { ... on Source { hasText text } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var got struct {
		Relations []struct {
			Quote   string
			Sources []struct {
				ID      string
				HasText bool
				Text    *string
			}
		}
	}
	if err := json.Unmarshal(r.Data["entity"], &got); err != nil || len(got.Relations) == 0 {
		t.Fatalf("%v: %s", err, r.Data["entity"])
	}
	for _, rel := range got.Relations {
		for _, s := range rel.Sources {
			if !s.HasText || s.Text == nil || !strings.Contains(*s.Text, rel.Quote) {
				t.Errorf("%s: text %v does not hold the quote %q", s.ID, s.Text != nil, rel.Quote)
			}
		}
	}
	if u := string(r.Data["untexted"]); u != `{"hasText":false,"text":null}` {
		t.Errorf("a source without a text: %s", u)
	}
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/servicetest"
)

// eventStatusFile adds an event that was scheduled on 2026-01-26 and held on 2026-02-02.
const eventStatusFile = `format: diplograph/v1
sources:
  - {id: source/status-wire, title: Status wire, text: "The envoys are scheduled to meet on February 2. The envoys met on February 2."}
entities:
  - id: event/2026-02-02-status-test-meeting
    kind: Event
    name: Status test meeting
    date: "2026-02-02"
    statuses:
      - {status: scheduled, since: "2026-01-26", sources: [source/status-wire], quote: "The envoys are scheduled to meet on February 2."}
      - {status: held, since: "2026-02-02", sources: [source/status-wire], quote: "The envoys met on February 2."}
  - id: event/2026-03-01-status-test-planned
    kind: Event
    name: Status test, planned
    date: "2026-03-01"
    statuses:
      - {status: scheduled, since: "2026-01-26", sources: [source/status-wire], quote: "The envoys are scheduled to meet"}
relations:
  - {from: person/steve-witkoff, type: PARTICIPATED_IN, to: event/2026-03-01-status-test-planned, role: envoy, validFrom: "2026-03-01", validTo: "2026-03-01",
     confidence: 0.8, status: reported, sources: [source/status-wire], quote: "The envoys are scheduled to meet"}
  - {from: person/steve-witkoff, type: PARTICIPATED_IN, to: event/2026-02-02-status-test-meeting, role: envoy, validFrom: "2026-02-02", validTo: "2026-02-02",
     confidence: 0.8, status: reported, sources: [source/status-wire], quote: "The envoys met on February 2."}
  - {from: event/2026-02-02-status-test-meeting, type: PART_OF, to: track/ukraine-peace-talks,
     confidence: 0.8, status: reported, sources: [source/status-wire], quote: "The envoys met on February 2."}
`

func tempFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGraphQL_EventStatus: an event is scheduled until a source says it was held; its
// status, history, participants and the timeline's filter follow the day asked for.
func TestGraphQL_EventStatus(t *testing.T) {
	store := servicetest.SeededStore(t)
	if _, err := importer.ImportFile(context.Background(), store, tempFile(t, "status.yaml", eventStatusFile), importer.Options{}); err != nil {
		t.Fatal(err)
	}
	srv := newServerWith(t, authConfig(t), store)
	const q = `query($asOf: Date, $st: [EventStatus!]) {
		timeline(id: "track/ukraine-peace-talks", from: "2026-02", to: "2026-02", asOf: $asOf, statuses: $st) {
			id
			... on Event { status(asOf: $asOf) statusHistory { status since { value } sources quote } participants(asOf: $asOf) { planned entity { id } } }
		}
	}`
	for _, tc := range []struct {
		name       string
		asOf       any
		statuses   any
		want, with []string // substrings of the answer that must and must not appear
	}{
		{"Latest", nil, nil, []string{`"status":"HELD"`, `"planned":false`, `"since":{"value":"2026-01-26"}`, `"status":"SCHEDULED"`}, nil},
		{"OnTheDay", "2026-02-02", nil, []string{`"status":"HELD"`, `"planned":false`}, nil},
		{"FilterHeld", nil, []string{"HELD"}, []string{`"id":"event/2026-02-02-status-test-meeting"`}, nil},
		{"FilterScheduled", nil, []string{"SCHEDULED"}, nil, []string{`status-test-meeting`}},
		{"FilterCancelled", "2026-02-02", []string{"CANCELLED"}, nil, []string{`status-test-meeting`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": tc.asOf, "st": tc.statuses})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			got := string(r.Data["timeline"])
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %s: %s", w, got)
				}
			}
			for _, w := range tc.with {
				if strings.Contains(got, w) {
					t.Errorf("answer has %s: %s", w, got)
				}
			}
		})
	}
	// Before it was held the event was scheduled (the timeline leaves it out as of a day
	// before its date, so read the event itself).
	r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "event/2026-02-02-status-test-meeting") { ... on Event { status(asOf: "2026-01-30") } } }`, nil)
	if got := string(r.Data["entity"]); !strings.Contains(got, `"status":"SCHEDULED"`) {
		t.Errorf("as of 2026-01-30: %s (%+v)", got, r.Errors)
	}
	// Taking part in an event that is only scheduled reads as planned.
	r = servicetest.Post(t, srv.URL, nil, `{ entity(id: "event/2026-03-01-status-test-planned") { ... on Event { status participants { planned entity { id } } } } }`, nil)
	if got := string(r.Data["entity"]); !strings.Contains(got, `"planned":true,"entity":{"id":"person/steve-witkoff"}`) {
		t.Errorf("a scheduled event's participant: %s (%+v)", got, r.Errors)
	}
}

// TestGraphQL_SetEventStatus: the article's meeting was scheduled; an editor records that
// it was held, citing a source; the history has both, the write is audited, asserting it
// again changes nothing, and bad input names its field.
func TestGraphQL_SetEventStatus(t *testing.T) {
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	const meeting = "event/2026-01-22-moscow-meeting-witkoff-kushner-putin"
	const set = `mutation($status: EventStatus!, $since: String!, $quote: String!, $event: ID!) {
		setEventStatus(input: {event: $event, status: $status, since: $since, sources: ["` + seedSource + `"], quote: $quote}) {
			changed entity { ... on Event { status statusHistory { status since { value } } } } } }`
	vars := map[string]any{"event": meeting, "status": "HELD", "since": "2026-01-22", "quote": "meet with Russian President Vladimir Putin in Moscow on January 22"}
	r := servicetest.Post(t, srv.URL, editor, set, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if got := string(r.Data["setEventStatus"]); !strings.Contains(got, `"changed":true`) || !strings.Contains(got, `"status":"HELD","statusHistory"`) {
		t.Errorf("answer: %s", got)
	}
	if again := servicetest.Post(t, srv.URL, editor, set, vars); !strings.Contains(string(again.Data["setEventStatus"]), `"changed":false`) {
		t.Errorf("asserting it again: %s %+v", again.Data["setEventStatus"], again.Errors)
	}
	h := servicetest.Post(t, srv.URL, nil, `query($id: ID!) { history(id: $id) { operation by } }`, map[string]any{"id": meeting})
	if got := string(h.Data["history"]); !strings.Contains(got, `"operation":"SET_EVENT_STATUS"`) {
		t.Errorf("history: %s %+v", got, h.Errors)
	}
	for _, tc := range []struct {
		name  string
		vars  map[string]any
		field string
		code  string
	}{
		{"ErrQuoteNotVerbatim", map[string]any{"event": meeting, "status": "HELD", "since": "2026-01-22", "quote": "they met"}, "quote", "BAD_USER_INPUT"},
		{"ErrSince", map[string]any{"event": meeting, "status": "HELD", "since": "January", "quote": "they met"}, "since", "BAD_USER_INPUT"},
		{"ErrNotAnEvent", map[string]any{"event": "person/vladimir-putin", "status": "HELD", "since": "2026-01-22", "quote": "Putin"}, "event", "BAD_USER_INPUT"},
		{"ErrUnknown", map[string]any{"event": "event/2026-01-01-nothing", "status": "HELD", "since": "2026-01-22", "quote": "Putin"}, "", "NOT_FOUND"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, editor, set, tc.vars)
			if r.Code() != tc.code || (tc.field != "" && r.Errors[0].Extensions["field"] != tc.field) {
				t.Errorf("errors = %+v, want %s on %q", r.Errors, tc.code, tc.field)
			}
		})
	}
	if anon := servicetest.Post(t, srv.URL, nil, set, vars); anon.Code() == "" {
		t.Errorf("an anonymous caller set a status: %s", anon.Data["setEventStatus"])
	}
}

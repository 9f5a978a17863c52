package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/diplograph/diplograph/errcode"
)

// The live tests run the service over the real test Neo4j and subscribe over loopback, as a
// dashboard or a notebook would (docs/live.md).

var (
	asReader = map[string]string{"X-API-Key": readerKey}
	asEditor = map[string]string{"Authorization": "Bearer " + editorKey}
)

const metWith = `mutation($role: String!) { assertRelation(input: {from: "person/steve-witkoff", type: MET_WITH,
  to: "person/vladimir-putin", role: $role, confidence: 0.9, sources: ["` + seedSource + `"], quote: "Vladimir Putin"}) {
  created relation { id } } }`

const describe = `mutation($id: ID!, $d: String!, $v: Int) { upsertEntity(input: {id: $id, description: $d, expectedVersion: $v}) {
  changed entity { id ... on Person { version } } } }`

// Over SSE: a mutation gives exactly one event of the right shape, a write that rolled back
// gives none, and the stream outlives the request deadline and the server's write timeout.
func TestLive_SSE_OneEventPerCommit_NoneForRollback(t *testing.T) {
	store := seededStore(t)
	c := authConfig(t)
	c.RequestTimeout = time.Second // the server's write timeout is then 6 s
	base := liveServer(t, c, store)
	opened := time.Now()
	facts := sseSubscribe(t, base, `subscription { relationChanged(filter: {entity: "person/vladimir-putin", types: [MET_WITH]}) { `+changeFields+` } }`, nil, asReader)
	witkoff := sseSubscribe(t, base, `subscription { entityChanged(id: "person/steve-witkoff") { `+changeFields+` } }`, nil, asReader)
	time.Sleep(300 * time.Millisecond) // both subscribed

	res := mutate(t, base, metWith, map[string]any{"role": "live test"}, asEditor)
	if res.code() != "" {
		t.Fatalf("assertRelation: %+v", res.Errors)
	}
	var asserted struct {
		Relation struct{ ID string }
	}
	_ = json.Unmarshal(res.Data["assertRelation"], &asserted)
	e := next(t, facts, 10*time.Second).change(t)
	if e.Kind != "CREATED" || e.Operation != "ASSERT_RELATION" || e.By != "ed-editor" || e.Relation == nil ||
		e.Relation.ID != asserted.Relation.ID || e.Relation.Type != "MET_WITH" || e.Entity != nil || e.Sequence <= 0 {
		t.Fatalf("event: %+v", e)
	}
	if _, err := time.Parse(time.RFC3339Nano, e.At); err != nil || len(e.Fields) == 0 {
		t.Fatalf("at %q, fields %v", e.At, e.Fields)
	}
	none(t, facts, time.Second)   // exactly one
	none(t, witkoff, time.Second) // a fact is not the entity's own record

	// A stale version: CONFLICT, rolled back, nothing published.
	if res := mutate(t, base, describe, map[string]any{"id": "person/steve-witkoff", "d": "stale", "v": 999}, asEditor); res.code() != errcode.Conflict {
		t.Fatalf("stale version: %+v", res)
	}
	none(t, witkoff, 2*time.Second)

	time.Sleep(time.Until(opened.Add(7 * time.Second))) // past the request deadline and the write timeout
	if res := mutate(t, base, describe, map[string]any{"id": "person/steve-witkoff", "d": "US special envoy (live test)"}, asEditor); res.code() != "" {
		t.Fatalf("upsert: %+v", res.Errors)
	}
	w := next(t, witkoff, 10*time.Second).change(t)
	if w.Kind != "CHANGED" || w.Entity == nil || w.Entity.Description != "US special envoy (live test)" ||
		len(w.Fields) != 1 || w.Fields[0] != "description" || w.Sequence <= e.Sequence {
		t.Fatalf("entity event: %+v", w)
	}

	mutate(t, base, `mutation($id: ID!) { retractRelation(id: $id, reason: "live test") { relation { id } } }`, map[string]any{"id": asserted.Relation.ID}, asEditor)
	r := next(t, facts, 10*time.Second).change(t)
	if r.Kind != "RETRACTED" || r.Relation == nil || r.Relation.Status != "RETRACTED" || r.Sequence <= w.Sequence {
		t.Fatalf("retraction event: %+v", r)
	}
}

// Over WebSockets, both protocols: credentials in the init payload or the header, a
// reconnect with since gets what it missed in order, a gap older than the log asks for a
// reload, and bad credentials close the socket with 4401.
func TestLive_WebSocket_AuthAndResume(t *testing.T) {
	store := seededStore(t)
	c := authConfig(t)
	c.Auth.AnonymousReads = false
	base := liveServer(t, c, store)
	sub := `subscription($since: Int) { entityChanged(id: "person/vladimir-putin", since: $since) { ` + changeFields + ` } }`

	first, err := wsDial(t, base, "graphql-transport-ws", map[string]any{"X-API-Key": readerKey}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first.subscribe(t, "1", sub, nil)
	time.Sleep(300 * time.Millisecond)
	mutate(t, base, describe, map[string]any{"id": "person/vladimir-putin", "d": "one"}, asEditor)
	e1 := next(t, first.events, 10*time.Second).change(t)
	if e1.Entity == nil || e1.Entity.Description != "one" {
		t.Fatalf("first event: %+v", e1)
	}
	_ = first.conn.Close(websocket.StatusNormalClosure, "")

	for _, d := range []string{"two", "three"} { // while nobody listens
		mutate(t, base, describe, map[string]any{"id": "person/vladimir-putin", "d": d}, asEditor)
	}
	again, err := wsDial(t, base, "graphql-ws", nil, http.Header{"Authorization": {"Bearer " + readerKey}})
	if err != nil {
		t.Fatal(err)
	}
	again.subscribe(t, "1", sub, map[string]any{"since": e1.Sequence})
	e2, e3 := next(t, again.events, 10*time.Second).change(t), next(t, again.events, 10*time.Second).change(t)
	if e2.Entity.Description != "two" || e3.Entity.Description != "three" || !(e1.Sequence < e2.Sequence && e2.Sequence < e3.Sequence) {
		t.Fatalf("resumed: %+v then %+v", e2, e3)
	}
	none(t, again.events, time.Second)

	old, err := wsDial(t, base, "graphql-transport-ws", map[string]any{"Authorization": "Bearer " + readerKey}, nil)
	if err != nil {
		t.Fatal(err)
	}
	old.subscribe(t, "1", sub, map[string]any{"since": e1.Sequence - 1_000_000_000})
	if got := next(t, old.events, 10*time.Second); got.code() != errcode.ReloadRequired {
		t.Fatalf("a gap older than the log: %+v", got)
	}

	anonymous, err := wsDial(t, base, "graphql-transport-ws", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	anonymous.subscribe(t, "1", sub, nil)
	if got := next(t, anonymous.events, 10*time.Second); got.code() != errcode.Unauthenticated {
		t.Fatalf("anonymous, anonymous reads off: %+v", got)
	}

	if _, err := wsDial(t, base, "graphql-transport-ws", map[string]any{"X-API-Key": "not-a-key"}, nil); err == nil {
		t.Fatal("a bad key was acknowledged")
	}
	conn, _, err := websocket.Dial(context.Background(), "ws"+base[len("http"):]+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.Write(context.Background(), websocket.MessageText, []byte(`{"type":"connection_init","payload":{"X-API-Key":"not-a-key"}}`))
	for {
		if _, _, err := conn.Read(context.Background()); err != nil {
			if code := websocket.CloseStatus(err); code != closeUnauthenticated {
				t.Fatalf("bad key closed with %d (%v), want %d", code, err, closeUnauthenticated)
			}
			break
		}
	}
}

// trackActivity and relationChanged(filter: {track}) follow the rule of Entity.tracks: a
// recorded event of the track and its facts arrive, a meeting of two people does not.
func TestLive_TrackActivity(t *testing.T) {
	store := seededStore(t)
	base := liveServer(t, authConfig(t), store)
	activity := sseSubscribe(t, base, `subscription { trackActivity(track: "track/ukraine-peace-talks") { `+changeFields+` } }`, nil, asReader)
	facts := sseSubscribe(t, base, `subscription { relationChanged(filter: {track: "track/ukraine-peace-talks"}) { `+changeFields+` } }`, nil, asReader)
	time.Sleep(300 * time.Millisecond)

	mutate(t, base, metWith, map[string]any{"role": "not on a track"}, asEditor)
	res := mutate(t, base, `mutation { recordEvent(input: {id: "event/live-test-meeting", name: "Live test meeting", date: "2026-01-22",
	  track: "track/ukraine-peace-talks", participants: [{entity: "person/steve-witkoff"}], sources: ["`+seedSource+`"],
	  quote: "Vladimir Putin"}) { event { id } } }`, nil, asEditor)
	if res.code() != "" {
		t.Fatalf("recordEvent: %+v", res.Errors)
	}
	event := next(t, activity, 10*time.Second).change(t)
	if event.Kind != "CREATED" || event.Operation != "RECORD_EVENT" || event.Entity == nil || event.Entity.ID != "event/live-test-meeting" {
		t.Fatalf("first activity: %+v", event)
	}
	var types []string
	for range 2 {
		a, f := next(t, activity, 10*time.Second).change(t), next(t, facts, 10*time.Second).change(t)
		if a.Relation == nil || f.Relation == nil || a.Relation.ID != f.Relation.ID {
			t.Fatalf("activity %+v, facts %+v", a, f)
		}
		types = append(types, a.Relation.Type)
	}
	if types[0] != "PARTICIPATED_IN" || types[1] != "PART_OF" {
		t.Fatalf("facts of the event: %v", types)
	}
	none(t, activity, time.Second) // the meeting of two people came first and did not arrive
	none(t, facts, time.Second)
}

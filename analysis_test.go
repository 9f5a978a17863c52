package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/datagen"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/internal/testneo4j"
)

// ids pulls every "id" value out of a JSON answer, in order.
func ids(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["id"].(string); ok {
				out = append(out, id)
			}
			for _, k := range sortedKeys(x) {
				if k != "id" {
					walk(x[k])
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	walk(v)
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGraphQL_AsOf(t *testing.T) {
	srv, _ := seededServer(t)
	const meeting = "event/2026-01-22-moscow-meeting-witkoff-kushner-putin"
	const q = `query($asOf: Date) { entity(id: "person/vladimir-putin") {
		events(asOf: $asOf) { id }
		relations(types: [PARTICIPATED_IN, MET_WITH], asOf: $asOf) { id to { id } }
	} }`
	cases := []struct {
		asOf    string
		present bool
	}{
		{"2026-01-21", false}, // the day before the meeting
		{"2026-01-22", true},  // the day itself
		{"2026-06-01", true},
	}
	for _, tc := range cases {
		t.Run(tc.asOf, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": tc.asOf})
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			got := ids(t, r.Data["entity"])
			if contains(got, meeting) != tc.present {
				t.Errorf("as of %s the meeting present = %v, want %v (%v)", tc.asOf, !tc.present, tc.present, got)
			}
		})
	}
	t.Run("YearPrecision", func(t *testing.T) {
		// Crimea's annexation is known to the year 2014: it may have held on any day of
		// 2014, and not before.
		const q = `query($asOf: Date) { entity(id: "country/russia") { relations(types: [ANNEXED], asOf: $asOf) { to { id } } } }`
		for asOf, want := range map[string]bool{"2013-12-31": false, "2014-01-01": true, "2014-12-31": true} {
			r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": asOf})
			if got := contains(ids(t, r.Data["entity"]), "territory/crimea"); got != want {
				t.Errorf("as of %s annexation present = %v, want %v", asOf, got, want)
			}
		}
	})
	t.Run("ErrImpossibleDate", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"asOf": "2026-02-30"})
		if r.Code() != errcode.BadUserInput {
			t.Errorf("code = %q, want BAD_USER_INPUT", r.Code())
		}
	})
}

func TestGraphQL_TimelinePrecision(t *testing.T) {
	srv, _ := seededServer(t)
	const q = `query($from: String, $to: String) { timeline(id: "track/ukraine-peace-talks", from: $from, to: $to) { id date { value } } }`
	// Month-precise January events may fall on the 22nd, so they count for that day.
	r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"from": "2026-01-22", "to": "2026-01-22"})
	got := ids(t, r.Data["timeline"])
	if !contains(got, "event/2026-01-22-moscow-meeting-witkoff-kushner-putin") || !contains(got, "event/2026-01-us-ukraine-officials-meeting") {
		t.Errorf("timeline for 2026-01-22 = %v", got)
	}
	if got[0] != "event/2026-01-trump-reasonably-close-statement" && !strings.HasPrefix(got[0], "event/2026-01-") {
		t.Errorf("month-precise events should sort before the day-precise one: %v", got)
	}
	// Two events are known only to be not after a day of January 2026 (../2026-01-26 and
	// ../2026-01-22): they may have happened in any earlier year, so they count for it, and
	// having no first day they sort first.
	openStart := "event/2026-01-witkoff-at-world-economic-forum-davos event/2026-01-us-ukraine-officials-meeting"
	r = servicetest.Post(t, srv.URL, nil, q, map[string]any{"from": "2025", "to": "2025"})
	if got := ids(t, r.Data["timeline"]); strings.Join(got, " ") != openStart+" event/2025-12-02-moscow-meeting-witkoff-putin" {
		t.Errorf("the Ukraine track's 2025 = %v, want the two open-start events, then the December meeting", got)
	}
	r = servicetest.Post(t, srv.URL, nil, q, map[string]any{"from": "2015", "to": "2021"})
	if got := ids(t, r.Data["timeline"]); strings.Join(got, " ") != openStart {
		t.Errorf("the Ukraine track from 2015 to 2021 has only the two open-start events, got %v", got)
	}
	r = servicetest.Post(t, srv.URL, nil, q, map[string]any{"from": "2026-01", "to": "2025"})
	if r.Code() != errcode.BadUserInput {
		t.Errorf("to before from: code = %q, want BAD_USER_INPUT", r.Code())
	}
}

func TestGraphQL_AnalysisBounds(t *testing.T) {
	srv, _ := seededServer(t)
	cases := map[string]string{
		"depth":   `{ neighborhood(id: "person/vladimir-putin", depth: 4) { truncated } }`,
		"limit":   `{ neighborhood(id: "person/vladimir-putin", limit: 501) { truncated } }`,
		"maxHops": `{ paths(from: "person/vladimir-putin", to: "country/russia", maxHops: 7) { length } }`,
		"first":   `{ crossTrack(a: "track/ukraine-peace-talks", b: "track/gaza-board-of-peace", first: 0) { score } }`,
	}
	for arg, q := range cases {
		t.Run(arg, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, q, nil)
			if r.Code() != errcode.BadUserInput || r.Errors[0].Extensions["field"] != arg {
				t.Errorf("got %+v, want BAD_USER_INPUT on %s", r.Errors, arg)
			}
		})
	}
	t.Run("NotFound", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ paths(from: "person/nobody", to: "country/russia") { length } }`, nil)
		if r.Code() != errcode.NotFound {
			t.Errorf("code = %q, want NOT_FOUND", r.Code())
		}
		r = servicetest.Post(t, srv.URL, nil, `{ search(text: "qxzvbq ++ * ~ \\ / \"") { score } }`, nil)
		if len(r.Errors) > 0 || string(r.Data["search"]) != "[]" {
			t.Errorf("search for nothing = %s %+v, want []", r.Data["search"], r.Errors)
		}
	})
	t.Run("Truncated", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ neighborhood(id: "person/vladimir-putin", depth: 2, limit: 3) { truncated nodes { id } } }`, nil)
		var g struct {
			Truncated bool
			Nodes     []struct{ ID string }
		}
		_ = json.Unmarshal(r.Data["neighborhood"], &g)
		if !g.Truncated || len(g.Nodes) != 4 {
			t.Errorf("got truncated=%v with %d nodes, want true with the centre and 3 more", g.Truncated, len(g.Nodes))
		}
	})
}

func TestGraphQL_CrossTrack(t *testing.T) {
	srv, _ := seededServer(t)
	r := servicetest.Post(t, srv.URL, nil, `{ crossTrack(a: "track/ukraine-peace-talks", b: "track/gaza-board-of-peace") {
		score entity { id } tiesA { relations { quote sources { id } } } tiesB { relations { quote } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	var links []struct {
		Score  float64
		Entity struct{ ID string }
		TiesA  []struct {
			Relations []struct {
				Quote   string
				Sources []struct{ ID string }
			}
		}
		TiesB []json.RawMessage
	}
	if err := json.Unmarshal(r.Data["crossTrack"], &links); err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for i, l := range links {
		linked[l.Entity.ID] = true
		if len(l.TiesA) == 0 || len(l.TiesB) == 0 {
			t.Errorf("%s is not tied to both sides", l.Entity.ID)
		}
		if i > 0 && l.Score > links[i-1].Score {
			t.Errorf("not ranked by score at %d", i)
		}
		for _, tie := range l.TiesA {
			for _, rel := range tie.Relations {
				if rel.Quote == "" || len(rel.Sources) == 0 {
					t.Errorf("%s: a tie without evidence", l.Entity.ID)
				}
			}
		}
	}
	for _, who := range []string{"person/vladimir-putin", "person/steve-witkoff", "person/jared-kushner", "country/russia", "person/donald-trump"} {
		if !linked[who] {
			t.Errorf("%s should link the two tracks", who)
		}
	}
	if linked["person/volodymyr-zelenskyy"] {
		t.Error("Zelenskyy has no tie to the Gaza track in the article")
	}
}

// TestGraphQL_RoundTripsDoNotGrowWithData runs a deep query (an entity, its relations,
// their counterparts, their relations and sources) on the seed and again after adding many
// more facts about the same entities: the number of Cypher round trips must not change.
func TestGraphQL_RoundTripsDoNotGrowWithData(t *testing.T) {
	store := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	if _, err := importer.ImportFile(ctx, store, "data/seed.yaml", importer.Options{}); err != nil {
		t.Fatal(err)
	}
	var last atomic.Int64
	c := testConfig(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	gql := newGraphQLHandler(c, store, log)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rctx, n := cypher.CountRoundTrips(r.Context())
		gql.ServeHTTP(w, r.WithContext(rctx))
		last.Store(n.Load())
	}))
	t.Cleanup(srv.Close)
	const deep = `{ entities(filter: {kinds: [PERSON, COUNTRY]}, first: 50) { nodes { id
		relations { type sources { id text } to { id relations { type to { id } sources { title } } } }
		events { id } tracks { id } } } }`
	// Batches close when their keys stop arriving (the batching rule, resolvers/loaders.go),
	// so a loaded machine can split one level in two: take the best of five runs. An N+1
	// would cost hundreds of round trips here.
	measure := func() (int64, int) {
		best, rels := int64(1<<62), 0
		for i := 0; i < 5; i++ {
			r := servicetest.Post(t, srv.URL, nil, deep, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			best, rels = min(best, last.Load()), strings.Count(string(r.Data["entities"]), `"type"`)
		}
		return best, rels
	}
	before, relsBefore := measure()
	// Tie 300 new people to Putin and Russia: more rows at every level of the query.
	var extra strings.Builder
	extra.WriteString("format: diplograph/v1\nentities:\n")
	for i := 0; i < 300; i++ {
		extra.WriteString("  - {id: person/extra-" + itoa(i) + ", kind: Person, name: Extra " + itoa(i) + "}\n")
	}
	extra.WriteString("relations:\n")
	for i := 0; i < 300; i++ {
		extra.WriteString("  - {from: person/extra-" + itoa(i) + ", type: MET_WITH, to: person/vladimir-putin, confidence: 0.5, status: reported, sources: [source/2026-01-26-us-envoys-to-meet-putin], quote: Putin}\n")
		extra.WriteString("  - {from: person/extra-" + itoa(i) + ", type: HOLDS_ROLE, to: country/russia, role: envoy, confidence: 0.5, status: reported, sources: [source/2026-01-26-us-envoys-to-meet-putin], quote: Russia}\n")
	}
	path := t.TempDir() + "/extra.yaml"
	if err := writeFile(path, extra.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.ImportFile(ctx, store, path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	after, relsAfter := measure()
	if relsAfter <= relsBefore {
		t.Fatalf("the extra data did not reach the query (%d then %d relations)", relsBefore, relsAfter)
	}
	// One query per level: entities, their relations, events and tracks, the sources' texts
	// and the counterparts' relations; an N+1 costs hundreds here (26 times the rows).
	const levels = 6
	if before != levels || after != levels {
		t.Errorf("round trips: %d on the seed, %d with %d times the rows; want %d whatever the data", before, after, relsAfter/max(relsBefore, 1), levels)
	}
	t.Logf("%d round trips for %d then %d relations", after, relsBefore, relsAfter)
}

// TestGraphQL_GeneratedGraph runs every query type on a generated graph, where nothing was
// curated by hand: the answers must respect their bounds and be consistent with each other.
func TestGraphQL_GeneratedGraph(t *testing.T) {
	store := testneo4j.MustOpenStore(t)
	d := datagen.Generate(2000, 3)
	if _, err := store.Import(context.Background(), d, nil); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, store)
	mustData := func(q string) map[string]json.RawMessage {
		t.Helper()
		r := servicetest.Post(t, srv.URL, nil, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", q, r.Errors)
		}
		return r.Data
	}
	t.Run("Stats", func(t *testing.T) {
		var st struct{ Entities, Relations int }
		_ = json.Unmarshal(mustData(`{ stats { entities relations } }`)["stats"], &st)
		if st.Entities != len(d.Entities) || st.Relations != len(d.Relations) {
			t.Errorf("stats = %+v, want %d entities and %d relations", st, len(d.Entities), len(d.Relations))
		}
	})
	t.Run("EntitiesSortedByDegree", func(t *testing.T) {
		var c struct{ Nodes []struct{ ID string } }
		_ = json.Unmarshal(mustData(`{ entities(sort: DEGREE, descending: true, first: 5) { nodes { id } } }`)["entities"], &c)
		var top []struct {
			Degree int
			Entity struct{ ID string }
		}
		_ = json.Unmarshal(mustData(`{ mostConnected(first: 1) { degree entity { id } } }`)["mostConnected"], &top)
		if len(c.Nodes) != 5 || len(top) != 1 || c.Nodes[0].ID != top[0].Entity.ID {
			t.Errorf("the highest degree first: entities gave %v, mostConnected %v", c.Nodes, top)
		}
	})
	t.Run("EntitiesSortedByDate", func(t *testing.T) {
		var c struct {
			Nodes []struct {
				Date *struct{ Start string }
			}
		}
		_ = json.Unmarshal(mustData(`{ entities(filter: {kinds: [EVENT]}, sort: DATE, first: 50) { nodes { ... on Event { date { start } } } } }`)["entities"], &c)
		for i := 1; i < len(c.Nodes); i++ {
			if c.Nodes[i].Date.Start < c.Nodes[i-1].Date.Start {
				t.Fatalf("events not in date order at %d", i)
			}
		}
	})
	t.Run("NeighborhoodAndPaths", func(t *testing.T) {
		var g struct {
			Truncated bool
			Nodes     []struct{ ID string }
		}
		_ = json.Unmarshal(mustData(`{ neighborhood(id: "country/gen-0", depth: 2, limit: 20) { truncated nodes { id } } }`)["neighborhood"], &g)
		if len(g.Nodes) > 21 || (len(g.Nodes) == 21) != g.Truncated {
			t.Errorf("neighborhood: %d nodes, truncated %v", len(g.Nodes), g.Truncated)
		}
		var ps []struct {
			Length int
			Nodes  []struct{ ID string }
		}
		_ = json.Unmarshal(mustData(`{ paths(from: "person/gen-0", to: "country/gen-1", maxHops: 4, first: 3) { length nodes { id } } }`)["paths"], &ps)
		for _, p := range ps {
			if p.Length > 4 || len(p.Nodes) != p.Length+1 || p.Nodes[0].ID != "person/gen-0" || p.Nodes[len(p.Nodes)-1].ID != "country/gen-1" {
				t.Errorf("bad path %+v", p)
			}
		}
	})
	t.Run("CrossTrackAndTimeline", func(t *testing.T) {
		mustData(`{ crossTrack(a: "track/gen-0", b: "track/gen-1") { score entity { id } } }`)
		var evs []struct {
			Date struct{ Start, End string }
		}
		_ = json.Unmarshal(mustData(`{ timeline(id: "track/gen-0", from: "2015", to: "2020") { date { start end } } }`)["timeline"], &evs)
		for _, e := range evs {
			if e.Date.End < "2015-01-01" || e.Date.Start > "2020-12-31" {
				t.Errorf("event %+v outside 2015..2020", e)
			}
		}
	})
}

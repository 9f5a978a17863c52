package cypher_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
)

// A history case: one country's tie to track A, and the same history on one event's tie to
// track A. Every country also has a tie to track B that is always visible, so crossTrack,
// mostConnected and the counts see exactly the case's tie come and go. In a merge case the
// country (the duplicate) is merged, before or after K, into a kept country that has only
// its own tie to track B: the duplicate's tie to A moves to the kept country at the merge.
type historyCase struct {
	name               string
	validFrom, validTo string
	status             kg.Status // as first asserted (empty: asserted)
	recordedAfterK     bool      // asserted only after K
	retract            string    // "", "beforeK" or "afterK"
	statusAfterK       kg.Status // a corroboration after K that changes the status
	// occurrence makes the country's tie a statement (kg.Occurrences), closed on its day;
	// the event's tie then has no valid time of its own.
	occurrence bool
	merge      string // "", "beforeK" or "afterK": when the country is merged into keptOf
}

var historyCases = []historyCase{
	{name: "open"},
	{name: "closed-days", validFrom: "2022-03-01", validTo: "2023-06-30"},
	{name: "year", validFrom: "2022", validTo: "2022"},
	{name: "month-open-end", validFrom: "2024-02"},
	{name: "recorded-after-k", recordedAfterK: true},
	{name: "retracted-before-k", retract: "beforeK"},
	{name: "retracted-after-k", retract: "afterK"},
	{name: "disputed", status: kg.StatusDisputed},
	{name: "reported-then-disputed", status: kg.StatusReported, statusAfterK: kg.StatusDisputed},
	{name: "occurrence", validFrom: "2022-03-01", validTo: "2022-03-01", occurrence: true},
	{name: "merged-before-k", merge: "beforeK"},
	{name: "merged-after-k", merge: "afterK"},
}

// mergedBy reports whether the case's country had been merged away at knownAt.
func (c historyCase) mergedBy(knownAtK bool) bool {
	return c.merge == "beforeK" || c.merge == "afterK" && !knownAtK
}

// shows is expected for one id a read reports: the case's country (or event) or, in a merge
// case, the kept country. A read that resolves the id it is given (paths) follows the merge
// as the graph held it: the duplicate's id then names whichever entity holds the tie.
func (c historyCase) shows(read, id string, asOf *time.Time, knownAtK, viaEvent bool) bool {
	if c.merge == "" || viaEvent {
		_, want := c.expected(asOf, knownAtK, viaEvent)
		return want
	}
	if id == keptOf(c) {
		return c.mergedBy(knownAtK)
	}
	return read == "paths" || !c.mergedBy(knownAtK)
}

// expected is the rule of docs/model.md, written out for the cases above: the status the
// tie had at knownAt ("" when not yet recorded) and whether a read shows it.
func (c historyCase) expected(asOf *time.Time, knownAtK, viaEvent bool) (kg.Status, bool) {
	if c.occurrence && viaEvent {
		c.validFrom, c.validTo = "", ""
	}
	status := c.status
	if status == "" {
		status = kg.StatusAsserted
	}
	switch {
	case knownAtK && c.recordedAfterK:
		return "", false
	case c.retract == "beforeK", c.retract == "afterK" && !knownAtK:
		status = kg.StatusRetracted
	case c.statusAfterK != "" && !knownAtK:
		status = c.statusAfterK
	}
	if status == kg.StatusRetracted {
		return status, false
	}
	if asOf != nil {
		if c.validFrom != "" && kg.MustDate(c.validFrom).Start().After(*asOf) {
			return status, false
		}
		if c.validTo != "" && !(c.occurrence && !viaEvent) && kg.MustDate(c.validTo).End().Before(*asOf) {
			return status, false
		}
	}
	return status, true
}

const (
	trackA      = "track/conformance-a"
	trackB      = "track/conformance-b"
	confSource  = "source/conformance"
	confQuote   = "The conformance record."
	eventsDated = "2020-01-01" // before every asOf of the grid, so the events themselves show
)

func countryOf(c historyCase) string { return "country/" + c.name }
func eventOf(c historyCase) string   { return "event/" + c.name }
func keptOf(c historyCase) string    { return "country/" + c.name + "-kept" }

// conformanceFixture writes the cases through the write API, and returns K, the instant
// between the two rounds of writes.
func conformanceFixture(t *testing.T) (*cypher.Store, time.Time) {
	t.Helper()
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{trackA, trackB} {
		_, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: id, Name: ptr(id)})
		must(err)
	}
	_, err := s.AddSource(ctx, "tester", kg.EntityPatch{ID: confSource, Name: ptr("Conformance"), Published: ptr("2026-01"), Text: ptr(confQuote)})
	must(err)
	assert := func(c historyCase, from string, typ kg.RelationType, to string, status kg.Status) *kg.RelationResult {
		t.Helper()
		res, err := s.AssertRelation(ctx, "tester", kg.Assertion{From: from, Type: typ, To: to, ValidFrom: c.validFrom, ValidTo: c.validTo,
			Confidence: 0.9, Status: status, Sources: []string{confSource}, Quote: confQuote})
		must(err)
		return res
	}
	ties := func(c historyCase, status kg.Status) []string {
		countryTie, eventTie := kg.RelationType("PARTY_TO"), c
		if c.occurrence {
			countryTie, eventTie.validFrom, eventTie.validTo = "STATED", "", ""
		}
		return []string{
			assert(c, countryOf(c), countryTie, trackA, status).Relation.ID,
			assert(eventTie, eventOf(c), "PART_OF", trackA, status).Relation.ID,
		}
	}
	retract := func(ids []string) {
		for _, id := range ids {
			_, err := s.RetractRelation(ctx, "tester", id, "conformance")
			must(err)
		}
	}
	merge := func(c historyCase) {
		_, err := s.MergeEntities(ctx, "tester", keptOf(c), countryOf(c))
		must(err)
	}
	later := map[string][]string{}
	for _, c := range historyCases {
		_, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: countryOf(c), Name: ptr(c.name)})
		must(err)
		if c.merge != "" {
			_, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: keptOf(c), Name: ptr(c.name + " kept")})
			must(err)
			assert(historyCase{}, keptOf(c), "PARTY_TO", trackB, "")
		}
		_, err = s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: eventOf(c), Name: ptr(c.name), Date: ptr(eventsDated)})
		must(err)
		assert(historyCase{}, countryOf(c), "PARTY_TO", trackB, "")
		if c.recordedAfterK {
			continue
		}
		ids := ties(c, c.status)
		if c.retract == "beforeK" {
			retract(ids)
		}
		if c.merge == "beforeK" {
			merge(c)
		}
		later[c.name] = ids
	}
	time.Sleep(5 * time.Millisecond)
	k := time.Now().UTC()
	time.Sleep(5 * time.Millisecond)
	for _, c := range historyCases {
		switch {
		case c.recordedAfterK:
			ties(c, c.status)
		case c.retract == "afterK":
			retract(later[c.name])
		case c.statusAfterK != "":
			ties(c, c.statusAfterK)
		case c.merge == "afterK":
			merge(c)
		}
	}
	return s, k
}

// TestVisibility_EveryReadAgrees asks every read that takes asOf and knownAt, on a grid of
// both, which of the cases' ties it shows, and compares each with the rule.
func TestVisibility_EveryReadAgrees(t *testing.T) {
	s, k := conformanceFixture(t)
	ctx := context.Background()
	day := func(s string) *time.Time { d := kg.MustDate(s).Start(); return &d }
	asOfs := []*time.Time{nil, day("2021-06-01"), day("2022-06-15"), day("2023-01-10"), day("2023-07-01"), day("2024-02-10"), day("2026-01-26")}
	for _, asOf := range asOfs {
		for _, atK := range []bool{false, true} {
			at := kg.Clocks{AsOf: asOf}
			if atK {
				at.KnownAt = &k
			}
			name := fmt.Sprintf("asOf=%s,knownAt=%s", fmtDay(asOf), map[bool]string{false: "now", true: "K"}[atK])
			t.Run(name, func(t *testing.T) {
				for read, got := range readsOfTrackA(t, ctx, s, at, atK) {
					for key, ids := range map[string]func(historyCase) []string{"country": countryAndKept, "event": func(c historyCase) []string { return []string{eventOf(c)} }} {
						for _, c := range historyCases {
							if !got.asks[key] {
								continue
							}
							for _, id := range ids(c) {
								if want := c.shows(read, id, asOf, atK, key == "event"); got.shown[id] != want {
									t.Errorf("%s: %s's tie to track A shown = %v, want %v (asOf %s, knownAt %v)", read, id, got.shown[id], want, fmtDay(asOf), at.KnownAt)
								}
							}
						}
					}
				}
				checkMergedIDs(t, ctx, s, at, atK)
				// Statuses as they stood: relations report the status at knownAt.
				byCountry, err := s.RelationsOf(ctx, countryIDs(), kg.RelationFilter{Types: countryTies, Clocks: at})
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range historyCases {
					wantStatus, shown := c.expected(asOf, atK, false)
					shown = shown && c.shows("relations", countryOf(c), asOf, atK, false)
					for _, v := range byCountry[countryOf(c)] {
						if v.To == trackA && shown && v.Status != wantStatus {
							t.Errorf("relations: the %q tie has status %s, want %s", c.name, v.Status, wantStatus)
						}
					}
				}
			})
		}
	}
}

func fmtDay(d *time.Time) string {
	if d == nil {
		return "any"
	}
	return d.Format(time.DateOnly)
}

func total(n *int) string {
	if n == nil {
		return "none"
	}
	return fmt.Sprint(*n)
}

// countryAndKept are the countries of a case: its own, and the kept one of a merge case.
func countryAndKept(c historyCase) []string {
	if c.merge != "" {
		return []string{countryOf(c), keptOf(c)}
	}
	return []string{countryOf(c)}
}

func countryIDs() []string {
	var ids []string
	for _, c := range historyCases {
		ids = append(ids, countryAndKept(c)...)
	}
	return ids
}

// checkMergedIDs: a merged id resolves as the graph held it at knownAt, and a duplicate
// merged away by then is no entity of a listing, a search or the census.
func checkMergedIDs(t *testing.T, ctx context.Context, s *cypher.Store, at kg.Clocks, atK bool) {
	t.Helper()
	countries := len(historyCases)
	for _, c := range historyCases {
		if c.merge == "" {
			continue
		}
		want := keptOf(c)
		if !c.mergedBy(atK) {
			want = countryOf(c)
			countries++ // the duplicate, and the kept country beside it
		}
		e, err := s.Entity(ctx, countryOf(c), at.KnownAt)
		if err != nil || e.ID != want {
			t.Errorf("entity(%s) = %v, %v; want %s (knownAt %v)", countryOf(c), e, err, want, at.KnownAt)
		}
		byID, err := s.EntitiesByID(ctx, []string{countryOf(c)}, at)
		if err != nil || byID[countryOf(c)] == nil || byID[countryOf(c)].ID != want {
			t.Errorf("entitiesByID(%s) = %v, %v; want %s (knownAt %v)", countryOf(c), byID, err, want, at.KnownAt)
		}
		if at.KnownAt != nil {
			continue
		}
		hits, err := s.Search(ctx, c.name, []kg.Kind{kg.KindCountry}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Entity.ID == countryOf(c) {
				t.Errorf("search(%q) finds %s, merged away", c.name, countryOf(c))
			}
		}
	}
	page, err := s.Entities(ctx, kg.EntityFilter{Kinds: []kg.Kind{kg.KindCountry}, Clocks: at}, kg.PageRequest{First: 100, WantTotal: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != countries || page.TotalCount == nil || *page.TotalCount != countries {
		t.Errorf("entities(COUNTRY): %d listed, total %s; want %d (knownAt %v)", len(page.Items), total(page.TotalCount), countries, at.KnownAt)
	}
	if at.AsOf == nil && at.KnownAt == nil {
		all, err := s.Entities(ctx, kg.EntityFilter{}, kg.PageRequest{First: 100, WantTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		if all.TotalCount == nil || *all.TotalCount != len(all.Items) {
			t.Errorf("entities: total %s (the count store's), %d listed", total(all.TotalCount), len(all.Items))
		}
	}
	st, err := s.Stats(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if st.ByKind[kg.KindCountry] != countries {
		t.Errorf("stats: %d countries, want %d (asOf %v, knownAt %v)", st.ByKind[kg.KindCountry], countries, at.AsOf, at.KnownAt)
	}
}

// countryTies are the types of the countries' ties to the tracks.
var countryTies = []kg.RelationType{"PARTY_TO", "STATED"}

// readAnswer is what one read showed: the countries and events whose tie to track A it
// shows, and which of the two it can see at all.
type readAnswer struct {
	shown map[string]bool
	asks  map[string]bool // "country", "event"
}

// readsOfTrackA answers, for each read, which ties to track A it shows at at.
func readsOfTrackA(t *testing.T, ctx context.Context, s *cypher.Store, at kg.Clocks, atK bool) map[string]readAnswer {
	t.Helper()
	out := map[string]readAnswer{}
	for read, asks := range map[string][]string{
		"relations": {"country"}, "tracks": {"country"}, "events": {"event"}, "entities(track)": {"country", "event"},
		"neighborhood": {"country", "event"}, "paths": {"country"}, "crossTrack": {"country"}, "timeline": {"event"},
		"mostConnected": {"country"}, "entities(hasRelation)": {"country"},
	} {
		a := readAnswer{shown: map[string]bool{}, asks: map[string]bool{}}
		for _, k := range asks {
			a.asks[k] = true
		}
		out[read] = a
	}
	set := func(read, id string) { out[read].shown[id] = true }
	fail := func(read string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", read, err)
		}
	}
	rels, err := s.RelationsOf(ctx, countryIDs(), kg.RelationFilter{Types: countryTies, Clocks: at})
	fail("relations", err)
	for id, views := range rels {
		for _, v := range views {
			if v.To == trackA {
				set("relations", id)
			}
		}
	}
	tracks, err := s.TracksOf(ctx, countryIDs(), at)
	fail("tracks", err)
	for id, ts := range tracks {
		for _, tr := range ts {
			if tr.ID == trackA {
				set("tracks", id)
			}
		}
	}
	events, err := s.EventsOf(ctx, []string{trackA}, at, nil)
	fail("events", err)
	for _, ev := range events[trackA] {
		set("events", ev.ID)
	}
	page, err := s.Entities(ctx, kg.EntityFilter{Kinds: []kg.Kind{kg.KindCountry, kg.KindEvent}, Track: trackA, Clocks: at}, kg.PageRequest{First: 100})
	fail("entities(track)", err)
	for _, e := range page.Items {
		set("entities(track)", e.ID)
	}
	for _, typ := range countryTies {
		page, err = s.Entities(ctx, kg.EntityFilter{Kinds: []kg.Kind{kg.KindCountry}, HasRelation: typ, RelatedTo: trackA, Clocks: at}, kg.PageRequest{First: 100})
		fail("entities(hasRelation)", err)
		for _, e := range page.Items {
			set("entities(hasRelation)", e.ID)
		}
	}
	sub, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: trackA, Depth: 1, Limit: 500, Clocks: at})
	fail("neighborhood", err)
	for _, e := range sub.Edges {
		set("neighborhood", e.From)
	}
	for _, id := range countryIDs() {
		paths, err := s.Paths(ctx, kg.PathQuery{From: id, To: trackA, MaxHops: 1, First: 5, Clocks: at})
		fail("paths", err)
		if len(paths) > 0 {
			set("paths", id)
		}
	}
	links, err := s.CrossTrack(ctx, kg.CrossTrackQuery{A: trackA, B: trackB, First: 100, Clocks: at})
	fail("crossTrack", err)
	for _, l := range links {
		set("crossTrack", l.Entity.ID)
	}
	timeline, err := s.Timeline(ctx, kg.TimelineQuery{ID: trackA, First: 500, Clocks: at})
	fail("timeline", err)
	for _, ev := range timeline {
		set("timeline", ev.ID)
	}
	ranked, err := s.MostConnected(ctx, trackA, 100, at)
	fail("mostConnected", err)
	for _, r := range ranked {
		if r.Entity.Kind == kg.KindCountry {
			set("mostConnected", r.Entity.ID)
			if r.Degree != 2 {
				t.Errorf("mostConnected: %s has degree %d, want 2 (its ties to both tracks)", r.Entity.ID, r.Degree)
			}
		}
	}
	// The census counts facts by type: every country's tie to track B, and the shown ties
	// to track A. Which case a count stands for cannot be told, so the count is compared
	// with the number relations shows. A merge case has one tie to B (the kept country's,
	// which the duplicate's folded into) once merged, and two before.
	st, err := s.Stats(ctx, at)
	fail("stats", err)
	tiesToB := len(historyCases)
	for _, c := range historyCases {
		if c.merge != "" && !c.mergedBy(atK) {
			tiesToB++
		}
	}
	if got, want := st.ByRelationType["PARTY_TO"]+st.ByRelationType["STATED"]-tiesToB, len(out["relations"].shown); got != want {
		t.Errorf("stats: %d ties of countries to track A, relations shows %d (%v)", got, want, keys(out["relations"].shown))
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

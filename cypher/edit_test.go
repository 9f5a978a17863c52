package cypher_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

// editFixture is a small graph written through the write API itself: two people, a
// country and a source with text.
func editFixture(t *testing.T) *cypher.Store {
	t.Helper()
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	for _, p := range []kg.EntityPatch{
		{ID: "person/ann-lee", Name: ptr("Ann Lee"), Aliases: []string{"A. Lee"}},
		{ID: "person/bob-ray", Name: ptr("Bob Ray")},
		{ID: "country/utopia", Name: ptr("Utopia")},
	} {
		if _, err := s.UpsertEntity(ctx, "tester", p); err != nil {
			t.Fatalf("upsert %s: %v", p.ID, err)
		}
	}
	if _, err := s.AddSource(ctx, "tester", kg.EntityPatch{ID: "source/daily", Name: ptr("The Daily"), Published: ptr("2026-01"),
		Text: ptr("Ann Lee met Bob Ray in Utopia. Ann Lee is the envoy of Utopia.")}); err != nil {
		t.Fatalf("add source: %v", err)
	}
	return s
}

func code(err error) string { return kg.ErrorCode(err) }

func TestStore_UpsertEntity(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		res, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "person/ann-lee", Aliases: []string{"Annie", "a. lee"},
			ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q42"}}, ExpectedVersion: ptr(int64(1))})
		if err != nil {
			t.Fatal(err)
		}
		e := res.Entity
		if res.Created || !res.Changed || e.Version != 2 || e.Name != "Ann Lee" {
			t.Errorf("result = %+v, entity %+v", res, e)
		}
		if diff := cmp.Diff([]string{"A. Lee", "Annie"}, e.Aliases); diff != "" {
			t.Errorf("aliases merged (-want +got):\n%s", diff)
		}
	})
	t.Run("IdenticalIsNoOp", func(t *testing.T) {
		res, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "person/ann-lee", Name: ptr("Ann Lee")})
		if err != nil || res.Changed || res.Entity.Version != 2 {
			t.Errorf("res = %+v, err %v; want unchanged at version 2", res, err)
		}
	})
	t.Run("ErrStaleVersion", func(t *testing.T) {
		_, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "person/ann-lee", Name: ptr("X"), ExpectedVersion: ptr(int64(1))})
		if code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
	})
	t.Run("ErrCreateOnlyExists", func(t *testing.T) {
		_, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "person/bob-ray", Name: ptr("X"), ExpectedVersion: ptr(int64(0))})
		if code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		_, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "person/new-one"})
		if code(err) != errcode.BadUserInput || kg.ErrorField(err) != "name" {
			t.Errorf("err = %v, want BAD_USER_INPUT on name", err)
		}
		if _, err := s.Entity(ctx, "person/new-one", nil); code(err) != errcode.NotFound {
			t.Errorf("the failed create left a node: %v", err)
		}
	})
	t.Run("ErrImpossibleDate", func(t *testing.T) {
		_, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "event/x", Name: ptr("X"), Date: ptr("2026-02-30")})
		if code(err) != errcode.BadUserInput || kg.ErrorField(err) != "date" {
			t.Errorf("err = %v, want BAD_USER_INPUT on date", err)
		}
	})
	t.Run("ImportOfSameDataIsNoOp", func(t *testing.T) {
		e, err := s.Entity(ctx, "person/ann-lee", nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, &kg.Dataset{Entities: []kg.Entity{*e}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 0 || res.Updated != 0 {
			t.Errorf("import of what upsert wrote changed something: %+v", res)
		}
	})
}

func TestStore_AddSource(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	t.Run("ErrOtherText", func(t *testing.T) {
		_, err := s.AddSource(ctx, "alice", kg.EntityPatch{ID: "source/daily", Text: ptr("Another text.")})
		if code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
	})
	t.Run("LateTextMustHoldQuotes", func(t *testing.T) {
		if _, err := s.AddSource(ctx, "alice", kg.EntityPatch{ID: "source/wire", Name: ptr("Wire")}); err != nil {
			t.Fatal(err)
		}
		assertFact(t, s, kg.Assertion{From: "person/ann-lee", Type: "MET_WITH", To: "person/bob-ray", Confidence: 0.5, Sources: []string{"source/wire"}, Quote: "they met"})
		_, err := s.AddSource(ctx, "alice", kg.EntityPatch{ID: "source/wire", Text: ptr("Nothing of the sort.")})
		if code(err) != errcode.BadUserInput || kg.ErrorField(err) != "text" {
			t.Errorf("err = %v, want BAD_USER_INPUT on text", err)
		}
		res, err := s.AddSource(ctx, "alice", kg.EntityPatch{ID: "source/wire", Text: ptr("Officials said they met twice.")})
		if err != nil || !res.Entity.HasText {
			t.Errorf("res = %+v, err %v", res, err)
		}
	})
}

func assertFact(t *testing.T, s *cypher.Store, a kg.Assertion) *kg.RelationResult {
	t.Helper()
	res, err := s.AssertRelation(context.Background(), "alice", a)
	if err != nil {
		t.Fatalf("assert %s %s %s: %v", a.From, a.Type, a.To, err)
	}
	return res
}

func TestStore_AssertRelation(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	if _, err := s.AddSource(ctx, "tester", kg.EntityPatch{ID: "source/wire", Name: ptr("Wire")}); err != nil {
		t.Fatal(err)
	}
	a := kg.Assertion{From: "person/ann-lee", Type: "HOLDS_ROLE", To: "country/utopia", Role: "envoy", ValidFrom: "2025",
		Confidence: 0.7, Sources: []string{"source/daily"}, Quote: "Ann Lee is the envoy of Utopia"}
	first := assertFact(t, s, a)
	if !first.Created || first.Relation.Status != kg.StatusAsserted || len(first.Relation.Evidence) != 1 {
		t.Fatalf("first = %+v", first.Relation.Relation)
	}
	t.Run("Corroborate", func(t *testing.T) {
		b := a
		b.Role, b.Confidence, b.Sources, b.Quote = " Envoy ", 0.9, []string{"source/wire"}, "envoy"
		res := assertFact(t, s, b)
		r := res.Relation
		if res.Created || r.ID != first.Relation.ID || r.Confidence != 0.9 || len(r.Evidence) != 2 || r.ValidFrom.String() != "2025" {
			t.Errorf("corroborated = %+v", r.Relation)
		}
		views, err := s.RelationsOf(ctx, []string{"person/ann-lee"}, kg.RelationFilter{Types: []kg.RelationType{"HOLDS_ROLE"}})
		if err != nil || len(views["person/ann-lee"]) != 1 {
			t.Errorf("relations = %d, %v; want one edge", len(views["person/ann-lee"]), err)
		}
	})
	for _, tc := range []struct {
		name, field string
		edit        func(*kg.Assertion)
	}{
		{"ErrUnknownTo", "to", func(a *kg.Assertion) { a.To = "country/atlantis" }},
		{"ErrWrongKind", "to", func(a *kg.Assertion) { a.To = "source/daily" }},
		{"ErrQuoteNotInSource", "quote", func(a *kg.Assertion) { a.Quote = "Ann Lee is king" }},
		{"ErrNoSource", "sources", func(a *kg.Assertion) { a.Sources = nil }},
		{"ErrUnknownSource", "sources[0]", func(a *kg.Assertion) { a.Sources = []string{"source/nowhere"} }},
		{"ErrConfidence", "confidence", func(a *kg.Assertion) { a.Confidence = 1.5 }},
		{"ErrRetractedStatus", "status", func(a *kg.Assertion) { a.Status = kg.StatusRetracted }},
		{"ErrValidTo", "validTo", func(a *kg.Assertion) { a.ValidTo = "2024" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := a
			b.Role = "other"
			tc.edit(&b)
			_, err := s.AssertRelation(ctx, "alice", b)
			if code(err) != errcode.BadUserInput || kg.ErrorField(err) != tc.field {
				t.Errorf("err = %v (field %q), want BAD_USER_INPUT on %s", err, kg.ErrorField(err), tc.field)
			}
		})
	}
}

func TestStore_RetractRelation(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	fact := assertFact(t, s, kg.Assertion{From: "person/ann-lee", Type: "MET_WITH", To: "person/bob-ray", ValidFrom: "2025-06",
		Confidence: 0.8, Status: kg.StatusReported, Sources: []string{"source/daily"}, Quote: "Ann Lee met Bob Ray"}).Relation
	view, err := s.RetractRelation(ctx, "carol", fact.ID, "The meeting never happened.")
	if err != nil {
		t.Fatal(err)
	}
	if view.Status != kg.StatusRetracted || view.Retraction == nil || view.Retraction.By != "carol" || view.Retraction.PreviousStatus != kg.StatusReported {
		t.Errorf("retracted = %+v %+v", view.Relation, view.Retraction)
	}
	ids := func(at kg.Clocks, statuses ...kg.Status) int {
		got, err := s.RelationsOf(ctx, []string{"person/ann-lee"}, kg.RelationFilter{Clocks: at, Statuses: statuses})
		if err != nil {
			t.Fatal(err)
		}
		return len(got["person/ann-lee"])
	}
	// Retraction is on record time: we learnt the fact was wrong, so no day shows it, but
	// what the graph held before the retraction does.
	before, today := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), time.Now().UTC()
	beforeRetraction := view.Retraction.At.Add(-time.Millisecond)
	if n := ids(kg.Clocks{AsOf: &before}); n != 0 {
		t.Errorf("as of a day before the retraction, known now: %d facts, want 0", n)
	}
	if n := ids(kg.Clocks{AsOf: &today}); n != 0 {
		t.Errorf("as of today: %d facts, want 0", n)
	}
	if n := ids(kg.Clocks{KnownAt: &beforeRetraction}); n != 1 {
		t.Errorf("known just before the retraction: %d facts, want 1", n)
	}
	if n := ids(kg.Clocks{}, kg.StatusRetracted); n != 1 {
		t.Errorf("with statuses [retracted]: %d facts, want 1", n)
	}
	t.Run("ErrAlreadyRetracted", func(t *testing.T) {
		if _, err := s.RetractRelation(ctx, "carol", fact.ID, "again"); code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
	})
	t.Run("ErrCorroborateRetracted", func(t *testing.T) {
		_, err := s.AssertRelation(ctx, "alice", kg.Assertion{From: "person/ann-lee", Type: "MET_WITH", To: "person/bob-ray", Confidence: 1, Sources: []string{"source/daily"}, Quote: "Ann Lee met Bob Ray"})
		if code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, id := range []string{"rel/met_with/0000000000000000", "nonsense"} {
			if _, err := s.RetractRelation(ctx, "carol", id, "x"); code(err) != errcode.NotFound {
				t.Errorf("%s: err = %v, want NOT_FOUND", id, err)
			}
		}
	})
	t.Run("ErrNoReason", func(t *testing.T) {
		if _, err := s.RetractRelation(ctx, "carol", fact.ID, " "); code(err) != errcode.BadUserInput {
			t.Errorf("err = %v, want BAD_USER_INPUT", err)
		}
	})
}

func TestStore_RecordEvent(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	if _, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: "track/peace-talks", Name: ptr("Peace talks")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: "territory/capital", Name: ptr("Capital")}); err != nil {
		t.Fatal(err)
	}
	in := kg.EventRecord{
		Event: kg.EntityPatch{ID: "event/2026-01-10-meeting", Name: ptr("Lee meets Ray"), Date: ptr("2026-01-10")},
		Place: "territory/capital", Track: "track/peace-talks",
		Participants: []kg.EventParticipant{{Entity: "person/ann-lee", Role: "envoy"}, {Entity: "person/bob-ray"}},
		Sources:      []string{"source/daily"}, Quote: "Ann Lee met Bob Ray", Confidence: 0.9,
	}
	t.Run("ErrUnknownParticipant", func(t *testing.T) {
		bad := in
		bad.Participants = append([]kg.EventParticipant{}, in.Participants...)
		bad.Participants[1].Entity = "person/nobody"
		_, err := s.RecordEvent(ctx, "alice", bad)
		if code(err) != errcode.BadUserInput || kg.ErrorField(err) != "participants[1].entity" {
			t.Errorf("err = %v (field %q), want BAD_USER_INPUT on participants[1].entity", err, kg.ErrorField(err))
		}
		if _, err := s.Entity(ctx, in.Event.ID, nil); code(err) != errcode.NotFound {
			t.Errorf("the failed call left the event behind: %v", err)
		}
	})
	res, err := s.RecordEvent(ctx, "alice", in)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Event.Date.String() != "2026-01-10" || len(res.Relations) != 4 {
		t.Fatalf("res = %+v (%d relations)", res.Event, len(res.Relations))
	}
	var got []string
	for _, r := range res.Relations {
		got = append(got, r.From+" "+string(r.Type)+" "+r.To)
	}
	want := []string{
		"person/ann-lee PARTICIPATED_IN event/2026-01-10-meeting",
		"person/bob-ray PARTICIPATED_IN event/2026-01-10-meeting",
		"event/2026-01-10-meeting LOCATED_IN territory/capital",
		"event/2026-01-10-meeting PART_OF track/peace-talks",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	if res.Relations[0].ValidFrom.String() != "2026-01-10" || res.Relations[0].Role != "envoy" {
		t.Errorf("participation = %+v", res.Relations[0].Relation)
	}
}

func TestStore_MergeEntities(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	if _, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: "person/a-lee", Name: ptr("Annie Lee"), Description: ptr("Envoy."),
		ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q7"}}}); err != nil {
		t.Fatal(err)
	}
	src := []string{"source/daily"}
	assertFact(t, s, kg.Assertion{From: "person/a-lee", Type: "HOLDS_ROLE", To: "country/utopia", Role: "envoy", Confidence: 0.9, Sources: src, Quote: "envoy of Utopia"})
	assertFact(t, s, kg.Assertion{From: "person/ann-lee", Type: "HOLDS_ROLE", To: "country/utopia", Role: "envoy", Confidence: 0.6, Sources: src, Quote: "Ann Lee is the envoy"})
	moved := assertFact(t, s, kg.Assertion{From: "person/bob-ray", Type: "MET_WITH", To: "person/a-lee", Confidence: 0.8, Sources: src, Quote: "met Bob Ray"})
	assertFact(t, s, kg.Assertion{From: "person/a-lee", Type: "MET_WITH", To: "person/ann-lee", Confidence: 0.5, Sources: src, Quote: "Ann Lee met"})

	res, err := s.MergeEntities(ctx, "admin", "person/ann-lee", "person/a-lee")
	if err != nil {
		t.Fatal(err)
	}
	if res.Moved != 1 || res.Merged != 1 || res.Dropped != 1 {
		t.Errorf("moved %d merged %d dropped %d, want 1 1 1", res.Moved, res.Merged, res.Dropped)
	}
	e := res.Entity
	if diff := cmp.Diff([]string{"A. Lee", "Annie Lee"}, e.Aliases); diff != "" || e.Description != "Envoy." || len(e.ExternalIDs) != 1 {
		t.Errorf("kept entity %+v; aliases (-want +got):\n%s", e, diff)
	}
	t.Run("OldIDResolves", func(t *testing.T) {
		got, err := s.Entity(ctx, "person/a-lee", nil)
		if err != nil || got.ID != "person/ann-lee" {
			t.Errorf("entity(old id) = %+v, %v", got, err)
		}
	})
	t.Run("FactsMoved", func(t *testing.T) {
		views, err := s.RelationsOf(ctx, []string{"person/ann-lee"}, kg.RelationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range views["person/ann-lee"] {
			got = append(got, v.From+" "+string(v.Type)+" "+v.To+" "+strings.Repeat("*", len(v.Evidence)))
		}
		want := []string{"person/ann-lee HOLDS_ROLE country/utopia **", "person/bob-ray MET_WITH person/ann-lee *"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("facts of the kept entity (-want +got):\n%s", diff)
		}
		if _, err := s.Relation(ctx, moved.Relation.ID, nil); code(err) != errcode.NotFound {
			t.Errorf("the old fact id still resolves: %v", err)
		}
	})
	t.Run("NeighborhoodOfOldID", func(t *testing.T) {
		g, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: "person/a-lee", Depth: 1, Limit: 10})
		if err != nil || len(g.Nodes) < 2 || g.Nodes[0].ID != "person/ann-lee" {
			t.Errorf("neighborhood(old id) = %+v, %v; want it around person/ann-lee", g, err)
		}
	})
	// paths, timeline and crossTrack follow the redirect in their own statement.
	t.Run("AnalysesOfOldID", func(t *testing.T) {
		if _, err := s.RecordEvent(ctx, "tester", kg.EventRecord{
			Event:        kg.EntityPatch{ID: "event/2026-01-12-visit", Name: ptr("Lee in Utopia"), Date: ptr("2026-01-12")},
			Participants: []kg.EventParticipant{{Entity: "person/ann-lee"}, {Entity: "country/utopia"}},
			Sources:      src, Quote: "Ann Lee is the envoy of Utopia", Confidence: 0.9,
		}); err != nil {
			t.Fatal(err)
		}
		paths, err := s.Paths(ctx, kg.PathQuery{From: "person/a-lee", To: "country/utopia", MaxHops: 2, First: 5})
		if err != nil || len(paths) == 0 || paths[0].Nodes[0].ID != "person/ann-lee" {
			t.Errorf("paths(old id) = %+v, %v; want paths from person/ann-lee", paths, err)
		}
		paths, err = s.Paths(ctx, kg.PathQuery{From: "person/a-lee", To: "person/ann-lee", MaxHops: 2, First: 5})
		if err != nil || len(paths) != 0 {
			t.Errorf("paths between two ids of one entity = %+v, %v; want none", paths, err)
		}
		events, err := s.Timeline(ctx, kg.TimelineQuery{ID: "person/a-lee", First: 10})
		if err != nil || len(events) != 1 || events[0].ID != "event/2026-01-12-visit" {
			t.Errorf("timeline(old id) = %+v, %v; want the visit", events, err)
		}
		links, err := s.CrossTrack(ctx, kg.CrossTrackQuery{A: "person/a-lee", B: "country/utopia", First: 10})
		if err != nil || len(links) != 1 || links[0].Entity.ID != "event/2026-01-12-visit" || len(links[0].TiesA) != 1 {
			t.Errorf("crossTrack(old id, utopia) = %+v, %v; want the visit, tied to each side", links, err)
		}
	})
	t.Run("AnalysesOfUnknownID", func(t *testing.T) {
		for name, err := range map[string]error{
			"person/nobody": func() error {
				_, err := s.Paths(ctx, kg.PathQuery{From: "person/nobody", To: "person/nobody-else", MaxHops: 2, First: 5})
				return err
			}(),
			"country/nowhere": func() error {
				_, err := s.Paths(ctx, kg.PathQuery{From: "person/a-lee", To: "country/nowhere", MaxHops: 2, First: 5})
				return err
			}(),
			"track/none": func() error {
				_, err := s.Timeline(ctx, kg.TimelineQuery{ID: "track/none", First: 10})
				return err
			}(),
			"track/missing": func() error {
				_, err := s.CrossTrack(ctx, kg.CrossTrackQuery{A: "country/utopia", B: "track/missing", First: 10})
				return err
			}(),
		} {
			if code(err) != errcode.NotFound || !strings.Contains(err.Error(), `"`+name+`"`) {
				t.Errorf("err = %v, want NOT_FOUND naming %s", err, name)
			}
		}
	})
	t.Run("HistoryOfMergedID", func(t *testing.T) {
		h, err := s.History(ctx, "person/a-lee", 100)
		if err != nil || len(h) == 0 || h[0].Operation != kg.OpMergeEntities || h[0].By != "admin" {
			t.Fatalf("history = %+v, %v", h, err)
		}
	})
	t.Run("ErrAlreadyMerged", func(t *testing.T) {
		if _, err := s.MergeEntities(ctx, "admin", "person/ann-lee", "person/a-lee"); code(err) != errcode.Conflict {
			t.Errorf("err = %v, want CONFLICT", err)
		}
		if _, err := s.UpsertEntity(ctx, "admin", kg.EntityPatch{ID: "person/a-lee", Name: ptr("Back")}); code(err) != errcode.Conflict {
			t.Errorf("upsert of a merged id: err = %v, want CONFLICT", err)
		}
	})
	t.Run("ErrKinds", func(t *testing.T) {
		if _, err := s.MergeEntities(ctx, "admin", "person/ann-lee", "country/utopia"); code(err) != errcode.BadUserInput {
			t.Errorf("err = %v, want BAD_USER_INPUT", err)
		}
	})
	t.Run("ChainedRedirect", func(t *testing.T) {
		if _, err := s.MergeEntities(ctx, "admin", "person/bob-ray", "person/ann-lee"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Entity(ctx, "person/a-lee", nil)
		if err != nil || got.ID != "person/bob-ray" {
			t.Errorf("entity(first merged id) = %+v, %v; want person/bob-ray", got, err)
		}
	})
}

func TestStore_Changes(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	p1, err := s.Changes(ctx, kg.PageRequest{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Items) != 2 || !p1.HasNext || p1.Items[0].Operation != kg.OpAddSource {
		t.Fatalf("page 1 = %+v", p1)
	}
	p2, err := s.Changes(ctx, kg.PageRequest{First: 10, After: p1.Cursors[1]})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Items) != 2 || p2.HasNext || p2.Items[1].EntityID != "person/ann-lee" || p2.Items[1].Before != nil {
		t.Errorf("page 2 = %+v", p2.Items)
	}
	if _, err := s.Changes(ctx, kg.PageRequest{First: 2, After: "' OR 1=1"}); code(err) != errcode.BadUserInput {
		t.Errorf("bad cursor: err = %v, want BAD_USER_INPUT", err)
	}
}

package cypher_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// TestStore_MergeOnTheRecordClock: a merge keeps the duplicate and its facts, so a read
// known before the merge sees the graph as it was, and one known after (or now) sees the
// kept entity with the moved facts; writes refuse the merged id and its old facts.
func TestStore_MergeOnTheRecordClock(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	src := []string{"source/daily"}
	if _, err := s.UpsertEntity(ctx, "tester", kg.EntityPatch{ID: "person/a-lee", Name: ptr("Annie Lee")}); err != nil {
		t.Fatal(err)
	}
	met := assertFact(t, s, kg.Assertion{From: "person/bob-ray", Type: "MET_WITH", To: "person/a-lee", Confidence: 0.8, Sources: src, Quote: "met Bob Ray"})
	between := assertFact(t, s, kg.Assertion{From: "person/a-lee", Type: "MET_WITH", To: "person/ann-lee", Confidence: 0.5, Sources: src, Quote: "Ann Lee met"})
	time.Sleep(5 * time.Millisecond)
	before := time.Now().UTC()
	time.Sleep(5 * time.Millisecond)
	if _, err := s.MergeEntities(ctx, "admin", "person/ann-lee", "person/a-lee"); err != nil {
		t.Fatal(err)
	}
	movedID := kg.FactID("person/bob-ray", "MET_WITH", "person/ann-lee", "")
	after := time.Now().UTC()

	t.Run("EntityKnownBefore", func(t *testing.T) {
		e, err := s.Entity(ctx, "person/a-lee", &before)
		if err != nil || e.ID != "person/a-lee" || e.Name != "Annie Lee" {
			t.Errorf("entity(duplicate, knownAt before) = %+v, %v; want the duplicate itself", e, err)
		}
		for _, at := range []*time.Time{nil, &after} {
			e, err := s.Entity(ctx, "person/a-lee", at)
			if err != nil || e.ID != "person/ann-lee" {
				t.Errorf("entity(duplicate, knownAt %v) = %+v, %v; want the kept entity", at, e, err)
			}
		}
	})
	t.Run("FactsKnownBeforeAndAfter", func(t *testing.T) {
		ids := []string{"person/a-lee", "person/ann-lee", "person/bob-ray"}
		facts := func(at *time.Time) map[string][]string {
			views, err := s.RelationsOf(ctx, ids, kg.RelationFilter{Clocks: kg.Clocks{KnownAt: at}})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]string{}
			for id, vs := range views {
				for _, v := range vs {
					out[id] = append(out[id], v.ID)
				}
			}
			return out
		}
		then := facts(&before)
		if len(then["person/a-lee"]) != 2 || len(then["person/ann-lee"]) != 1 || then["person/bob-ray"][0] != met.Relation.ID {
			t.Errorf("known before the merge: %v; want the duplicate's two facts, and the kept entity without them", then)
		}
		for _, at := range []*time.Time{nil, &after} {
			got := facts(at)
			if len(got["person/a-lee"]) != 0 || len(got["person/ann-lee"]) != 1 || got["person/bob-ray"][0] != movedID {
				t.Errorf("known %v: %v; want only the moved fact %s", at, got, movedID)
			}
		}
	})
	t.Run("RelationByID", func(t *testing.T) {
		v, err := s.Relation(ctx, met.Relation.ID, &before)
		if err != nil || v.Status != kg.StatusAsserted || v.To != "person/a-lee" {
			t.Errorf("relation(old fact, knownAt before) = %+v, %v; want it as it was", v, err)
		}
		if _, err := s.Relation(ctx, met.Relation.ID, nil); code(err) != errcode.NotFound || !strings.Contains(err.Error(), movedID) {
			t.Errorf("relation(old fact) now: %v; want NOT_FOUND naming %s", err, movedID)
		}
		if _, err := s.Relation(ctx, between.Relation.ID, nil); code(err) != errcode.NotFound || !strings.Contains(err.Error(), "dropped") {
			t.Errorf("relation(fact between the two) now: %v; want NOT_FOUND, dropped", err)
		}
		if _, err := s.Relation(ctx, movedID, &before); code(err) != errcode.NotFound {
			t.Errorf("relation(moved fact, knownAt before the merge): %v; want NOT_FOUND", err)
		}
		if v, err := s.Relation(ctx, movedID, nil); err != nil || v.From != "person/bob-ray" {
			t.Errorf("relation(moved fact) = %+v, %v", v, err)
		}
	})
	t.Run("NeighborhoodKnownBefore", func(t *testing.T) {
		g, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: "person/a-lee", Depth: 1, Limit: 10, Clocks: kg.Clocks{KnownAt: &before}})
		if err != nil || g.Nodes[0].ID != "person/a-lee" || len(g.Edges) != 2 {
			t.Errorf("neighborhood(duplicate, knownAt before) = %+v, %v; want around the duplicate, with its two facts", g, err)
		}
	})
	t.Run("HiddenNow", func(t *testing.T) {
		hits, err := s.Search(ctx, "Annie Lee", nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Entity.ID == "person/a-lee" {
				t.Errorf("search finds the duplicate")
			}
		}
		d, err := s.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Entities {
			if e.ID == "person/a-lee" {
				t.Errorf("export holds the duplicate")
			}
		}
		for _, r := range d.Relations {
			if r.From == "person/a-lee" || r.To == "person/a-lee" {
				t.Errorf("export holds the duplicate's fact %s", r.ID)
			}
		}
	})
	t.Run("WritesRefuseTheMergedID", func(t *testing.T) {
		if _, err := s.RetractRelation(ctx, "admin", met.Relation.ID, "wrong"); code(err) != errcode.Conflict {
			t.Errorf("retract of a moved fact: %v; want CONFLICT", err)
		}
		_, err := s.AssertRelation(ctx, "tester", kg.Assertion{From: "person/bob-ray", Type: "MET_WITH", To: "person/a-lee", Confidence: 0.8, Sources: src, Quote: "met Bob Ray"})
		if code(err) != errcode.Conflict {
			t.Errorf("assert on the merged id: %v; want CONFLICT", err)
		}
		_, err = s.AssertRelation(ctx, "tester", kg.Assertion{From: "person/a-lee", Type: "HOLDS_ROLE", To: "country/utopia", Role: "envoy", Confidence: 0.8, Sources: src, Quote: "Ann Lee is the envoy"})
		if code(err) != errcode.BadUserInput {
			t.Errorf("a new fact of the merged id: %v; want BAD_USER_INPUT (no such entity)", err)
		}
		_, err = s.Import(ctx, &kg.Dataset{Entities: []kg.Entity{{ID: "person/a-lee", Kind: kg.KindPerson, Name: "Back Again"}}}, nil)
		if code(err) != errcode.Conflict || !strings.Contains(err.Error(), "person/ann-lee") {
			t.Errorf("import of the merged id: %v; want CONFLICT naming the kept entity", err)
		}
	})
	t.Run("ChainKnownBetween", func(t *testing.T) {
		between := time.Now().UTC()
		time.Sleep(5 * time.Millisecond)
		if _, err := s.MergeEntities(ctx, "admin", "person/bob-ray", "person/ann-lee"); err != nil {
			t.Fatal(err)
		}
		for at, want := range map[*time.Time]string{&before: "person/a-lee", &between: "person/ann-lee", nil: "person/bob-ray"} {
			if e, err := s.Entity(ctx, "person/a-lee", at); err != nil || e.ID != want {
				t.Errorf("entity(first merged id, knownAt %v) = %v, %v; want %s", at, e, err, want)
			}
		}
	})
}

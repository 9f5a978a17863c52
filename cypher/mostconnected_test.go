package cypher_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestMostConnected_BoundedMatchesFullCount compares MostConnected, which counts only the
// entities whose relationship count could rank, with mostConnected.cypher counting every
// entity: before and after the top entity's facts are retracted (its bound then overstates
// its degree), now and as of a past day, with and without a track. It also checks that a
// plain top 10 takes one round trip, so that the bound is used at all.
func TestMostConnected_BoundedMatchesFullCount(t *testing.T) {
	s := generatedStore(t, 2000, 5)
	ctx := context.Background()
	full := fullMostConnected(t)
	compare := func(stage string) {
		t.Helper()
		past := time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC)
		for _, track := range []string{"", "track/gen-0"} {
			for _, asOf := range []*time.Time{nil, &past} {
				for _, first := range []int{1, 10, 50} {
					got, err := s.MostConnected(ctx, track, first, kg.Clocks{AsOf: asOf})
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					for _, r := range got {
						ids = append(ids, fmt.Sprintf("%s=%d", r.Entity.ID, r.Degree))
					}
					if diff := cmp.Diff(full(track, first, asOf), ids); diff != "" {
						t.Errorf("%s, track %q, asOf %v, first %d (-full count +MostConnected):\n%s", stage, track, asOf, first, diff)
					}
				}
			}
		}
	}
	compare("generated")

	rctx, trips := cypher.CountRoundTrips(ctx)
	top, err := s.MostConnected(rctx, "", 10, kg.Clocks{})
	if err != nil {
		t.Fatal(err)
	}
	if trips.Load() != 1 {
		t.Errorf("top 10 took %d round trips, want 1 (the bound did not settle it)", trips.Load())
	}
	// The hub has hundreds of facts: retract them as RetractRelation stores a retraction, in
	// one statement, rather than with one transaction each.
	driver, c := testneo4j.Driver(t)
	if _, err := neo4j.ExecuteQuery(ctx, driver, `
		MATCH (:Entity {id: $id})-[r]-(:Entity) WHERE r.id IS NOT NULL
		SET r.previousStatus = r.status, r.status = 'retracted', r.retractedAt = datetime(),
		    r.retractedBy = 'alice', r.retractReason = 'test'`,
		map[string]any{"id": top[0].Entity.ID}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database)); err != nil {
		t.Fatal(err)
	}
	compare("top entity's facts retracted")
	if got, _ := s.MostConnected(ctx, "", 10, kg.Clocks{}); len(got) > 0 && got[0].Entity.ID == top[0].Entity.ID {
		t.Errorf("%s still ranks first with every fact retracted", top[0].Entity.ID)
	}
}

// fullMostConnected runs mostConnected.cypher itself, which counts every entity.
func fullMostConnected(t *testing.T) func(track string, first int, asOf *time.Time) []string {
	text := cypher.Statement("mostConnected")
	driver, c := testneo4j.Driver(t)
	return func(track string, first int, asOf *time.Time) []string {
		t.Helper()
		params := map[string]any{"track": nil, "first": first, "asOf": nil, "knownAt": nil}
		if track != "" {
			params["track"] = track
		}
		if asOf != nil {
			params["asOf"] = neo4j.DateOf(*asOf)
		}
		res, err := neo4j.ExecuteQuery(context.Background(), driver, text, params,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res.Records {
			e, _, _ := neo4j.GetRecordValue[neo4j.Node](r, "entity")
			d, _, _ := neo4j.GetRecordValue[int64](r, "degree")
			out = append(out, fmt.Sprintf("%s=%d", e.Props["id"], d))
		}
		return out
	}
}

// TestMostConnected_FallsBackWhenBoundsMislead builds a graph whose relationship counts point
// the wrong way: 60 decoys with three retracted facts each outrank, by count, the one person
// with two live facts. The bound alone would answer with a country; the full count must win.
func TestMostConnected_FallsBackWhenBoundsMislead(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	d := &kg.Dataset{Entities: []kg.Entity{
		{ID: "person/x", Kind: kg.KindPerson, Name: "X"},
		{ID: "country/a", Kind: kg.KindCountry, Name: "A"},
		{ID: "country/b", Kind: kg.KindCountry, Name: "B"},
		{ID: "country/c", Kind: kg.KindCountry, Name: "C"},
		{ID: "source/s", Kind: kg.KindSource, Name: "S"},
	}}
	fact := func(from, to string, status kg.Status) {
		r := kg.Relation{From: from, Type: "MET_WITH", To: to, Confidence: 1, Status: status,
			Evidence: []kg.Evidence{{SourceID: "source/s", Quote: "met"}}}
		if status == kg.StatusRetracted {
			r.Retraction = &kg.Retraction{By: "alice", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Reason: "test", PreviousStatus: kg.StatusReported}
		}
		r.ID = kg.FactID(r.From, r.Type, r.To, r.Role)
		d.Relations = append(d.Relations, r)
	}
	for i := range 60 {
		id := fmt.Sprintf("person/decoy-%02d", i)
		d.Entities = append(d.Entities, kg.Entity{ID: id, Kind: kg.KindPerson, Name: id})
		for _, c := range []string{"country/a", "country/b", "country/c"} {
			fact(id, c, kg.StatusRetracted)
		}
	}
	fact("person/x", "country/a", kg.StatusAsserted)
	fact("person/x", "country/b", kg.StatusAsserted)
	if _, err := s.Import(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	want := fullMostConnected(t)("", 1, nil)
	if diff := cmp.Diff([]string{"person/x=2"}, want); diff != "" {
		t.Fatalf("fixture: the full count ranks (-want +got):\n%s", diff)
	}
	rctx, trips := cypher.CountRoundTrips(ctx)
	got, err := s.MostConnected(rctx, "", 1, kg.Clocks{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Entity.ID != "person/x" || got[0].Degree != 2 {
		t.Errorf("MostConnected = %+v, want person/x with degree 2", got)
	}
	if trips.Load() != 2 {
		t.Errorf("%d round trips, want 2 (the bounded query, then the full count)", trips.Load())
	}
}

package cypher_test

import (
	"context"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestMigration6_StatusLog gives facts written before record time a status log, so that
// reads known at an instant see them as they were: created at their creation, retracted
// at their retraction.
func TestMigration6_StatusLog(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	driver, c := testneo4j.Driver(t)
	created := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	retracted := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	// Two facts as version 5 wrote them, with no status log, between entities as old.
	_, err := neo4j.ExecuteQuery(ctx, driver, `
		MATCH (a:Entity {id: 'person/ann-lee'}), (b:Entity {id: 'person/bob-ray'}), (u:Entity {id: 'country/utopia'})
		SET a.createdAt = $created, b.createdAt = $created, u.createdAt = $created
		CREATE (a)-[:MET_WITH {id: 'rel/met_with/0000000000000001', status: 'reported', confidence: 0.5, createdAt: $created}]->(b)
		CREATE (a)-[:HOLDS_ROLE {id: 'rel/holds_role/0000000000000001', role: 'envoy', status: 'retracted', previousStatus: 'asserted',
		        retractedAt: $retracted, confidence: 0.5, createdAt: $created}]->(u)`,
		map[string]any{"created": created, "retracted": retracted}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range cypher.MigrationStatements(6) {
		if _, err := neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database)); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	shown := func(knownAt time.Time) map[string]kg.Status {
		got, err := s.RelationsOf(ctx, []string{"person/ann-lee"}, kg.RelationFilter{Clocks: kg.Clocks{KnownAt: &knownAt}})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]kg.Status{}
		for _, v := range got["person/ann-lee"] {
			out[string(v.Type)] = v.Status
		}
		return out
	}
	for _, tc := range []struct {
		at   time.Time
		want map[string]kg.Status
	}{
		{created.Add(-time.Hour), map[string]kg.Status{}},
		{created.Add(time.Hour), map[string]kg.Status{"MET_WITH": kg.StatusReported, "HOLDS_ROLE": kg.StatusAsserted}},
		{retracted.Add(time.Hour), map[string]kg.Status{"MET_WITH": kg.StatusReported}},
	} {
		got := shown(tc.at)
		if len(got) != len(tc.want) {
			t.Errorf("known at %s: %v, want %v", tc.at, got, tc.want)
			continue
		}
		for typ, st := range tc.want {
			if got[typ] != st {
				t.Errorf("known at %s: %s is %q, want %q", tc.at, typ, got[typ], st)
			}
		}
	}
}

// TestMigration8_OldRedirects: a merge made before version 8 deleted its duplicate and left
// a redirect without a log. After the migration its id resolves to the kept entity at every
// instant (there is no duplicate to go back to), and a later merge of the kept entity
// re-points it as it does any other, with the instant.
func TestMigration8_OldRedirects(t *testing.T) {
	s := editFixture(t)
	ctx := context.Background()
	driver, c := testneo4j.Driver(t)
	merged := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	// The kept entity as old as the merge, and the redirect as version 7 left it.
	_, err := neo4j.ExecuteQuery(ctx, driver, `
		MATCH (e:Entity) WHERE e.id IN ['person/ann-lee', 'person/bob-ray'] SET e.createdAt = $created
		WITH count(e) AS n
		CREATE (:Redirect {id: 'person/a-lee', mergedInto: 'person/ann-lee', mergedAt: $at, mergedBy: 'admin'})`,
		map[string]any{"at": merged, "created": merged.Add(-30 * 24 * time.Hour)}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range cypher.MigrationStatements(8) {
		if _, err := neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database)); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	early := merged.Add(-24 * time.Hour)
	for _, at := range []*time.Time{nil, &early} {
		if e, err := s.Entity(ctx, "person/a-lee", at); err != nil || e.ID != "person/ann-lee" {
			t.Errorf("entity(old merged id, knownAt %v) = %v, %v; want person/ann-lee", at, e, err)
		}
	}
	between := time.Now().UTC()
	time.Sleep(5 * time.Millisecond)
	if _, err := s.MergeEntities(ctx, "admin", "person/bob-ray", "person/ann-lee"); err != nil {
		t.Fatal(err)
	}
	for at, want := range map[*time.Time]string{&early: "person/ann-lee", &between: "person/ann-lee", nil: "person/bob-ray"} {
		if e, err := s.Entity(ctx, "person/a-lee", at); err != nil || e.ID != want {
			t.Errorf("after a second merge, entity(old merged id, knownAt %v) = %v, %v; want %s", at, e, err, want)
		}
	}
}

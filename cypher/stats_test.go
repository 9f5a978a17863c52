package cypher_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestStats_NowMatchesFullCensus compares Stats as the graph stands now, which counts from
// Neo4j's count store and the status indexes, with stats.cypher reading every fact: on a
// generated graph, and again after a hub's facts are retracted. As of a past day Stats
// reads every fact itself, so only "now" needs the comparison.
func TestStats_NowMatchesFullCensus(t *testing.T) {
	s := generatedStore(t, 2000, 7)
	ctx := context.Background()
	driver, c := testneo4j.Driver(t)
	compare := func(stage string) {
		t.Helper()
		got, err := s.Stats(ctx, kg.Clocks{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(fullStats(t, driver, c.Database), got); diff != "" {
			t.Errorf("%s (-stats.cypher +Stats):\n%s", stage, diff)
		}
		if got.Entities == 0 || got.Relations == 0 {
			t.Errorf("%s: an empty census %+v", stage, got)
		}
	}
	compare("generated")

	if _, err := neo4j.ExecuteQuery(ctx, driver, `
		MATCH (e:Person) WITH e ORDER BY COUNT { (e)--() } DESC LIMIT 1
		MATCH (e)-[r]-(:Entity) WHERE r.id IS NOT NULL
		SET r.previousStatus = r.status, r.status = 'retracted', r.retractedAt = datetime(),
		    r.retractedBy = 'alice', r.retractReason = 'test'`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database)); err != nil {
		t.Fatal(err)
	}
	compare("a hub's facts retracted")
	past := time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC)
	if then, err := s.Stats(ctx, kg.Clocks{AsOf: &past}); err != nil || then.Relations >= fullStats(t, driver, c.Database).Relations {
		t.Errorf("as of %s: %+v, %v; want fewer facts than now", past.Format(time.DateOnly), then, err)
	}
}

// TestStats_NowReadsNoFact checks the plan: counts from the count store, retracted facts
// through the status index, and no scan of nodes or relationships but the merged
// duplicates' label.
func TestStats_NowReadsNoFact(t *testing.T) {
	testneo4j.MustOpenStore(t) // migrated
	driver, c := testneo4j.Driver(t)
	res, err := neo4j.ExecuteQuery(context.Background(), driver, "EXPLAIN "+cypher.StatsNowQuery(), nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	plan, _ := res.Summary.Plan().Arguments()["string-representation"].(string)
	for _, want := range []string{"NodeCountFromCountStore", "RelationshipCountFromCountStore", "RelationshipIndexSeek"} {
		if !strings.Contains(plan, want) {
			t.Errorf("no %s in the plan:\n%s", want, plan)
		}
	}
	for _, scan := range []string{"AllNodesScan", "NodeByLabelScan", "RelationshipTypeScan", "AllRelationshipsScan"} {
		for _, line := range strings.Split(plan, "\n") {
			// The duplicates that merges kept are read through their label, and are few.
			if strings.Contains(line, scan) && !(scan == "NodeByLabelScan" && strings.Contains(line, ":Merged")) {
				t.Errorf("the plan has a %s:\n%s", scan, plan)
			}
		}
	}
}

// fullStats runs stats.cypher itself as of now, which reads every fact.
func fullStats(t *testing.T, driver neo4j.DriverWithContext, database string) *kg.Stats {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), driver, cypher.Statement("stats"), map[string]any{"asOf": nil, "knownAt": nil},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		t.Fatal(err)
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByRelationType: map[kg.RelationType]int{}}
	for _, col := range []string{"byKind", "byType"} {
		pairs, _, _ := neo4j.GetRecordValue[[]any](res.Records[0], col)
		for _, pair := range pairs {
			p, _ := pair.([]any)
			name, _ := p[0].(string)
			n, _ := p[1].(int64)
			if col == "byKind" {
				st.ByKind[kg.Kind(name)] = int(n)
				st.Entities += int(n)
			} else {
				st.ByRelationType[kg.RelationType(name)] = int(n)
				st.Relations += int(n)
			}
		}
	}
	return st
}

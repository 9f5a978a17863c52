package cypher_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// listAll pages through Entities two at a time and returns the ids in order.
func listAll(t *testing.T, s *cypher.Store, f kg.EntityFilter) ([]string, int) {
	t.Helper()
	var ids []string
	total := -1
	after := ""
	for range 20 {
		page, err := s.Entities(context.Background(), f, kg.PageRequest{First: 2, After: after, WantTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			ids = append(ids, e.ID)
		}
		total = *page.TotalCount
		if !page.HasNext {
			return ids, total
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	t.Fatal("more than 20 pages")
	return nil, 0
}

// TestEntities_SortByName checks the order of the name index, whichever write path set the
// name: an import that creates, an import that changes, and an edit.
func TestEntities_SortByName(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	d := &kg.Dataset{Entities: []kg.Entity{
		{ID: "person/c", Kind: kg.KindPerson, Name: "charlie"},
		{ID: "person/a", Kind: kg.KindPerson, Name: "Alpha"},
		{ID: "country/b", Kind: kg.KindCountry, Name: "BRAVO"},
		{ID: "person/b2", Kind: kg.KindPerson, Name: "bravo"}, // ties with BRAVO: then by id, ascending either way
		{ID: "country/e", Kind: kg.KindCountry, Name: "Echo"},
	}}
	if _, err := s.Import(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	check := func(name string, f kg.EntityFilter, want []string, wantTotal int) {
		t.Helper()
		got, total := listAll(t, s, f)
		if diff := cmp.Diff(want, got); diff != "" || total != wantTotal {
			t.Errorf("%s: order (-want +got):\n%s total = %d, want %d", name, diff, total, wantTotal)
		}
	}
	check("ascending", kg.EntityFilter{}, []string{"person/a", "country/b", "person/b2", "person/c", "country/e"}, 5)
	check("descending", kg.EntityFilter{Descending: true}, []string{"country/e", "person/c", "country/b", "person/b2", "person/a"}, 5)
	check("persons", kg.EntityFilter{Kinds: []kg.Kind{kg.KindPerson}}, []string{"person/a", "person/b2", "person/c"}, 3)

	d.Entities[1].Name = "Zulu" // person/a, changed by a re-import
	if _, err := s.Import(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: "country/e", Name: ptr("able")}); err != nil {
		t.Fatal(err)
	}
	check("after renames", kg.EntityFilter{}, []string{"country/e", "country/b", "person/b2", "person/c", "person/a"}, 5)
}

// TestEntities_NameSortWalksIndex guards the plan: the first page by name must come from the
// entity_name_key index in order, not from reading and sorting every entity, and an
// unfiltered total from the count store.
func TestEntities_NameSortWalksIndex(t *testing.T) {
	testneo4j.MustOpenStore(t) // migrated
	driver, c := testneo4j.Driver(t)
	params := map[string]any{"kinds": []string{}, "name": nil, "track": nil, "conflict": nil, "relatedTo": nil,
		"relType": nil, "asOf": nil, "knownAt": nil, "first": 20, "after": nil, "afterKey": nil, "afterID": nil}
	plan := func(statement string) string {
		t.Helper()
		res, err := neo4j.ExecuteQuery(context.Background(), driver, "EXPLAIN "+statement, params,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
		if err != nil {
			t.Fatal(err)
		}
		// The plan's own text, rather than a walk of Children(): neo4j-go-driver v5.28.4 builds
		// that list from a loop variable's address under Go 1.18 semantics, so every entry is
		// the last child.
		text, _ := res.Summary.Plan().Arguments()["string-representation"].(string)
		return text
	}
	for _, desc := range []bool{false, true} {
		p := plan(cypher.EntityQuery("entities", kg.SortByName, desc))
		if !strings.Contains(p, "NodeIndexSeekByRange") && !strings.Contains(p, "NodeIndexScan") ||
			!strings.Contains(p, "nameKey") || strings.Contains(p, "NodeByLabelScan") {
			t.Errorf("descending=%t: the name listing does not walk the nameKey index:\n%s", desc, p)
		}
	}
	if p := plan("MATCH (e:Entity) RETURN count(e) AS total"); !strings.Contains(p, "NodeCountFromCountStore") {
		t.Errorf("entitiesCountAll does not use the count store:\n%s", p)
	}
}

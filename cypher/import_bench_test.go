package cypher_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/diplograph/diplograph/datagen"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// BenchmarkImport measures Store.Import (one transaction per data set, as a file import)
// against the Neo4j of NEO4J_URI, which it wipes like the tests do. Each iteration of
// new/ starts from an empty database, into-seed/ from one holding the seed (as `make run`
// leaves it), and unchanged/ imports the same data again, which must write nothing. DIPLOGRAPH_BENCH_N sets the generated entities (default 10000, with about
// five facts each). scripts/bench-import runs it; figures are in docs/benchmarks.md.
//
//	NEO4J_URI=bolt://127.0.0.1:7692 go test -run '^$' -bench BenchmarkImport -benchtime 3x ./cypher/
func BenchmarkImport(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("DIPLOGRAPH_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	d := datagen.Generate(n, 1)
	ctx := context.Background()
	report := func(b *testing.B) {
		sec := b.Elapsed().Seconds()
		b.ReportMetric(float64(b.N*(len(d.Entities)+len(d.Relations)))/sec, "rows/s")
		b.ReportMetric(float64(b.N*len(d.Relations))/sec, "relations/s")
	}
	b.Run(fmt.Sprintf("new/n=%d", n), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := testneo4j.MustOpenStore(b) // wiped and migrated
			b.StartTimer()
			res, err := s.Import(ctx, d, nil)
			if err != nil {
				b.Fatal(err)
			}
			if res.Created != len(d.Entities)+len(d.Relations) {
				b.Fatalf("created %d, want %d", res.Created, len(d.Entities)+len(d.Relations))
			}
		}
		report(b)
	})
	// The development database holds the seed, imported at every start: plans cached then
	// see one or two facts of some types, which once made MERGE scan a whole index per row.
	b.Run(fmt.Sprintf("into-seed/n=%d", n), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := testneo4j.MustOpenStore(b)
			for range 2 {
				if _, err := importer.ImportFile(ctx, s, seedFile, importer.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			if _, err := s.Import(ctx, d, nil); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run(fmt.Sprintf("unchanged/n=%d", n), func(b *testing.B) {
		b.StopTimer()
		s := testneo4j.MustOpenStore(b)
		if _, err := s.Import(ctx, d, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < b.N; i++ {
			res, err := s.Import(ctx, d, nil)
			if err != nil {
				b.Fatal(err)
			}
			if res.Created != 0 || res.Updated != 0 {
				b.Fatalf("re-import wrote %+v", res)
			}
		}
		report(b)
	})
	// The seed has 146 facts of 19 types: one statement per type costs it round trips.
	b.Run("seed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := testneo4j.MustOpenStore(b)
			b.StartTimer()
			if _, err := importer.ImportFile(ctx, s, seedFile, importer.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestImport_ContentHashStable checks the stored content hashes against values computed
// with json.Marshal, which the importer used before it encoded the JSON by hand: hashes are
// stored, and a different encoding would make the next import rewrite every row. (The
// facts' hashes changed once, by content, when facts gained their basis, and the events'
// when they gained their status history, and again when its entries gained the instant
// they were recorded.)
func TestImport_ContentHashStable(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	d := hashFixture()
	if _, err := s.Import(context.Background(), d, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"person/a":                             "0a0b5950b88cdce3e5cdcf88",
		"country/b":                            "93b881eb7c72b75ca8010e66",
		"event/c":                              "8c5d62731d53eaf40eccf201",
		"source/d":                             "291a72be0894d045caf5286e",
		"rel/holds_role/85058fb12e0d6d10":      "53a1e244024b6d034d455b49",
		"rel/participated_in/0002fd87358536df": "6e39d67deaa5f05949d223f7",
		"rel/met_with/0f842c7d58453ef0":        "5b10475b95efdd4963686c9d",
	}
	driver, c := testneo4j.Driver(t)
	res, err := neo4j.ExecuteQuery(context.Background(), driver, `
		MATCH (e:Entity) RETURN e.id AS id, e.contentHash AS hash
		UNION ALL
		MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, r.contentHash AS hash`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		got[id], _, _ = neo4j.GetRecordValue[string](r, "hash")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored content hashes (-want +got):\n%s", diff)
	}
	again, err := s.Import(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created != 0 || again.Updated != 0 {
		t.Errorf("second import = %+v, want nothing written", again)
	}
}

// hashFixture holds the values that a hand-written JSON encoder gets wrong first: HTML
// characters, quotes and backslashes, control characters, non-ASCII text, U+2028, invalid
// UTF-8, floats, dates at every precision, and a retraction time.
func hashFixture() *kg.Dataset {
	day := kg.PartialDate{Year: 2022, Month: 2, Day: 24, Precision: kg.PrecisionDay}
	month := kg.PartialDate{Year: 2014, Month: 3, Precision: kg.PrecisionMonth}
	year := kg.PartialDate{Year: 2014, Precision: kg.PrecisionYear}
	text := "Zelenskyy – Зеленський said: \"peace <now> & later\"\tback\\slash\u2028end."
	entities := []kg.Entity{
		{ID: "person/a", Kind: kg.KindPerson, Name: "Volodymyr Zelenskyy – Зеленський", Aliases: []string{"Zelensky", "A <b> & c"},
			Description: "quote \" and \\ and \x01 and \u2029", ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q3874799"}}},
		{ID: "country/b", Kind: kg.KindCountry, Name: "Côte d'Ivoire", Description: "tab\there, bell \a"},
		{ID: "event/c", Kind: kg.KindEvent, Name: "Summit", Date: &day},
		{ID: "source/d", Kind: kg.KindSource, Name: "Article", Author: "A. Writer", Publisher: "P&Q", URL: "https://example.org/a?b=1&c=<2>",
			Published: &month, Text: text},
	}
	at := time.Date(2026, 1, 27, 10, 30, 0, 123456789, time.UTC)
	relations := []kg.Relation{
		{From: "person/a", Type: "HOLDS_ROLE", To: "country/b", Role: "President", ValidFrom: &year, ValidTo: &day, Confidence: 0.95,
			Status: kg.StatusAsserted, Evidence: []kg.Evidence{{SourceID: "source/d", Quote: "peace <now> & later"}}},
		{From: "person/a", Type: "PARTICIPATED_IN", To: "event/c", Confidence: 1, Status: kg.StatusRetracted,
			Evidence:   []kg.Evidence{{SourceID: "source/d", Quote: "Зеленський"}, {SourceID: "source/d", Quote: "back\\slash"}},
			Retraction: &kg.Retraction{By: "editor@example.org", At: at, Reason: "duplicate <report>", PreviousStatus: kg.StatusReported}},
		{From: "country/b", Type: "MET_WITH", To: "person/a", ValidFrom: &month, Confidence: 0.000001, Status: kg.StatusDisputed,
			Evidence: []kg.Evidence{{SourceID: "source/d", Quote: "said"}}},
	}
	for i := range relations {
		r := &relations[i]
		r.ID = kg.FactID(r.From, r.Type, r.To, r.Role)
	}
	return &kg.Dataset{Entities: entities, Relations: relations}
}

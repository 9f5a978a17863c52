package cypher_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/datagen"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

const seedFile = "../data/seed.yaml"

// census counts entities by kind and facts by type, straight from the database.
func census(t *testing.T) (map[string]int, map[string]int) {
	t.Helper()
	driver, c := testneo4j.Driver(t)
	ctx := context.Background()
	kinds, types := map[string]int{}, map[string]int{}
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (e:Entity) RETURN e.kind AS k, count(*) AS n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Records {
		k, _, _ := neo4j.GetRecordValue[string](r, "k")
		n, _, _ := neo4j.GetRecordValue[int64](r, "n")
		kinds[k] = int(n)
	}
	res, err = neo4j.ExecuteQuery(ctx, driver, `MATCH (:Entity)-[r]->(:Entity) WHERE r.id IS NOT NULL RETURN type(r) AS k, count(*) AS n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Records {
		k, _, _ := neo4j.GetRecordValue[string](r, "k")
		n, _, _ := neo4j.GetRecordValue[int64](r, "n")
		types[k] = int(n)
	}
	return kinds, types
}

func exportYAML(t *testing.T, s *cypher.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := importer.Export(context.Background(), s, &b, "yaml"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func mustImport(t *testing.T, s *cypher.Store, path string) *importer.Result {
	t.Helper()
	res, err := importer.ImportFile(context.Background(), s, path, importer.Options{})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return res
}

func TestImport_Seed(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	res := mustImport(t, s, seedFile)
	if res.Entities != 54 || res.Relations != 146 || res.Created != 200 {
		t.Errorf("import result = %+v, want 54 entities, 146 relations, 200 created", res.ImportResult)
	}
	kinds, types := census(t)
	wantKinds := map[string]int{"Person": 6, "Country": 8, "Organization": 9, "Body": 1, "Conflict": 3,
		"Territory": 7, "Proposal": 4, "Event": 8, "Track": 4, "Source": 4}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("entities by kind (-want +got):\n%s", diff)
	}
	wantTypes := map[string]int{"PARTY_TO": 27, "ADDRESSES": 26, "PART_OF": 20, "PARTICIPATED_IN": 15, "STATED": 14,
		"HOLDS_ROLE": 7, "LOCATED_IN": 6, "CLAIMS": 4, "MET_WITH": 3, "INVITED_TO": 4, "LEADS": 3, "CONTROLS": 3,
		"PRECEDES": 5, "CITES": 3, "BACKS": 1, "BASED_IN": 1, "PROPOSED": 2, "ANNEXED": 1, "ESTABLISHED": 1}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("relations by type (-want +got):\n%s", diff)
	}

	t.Run("FactWithSourceAndQuote", func(t *testing.T) {
		v, err := s.Relation(context.Background(), kg.FactID("person/vladimir-putin", "HOLDS_ROLE", "country/russia", "President"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if v.Role != "President" || v.Evidence[0].Quote != "Russian President Vladimir Putin" {
			t.Errorf("got role %q quote %q", v.Role, v.Evidence[0].Quote)
		}
		src := v.SourceEntities[v.Evidence[0].SourceID]
		if src == nil || src.Author != "willowt" || src.Published.String() != "2026-01-26" || !src.HasText {
			t.Errorf("source = %+v, want the article by willowt of 2026-01-26 with its text", src)
		}
	})
	t.Run("YearPrecisionKept", func(t *testing.T) {
		v, err := s.Relation(context.Background(), kg.FactID("country/russia", "ANNEXED", "territory/crimea", ""), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.ValidFrom; got == nil || got.String() != "2014" || got.Precision != kg.PrecisionYear {
			t.Errorf("validFrom = %v, want 2014 at YEAR precision", got)
		}
	})
	t.Run("EventDate", func(t *testing.T) {
		e, err := s.Entity(context.Background(), "event/2026-01-22-moscow-meeting-witkoff-kushner-putin", nil)
		if err != nil {
			t.Fatal(err)
		}
		if e.Date == nil || e.Date.String() != "2026-01-22" || e.Date.Precision != kg.PrecisionDay {
			t.Errorf("date = %v", e.Date)
		}
	})
}

func TestImport_Idempotent(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	mustImport(t, s, seedFile)
	before := exportYAML(t, s)
	kindsBefore, typesBefore := census(t)
	again := mustImport(t, s, seedFile)
	if again.Created != 0 || again.Updated != 0 {
		t.Errorf("second import created %d and changed %d, want nothing", again.Created, again.Updated)
	}
	// The export carries every stored value, so equal exports mean equal property values.
	if diff := cmp.Diff(before, exportYAML(t, s)); diff != "" {
		t.Errorf("re-import changed the graph (-before +after):\n%s", diff)
	}
	kinds, types := census(t)
	if !cmp.Equal(kindsBefore, kinds) || !cmp.Equal(typesBefore, types) {
		t.Errorf("counts changed: %v %v -> %v %v", kindsBefore, typesBefore, kinds, types)
	}
}

func TestImport_InvalidFileWritesNothing(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	mustImport(t, s, seedFile)
	before := exportYAML(t, s)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("The envoy met the minister."), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := `format: diplograph/v1
sources:
  - {id: source/a, title: A, textFile: a.txt}
entities:
  - {id: person/new-envoy, kind: Person, name: New Envoy}
  - {id: event/bad-day, kind: Event, name: Bad day, date: "2026-02-30"}
relations:
  - {from: person/new-envoy, type: LIKES, to: person/vladimir-putin, confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: person/nobody, confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: person/vladimir-putin, confidence: 1.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: person/donald-trump, confidence: 0.5, status: reported, sources: [source/a], quote: "met the president"}
  - {from: person/new-envoy, type: MET_WITH, to: person/jared-kushner, validFrom: "2026-13", confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: person/steve-witkoff, validFrom: "2026-01-27/2026-01-26", confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: person/volodymyr-zelenskyy, basis: inferred, confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
  - {from: person/new-envoy, type: MET_WITH, to: country/russia, basis: guessed, confidence: 0.5, status: reported, sources: [source/a], quote: "The envoy"}
`
	path := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := importer.ImportFile(context.Background(), s, path, importer.Options{})
	if code := kg.ErrorCode(err); code != errcode.BadUserInput {
		t.Fatalf("code = %q (%v), want BAD_USER_INPUT", code, err)
	}
	msg := err.Error()
	for _, want := range []string{
		"entities[1] (event/bad-day): date:",
		"relations[0] (person/new-envoy LIKES person/vladimir-putin): type:",
		"relations[1] (person/new-envoy MET_WITH person/nobody): to: no entity has id",
		"relations[2] (person/new-envoy MET_WITH person/vladimir-putin): confidence:",
		"relations[3] (person/new-envoy MET_WITH person/donald-trump): quote:",
		"relations[4] (person/new-envoy MET_WITH person/jared-kushner): validFrom:",
		"relations[5] (person/new-envoy MET_WITH person/steve-witkoff): validFrom:",
		"relations[6] (person/new-envoy MET_WITH person/volodymyr-zelenskyy): basisNote:",
		"relations[7] (person/new-envoy MET_WITH country/russia): basis:",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not report %q:\n%s", want, msg)
		}
	}
	if diff := cmp.Diff(before, exportYAML(t, s)); diff != "" {
		t.Errorf("an invalid file changed the graph:\n%s", diff)
	}
}

// TestImport_BoundedAndInferred reads a fact known by its bounds and inferred, and exports
// it as it was written.
func TestImport_BoundedAndInferred(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	mustImport(t, s, seedFile)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Earlier this week the envoy met the minister."), 0o600); err != nil {
		t.Fatal(err)
	}
	file := `format: diplograph/v1
sources:
  - {id: source/a, title: A, textFile: a.txt}
relations:
  - {from: person/steve-witkoff, type: MET_WITH, to: person/volodymyr-zelenskyy, validFrom: "2026-01-19/2026-01-26", validTo: "2026-01-19/2026-01-26",
     basis: inferred, basisNote: "The envoy is read as Witkoff.", confidence: 0.5, status: reported, sources: [source/a], quote: "Earlier this week the envoy met the minister."}
  - {from: person/steve-witkoff, type: MET_WITH, to: person/vladimir-putin, validFrom: "../2026-01-21", confidence: 0.5, status: reported, sources: [source/a], quote: "the envoy met"}
`
	path := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, path)
	out := exportYAML(t, s)
	for _, want := range []string{`validFrom: 2026-01-19/2026-01-26`, `basis: inferred`, `basisNote: The envoy is read as Witkoff.`, `validFrom: ../2026-01-21`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q", want)
		}
	}
}

func TestExport_RoundTrip(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	mustImport(t, s, seedFile)
	first := exportYAML(t, s)
	path := filepath.Join(t.TempDir(), "export.yaml")
	if err := os.WriteFile(path, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	s = testneo4j.MustOpenStore(t) // wiped
	mustImport(t, s, path)
	if diff := cmp.Diff(first, exportYAML(t, s)); diff != "" {
		t.Errorf("export, wipe, import, export is not the identity (-first +second):\n%s", diff)
	}
}

func TestImport_Generated10k(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 10k entities")
	}
	s := testneo4j.MustOpenStore(t)
	d := datagen.Generate(10_000, 7)
	path := filepath.Join(t.TempDir(), "gen.jsonl")
	var b bytes.Buffer
	if err := importer.Write(&b, d, "jsonl"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	res := mustImport(t, s, path)
	if res.Entities != len(d.Entities) || res.Relations != len(d.Relations) || res.Created != len(d.Entities)+len(d.Relations) {
		t.Errorf("import = %+v, want %d entities and %d relations, all new", res.ImportResult, len(d.Entities), len(d.Relations))
	}
	kinds, types := census(t)
	total := 0
	for _, n := range kinds {
		total += n
	}
	rels := 0
	for _, n := range types {
		rels += n
	}
	if total != len(d.Entities) || rels != len(d.Relations) {
		t.Errorf("graph holds %d entities and %d relations, want %d and %d", total, rels, len(d.Entities), len(d.Relations))
	}
	if again := datagen.Generate(10_000, 7); !cmp.Equal(again.Relations[:50], d.Relations[:50]) {
		t.Error("the generator is not deterministic for a seed")
	}
}

// TestImport_SkipImported is what `serve -seed` relies on: a file imported before is skipped
// by its digest, so a restart keeps an editor's change; changing the file or a source text
// it reads imports it again.
func TestImport_SkipImported(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	seed, text := copySeed(t)
	once := importer.Options{SkipImported: true}

	first, err := importer.ImportFile(ctx, s, seed, once)
	if err != nil || first.Skipped || first.Created != 54+146 {
		t.Fatalf("first import = %+v, %v; want 200 created", first, err)
	}
	const putin = "person/vladimir-putin"
	edited := "Edited by an analyst after the seed was loaded."
	if _, err := s.UpsertEntity(ctx, "alice", kg.EntityPatch{ID: putin, Description: &edited}); err != nil {
		t.Fatal(err)
	}
	again, err := importer.ImportFile(ctx, s, seed, once)
	if err != nil || !again.Skipped {
		t.Fatalf("second import = %+v, %v; want skipped", again, err)
	}
	if e, err := s.Entity(ctx, putin, nil); err != nil || e.Description != edited {
		t.Errorf("after a skipped import, %s description = %q, %v; want the editor's", putin, e.Description, err)
	}

	// A source text is part of the input: appending to it makes the file new again, and the
	// row-by-row import then restores the file's description.
	f, err := os.OpenFile(text, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\nA correction was appended.\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	third, err := importer.ImportFile(ctx, s, seed, once)
	if err != nil || third.Skipped || third.Updated != 1 {
		t.Fatalf("import after the text changed = %+v, %v; want one entity rewritten", third, err)
	}
	if e, err := s.Entity(ctx, putin, nil); err != nil || e.Description == edited {
		t.Errorf("after re-import, %s description = %q, %v; want the file's", putin, e.Description, err)
	}
	if fourth, err := importer.ImportFile(ctx, s, seed, once); err != nil || !fourth.Skipped {
		t.Errorf("fourth import = %+v, %v; want skipped", fourth, err)
	}
}

// copySeed copies the seed and the source text it reads into a temporary folder, for tests
// that change them; it returns the two paths.
func copySeed(t *testing.T) (seed, text string) {
	t.Helper()
	dir := t.TempDir()
	seed = filepath.Join(dir, "seed.yaml")
	copyFile(t, seedFile, seed)
	text = filepath.Join(dir, "sources", "2026-01-26-us-envoys-to-meet-putin.txt")
	copyFile(t, filepath.Join(filepath.Dir(seedFile), "sources", filepath.Base(text)), text)
	return seed, text
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImport_ConcurrentNoDuplicates runs two imports of one data set at once, into an empty
// graph and into one that holds the entities but not the facts: each entity and each fact
// must exist once. Facts have no uniqueness constraint; the importer's endpoint locks are
// what keeps their ids unique.
func TestImport_ConcurrentNoDuplicates(t *testing.T) {
	d := datagen.Generate(300, 3)
	entitiesOnly := &kg.Dataset{Entities: d.Entities}
	for _, start := range []struct {
		name string
		with *kg.Dataset
	}{{"empty", nil}, {"entities present", entitiesOnly}} {
		t.Run(start.name, func(t *testing.T) {
			s := testneo4j.MustOpenStore(t)
			ctx := context.Background()
			if start.with != nil {
				if _, err := s.Import(ctx, start.with, nil); err != nil {
					t.Fatal(err)
				}
			}
			errs := make(chan error, 2)
			for range 2 {
				go func() { _, err := s.Import(ctx, d, nil); errs <- err }()
			}
			for range 2 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			driver, c := testneo4j.Driver(t)
			res, err := neo4j.ExecuteQuery(ctx, driver, `
				MATCH (e:Entity) WITH count(e) AS entities, count(DISTINCT e.id) AS entityIds
				MATCH (:Entity)-[r]->(:Entity) WHERE r.id IS NOT NULL
				RETURN entities, entityIds, count(r) AS facts, count(DISTINCT r.id) AS factIds`, nil,
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
			if err != nil {
				t.Fatal(err)
			}
			got := res.Records[0].AsMap()
			want := map[string]any{"entities": int64(len(d.Entities)), "entityIds": int64(len(d.Entities)),
				"facts": int64(len(d.Relations)), "factIds": int64(len(d.Relations))}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("after two concurrent imports (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImport_AuditsRewrites: an import that rewrites an entity and a fact leaves audit entries
// with the values before and after, by import:FILE; what it creates, and an unchanged
// re-import, leave none.
func TestImport_AuditsRewrites(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	ctx := context.Background()
	seed, _ := copySeed(t)
	for range 2 {
		if _, err := importer.ImportFile(ctx, s, seed, importer.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	const putin = "person/vladimir-putin"
	if h, err := s.History(ctx, putin, 50); err != nil || len(h) != 0 {
		t.Fatalf("history after creating imports = %d entries, %v; want none", len(h), err)
	}

	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "    description: President of Russia.\n", "    description: President of the Russian Federation.\n", 1)
	edited = strings.Replace(edited, "to: country/russia, role: President,\n     confidence: 0.99,",
		"to: country/russia, role: President,\n     confidence: 0.9,", 1)
	if edited == string(b) || strings.Count(edited, "0.9,") == strings.Count(string(b), "0.9,") {
		t.Fatal("fixture: the seed's text changed; update the replacements")
	}
	if err := os.WriteFile(seed, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := importer.ImportFile(ctx, s, seed, importer.Options{})
	if err != nil || res.Updated != 2 {
		t.Fatalf("import of the edited file = %+v, %v; want 2 rewritten", res, err)
	}
	h, err := s.History(ctx, putin, 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range h {
		if c.Operation != kg.OpImport || c.By != "import:seed.yaml" || c.Before == nil || c.After == nil {
			t.Errorf("entry %+v: want an IMPORT by import:seed.yaml with before and after", c)
			continue
		}
		got = append(got, c.RelationID+" "+diffWords(*c.Before, *c.After))
	}
	want := []string{
		" President of Russia. -> President of the Russian Federation.",
		kg.FactID(putin, "HOLDS_ROLE", "country/russia", "President") + " 0.99 -> 0.9",
	}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("history of %s (-want +got):\n%s", putin, diff)
	}
}

// diffWords names what changed between two JSON snapshots: the description or confidence.
func diffWords(before, after string) string {
	var b, a map[string]any
	_ = json.Unmarshal([]byte(before), &b)
	_ = json.Unmarshal([]byte(after), &a)
	for _, key := range []string{"description", "confidence"} {
		if fmt.Sprint(b[key]) != fmt.Sprint(a[key]) {
			return fmt.Sprintf("%v -> %v", b[key], a[key])
		}
	}
	return "no difference in description or confidence"
}

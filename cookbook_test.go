package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"testing"

	"github.com/diplograph/diplograph/internal/servicetest"
)

var update = flag.Bool("update", false, "rewrite the answers in docs/queries.md")

// cookbookEntry matches a query block and the answer block after it.
var cookbookEntry = regexp.MustCompile("(?s)```graphql\n(.*?)```\n\n```json\n(.*?)```")

// TestCookbook runs every query of docs/queries.md against the seeded graph and compares
// the answers with the page.
func TestCookbook(t *testing.T) {
	srv, _ := seededServer(t)
	const path = "docs/queries.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	matches := cookbookEntry.FindAllSubmatchIndex(doc, -1)
	if len(matches) < 10 {
		t.Fatalf("the cookbook has %d questions; it promises at least ten", len(matches))
	}
	var out bytes.Buffer
	last := 0
	for i, m := range matches {
		query := string(doc[m[2]:m[3]])
		r := servicetest.Post(t, srv.URL, nil, query, nil)
		if len(r.Errors) > 0 {
			t.Errorf("question %d: errors %+v", i+1, r.Errors)
			continue
		}
		got, _ := json.MarshalIndent(r.Data, "", "  ")
		got = append(got, '\n')
		want := doc[m[4]:m[5]]
		if !*update && !bytes.Equal(normalize(t, want), normalize(t, got)) {
			t.Errorf("question %d: the answer changed.\nquery:\n%s\ngot:\n%s\nwant:\n%s", i+1, query, got, want)
		}
		out.Write(doc[last:m[4]])
		out.Write(got)
		last = m[5]
	}
	out.Write(doc[last:])
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func normalize(t *testing.T, b []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return b
	}
	n, _ := json.Marshal(v)
	return n
}

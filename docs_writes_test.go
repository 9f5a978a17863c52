package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/google/go-cmp/cmp"
)

// fence matches a fenced code block of docs/writes.md with its language.
var fence = regexp.MustCompile("(?s)```(graphql|json)\n(.*?)```")

// TestDocs_WriteExamples runs every GraphQL block of docs/writes.md in order, as an admin,
// on the seed graph: a block succeeds unless its first line says "# expect CODE", and a
// JSON block right after it is the data the service answers. The page cannot go stale.
func TestDocs_WriteExamples(t *testing.T) {
	doc, err := os.ReadFile("docs/writes.md")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServerWith(t, authConfig(t), servicetest.SeededStore(t))
	blocks := fence.FindAllStringSubmatch(string(doc), -1)
	var last servicetest.Response
	ran := 0
	for i, b := range blocks {
		lang, body := b[1], b[2]
		if lang == "json" {
			if i == 0 || blocks[i-1][1] != "graphql" {
				continue
			}
			var want, got any
			if err := json.Unmarshal([]byte(body), &want); err != nil {
				t.Fatalf("block %d is not JSON: %v", i, err)
			}
			raw, _ := json.Marshal(last.Data)
			_ = json.Unmarshal(raw, &got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("answer to block %d (-doc +service):\n%s", i-1, diff)
			}
			continue
		}
		want := ""
		if first, _, _ := strings.Cut(body, "\n"); strings.HasPrefix(first, "# expect ") {
			want = strings.TrimPrefix(first, "# expect ")
		}
		last = servicetest.Post(t, srv.URL, admin, body, nil)
		ran++
		t.Logf("block %d: %s", i, mustJSON(last.Data))
		if last.Code() != want {
			t.Errorf("block %d: code %q, want %q: %+v\n%s", i, last.Code(), want, last.Errors, body)
		}
	}
	if ran < 10 {
		t.Errorf("ran %d examples; the page has more", ran)
	}
	t.Run("README", func(t *testing.T) {
		readme, err := os.ReadFile("README.md")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range fence.FindAllStringSubmatch(string(readme), -1) {
			if b[1] == "graphql" && strings.HasPrefix(b[2], "mutation") {
				if r := servicetest.Post(t, srv.URL, admin, b[2], nil); r.Code() != "" {
					t.Errorf("README example: %+v\n%s", r.Errors, b[2])
				}
			}
		}
	})
}

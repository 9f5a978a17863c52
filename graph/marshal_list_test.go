package graph

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The executor must keep internal/gqlgen's changes: plain `gqlgen generate` instead of
// `make generate` would silently bring back a goroutine per element and the slow paths
// (CI's `make check-generated` catches it too, by a diff).
func TestGeneratedCodeKeepsInternalGqlgenRewrites(t *testing.T) {
	files, err := filepath.Glob("*.generated.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	rewritten, direct := 0, map[string]int{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, []byte("graphql.MarshalSliceConcurrently(")) {
			t.Errorf("%s calls graphql.MarshalSliceConcurrently; regenerate with `make generate`", f)
		}
		rewritten += bytes.Count(src, []byte("marshalList("))
		for _, w := range []string{"Subgraph", "Paths", "Relations"} {
			direct[w] += bytes.Count(src, []byte("directjson."+w+"(ctx, selections, v, func() graphql.Marshaler {"))
		}
	}
	if rewritten == 0 {
		t.Error("no generated file calls marshalList")
	}
	if direct["Subgraph"] != 1 || direct["Paths"] != 1 || direct["Relations"] == 0 {
		t.Errorf("calls to graph/directjson: %v, want neighborhood's, paths' and every list of facts'; regenerate with `make generate`", direct)
	}
}

func TestSelectsConcurrent(t *testing.T) {
	cases := []struct {
		name, query, list string
		want              bool
	}{
		{"a neighbourhood's facts and entities", `{ neighborhood(id: "x") { nodes { id name } edges { type from { id } sources { title } } } }`, "edges", false},
		{"a page of entities with names only", `{ entities { nodes { id name kind } } }`, "nodes", false},
		{"a page of entities with their facts", `{ entities { nodes { id relations { type } } } }`, "nodes", true},
		{"facts asked through a fragment", `{ entities { nodes { ...F } } } fragment F on Entity { events { id } }`, "nodes", true},
		{"participants asked through an inline fragment", `{ timeline(id: "x") { id ... on Event { participants { role } } } }`, "timeline", true},
		{"paths, hops and their entities", `{ paths(from: "a", to: "b") { length nodes { id } hops { type to { name } } } }`, "paths", false},
		{"paths whose entities load their facts", `{ paths(from: "a", to: "b") { nodes { tracks { id } } } }`, "paths", true},
		{"cross-track ties", `{ crossTrack(a: "a", b: "b") { entity { id } tiesA { via { id } relations { type } } } }`, "crossTrack", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			field := findField(t, parseQuery(t, c.query), c.list)
			if got := selectsConcurrent(field.SelectionSet, 0); got != c.want {
				t.Errorf("selectsConcurrent(%s) = %v, want %v", c.list, got, c.want)
			}
		})
	}
}

func TestMarshalList_InPlaceWhenNothingWaits(t *testing.T) {
	ctx := listContext(t, `{ entities { nodes { id name } } }`, "nodes")
	caller := goroutineID()
	out := marshalList(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if id := goroutineID(); id != caller {
			t.Errorf("element %d marshalled on goroutine %s, not the caller's %s", i, id, caller)
		}
		if got := graphql.GetFieldContext(ctx).Index; got == nil || *got != i {
			t.Errorf("element %d has field context index %v", i, got)
		}
		return graphql.MarshalInt(i)
	})
	if got := marshalled(out); got != "[0,1,2]" {
		t.Errorf("got %s", got)
	}
}

// Elements that load through a batcher wait for each other: here each waits until both
// have started, which only finishes if they run at the same time.
func TestMarshalList_ConcurrentWhenElementsLoad(t *testing.T) {
	ctx := listContext(t, `{ entities { nodes { id relations { type } } } }`, "nodes")
	started := make(chan struct{}, 2)
	done := make(chan graphql.Array)
	go func() {
		done <- marshalList(ctx, 2, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
			started <- struct{}{}
			for len(started) < 2 {
				time.Sleep(time.Millisecond)
			}
			return graphql.MarshalInt(i)
		})
	}()
	select {
	case out := <-done:
		if got := marshalled(out); got != "[0,1]" {
			t.Errorf("got %s", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the elements ran one after the other")
	}
}

func TestMarshalList_PanicBecomesNullAndError(t *testing.T) {
	ctx := listContext(t, `{ entities { nodes { id } } }`, "nodes")
	out := marshalList(ctx, 2, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if got := marshalled(out); got != "[0,null]" {
		t.Errorf("got %s", got)
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || !strings.Contains(errs[0].Path.String(), "1") {
		t.Errorf("errors = %v, want one at index 1", errs)
	}
}

func parseQuery(t *testing.T, query string) *ast.QueryDocument {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(parsedSchema, query)
	if errs != nil {
		t.Fatalf("query does not validate: %v", errs)
	}
	return doc
}

// findField is the first field of the operation, depth first, with the given name.
func findField(t *testing.T, doc *ast.QueryDocument, name string) *ast.Field {
	t.Helper()
	var walk func(ast.SelectionSet) *ast.Field
	walk = func(set ast.SelectionSet) *ast.Field {
		for _, sel := range set {
			if f, ok := sel.(*ast.Field); ok {
				if f.Name == name {
					return f
				}
				if found := walk(f.SelectionSet); found != nil {
					return found
				}
			}
		}
		return nil
	}
	f := walk(doc.Operations[0].SelectionSet)
	if f == nil {
		t.Fatalf("no field %s", name)
	}
	return f
}

// listContext is the context gqlgen gives a list field's marshaller: a response to collect
// errors and the field's own context.
func listContext(t *testing.T, query, list string) context.Context {
	t.Helper()
	field := findField(t, parseQuery(t, query), list)
	quietRecover := func(context.Context, any) error { return errors.New("internal system error") }
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, quietRecover)
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{
		Field: graphql.CollectedField{Field: field, Selections: field.SelectionSet},
	})
}

func marshalled(a graphql.Array) string {
	var b bytes.Buffer
	a.MarshalGQL(&b)
	return b.String()
}

// goroutineID is the number in the first line of this goroutine's stack trace.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}

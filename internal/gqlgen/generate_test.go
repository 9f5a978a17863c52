package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// subscriptionSchema adds to the service's Subscription type fields have the types that graph/directjson
// writes. A stream's events go through gqlgen's ResolveFieldStream, which the writer was
// not made for, so the generator must leave them alone and still route every other field.
const subscriptionSchema = `extend type Subscription {
  relationsAsserted(entityId: ID!): [Relation!]!
  neighborhoodChanged(id: ID!): Subgraph!
}
`

// The generator runs on a copy of the service's schema with these stream fields added, in a
// scratch directory inside the module (so that gqlgen's own check, a go build of what it
// wrote, can resolve the packages), and must succeed: every call site found, the stream's
// left to gqlgen, the result compiling.
func TestGenerate_SubscriptionIsLeftAlone(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// A leading underscore keeps the scratch packages out of ./... patterns.
	dir, err := os.MkdirTemp(root, "_gentest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	copyFiles(t, filepath.Join(root, "graph"), filepath.Join(dir, "graph"), "*.graphqls")
	copyFiles(t, filepath.Join(root, "graph", "directjson"), filepath.Join(dir, "graph", "directjson"), "*.go")
	writeFile(t, filepath.Join(dir, "graph", "stream.graphqls"), subscriptionSchema)
	// Every model is bound to the module's own graph/model, so gqlgen writes no models_gen.go
	// here, yet its validation loads the configured model package: give it an empty one.
	writeFile(t, filepath.Join(dir, "graph", "model", "doc.go"), "package model\n")
	cfg, err := os.ReadFile(filepath.Join(root, "gqlgen.yml"))
	if err != nil {
		t.Fatal(err)
	}
	// The scratch copy must not tidy the module's go.mod.
	writeFile(t, filepath.Join(dir, "gqlgen.yml"), string(cfg)+"\nskip_mod_tidy: true\n")

	t.Chdir(dir)
	if err := run(); err != nil {
		t.Fatalf("generating with a Subscription type: %v", err)
	}

	sub, err := os.ReadFile(filepath.Join(dir, "graph", "subscription.generated.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sub), "graphql.ResolveFieldStream") || strings.Contains(string(sub), "directjson.") {
		t.Errorf("the subscription's executor should stream through gqlgen and not call graph/directjson:\n%s", sub)
	}
	schema, err := os.ReadFile(filepath.Join(dir, "graph", "schema.generated.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(schema), "directjson.Subgraph(") || !strings.Contains(string(schema), "directjson.Paths(") {
		t.Error("neighborhood and paths are no longer routed to graph/directjson")
	}
}

func copyFiles(t *testing.T, from, to, pattern string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(from, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s in %s: %v", pattern, from, err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, filepath.Base(f)), string(src))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Command gqlgen is `gqlgen generate` (gqlgen.yml) plus three changes to the executor it
// writes; `make generate` runs it, and plain `gqlgen generate` must not (CI's
// `make check-generated` fails when the committed code is not what this writes). Each
// change is kept because a measurement says it pays: docs/benchmarks.md, "#18 §1: which
// rewrites pay". How to upgrade gqlgen under them: docs/development.md.
//
//  1. Lists in place (lists.go). gqlgen marshals every element of a list of objects in a
//     goroutine of its own (graphql.MarshalSliceConcurrently, not configurable). That lets
//     sibling resolvers that load through a batcher meet in one batch, but an element with
//     nothing to wait for pays for a goroutine and, on an idle core, a thread woken to run
//     it. The plugin records which fields gqlgen resolves concurrently in
//     graph/concurrent_fields.generated.go, and the calls become graph.marshalList, which
//     marshals a list in place unless its elements select one of those fields
//     (graph/marshal_list.go).
//  2. Plain fields (plainfields.go). A field that is a struct field of a scalar or enum is
//     read by calling its marshaller, not through graphql.ResolveField.
//  3. Direct answers (directanswers.go). The values of every field of type Subgraph!,
//     [Path!]! and [Relation!]! are handed to graph/directjson, which writes them straight
//     into JSON when their selection allows and otherwise calls gqlgen's marshaller; the
//     plugin writes the tables of the schema that the writer needs beside it.
//
// Each rewrite fails the command, rather than doing less, when it does not find in the
// executor exactly what the plugins say is there: a new gqlgen that writes the executor
// differently stops here with a message naming the rewrite. The Subscription type's
// streams are left to gqlgen (TestGenerate_SubscriptionIsLeftAlone).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

// run generates from the gqlgen.yml in the working directory or above.
func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	plain, direct := &plainFields{}, &directAnswers{}
	if err := api.Generate(cfg, api.AddPlugin(concurrentFields{}), api.AddPlugin(plain), api.AddPlugin(direct)); err != nil {
		return err
	}
	return rewriteExecutor(cfg.Exec.Dir(), plain.funcs, direct)
}

func rewriteExecutor(dir string, plain map[string]bool, direct *directAnswers) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	lists, fields := 0, 0
	directs := map[string]int{}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, n := inPlaceLists(string(src))
		lists += n
		shortened, n, err := shortenPlainFields([]byte(out), plain)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fields += n
		if shortened, err = direct.rewrite(shortened, directs); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := writeIfChanged(path, shortened); err != nil {
			return err
		}
	}
	if lists == 0 {
		return fmt.Errorf("no call to %s found in %s/*.generated.go: gqlgen's executor has changed; revisit internal/gqlgen/lists.go", concurrentCall, dir)
	}
	if fields != len(plain) {
		return fmt.Errorf("rewrote %d of %d plain fields' resolvers; gqlgen's executor has changed: revisit internal/gqlgen/plainfields.go", fields, len(plain))
	}
	return direct.check(directs)
}

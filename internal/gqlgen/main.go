// Command gqlgen is `gqlgen generate` (gqlgen.yml) plus five changes to the executor it
// writes; `make generate` runs it.
//
// gqlgen marshals every element of a list of objects in a goroutine of its own
// (graphql.MarshalSliceConcurrently, not configurable). That lets sibling resolvers that
// load through a batcher meet in one batch, but an element with nothing to wait for pays
// for a goroutine, its stack growth and, on an idle core, an OS thread woken to run it: on
// a large answer that was a large share of the service's time (docs/benchmarks-history.md).
// So this command
//
//  1. records which fields gqlgen resolves concurrently (resolvers, methods taking a
//     context) in graph/concurrent_fields.generated.go, and
//  2. rewrites the generated calls to graphql.MarshalSliceConcurrently into calls to
//     graph.marshalList, which marshals a list in place unless its elements select one of
//     those fields (graph/marshal_list.go), and
//  3. when the schema has no field that @defer can delay, gives every object an empty
//     deferred group instead of graphql.NewDeferredGroup's, which works out the object's
//     path and allocates a map for fields that will never be there (measured in
//     docs/benchmarks-history.md), and returns each object as graph.objectOf,
//     which writes its fields without the map that gqlgen's field set keeps for them
//     (graph/object.go), and
//  4. reads a field that is a struct field of a scalar or enum by calling its marshaller,
//     not through graphql.ResolveField (plainfields.go says what that costs and gives up),
//     and
//  5. hands the answers of neighborhood and paths, and every list of facts, to
//     graph/direct_answer.go, which writes them straight into JSON when their selection
//     allows and otherwise calls gqlgen's marshaller as before (directAnswers below).
//
// graph/marshal_list_test.go fails if the generated code is left without these steps.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

const (
	concurrentCall = "graphql.MarshalSliceConcurrently("
	inPlaceCall    = "marshalList("
	fieldsFile     = "concurrent_fields.generated.go"

	newDeferredGroup   = "graphql.NewDeferredGroup(ctx)"
	emptyDeferredGroup = "graphql.DeferredGroup{}"
	// deferredField is how the executor files a field that @defer delays, which only
	// happens in an object with deferrable fields.
	deferredField = "deferred.Defers["
	// fieldSetReturn ends every object's marshaller; fields holds its collected fields.
	fieldSetReturn = "\n\treturn out\n}\n"
	objectReturn   = "\n\treturn objectOf(fields, out)\n}\n"
)

// directAnswers maps a call of gqlgen's marshaller in a field's resolver to the call of the
// hand-written one in graph/direct_answer.go, with how many calls there must be (0: at
// least one, wherever a field of that type is).
var directAnswers = map[string]struct {
	direct string
	calls  int
}{
	"ec.marshalNSubgraph2ᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐSubgraph(ctx, selections, v)":   {"ec.directSubgraph(ctx, selections, v)", 1},
	"ec.marshalNPath2ᚕᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐPathᚄ(ctx, selections, v)":         {"ec.directPaths(ctx, selections, v)", 1},
	"ec.marshalNRelation2ᚕᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐRelationᚄ(ctx, selections, v)": {"ec.directRelations(ctx, selections, v)", 0},
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	plain := &plainFields{}
	if err := api.Generate(cfg, api.AddPlugin(concurrentFields{}), api.AddPlugin(plain)); err != nil {
		return err
	}
	return rewriteExecutor(cfg.Exec.Dir(), plain.funcs)
}

// concurrentFields is a gqlgen plugin that writes, as "Type.field", every field gqlgen will
// resolve in a goroutine, and for an interface every field that is so on any of its types.
// It runs before the executor is written, so the file is in place when gqlgen builds it.
type concurrentFields struct{}

func (concurrentFields) Name() string { return "concurrentfields" }

func (concurrentFields) GenerateCode(data *codegen.Data) error {
	var names []string
	byType := map[string]map[string]bool{}
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if f.IsConcurrent() {
				if byType[o.Name] == nil {
					byType[o.Name] = map[string]bool{}
				}
				byType[o.Name][f.Name] = true
				names = append(names, o.Name+"."+f.Name)
			}
		}
	}
	for _, i := range data.Interfaces {
		for _, f := range i.Fields {
			for _, impl := range i.Implementors {
				if byType[impl.Name][f.Name] {
					names = append(names, i.Name+"."+f.Name)
					break
				}
			}
		}
	}
	slices.Sort(names)
	return writeFields(filepath.Join(data.Config.Exec.Dir(), fieldsFile), data.Config.Exec.Package, names)
}

func writeFields(path, pkg string, names []string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/gqlgen, DO NOT EDIT.\n\npackage %s\n\n", pkg)
	b.WriteString("// concurrentFields are the fields that gqlgen resolves in a goroutine of their own, as\n")
	b.WriteString("// \"Type.field\"; an interface's field is here when it is so on any of its types.\n")
	b.WriteString("var concurrentFields = map[string]bool{\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%q: true,\n", n)
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}

func rewriteExecutor(dir string, plain map[string]bool) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	sources := make(map[string]string, len(files))
	deferrable := false
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sources[path] = string(src)
		deferrable = deferrable || strings.Contains(sources[path], deferredField)
	}
	lists, fields := 0, 0
	directs := map[string]int{}
	for path, src := range sources {
		lists += strings.Count(src, concurrentCall)
		out := strings.ReplaceAll(src, concurrentCall, inPlaceCall)
		for call, d := range directAnswers {
			directs[call] += strings.Count(out, call)
			out = strings.ReplaceAll(out, call, d.direct)
		}
		if !deferrable {
			out = strings.ReplaceAll(out, newDeferredGroup, emptyDeferredGroup)
			out = strings.ReplaceAll(out, fieldSetReturn, objectReturn)
		}
		shortened, n, err := shortenPlainFields([]byte(out), plain)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fields += n
		if string(shortened) == src {
			continue
		}
		if err := os.WriteFile(path, shortened, 0o644); err != nil {
			return err
		}
	}
	if lists == 0 {
		return fmt.Errorf("no call to %s found in %s/*.generated.go: gqlgen's executor has changed; revisit internal/gqlgen", concurrentCall, dir)
	}
	for call, d := range directAnswers {
		if n := directs[call]; n == 0 || d.calls > 0 && n != d.calls {
			return fmt.Errorf("found %s %d times, want %d (0: any): gqlgen's executor or the schema has changed; revisit internal/gqlgen and graph/direct_answer.go", call, n, d.calls)
		}
	}
	if fields != len(plain) {
		return fmt.Errorf("rewrote %d of %d plain fields' resolvers; gqlgen's executor has changed: revisit internal/gqlgen", fields, len(plain))
	}
	return nil
}

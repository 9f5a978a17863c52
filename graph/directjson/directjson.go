// Package directjson writes the service's largest answers straight into JSON, beside
// gqlgen's executor rather than inside it.
//
// The neighbourhood and the paths are the largest answers the service writes: a
// neighbourhood holds up to limit entities and every fact between them, and each fact
// names its two ends (the benchmark's: 89 entities and 88 facts, some 350 objects; a hub's,
// hundreds of facts). For each object gqlgen's executor collects the selected fields,
// allocates a field set and a marshaller per value and, for an object-valued field, a
// field context: most of what the GraphQL side cost over raw Cypher
// (docs/benchmarks-history.md). Yet the objects of these answers are in memory already and
// their common fields are plain: read from a struct, never failing, never null where the
// schema says non-null. So when a query selects only such fields, the answer is written
// here, each type's fields collected once per place in the answer instead of once per
// object. Any other selection (an entity's relations, a source's title, a fact's evidence)
// goes to gqlgen's own marshaller, which the caller passes in.
//
// The seam. This package uses gqlgen's public API only (graphql.GetOperationContext,
// graphql.CollectFields, graphql.Marshaler); what it needs to know of the schema, each
// object type's implementors and which fields gqlgen reads without a resolver, is written
// by `make generate` into schema.generated.go. The generated executor calls it at one kind
// of place: where a field's resolved value of type Subgraph!, [Path!]! or [Relation!]! is
// handed to its marshaller, internal/gqlgen (directAnswers) wraps that call as
//
//	return directjson.Relations(ctx, selections, v, func() graphql.Marshaler {
//		return ec.marshalN…(ctx, selections, v)
//	})
//
// and refuses to finish when it cannot find every such place. graph/directjson/answer_test.go
// runs queries both ways through gqlgen's handler and compares the bytes.
package directjson

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
)

// Subgraph writes the answer of neighborhood, or returns what gqlgen writes.
func Subgraph(ctx context.Context, sel ast.SelectionSet, v *model.Subgraph, gqlgen func() graphql.Marshaler) graphql.Marshaler {
	if op := operation(ctx); op != nil && v != nil && v.Subgraph != nil {
		d := &writer{op: op}
		d.buf = make([]byte, 0, 64+96*len(v.Subgraph.Nodes)+128*len(v.Subgraph.Edges))
		if d.subgraph(sel, v.Subgraph) {
			return &d.buffer
		}
	}
	return gqlgen()
}

// Paths writes the answer of paths, or returns what gqlgen writes.
func Paths(ctx context.Context, sel ast.SelectionSet, v []*model.Path, gqlgen func() graphql.Marshaler) graphql.Marshaler {
	if op := operation(ctx); op != nil {
		d := &writer{op: op}
		if d.paths(sel, v) {
			return &d.buffer
		}
	}
	return gqlgen()
}

// Relations writes any list of facts (an entity's relations, a tie's, a mutation's) whose
// selection allows it, or returns what gqlgen writes; the neighbourhood's and the paths'
// facts are written with their answer.
func Relations(ctx context.Context, sel ast.SelectionSet, v []*model.Relation, gqlgen func() graphql.Marshaler) graphql.Marshaler {
	if op := operation(ctx); op != nil {
		d := &writer{op: op}
		d.buf = make([]byte, 0, 16+128*len(v))
		if rsel, ok := d.relationSelection(sel); ok && d.relationList(rsel, v) {
			return &d.buffer
		}
	}
	return gqlgen()
}

// bypass leaves every answer to gqlgen; only the tests that compare the two ways set it
// (export_test.go).
var bypass atomic.Bool

// operation is the operation being executed, or nil when the answer is left to gqlgen.
// The generated executor calls in only while it executes one, so there is always one.
func operation(ctx context.Context) *graphql.OperationContext {
	if bypass.Load() {
		return nil
	}
	return graphql.GetOperationContext(ctx)
}

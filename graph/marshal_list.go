package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalList stands in for graphql.MarshalSliceConcurrently in the generated code
// (internal/gqlgen rewrites the calls). gqlgen starts a goroutine per element so that
// elements whose fields load through a batcher (an entity's relations, say) wait for one
// another and meet in one batch. When the elements select no such field there is nothing
// to wait for, and marshalling them in place spares a goroutine, its stack growth and a
// thread wake-up per element. Otherwise gqlgen's own function runs.
func marshalList(ctx context.Context, n int, workerLimit int64, omitPanicHandler bool,
	marshal func(context.Context, int) graphql.Marshaler,
) graphql.Array {
	fc := graphql.GetFieldContext(ctx)
	if n < 2 || fc == nil || fc.Field.Field == nil || selectsConcurrent(fc.Field.Selections, 0) {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, n)
	for i := range n {
		ret[i] = marshalElement(ctx, i, omitPanicHandler, marshal)
	}
	return ret
}

// marshalElement marshals one element under its own field context (its index in the
// path), turning a panic into an error and a null the way gqlgen does.
func marshalElement(ctx context.Context, i int, omitPanicHandler bool,
	marshal func(context.Context, int) graphql.Marshaler,
) (out graphql.Marshaler) {
	index := i
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &index})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				out = graphql.Null
			}
		}()
	}
	return marshal(ctx, i)
}

// maxSelectionDepth bounds the walk below; querylimit refuses deeper documents long
// before, so reaching it only means "assume the worst".
const maxSelectionDepth = 64

// selectsConcurrent reports whether the selection, at any depth and through fragments,
// includes a field that gqlgen resolves in a goroutine of its own (concurrentFields).
func selectsConcurrent(set ast.SelectionSet, depth int) bool {
	if depth > maxSelectionDepth {
		return true
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.ObjectDefinition != nil && concurrentFields[s.ObjectDefinition.Name+"."+s.Name] {
				return true
			}
			if selectsConcurrent(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.InlineFragment:
			if selectsConcurrent(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || selectsConcurrent(s.Definition.SelectionSet, depth+1) {
				return true
			}
		}
	}
	return false
}

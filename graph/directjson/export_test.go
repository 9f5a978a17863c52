package directjson

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// SetBypass leaves every answer to gqlgen while on, so that a test can compare the two ways.
func SetBypass(on bool) { bypass.Store(on) }

// WritesSubgraph and WritesPaths report whether the writer alone takes the answer.
func WritesSubgraph(op *graphql.OperationContext, sel ast.SelectionSet, g *kg.Subgraph) bool {
	return (&writer{op: op}).subgraph(sel, g)
}

func WritesPaths(op *graphql.OperationContext, sel ast.SelectionSet, paths []*model.Path) bool {
	return (&writer{op: op}).paths(sel, paths)
}

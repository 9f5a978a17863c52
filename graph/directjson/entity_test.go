package directjson

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// entityTypeName must name the type model.Wrap gives each kind, or __typename and the
// fragments on concrete types would differ between the two ways.
func TestEntityTypeName_MatchesWrap(t *testing.T) {
	for _, k := range append(slices.Clone(kg.Kinds), "Unknown") {
		want := reflect.TypeOf(model.Wrap(&kg.Entity{Kind: k})).Elem().Name()
		if got := entityTypeName(k); got != want {
			t.Errorf("kind %s: direct answers write %s, model.Wrap makes a %s", k, got, want)
		}
	}
}

// Bypass, which the tests comparing the two ways rely on, must leave the answer to gqlgen's
// marshaller; without it the writer takes what it can, reading the operation from the context.
func TestBypass_LeavesTheAnswerToGqlgen(t *testing.T) {
	query := `{ neighborhood(id: "x") { truncated } }`
	doc := parseQuery(t, query)
	op := &graphql.OperationContext{RawQuery: query, Doc: doc, Operation: doc.Operations[0]}
	ctx := graphql.WithOperationContext(context.Background(), op)
	sel := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	v := &model.Subgraph{Subgraph: &kg.Subgraph{Truncated: true}}
	gqlgen := func() graphql.Marshaler { return graphql.Null }
	for _, bypassed := range []bool{false, true} {
		SetBypass(bypassed)
		got := Subgraph(ctx, sel, v, gqlgen)
		SetBypass(false)
		var b strings.Builder
		got.MarshalGQL(&b)
		if want := map[bool]string{false: `{"truncated":true}`, true: "null"}[bypassed]; b.String() != want {
			t.Errorf("bypass %v: wrote %s, want %s", bypassed, b.String(), want)
		}
	}
}

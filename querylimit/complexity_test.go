package querylimit

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

const costTestSchema = `
type Query { items(first: Int): [Item!]! node: Node }
interface Node { id: ID! children: [Item!]! }
type Item implements Node { id: ID! children: [Item!]! }
type Group implements Node { id: ID! children: [Item!]! }
`

// costTestExec is the part of an executable schema that the complexity walk reads.
type costTestExec struct {
	graphql.ExecutableSchema
	schema *ast.Schema
}

func (e costTestExec) Schema() *ast.Schema { return e.schema }

func TestComplexity(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: costTestSchema})
	ext := &Complexity{Limit: 100, Cost: func(typeName, field string, child int, args map[string]any) (int, bool) {
		switch {
		case field == "items":
			n, _ := graphql.UnmarshalInt(args["first"])
			return 1 + n*child, true
		case typeName == "Group" && field == "children":
			return 1 + 50*child, true // dearer on one implementation than on the other
		}
		return 0, false
	}}
	if err := ext.Validate(costTestExec{schema: schema}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		query   string
		vars    map[string]any
		refused bool
	}{
		// items: 1 + first × (id 1 + children (1 + id 1)) = 1 + 3·first.
		{"UnderLimit", `{ items(first: 33) { id children { id } } }`, nil, false},
		{"OverLimit", `{ items(first: 34) { id children { id } } }`, nil, true},
		{"VariableOverLimit", `query($n: Int) { items(first: $n) { id children { id } } }`, map[string]any{"n": 34}, true},
		{"VariableUnderLimit", `query($n: Int) { items(first: $n) { id children { id } } }`, map[string]any{"n": 2}, false},
		// The interface field costs what its dearest implementation does: 1 + 50 × 3 on Group.
		{"InterfaceTakesTheDearest", `{ node { children { id children { id } } } }`, nil, true},
		{"InterfaceUnder", `{ node { children { id } } }`, nil, false},
		{"ThroughFragments", `{ ...Q } fragment Q on Query { items(first: 40) { ... on Item { id children { id } } } }`, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(schema, tc.query)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			op := doc.Operations[0]
			vars, err := validator.VariableValues(schema, op, tc.vars)
			if err != nil {
				t.Fatal(err)
			}
			gerr := ext.MutateOperationContext(context.Background(), &graphql.OperationContext{Doc: doc, Operation: op, Variables: vars})
			if (gerr != nil) != tc.refused {
				t.Fatalf("refused = %v (%v), want %v", gerr != nil, gerr, tc.refused)
			}
			if gerr != nil && (gerr.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(gerr.Message, "the limit is 100")) {
				t.Errorf("got %q %v, want BAD_USER_INPUT naming the limit", gerr.Message, gerr.Extensions)
			}
		})
	}
}

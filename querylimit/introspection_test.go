package querylimit

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// standardIntrospection is graphql-js 16's getIntrospectionQuery with every option on.
func standardIntrospection(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/introspection-graphql-js-16.11.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// nest wraps inner in n levels of field.
func nest(field string, n int, inner string) string {
	return strings.Repeat(field+" { ", n) + inner + strings.Repeat(" }", n)
}

func TestStandardIntrospectionMeasure(t *testing.T) {
	doc, err := parser.ParseQuery(&ast.Source{Input: standardIntrospection(t)})
	if err != nil {
		t.Fatal(err)
	}
	m := measure(doc)
	want := measurement{depth: 0, introspection: introspectionDepth{ofType: 9, typeLists: 1}}
	if m != want {
		t.Errorf("measure = %+v, want %+v", m, want)
	}
}

func TestIntrospectionLimits(t *testing.T) {
	// The service's own limits (config.go's defaults), with a data depth small enough that
	// the standard query, 15 levels deep, would fail it if introspection counted.
	limits := Limits{MaxDepth: 3, MaxAliases: 50, MaxTokens: 10000, Introspection: StandardIntrospection}
	cases := []struct {
		name, query string
		refused     string // part of the message; "" for a query that passes
	}{
		{"OKStandard", standardIntrospection(t), ""},
		{"OKTypeByName", `{ __type(name: "Query") { fields { name type { ` + nest("ofType", 12, "name") + ` } } } }`, ""},
		{"OKTwoLists", `{ __schema { types { fields { type { possibleTypes { name } } } } } }`, ""},
		{"OKDataBesideIntrospection", `{ a { b { c } } __schema { types { fields { type { name } } } } }`, ""},
		{"ErrDataStillCounted", `{ a { b { c { d } } } __schema { types { name } } }`, "4 levels deep; the limit is 3"},
		{"ErrOfType20", `{ __type(name: "Query") { ` + nest("ofType", 20, "name") + ` } }`, "nests ofType 20 deep; the limit is 12"},
		{"ErrOfTypeThroughFragments", `{ __schema { types { ...A } } }
			fragment A on __Type { ofType { ofType { ofType { ofType { ...B } } } } }
			fragment B on __Type { ofType { ofType { ofType { ofType { ...C } } } } }
			fragment C on __Type { ofType { ofType { ofType { ofType { ...D } } } } }
			fragment D on __Type { ofType { name } }`, "nests ofType 13 deep"},
		{"ErrTypesOfFields", `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`,
			"lists of __Type (fields, inputFields, interfaces, possibleTypes) 3 deep; the limit is 2"},
		{"ErrTypeByNameLists", `{ __type(name: "Query") { interfaces { possibleTypes { interfaces { name } } } } }`, "3 deep"},
		{"ErrListsInFragmentOnQuery", `{ ...Q } fragment Q on Query { __schema { types { ...T } } }
			fragment T on __Type { fields { type { inputFields { type { fields { name } } } } } }`, "3 deep"},
	}
	for _, ext := range []*Extension{{Limits: limits}, New(limits, 100)} {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				for range 2 {
					err := ext.MutateOperationParameters(context.Background(), &graphql.RawParams{Query: tc.query})
					switch {
					case tc.refused == "" && err != nil:
						t.Fatalf("refused: %v", err)
					case tc.refused == "":
					case err == nil:
						t.Fatalf("passed, want refused with %q", tc.refused)
					case !strings.Contains(err.Message, tc.refused) || err.Extensions["code"] != "BAD_USER_INPUT":
						t.Fatalf("got %q %v, want BAD_USER_INPUT with %q", err.Message, err.Extensions, tc.refused)
					}
				}
			})
		}
	}
	t.Run("ZeroDisables", func(t *testing.T) {
		ext := &Extension{Limits: Limits{MaxDepth: 3}}
		q := `{ __type(name: "Query") { ` + nest("ofType", 20, "name") + ` } }`
		if err := ext.MutateOperationParameters(context.Background(), &graphql.RawParams{Query: q}); err != nil {
			t.Errorf("refused without introspection limits: %v", err)
		}
	})
}

package directjson

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
)

// schema is the service's, read from graph/*.graphqls (package graph cannot be imported
// here: it imports this one).
var schema = sync.OnceValues(func() (*ast.Schema, error) {
	files, err := filepath.Glob("../*.graphqls")
	if err != nil {
		return nil, err
	}
	var sources []*ast.Source
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(src)})
	}
	s, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		return nil, gerr
	}
	return s, nil
})

// parseQuery validates query against the service's schema.
func parseQuery(tb testing.TB, query string) *ast.QueryDocument {
	tb.Helper()
	s, err := schema()
	if err != nil {
		tb.Fatal(err)
	}
	doc, errs := gqlparser.LoadQuery(s, query)
	if errs != nil {
		tb.Fatalf("query does not validate: %v", errs)
	}
	return doc
}

// The writer reads every field it writes from the value in memory, so none of them may be a
// field that gqlgen resolves (a resolver, a method taking a context, arguments, directives):
// writing it directly would skip what the schema asks for. The generated tables say which
// those are; a schema change that makes one of the writer's fields resolved fails here.
func TestDirectFields_AreNotResolved(t *testing.T) {
	byType := map[string]directFields{"Relation": directRelationFields, "PartialDate": directDateFields}
	for _, k := range append(slices.Clone(kg.Kinds), "Unknown") {
		byType[entityTypeName(k)] = directEntityFields
	}
	for typ, fields := range byType {
		if _, ok := implementors[typ]; !ok {
			t.Errorf("the schema has no object type %s", typ)
		}
		for name := range fields {
			if slices.Contains(resolvedFields[typ], name) {
				t.Errorf("%s.%s is written directly, but gqlgen resolves it", typ, name)
			}
		}
	}
}

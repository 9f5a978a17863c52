package graph

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// objectOf must write what gqlgen's field set writes: the response keys in the order
// collected, aliases and all.
func TestObjectOf_WritesLikeFieldSet(t *testing.T) {
	ctx := listContext(t, `{ entities { nodes { id label: name kind __typename } } }`, "nodes")
	fields := graphql.CollectFields(&graphql.OperationContext{}, graphql.GetFieldContext(ctx).Field.Selections, nil)
	set := graphql.NewFieldSet(fields)
	for i, f := range fields {
		set.Values[i] = graphql.MarshalString(f.Name + " \"quoted\"")
	}
	var want, got bytes.Buffer
	set.MarshalGQL(&want)
	objectOf(fields, set).MarshalGQL(&got)
	if got.String() != want.String() {
		t.Errorf("objectOf wrote\n%s\nthe field set writes\n%s", got.String(), want.String())
	}
	if !json.Valid(got.Bytes()) || !bytes.HasPrefix(got.Bytes(), []byte(`{"id":`)) || !bytes.Contains(got.Bytes(), []byte(`"label":`)) {
		t.Errorf("unexpected object %s", got.String())
	}
}

func TestObjectOf_UnsetValueIsNull(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}}}
	set := graphql.NewFieldSet(fields)
	set.Values[0] = graphql.MarshalInt(1)
	var got bytes.Buffer
	objectOf(fields, set).MarshalGQL(&got)
	if got.String() != `{"a":1,"b":null}` {
		t.Errorf("got %s", got.String())
	}
}

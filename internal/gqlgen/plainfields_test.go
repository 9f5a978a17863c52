package main

import (
	"strings"
	"testing"
)

// generatedPlain is gqlgen v0.17's resolver for a plain field, in a file that imports time
// only for it.
const generatedPlain = `package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/vektah/gqlparser/v2/ast"
)

func (ec *executionContext) _Relation_id(ctx context.Context, field graphql.CollectedField, obj *model.Relation) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Relation_id(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.ID, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNID2string(ctx, selections, v)
		},
		true,
		true,
	)
}

func (ec *executionContext) _Relation_at(ctx context.Context, field graphql.CollectedField, obj *model.Relation) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Relation_at(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.At, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v time.Time) graphql.Marshaler {
			return ec.marshalNTime2timeᚐTime(ctx, selections, v)
		},
		true,
		true,
	)
}
`

func TestShortenPlainFields_CallsTheMarshallerDirectly(t *testing.T) {
	out, n, err := shortenPlainFields([]byte(generatedPlain), map[string]bool{"_Relation_id": true, "_Relation_at": true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if n != 2 {
		t.Errorf("rewrote %d resolvers, want 2", n)
	}
	for _, want := range []string{
		"return ec.marshalNID2string(ctx, field.Selections, obj.ID)",
		"return ec.marshalNTime2timeᚐTime(ctx, field.Selections, obj.At)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "ResolveField") || strings.Contains(got, `"time"`) {
		t.Errorf("ResolveField or the unused time import left in\n%s", got)
	}
}

func TestShortenPlainFields_LeavesOtherFieldsAlone(t *testing.T) {
	out, n, err := shortenPlainFields([]byte(generatedPlain), map[string]bool{"_Relation_id": true})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || !strings.Contains(string(out), "return obj.At, nil") {
		t.Errorf("rewrote %d; _Relation_at should be untouched in\n%s", n, out)
	}
}

// A plain field whose resolver does something else (here a method call, as when gqlgen
// binds a getter) must stop the generator, not be rewritten into something else.
func TestShortenPlainFields_RefusesAnUnknownShape(t *testing.T) {
	src := strings.Replace(generatedPlain, "return obj.ID, nil", "return obj.Identity(), nil", 1)
	if _, _, err := shortenPlainFields([]byte(src), map[string]bool{"_Relation_id": true}); err == nil ||
		!strings.Contains(err.Error(), "_Relation_id") {
		t.Errorf("err = %v, want one naming _Relation_id", err)
	}
}

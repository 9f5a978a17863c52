package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// TestGraphQL_StandardIntrospection sends what GraphiQL, graphql-codegen and the other tools
// send, graphql-js 16's getIntrospectionQuery with every option on, through the service's
// own handler and limits, and expects the whole schema back.
func TestGraphQL_StandardIntrospection(t *testing.T) {
	srv := newTestServer(t, &kgmock.Store{}) // introspection reads no data
	query, err := os.ReadFile("querylimit/testdata/introspection-graphql-js-16.11.graphql")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"query": string(query), "operationName": "IntrospectionQuery"})
	r := servicetest.PostBody(t, srv.URL, nil, body)
	if len(r.Errors) > 0 {
		t.Fatalf("status %d, errors: %+v", r.Status, r.Errors)
	}
	var schema struct {
		QueryType    struct{ Name string }
		MutationType struct{ Name string }
		Types        []struct {
			Kind, Name string
			IsOneOf    *bool
			Fields     []struct {
				Name string
				Args []struct {
					Name         string
					IsDeprecated *bool
				}
			}
		}
		Directives []struct {
			Name         string
			IsRepeatable *bool
		}
	}
	if err := json.Unmarshal(r.Data["__schema"], &schema); err != nil {
		t.Fatalf("__schema: %v", err)
	}
	if schema.QueryType.Name != "Query" || schema.MutationType.Name != "Mutation" {
		t.Errorf("root types %q, %q; want Query, Mutation", schema.QueryType.Name, schema.MutationType.Name)
	}
	fields := map[string]bool{}
	kinds := map[string]string{}
	for _, ty := range schema.Types {
		kinds[ty.Name] = ty.Kind
		if ty.IsOneOf == nil {
			t.Errorf("type %s has no isOneOf", ty.Name)
		}
		if ty.Name != "Query" {
			continue
		}
		for _, f := range ty.Fields {
			fields[f.Name] = true
			for _, a := range f.Args {
				if a.IsDeprecated == nil {
					t.Errorf("Query.%s(%s) has no isDeprecated", f.Name, a.Name)
				}
			}
		}
	}
	for _, want := range []string{"node", "entity", "entities", "search", "relation", "relationTypes", "neighborhood", "paths", "history"} {
		if !fields[want] {
			t.Errorf("Query lacks %s; it has %v", want, fields)
		}
	}
	for name, kind := range map[string]string{"Entity": "INTERFACE", "Person": "OBJECT", "EntityKind": "ENUM", "EntityFilter": "INPUT_OBJECT", "__Type": "OBJECT"} {
		if kinds[name] != kind {
			t.Errorf("type %s is %q, want %s", name, kinds[name], kind)
		}
	}
	directives := map[string]bool{}
	for _, d := range schema.Directives {
		directives[d.Name] = d.IsRepeatable != nil
	}
	if !directives["hasRole"] || !directives["deprecated"] {
		t.Errorf("directives %v lack hasRole or deprecated (with isRepeatable)", directives)
	}
}

// TestGraphQL_HostileIntrospection: introspection has its own limits, and a query that
// nests the schema's type graph past them is refused before it runs.
func TestGraphQL_HostileIntrospection(t *testing.T) {
	srv := newTestServer(t, &kgmock.Store{}) // introspection reads no data
	cases := []struct{ name, query, message string }{
		{"OfType20", `{ __type(name: "Query") { name` + strings.Repeat(" ofType { name", 20) + strings.Repeat(" }", 20) + ` } }`,
			"the introspection query nests ofType 20 deep; the limit is 12"},
		{"TypesOfFieldsOfTypes", `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`,
			"nests the lists of __Type (fields, inputFields, interfaces, possibleTypes) 4 deep; the limit is 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, tc.query, nil)
			if r.Code() != errcode.BadUserInput || len(r.Data) > 0 || !strings.Contains(r.Errors[0].Message, tc.message) {
				t.Errorf("got %d %+v, want BAD_USER_INPUT with %q", r.Status, r.Errors, tc.message)
			}
		})
	}
}

package graphqlhttp

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// writeResponse copies Data instead of letting json.Marshal re-encode it; the body must be
// what json.Marshal makes of the response, byte for byte where no character needs HTML
// escaping (which json.Marshal adds and JSON does not need), and equal as JSON always.
func TestWriteResponseIsJSONMarshal(t *testing.T) {
	yes := true
	errs := gqlerror.List{{Message: "no entity \"person/x\"", Path: ast.Path{ast.PathName("entity")},
		Extensions: map[string]any{"code": "NOT_FOUND"}}}
	cases := []struct {
		name      string
		resp      graphql.Response
		sameBytes bool
	}{
		{"Data", graphql.Response{Data: json.RawMessage(`{"entity":{"id":"person/a","n":[1,2.5,null,true]}}`)}, true},
		{"DataAndErrors", graphql.Response{Data: json.RawMessage(`{"entity":null}`), Errors: errs}, true},
		{"ErrorsNoData", graphql.Response{Errors: errs}, true},
		{"Extensions", graphql.Response{Data: json.RawMessage(`{}`), Extensions: map[string]any{"cost": 3}}, true},
		{"HTMLCharacters", graphql.Response{Data: json.RawMessage(`{"quote":"a <b> & c"}`)}, false},
		{"Incremental", graphql.Response{Data: json.RawMessage(`{"a":1}`), Label: "L", HasNext: &yes}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			writeResponse(rec, mediaGraphQLResponse, &tc.resp)
			got := rec.Body.Bytes()
			if tc.sameBytes && string(got) != string(want) {
				t.Fatalf("body\n%s\nwant\n%s", got, want)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, got)
			}
			_ = json.Unmarshal(want, &w)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("body\n%s\nmeans something else than\n%s", got, want)
			}
			if ct := rec.Header().Get("Content-Type"); ct != mediaGraphQLResponse+"; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(len(got)) {
				t.Errorf("Content-Length = %q for a body of %d bytes", cl, len(got))
			}
		})
	}
}

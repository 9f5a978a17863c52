package graphqlhttp

import (
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/errcode"
)

// GET serves queries encoded in the URL (query, operationName, and JSON-encoded
// variables/extensions). Mutations and subscriptions are refused with 405, as
// the spec requires, because GET requests may be cached, prefetched or replayed.
type GET struct{}

var _ graphql.Transport = GET{}

// Supports implements graphql.Transport.
func (GET) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet && r.Header.Get("Upgrade") == ""
}

// Do implements graphql.Transport.
func (GET) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	start := graphql.Now()

	mediaType := negotiate(r.Header.Values("Accept"))
	if mediaType == "" {
		fail(ctx, w, exec, mediaJSON, http.StatusNotAcceptable, errcode.BadUserInput,
			"cannot satisfy Accept header; supported: "+mediaGraphQLResponse+", "+mediaJSON)
		return
	}
	params, err := decodeQuery(r.URL.RawQuery)
	if err != nil {
		fail(ctx, w, exec, mediaType, http.StatusBadRequest, errcode.BadUserInput, err.Error())
		return
	}
	params.ReadTime.Start = start
	execute(w, r, exec, mediaType, params, true)
}

func decodeQuery(rawQuery string) (*graphql.RawParams, error) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, badParam("malformed URL query string: %v", err)
	}
	p := &graphql.RawParams{
		Query:         q.Get("query"),
		OperationName: q.Get("operationName"),
	}
	if p.Variables, err = objectParam(json.RawMessage(q.Get("variables")), "variables"); err != nil {
		return nil, err
	}
	if p.Extensions, err = objectParam(json.RawMessage(q.Get("extensions")), "extensions"); err != nil {
		return nil, err
	}
	return p, requireQuery(p, q.Has("query"))
}

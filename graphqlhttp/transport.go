// Package graphqlhttp is a GraphQL-over-HTTP transport for gqlgen that follows
// the GraphQL over HTTP specification closely enough to pass every audit
// (MUST, SHOULD and MAY) of the graphql-http conformance suite.
//
// gqlgen's stock transport.POST/GET answer parse and validation errors with
// 422 for application/json (the spec wants 200 so legacy clients still read
// the body), keep "data": null in application/graphql-response+json error
// bodies (the spec wants no data entry) and accept malformed parameters.
//
// Usage with a gqlgen server:
//
//	srv := handler.New(executableSchema)
//	post, get := graphqlhttp.New(0) // 0 = DefaultMaxBodyBytes
//	srv.AddTransport(post)
//	srv.AddTransport(get)
//
// Register gqlgen's transport.SSE and websocket transports before these if
// they are used: gqlgen picks the first transport whose Supports matches, and
// POST matches every application/json POST.
package graphqlhttp

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/errcode"
)

// DefaultMaxBodyBytes is the request body limit used when POST.MaxBodyBytes is 0.
const DefaultMaxBodyBytes int64 = 1 << 20

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// New returns the POST and GET transports with the given body limit for POST
// (0 means DefaultMaxBodyBytes, negative means unlimited).
func New(maxBody int64) (post, get graphql.Transport) {
	return POST{MaxBodyBytes: maxBody}, GET{}
}

// errorBody is a GraphQL response without a data entry: the spec requires
// that requests which never reach execution omit "data" altogether, whereas
// graphql.Response always serialises it.
type errorBody struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func writeJSON(w http.ResponseWriter, mediaType string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"errors":[{"message":"internal error: response could not be encoded"}]}`,
			http.StatusInternalServerError)
		return
	}
	writeBody(w, mediaType, status, b)
}

func writeBody(w http.ResponseWriter, mediaType string, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType+"; charset=utf-8")
	h.Add("Vary", "Accept")
	// Known length, so a large answer goes out in one piece rather than in chunks.
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// fail reports a transport-level error. It still goes through the executor so
// the server's error presenter and response middleware see it. Its code is
// errcode.BadUserInput for every malformed request (the HTTP status says which
// kind) and errcode.Internal for a failure of our own.
func fail(ctx context.Context, w http.ResponseWriter, exec graphql.GraphExecutor,
	mediaType string, status int, code, msg string,
) {
	gqlErr := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
	writeErrors(w, mediaType, status, exec.DispatchError(ctx, gqlerror.List{gqlErr}))
}

func writeErrors(w http.ResponseWriter, mediaType string, status int, resp *graphql.Response) {
	writeJSON(w, mediaType, status, errorBody{Errors: resp.Errors, Extensions: resp.Extensions})
}

// execute runs a well-formed request through gqlgen's pipeline. Parse,
// validation and variable-coercion failures are "request errors": 200 for
// application/json (legacy clients only look at the body) but 400 for
// application/graphql-response+json, whose clients rely on the status.
func execute(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor,
	mediaType string, params *graphql.RawParams, queriesOnly bool,
) {
	ctx := r.Context()
	params.Headers = r.Header
	params.ReadTime.End = graphql.Now()

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if mediaType == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		writeErrors(w, mediaType, status, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs))
		return
	}

	switch op := opCtx.Operation.Operation; {
	case queriesOnly && op != ast.Query:
		// GET must be safe: a cached or prefetched link must never mutate.
		w.Header().Set("Allow", http.MethodPost)
		fail(graphql.WithOperationContext(ctx, opCtx), w, exec, mediaType, http.StatusMethodNotAllowed,
			errcode.BadUserInput, "only query operations can be sent with GET; use POST for "+string(op)+"s")
		return
	case op == ast.Subscription:
		// A single JSON response cannot carry a stream of events.
		fail(graphql.WithOperationContext(ctx, opCtx), w, exec, mediaType, http.StatusBadRequest,
			errcode.BadUserInput, "subscriptions are not supported by this transport")
		return
	}

	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	if resp == nil {
		fail(ctx, w, exec, mediaType, http.StatusInternalServerError, errcode.Internal,
			"operation produced no response")
		return
	}
	writeResponse(w, mediaType, resp)
}

// writeResponse writes resp as json.Marshal would, except that Data goes out as gqlgen
// wrote it: json.Marshal validates and compacts a RawMessage byte by byte, which for an
// answer of a few hundred facts was a visible share of the service's time
// (docs/benchmarks-history.md). Incremental-delivery fields
// (label, path, hasNext) take the ordinary route.
func writeResponse(w http.ResponseWriter, mediaType string, resp *graphql.Response) {
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		writeJSON(w, mediaType, http.StatusOK, resp)
		return
	}
	var errs, exts []byte
	var err error
	if len(resp.Errors) > 0 {
		if errs, err = json.Marshal(resp.Errors); err != nil {
			writeJSON(w, mediaType, http.StatusOK, resp) // reports the encoding failure
			return
		}
	}
	if len(resp.Extensions) > 0 {
		if exts, err = json.Marshal(resp.Extensions); err != nil {
			writeJSON(w, mediaType, http.StatusOK, resp)
			return
		}
	}
	b := make([]byte, 0, len(resp.Data)+len(errs)+len(exts)+32)
	b = append(b, '{')
	if errs != nil {
		b = append(append(append(b, `"errors":`...), errs...), ',')
	}
	b = append(b, `"data":`...)
	if len(resp.Data) == 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, resp.Data...)
	}
	if exts != nil {
		b = append(append(b, `,"extensions":`...), exts...)
	}
	b = append(b, '}')
	writeBody(w, mediaType, http.StatusOK, b)
}

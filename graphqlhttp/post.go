package graphqlhttp

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/errcode"
)

// POST serves GraphQL requests sent as application/json POST bodies.
type POST struct {
	// MaxBodyBytes caps the request body; larger bodies get 413 with a
	// BAD_USER_INPUT error. 0 means DefaultMaxBodyBytes, negative means no limit.
	MaxBodyBytes int64
}

var _ graphql.Transport = POST{}

// Supports claims only application/json POSTs so that other transports
// (multipart uploads, SSE) can share the handler; requests nobody supports
// get gqlgen's 400 "transport not supported", which is what the spec's
// "4xx when content-type is missing" audit expects.
func (POST) Supports(r *http.Request) bool {
	if r.Method != http.MethodPost || r.Header.Get("Upgrade") != "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == mediaJSON
}

// Do implements graphql.Transport.
func (t POST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	start := graphql.Now()

	mediaType := negotiate(r.Header.Values("Accept"))
	if mediaType == "" {
		fail(ctx, w, exec, mediaJSON, http.StatusNotAcceptable, errcode.BadUserInput,
			"cannot satisfy Accept header; supported: "+mediaGraphQLResponse+", "+mediaJSON)
		return
	}
	if _, ps, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ps["charset"] != "" && !isUTF8(ps["charset"]) {
		fail(ctx, w, exec, mediaType, http.StatusUnsupportedMediaType, errcode.BadUserInput,
			"unsupported charset "+strconv.Quote(ps["charset"])+"; requests must be UTF-8")
		return
	}

	limit := t.MaxBodyBytes
	if limit == 0 {
		limit = DefaultMaxBodyBytes
	}
	body := r.Body
	if limit > 0 {
		if r.ContentLength > limit {
			tooLarge(w, r, exec, mediaType, limit)
			return
		}
		body = http.MaxBytesReader(w, r.Body, limit)
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			tooLarge(w, r, exec, mediaType, limit)
			return
		}
		fail(ctx, w, exec, mediaType, http.StatusBadRequest, errcode.BadUserInput,
			"could not read request body: "+err.Error())
		return
	}

	params, err := decodeBody(raw)
	if err != nil {
		fail(ctx, w, exec, mediaType, http.StatusBadRequest, errcode.BadUserInput, err.Error())
		return
	}
	params.ReadTime.Start = start
	execute(w, r, exec, mediaType, params, false)
}

func tooLarge(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, mediaType string, limit int64) {
	// The rest of an oversized body is not worth reading just to keep the
	// connection alive.
	w.Header().Set("Connection", "close")
	fail(r.Context(), w, exec, mediaType, http.StatusRequestEntityTooLarge, errcode.BadUserInput,
		"request body exceeds the limit of "+strconv.FormatInt(limit, 10)+" bytes")
}

package graphqlhttp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// paramError is a malformed GraphQL-over-HTTP request (400), as opposed to a
// well-formed request whose GraphQL document later fails to parse.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(format string, args ...any) error {
	return &paramError{msg: fmt.Sprintf(format, args...)}
}

// decodeBody parses a POST body. Keys are matched exactly: encoding/json's
// case-insensitive struct matching would accept e.g. "Query".
func decodeBody(body []byte) (*graphql.RawParams, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badParam("request body is empty; expected a JSON object with a query")
	}
	if !utf8.Valid(body) {
		return nil, badParam("request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil || fields == nil {
		return nil, badParam("request body must be a JSON object: %v", jsonErr(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, badParam("request body has trailing data after the JSON object")
	}

	p := &graphql.RawParams{}
	var err error
	if p.Query, err = stringParam(fields, "query"); err != nil {
		return nil, err
	}
	if p.OperationName, err = stringParam(fields, "operationName"); err != nil {
		return nil, err
	}
	if p.Variables, err = objectParam(fields["variables"], "variables"); err != nil {
		return nil, err
	}
	if p.Extensions, err = objectParam(fields["extensions"], "extensions"); err != nil {
		return nil, err
	}
	return p, requireQuery(p, fields["query"] != nil && !isNull(fields["query"]))
}

// requireQuery allows an absent query only for automatic persisted queries,
// where gqlgen's APQ extension fills it in from its cache.
func requireQuery(p *graphql.RawParams, present bool) error {
	if present {
		return nil
	}
	if _, apq := p.Extensions["persistedQuery"]; apq {
		return nil
	}
	return badParam("the query parameter is required")
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func stringParam(fields map[string]json.RawMessage, name string) (string, error) {
	raw, ok := fields[name]
	if !ok || isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", badParam("the %s parameter must be a string", name)
	}
	return s, nil
}

// objectParam decodes a map-valued parameter; absent and null both mean "none".
func objectParam(raw json.RawMessage, name string) (map[string]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || isNull(raw) {
		return nil, nil
	}
	if raw[0] != '{' {
		return nil, badParam("the %s parameter must be a JSON object", name)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	// Numbers stay json.Number so large Int/ID values survive coercion
	// exactly, as gqlgen's own transports do.
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, badParam("the %s parameter is not valid JSON: %v", name, jsonErr(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, badParam("the %s parameter has trailing data after the JSON object", name)
	}
	return m, nil
}

func jsonErr(err error) string {
	if err == nil {
		return "got null"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON input"
	}
	return err.Error()
}

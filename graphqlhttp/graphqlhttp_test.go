package graphqlhttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/graphqlhttp"
)

const (
	js = "application/json"
	gr = "application/graphql-response+json"
)

func newServer(maxBody int64) http.Handler {
	srv := testserver.New()
	post, get := graphqlhttp.New(maxBody)
	srv.AddTransport(post)
	srv.AddTransport(get)
	// Tags every error so tests can prove it went through the presenter.
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if !errors.As(err, &gqlErr) {
			gqlErr = gqlerror.Errorf("%s", err.Error())
		}
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["presented"] = true
		return gqlErr
	})
	return srv
}

type result struct {
	status int
	ctype  string
	header http.Header
	body   map[string]json.RawMessage
	raw    string
}

func do(t *testing.T, h http.Handler, req *http.Request) result {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := result{status: rec.Code, ctype: rec.Header().Get("Content-Type"), header: rec.Header(), raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &res.body); err != nil {
		t.Fatalf("response is not a JSON object (%v): %q", err, res.raw)
	}
	return res
}

func post(body, accept string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", js)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return req
}

func get(params url.Values, accept string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, "/graphql?"+params.Encode(), nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return req
}

func TestStatusCodes(t *testing.T) {
	h := newServer(0)
	const ok = `{"query":"{ name }"}`
	const parseErr = `{"query":"{"}`
	const validationErr = `{"query":"{ nope }"}`
	const coercionErr = `{"query":"query Q($id: Int!) { find(id: $id) }","variables":{"id":null}}`
	tests := []struct {
		name      string
		req       *http.Request
		status    int
		ctype     string // expected media type, "" = don't care
		wantData  bool   // whether a "data" entry must be present
		errorCode string // extensions.code of the first error, "" = no check
	}{
		{"no accept defaults to json", post(ok, ""), 200, js, true, ""},
		{"*/* gives json", post(ok, "*/*"), 200, js, true, ""},
		{"graphql-response+json", post(ok, gr), 200, gr, true, ""},
		{"explicit tie prefers graphql-response+json", post(ok, js+", "+gr), 200, gr, true, ""},
		{"q values win", post(ok, gr+";q=0.5, "+js), 200, js, true, ""},
		{"wildcard plus explicit", post(ok, gr+", */*;q=0.8"), 200, gr, true, ""},
		{"unacceptable accept", post(ok, "text/html"), 406, js, false, "BAD_USER_INPUT"},
		{"q=0 excludes", post(ok, js+";q=0"), 406, js, false, "BAD_USER_INPUT"},
		{"null optional params", post(`{"query":"{ name }","variables":null,"operationName":null,"extensions":null}`, gr), 200, gr, true, ""},

		{"parse error json", post(parseErr, js), 200, js, false, "GRAPHQL_PARSE_FAILED"},
		{"parse error gr", post(parseErr, gr), 400, gr, false, "GRAPHQL_PARSE_FAILED"},
		{"validation error json", post(validationErr, js), 200, js, false, "GRAPHQL_VALIDATION_FAILED"},
		{"validation error gr", post(validationErr, gr), 400, gr, false, "GRAPHQL_VALIDATION_FAILED"},
		{"coercion error json", post(coercionErr, js), 200, js, false, ""},
		{"coercion error gr", post(coercionErr, gr), 400, gr, false, ""},
		{"unknown operationName", post(`{"query":"query A { name }","operationName":"B"}`, gr), 400, gr, false, ""},

		{"empty body", post(``, js), 400, js, false, "BAD_USER_INPUT"},
		{"malformed JSON", post(`{"query":`, gr), 400, gr, false, "BAD_USER_INPUT"},
		{"body not an object", post(`["{ name }"]`, js), 400, js, false, "BAD_USER_INPUT"},
		{"trailing garbage", post(ok+`x`, js), 400, js, false, "BAD_USER_INPUT"},
		{"missing query (typo)", post(`{"qeury":"{ name }"}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"keys are case-sensitive", post(`{"Query":"{ name }"}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"query not a string", post(`{"query":{"a":1}}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"operationName not a string", post(`{"query":"{ name }","operationName":0}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"variables a string", post(`{"query":"{ name }","variables":"{}"}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"variables an array", post(`{"query":"{ name }","variables":[]}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"extensions false", post(`{"query":"{ name }","extensions":false}`, ""), 400, js, false, "BAD_USER_INPUT"},
		{"subscription over POST", post(`{"query":"subscription { name }"}`, gr), 400, gr, false, "BAD_USER_INPUT"},

		{"GET query", get(url.Values{"query": {"{ name }"}}, ""), 200, js, true, ""},
		{"GET variables", get(url.Values{"query": {"query Q($id: Int!) { find(id: $id) }"}, "variables": {`{"id":1}`}}, gr), 200, gr, true, ""},
		{"GET mutation", get(url.Values{"query": {"mutation { name }"}}, gr), 405, gr, false, "BAD_USER_INPUT"},
		{"GET missing query", get(url.Values{}, ""), 400, js, false, "BAD_USER_INPUT"},
		{"GET variables not an object", get(url.Values{"query": {"{ name }"}, "variables": {`[1]`}}, ""), 400, js, false, "BAD_USER_INPUT"},
		{"GET validation error gr", get(url.Values{"query": {"{ nope }"}}, gr), 400, gr, false, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, h, tc.req)
			if res.status != tc.status {
				t.Errorf("status %d, want %d; body %s", res.status, tc.status, res.raw)
			}
			if tc.ctype != "" && res.ctype != tc.ctype+"; charset=utf-8" {
				t.Errorf("content type %q, want %s", res.ctype, tc.ctype)
			}
			if _, hasData := res.body["data"]; hasData != tc.wantData {
				t.Errorf("data entry present=%v, want %v; body %s", hasData, tc.wantData, res.raw)
			}
			if !tc.wantData {
				checkError(t, res, tc.errorCode)
			}
		})
	}
}

func checkError(t *testing.T, res result, code string) {
	t.Helper()
	var errs []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	}
	if err := json.Unmarshal(res.body["errors"], &errs); err != nil || len(errs) == 0 {
		t.Fatalf("want a non-empty errors list, got %s", res.raw)
	}
	if code != "" && errs[0].Extensions["code"] != code {
		t.Errorf("extensions.code %v, want %s; body %s", errs[0].Extensions["code"], code, res.raw)
	}
	if errs[0].Extensions["presented"] != true {
		t.Errorf("error bypassed the error presenter: %s", res.raw)
	}
}

func TestGETMutationAllowHeader(t *testing.T) {
	res := do(t, newServer(0), get(url.Values{"query": {"mutation { name }"}}, ""))
	if res.header.Get("Allow") != http.MethodPost {
		t.Errorf("Allow %q, want POST", res.header.Get("Allow"))
	}
}

func TestBodyLimit(t *testing.T) {
	h := newServer(64)
	big := `{"query":"{ name }","extensions":{"pad":"` + strings.Repeat("x", 100) + `"}}`
	for _, chunked := range []bool{false, true} {
		req := post(big, gr)
		if chunked {
			// Unknown length: the limit must be enforced while reading.
			req.ContentLength = -1
			req.Body = io.NopCloser(strings.NewReader(big))
		}
		res := do(t, h, req)
		if res.status != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked=%v: status %d, want 413; body %s", chunked, res.status, res.raw)
		}
		checkError(t, res, errcode.BadUserInput)
	}
	if res := do(t, h, post(`{"query":"{ name }"}`, gr)); res.status != http.StatusOK {
		t.Errorf("small body: status %d", res.status)
	}
	// Negative disables the limit.
	if res := do(t, newServer(-1), post(big, gr)); res.status != http.StatusOK {
		t.Errorf("unlimited: status %d; body %s", res.status, res.raw)
	}
}

func TestCharset(t *testing.T) {
	h := newServer(0)
	req := post(`{"query":"{ name }"}`, "")
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	if res := do(t, h, req); res.status != http.StatusOK {
		t.Errorf("utf-8: status %d", res.status)
	}
	req = post(`{"query":"{ name }"}`, "")
	req.Header.Set("Content-Type", "application/json; charset=iso-8859-1")
	res := do(t, h, req)
	if res.status != http.StatusUnsupportedMediaType {
		t.Errorf("latin1: status %d, want 415", res.status)
	}
	checkError(t, res, errcode.BadUserInput)

	if res := do(t, h, post("{\"query\":\"{ name }\",\"x\":\"\xff\"}", "")); res.status != http.StatusBadRequest {
		t.Errorf("invalid UTF-8 body: status %d, want 400", res.status)
	}
}

func TestUnsupportedContentType(t *testing.T) {
	req := post(`{"query":"{ name }"}`, "")
	req.Header.Del("Content-Type")
	rec := httptest.NewRecorder()
	newServer(0).ServeHTTP(rec, req)
	if rec.Code < 400 || rec.Code > 499 {
		t.Errorf("POST without content type: status %d, want 4xx", rec.Code)
	}
}

var _ graphql.Transport = graphqlhttp.POST{}

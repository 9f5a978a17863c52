package graphqlhttp

import (
	"encoding/json"
	"errors"
	"net/url"
	"testing"
	"unicode/utf8"
)

// The GraphQL-over-HTTP parameters come straight off the network. Any POST body and any URL
// query string is either refused as a malformed request (a paramError: 400 with a message),
// or decodes to parameters that say what was sent: the query's text, and variables and
// extensions that encode back to JSON.

func FuzzDecodeBody(f *testing.F) {
	for _, s := range []string{`{"query":"{ stats { entities } }"}`, `{"query":"query Q($id: ID!) { entity(id: $id) { name } }","variables":{"id":"person/x"},"operationName":"Q"}`,
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`, `{"query":null}`, `{"query":1}`, `[]`, `null`, ``, `{"query":"{a}"} x`,
		`{"query":"{a}","variables":[1]}`, `{"query":"{a}","variables":{"n":12345678901234567890}}`, "{\"query\":\"\xff\"}", `{"Query":"{a}"}`,
		`{"query":"{a}","variables":{"a":{"b":[1,2,{"c":null}]}}} `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeBody(body)
		if err != nil {
			checkParamError(t, err)
			return
		}
		// A query may be empty ("query": "" is a document the executor refuses: "no
		// operation provided"), but not absent unless the request is an automatic persisted query.
		var sent map[string]json.RawMessage
		if err := json.Unmarshal(body, &sent); err != nil {
			t.Fatalf("decodeBody(%q) accepted what encoding/json refuses: %v", body, err)
		}
		if q, ok := sent["query"]; !ok || string(q) == "null" {
			if _, apq := p.Extensions["persistedQuery"]; !apq {
				t.Fatalf("decodeBody(%q) accepted a request with neither a query nor a persisted query", body)
			}
		}
		if !utf8.ValidString(p.Query) || !utf8.ValidString(p.OperationName) {
			t.Fatalf("decodeBody(%q) gave text that is not UTF-8", body)
		}
		checkObjects(t, p.Variables, p.Extensions)
	})
}

func FuzzDecodeQuery(f *testing.F) {
	for _, s := range []string{"query=%7Bstats%7Bentities%7D%7D", "query={a}&variables=%7B%22id%22%3A1%7D&operationName=Q",
		"extensions=%7B%22persistedQuery%22%3A%7B%7D%7D", "query=%zz", "query", "query=&query=2", "variables=null&query=x",
		"query=x&variables=%5B%5D", "query=x;y", "query=x&extensions=%7B%7D%20%7B%7D"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, err := decodeQuery(raw)
		if err != nil {
			checkParamError(t, err)
			return
		}
		q, perr := url.ParseQuery(raw)
		if perr != nil || q.Get("query") != p.Query || q.Get("operationName") != p.OperationName {
			t.Fatalf("decodeQuery(%q) = %+v does not say what was sent", raw, p)
		}
		checkObjects(t, p.Variables, p.Extensions)
	})
}

func checkParamError(t *testing.T, err error) {
	t.Helper()
	var pe *paramError
	if !errors.As(err, &pe) || pe.msg == "" {
		t.Fatalf("%#v is not a paramError with a message", err)
	}
}

func checkObjects(t *testing.T, objs ...map[string]any) {
	t.Helper()
	for _, m := range objs {
		if m == nil {
			continue
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("decoded parameters %v do not encode back: %v", m, err)
		}
	}
}

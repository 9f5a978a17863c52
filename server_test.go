package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestGraphQL_Entity(t *testing.T) {
	srv, _ := seededServer(t)
	t.Run("OK", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/vladimir-putin") { __typename id name kind aliases externalIds { system id } } }`, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		got := string(r.Data["entity"])
		for _, want := range []string{`"__typename":"Person"`, `"name":"Vladimir Putin"`, `"kind":"PERSON"`, `"system":"wikidata","id":"Q7747"`} {
			if !strings.Contains(got, want) {
				t.Errorf("entity = %s, want it to contain %s", got, want)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/nobody") { id } }`, nil)
		if r.Code() != errcode.NotFound {
			t.Errorf("code = %q, want NOT_FOUND: %+v", r.Code(), r.Errors)
		}
	})
	t.Run("ErrMalformedID", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "MATCH (n) DETACH DELETE n") { id } }`, nil)
		if r.Code() != errcode.BadUserInput {
			t.Errorf("code = %q, want BAD_USER_INPUT: %+v", r.Code(), r.Errors)
		}
	})
	t.Run("Node", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ node(id: "country/russia") { id ... on Country { name } } }`, nil)
		if !strings.Contains(string(r.Data["node"]), `"name":"Russia"`) {
			t.Errorf("node = %s %+v", r.Data["node"], r.Errors)
		}
	})
}

func TestGraphQL_EntitiesPagination(t *testing.T) {
	srv, _ := seededServer(t)
	const q = `query($after: String) { entities(filter: {kinds: [PERSON]}, first: 4, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`
	var ids []string
	var after any
	for page := 0; page < 5; page++ {
		r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"after": after})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		var conn struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Nodes []struct{ ID string }
		}
		if err := json.Unmarshal(r.Data["entities"], &conn); err != nil {
			t.Fatal(err)
		}
		if conn.TotalCount != 6 {
			t.Errorf("totalCount = %d, want 6", conn.TotalCount)
		}
		for _, n := range conn.Nodes {
			ids = append(ids, n.ID)
		}
		if !conn.PageInfo.HasNextPage {
			break
		}
		after = conn.PageInfo.EndCursor
	}
	want := "person/dmitry-peskov person/donald-trump person/jared-kushner person/steve-witkoff person/vladimir-putin person/volodymyr-zelenskyy"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("pages gave %s\nwant %s", got, want)
	}
	t.Run("ErrPageTooLarge", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ entities(first: 1000) { nodes { id } } }`, nil)
		if r.Code() != errcode.BadUserInput || !strings.Contains(r.Errors[0].Message, "first") || !strings.Contains(r.Errors[0].Message, "100") {
			t.Errorf("got %+v, want BAD_USER_INPUT naming first and 100", r.Errors)
		}
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, nil, `{ entities(after: "bm9wZQ") { nodes { id } } }`, nil)
		if r.Code() != errcode.BadUserInput {
			t.Errorf("code = %q, want BAD_USER_INPUT", r.Code())
		}
	})
}

func TestGraphQL_RequestLimits(t *testing.T) {
	srv := newTestServer(t, testneo4j.MustOpenStore(t))
	many := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(f(i))
		}
		return b.String()
	}
	cases := []struct {
		name  string
		query string
	}{
		{"TenThousandAliases", "{" + many(10000, func(i int) string { return " a" + itoa(i) + ": __typename" }) + " }"},
		{"FragmentChain2000", "{ ...F0 }" + many(2000, func(i int) string {
			return " fragment F" + itoa(i) + " on Query { __typename ...F" + itoa(i+1) + " }"
		}) + " fragment F2000 on Query { __typename }"},
		{"TooDeep", `{ entity(id: "person/x") { relations { from { relations { from { relations { from { relations { from { relations { from { relations { from { id } } } } } } } } } } } } } }`},
		// 1 + 100 × (1 + 20 × (1 + 1 + 20 × (1 + 1 + 20))) = 884,201, over the default 200,000.
		{"OverComplexityBudget", overBudget},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := servicetest.Post(t, srv.URL, nil, tc.query, nil)
			if r.Code() != errcode.BadUserInput || r.Data["entity"] != nil {
				t.Errorf("got %d %+v, want BAD_USER_INPUT", r.Status, r.Errors)
			}
		})
	}
	t.Run("ComplexityFollowsVariables", func(t *testing.T) {
		q := strings.Replace(overBudget, "first: 100", "first: $n", 1)
		q = "query($n: Int) " + q
		if r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"n": 100}); r.Code() != errcode.BadUserInput ||
			!strings.Contains(fmt.Sprint(r.Errors), "the limit is 200000") {
			t.Errorf("first: 100 by variable: got %d %+v, want BAD_USER_INPUT naming the limit", r.Status, r.Errors)
		}
		if r := servicetest.Post(t, srv.URL, nil, q, map[string]any{"n": 5}); len(r.Errors) > 0 || r.Data["entities"] == nil {
			t.Errorf("first: 5 by variable (cost 44,211): got %+v, want an answer", r.Errors)
		}
	})
	t.Run("TwentyMegabyteBody", func(t *testing.T) {
		body := []byte(`{"query":"{ __typename }","variables":{"x":"` + strings.Repeat("a", 20<<20) + `"}}`)
		r := servicetest.PostBody(t, srv.URL, nil, body)
		if r.Status != http.StatusRequestEntityTooLarge || r.Code() != errcode.BadUserInput {
			t.Errorf("got %d %+v, want 413 BAD_USER_INPUT", r.Status, r.Errors)
		}
	})
}

// overBudget is a page of entities, three levels of relations deep.
const overBudget = `{ entities(first: 100) { nodes { relations { from { relations { from { relations { id } } } } } } } }`

func itoa(i int) string { return strconv.Itoa(i) }

func TestHealth(t *testing.T) {
	srv := newTestServer(t, testneo4j.MustOpenStore(t))
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s = %d, want 200", path, resp.StatusCode)
		}
	}
}

func TestGraphQL_DatabaseDownIsUnavailable(t *testing.T) {
	// Nothing listens on port 1 of loopback: the driver fails to connect.
	driver, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth(), func(c *neo4j.Config) { c.MaxTransactionRetryTime = time.Second })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = driver.Close(context.Background()) })
	srv := newTestServer(t, cypher.New(driver, cypher.Options{}))
	r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/vladimir-putin") { id } }`, nil)
	if r.Code() != errcode.Unavailable {
		t.Errorf("code = %q, want UNAVAILABLE: %+v", r.Code(), r.Errors)
	}
	if strings.Contains(r.Errors[0].Message, "127.0.0.1") {
		t.Errorf("message leaks internals: %q", r.Errors[0].Message)
	}
	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d, want 503", resp.StatusCode)
	}
}

// TestServe_GracefulShutdown cancels the server's context (what SIGTERM does) while a
// request is in flight: readiness turns off at once, and the request still completes.
func TestServe_GracefulShutdown(t *testing.T) {
	c := testConfig(t)
	c.ShutdownGrace = 5 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	started := make(chan struct{})
	var ready atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = w.Write([]byte("done"))
	})
	mux.HandleFunc("/ready", func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveListener(ctx, c, ln, mux, &ready, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	base := "http://" + ln.Addr().String()
	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	<-started
	cancel()
	deadline := time.Now().Add(2 * time.Second)
	for ready.Load() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if ready.Load() {
		t.Fatal("readiness still on after shutdown began")
	}
	close(release)
	if got := <-slow; got != "done" {
		t.Errorf("in-flight request got %q, want done", got)
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }

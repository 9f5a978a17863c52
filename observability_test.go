package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/health"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/ratelimit"
	"github.com/diplograph/diplograph/requestid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The service as operators see it: what production hides, rate limits, /metrics and
// request ids, each through the real HTTP stack over the real test Neo4j.

// serverLogging is newServerWith with the service's logger writing into buf.
func serverLogging(t *testing.T, c Config, store kg.Store, buf *bytes.Buffer) *httptest.Server {
	t.Helper()
	c.LogLevel = slog.LevelDebug
	return serveLogged(t, c, store, slog.New(requestid.NewHandler(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
}

// exchange sends one request and returns the response with its body read.
func exchange(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func graphqlRequest(t *testing.T, srv *httptest.Server, c servicetest.Cred, query string) *http.Request {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range c {
		req.Header.Set(k, v)
	}
	return req
}

func TestProduction_HidesSchema(t *testing.T) {
	store := servicetest.SeededStore(t)
	const typo = `{ entity(id: "person/vladimir-putin") { nmae } }`
	t.Run("DevelopmentSuggests", func(t *testing.T) {
		srv := newServerWith(t, authConfig(t), store)
		r := servicetest.Post(t, srv.URL, nil, typo, nil)
		if r.Code() != errcode.BadUserInput || !strings.Contains(r.Errors[0].Message, `Did you mean "name"?`) {
			t.Fatalf("development: %+v, want the suggestion", r.Errors)
		}
	})
	t.Setenv("DIPLOGRAPH_PROFILE", "production")
	srv := newServerWith(t, authConfig(t), store)
	t.Run("ProductionReaderGetsNoSuggestion", func(t *testing.T) {
		r := servicetest.Post(t, srv.URL, servicetest.Cred{"X-API-Key": readerKey}, typo, nil)
		if r.Code() != errcode.BadUserInput || strings.Contains(r.Errors[0].Message, "Did you mean") || !strings.Contains(r.Errors[0].Message, "nmae") {
			t.Fatalf("production reader: %+v, want a validation error without suggestions", r.Errors)
		}
	})
	t.Run("ProductionAnonymousLearnsNothing", func(t *testing.T) {
		for _, q := range []string{typo, `{ entity(id: "x") { name } }`, `{ entity(`, `{ __schema { types { name } } }`, `{ nosuchfield }`} {
			resp, body := exchange(t, graphqlRequest(t, srv, nil, q))
			var r servicetest.Response
			if err := json.Unmarshal(body, &r); err != nil {
				t.Fatal(err)
			}
			if r.Code() != errcode.Unauthenticated || len(r.Errors) != 1 {
				t.Errorf("anonymous %q: %d %s, want UNAUTHENTICATED only", q, resp.StatusCode, body)
			}
			for _, leak := range []string{"nmae", "name", "Did you mean", "Cannot query", "Syntax", "entity", "__schema"} {
				if strings.Contains(string(body), leak) {
					t.Errorf("anonymous %q: the answer mentions %q: %s", q, leak, body)
				}
			}
		}
	})
}

func TestRateLimit_GraphQL(t *testing.T) {
	store := servicetest.SeededStore(t)
	c := authConfig(t)
	c.RateLimit = ratelimit.Config{PerAddress: ratelimit.Rule{Rate: 0.1, Burst: 2}, PerCredential: ratelimit.Rule{Rate: 0.1, Burst: 1}}
	var logs bytes.Buffer
	srv := serverLogging(t, c, store, &logs)
	const q = `{ entity(id: "person/vladimir-putin") { name } }`
	before := scrape(t, srv, nil)

	for i := 0; i < 2; i++ {
		if resp, body := exchange(t, graphqlRequest(t, srv, nil, q)); resp.StatusCode != 200 || resp.Header.Get("RateLimit") == "" {
			t.Fatalf("anonymous request %d: %d %v %s", i, resp.StatusCode, resp.Header, body)
		}
	}
	req := graphqlRequest(t, srv, nil, q)
	req.Header.Set(requestid.Header, "flood-1")
	resp, body := exchange(t, req)
	var r servicetest.Response
	_ = json.Unmarshal(body, &r)
	// Ten seconds a token, less the moments the requests took.
	retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusTooManyRequests || r.Code() != errcode.RateLimited || retry < 5 || retry > 10 ||
		resp.Header.Get("RateLimit") != `"address";r=0;t=`+strconv.Itoa(retry) || resp.Header.Get("RateLimit-Policy") != `"address";q=2;w=20` ||
		r.Errors[0].Extensions["requestId"] != "flood-1" || r.Errors[0].Extensions["retryAfter"] != float64(retry) {
		t.Fatalf("third anonymous request: %d %v %s", resp.StatusCode, resp.Header, body)
	}
	// A credential has its own bucket, so the address's exhaustion does not touch it.
	reader := servicetest.Cred{"X-API-Key": readerKey}
	if resp, body := exchange(t, graphqlRequest(t, srv, reader, q)); resp.StatusCode != 200 {
		t.Fatalf("reader from the refused address: %d %s", resp.StatusCode, body)
	}
	if resp, _ := exchange(t, graphqlRequest(t, srv, reader, q)); resp.StatusCode != http.StatusTooManyRequests ||
		!strings.HasPrefix(resp.Header.Get("RateLimit-Policy"), `"credential";q=1;`) {
		t.Fatalf("reader's second request: %d %v", resp.StatusCode, resp.Header)
	}
	after := scrape(t, srv, nil)
	for series, want := range map[string]float64{
		`diplograph_rate_limited_total{scope="address"}`:                             1,
		`diplograph_rate_limited_total{scope="credential"}`:                          1,
		`diplograph_graphql_errors_total{code="RATE_LIMITED"}`:                       2,
		`diplograph_graphql_requests_total{operation="none",outcome="RATE_LIMITED"}`: 2,
	} {
		if got := after[series] - before[series]; got != want {
			t.Errorf("%s moved by %g, want %g", series, got, want)
		}
	}
	if !strings.Contains(logs.String(), "rate limited") || !strings.Contains(logs.String(), "request_id=flood-1") {
		t.Errorf("the refusal is not logged with its request id:\n%s", logs.String())
	}
}

func TestRateLimit_Config(t *testing.T) {
	c := testConfig(t)
	if c.RateLimit.PerAddress.On() || c.RateLimit.PerCredential.On() {
		t.Errorf("development profile limits: %+v", c.RateLimit)
	}
	t.Setenv("DIPLOGRAPH_PROFILE", "production")
	c = testConfig(t)
	if got := c.RateLimit; got.PerAddress != (ratelimit.Rule{Rate: 20, Burst: 40}) || got.PerCredential != (ratelimit.Rule{Rate: 50, Burst: 100}) {
		t.Errorf("production defaults: %+v", got)
	}
	t.Setenv("DIPLOGRAPH_RATE_LIMIT", "5")
	t.Setenv("DIPLOGRAPH_RATE_LIMIT_BURST", "7")
	t.Setenv("DIPLOGRAPH_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8")
	c, err := loadConfig(newFlagSet(), []string{"-rate-limit-credential", "0"})
	if err != nil || c.RateLimit.PerAddress != (ratelimit.Rule{Rate: 5, Burst: 7}) || c.RateLimit.PerCredential.On() || len(c.RateLimit.TrustedProxies) != 2 {
		t.Errorf("from the environment and flags: %+v %v", c.RateLimit, err)
	}
	for key, val := range map[string]string{"DIPLOGRAPH_RATE_LIMIT": "-1", "DIPLOGRAPH_RATE_LIMIT_CREDENTIAL_BURST": "x", "DIPLOGRAPH_TRUSTED_PROXIES": "10.0.0.0/99"} {
		t.Run(key, func(t *testing.T) {
			t.Setenv(key, val)
			if _, err := loadConfig(newFlagSet(), nil); err == nil || !strings.Contains(err.Error(), key) {
				t.Errorf("%s=%s: %v, want an error naming it", key, val, err)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	servicetest.SeededStore(t)
	driver, tc := testneo4j.Driver(t)
	c := authConfig(t)
	// The service's own wiring: the store watched by the health view, which alone sets
	// diplograph_database_up.
	store, view := newWatchedStore(driver, Config{Neo4jDatabase: tc.Database, TxTimeout: 10 * time.Second}, slog.New(slog.DiscardHandler))
	runView(t, view)
	srv := newServerWith(t, c, store)
	before := scrape(t, srv, nil)
	for _, tc := range []struct {
		c           servicetest.Cred
		query, code string
	}{
		{nil, `{ entity(id: "person/vladimir-putin") { name } }`, ""},
		{nil, `{ a: entity(id: "person/vladimir-putin") { name } b: entity(id: "person/steve-witkoff") { name } __typename }`, ""},
		{nil, `{ search(text: "putin") { score } stats { entities } }`, ""},
		{nil, `{ entity(id: "person/nobody") { name } }`, errcode.NotFound},
		{nil, `{ entity(id: "person/vladimir-putin") { nmae } }`, errcode.BadUserInput},
		{servicetest.Bearer("not-a-key"), `{ stats { entities } }`, errcode.Unauthenticated},
		// Over the complexity budget: refused after validation, so the operation is named.
		{nil, `{ entities(first: 100) { nodes { relations { to { relations { to { relations { id } } } } } } } }`, errcode.BadUserInput},
	} {
		if r := servicetest.Post(t, srv.URL, tc.c, tc.query, nil); r.Code() != tc.code {
			t.Fatalf("%s: %+v, want %q", tc.query, r.Errors, tc.code)
		}
	}
	after := scrape(t, srv, nil)
	for series, want := range map[string]float64{
		`diplograph_graphql_requests_total{operation="entity",outcome="ok"}`:               2,
		`diplograph_graphql_requests_total{operation="multiple",outcome="ok"}`:             1,
		`diplograph_graphql_requests_total{operation="entity",outcome="NOT_FOUND"}`:        1,
		`diplograph_graphql_requests_total{operation="none",outcome="BAD_USER_INPUT"}`:     1,
		`diplograph_graphql_requests_total{operation="none",outcome="UNAUTHENTICATED"}`:    1,
		`diplograph_graphql_request_duration_seconds_count{operation="entity"}`:            3,
		`diplograph_graphql_requests_total{operation="entities",outcome="BAD_USER_INPUT"}`: 1,
		`diplograph_graphql_errors_total{code="NOT_FOUND"}`:                                1,
		`diplograph_graphql_errors_total{code="UNAUTHENTICATED"}`:                          1,
		`diplograph_neo4j_round_trip_duration_seconds_count{query="searchAll"}`:            1,
	} {
		if got := after[series] - before[series]; got != want {
			t.Errorf("%s moved by %g, want %g", series, got, want)
		}
	}
	var trips float64
	for series, v := range after {
		if strings.HasPrefix(series, "diplograph_neo4j_round_trips_total{") && strings.Contains(series, `outcome="ok"`) {
			trips += v - before[series]
		}
	}
	if trips < 4 {
		t.Errorf("%g Neo4j round trips counted for four reads that reached the database", trips)
	}
	for _, series := range []string{"diplograph_database_up", "diplograph_neo4j_round_trips_in_flight", "process_resident_memory_bytes", "go_goroutines"} {
		if _, ok := after[series]; !ok {
			t.Errorf("no %s", series)
		}
	}
	if after["diplograph_database_up"] != 1 || after["diplograph_neo4j_round_trips_in_flight"] != 0 {
		t.Errorf("database_up %g, in flight %g after answered reads", after["diplograph_database_up"], after["diplograph_neo4j_round_trips_in_flight"])
	}

	t.Run("DatabaseDown", func(t *testing.T) {
		dead, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth(), func(c *neo4j.Config) { c.MaxTransactionRetryTime = time.Second })
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = dead.Close(context.Background()) })
		deadStore, deadView := newWatchedStore(dead, Config{Neo4jDatabase: "neo4j", TxTimeout: time.Second}, slog.New(slog.DiscardHandler))
		runView(t, deadView)
		down := newServerWith(t, c, deadStore)
		before := scrape(t, down, nil)
		servicetest.Post(t, down.URL, nil, `{ entity(id: "person/vladimir-putin") { name } }`, nil)
		// The failed round trip sends the view to probe; the gauge follows its verdict.
		after := scrape(t, down, nil)
		for deadline := time.Now().Add(3 * time.Second); after["diplograph_database_up"] != 0 && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
			after = scrape(t, down, nil)
		}
		if after["diplograph_database_up"] != 0 || after[`diplograph_neo4j_round_trips_total{outcome="UNAVAILABLE",query="entity"}`]-before[`diplograph_neo4j_round_trips_total{outcome="UNAVAILABLE",query="entity"}`] != 1 {
			t.Errorf("database_up %g and UNAVAILABLE round trips not counted", after["diplograph_database_up"])
		}
	})

	t.Run("GuardedInProduction", func(t *testing.T) {
		t.Setenv("DIPLOGRAPH_PROFILE", "production")
		prod := newServerWith(t, authConfig(t), store)
		for _, tc := range []struct {
			c    servicetest.Cred
			want int
		}{{nil, 401}, {servicetest.Cred{"X-API-Key": readerKey}, 403}, {servicetest.Bearer("wrong-key"), 401}, {servicetest.Bearer(adminKey), 200}} {
			req, _ := http.NewRequest(http.MethodGet, prod.URL+"/metrics", nil)
			for k, v := range tc.c {
				req.Header.Set(k, v)
			}
			resp, body := exchange(t, req)
			if resp.StatusCode != tc.want || (tc.want == 200) != strings.Contains(string(body), "diplograph_graphql_requests_total") {
				t.Errorf("/metrics with %v: %d, want %d: %.200s", tc.c, resp.StatusCode, tc.want, body)
			}
		}
	})
}

func TestRequestID(t *testing.T) {
	var logs bytes.Buffer
	dead, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth(), func(c *neo4j.Config) { c.MaxTransactionRetryTime = time.Second })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dead.Close(context.Background()) })
	srv := serverLogging(t, authConfig(t), cypher.New(dead, cypher.Options{}), &logs)
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)

	t.Run("AcceptedAndInEveryLogLine", func(t *testing.T) {
		req := graphqlRequest(t, srv, nil, `{ entity(id: "person/vladimir-putin") { name } }`)
		req.Header.Set(requestid.Header, "dashboard-7f3a")
		resp, body := exchange(t, req)
		var r servicetest.Response
		_ = json.Unmarshal(body, &r)
		if resp.Header.Get(requestid.Header) != "dashboard-7f3a" || r.Code() != errcode.Unavailable || r.Errors[0].Extensions["requestId"] != "dashboard-7f3a" {
			t.Fatalf("%v %s", resp.Header, body)
		}
		lines := linesWith(logs.String(), "dashboard-7f3a")
		if len(lines) == 0 || !strings.Contains(lines[0], "request failed") {
			t.Fatalf("the failure's log line lacks the id:\n%s", logs.String())
		}
	})
	t.Run("MadeWhenMissingOrInsane", func(t *testing.T) {
		for _, sent := range []string{"", "two words", strings.Repeat("x", 200), "a\"b"} {
			req := graphqlRequest(t, srv, nil, `{ entity(id: "BAD") { name } }`)
			if sent != "" {
				req.Header.Set(requestid.Header, sent)
			}
			resp, body := exchange(t, req)
			var r servicetest.Response
			_ = json.Unmarshal(body, &r)
			id := resp.Header.Get(requestid.Header)
			if !hex32.MatchString(id) || r.Errors[0].Extensions["requestId"] != id {
				t.Errorf("sent %q: header %q, body %s", sent, id, body)
			}
		}
	})
	t.Run("OnRefusedCredentials", func(t *testing.T) {
		req := graphqlRequest(t, srv, servicetest.Bearer("not-a-key"), `{ stats { entities } }`)
		req.Header.Set(requestid.Header, "bad-cred-1")
		resp, body := exchange(t, req)
		var r servicetest.Response
		_ = json.Unmarshal(body, &r)
		if resp.StatusCode != 401 || r.Errors[0].Extensions["requestId"] != "bad-cred-1" || resp.Header.Get(requestid.Header) != "bad-cred-1" {
			t.Errorf("%d %v %s", resp.StatusCode, resp.Header, body)
		}
		if lines := linesWith(logs.String(), "request_id=bad-cred-1"); len(lines) != 1 || !strings.Contains(lines[0], "credentials refused") {
			t.Errorf("log lines with the id: %q", lines)
		}
	})
	t.Run("OnEveryEndpoint", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/readyz", "/metrics", "/explore/", "/nowhere"} {
			resp, _ := exchange(t, must(http.NewRequest(http.MethodGet, srv.URL+path, nil)))
			if !hex32.MatchString(resp.Header.Get(requestid.Header)) {
				t.Errorf("%s: X-Request-Id %q", path, resp.Header.Get(requestid.Header))
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func linesWith(s, sub string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return out
}

// scrape reads /metrics into series ("name{label="v",...}", labels as the exposition
// writes them: sorted) and their values.
func scrape(t *testing.T, srv *httptest.Server, c servicetest.Cred) map[string]float64 {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/metrics", nil)
	for k, v := range c {
		req.Header.Set(k, v)
	}
	resp, body := exchange(t, req)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d %s", resp.StatusCode, body)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// runView runs a health view's probe until the test ends.
func runView(t *testing.T, v *health.View) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { v.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

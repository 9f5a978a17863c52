package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestFailFast_DatabaseKnownDown: with nothing listening where the database should be, the
// health view goes down after the first failure; from then on every GraphQL request is
// UNAVAILABLE with Retry-After in well under 100 ms (no driver call), and /readyz answers
// 503 from the view in milliseconds.
func TestFailFast_DatabaseKnownDown(t *testing.T) {
	c := testConfig(t)
	// Nothing listens on port 1 of loopback: every connection is refused.
	driver, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth(), c.Driver.Configure)
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, view := newWatchedStore(driver, c, log)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go view.Run(ctx)
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(routes(c, store, newGraphQLHandler(c, store, log), &ready))
	defer srv.Close()

	first := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/vladimir-putin") { id } }`, nil)
	if first.Code() != errcode.Unavailable {
		t.Fatalf("first request: code %q, want UNAVAILABLE: %+v", first.Code(), first.Errors)
	}
	for deadline := time.Now().Add(2 * time.Second); view.Up(); {
		if time.Now().After(deadline) {
			t.Fatal("the health view is still up 2 s after a refused connection")
		}
		time.Sleep(10 * time.Millisecond)
	}
	var slowest time.Duration
	for range 20 {
		start := time.Now()
		r := servicetest.Post(t, srv.URL, nil, `{ entity(id: "person/vladimir-putin") { id } }`, nil)
		slowest = max(slowest, time.Since(start))
		if r.Code() != errcode.Unavailable {
			t.Fatalf("code %q, want UNAVAILABLE", r.Code())
		}
	}
	if slowest > 100*time.Millisecond {
		t.Errorf("the slowest of 20 refusals took %s; want under 100 ms", slowest)
	}
	resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ stats { entities } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Retry-After") == "" {
		t.Error("UNAVAILABLE without Retry-After")
	}
	start := time.Now()
	resp, err = http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d, want 503", resp.StatusCode)
	}
	if took := time.Since(start); took > 50*time.Millisecond {
		t.Errorf("/readyz took %s; it answers from the health view", took)
	}
	if s := view.Stats(); s.Refused < 20 {
		t.Errorf("the view refused %d calls; want at least 20", s.Refused)
	}
}

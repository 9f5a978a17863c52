package ratelimit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/requestid"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTest(c Config) (*Limiter, *clock, http.Handler, *[]string) {
	var refused []string
	l := New(c, func(_ *http.Request, scope string) { refused = append(refused, scope) })
	clk := &clock{t: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)}
	l.now = clk.now
	h := requestid.Middleware(l.Middleware(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	})))
	return l, clk, h, &refused
}

func send(h http.Handler, addr string, p *kg.Principal) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/graphql", nil)
	req.RemoteAddr = addr
	if p != nil {
		req = req.WithContext(kg.WithPrincipal(req.Context(), p))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestPerAddress(t *testing.T) {
	_, clk, h, refused := newTest(Config{PerAddress: Rule{Rate: 1, Burst: 2}})
	for i, want := range []string{`"address";r=1;t=1`, `"address";r=0;t=2`} {
		rec := send(h, "192.0.2.1:4000", nil)
		if rec.Code != 200 || rec.Header().Get("RateLimit") != want || rec.Header().Get("RateLimit-Policy") != `"address";q=2;w=2` {
			t.Fatalf("request %d: %d RateLimit %q Policy %q", i, rec.Code, rec.Header().Get("RateLimit"), rec.Header().Get("RateLimit-Policy"))
		}
	}
	rec := send(h, "192.0.2.1:4001", nil) // another port of the same address: the same bucket
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("third request: %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 {
		t.Fatalf("body %s: %v", rec.Body, err)
	}
	ext := body.Errors[0].Extensions
	if ext["code"] != errcode.RateLimited || ext["retryAfter"] != 1.0 || ext["requestId"] != rec.Header().Get(requestid.Header) || ext["requestId"] == "" {
		t.Fatalf("extensions %v", ext)
	}
	if rec := send(h, "192.0.2.2:4000", nil); rec.Code != 200 {
		t.Fatalf("another address was refused: %d", rec.Code)
	}
	clk.t = clk.t.Add(time.Second)
	if rec := send(h, "192.0.2.1:4000", nil); rec.Code != 200 {
		t.Fatalf("a second later: %d", rec.Code)
	}
	if len(*refused) != 1 || (*refused)[0] != ScopeAddress {
		t.Fatalf("refusals reported: %v", *refused)
	}
}

func TestPerCredential(t *testing.T) {
	_, _, h, refused := newTest(Config{PerAddress: Rule{Rate: 1, Burst: 1}, PerCredential: Rule{Rate: 10, Burst: 3}})
	alice := &kg.Principal{Name: "alice", Role: kg.RoleReader, Method: "api-key"}
	bob := &kg.Principal{Name: "bob", Role: kg.RoleReader, Method: "api-key"}
	for i := 0; i < 3; i++ {
		if rec := send(h, "192.0.2.1:1", alice); rec.Code != 200 || rec.Header().Get("RateLimit-Policy") != `"credential";q=3;w=1` {
			t.Fatalf("alice %d: %d %q", i, rec.Code, rec.Header().Get("RateLimit-Policy"))
		}
	}
	if rec := send(h, "192.0.2.9:1", alice); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("alice from another address spends the same bucket: %d", rec.Code)
	}
	if rec := send(h, "192.0.2.1:1", bob); rec.Code != 200 {
		t.Fatalf("bob from alice's address: %d", rec.Code)
	}
	// Anonymous callers, and the development profile's anonymous admin, are limited by address.
	anon := &kg.Principal{Name: "anonymous", Role: kg.RoleAdmin, Method: "anonymous"}
	if rec := send(h, "192.0.2.1:1", anon); rec.Code != 200 {
		t.Fatalf("first anonymous: %d", rec.Code)
	}
	if rec := send(h, "192.0.2.1:1", nil); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("second anonymous: %d", rec.Code)
	}
	if want := []string{ScopeCredential, ScopeAddress}; len(*refused) != 2 || (*refused)[0] != want[0] || (*refused)[1] != want[1] {
		t.Fatalf("refusals %v, want %v", *refused, want)
	}
}

func TestOffPassesEverything(t *testing.T) {
	_, _, h, _ := newTest(Config{PerCredential: Rule{Rate: 1, Burst: 1}})
	for i := 0; i < 5; i++ {
		if rec := send(h, "192.0.2.1:1", nil); rec.Code != 200 || rec.Header().Get("RateLimit") != "" {
			t.Fatalf("address limit off, request %d: %d %q", i, rec.Code, rec.Header().Get("RateLimit"))
		}
	}
}

func TestBucketsBounded(t *testing.T) {
	b := newBuckets(Rule{Rate: 1, Burst: 5}, 100, time.Minute)
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	for i := 0; i < 1000; i++ {
		b.take("k"+strconv.Itoa(i), now)
	}
	if n := b.size(); n != 100 {
		t.Fatalf("%d buckets held, want the bound 100", n)
	}
	b.take("late", now.Add(2*time.Minute)) // the sweep drops the idle ones
	if n := b.size(); n != 1 {
		t.Fatalf("%d buckets after the idle ones were swept, want 1", n)
	}
	// A bucket is kept at least as long as it takes to fill, so eviction never hands out
	// tokens that were spent.
	slow := newBuckets(Rule{Rate: 0.01, Burst: 2}, 100, time.Second)
	slow.take("a", now)
	slow.take("a", now)
	if ok, _, _ := slow.take("a", now.Add(10*time.Second)); ok {
		t.Fatal("a spent bucket was forgotten and refilled early")
	}
}

func TestClientAddress(t *testing.T) {
	trusted, err := ParsePrefixes("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ remote, xff, want string }{
		{"192.0.2.7:1234", "", "192.0.2.7"},
		{"192.0.2.7:1234", "198.51.100.1", "192.0.2.7"},                           // not from a proxy: the header is ignored
		{"127.0.0.1:1234", "198.51.100.1", "198.51.100.1"},                        // from the proxy
		{"127.0.0.1:1234", "203.0.113.5, 198.51.100.1, 10.1.1.1", "198.51.100.1"}, // the nearest untrusted hop
		{"127.0.0.1:1234", "garbage, 198.51.100.1", "198.51.100.1"},
		{"127.0.0.1:1234", "198.51.100.1, garbage", "127.0.0.1"},
		{"[2001:db8:1:2:3:4:5:6]:443", "", "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.7]:1", "", "192.0.2.7"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tc.remote
		if tc.xff != "" {
			req.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := ClientAddress(req, trusted); got != tc.want {
			t.Errorf("ClientAddress(%s, XFF %q) = %q, want %q", tc.remote, tc.xff, got, tc.want)
		}
	}
	if _, err := ParsePrefixes("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix was accepted")
	}
	if p, _ := ParsePrefixes("10.1.2.3/8"); len(p) != 1 || p[0] != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("prefix not masked: %v", p)
	}
}

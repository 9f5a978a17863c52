package ratelimit

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/requestid"
)

// Config sets the limits. A caller with a verified credential spends from its
// credential's bucket wherever it calls from; any other caller from its address's.
type Config struct {
	PerCredential Rule
	PerAddress    Rule
	// TrustedProxies are the load balancers whose X-Forwarded-For names the client.
	TrustedProxies []netip.Prefix
	// MaxKeys bounds the buckets held per scope (default 100000, about 20 MB).
	MaxKeys int
	// Idle is how long a bucket is kept unused (default 10 minutes, and at least the
	// time it takes to fill).
	Idle time.Duration
}

// The scopes a bucket belongs to, as named in RateLimit-Policy and in metrics.
const (
	ScopeCredential = "credential"
	ScopeAddress    = "address"
)

// Limiter is the middleware's state: the buckets of each scope.
type Limiter struct {
	cfg        Config
	credential *buckets
	address    *buckets
	now        func() time.Time
	onRefuse   func(r *http.Request, scope string)
}

// New builds a Limiter. onRefuse, when set, is told of every refusal (for logs and metrics).
func New(c Config, onRefuse func(r *http.Request, scope string)) *Limiter {
	if c.MaxKeys <= 0 {
		c.MaxKeys = 100_000
	}
	if c.Idle <= 0 {
		c.Idle = 10 * time.Minute
	}
	l := &Limiter{cfg: c, now: time.Now, onRefuse: onRefuse}
	if c.PerCredential.On() {
		l.credential = newBuckets(c.PerCredential, c.MaxKeys, c.Idle)
	}
	if c.PerAddress.On() {
		l.address = newBuckets(c.PerAddress, c.MaxKeys, c.Idle)
	}
	return l
}

// Middleware limits next. It must run after authentication: the caller in the context
// decides the bucket.
func (l *Limiter) Middleware(next http.Handler) http.Handler {
	if l.credential == nil && l.address == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scope, key, b, rule := l.bucketFor(r)
		if b == nil {
			next.ServeHTTP(w, r)
			return
		}
		ok, remaining, wait := b.take(key, l.now())
		secs := int(math.Ceil(wait.Seconds()))
		h := w.Header()
		h.Set("RateLimit-Policy", fmt.Sprintf(`"%s";q=%d;w=%d`, scope, rule.burst(), max(1, int(math.Ceil(rule.window().Seconds())))))
		h.Set("RateLimit", fmt.Sprintf(`"%s";r=%d;t=%d`, scope, remaining, secs))
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		if l.onRefuse != nil {
			l.onRefuse(r, scope)
		}
		writeRefusal(w, r, scope, max(1, secs))
	})
}

// bucketFor picks the scope and key of r's caller, or a nil bucket when that scope is
// not limited.
func (l *Limiter) bucketFor(r *http.Request) (scope, key string, b *buckets, rule Rule) {
	if p := kg.PrincipalFrom(r.Context()); p != nil && p.Method != "anonymous" {
		return ScopeCredential, p.Method + ":" + p.Name, l.credential, l.cfg.PerCredential
	}
	return ScopeAddress, ClientAddress(r, l.cfg.TrustedProxies), l.address, l.cfg.PerAddress
}

func writeRefusal(w http.ResponseWriter, r *http.Request, scope string, retryAfter int) {
	ext := map[string]any{"code": errcode.RateLimited, "retryAfter": retryAfter}
	if id := requestid.From(r.Context()); id != "" {
		ext["requestId"] = id
	}
	msg := fmt.Sprintf("Too many requests from this %s: try again in %d s (Retry-After).", scope, retryAfter)
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(retryAfter))
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": ext}}})
}

// Package ratelimit refuses a client that sends more than its share: a token bucket
// (golang.org/x/time/rate) per credential, and per client address for callers without
// one. Refused requests get 429, Retry-After, the IETF RateLimit and RateLimit-Policy
// fields, and a GraphQL-shaped error with extensions.code RATE_LIMITED.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rule is one bucket's size: Rate tokens a second, at most Burst saved up. A zero Rate
// means no limit.
type Rule struct {
	Rate  float64
	Burst int
}

// On reports whether the rule limits anything.
func (r Rule) On() bool { return r.Rate > 0 }

// window is how long an empty bucket takes to fill: the w of RateLimit-Policy.
func (r Rule) window() time.Duration {
	return time.Duration(float64(r.burst()) / r.Rate * float64(time.Second))
}

func (r Rule) burst() int { return max(r.Burst, 1) }

// buckets holds one token bucket per key, in bounded memory: a bucket idle for longer
// than it takes to fill is full again, so dropping it loses nothing, and a sweep drops
// those; beyond maxKeys (a flood of addresses) an arbitrary bucket makes room.
type buckets struct {
	rule    Rule
	maxKeys int
	idle    time.Duration

	mu        sync.Mutex
	m         map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newBuckets(rule Rule, maxKeys int, idle time.Duration) *buckets {
	return &buckets{rule: rule, maxKeys: maxKeys, idle: max(idle, rule.window()), m: map[string]*bucket{}}
}

// take spends a token of key's bucket at now. It returns whether the request may go on,
// the whole tokens left, and how long until the next token (refused) or a full bucket.
func (b *buckets) take(key string, now time.Time) (ok bool, remaining int, wait time.Duration) {
	b.mu.Lock()
	if now.Sub(b.lastSweep) > b.idle/2 {
		b.sweep(now)
	}
	e := b.m[key]
	if e == nil {
		if len(b.m) >= b.maxKeys {
			for k := range b.m { // map order is random: an arbitrary victim
				delete(b.m, k)
				break
			}
		}
		e = &bucket{lim: rate.NewLimiter(rate.Limit(b.rule.Rate), b.rule.burst())}
		b.m[key] = e
	}
	e.last = now
	b.mu.Unlock()

	ok = e.lim.AllowN(now, 1)
	tokens := e.lim.TokensAt(now)
	perToken := time.Duration(float64(time.Second) / b.rule.Rate)
	if !ok {
		return false, 0, time.Duration((1 - tokens) * float64(perToken))
	}
	return true, int(tokens), time.Duration((float64(b.rule.burst()) - tokens) * float64(perToken))
}

// sweep drops buckets idle long enough to be full. Called with mu held.
func (b *buckets) sweep(now time.Time) {
	for k, e := range b.m {
		if now.Sub(e.last) > b.idle {
			delete(b.m, k)
		}
	}
	b.lastSweep = now
}

// size is the number of buckets held, for tests.
func (b *buckets) size() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}

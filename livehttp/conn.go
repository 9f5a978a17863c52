// Package livehttp carries subscriptions over HTTP: the connection of each long-lived
// stream (a WebSocket or a Server-Sent Events response) with its limits, the WebSocket
// implementation gqlgen's transport uses, and the way a subscription that fell behind closes
// its connection with a clear code. It is generic plumbing that knows nothing of the graph.
package livehttp

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// CloseSlowConsumer is the WebSocket close code of a connection dropped because one of its
// subscriptions did not read its events fast enough (4000-4999 are the application's).
const CloseSlowConsumer = 4413

// Limits bound one connection.
type Limits struct {
	// Subscriptions is how many subscriptions one connection may hold at once.
	Subscriptions int
	// Rate and Burst bound how fast a connection may start subscriptions.
	Rate  rate.Limit
	Burst int
}

// DefaultLimits suit a dashboard with a few live panels.
var DefaultLimits = Limits{Subscriptions: 16, Rate: 5, Burst: 20}

// IsStream reports whether r opens a long-lived stream: a WebSocket upgrade, or a request
// for Server-Sent Events (what gqlgen's transports accept).
func IsStream(r *http.Request) bool {
	return r.Header.Get("Upgrade") != "" || strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// Conn is one stream's connection, found in the context of everything that runs for it.
type Conn struct {
	limits  Limits
	limiter *rate.Limiter
	cancel  context.CancelFunc
	w       http.ResponseWriter

	mu     sync.Mutex
	active int
	ws     *wsConn // set once the WebSocket is accepted
}

type connKey struct{}

type shutdownKey struct{}

// WithShutdown marks the context of a server's requests (http.Server.BaseContext) with
// shutdown, whose end ends every stream: a server that drains its requests must not wait
// its whole grace for streams that never finish by themselves.
func WithShutdown(ctx, shutdown context.Context) context.Context {
	return context.WithValue(ctx, shutdownKey{}, shutdown)
}

// Middleware gives every stream its Conn and lifts the server's deadlines from it: a
// request's deadline and write timeout are for answers, not for a stream that lasts. Other
// requests pass through unchanged.
func Middleware(limits Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !IsStream(r) {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
		stop := context.AfterFunc(r.Context(), cancel) // the client going away still ends it
		defer stop()
		if shutdown, ok := r.Context().Value(shutdownKey{}).(context.Context); ok {
			defer context.AfterFunc(shutdown, cancel)()
		}
		defer cancel()
		rc := http.NewResponseController(w)
		_ = rc.SetWriteDeadline(time.Time{})
		_ = rc.SetReadDeadline(time.Time{})
		c := &Conn{limits: limits, limiter: rate.NewLimiter(limits.Rate, limits.Burst), cancel: cancel, w: w}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, connKey{}, c)))
	})
}

// ConnFrom returns the stream's connection, or nil outside a stream.
func ConnFrom(ctx context.Context) *Conn {
	c, _ := ctx.Value(connKey{}).(*Conn)
	return c
}

// ErrTooMany and ErrTooFast refuse a subscription over the connection's limits.
var (
	ErrTooMany = errors.New("this connection holds its most subscriptions; end one first")
	ErrTooFast = errors.New("subscriptions are started too fast on this connection; wait a moment")
)

// Acquire takes one of the connection's subscription slots and returns its release.
// Returns ErrTooMany when the connection holds its most subscriptions, ErrTooFast when it
// starts them too fast. Outside a stream there is nothing to count.
func Acquire(ctx context.Context) (func(), error) {
	c := ConnFrom(ctx)
	if c == nil {
		return func() {}, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.active >= c.limits.Subscriptions {
		return nil, ErrTooMany
	}
	if !c.limiter.Allow() {
		return nil, ErrTooFast
	}
	c.active++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			c.active--
			c.mu.Unlock()
		})
	}, nil
}

// Drop closes the stream of ctx because a subscription fell behind: a WebSocket with
// CloseSlowConsumer and reason, an event stream by ending the response (its pending write
// is cut off, so a client that stopped reading cannot hold it open).
func Drop(ctx context.Context, reason string) {
	c := ConnFrom(ctx)
	if c == nil {
		return
	}
	c.mu.Lock()
	ws := c.ws
	c.mu.Unlock()
	if ws != nil {
		ws.drop(CloseSlowConsumer, reason)
	} else {
		_ = http.NewResponseController(c.w).SetWriteDeadline(time.Now())
	}
	c.cancel()
}

// IsWebsocket reports whether ctx runs for a WebSocket connection.
func IsWebsocket(ctx context.Context) bool {
	c := ConnFrom(ctx)
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws != nil
}

package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/health"
	"github.com/diplograph/diplograph/httpguard"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/livehttp"
	"github.com/diplograph/diplograph/metrics"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// retryAfter is what UNAVAILABLE and OVERLOADED answers ask a client to wait: the health
// probe looks again within half of it.
const retryAfter = time.Second

// newWatchedStore is the serving store: every call passes the health view's gate, and the
// view probes the database through the store's Ping. Run the view with view.Run.
func newWatchedStore(driver neo4j.DriverWithContext, c Config, log *slog.Logger) (*cypher.Store, *health.View) {
	var store *cypher.Store
	view := health.New(func(ctx context.Context) error { return store.Ping(ctx) }, health.Options{
		Interval: c.HealthInterval,
		Classify: classifyProbeFailure,
		Log: func(from, to health.State, cause error) {
			metrics.SetDatabaseUp(to != health.Down)
			if to == health.Down {
				log.Error("database unreachable: answering UNAVAILABLE without trying it until a probe reaches it", "err", cause)
				return
			}
			log.Info("database reachable again", "was", from)
		},
	})
	store = cypher.New(driver, cypher.Options{Database: c.Neo4jDatabase, TxTimeout: c.TxTimeout, Health: view,
		OnRoundTrip: metrics.RoundTrip})
	metrics.SetDatabaseUp(view.Up()) // the view's belief from the start, not only from its first change
	return store, view
}

// classifyProbeFailure: a refused connection is an outage. A database that took the
// connection and then answers slowly (a read or write timeout on it) is busy, as is a busy
// pool: neither is an outage. No answer at all in time (a connect that hangs) may be either,
// so it takes a few in a row.
func classifyProbeFailure(err error) health.Failure {
	msg := err.Error()
	switch {
	case kg.ErrorCode(err) == errcode.Overloaded,
		strings.Contains(msg, "Timeout while reading from connection"),
		strings.Contains(msg, "Timeout while writing to connection"):
		return health.Busy
	case errors.Is(err, context.DeadlineExceeded), strings.Contains(msg, "deadline exceeded"),
		strings.Contains(msg, "timeout"):
		return health.Doubtful
	}
	return health.Definite
}

// databaseReady is /readyz's question: the health view's answer when the store has one,
// else a ping bounded by a short timeout.
func databaseReady(ctx context.Context, store kg.Store) error {
	if s, ok := store.(interface{ Ready(context.Context) error }); ok {
		return s.Ready(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return store.Ping(ctx)
}

// guardRequests gives every GraphQL request its deadline and its Retry-After header.
// A subscription's stream (livehttp.IsStream) has no deadline, which is for answers; its
// connection gets its limits instead (livehttp.Middleware), and each read it makes the
// store's transaction timeout.
func guardRequests(c Config, h http.Handler) http.Handler {
	h = httpguard.RetryAfter(h)
	if c.RequestTimeout > 0 {
		stream, timed := h, httpguard.Deadline(c.RequestTimeout, h)
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if livehttp.IsStream(r) {
				stream.ServeHTTP(w, r)
				return
			}
			timed.ServeHTTP(w, r)
		})
	}
	return livehttp.Middleware(livehttp.DefaultLimits, h)
}

// noteRetry is called by the error presenter for each error: a client told UNAVAILABLE or
// OVERLOADED should come back, and the header says when.
func noteRetry(ctx context.Context, code string) {
	if code == errcode.Unavailable || code == errcode.Overloaded {
		httpguard.NoteRetry(ctx, retryAfter)
	}
}

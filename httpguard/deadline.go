// Package httpguard holds what every HTTP request to the service passes through on its way
// in and out: a deadline that reaches the database, and the Retry-After header of answers
// that ask the client to come back later.
package httpguard

import (
	"context"
	"net/http"
	"time"
)

// Deadline gives every request a deadline of timeout. The store turns what is left of it
// into Neo4j's transaction timeout (cypher.txTimeoutFor), so a slow query is ended by the
// database before the server's write timeout cuts the connection; choose timeout shorter
// than that write timeout (WriteTimeout).
func Deadline(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// WriteTimeout is the http.Server write timeout that goes with a request deadline: room to
// write the answer (an error, at worst) after the deadline has passed.
func WriteTimeout(requestTimeout time.Duration) time.Duration {
	return requestTimeout + 5*time.Second
}

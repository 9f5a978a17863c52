package main

import (
	"net/http"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
)

// exportRoute serves GET /export/{format} (docs/exports.md) behind the same authentication
// as /graphql, and the same read rule: a reader may export, an anonymous caller only when
// anonymous reads are on. Exports are rate-limited like /graphql, in buckets of their own, so
// that a caller's exports do not use up its queries' budget. No request deadline: a
// whole-graph export runs for minutes, each of its reads bounded by the transaction timeout.
func exportRoute(c Config, store kg.Store) http.Handler {
	log := newLogger(c)
	return c.Auth.WithAuthentication(newRateLimiter(c, log).Middleware(export.Handler(store, c.Auth.AnonymousReads, log)), log)
}

package main

import (
	"net/http"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
)

// exportRoute serves GET /export/{format} (docs/exports.md) behind the same authentication
// as /graphql, and the same read rule: a reader may export, an anonymous caller only when
// anonymous reads are on.
func exportRoute(c Config, store kg.Store) http.Handler {
	log := newLogger(c)
	return withAuthentication(c, export.Handler(store, c.Auth.AnonymousReads, log), log)
}

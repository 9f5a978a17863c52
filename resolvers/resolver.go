// Package resolvers is the thin layer between the GraphQL schema and the store: arguments
// in, one store call (or one batched load), results out. Conversion and batching helpers
// live beside the generated *.resolvers.go files, never inside them.
package resolvers

import (
	"log/slog"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// Resolver is the single place where the GraphQL layer's dependencies are injected.
type Resolver struct {
	Store  kg.Store
	Logger *slog.Logger
	Limits Limits
	// Live serves the subscriptions; nil, they answer UNAVAILABLE.
	Live *live.Hub
}

// Limits bound what one request may ask for; beyond a bound the request gets
// BAD_USER_INPUT naming the argument and the bound.
type Limits struct {
	MaxPageSize     int
	MaxSearchResult int
}

// DefaultLimits are safe for an analyst's playground and a dashboard alike.
var DefaultLimits = Limits{MaxPageSize: 100, MaxSearchResult: 100}
